-- pgbench: co-change suggestions for a random file, from the raw history.
\set n random(0, :files - 1)
SELECT * FROM api.suggest_cochanges('bench', ARRAY[(SELECT file_path FROM public.bench_files WHERE i = :n)], 10);
