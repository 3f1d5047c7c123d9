CREATE OR REPLACE FUNCTION workflow.validate_pattern_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Every write is validated, whether through save_pattern or a plain INSERT or UPDATE.
    PERFORM workflow.validate_pattern(workflow.pattern_document(NEW));
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION workflow.validate_pattern_row() IS 'BEFORE INSERT OR UPDATE trigger function of workflow.patterns: validates the row as a pattern document.';
GRANT EXECUTE ON FUNCTION workflow.validate_pattern_row() TO pgpattern_writer;
