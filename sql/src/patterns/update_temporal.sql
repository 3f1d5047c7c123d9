CREATE OR REPLACE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
                  FROM (SELECT a.author_key, c.commits FROM patterns.author_commit_counts c
                          JOIN git.authors a ON a.project_id = c.project_id AND a.author_id = c.author_id
                         WHERE c.project_id = p_project_id
                         ORDER BY c.commits DESC, a.author_key LIMIT 10) a) AS authors,
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
$function$;
COMMENT ON FUNCTION patterns.update_temporal(bigint,patterns.pattern_discovery_sessions) IS 'Brings a run''s temporal patterns up to date from the binned commit counts; returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_temporal(bigint,patterns.pattern_discovery_sessions) TO pgpattern_writer;
