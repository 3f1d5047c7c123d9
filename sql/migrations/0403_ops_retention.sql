-- Learning operations, retention: ops.data_retention_policies says per table how long rows
-- live and what happens to them then (delete, archive or summarize); ops.apply_retention()
-- (daily, pg_cron) applies them and logs every run in ops.retention_runs with what it
-- removed and how long it took. A partitioned table loses whole partitions, never rows:
-- a partition entirely older than the cutoff is detached, then dropped (delete), moved
-- to the archive schema (archive), or rolled up into a daily aggregate and dropped
-- (summarize). Rows of other tables that reference a removed partition (the learning
-- event links) go with it, into the archive too when archiving. An unpartitioned table
-- (workflow.patterns, the ops logs) loses its old rows with one set-based DELETE.
CREATE SCHEMA archive;
COMMENT ON SCHEMA archive IS 'Partitions and rows that retention moved out of the live tables (strategy archive): queryable, no longer maintained; export or drop them at will.';

CREATE TABLE ops.data_retention_policies (
    schema_name      name NOT NULL,
    table_name       name NOT NULL,
    time_column      name,
    retention_period interval NOT NULL,
    strategy         text NOT NULL,
    summary_function text,
    archive_schema   name NOT NULL DEFAULT 'archive',
    enabled          boolean NOT NULL DEFAULT true,
    description      text,
    last_cleanup     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name),
    CONSTRAINT data_retention_policies_period_check CHECK (retention_period > interval '0'),
    CONSTRAINT data_retention_policies_strategy_check CHECK (strategy IN ('delete', 'archive', 'summarize')),
    CONSTRAINT data_retention_policies_summary_check CHECK ((strategy = 'summarize') = (summary_function IS NOT NULL))
);
COMMENT ON TABLE ops.data_retention_policies IS 'How long the rows of a table live and what happens to them after: delete, archive (partitions or rows move to archive_schema) or summarize (summary_function rolls them up, then they are deleted). Applied by ops.apply_retention(), daily (pgpattern-retention). A policy may name a table a later migration creates; until it exists its runs are skipped.';
COMMENT ON COLUMN ops.data_retention_policies.schema_name IS 'The schema of the table.';
COMMENT ON COLUMN ops.data_retention_policies.table_name IS 'The table.';
COMMENT ON COLUMN ops.data_retention_policies.time_column IS 'The timestamptz column that dates a row; NULL for a range-partitioned table (its partition key is used).';
COMMENT ON COLUMN ops.data_retention_policies.retention_period IS 'How long a row is kept: rows (whole partitions) older than now() - retention_period go.';
COMMENT ON COLUMN ops.data_retention_policies.strategy IS 'delete, archive or summarize.';
COMMENT ON COLUMN ops.data_retention_policies.summary_function IS 'For summarize: a function (p_from timestamptz, p_to timestamptz) returning bigint that rolls the rows of [p_from, p_to) up and returns how many it read, e.g. learning.summarize_performance_metrics.';
COMMENT ON COLUMN ops.data_retention_policies.archive_schema IS 'Where archive moves partitions (under their own name) and rows (into a table named after theirs).';
COMMENT ON COLUMN ops.data_retention_policies.enabled IS 'Whether ops.apply_retention() applies the policy.';
COMMENT ON COLUMN ops.data_retention_policies.description IS 'Why this period.';
COMMENT ON COLUMN ops.data_retention_policies.last_cleanup IS 'When the policy was last applied successfully.';
COMMENT ON COLUMN ops.data_retention_policies.created_at IS 'When the policy was created.';
COMMENT ON COLUMN ops.data_retention_policies.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE TRIGGER data_retention_policies_touch_updated_at BEFORE UPDATE ON ops.data_retention_policies
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE ops.retention_runs (
    run_id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schema_name            name NOT NULL,
    table_name             name NOT NULL,
    strategy               text NOT NULL,
    cutoff                 timestamptz NOT NULL,
    started_at             timestamptz NOT NULL,
    finished_at            timestamptz NOT NULL,
    duration_ms            numeric NOT NULL,
    status                 text NOT NULL,
    partitions_removed     text[] NOT NULL DEFAULT '{}',
    rows_removed           bigint NOT NULL DEFAULT 0,
    rows_summarized        bigint NOT NULL DEFAULT 0,
    dependent_rows_removed bigint NOT NULL DEFAULT 0,
    detail                 text,
    CONSTRAINT retention_runs_status_check CHECK (status IN ('ok', 'skipped', 'failed'))
);
COMMENT ON TABLE ops.retention_runs IS 'One row per policy each time ops.apply_retention() ran it: the cutoff, what it removed (partitions, rows, rows summarized, rows of referencing tables), how long it took, and ok, skipped or failed with the reason.';
COMMENT ON COLUMN ops.retention_runs.run_id IS 'The run''s key.';
COMMENT ON COLUMN ops.retention_runs.schema_name IS 'The schema of the table.';
COMMENT ON COLUMN ops.retention_runs.table_name IS 'The table.';
COMMENT ON COLUMN ops.retention_runs.strategy IS 'The strategy applied.';
COMMENT ON COLUMN ops.retention_runs.cutoff IS 'Rows older than this went.';
COMMENT ON COLUMN ops.retention_runs.started_at IS 'When the policy''s run started (clock time).';
COMMENT ON COLUMN ops.retention_runs.finished_at IS 'When it finished.';
COMMENT ON COLUMN ops.retention_runs.duration_ms IS 'How long it took, in milliseconds.';
COMMENT ON COLUMN ops.retention_runs.status IS 'ok, skipped (nothing could be done, see detail) or failed (see detail; nothing of the policy''s run was kept).';
COMMENT ON COLUMN ops.retention_runs.partitions_removed IS 'The partitions detached (dropped, archived or summarized), oldest first.';
COMMENT ON COLUMN ops.retention_runs.rows_removed IS 'The rows that left the table.';
COMMENT ON COLUMN ops.retention_runs.rows_summarized IS 'The rows the summary function read.';
COMMENT ON COLUMN ops.retention_runs.dependent_rows_removed IS 'Rows of referencing tables that went with the removed partitions.';
COMMENT ON COLUMN ops.retention_runs.detail IS 'What happened, or why it was skipped or failed.';
CREATE INDEX retention_runs_table_idx ON ops.retention_runs (schema_name, table_name, started_at);
COMMENT ON INDEX ops.retention_runs_table_idx IS 'The runs of a table over time.';
CREATE INDEX retention_runs_started_idx ON ops.retention_runs (started_at);
COMMENT ON INDEX ops.retention_runs_started_idx IS 'Retention of the log itself.';

