-- The statistics and classifiers the discovery algorithms share (spec/change-patterns.md),
-- each a function of its own so that it can be tested against known values.
-- The small IMMUTABLE SQL helpers have no SET search_path on purpose: a SET clause stops
-- PostgreSQL from inlining a SQL function, and these run once per change row (measured:
-- about 10 us a call, a third of the developer algorithm's time on a 10K-commit history).
-- Their bodies use only built-ins, and pg_catalog is always searched first. Nor are they
-- STRICT, which would also stop inlining of a body that is not itself strict.
CREATE FUNCTION patterns.erfc(p_z double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Complementary error function; Chebyshev fit (Numerical Recipes erfcc), relative
    -- error below 1.2e-7 everywhere, so -log10 of it is good to 1e-7.
    -- exp() raises on underflow in PostgreSQL, so a tail below ~1e-308 is 0.
    SELECT CASE WHEN p_z >= 0 THEN r ELSE 2 - r END
      FROM (SELECT CASE WHEN e < -708 THEN 0 ELSE t * exp(e) END AS r
              FROM (SELECT t, -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                           + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                           + t * (-0.82215223 + t * 0.17087277)))))))) AS e
                      FROM (SELECT abs(p_z) AS z, 1 / (1 + 0.5 * abs(p_z)) AS t) x) y) w
$$;
COMMENT ON FUNCTION patterns.erfc(double precision) IS 'The complementary error function erfc(z), to a relative error below 1.2e-7.';

CREATE FUNCTION patterns.chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer)
RETURNS double precision
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_a         double precision := p_degrees_of_freedom / 2.0;
    v_b         double precision;
    v_c         double precision;
    v_d         double precision;
    v_delta     double precision;
    v_h         double precision;
    v_log_gamma double precision := 0;
    v_sum       double precision;
    v_term      double precision;
    v_x         double precision := p_statistic / 2.0;
BEGIN
    /*
     * Upper tail of the chi-square distribution: Q(k/2, x/2), the regularized upper
     * incomplete gamma function (series below a + 1, Lentz's continued fraction above).
     * One degree of freedom is erfc(sqrt(x/2)), the common case (every file pair).
     */
    IF p_degrees_of_freedom < 1 THEN
        RAISE EXCEPTION 'degrees of freedom must be at least 1, not %', p_degrees_of_freedom
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_statistic <= 0 THEN
        RETURN 1;
    END IF;
    IF p_degrees_of_freedom = 1 THEN
        RETURN patterns.erfc(sqrt(v_x));
    END IF;
    -- ln Gamma(k/2), exactly for halves: Gamma(1) = 1, Gamma(1/2) = sqrt(pi), Gamma(a + 1) = a Gamma(a).
    v_term := CASE WHEN p_degrees_of_freedom % 2 = 0 THEN 1 ELSE 0.5 END;
    IF p_degrees_of_freedom % 2 = 1 THEN
        v_log_gamma := ln(sqrt(pi()));
    END IF;
    WHILE v_term < v_a LOOP
        v_log_gamma := v_log_gamma + ln(v_term);
        v_term := v_term + 1;
    END LOOP;
    IF v_x < v_a + 1 THEN
        v_term := 1 / v_a;
        v_sum := v_term;
        FOR v_i IN 1..10000 LOOP
            v_term := v_term * v_x / (v_a + v_i);
            v_sum := v_sum + v_term;
            EXIT WHEN abs(v_term) < abs(v_sum) * 1e-16;
        END LOOP;
        RETURN greatest(0, 1 - v_sum * exp(-v_x + v_a * ln(v_x) - v_log_gamma));
    END IF;
    v_b := v_x + 1 - v_a;
    v_c := 1e300;
    v_d := 1 / v_b;
    v_h := v_d;
    FOR v_i IN 1..10000 LOOP
        v_delta := -v_i * (v_i - v_a);
        v_b := v_b + 2;
        v_d := v_delta * v_d + v_b;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := v_b + v_delta / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_term := v_d * v_c;
        v_h := v_h * v_term;
        EXIT WHEN abs(v_term - 1) < 1e-16;
    END LOOP;
    -- exp() raises on underflow in PostgreSQL: a p-value below ~1e-308 is 0.
    IF -v_x + v_a * ln(v_x) - v_log_gamma + ln(v_h) < -708 THEN
        RETURN 0;
    END IF;
    RETURN least(1, exp(-v_x + v_a * ln(v_x) - v_log_gamma) * v_h);
END
$$;
COMMENT ON FUNCTION patterns.chi_square_p_value(double precision, integer) IS 'Upper-tail p-value of a chi-square statistic with the given degrees of freedom (1 for x <= 0).';

