-- Each formula defined once (issue 12), temporal patterns: the chi-square test of spec
-- section 2 (types, bins and labels, exposure days, expected counts, statistic, peaks,
-- Cramer's V, p-value, the 30-commit minimum) was written in patterns.discover_temporal()
-- and in update_temporal(). It is patterns.temporal_test() now, given a type's counts per
-- bin: a discovery of a window counts its commits per bin with patterns.time_bins(), as
-- the live state counts them into patterns.commit_time_bins, and both test them with it.

CREATE FUNCTION patterns.temporal_test(
    p_pattern_type text,
    p_bins         integer[],
    p_commits      bigint[],
    p_first_at     timestamptz,
    p_last_at      timestamptz)
RETURNS TABLE (pattern_strength double precision, statistical_significance double precision,
               p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer,
               peak_periods integer[], commit_distribution integer[], period_labels text[])
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Spec section 2 for one type: the commits counted in its bins (p_bins[i] holds
    -- p_commits[i]; the others none) of T spanning p_first_at..p_last_at. No row when T
    -- has fewer than 30 commits.
    WITH
    kind (bins, labels, uniform) AS (
        SELECT k.bins, k.labels, k.uniform
          FROM (VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13',
                                            '14','15','16','17','18','19','20','21','22','23'], true),
                       ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
                       ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
                       ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
                       ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)) k(pattern_type, bins, labels, uniform)
         WHERE k.pattern_type = p_pattern_type
    ),
    exposure AS (
        -- The calendar days (UTC) of the span in each bin (the uniform types need none).
        SELECT b.bin, count(*) AS days
          FROM kind,
               generate_series((p_first_at AT TIME ZONE 'UTC')::date::timestamp,
                               (p_last_at AT TIME ZONE 'UTC')::date::timestamp, interval '1 day') d
          CROSS JOIN LATERAL patterns.time_bins(d) b
         WHERE NOT kind.uniform AND b.pattern_type = p_pattern_type
         GROUP BY b.bin
    ),
    cells AS (
        SELECT g.bin, coalesce(o.commits, 0) AS observed,
               CASE WHEN kind.uniform THEN 1 ELSE coalesce(x.days, 0) END AS exposure
          FROM kind
          CROSS JOIN LATERAL generate_series(0, kind.bins - 1) g(bin)
          LEFT JOIN unnest(p_bins, p_commits) o(bin, commits) ON o.bin = g.bin
          LEFT JOIN exposure x ON x.bin = g.bin
    ),
    expected AS (
        -- A bin without exposure is left out of the statistic and of k.
        SELECT c.*, n.n,
               CASE WHEN c.exposure > 0 THEN n.n * c.exposure::double precision / sum(c.exposure) OVER () END AS e
          FROM cells c, (SELECT sum(o)::bigint AS n FROM unnest(p_commits) o) n
    ),
    test AS (
        SELECT x.n, array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.n
    )
    SELECT CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END,
           CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END,
           x.p_value,
           CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END,
           greatest(x.k - 1, 0)::integer, x.peaks, x.distribution, kind.labels
      FROM (SELECT test.*, CASE WHEN test.k > 1 THEN patterns.chi_square_p_value(test.chi_square, (test.k - 1)::integer)
                                ELSE 1 END AS p_value
              FROM test) x, kind
     WHERE x.n >= 30
