-- pgbench: the recent ranking for one of the 20 most changed files, with a random author of it.
\set n random(0, :hot - 1)
SELECT * FROM api.suggest_cochanges('bench', ARRAY[(SELECT file_path FROM public.bench_hot WHERE i = :n)], 10,
                                    (SELECT author_key FROM public.bench_hot WHERE i = :n));