CREATE TABLE learning.system_performance_metrics_daily (
    day               date NOT NULL,
    metric_name       text NOT NULL,
    metric_category   text NOT NULL DEFAULT '',
    source_component  text NOT NULL DEFAULT '',
    unit              text NOT NULL DEFAULT '',
    aggregation_level text NOT NULL,
    sample_count      bigint NOT NULL,
    value_sum         numeric NOT NULL,
    value_sum_squares numeric NOT NULL,
    value_min         numeric NOT NULL,
    value_max         numeric NOT NULL,
    value_p50         numeric NOT NULL,
    value_p95         numeric NOT NULL,
    summarized_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, metric_name, metric_category, source_component, unit, aggregation_level)
);
COMMENT ON TABLE learning.system_performance_metrics_daily IS 'Daily roll-up of learning.system_performance_metrics that retention (strategy summarize) writes before it drops a day''s partition: count, sum, sum of squares, min, max, median and p95 per metric, category, component, unit and aggregation level (a missing category, component or unit is ''''). Mean = value_sum / sample_count.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.day IS 'The UTC day.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.metric_name IS 'The metric.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.metric_category IS 'Its category ('''' when none).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.source_component IS 'The component that reported it ('''' when none).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.unit IS 'Its unit ('''' when none).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.aggregation_level IS 'The aggregation level of the samples rolled up.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.sample_count IS 'How many samples.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_sum IS 'Their sum.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_sum_squares IS 'The sum of their squares (a variance can be computed and days merged).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_min IS 'The smallest value.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_max IS 'The largest value.';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_p50 IS 'The median (when a day is summarized in two batches, the sample-weighted mean of their medians, an approximation).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.value_p95 IS 'The 95th percentile (approximate in the same case).';
COMMENT ON COLUMN learning.system_performance_metrics_daily.summarized_at IS 'When the row was last written.';

CREATE FUNCTION learning.summarize_performance_metrics(p_from timestamptz, p_to timestamptz)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_read bigint;
BEGIN
    -- Rolls the metrics of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily
    -- (merging with a day already there) and returns how many samples it read.
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO v_read FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to;
    INSERT INTO learning.system_performance_metrics_daily AS d
           (day, metric_name, metric_category, source_component, unit, aggregation_level, sample_count,
            value_sum, value_sum_squares, value_min, value_max, value_p50, value_p95)
    SELECT (m.metric_timestamp AT TIME ZONE 'UTC')::date, m.metric_name, coalesce(m.metric_category, ''),
           coalesce(m.source_component, ''), coalesce(m.unit, ''), m.aggregation_level, count(*),
           sum(m.value), sum(m.value * m.value), min(m.value), max(m.value),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value)::numeric,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY m.value)::numeric
      FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, metric_name, metric_category, source_component, unit, aggregation_level) DO UPDATE
       SET value_p50 = (d.value_p50 * d.sample_count + excluded.value_p50 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           value_p95 = (d.value_p95 * d.sample_count + excluded.value_p95 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           sample_count = d.sample_count + excluded.sample_count,
           value_sum = d.value_sum + excluded.value_sum,
           value_sum_squares = d.value_sum_squares + excluded.value_sum_squares,
           value_min = least(d.value_min, excluded.value_min),
           value_max = greatest(d.value_max, excluded.value_max),
           summarized_at = now();
    RETURN v_read;
END
$$;
COMMENT ON FUNCTION learning.summarize_performance_metrics(timestamptz, timestamptz) IS 'The summary function of the retention policy of learning.system_performance_metrics: rolls the samples of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily and returns how many it read.';

CREATE FUNCTION ops.remove_partition(
      p_parent regclass
    , p_partition name
    , p_range_from timestamptz
    , p_range_to timestamptz
    , p_strategy text
    , p_archive_schema name
    , p_summary_function text)
RETURNS TABLE (rows_removed bigint, rows_summarized bigint, dependent_rows_removed bigint)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_child   record;
    v_count   bigint;
    v_key     name := ops.partition_key(p_parent);
    v_schema  name;
BEGIN
    /*
     * Takes one partition out of p_parent for retention. Rows of tables whose foreign
     * keys reference p_parent (by a key that holds its partition key) and point into
     * the partition's range go first (into the archive when archiving), then the
     * partition is summarized (summarize), detached, and dropped or moved to the archive.
     */
    SELECT c.relnamespace::regnamespace::name INTO v_schema FROM pg_class c WHERE c.oid = p_parent;
    rows_summarized := 0;
    dependent_rows_removed := 0;
    FOR v_child IN
        SELECT k.conrelid::regclass AS child, n.nspname AS child_schema, c.relname AS child_table,
               (SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = k.conrelid
                   AND a.attnum = k.conkey[array_position(k.confkey, (SELECT pt.partattrs[0] FROM pg_partitioned_table pt
                                                                       WHERE pt.partrelid = p_parent))]) AS child_column
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.contype = 'f' AND k.confrelid = p_parent AND k.conparentid = 0
    LOOP
        IF v_child.child_column IS NULL THEN
            RAISE EXCEPTION 'table % references % by a key without its partition key %', v_child.child, p_parent, v_key
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'include the partition key in the foreign key, or drop the partition by hand';
        END IF;
        IF p_strategy = 'archive' THEN
            IF to_regclass(format('%I.%I', p_archive_schema, v_child.child_table)) IS NULL THEN
                EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I)', p_archive_schema, v_child.child_table,
                               v_child.child_schema, v_child.child_table);
                EXECUTE format('COMMENT ON TABLE %I.%I IS %L', p_archive_schema, v_child.child_table,
                               format('Rows of %s.%s archived with the partitions of %s they referenced.',
                                      v_child.child_schema, v_child.child_table, p_parent));
            END IF;
            EXECUTE format('WITH gone AS (DELETE FROM %I.%I WHERE %I >= %L AND %I < %L RETURNING *)
                            INSERT INTO %I.%I SELECT * FROM gone',
                           v_child.child_schema, v_child.child_table, v_child.child_column, p_range_from,
                           v_child.child_column, p_range_to, p_archive_schema, v_child.child_table);
        ELSE
            EXECUTE format('DELETE FROM %I.%I WHERE %I >= %L AND %I < %L',
                           v_child.child_schema, v_child.child_table, v_child.child_column, p_range_from,
                           v_child.child_column, p_range_to);
        END IF;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        dependent_rows_removed := dependent_rows_removed + v_count;
    END LOOP;

    EXECUTE format('SELECT count(*) FROM %I.%I', v_schema, p_partition) INTO rows_removed;
    IF p_strategy = 'summarize' THEN
        EXECUTE format('SELECT %s(%L::timestamptz, %L::timestamptz)', to_regproc(p_summary_function), p_range_from, p_range_to)
           INTO rows_summarized;
    END IF;
    EXECUTE format('ALTER TABLE %s DETACH PARTITION %I.%I', p_parent, v_schema, p_partition);
    IF p_strategy = 'archive' THEN
        IF to_regclass(format('%I.%I', p_archive_schema, p_partition)) IS NOT NULL THEN
            RAISE EXCEPTION 'cannot archive %.%: %.% exists', v_schema, p_partition, p_archive_schema, p_partition
                USING ERRCODE = 'duplicate_table',
                      HINT = 'rename or drop the archived table, then apply retention again';
        END IF;
        EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', v_schema, p_partition, p_archive_schema);
        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', p_archive_schema, p_partition,
                       format('Partition [%s, %s) of %s, archived by retention on %s.', p_range_from, p_range_to,
                              p_parent, now()));
    ELSE
        EXECUTE format('DROP TABLE %I.%I', v_schema, p_partition);
    END IF;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION ops.remove_partition(regclass, name, timestamptz, timestamptz, text, name, text) IS 'Retention of one partition: removes (or archives) the rows of referencing tables that point into it, summarizes it (summarize), detaches it and drops it (delete, summarize) or moves it to the archive schema (archive). Returns the rows removed, summarized and removed from referencing tables.';

