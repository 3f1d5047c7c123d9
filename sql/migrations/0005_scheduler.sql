-- Scheduled jobs as desired state. ops.scheduled_jobs says what should run; where
-- pg_cron is installed the same jobs exist in cron.job (verify compares the two).
-- Without pg_cron the rows stay, and ops.sync_scheduled_jobs() schedules them once
-- pg_cron arrives. Calls into the cron schema are dynamic because it may not exist.
CREATE TABLE ops.scheduled_jobs (
    job_name    text PRIMARY KEY CHECK (job_name ~ '^pgpattern-[a-z0-9-]+$'),
    schedule    text NOT NULL CHECK (schedule ~ '^\S+( \S+){4}$'),
    command     text NOT NULL CHECK (command ~ '\S'),
    description text NOT NULL CHECK (description ~ '\S'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.scheduled_jobs IS 'The pg_cron jobs pgpattern wants: one row per job, scheduled in cron.job where pg_cron is installed.';
COMMENT ON COLUMN ops.scheduled_jobs.job_name IS 'The pg_cron job name, prefixed pgpattern-.';
COMMENT ON COLUMN ops.scheduled_jobs.schedule IS 'A five-field cron schedule in UTC (pg_cron 1.4 has no sub-minute schedules).';
COMMENT ON COLUMN ops.scheduled_jobs.command IS 'The SQL the job runs, in this database.';
COMMENT ON COLUMN ops.scheduled_jobs.description IS 'What the job is for.';
COMMENT ON COLUMN ops.scheduled_jobs.created_at IS 'When the job was first wanted.';

CREATE FUNCTION ops.sync_scheduled_jobs()
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.sync_scheduled_jobs() IS 'Schedules every job of ops.scheduled_jobs in pg_cron and returns how many; returns 0 and does nothing where pg_cron is not installed. Run it after installing pg_cron.';

CREATE FUNCTION ops.schedule_job(
      p_job_name text
    , p_schedule text
    , p_command text
    , p_description text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.schedule_job(text, text, text, text) IS 'Wants a job (name, five-field UTC cron schedule, SQL command, description) and schedules it in pg_cron where installed.';

CREATE FUNCTION ops.unschedule_job(p_job_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Forgets the job and removes it from pg_cron where installed.
    DELETE FROM ops.scheduled_jobs WHERE job_name = p_job_name;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = %L', p_job_name);
    END IF;
END
$$;
COMMENT ON FUNCTION ops.unschedule_job(text) IS 'Removes a job from ops.scheduled_jobs and from pg_cron.';

CREATE FUNCTION ops.purge_cron_history(p_keep interval DEFAULT interval '7 days')
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- cron.job_run_details grows without bound; keep only the recent runs.
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'p_keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    EXECUTE format('DELETE FROM cron.job_run_details WHERE end_time < now() - %L::interval', p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
COMMENT ON FUNCTION ops.purge_cron_history(interval) IS 'Deletes pg_cron run history older than p_keep (default 7 days) and returns how many rows went; 0 without pg_cron.';

SELECT ops.schedule_job('pgpattern-purge-cron-history', '17 3 * * *',
    'SELECT ops.purge_cron_history(interval ''7 days'')',
    'Daily at 03:17 UTC: delete pg_cron run history older than 7 days.');
