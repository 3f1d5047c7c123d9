CREATE OR REPLACE FUNCTION ops.project_schemas()
 RETURNS name[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT ARRAY['core', 'git', 'patterns', 'learning', 'workflow', 'ops', 'api']::name[]
$function$;
COMMENT ON FUNCTION ops.project_schemas() IS 'The schemas pgpattern owns, one per concern.';
GRANT EXECUTE ON FUNCTION ops.project_schemas() TO pgpattern_admin;
