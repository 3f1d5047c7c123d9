CREATE OR REPLACE FUNCTION ops.sync_scheduled_jobs()
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_count integer := 0;
    v_job   record;
BEGIN
    -- Schedules every wanted job in pg_cron (cron.schedule upserts by name); 0 without pg_cron.
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    FOR v_job IN SELECT job_name, schedule, command FROM ops.scheduled_jobs ORDER BY job_name LOOP
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', v_job.job_name, v_job.schedule, v_job.command);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$function$;
COMMENT ON FUNCTION ops.sync_scheduled_jobs() IS 'Schedules every job of ops.scheduled_jobs in pg_cron and returns how many; returns 0 and does nothing where pg_cron is not installed. Run it after installing pg_cron.';
GRANT EXECUTE ON FUNCTION ops.sync_scheduled_jobs() TO pgpattern_admin;
