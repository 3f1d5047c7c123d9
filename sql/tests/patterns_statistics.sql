-- The shared statistics and classifiers of spec/change-patterns.md against hand-computed
-- and textbook values. Each row of a VALUES list below is one assertion.
BEGIN;
SELECT plan(153);

-- chi_square_p_value -------------------------------------------------------------------
-- 1 degree of freedom: the 0.95 quantile of chi-square(1) is 3.841458820694124 (= 1.959963984540054^2),
-- so Q = erfc(sqrt(3.8414588/2)) = 0.05. The erfc fit is good to 1.2e-7 relative.
SELECT ok(abs(patterns.chi_square_p_value(3.841458820694124, 1) - 0.05) < 1e-6,
          'Check that chi-square 3.841458820694124 with 1 degree of freedom has p = 0.05');
-- df 1 at x = 6.634896601021214 (0.99 quantile): p = 0.01.
SELECT ok(abs(patterns.chi_square_p_value(6.634896601021214, 1) - 0.01) < 1e-7,
          'Check that chi-square 6.6349 with 1 degree of freedom has p = 0.01');
-- 2 degrees of freedom: Q(1, x/2) = exp(-x/2) exactly (continued fraction for x/2 >= 2, series below).
SELECT ok(abs(patterns.chi_square_p_value(x, 2) - exp(-x / 2)) < 1e-14 * exp(-x / 2) + 1e-15,
          format('Check that chi-square %s with 2 degrees of freedom has p = exp(-x/2)', x))
  FROM unnest(ARRAY[0.5, 1, 4.5, 10, 30]::double precision[]) x;
-- 4 degrees of freedom: Q(2, x/2) = exp(-x/2) (1 + x/2); x = 2 gives 2/e = 0.7357588823428847 (series branch).
SELECT ok(abs(patterns.chi_square_p_value(2, 4) - 2 * exp(-1.0::double precision)) < 1e-12,
          'Check that chi-square 2 with 4 degrees of freedom has p = 2/e');
-- Odd degrees of freedom: Q(k/2, x/2) = erfc(sqrt(x/2)) + sqrt(2x/pi) e^(-x/2) sum_{j=1}^{(k-1)/2} x^(j-1)/(1*3*..*(2j-1)).
-- 0.95 quantiles: df 5 11.070497693516351, df 23 35.17246162690806 -> p = 0.05 each.
SELECT ok(abs(patterns.chi_square_p_value(11.070497693516351, 5) - 0.05) < 1e-9,
          'Check that chi-square 11.0705 with 5 degrees of freedom has p = 0.05');
SELECT ok(abs(patterns.chi_square_p_value(35.17246162690806, 23) - 0.05) < 1e-9,
          'Check that chi-square 35.1725 with 23 degrees of freedom has p = 0.05');
-- df 5, x = 2 (series branch): erfc(1) + sqrt(4/pi) e^-1 (1 + 2/3) = 0.8491450360846096.
SELECT ok(abs(patterns.chi_square_p_value(2, 5) - 0.8491450360846096) < 1e-12,
          'Check that chi-square 2 with 5 degrees of freedom has p = 0.849145036');
-- df 11, x = 3: by the same closed form 0.9907258863657353.
SELECT ok(abs(patterns.chi_square_p_value(3, 11) - 0.9907258863657353) < 1e-12,
          'Check that chi-square 3 with 11 degrees of freedom has p = 0.990725886');
SELECT is(patterns.chi_square_p_value(x, df), 1::double precision,
          format('Check that chi-square %s with %s degrees of freedom has p = 1', x, df))
  FROM (VALUES (0::double precision, 1), (0, 3), (-1, 1), (-0.5, 23)) v(x, df);
SELECT is(patterns.chi_square_p_value(x, df), 0::double precision,
          format('Check that a huge chi-square %s with %s degrees of freedom underflows to p = 0', x, df))
  FROM (VALUES (1e6::double precision, 1), (1e6, 2), (5000, 5), (1e5, 23)) v(x, df);
SELECT throws_ok($$SELECT patterns.chi_square_p_value(1, 0)$$, '22023', NULL,
                 'Check that 0 degrees of freedom are refused with 22023');
SELECT throws_ok($$SELECT patterns.chi_square_p_value(1, -3)$$, '22023', NULL,
                 'Check that negative degrees of freedom are refused with 22023');

