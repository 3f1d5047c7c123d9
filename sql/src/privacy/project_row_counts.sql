CREATE OR REPLACE FUNCTION privacy.project_row_counts(p_project_id bigint)
 RETURNS TABLE(table_name text, row_count bigint)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_table record;
BEGIN
    -- The tables holding rows of the project, and how many (core.projects last).
    FOR v_table IN SELECT * FROM privacy.project_tables() LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE project_id = $1', v_table.table_name::regclass)
          INTO row_count USING p_project_id;
        CONTINUE WHEN row_count = 0;
        table_name := v_table.table_name;
        RETURN NEXT;
    END LOOP;
    table_name := 'core.projects';
    SELECT count(*) INTO row_count FROM core.projects p WHERE p.project_id = p_project_id;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION privacy.project_row_counts(bigint) IS 'The rows of a project per table that holds any, over every table with a project_id column, core.projects last.';
REVOKE ALL ON FUNCTION privacy.project_row_counts(bigint) FROM PUBLIC;