$$;
COMMENT ON FUNCTION patterns.temporal_test(text, integer[], bigint[], timestamptz, timestamptz) IS
'Spec section 2 for one pattern type (hourly, daily, weekly, monthly, seasonal) from the commits counted in its bins (bins[i] holds commits[i]) of a transaction set spanning first_at..last_at: the chi-square test against uniform or exposure-weighted expectations, Cramer''s V, the peaks, the distribution and labels; no row below 30 commits. Both roads of a discovery and the updates test with it.';

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid)
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH
    t AS MATERIALIZED (
        SELECT * FROM pg_temp.discovery_workspace
    ),
    commits AS (
        SELECT DISTINCT ON (t.commit_id) t.commit_id, t.authored_at, t.local_time, t.author_key
          FROM t
    ),
    span AS (
        SELECT min(c.authored_at) AS first_at, max(c.authored_at) AS last_at FROM commits c
    ),
    binned AS (
        -- The commits of each bin, as the live state counts them (patterns.commit_time_bins).
        SELECT x.pattern_type, array_agg(x.bin) AS bins, array_agg(x.commits) AS commits
          FROM (SELECT b.pattern_type, b.bin, count(*) AS commits
                  FROM commits c CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
                 GROUP BY b.pattern_type, b.bin) x
         GROUP BY x.pattern_type
    ),
    contributors AS (
        SELECT (SELECT coalesce(array_agg(a.author_key ORDER BY a.commits DESC, a.author_key), '{}')
                  FROM (SELECT c.author_key, count(*) AS commits FROM commits c GROUP BY c.author_key
                         ORDER BY count(*) DESC, c.author_key LIMIT 10) a) AS authors,
               (SELECT coalesce(array_agg(f.file_path ORDER BY f.changes DESC, f.file_path COLLATE "C"), '{}')
                  FROM (SELECT t.file_path, count(*) AS changes FROM t GROUP BY t.file_path
                         ORDER BY count(*) DESC, t.file_path COLLATE "C" LIMIT 10) f) AS files
    ),
    inserted AS (
        INSERT INTO patterns.temporal_patterns (
            project_id, discovery_session_id, pattern_type, pattern_strength, statistical_significance, p_value,
            chi_square_statistic, degrees_of_freedom, peak_periods, commit_distribution, period_labels,
            contributing_authors, contributing_files, date_range_start, date_range_end)
        SELECT p_project_id, p_discovery_session_id, b.pattern_type, x.pattern_strength, x.statistical_significance,
               x.p_value, x.chi_square_statistic, x.degrees_of_freedom, x.peak_periods, x.commit_distribution,
               x.period_labels, contributors.authors, contributors.files, span.first_at, span.last_at
          FROM binned b, span, contributors,
               patterns.temporal_test(b.pattern_type, b.bins, b.commits, span.first_at, span.last_at) x
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;

CREATE OR REPLACE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 2 from the binned commit counts (patterns.temporal_test(), as a
     * discovery of a window tests its own counts); five rows, recomputed whole. Returns
     * {created, updated, invalidated}.
     */
    WITH
    span AS (
        SELECT min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM patterns.live_commits c WHERE c.project_id = p_project_id
    ),
    binned AS (
        SELECT b.pattern_type, array_agg(b.bin) AS bins, array_agg(b.commits::bigint) AS commits
          FROM patterns.commit_time_bins b
         WHERE b.project_id = p_project_id
         GROUP BY b.pattern_type
    ),
    contributors AS (
        SELECT (SELECT coalesce(array_agg(a.author_key ORDER BY a.commits DESC, a.author_key), '{}')
                  FROM (SELECT a.author_key, a.commits FROM patterns.author_commit_counts a
                         WHERE a.project_id = p_project_id
                         ORDER BY a.commits DESC, a.author_key LIMIT 10) a) AS authors,
               (SELECT coalesce(array_agg(f.file_path ORDER BY f.changes DESC, f.file_path COLLATE "C"), '{}')
                  FROM (SELECT f.file_path, f.changes FROM patterns.file_change_counts f
                         WHERE f.project_id = p_project_id
                         ORDER BY f.changes DESC, f.file_path COLLATE "C" LIMIT 10) f) AS files
    ),
    computed AS (
        SELECT b.pattern_type, x.pattern_strength AS strength, x.statistical_significance AS significance, x.p_value,
               x.chi_square_statistic AS chi_square, x.degrees_of_freedom AS dof, x.peak_periods AS peaks,
               x.commit_distribution AS distribution, x.period_labels AS labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM binned b, span, contributors,
               patterns.temporal_test(b.pattern_type, b.bins, b.commits, span.first_at, span.last_at) x
    ),
    wanted AS MATERIALIZED (
        SELECT x.*, cur.id, cur.is_active AS was_active
          FROM computed x
          LEFT JOIN patterns.temporal_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.pattern_type = x.pattern_type
    ),
    updated AS (
        UPDATE patterns.temporal_patterns p
           SET pattern_strength = w.strength, statistical_significance = w.significance, p_value = w.p_value,
               chi_square_statistic = w.chi_square, degrees_of_freedom = w.dof, peak_periods = w.peaks,
               commit_distribution = w.distribution, period_labels = w.labels, contributing_authors = w.authors,
               contributing_files = w.files, date_range_start = w.first_at, date_range_end = w.last_at,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE p.project_id = p_project_id AND p.id = w.id
           AND (NOT p.is_active
                OR (p.pattern_strength, p.statistical_significance, p.p_value, p.chi_square_statistic,
                    p.degrees_of_freedom, p.peak_periods, p.commit_distribution, p.period_labels,
                    p.contributing_authors, p.contributing_files, p.date_range_start, p.date_range_end)
                   IS DISTINCT FROM
                   (w.strength, w.significance, w.p_value, w.chi_square, w.dof, w.peaks, w.distribution, w.labels,
                    w.authors, w.files, w.first_at, w.last_at))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.temporal_patterns (
            project_id, discovery_session_id, pattern_type, pattern_strength, statistical_significance, p_value,
            chi_square_statistic, degrees_of_freedom, peak_periods, commit_distribution, period_labels,
            contributing_authors, contributing_files, date_range_start, date_range_end)
        SELECT p_project_id, p_session.id, w.pattern_type, w.strength, w.significance, w.p_value, w.chi_square, w.dof,
               w.peaks, w.distribution, w.labels, w.authors, w.files, w.first_at, w.last_at
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.temporal_patterns p
           SET is_active = false, updated_at = now()
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = p.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;
