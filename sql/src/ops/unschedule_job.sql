CREATE OR REPLACE FUNCTION ops.unschedule_job(p_job_name text)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Forgets the job and removes it from pg_cron where installed.
    DELETE FROM ops.scheduled_jobs WHERE job_name = p_job_name;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = %L', p_job_name);
    END IF;
END
$function$;
COMMENT ON FUNCTION ops.unschedule_job(text) IS 'Removes a job from ops.scheduled_jobs and from pg_cron.';
GRANT EXECUTE ON FUNCTION ops.unschedule_job(text) TO pgpattern_admin;