CREATE FUNCTION ops.apply_retention(p_table text DEFAULT NULL, p_now timestamptz DEFAULT now(), p_max_partitions integer DEFAULT 50)
RETURNS SETOF ops.retention_runs
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $$
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
$$;
COMMENT ON FUNCTION ops.apply_retention(text, timestamptz, integer) IS 'Applies the enabled policies of ops.data_retention_policies (all, or p_table as schema.table) as of p_now (default now()): whole partitions older than the cutoff, at most p_max_partitions (default 50) per table and call, are dropped, archived or summarized and dropped; unpartitioned tables lose old rows in one DELETE. Each policy runs in its own subtransaction and is logged in ops.retention_runs (returned). CALL ops.run_retention() repeats it in committed rounds (scheduled daily as pgpattern-retention).';

CREATE PROCEDURE ops.run_retention(p_max_partitions integer DEFAULT 50)
LANGUAGE plpgsql
AS $$
DECLARE
    v_most integer;
BEGIN
    /*
     * ops.apply_retention() in rounds, committing after each, until no table had more
     * than p_max_partitions partitions to remove: a backlog of hundreds of partitions
     * would otherwise hold more locks than one transaction may (max_locks_per_transaction).
     * A procedure that commits cannot carry SET search_path, so it is set in the body,
     * transaction-locally, again after each COMMIT.
     */
    LOOP
        PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
        SELECT coalesce(max(cardinality(r.partitions_removed)), 0) INTO v_most
          FROM ops.apply_retention(p_max_partitions => p_max_partitions) r;
        COMMIT;
        EXIT WHEN v_most < p_max_partitions;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE ops.run_retention(integer) IS 'Applies retention in committed rounds of at most p_max_partitions partitions per table (ops.apply_retention) until the backlog is gone; what pg_cron runs daily (pgpattern-retention). Cannot run inside a transaction block.';

