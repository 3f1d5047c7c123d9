CREATE OR REPLACE FUNCTION ops.apply_retention(p_table text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now(), p_max_partitions integer DEFAULT 50)
 RETURNS SETOF ops.retention_runs
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET "DateStyle" TO 'ISO, YMD'
AS $function$
DECLARE
    v_clock       timestamptz;
    v_cutoff      timestamptz;
    v_detail      text;
    v_message     text;
    v_parent      regclass;
    v_part        record;
    v_partitions  text[];
    v_policy      record;
    v_removed     bigint;
    v_run         ops.retention_runs;
    v_stray       bigint;
    v_summarized  bigint;
    v_dependents  bigint;
    v_time_column name;
BEGIN
    /*
     * Applies every enabled policy of ops.data_retention_policies (or only p_table,
     * schema.table) as of p_now, each in its own subtransaction: a policy that fails
     * (a lock not had within 10 s, a missing summary function) is logged as failed and
     * the others go on. Partitioned tables lose whole partitions whose range ends at or
     * before the cutoff, at most p_max_partitions of them (oldest first) per table and
     * call, since each holds locks until the transaction ends; other tables their old rows
     * in one DELETE. Returns the log rows. CALL ops.run_retention() repeats it, committing.
     */
    IF p_max_partitions IS NULL OR p_max_partitions < 1 THEN
        RAISE EXCEPTION 'p_max_partitions must be at least 1, not %', coalesce(p_max_partitions::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_now IS NULL THEN
        RAISE EXCEPTION 'p_now must be a time, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_table IS NOT NULL AND NOT EXISTS (SELECT FROM ops.data_retention_policies r
                                            WHERE format('%s.%s', r.schema_name, r.table_name) = p_table) THEN
        RAISE EXCEPTION 'p_table % has no retention policy', p_table
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'give schema.table of a table in ops.data_retention_policies, or NULL for all';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('pgpattern retention')) THEN
        RAISE NOTICE 'retention is already running in another session; nothing done';
        RETURN;
    END IF;
    FOR v_policy IN
        SELECT r.* FROM ops.data_retention_policies r
         WHERE r.enabled AND (p_table IS NULL OR format('%s.%s', r.schema_name, r.table_name) = p_table)
         ORDER BY r.schema_name, r.table_name
    LOOP
        v_clock := clock_timestamp();
        v_cutoff := p_now - v_policy.retention_period;
        v_partitions := '{}';
        v_removed := 0;
        v_summarized := 0;
        v_dependents := 0;
        v_detail := NULL;
        v_parent := to_regclass(format('%I.%I', v_policy.schema_name, v_policy.table_name));
        BEGIN
            PERFORM set_config('lock_timeout', '10s', true);
            IF v_parent IS NULL THEN
                RAISE EXCEPTION 'table %.% does not exist', v_policy.schema_name, v_policy.table_name
                    USING ERRCODE = 'undefined_table';
            END IF;
            IF v_policy.strategy = 'summarize' AND to_regproc(v_policy.summary_function) IS NULL THEN
                RAISE EXCEPTION 'summary function % does not exist', v_policy.summary_function
                    USING ERRCODE = 'undefined_function';
            END IF;
            IF v_policy.strategy = 'archive' AND to_regnamespace(v_policy.archive_schema) IS NULL THEN
                RAISE EXCEPTION 'archive schema % does not exist', v_policy.archive_schema
                    USING ERRCODE = 'invalid_schema_name';
            END IF;
            IF ops.partition_key(v_parent) IS NOT NULL THEN
                FOR v_part IN
                    SELECT p.partition_name, p.range_from, p.range_to
                      FROM ops.partitions_of(v_parent) p
                     WHERE NOT p.is_default AND p.range_to <= v_cutoff
                     ORDER BY p.range_from
                     LIMIT p_max_partitions
                LOOP
                    SELECT r.rows_removed + v_removed, r.rows_summarized + v_summarized, r.dependent_rows_removed + v_dependents
                      INTO v_removed, v_summarized, v_dependents
                      FROM ops.remove_partition(v_parent, v_part.partition_name, v_part.range_from, v_part.range_to,
                                                v_policy.strategy, v_policy.archive_schema, v_policy.summary_function) r;
                    v_partitions := v_partitions || v_part.partition_name::text;
                END LOOP;
                EXECUTE format('SELECT count(*) FROM %s WHERE %I < %L AND tableoid = %L::regclass', v_parent,
                               ops.partition_key(v_parent), v_cutoff,
                               (SELECT format('%I.%I', v_policy.schema_name, p.partition_name)
                                  FROM ops.partitions_of(v_parent) p WHERE p.is_default))
                   INTO v_stray;
                IF coalesce(v_stray, 0) > 0 THEN
                    v_detail := format('%s rows older than the cutoff wait in the default partition until partition maintenance drains them',
                                       v_stray);
                END IF;
            ELSE
                v_time_column := v_policy.time_column;
                IF v_time_column IS NULL OR NOT EXISTS (SELECT FROM pg_attribute a
                                                         WHERE a.attrelid = v_parent AND a.attname = v_time_column
                                                           AND NOT a.attisdropped AND a.atttypid = 'timestamptz'::regtype) THEN
                    RAISE EXCEPTION 'time_column % is not a timestamptz column of %', coalesce(v_time_column::text, 'NULL'), v_parent
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF v_policy.strategy = 'summarize' THEN
                    EXECUTE format('SELECT %s(%L::timestamptz, %L::timestamptz)', to_regproc(v_policy.summary_function),
                                   '-infinity', v_cutoff)
                       INTO v_summarized;
                END IF;
                IF v_policy.strategy = 'archive' THEN
                    IF to_regclass(format('%I.%I', v_policy.archive_schema, v_policy.table_name)) IS NULL THEN
                        EXECUTE format('CREATE TABLE %I.%I (LIKE %s)', v_policy.archive_schema, v_policy.table_name, v_parent);
                        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', v_policy.archive_schema, v_policy.table_name,
                                       format('Rows of %s archived by retention.', v_parent));
                    END IF;
                    EXECUTE format('WITH gone AS (DELETE FROM %s WHERE %I < %L RETURNING *) INSERT INTO %I.%I SELECT * FROM gone',
                                   v_parent, v_time_column, v_cutoff, v_policy.archive_schema, v_policy.table_name);
                ELSE
                    EXECUTE format('DELETE FROM %s WHERE %I < %L', v_parent, v_time_column, v_cutoff);
                END IF;
                GET DIAGNOSTICS v_removed = ROW_COUNT;
            END IF;
            INSERT INTO ops.retention_runs (schema_name, table_name, strategy, cutoff, started_at, finished_at, duration_ms,
                                            status, partitions_removed, rows_removed, rows_summarized,
                                            dependent_rows_removed, detail)
            VALUES (v_policy.schema_name, v_policy.table_name, v_policy.strategy, v_cutoff, v_clock, clock_timestamp(),
                    round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1), 'ok', v_partitions,
                    v_removed, v_summarized, v_dependents, v_detail)
            RETURNING * INTO v_run;
            UPDATE ops.data_retention_policies r SET last_cleanup = now()
             WHERE r.schema_name = v_policy.schema_name AND r.table_name = v_policy.table_name;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
            INSERT INTO ops.retention_runs (schema_name, table_name, strategy, cutoff, started_at, finished_at, duration_ms,
                                            status, detail)
            VALUES (v_policy.schema_name, v_policy.table_name, v_policy.strategy, v_cutoff, v_clock, clock_timestamp(),
                    round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1),
                    CASE WHEN v_parent IS NULL THEN 'skipped' ELSE 'failed' END, v_message)
            RETURNING * INTO v_run;
            IF v_parent IS NOT NULL THEN
                RAISE WARNING 'retention of %.% failed: %', v_policy.schema_name, v_policy.table_name, v_message
                    USING DETAIL = format('run %s in ops.retention_runs; the other policies went on', v_run.run_id);
            END IF;
        END;
        RETURN NEXT v_run;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION ops.apply_retention(text,timestamp with time zone,integer) IS 'Applies the enabled policies of ops.data_retention_policies (all, or p_table as schema.table) as of p_now (default now()): whole partitions older than the cutoff, at most p_max_partitions (default 50) per table and call, are dropped, archived or summarized and dropped; unpartitioned tables lose old rows in one DELETE. Each policy runs in its own subtransaction and is logged in ops.retention_runs (returned). CALL ops.run_retention() repeats it in committed rounds (scheduled daily as pgpattern-retention).';
GRANT EXECUTE ON FUNCTION ops.apply_retention(text,timestamp with time zone,integer) TO pgpattern_admin;
