CREATE OR REPLACE FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION patterns.discover_temporal(bigint,uuid) IS 'Stores the temporal patterns of a discovery run (spec section 2; a type only when T has at least 30 commits) and returns how many.';
GRANT EXECUTE ON FUNCTION patterns.discover_temporal(bigint,uuid) TO pgpattern_writer;
