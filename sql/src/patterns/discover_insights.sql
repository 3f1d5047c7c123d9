CREATE OR REPLACE FUNCTION patterns.discover_insights(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    WITH
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.file_path, tc.author_key, tc.subject
          FROM pg_temp.discovery_workspace tc
    ),
    magnitude AS MATERIALIZED (
        SELECT m.id, m.file_path FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_discovery_session_id
    ),
    -- T's counts that the rules read, as the live state keeps them: per file and author, per file.
    file_authors AS (
        SELECT t.file_path, t.author_key, count(*) AS n, sum(count(*)) OVER (PARTITION BY t.file_path) AS total
          FROM t GROUP BY t.file_path, t.author_key
    ),
    files AS (
        SELECT t.file_path, count(*) AS commits, count(*) FILTER (WHERE patterns.commit_type(t.subject) = 'fix') AS fixes
          FROM t GROUP BY t.file_path
    ),
    candidates AS (
        SELECT c.* FROM patterns.pattern_insight_candidates(p_project_id, p_discovery_session_id) c
        UNION ALL
        SELECT c.*
          FROM file_authors fa
          LEFT JOIN magnitude m ON m.file_path = fa.file_path
          CROSS JOIN LATERAL patterns.silo_insight(fa.file_path, fa.author_key, fa.n, fa.total, m.id) c
        UNION ALL
        SELECT c.*
          FROM files f
          LEFT JOIN magnitude m ON m.file_path = f.file_path
          CROSS JOIN LATERAL patterns.fix_insight(f.file_path, f.commits, f.fixes, m.id) c
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_discovery_session_id, c.insight_type, c.subject, left(c.title, 255), c.description,
               c.confidence, c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               patterns.insight_priority(c.confidence, c.risk_level)
          FROM candidates c
         WHERE patterns.insight_confident(c.confidence)
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$function$;
COMMENT ON FUNCTION patterns.discover_insights(bigint,uuid) IS 'Stores the insights of a discovery run (spec section 5) from its patterns and transaction set, and returns how many.';
GRANT EXECUTE ON FUNCTION patterns.discover_insights(bigint,uuid) TO pgpattern_writer;
