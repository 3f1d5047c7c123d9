CREATE OR REPLACE FUNCTION ops.run_data_quality_checks(p_check text DEFAULT NULL::text)
 RETURNS SETOF ops.data_quality_results
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_check   record;
    v_checked bigint;
    v_clock   timestamptz;
    v_detail  text;
    v_failed  bigint;
    v_newest  timestamptz;
    v_result  ops.data_quality_results;
    v_score   numeric;
    v_status  text;
    v_where   text;
BEGIN
    -- Runs the enabled data-quality checks (or only p_check), records and returns the results.
    IF p_check IS NOT NULL AND NOT EXISTS (SELECT FROM ops.data_quality_checks c WHERE c.check_name = p_check) THEN
        RAISE EXCEPTION 'p_check % is not in ops.data_quality_checks', p_check
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_check IN
        SELECT c.* FROM ops.data_quality_checks c
         WHERE (c.enabled OR c.check_name = p_check) AND (p_check IS NULL OR c.check_name = p_check)
         ORDER BY c.check_name
    LOOP
        v_clock := clock_timestamp();
        v_where := CASE WHEN v_check.time_column IS NULL THEN 'true'
                        ELSE format('%I >= %L::timestamptz', v_check.time_column, now() - v_check.check_window) END;
        v_detail := NULL;
        BEGIN
            CASE v_check.check_type
            WHEN 'completeness' THEN
                EXECUTE format('SELECT count(*), count(*) FILTER (WHERE %I IS NULL) FROM %I.%I WHERE %s',
                               v_check.column_names[1], v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows lack %s', v_failed, v_checked, v_check.column_names[1]);
            WHEN 'value_range' THEN
                EXECUTE format('SELECT count(*), count(*) FILTER (WHERE %I < %L::numeric OR %I > %L::numeric) FROM %I.%I WHERE %s',
                               v_check.column_names[1], v_check.min_value, v_check.column_names[1], v_check.max_value,
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows have %s outside [%s, %s]', v_failed, v_checked, v_check.column_names[1],
                                   coalesce(v_check.min_value::text, '-inf'), coalesce(v_check.max_value::text, 'inf'));
            WHEN 'freshness' THEN
                EXECUTE format('SELECT count(*), max(%I) FROM %I.%I WHERE %s', v_check.column_names[1],
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_newest;
                v_failed := CASE WHEN v_newest IS NOT NULL AND v_newest >= now() - v_check.max_age THEN 0
                                 ELSE greatest(v_checked, 1) END;
                v_detail := CASE WHEN v_newest IS NULL THEN 'no rows'
                                 ELSE format('newest row %s old (at most %s allowed)', date_trunc('second', now() - v_newest),
                                             v_check.max_age) END;
            ELSE  -- duplicates
                EXECUTE format('SELECT count(*), count(*) - count(DISTINCT (%s)) FROM %I.%I WHERE %s',
                               (SELECT string_agg(format('%I', c), ', ') FROM unnest(v_check.column_names) c),
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows repeat a key (%s)', v_failed, v_checked,
                                   array_to_string(v_check.column_names, ', '));
            END CASE;
            v_score := CASE WHEN v_check.check_type = 'freshness' THEN CASE WHEN v_failed = 0 THEN 100 ELSE 0 END
                            WHEN v_checked = 0 THEN 100
                            ELSE round(100 * (1 - v_failed::numeric / v_checked), 2) END;
            v_status := CASE WHEN v_score >= v_check.threshold THEN 'passed' ELSE 'failed' END;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_detail = MESSAGE_TEXT;
            v_checked := NULL;
            v_failed := NULL;
            v_score := NULL;
            v_status := 'error';
        END;
        INSERT INTO ops.data_quality_results (check_name, table_name, rows_checked, rows_failed, quality_score, status,
                                              detail, duration_ms)
        VALUES (v_check.check_name, format('%s.%s', v_check.schema_name, v_check.table_name), v_checked, v_failed,
                v_score, v_status, v_detail, round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1))
        RETURNING * INTO v_result;
        RETURN NEXT v_result;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION ops.run_data_quality_checks(text) IS 'Runs the enabled data-quality checks (or only p_check, enabled or not), records each result in ops.data_quality_results and returns them. Scheduled hourly as pgpattern-data-quality-checks.';
GRANT EXECUTE ON FUNCTION ops.run_data_quality_checks(text) TO pgpattern_admin;