INSERT INTO ops.data_retention_policies (schema_name, table_name, time_column, retention_period, strategy, summary_function, description) VALUES
    ('learning', 'learning_events', NULL, interval '2 years', 'archive', NULL,
     'Events are kept two years, then their monthly partitions move to the archive schema (the seed''s archive_to_s3: export from there).'),
    ('learning', 'system_performance_metrics', NULL, interval '90 days', 'summarize', 'learning.summarize_performance_metrics',
     'Raw metrics are kept 90 days; older days live on as daily aggregates in learning.system_performance_metrics_daily.'),
    ('learning', 'pattern_occurrences', NULL, interval '2 years', 'delete', NULL,
     'Occurrences are kept two years (identified_patterns keeps their count).'),
    ('workflow', 'patterns', 'occurred_at', interval '90 days', 'delete', NULL,
     'Workflow patterns are kept 90 days (what workflow.delete_patterns_older_than does; the table comes with 0501).'),
    ('ops', 'retention_runs', 'started_at', interval '1 year', 'delete', NULL, 'The retention log itself.');

CREATE VIEW ops.partition_overview AS
SELECT format('%s.%s', t.schema_name, t.table_name) AS table_name,
       t.partition_interval,
       t.premake,
       r.retention_period,
       r.strategy AS retention_strategy,
       p.partitions,
       p.oldest_from,
       p.newest_to,
       t.last_maintained_at,
       (t.last_result ->> 'default_rows_left')::bigint AS default_rows_left,
       r.last_cleanup
  FROM ops.partitioned_tables t
  LEFT JOIN ops.data_retention_policies r ON r.schema_name = t.schema_name AND r.table_name = t.table_name AND r.enabled
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE NOT x.is_default) AS partitions, min(x.range_from) AS oldest_from,
                            max(x.range_to) AS newest_to
                       FROM ops.partitions_of(to_regclass(format('%I.%I', t.schema_name, t.table_name))) x) p ON true;
COMMENT ON VIEW ops.partition_overview IS 'Per maintained table: partition interval, how far ahead, retention period and strategy, how many partitions and the range they cover, when maintenance and retention last ran, and the rows the last maintenance left in the default partition.';

SELECT ops.schedule_job('pgpattern-retention', '53 2 * * *',
    'CALL ops.run_retention()',
    'Daily at 02:53 UTC: apply ops.data_retention_policies (drop, archive or summarize old partitions; delete old rows).');