-- significance = min(99.9999, -log10 p) --------------------------------------------------
SELECT ok(abs(patterns.significance(0.01) - 2) < 1e-12, 'Check that p = 0.01 has significance 2');
SELECT is(patterns.significance(0), 99.9999::double precision, 'Check that p = 0 has significance 99.9999');
SELECT is(patterns.significance(1), 0::double precision, 'Check that p = 1 has significance 0');
SELECT is(patterns.significance(1e-200), 99.9999::double precision, 'Check that p = 1e-200 is capped at 99.9999');
SELECT ok(abs(patterns.significance(0.05) - 1.3010299956639813) < 1e-12, 'Check that p = 0.05 has significance 1.30103');

-- commit_type: Conventional type first (type, optional (scope), optional !, ": "),
-- else fix when \m(fix|fixes|fixed|bug|hotfix)\M matches (case-insensitive), else other.
SELECT is(patterns.commit_type(subject), expected, format('Check that %L is of type %s', subject, expected))
  FROM (VALUES
    ('feat: add a parser', 'feat'), ('fix: off by one', 'fix'), ('docs: usage', 'docs'),
    ('style: gofmt', 'style'), ('refactor: split module', 'refactor'), ('perf: cache lookups', 'perf'),
    ('test: cover edge case', 'test'), ('build: bump gcc', 'build'), ('ci: cache pip', 'ci'),
    ('chore: tidy', 'chore'), ('revert: feat: add a parser', 'revert'),
    -- scope, !, both
    ('feat(parser): add', 'feat'), ('refactor!: drop py2', 'refactor'), ('chore(deps)!: bump', 'chore'),
    -- case-insensitive, stored lower-cased
    ('FEAT: shout', 'feat'), ('Fix(Api): x', 'fix'), ('Docs: readme', 'docs'),
    -- the Conventional type wins over a fix keyword
    ('docs: fix typo', 'docs'), ('feat: fixes #3 too', 'feat'),
    -- not the Conventional form: no space after the colon, a space before the scope, an unknown type
    ('feat:no space', 'other'), ('feat (x): y', 'other'), ('feature: big', 'other'), ('wip: x', 'other'),
    -- fix keywords as whole words
    ('Fixes #12', 'fix'), ('fixed the build', 'fix'), ('Fix crash on start', 'fix'), ('a BUG in x', 'fix'),
    ('hotfix: x', 'fix'), ('hotfix for prod', 'fix'), ('fix-up the docs', 'fix'), ('(fix) x', 'fix'),
    ('Revert "fix parser"', 'fix'),
    -- not whole words: prefix, bugfix, debug, fixture, suffix, fix_typo (_ is a word character)
    ('prefix the path', 'other'), ('bugfix in parser', 'other'), ('add debug logging', 'other'),
    ('new fixtures', 'other'), ('suffix', 'other'), ('fix_typo', 'other'), ('bugs everywhere', 'other'),
    ('Revert "feat: x"', 'other'), ('', 'other')
  ) v(subject, expected);

-- file_extension: after the last dot of the base name, lower-cased; NULL without one or
-- for a name that starts with its only dot.
SELECT is(patterns.file_extension(path), expected, format('Check that the extension of %L is %s', path, coalesce(expected, 'NULL')))
  FROM (VALUES
    ('src/main.py', 'py'), ('src/Main.PY', 'py'), ('a.tar.gz', 'gz'), ('.eslintrc.json', 'json'),
    ('Makefile', NULL::text), ('.gitignore', NULL), ('conf.d/nginx', NULL), ('a/.env', NULL),
    ('x.verylongextension', 'verylongextension'), ('docs/a.b.MD', 'md')
  ) v(path, expected);

