CREATE OR REPLACE FUNCTION workflow.validate_pattern(p_pattern jsonb)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_pattern_id text := CASE WHEN jsonb_typeof(p_pattern -> 'pattern_id') = 'string' THEN p_pattern ->> 'pattern_id' END;
BEGIN
    -- The root, then the context, then the data of the pattern's type.
    IF p_pattern IS NULL OR jsonb_typeof(p_pattern) <> 'object' THEN
        RAISE EXCEPTION 'a workflow pattern must be a JSON object, not %', coalesce(p_pattern::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give {"pattern_id": ..., "pattern_type": ..., "timestamp": ..., "data": {...}}.';
    END IF;
    PERFORM workflow.check_fields('pattern', p_pattern, '', v_pattern_id);
    PERFORM workflow.check_fields('context', coalesce(p_pattern -> 'context', '{}'), 'context.', v_pattern_id);
    PERFORM workflow.check_fields(p_pattern ->> 'pattern_type', p_pattern -> 'data', 'data.', v_pattern_id);
END
$function$;
COMMENT ON FUNCTION workflow.validate_pattern(jsonb) IS 'Validates a workflow pattern document (pattern_id, pattern_type, timestamp, data, context, version) against workflow.pattern_fields; raises on the first problem with an error naming the field and its value (SQLSTATE 23502 missing, 22023 wrong type, blank or not allowed, 22003 out of range, 22007 not ISO 8601).';
GRANT EXECUTE ON FUNCTION workflow.validate_pattern(jsonb) TO pgpattern_writer;