CREATE FUNCTION patterns.significance(p_p_value double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- -log10(p), capped at 99.9999 (a p-value that underflows to 0 gives the cap).
    SELECT CASE WHEN p_p_value <= 0 THEN 99.9999 ELSE least(99.9999, greatest(0, -log(p_p_value))) END
$$;
COMMENT ON FUNCTION patterns.significance(double precision) IS 'statistical_significance = min(99.9999, -log10(p_value)): 2 means p = 0.01.';

CREATE FUNCTION patterns.commit_type(p_subject text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- The Conventional Commits type (type, optional (scope), optional !, colon, space);
    -- else fix by keyword; else other.
    SELECT coalesce(
        lower(substring(p_subject FROM '(?i)^(feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\([^)]*\))?!?: ')),
        CASE WHEN p_subject ~* '\m(fix|fixes|fixed|bug|hotfix)\M' THEN 'fix' ELSE 'other' END)
$$;
COMMENT ON FUNCTION patterns.commit_type(text) IS 'A commit''s type from its subject: feat, fix, docs, style, refactor, perf, test, build, ci, chore or revert as a Conventional Commits prefix (case-insensitive); else fix when a word fix, fixes, fixed, bug or hotfix occurs; else other.';

CREATE FUNCTION patterns.file_extension(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- The part after the last dot of the base name, lower-cased; NULL without one, for a
    -- name whose only dot leads it (.gitignore), or when nothing follows the dot.
    SELECT CASE WHEN base ~ '^\.[^.]*$' OR position('.' IN base) = 0 THEN NULL
                ELSE nullif(lower(substring(base FROM '\.([^.]*)$')), '') END
      FROM (SELECT substring(p_path FROM '[^/]*$') AS base) b
$$;
COMMENT ON FUNCTION patterns.file_extension(text) IS 'A file''s extension: the lower-cased part after the last dot of its base name; NULL when there is none, when the name starts with its only dot (.gitignore), or when the name ends with the dot.';

CREATE FUNCTION patterns.file_category(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- The spec's rules in their order; path segments (the base name included) are
    -- compared case-sensitively, extensions case-insensitively.
    SELECT CASE
        WHEN segments && ARRAY['test', 'tests', 'spec', '__tests__']
          OR base LIKE 'test\_%' OR base ~ '_test\.' OR base ~ '\.test\.' OR base ~ '\.spec\.' THEN 'test'
        WHEN lower(base) ~ '\.(md|rst|txt|adoc)$' OR segments && ARRAY['docs', 'doc'] THEN 'docs'
        WHEN segments[1] IN ('.github', '.circleci') AND cardinality(segments) > 1
          OR (cardinality(segments) = 1 AND base LIKE '.gitlab-ci%') THEN 'ci'
        WHEN lower(base) ~ '\.(json|yaml|yml|toml|ini|cfg|conf|env|lock|xml)$'
          OR base IN ('Makefile', 'Dockerfile', '.gitignore') THEN 'config'
        ELSE 'source'
    END
      FROM (SELECT string_to_array(p_path, '/') AS segments, substring(p_path FROM '[^/]*$') AS base) s
$$;
COMMENT ON FUNCTION patterns.file_category(text) IS 'test, docs, ci, config or source, by the path rules of spec section 4.';

CREATE FUNCTION patterns.parent_directory(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(substring(p_path FROM '^(.*)/[^/]*$'), '')
$$;
COMMENT ON FUNCTION patterns.parent_directory(text) IS 'The directory holding a path, '''' for the repository root.';

CREATE FUNCTION patterns.top_level_directory(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE WHEN position('/' IN p_path) > 0 THEN split_part(p_path, '/', 1) ELSE '' END
$$;
COMMENT ON FUNCTION patterns.top_level_directory(text) IS 'The first path segment of a file in a directory; '''' for files at the root.';

CREATE FUNCTION patterns.season(p_month integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT (p_month % 12) / 3
$$;
COMMENT ON FUNCTION patterns.season(integer) IS 'The season bin of a month (1-12): 0 DJF, 1 MAM, 2 JJA, 3 SON.';

CREATE FUNCTION patterns.coefficient_of_variation(p_values double precision[])
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Population standard deviation over the mean; NULL for no values or a mean of 0.
    SELECT stddev_pop(v) / nullif(avg(v), 0) FROM unnest(p_values) v
$$;
COMMENT ON FUNCTION patterns.coefficient_of_variation(double precision[]) IS 'Population standard deviation / mean of the values; NULL when there are none or the mean is 0.';

CREATE FUNCTION patterns.iso_week_start(p_at timestamptz)
RETURNS date
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT date_trunc('week', p_at AT TIME ZONE 'UTC')::date
$$;
COMMENT ON FUNCTION patterns.iso_week_start(timestamptz) IS 'The Monday (UTC) starting the ISO week of a moment: ISO weeks are counted in UTC.';
