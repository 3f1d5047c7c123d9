-- Extensions, where the server has them. pg_cron schedules maintenance; without it
-- (a managed server, or a database other than cron.database_name) pgpattern still
-- migrates and works, and scheduled jobs are recorded but not run. plpgsql_check
-- lets verify lint every PL/pgSQL function.
CREATE TABLE ops.managed_extensions (
    extension_name name PRIMARY KEY,
    created_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.managed_extensions IS 'Extensions that pgpattern created (and so may drop on rollback); extensions a DBA installed before are not listed.';
COMMENT ON COLUMN ops.managed_extensions.extension_name IS 'The extension name, as in pg_extension.';
COMMENT ON COLUMN ops.managed_extensions.created_at IS 'When a pgpattern migration created it.';

CREATE FUNCTION ops.pg_cron_status()
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN 'installed'
        WHEN NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_cron') THEN 'not available'
        WHEN NOT (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pg_cron']) THEN 'not preloaded'
        WHEN current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN 'other database'
        ELSE 'available'
    END
$$;
COMMENT ON FUNCTION ops.pg_cron_status() IS 'Whether pg_cron can schedule jobs for this database: installed, available (can be created here), not available (not on the server: install postgresql-15-cron), not preloaded (add pg_cron to shared_preload_libraries), other database (cron.database_name names another database).';

DO $$
BEGIN
    CASE ops.pg_cron_status()
    WHEN 'available' THEN
        CREATE EXTENSION pg_cron;
        INSERT INTO ops.managed_extensions (extension_name) VALUES ('pg_cron');
    WHEN 'installed' THEN
        NULL;
    WHEN 'not available' THEN
        RAISE NOTICE 'pg_cron is not installed on this server: scheduled jobs are recorded in ops.scheduled_jobs but will not run'
            USING HINT = 'install the Debian package postgresql-15-cron, preload it, then run SELECT ops.sync_scheduled_jobs()';
    WHEN 'not preloaded' THEN
        RAISE NOTICE 'pg_cron is installed but not in shared_preload_libraries: scheduled jobs will not run'
            USING HINT = 'add pg_cron to shared_preload_libraries, restart, then run SELECT ops.sync_scheduled_jobs()';
    ELSE
        RAISE NOTICE 'pg_cron runs in database %, not in %: scheduled jobs will not run here',
            current_setting('cron.database_name', true), current_database()
            USING HINT = 'set cron.database_name to this database, or schedule ops jobs from the pg_cron database with cron.schedule_in_database';
    END CASE;

    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check')
       AND EXISTS (SELECT FROM pg_available_extensions WHERE name = 'plpgsql_check') THEN
        CREATE EXTENSION plpgsql_check;
        INSERT INTO ops.managed_extensions (extension_name) VALUES ('plpgsql_check');
    END IF;
END
$$;
