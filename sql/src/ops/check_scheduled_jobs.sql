CREATE OR REPLACE FUNCTION ops.check_scheduled_jobs(p_thresholds jsonb)
 RETURNS TABLE(status text, value numeric, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_failed text[];
    v_hours  numeric := ops.health_threshold(p_thresholds, 'window_hours', 24);
BEGIN
    -- pgpattern's pg_cron jobs that failed recently (cron.job_run_details is read dynamically: pg_cron may be absent).
    IF ops.pg_cron_status() <> 'installed' THEN
        status := 'skip';
        detail := format('pg_cron: %s', ops.pg_cron_status());
        RETURN NEXT;
        RETURN;
    END IF;
    EXECUTE format($q$
        SELECT coalesce(array_agg(format('%%s (%%s failures, last: %%s)', jobname, n, left(message, 200)) ORDER BY jobname), '{}')
          FROM (SELECT j.jobname, count(*) AS n, (array_agg(d.return_message ORDER BY d.start_time DESC))[1] AS message
                  FROM %I.job_run_details d JOIN %I.job j ON j.jobid = d.jobid
                 WHERE d.status = 'failed' AND d.start_time > now() - %L::numeric * interval '1 hour'
                   AND j.jobname LIKE 'pgpattern-%%' AND j.database = current_database()
                 GROUP BY j.jobname) f
    $q$, 'cron', 'cron', v_hours) INTO v_failed;
    value := cardinality(v_failed);
    status := CASE WHEN value > 0 THEN 'warn' ELSE 'ok' END;
    detail := coalesce(nullif(array_to_string(v_failed, '; '), ''), format('no pgpattern job failed in the last %s hours', v_hours));
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.check_scheduled_jobs(jsonb) IS 'Health check: pgpattern''s pg_cron jobs of this database that failed in the last window_hours (24) (value: how many jobs); warn when any, skip without pg_cron.';
GRANT EXECUTE ON FUNCTION ops.check_scheduled_jobs(jsonb) TO pgpattern_admin;
