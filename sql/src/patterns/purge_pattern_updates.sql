CREATE OR REPLACE FUNCTION patterns.purge_pattern_updates(p_keep interval DEFAULT '7 days'::interval)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_deleted bigint;
    v_metrics bigint;
BEGIN
    -- Finished entries and their metrics older than p_keep go (failed entries stay twice as long).
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM patterns.pattern_update_queue q
     WHERE (q.status IN ('completed', 'superseded') AND q.enqueued_at < now() - p_keep)
        OR (q.status = 'failed' AND q.enqueued_at < now() - 2 * p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    DELETE FROM patterns.pattern_update_metrics m WHERE m.started_at < now() - 2 * p_keep;
    GET DIAGNOSTICS v_metrics = ROW_COUNT;
    RETURN v_deleted + v_metrics;
END
$function$;
COMMENT ON FUNCTION patterns.purge_pattern_updates(interval) IS 'Deletes finished queue entries older than p_keep (default 7 days; failed ones after twice that) and metrics older than twice p_keep; returns the rows deleted. pg_cron runs it daily.';
GRANT EXECUTE ON FUNCTION patterns.purge_pattern_updates(interval) TO pgpattern_writer;
