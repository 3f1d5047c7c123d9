-- pgbench: the pairs of a random file (bench/discovery_bench.py fills public.bench_files).
\set n random(0, :files - 1)
SELECT * FROM api.pattern_cooccurrence_search('bench', (SELECT file_path FROM public.bench_files WHERE i = :n), 0, 0, NULL, 20);
