CREATE OR REPLACE FUNCTION api.pattern_insights_get(p_project text, p_insight_type text DEFAULT NULL::text, p_min_confidence double precision DEFAULT 0, p_risk_level text DEFAULT NULL::text, p_validation_status text DEFAULT NULL::text, p_include_recommendations boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(id uuid, insight_type text, subject text, title text, description text, confidence_score double precision, risk_level text, priority_score integer, recommendations text[], statistical_support jsonb, supporting_pattern_ids uuid[], validation_status text, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_after      patterns.pattern_insights;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('insight_type', p_insight_type, ARRAY['file_coupling', 'temporal_patterns', 'developer_specialization', 'high_risk_files', 'change_anomalies', 'collaboration_gaps', 'architectural_hotspots', 'quality_concerns']);
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('validation_status', p_validation_status, ARRAY['pending', 'validated', 'rejected', 'implemented']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM patterns.pattern_insights i WHERE i.project_id = v_project_id AND i.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_insights_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT i.id, i.insight_type, i.subject, i.title, i.description, i.confidence_score, i.risk_level,
               i.priority_score, CASE WHEN p_include_recommendations THEN i.recommendations END,
               i.statistical_support, i.supporting_pattern_ids, i.validation_status, i.created_at
          FROM patterns.pattern_insights i
         WHERE i.project_id = v_project_id AND i.is_active
           AND (p_insight_type IS NULL OR i.insight_type = p_insight_type)
           AND i.confidence_score >= p_min_confidence
           AND (p_risk_level IS NULL OR i.risk_level = p_risk_level)
           AND (p_validation_status IS NULL OR i.validation_status = p_validation_status)
           AND (p_after IS NULL
                OR (v_after.priority_score, v_after.confidence_score, i.insight_type, i.subject)
                 > (i.priority_score, i.confidence_score, v_after.insight_type, v_after.subject))
         ORDER BY i.priority_score DESC, i.confidence_score DESC, i.insight_type, i.subject
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.pattern_insights_get(text,text,double precision,text,text,boolean,integer,uuid) IS 'Active insights of a project, highest priority first, a page at a time. p_insight_type (one of the eight types); p_min_confidence; p_risk_level; p_validation_status: pending, validated, rejected or implemented; p_include_recommendations (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE ALL ON FUNCTION api.pattern_insights_get(text,text,double precision,text,text,boolean,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_insights_get(text,text,double precision,text,text,boolean,integer,uuid) TO pgpattern_reader;
