CREATE OR REPLACE FUNCTION patterns.project_id(p_project text)
 RETURNS bigint
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_id bigint;
BEGIN
    SELECT p.project_id INTO v_id FROM core.projects p WHERE p.name = p_project;
    IF v_id IS NULL THEN
        RAISE EXCEPTION 'unknown project %', coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'no_data_found', HINT = 'ingest its history first: pgpattern ingest PATH --project NAME';
    END IF;
    RETURN v_id;
END
$function$;
COMMENT ON FUNCTION patterns.project_id(text) IS 'The id of the project with this name; raises no_data_found (P0002) naming it when there is none.';
GRANT EXECUTE ON FUNCTION patterns.project_id(text) TO pgpattern_writer;
