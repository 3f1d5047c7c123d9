CREATE OR REPLACE FUNCTION api.project_rows(p_project text)
 RETURNS TABLE(table_name text, row_count bigint)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT * FROM privacy.project_row_counts(patterns.project_id(p_project))
$function$;
COMMENT ON FUNCTION api.project_rows(text) IS 'The rows of a project per table, in every table with a project_id column: what api.project_delete(p_project) would remove. Raises P0002 for an unknown project.';
REVOKE ALL ON FUNCTION api.project_rows(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.project_rows(text) TO pgpattern_admin;
