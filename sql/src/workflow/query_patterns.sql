CREATE OR REPLACE FUNCTION workflow.query_patterns(p_pattern_type text DEFAULT NULL::text, p_from timestamp with time zone DEFAULT NULL::timestamp with time zone, p_to timestamp with time zone DEFAULT NULL::timestamp with time zone, p_tags text[] DEFAULT NULL::text[], p_limit integer DEFAULT 100)
 RETURNS SETOF jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Guard clauses, then one indexed query; NULL means no filter.
    IF p_pattern_type IS NOT NULL AND NOT EXISTS (
           SELECT FROM workflow.pattern_fields f
            WHERE f.scope = 'pattern' AND f.field = 'pattern_type' AND p_pattern_type = ANY (f.allowed)) THEN
        RAISE EXCEPTION 'p_pattern_type must be task_completion | error_occurrence | agent_usage | user_correction, not %', p_pattern_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from >= p_to THEN
        RAISE EXCEPTION 'p_from (%) must be before p_to (%)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The range includes p_from and excludes p_to.';
    END IF;
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'p_limit must be a positive number of patterns, not %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT workflow.pattern_document(p)
          FROM workflow.patterns p
         WHERE (p_pattern_type IS NULL OR p.pattern_type = p_pattern_type)
           AND (p_from IS NULL OR p.occurred_at >= p_from)
           AND (p_to IS NULL OR p.occurred_at < p_to)
           AND (p_tags IS NULL OR p.tags @> p_tags)
         ORDER BY p.occurred_at DESC, p.pattern_id
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION workflow.query_patterns(text,timestamp with time zone,timestamp with time zone,text[],integer) IS 'Pattern documents, newest first: of a type, occurred in [p_from, p_to), carrying all of p_tags, at most p_limit (default 100). NULL filters are not applied.';
GRANT EXECUTE ON FUNCTION workflow.query_patterns(text,timestamp with time zone,timestamp with time zone,text[],integer) TO pgpattern_writer;
