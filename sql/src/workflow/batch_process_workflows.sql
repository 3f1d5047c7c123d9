CREATE OR REPLACE FUNCTION workflow.batch_process_workflows(p_workflows jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_errors       jsonb := '[]'::jsonb;
    v_index        integer := 0;
    v_new          integer := 0;
    v_new_here     integer;
    v_pattern      jsonb;
    v_processed    integer := 0;
    v_result       record;
    v_updated      integer := 0;
    v_updated_here integer;
    v_workflow     jsonb;
BEGIN
    /*
     * Each workflow is {"workflow_id": ..., ..., "patterns": [{"signature": ..., "pattern_type": ...}, ...]}.
     * A workflow is recorded whole or not at all; a bad one is listed in errors and the
     * batch goes on.
     */
    IF p_workflows IS NULL OR jsonb_typeof(p_workflows) <> 'array' THEN
        RAISE EXCEPTION 'p_workflows must be a JSON array of workflows, not %', coalesce(p_workflows::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_workflow IN SELECT e.value FROM jsonb_array_elements(p_workflows) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        v_index := v_index + 1;
        v_new_here := 0;
        v_updated_here := 0;
        BEGIN
            IF jsonb_typeof(v_workflow -> 'patterns') IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'patterns must be a JSON array of {"signature": ..., "pattern_type": ...}, not %',
                        coalesce((v_workflow -> 'patterns')::text, 'missing')
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR v_pattern IN SELECT e.value FROM jsonb_array_elements(v_workflow -> 'patterns') e LOOP
                SELECT r.pattern_id, r.is_new INTO v_result
                  FROM workflow.record_pattern_occurrence(v_pattern ->> 'signature', v_pattern ->> 'pattern_type',
                                                          v_workflow - 'patterns') r;
                IF v_result.is_new THEN
                    v_new_here := v_new_here + 1;
                ELSE
                    v_updated_here := v_updated_here + 1;
                END IF;
            END LOOP;
            v_new := v_new + v_new_here;
            v_updated := v_updated + v_updated_here;
            v_processed := v_processed + 1;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            v_errors := v_errors || jsonb_build_object(
                'index', v_index,
                'workflow_id', CASE WHEN jsonb_typeof(v_workflow -> 'workflow_id') = 'string' THEN v_workflow ->> 'workflow_id' END,
                'reason', SQLERRM);
        END;
    END LOOP;
    RETURN jsonb_build_object('total', v_index, 'processed', v_processed, 'new', v_new, 'updated', v_updated,
                              'errors', v_errors);
END
$function$;
COMMENT ON FUNCTION workflow.batch_process_workflows(jsonb) IS 'Records the operation patterns of many workflows, each {"workflow_id", "total_tokens", "actual_cost_total", ..., "patterns": [{"signature", "pattern_type"}]}. Each workflow is recorded whole or not at all; bad ones do not stop the batch. Returns {"total", "processed" (workflows recorded), "new" (patterns created), "updated" (occurrences of patterns that existed already), "errors": [{"index" (from 1), "workflow_id", "reason"}]}.';
GRANT EXECUTE ON FUNCTION workflow.batch_process_workflows(jsonb) TO pgpattern_writer;
