-- pgbench: the profile of a random author.
\set n random(0, :authors - 1)
SELECT * FROM api.pattern_developer_profile('bench', (SELECT author_email FROM public.bench_authors WHERE i = :n));
