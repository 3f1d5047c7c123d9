CREATE OR REPLACE FUNCTION workflow.record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean)
 RETURNS record
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_existing_type text;
    v_field         text;
    v_workflow_id   text := p_workflow ->> 'workflow_id';
BEGIN
    /*
     * Creates the pattern on its first occurrence, then links the workflow to it once:
     * recording the same workflow again changes nothing. Two sessions recording the same
     * new signature at once get one pattern: the loser of the insert waits for the
     * winner's commit and then finds its row.
     */
    IF p_signature IS NULL OR p_signature !~ '\S' OR length(p_signature) > 500 THEN
        RAISE EXCEPTION 'signature must be 1 to 500 characters, not %', coalesce(quote_literal(p_signature), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'A signature identifies the operation, e.g. test:pytest:backend.';
    END IF;
    IF p_pattern_type IS NULL OR p_pattern_type !~ '\S' OR length(p_pattern_type) > 100 THEN
        RAISE EXCEPTION 'pattern_type must be 1 to 100 characters, not %', coalesce(quote_literal(p_pattern_type), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    IF p_workflow IS NULL OR jsonb_typeof(p_workflow) <> 'object' THEN
        RAISE EXCEPTION 'workflow must be a JSON object, not %', coalesce(p_workflow::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature),
                  HINT = 'Give at least {"workflow_id": ...}.';
    END IF;
    -- A field given as null is a field not known.
    p_workflow := p_workflow - ARRAY(SELECT e.key FROM jsonb_each(p_workflow) e WHERE e.value = 'null');
    IF jsonb_typeof(p_workflow -> 'workflow_id') IS DISTINCT FROM 'string' OR v_workflow_id !~ '\S' THEN
        RAISE EXCEPTION 'workflow.workflow_id must be a non-blank string, not %', coalesce((p_workflow -> 'workflow_id')::text, 'missing')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    FOREACH v_field IN ARRAY ARRAY['total_tokens', 'actual_cost_total', 'similarity_score'] LOOP
        IF p_workflow ? v_field
           AND (jsonb_typeof(p_workflow -> v_field) <> 'number' OR (p_workflow ->> v_field)::numeric < 0
                OR (v_field = 'total_tokens' AND (p_workflow ->> v_field)::numeric <> trunc((p_workflow ->> v_field)::numeric))
                OR (v_field = 'similarity_score' AND (p_workflow ->> v_field)::numeric > 100)) THEN
            RAISE EXCEPTION 'workflow.% must be %, not %', v_field,
                    CASE v_field WHEN 'total_tokens' THEN 'an integer >= 0' WHEN 'actual_cost_total' THEN 'a number >= 0'
                                 ELSE 'a number from 0 to 100' END,
                    p_workflow -> v_field
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature),
                      HINT = 'Leave it out or give null when it is not known.';
        END IF;
    END LOOP;
    IF p_workflow ? 'created_at' AND workflow.parse_timestamp(p_workflow ->> 'created_at') IS NULL THEN
        RAISE EXCEPTION 'workflow.created_at must be an ISO 8601 timestamp, not %', p_workflow -> 'created_at'
            USING ERRCODE = 'invalid_datetime_format', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;
    IF p_workflow ? 'characteristics' AND jsonb_typeof(p_workflow -> 'characteristics') <> 'object' THEN
        RAISE EXCEPTION 'workflow.characteristics must be a JSON object, not %', p_workflow -> 'characteristics'
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;

    INSERT INTO workflow.operation_patterns AS p (pattern_signature, pattern_type, typical_input_pattern)
    VALUES (p_signature, p_pattern_type, coalesce(p_workflow -> 'characteristics', '{}'))
    ON CONFLICT (pattern_signature) DO NOTHING
    RETURNING p.pattern_id INTO pattern_id;
    is_new := pattern_id IS NOT NULL;
    IF NOT is_new THEN
        SELECT p.pattern_id, p.pattern_type INTO pattern_id, v_existing_type
          FROM workflow.operation_patterns p WHERE p.pattern_signature = p_signature;
        IF v_existing_type <> p_pattern_type THEN
            RAISE EXCEPTION 'signature % is already a pattern of type %, not %', p_signature, v_existing_type, p_pattern_type
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s', v_workflow_id),
                      HINT = 'A signature has one pattern type: use another signature.';
        END IF;
    END IF;

    INSERT INTO workflow.pattern_occurrences AS o
           (pattern_id, workflow_id, tokens, cost, similarity_score, matched_characteristics, detected_at)
    VALUES (pattern_id, v_workflow_id, (p_workflow ->> 'total_tokens')::bigint, (p_workflow ->> 'actual_cost_total')::numeric,
            coalesce((p_workflow ->> 'similarity_score')::numeric, 100), coalesce(p_workflow -> 'characteristics', '{}'),
            coalesce(workflow.parse_timestamp(p_workflow ->> 'created_at'), now()))
    ON CONFLICT ON CONSTRAINT pattern_occurrences_pkey DO NOTHING;
END
$function$;
COMMENT ON FUNCTION workflow.record_pattern_occurrence(text,text,jsonb) IS 'Records that an operation pattern (signature, type) occurred in a workflow and returns (pattern_id, is_new): creates the pattern on its first occurrence, links the workflow once (again is a no-op), and the statistics follow. The workflow is a JSON object: workflow_id (required), total_tokens, actual_cost_total, similarity_score (0-100), created_at (ISO 8601), characteristics (an object). Safe under concurrent calls.';
GRANT EXECUTE ON FUNCTION workflow.record_pattern_occurrence(text,text,jsonb) TO pgpattern_writer;
