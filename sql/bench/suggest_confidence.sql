-- pgbench: the confidence baseline for the same random changes.
\set n random(0, :queries - 1)
SELECT * FROM api.suggest_cochanges('bench', ARRAY[(SELECT file_path FROM public.bench_queries WHERE i = :n)], 10,
                                    p_ranking => 'confidence');
