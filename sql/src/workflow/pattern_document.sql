CREATE OR REPLACE FUNCTION workflow.pattern_document(p_pattern workflow.patterns)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT jsonb_build_object(
        'pattern_id', p_pattern.pattern_id,
        'pattern_type', p_pattern.pattern_type,
        'timestamp', to_char(p_pattern.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'data', p_pattern.data,
        'context', p_pattern.context,
        'version', p_pattern.version)
$function$;
COMMENT ON FUNCTION workflow.pattern_document(workflow.patterns) IS 'A stored pattern as its JSON document: pattern_id, pattern_type, timestamp (ISO 8601, UTC), data, context, version.';
GRANT EXECUTE ON FUNCTION workflow.pattern_document(workflow.patterns) TO pgpattern_writer;
