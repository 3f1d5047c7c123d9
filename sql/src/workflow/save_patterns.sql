CREATE OR REPLACE FUNCTION workflow.save_patterns(p_patterns jsonb)
 RETURNS TABLE(ordinal integer, pattern_id text, outcome text, reason text)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_item jsonb;
BEGIN
    -- Many patterns at once: each is saved or skipped on its own, never half-written.
    IF p_patterns IS NULL OR jsonb_typeof(p_patterns) <> 'array' THEN
        RAISE EXCEPTION 'p_patterns must be a JSON array of pattern documents, not %', coalesce(p_patterns::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ordinal := 0;
    FOR v_item IN SELECT e.value FROM jsonb_array_elements(p_patterns) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        ordinal := ordinal + 1;
        pattern_id := CASE WHEN jsonb_typeof(v_item -> 'pattern_id') = 'string' THEN v_item ->> 'pattern_id' END;
        BEGIN
            outcome := workflow.save_pattern(v_item);
            reason := NULL;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            outcome := 'skipped';
            reason := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION workflow.save_patterns(jsonb) IS 'Saves each pattern document of a JSON array through workflow.save_pattern; one row per item: ordinal (from 1), pattern_id, outcome (inserted, updated, unchanged, skipped) and, when skipped, the reason.';
GRANT EXECUTE ON FUNCTION workflow.save_patterns(jsonb) TO pgpattern_writer;
