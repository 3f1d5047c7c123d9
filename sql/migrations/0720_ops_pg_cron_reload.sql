-- pg_cron 1.4's launcher learns of job changes from a relcache invalidation of the cron.job
-- it last read, and can miss one for good: when it falls behind the invalidation queue during
-- a burst of DDL (a migration, a rollback) PostgreSQL resets its caches, and pg_cron ignores
-- the reset (fixed upstream in commit f677150, after release 1.6.7). Missing the drop of cron.job leaves
-- it watching a dropped table: after pg_cron is created again, no job change reaches it and
-- it runs its old job list until it restarts. A session that dropped and created pg_cron
-- also signals the old cron.job (fixed in 1.6.4). A SIGHUP makes the launcher re-read
-- cron.job; one watching a dropped cron.job fails that read and is restarted by the server.
CREATE FUNCTION ops.reload_pg_cron_jobs()
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF ops.pg_cron_status() <> 'installed'
       OR current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN
        RETURN false;
    END IF;
    RETURN pg_reload_conf();
END
$$;
COMMENT ON FUNCTION ops.reload_pg_cron_jobs() IS 'Makes the pg_cron launcher re-read cron.job (a configuration reload, SIGHUP) where pg_cron runs in this database; returns whether it signalled. pgpattern calls it after it applies or rolls back migrations: pg_cron 1.4 can miss job changes made during DDL. A launcher still watching a dropped cron.job logs "could not open relation with OID" and is restarted.';
REVOKE EXECUTE ON FUNCTION ops.reload_pg_cron_jobs() FROM PUBLIC;
