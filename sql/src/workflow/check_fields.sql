CREATE OR REPLACE FUNCTION workflow.check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_detail text := format('in workflow pattern %s', coalesce(p_pattern_id, '(without pattern_id)'));
    v_name   text;
    v_number numeric;
    v_rule   record;
    v_typed  boolean;
    v_value  jsonb;
BEGIN
    -- Checks p_object against the rules of p_scope, raising on the first problem.
    FOR v_rule IN
        SELECT f.field, f.value_type, f.required, f.min_value, f.max_value, f.allowed, f.description
          FROM workflow.pattern_fields f WHERE f.scope = p_scope ORDER BY f.position
    LOOP
        v_name := p_path || v_rule.field;
        v_value := p_object -> v_rule.field;
        IF v_value IS NULL OR v_value = 'null'::jsonb THEN
            IF v_rule.required THEN
                RAISE EXCEPTION 'workflow pattern field % is required but missing', v_name
                    USING ERRCODE = 'not_null_violation', DETAIL = v_detail,
                          HINT = format('%s: %s (%s).', v_name, v_rule.description, v_rule.value_type);
            END IF;
            CONTINUE;
        END IF;
        v_number := CASE WHEN jsonb_typeof(v_value) = 'number' THEN (v_value #>> '{}')::numeric END;
        v_typed := CASE v_rule.value_type
                   WHEN 'integer' THEN coalesce(v_number = trunc(v_number), false)
                   WHEN 'number' THEN v_number IS NOT NULL
                   WHEN 'boolean' THEN jsonb_typeof(v_value) = 'boolean'
                   WHEN 'object' THEN jsonb_typeof(v_value) = 'object'
                   WHEN 'string[]' THEN jsonb_typeof(v_value) = 'array'
                        AND NOT jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")')
                   ELSE jsonb_typeof(v_value) = 'string'
               END;
        IF NOT v_typed THEN
            RAISE EXCEPTION 'workflow pattern field % must be of type %, not %', v_name,
                    CASE WHEN v_rule.value_type IN ('enum', 'timestamp') THEN 'string' ELSE v_rule.value_type END, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
        IF v_rule.value_type = 'string' AND v_rule.required AND v_value #>> '{}' !~ '\S' THEN
            RAISE EXCEPTION 'workflow pattern field % must not be blank, not %', v_name, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'enum' AND NOT (v_value #>> '{}') = ANY (v_rule.allowed) THEN
            RAISE EXCEPTION 'workflow pattern field % must be one of %, not %',
                    v_name, array_to_string(v_rule.allowed, ' | '), v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'timestamp' AND workflow.parse_timestamp(v_value #>> '{}') IS NULL THEN
            RAISE EXCEPTION 'workflow pattern field % must be an ISO 8601 timestamp, not %', v_name, v_value
                USING ERRCODE = 'invalid_datetime_format', DETAIL = v_detail,
                      HINT = 'For example 2025-11-29T10:00:00Z or 2025-11-29T10:00:00.123+02:00.';
        ELSIF v_number < v_rule.min_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be >= %, not %', v_name, v_rule.min_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_number > v_rule.max_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be <= %, not %', v_name, v_rule.max_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION workflow.check_fields(text,jsonb,text,text) IS 'Checks one JSON object against the rules of workflow.pattern_fields for a scope and raises on the first problem, naming the field (prefixed with p_path) and its value. Used by workflow.validate_pattern.';
GRANT EXECUTE ON FUNCTION workflow.check_fields(text,jsonb,text,text) TO pgpattern_writer;
