-- pgbench: the recent ranking for one file without an author: a random change of the history
-- (files come as often as they change).
\set n random(0, :queries - 1)
SELECT * FROM api.suggest_cochanges('bench', ARRAY[(SELECT file_path FROM public.bench_queries WHERE i = :n)], 10);