-- file_category, rules in order: test, docs, ci (at the root), config, source; segments
-- (base name included) case-sensitive, extensions case-insensitive.
SELECT is(patterns.file_category(path), expected, format('Check that %L is in category %s', path, expected))
  FROM (VALUES
    -- test: segments test, tests, spec, __tests__; names test_*, *_test.*, *.test.*, *.spec.*
    ('test/a.c', 'test'), ('pkg/tests/a.py', 'test'), ('spec/models/a.rb', 'test'), ('web/__tests__/a.js', 'test'),
    ('src/test', 'test'), ('test_parser.py', 'test'), ('pkg/parser_test.go', 'test'), ('a.test.js', 'test'),
    ('ui/a.spec.ts', 'test'), ('docs/test_plan.md', 'test'), ('tests/README.md', 'test'),
    -- not test: case-sensitive segments, near misses
    ('Tests/a.py', 'source'), ('testing/a.py', 'source'), ('contest.py', 'source'), ('latest_a.py', 'source'),
    ('testa.py', 'source'), ('src/spec.py', 'source'),
    -- docs: .md .rst .txt .adoc (any case), segments docs/doc
    ('README.md', 'docs'), ('notes.TXT', 'docs'), ('guide.adoc', 'docs'), ('a/b.rst', 'docs'),
    ('doc/x.py', 'docs'), ('docs/conf.json', 'docs'), ('Docs/x.py', 'source'), ('.github/README.md', 'docs'),
    -- ci: under .github/ or .circleci/ or .gitlab-ci* at the root only
    ('.github/workflows/ci.yml', 'ci'), ('.circleci/config.yml', 'ci'), ('.gitlab-ci.yml', 'ci'),
    ('.github/CODEOWNERS', 'ci'), ('sub/.github/workflows/ci.yml', 'config'), ('sub/.gitlab-ci.yml', 'config'),
    ('.gitlab-ci-extra', 'ci'),
    -- config: extensions (any case), the names Makefile, Dockerfile, .gitignore, .env itself
    ('package.json', 'config'), ('a.YAML', 'config'), ('x.yml', 'config'), ('pyproject.toml', 'config'),
    ('tox.ini', 'config'), ('setup.cfg', 'config'), ('nginx.conf', 'config'), ('.env', 'config'),
    ('deploy/prod.env', 'config'), ('poetry.lock', 'config'), ('pom.xml', 'config'), ('Makefile', 'config'),
    ('sub/Dockerfile', 'config'), ('.gitignore', 'config'), ('sub/.gitignore', 'config'),
    ('makefile', 'source'), ('.env.local', 'source'),
    -- source: everything else
    ('src/main.c', 'source'), ('README', 'source'), ('bin/run', 'source')
  ) v(path, expected);

-- parent_directory and top_level_directory ('' for the root)
SELECT is(patterns.parent_directory('a/b/c.py'), 'a/b', 'Check that the parent of a/b/c.py is a/b');
SELECT is(patterns.parent_directory('c.py'), '', 'Check that the parent of a root file is the empty string');
SELECT is(patterns.top_level_directory('a/b/c.py'), 'a', 'Check that the top-level directory of a/b/c.py is a');
SELECT is(patterns.top_level_directory('c.py'), '', 'Check that the top-level directory of a root file is the empty string');

-- season: DJF 0, MAM 1, JJA 2, SON 3
SELECT is(patterns.season(month), expected, format('Check that month %s is in season %s', month, expected))
  FROM (VALUES (12, 0), (1, 0), (2, 0), (3, 1), (4, 1), (5, 1), (6, 2), (7, 2), (8, 2), (9, 3), (10, 3), (11, 3)) v(month, expected);

-- coefficient_of_variation: {2,4,4,4,5,5,7,9}: mean 5, population variance
-- (9+1+1+1+0+0+4+16)/8 = 4, sd 2 -> 0.4. {1,3}: mean 2, sd 1 -> 0.5.
SELECT ok(abs(patterns.coefficient_of_variation(ARRAY[2, 4, 4, 4, 5, 5, 7, 9]) - 0.4) < 1e-12,
          'Check that the coefficient of variation of 2,4,4,4,5,5,7,9 is 0.4 (population sd)');
SELECT ok(abs(patterns.coefficient_of_variation(ARRAY[1, 3]) - 0.5) < 1e-12,
          'Check that the coefficient of variation of 1,3 is 0.5');
SELECT is(patterns.coefficient_of_variation(ARRAY[3]::double precision[]), 0::double precision,
          'Check that one value has a coefficient of variation of 0');
SELECT is(patterns.coefficient_of_variation(ARRAY[0, 0]::double precision[]), NULL,
          'Check that a mean of 0 gives NULL');
SELECT is(patterns.coefficient_of_variation('{}'::double precision[]), NULL,
          'Check that no values give NULL');

-- iso_week_start, in UTC: Sunday 2021-01-03 23:30Z is in the week of Monday 2020-12-28;
-- 2021-01-03 23:30-05 is 2021-01-04 04:30Z, a Monday.
SELECT is(patterns.iso_week_start('2021-01-03 23:30+00'), '2020-12-28'::date,
          'Check that a Sunday belongs to the ISO week of the Monday before');
SELECT is(patterns.iso_week_start('2021-01-03 23:30-05'), '2021-01-04'::date,
          'Check that ISO weeks are counted in UTC');

SELECT * FROM finish();
ROLLBACK;
