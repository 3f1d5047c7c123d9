-- pgbench: the recent ranking for one file, as a developer asks it: a random change of the
-- history (so files come as often as they change) with its author.
\set n random(0, :queries - 1)
SELECT * FROM api.suggest_cochanges('bench', ARRAY[(SELECT file_path FROM public.bench_queries WHERE i = :n)], 10,
                                    (SELECT author_key FROM public.bench_queries WHERE i = :n));
