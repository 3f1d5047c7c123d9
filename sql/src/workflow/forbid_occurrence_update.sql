CREATE OR REPLACE FUNCTION workflow.forbid_occurrence_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- The statistics are sums over inserted occurrences; an edit would make them wrong.
    RAISE EXCEPTION 'occurrence of pattern % in workflow % cannot be changed', OLD.pattern_id, OLD.workflow_id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Delete the occurrence and record it again.';
END
$function$;
COMMENT ON FUNCTION workflow.forbid_occurrence_update() IS 'BEFORE UPDATE trigger function of workflow.pattern_occurrences: refuses updates, which would bypass the running statistics.';
GRANT EXECUTE ON FUNCTION workflow.forbid_occurrence_update() TO pgpattern_writer;
