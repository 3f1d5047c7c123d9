CREATE OR REPLACE FUNCTION workflow.delete_patterns_older_than(p_age interval)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_deleted bigint;
BEGIN
    -- The retention step for workflow.patterns, for ops retention policies to call.
    IF p_age IS NULL OR p_age < interval '0' THEN
        RAISE EXCEPTION 'p_age must be a non-negative interval, not %', coalesce(p_age::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM workflow.patterns WHERE occurred_at < now() - p_age;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$function$;
COMMENT ON FUNCTION workflow.delete_patterns_older_than(interval) IS 'Deletes patterns that occurred more than p_age ago and returns how many; the retention step ops policies call.';
GRANT EXECUTE ON FUNCTION workflow.delete_patterns_older_than(interval) TO pgpattern_writer;
