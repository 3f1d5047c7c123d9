CREATE OR REPLACE FUNCTION ops.purge_cron_history(p_keep interval DEFAULT '7 days'::interval)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.purge_cron_history(interval) IS 'Deletes pg_cron run history older than p_keep (default 7 days) and returns how many rows went; 0 without pg_cron.';
GRANT EXECUTE ON FUNCTION ops.purge_cron_history(interval) TO pgpattern_admin;
