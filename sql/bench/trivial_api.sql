-- pgbench: the floor of an api call on this machine: a PL/pgSQL function shaped like
-- api.suggest_cochanges (SECURITY DEFINER, the same SET clauses) that returns one row and reads
-- nothing, called with the same query-table lookup as suggest_recent.sql.
\set n random(0, :queries - 1)
SELECT * FROM public.bench_trivial('bench', ARRAY[(SELECT file_path FROM public.bench_queries WHERE i = :n)], 10,
                                   (SELECT author_key FROM public.bench_queries WHERE i = :n));
