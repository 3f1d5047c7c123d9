DO $$
BEGIN
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE 'SELECT cron.unschedule(j.jobid) FROM cron.job j JOIN ops.scheduled_jobs s ON s.job_name = j.jobname';
    END IF;
END
$$;
DROP FUNCTION ops.purge_cron_history(interval);
DROP FUNCTION ops.unschedule_job(text);
DROP FUNCTION ops.schedule_job(text, text, text, text);
DROP FUNCTION ops.sync_scheduled_jobs();
DROP TABLE ops.scheduled_jobs;
