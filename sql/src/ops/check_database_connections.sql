CREATE OR REPLACE FUNCTION ops.check_database_connections(p_thresholds jsonb)
 RETURNS TABLE(status text, value numeric, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_fail numeric := ops.health_threshold(p_thresholds, 'fail_ratio', 0.95);
    v_max  integer := current_setting('max_connections')::integer;
    v_used integer;
    v_warn numeric := ops.health_threshold(p_thresholds, 'warn_ratio', 0.8);
BEGIN
    -- Client connections as a share of max_connections.
    SELECT count(*) INTO v_used FROM pg_stat_activity a WHERE a.backend_type = 'client backend';
    value := round(v_used::numeric / v_max, 4);
    status := CASE WHEN value >= v_fail THEN 'fail' WHEN value >= v_warn THEN 'warn' ELSE 'ok' END;
    detail := format('%s of %s connections in use', v_used, v_max);
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.check_database_connections(jsonb) IS 'Health check: client connections / max_connections (value); warn at warn_ratio (0.8), fail at fail_ratio (0.95).';
GRANT EXECUTE ON FUNCTION ops.check_database_connections(jsonb) TO pgpattern_admin;
