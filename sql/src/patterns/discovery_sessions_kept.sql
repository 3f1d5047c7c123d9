CREATE OR REPLACE FUNCTION patterns.discovery_sessions_kept(p_project_id bigint)
 RETURNS integer
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The project's own row, else the default row; NULL (keep all) when neither says a number.
    SELECT r.keep_sessions
      FROM patterns.discovery_retention r
     WHERE r.project_id = p_project_id OR r.project_id IS NULL
     ORDER BY r.project_id NULLS LAST
     LIMIT 1
$function$;
COMMENT ON FUNCTION patterns.discovery_sessions_kept(bigint) IS 'How many discovery sessions a project keeps (patterns.discovery_retention: its own row, else the default row); NULL: all.';
GRANT EXECUTE ON FUNCTION patterns.discovery_sessions_kept(bigint) TO pgpattern_writer;
