CREATE OR REPLACE FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 5 from the run's active patterns and the live counts, by the rules a
     * discovery of a window applies (patterns.pattern_insight_candidates(), silo_insight(),
     * fix_insight()). Returns {created, updated, invalidated}.
     */
    WITH
    magnitude AS MATERIALIZED (
        SELECT m.id, m.file_path FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.is_active
    ),
    candidates AS (
        SELECT c.* FROM patterns.pattern_insight_candidates(p_project_id, p_session.id) c
        UNION ALL
        SELECT c.*
          FROM patterns.file_change_counts f
          JOIN git.paths g ON g.project_id = f.project_id AND g.path = f.file_path
          JOIN patterns.file_author_counts fa ON fa.project_id = f.project_id AND fa.file_id = g.path_id
          JOIN git.authors a ON a.project_id = fa.project_id AND a.author_id = fa.author_id
          LEFT JOIN magnitude m ON m.file_path = f.file_path
          CROSS JOIN LATERAL patterns.silo_insight(f.file_path, a.author_key, fa.changes, f.changes, m.id) c
         WHERE f.project_id = p_project_id
        UNION ALL
        SELECT c.*
          FROM patterns.file_change_counts f
          LEFT JOIN magnitude m ON m.file_path = f.file_path
          CROSS JOIN LATERAL patterns.fix_insight(f.file_path, f.changes, f.fix_changes, m.id) c
         WHERE f.project_id = p_project_id
    ),
    wanted AS MATERIALIZED (
        SELECT c.insight_type, c.subject, left(c.title, 255) AS title, c.description, c.confidence,
               c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               patterns.insight_priority(c.confidence, c.risk_level) AS priority,
               cur.id, cur.is_active AS was_active
          FROM candidates c
          LEFT JOIN patterns.pattern_insights cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.insight_type = c.insight_type AND cur.subject = c.subject
         WHERE patterns.insight_confident(c.confidence)
    ),
    updated AS (
        UPDATE patterns.pattern_insights i
           SET title = w.title, description = w.description, confidence_score = w.confidence,
               statistical_support = w.statistical_support, supporting_pattern_ids = w.supporting_pattern_ids,
               risk_level = w.risk_level, recommendations = w.recommendations, priority_score = w.priority,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE i.project_id = p_project_id AND i.id = w.id
           AND (NOT i.is_active
                OR (i.title, i.description, i.confidence_score, i.statistical_support, i.supporting_pattern_ids,
                    i.risk_level, i.recommendations, i.priority_score)
                   IS DISTINCT FROM
                   (w.title, w.description, w.confidence, w.statistical_support, w.supporting_pattern_ids,
                    w.risk_level, w.recommendations, w.priority))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_session.id, w.insight_type, w.subject, w.title, w.description, w.confidence,
               w.statistical_support, w.supporting_pattern_ids, w.risk_level, w.recommendations, w.priority
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.pattern_insights i
           SET is_active = false, updated_at = now()
         WHERE i.project_id = p_project_id AND i.discovery_session_id = p_session.id AND i.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = i.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$function$;
COMMENT ON FUNCTION patterns.update_insights(bigint,patterns.pattern_discovery_sessions) IS 'Brings a run''s insights up to date from its active patterns and the live counts; returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_insights(bigint,patterns.pattern_discovery_sessions) TO pgpattern_writer;
