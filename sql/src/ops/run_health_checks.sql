CREATE OR REPLACE FUNCTION ops.run_health_checks(p_all boolean DEFAULT false)
 RETURNS SETOF ops.health_check_results
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_check    record;
    v_clock    timestamptz;
    v_detail   text;
    v_function regprocedure;
    v_result   ops.health_check_results;
    v_status   text;
    v_value    numeric;
BEGIN
    -- Runs the enabled checks that are due (all enabled ones with p_all), each in a
    -- subtransaction: a check that raises is recorded as fail with its error.
    FOR v_check IN
        SELECT c.* FROM ops.system_health_checks c
         WHERE c.enabled AND (p_all OR c.last_run_at IS NULL OR c.last_run_at + c.check_frequency <= now() + interval '5 seconds')
         ORDER BY c.check_name
    LOOP
        v_clock := clock_timestamp();
        BEGIN
            v_function := to_regprocedure(v_check.check_function || '(jsonb)');
            IF v_function IS NULL THEN
                RAISE EXCEPTION 'check function %(jsonb) does not exist', v_check.check_function
                    USING ERRCODE = 'undefined_function';
            END IF;
            EXECUTE format('SELECT status, value, detail FROM %s($1)', v_function::regproc)
               INTO v_status, v_value, v_detail USING v_check.thresholds;
            IF v_status IS NULL OR v_status NOT IN ('ok', 'warn', 'fail', 'skip') THEN
                RAISE EXCEPTION 'check function % returned status %, not ok, warn, fail or skip',
                    v_check.check_function, coalesce(v_status, 'NULL')
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
        EXCEPTION WHEN OTHERS THEN
            v_status := 'fail';
            v_value := NULL;
            GET STACKED DIAGNOSTICS v_detail = MESSAGE_TEXT;
            v_detail := 'the check raised an error: ' || v_detail;
        END;
        INSERT INTO ops.health_check_results (check_name, status, value, detail, duration_ms)
        VALUES (v_check.check_name, v_status, v_value, v_detail,
                round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1))
        RETURNING * INTO v_result;
        UPDATE ops.system_health_checks c SET last_run_at = now(), last_status = v_status
         WHERE c.check_name = v_check.check_name;
        RETURN NEXT v_result;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION ops.run_health_checks(boolean) IS 'Runs the enabled system health checks that are due (every enabled one with p_all), records each result in ops.health_check_results and returns them. Scheduled every minute as pgpattern-health-checks.';
GRANT EXECUTE ON FUNCTION ops.run_health_checks(boolean) TO pgpattern_admin;
