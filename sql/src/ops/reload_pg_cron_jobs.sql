CREATE OR REPLACE FUNCTION ops.reload_pg_cron_jobs()
 RETURNS boolean
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    IF ops.pg_cron_status() <> 'installed'
       OR current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN
        RETURN false;
    END IF;
    RETURN pg_reload_conf();
END
$function$;
COMMENT ON FUNCTION ops.reload_pg_cron_jobs() IS 'Makes the pg_cron launcher re-read cron.job (a configuration reload, SIGHUP) where pg_cron runs in this database; returns whether it signalled. pgpattern calls it after it applies or rolls back migrations: pg_cron 1.4 can miss job changes made during DDL. A launcher still watching a dropped cron.job logs "could not open relation with OID" and is restarted.';
REVOKE ALL ON FUNCTION ops.reload_pg_cron_jobs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.reload_pg_cron_jobs() TO pgpattern_admin;
