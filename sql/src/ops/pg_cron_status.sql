CREATE OR REPLACE FUNCTION ops.pg_cron_status()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT CASE
        WHEN EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN 'installed'
        WHEN NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_cron') THEN 'not available'
        WHEN NOT (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pg_cron']) THEN 'not preloaded'
        WHEN current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN 'other database'
        ELSE 'available'
    END
$function$;
COMMENT ON FUNCTION ops.pg_cron_status() IS 'Whether pg_cron can schedule jobs for this database: installed, available (can be created here), not available (not on the server: install postgresql-15-cron), not preloaded (add pg_cron to shared_preload_libraries), other database (cron.database_name names another database).';
GRANT EXECUTE ON FUNCTION ops.pg_cron_status() TO pgpattern_admin;
