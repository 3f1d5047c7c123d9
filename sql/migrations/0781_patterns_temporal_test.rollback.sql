-- Back to the test written out in each function (0205, 0212).

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
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
        SELECT count(*) AS n, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM commits c
    ),
    types (pattern_type, bins, labels, uniform) AS (
        VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13','14',
                                    '15','16','17','18','19','20','21','22','23'], true),
               ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
               ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
               ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
               ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)
    ),
    binned AS (
        -- Which bin a moment (a commit's local time, or a calendar day) falls in.
        SELECT ty.pattern_type, x.kind, x.bin
          FROM types ty
          CROSS JOIN LATERAL (
                SELECT 'commit' AS kind, c.local_time AS at FROM commits c
                UNION ALL
                SELECT 'day', d FROM span, generate_series((span.first_at AT TIME ZONE 'UTC')::date::timestamp,
                                                           (span.last_at AT TIME ZONE 'UTC')::date::timestamp,
                                                           interval '1 day') d
                 WHERE NOT ty.uniform) moments
          CROSS JOIN LATERAL (
                SELECT moments.kind, CASE ty.pattern_type
                           WHEN 'hourly' THEN extract(hour FROM moments.at)::integer
                           WHEN 'daily' THEN extract(isodow FROM moments.at)::integer - 1
                           WHEN 'weekly' THEN (extract(day FROM moments.at)::integer - 1) / 7
                           WHEN 'monthly' THEN extract(month FROM moments.at)::integer - 1
                           ELSE patterns.season(extract(month FROM moments.at)::integer) END AS bin) x
    ),
    counts AS (
        SELECT b.pattern_type, b.bin, count(*) FILTER (WHERE b.kind = 'commit') AS observed,
               count(*) FILTER (WHERE b.kind = 'day') AS days
          FROM binned b
         GROUP BY b.pattern_type, b.bin
    ),
    cells AS (
        SELECT ty.pattern_type, ty.labels, ty.uniform, g.bin, coalesce(c.observed, 0) AS observed,
               CASE WHEN ty.uniform THEN 1 ELSE coalesce(c.days, 0) END AS exposure
          FROM types ty
          CROSS JOIN LATERAL generate_series(0, ty.bins - 1) g(bin)
          LEFT JOIN counts c ON c.pattern_type = ty.pattern_type AND c.bin = g.bin
    ),
    expected AS (
        SELECT c.*, span.n,
               CASE WHEN c.exposure > 0 THEN span.n * c.exposure::double precision
                                             / sum(c.exposure) OVER (PARTITION BY c.pattern_type) END AS e
          FROM cells c, span
    ),
    tests AS (
        SELECT x.pattern_type, x.labels, x.n,
               array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.pattern_type, x.labels, x.n
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
        SELECT p_project_id, p_discovery_session_id, x.pattern_type,
               CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END,
               CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END,
               x.p_value,
               CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END,
               greatest(x.k - 1, 0), x.peaks, x.distribution, x.labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM (SELECT tests.*, CASE WHEN tests.k > 1 THEN patterns.chi_square_p_value(tests.chi_square, (tests.k - 1)::integer)
                                     ELSE 1 END AS p_value
                  FROM tests) x, contributors, span
         WHERE x.n >= 30
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;

CREATE OR REPLACE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 2 from the binned commit counts, as patterns.discover_temporal()
     * computes it (five rows: recomputed whole). Returns {created, updated, invalidated}.
     */
    WITH
    span AS (
        SELECT count(*) AS n, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM patterns.live_commits c WHERE c.project_id = p_project_id
    ),
    types (pattern_type, bins, labels, uniform) AS (
        VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13','14',
                                    '15','16','17','18','19','20','21','22','23'], true),
               ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
               ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
               ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
               ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)
    ),
    exposure AS (
        -- The calendar days of the span in each bin (the uniform types need none).
        SELECT ty.pattern_type, CASE ty.pattern_type
                   WHEN 'weekly' THEN (extract(day FROM d)::integer - 1) / 7
                   WHEN 'monthly' THEN extract(month FROM d)::integer - 1
                   ELSE patterns.season(extract(month FROM d)::integer) END AS bin, count(*) AS days
          FROM types ty, span,
               generate_series((span.first_at AT TIME ZONE 'UTC')::date::timestamp,
                               (span.last_at AT TIME ZONE 'UTC')::date::timestamp, interval '1 day') d
         WHERE NOT ty.uniform
         GROUP BY 1, 2
    ),
    cells AS (
        SELECT ty.pattern_type, ty.labels, ty.uniform, g.bin, coalesce(b.commits, 0) AS observed,
               CASE WHEN ty.uniform THEN 1 ELSE coalesce(x.days, 0) END AS exposure
          FROM types ty
          CROSS JOIN LATERAL generate_series(0, ty.bins - 1) g(bin)
          LEFT JOIN patterns.commit_time_bins b
                 ON b.project_id = p_project_id AND b.pattern_type = ty.pattern_type AND b.bin = g.bin
          LEFT JOIN exposure x ON x.pattern_type = ty.pattern_type AND x.bin = g.bin
    ),
    expected AS (
        SELECT c.*, span.n,
               CASE WHEN c.exposure > 0 THEN span.n * c.exposure::double precision
                                             / sum(c.exposure) OVER (PARTITION BY c.pattern_type) END AS e
          FROM cells c, span
    ),
    tests AS (
        SELECT x.pattern_type, x.labels, x.n,
               array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.pattern_type, x.labels, x.n
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
        SELECT x.pattern_type,
               CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END AS strength,
               CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END AS significance,
               x.p_value,
               CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END AS chi_square,
               greatest(x.k - 1, 0)::integer AS dof, x.peaks, x.distribution, x.labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM (SELECT tests.*, CASE WHEN tests.k > 1 THEN patterns.chi_square_p_value(tests.chi_square, (tests.k - 1)::integer)
                                     ELSE 1 END AS p_value
                  FROM tests) x, contributors, span
         WHERE x.n >= 30
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

DROP FUNCTION patterns.temporal_test(text, integer[], bigint[], timestamptz, timestamptz);
