CREATE OR REPLACE FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Records the job as wanted and schedules it where pg_cron is installed.
    INSERT INTO ops.scheduled_jobs (job_name, schedule, command, description)
    VALUES (p_job_name, p_schedule, p_command, p_description)
    ON CONFLICT (job_name) DO UPDATE
        SET schedule = excluded.schedule, command = excluded.command, description = excluded.description;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', p_job_name, p_schedule, p_command);
    END IF;
END
$function$;
COMMENT ON FUNCTION ops.schedule_job(text,text,text,text) IS 'Wants a job (name, five-field UTC cron schedule, SQL command, description) and schedules it in pg_cron where installed.';
GRANT EXECUTE ON FUNCTION ops.schedule_job(text,text,text,text) TO pgpattern_admin;
