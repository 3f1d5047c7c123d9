CREATE OR REPLACE FUNCTION ops.check_learning_events_lag(p_thresholds jsonb)
 RETURNS TABLE(status text, value numeric, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_fail   numeric := ops.health_threshold(p_thresholds, 'fail_seconds', 3600);
    v_newest timestamptz;
    v_warn   numeric := ops.health_threshold(p_thresholds, 'warn_seconds', 300);
BEGIN
    -- Seconds since the newest learning event (looking back one day, so only recent partitions are read).
    SELECT max(e.event_timestamp) INTO v_newest FROM learning.learning_events e
     WHERE e.event_timestamp > now() - interval '1 day' AND e.event_timestamp <= now();
    IF v_newest IS NULL THEN
        status := 'warn';
        detail := 'no learning event in the last day';
    ELSE
        value := round(extract(epoch FROM now() - v_newest)::numeric, 1);
        status := CASE WHEN value >= v_fail THEN 'fail' WHEN value >= v_warn THEN 'warn' ELSE 'ok' END;
        detail := format('newest learning event at %s', v_newest);
    END IF;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.check_learning_events_lag(jsonb) IS 'Health check: seconds since the newest learning event (value); warn at warn_seconds (300, the seed''s 5 minutes), fail at fail_seconds (3600), warn when none arrived in a day.';
GRANT EXECUTE ON FUNCTION ops.check_learning_events_lag(jsonb) TO pgpattern_admin;
