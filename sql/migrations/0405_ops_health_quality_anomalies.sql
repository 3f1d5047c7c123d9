-- Learning operations, health: system health checks (each a function, run when due by a
-- per-minute pg_cron job), data-quality checks (completeness, value ranges, freshness,
-- duplicates over a recent window of a table, hourly), both recording every result, and
-- ops.detect_performance_anomalies(): the metrics whose recent median leaves their own
-- trailing baseline by a robust z-score (median and MAD). Results are kept 30 and 90
-- days by retention policies.
CREATE TABLE ops.system_health_checks (
    check_name      text PRIMARY KEY,
    check_category  text NOT NULL,
    check_frequency interval NOT NULL DEFAULT interval '5 minutes',
    check_function  text NOT NULL,
    thresholds      jsonb NOT NULL DEFAULT '{}',
    enabled         boolean NOT NULL DEFAULT true,
    description     text NOT NULL,
    last_run_at     timestamptz,
    last_status     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT system_health_checks_name_check CHECK (check_name ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT system_health_checks_category_check CHECK (check_category IN ('database', 'analytics', 'ml_pipeline', 'maintenance')),
    CONSTRAINT system_health_checks_frequency_check CHECK (check_frequency >= interval '1 minute'),
    CONSTRAINT system_health_checks_thresholds_check CHECK (jsonb_typeof(thresholds) = 'object'),
    CONSTRAINT system_health_checks_status_check CHECK (last_status IN ('ok', 'warn', 'fail', 'skip'))
);
COMMENT ON TABLE ops.system_health_checks IS 'The system health checks: each is a function check_function(thresholds jsonb) returning one (status, value, detail), run by ops.run_health_checks() every check_frequency; results in ops.health_check_results.';
COMMENT ON COLUMN ops.system_health_checks.check_name IS 'The check''s name (lower-case snake_case).';
COMMENT ON COLUMN ops.system_health_checks.check_category IS 'database, analytics, ml_pipeline or maintenance.';
COMMENT ON COLUMN ops.system_health_checks.check_frequency IS 'How often it runs (at least a minute: pg_cron''s tick).';
COMMENT ON COLUMN ops.system_health_checks.check_function IS 'The function that performs it, schema-qualified, taking (jsonb) and returning TABLE (status text, value numeric, detail text).';
COMMENT ON COLUMN ops.system_health_checks.thresholds IS 'The thresholds passed to the function (a JSON object; each function documents its keys).';
COMMENT ON COLUMN ops.system_health_checks.enabled IS 'Whether it runs.';
COMMENT ON COLUMN ops.system_health_checks.description IS 'What it checks and when it warns or fails.';
COMMENT ON COLUMN ops.system_health_checks.last_run_at IS 'When it last ran.';
COMMENT ON COLUMN ops.system_health_checks.last_status IS 'Its last status: ok, warn, fail or skip.';
COMMENT ON COLUMN ops.system_health_checks.created_at IS 'When the check was created.';

CREATE TABLE ops.health_check_results (
    result_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_name  text NOT NULL REFERENCES ops.system_health_checks (check_name) ON DELETE CASCADE,
    checked_at  timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL,
    value       numeric,
    detail      text,
    duration_ms numeric NOT NULL,
    CONSTRAINT health_check_results_status_check CHECK (status IN ('ok', 'warn', 'fail', 'skip'))
);
COMMENT ON TABLE ops.health_check_results IS 'Every run of a system health check: status (ok, warn, fail, skip), the value measured, the detail and how long it took. A check that raised an error is recorded as fail with the error. Kept 30 days.';
COMMENT ON COLUMN ops.health_check_results.result_id IS 'The result''s key.';
COMMENT ON COLUMN ops.health_check_results.check_name IS 'The check.';
COMMENT ON COLUMN ops.health_check_results.checked_at IS 'When it ran.';
COMMENT ON COLUMN ops.health_check_results.status IS 'ok, warn, fail or skip.';
COMMENT ON COLUMN ops.health_check_results.value IS 'The number the status rests on (the check''s description says which).';
COMMENT ON COLUMN ops.health_check_results.detail IS 'What was found.';
COMMENT ON COLUMN ops.health_check_results.duration_ms IS 'How long the check took, in milliseconds.';
CREATE INDEX health_check_results_check_idx ON ops.health_check_results (check_name, checked_at DESC);
COMMENT ON INDEX ops.health_check_results_check_idx IS 'A check''s results, newest first (supports the foreign key).';
CREATE INDEX health_check_results_checked_idx ON ops.health_check_results (checked_at);
COMMENT ON INDEX ops.health_check_results_checked_idx IS 'Retention.';

CREATE FUNCTION ops.health_threshold(p_thresholds jsonb, p_key text, p_default numeric)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A numeric threshold from a check's thresholds object, or its default.
    IF p_thresholds ? p_key AND jsonb_typeof(p_thresholds -> p_key) <> 'number' THEN
        RAISE EXCEPTION 'threshold % must be a JSON number, not %', p_key, p_thresholds -> p_key
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN coalesce((p_thresholds ->> p_key)::numeric, p_default);
END
$$;
COMMENT ON FUNCTION ops.health_threshold(jsonb, text, numeric) IS 'The number p_thresholds holds under p_key, or p_default; raises 22023 when it holds something else.';

CREATE FUNCTION ops.check_database_connections(p_thresholds jsonb)
RETURNS TABLE (status text, value numeric, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.check_database_connections(jsonb) IS 'Health check: client connections / max_connections (value); warn at warn_ratio (0.8), fail at fail_ratio (0.95).';

CREATE FUNCTION ops.check_learning_events_lag(p_thresholds jsonb)
RETURNS TABLE (status text, value numeric, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.check_learning_events_lag(jsonb) IS 'Health check: seconds since the newest learning event (value); warn at warn_seconds (300, the seed''s 5 minutes), fail at fail_seconds (3600), warn when none arrived in a day.';

CREATE FUNCTION ops.check_model_accuracy(p_thresholds jsonb)
RETURNS TABLE (status text, value numeric, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_degraded text[];
    v_ratio    numeric := ops.health_threshold(p_thresholds, 'min_ratio', 0.8);
BEGIN
    -- Active models whose accuracy over the last day fell below min_ratio of their previous 30 days.
    SELECT coalesce(array_agg(format('%s %s: %s against %s', m.name, m.version, round(r.recent, 4), round(r.baseline, 4))
                              ORDER BY m.name, m.version), '{}')
      INTO v_degraded
      FROM (SELECT p.project_id, p.model_id,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp > now() - interval '1 day') AS recent,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp <= now() - interval '1 day') AS baseline
              FROM learning.predictions p
             WHERE p.status = 'validated' AND p.prediction_timestamp > now() - interval '31 days'
             GROUP BY p.project_id, p.model_id) r
      JOIN learning.ml_models m ON m.project_id = r.project_id AND m.model_id = r.model_id
     WHERE m.status = 'active' AND r.recent < v_ratio * r.baseline;
    value := cardinality(v_degraded);
    status := CASE WHEN value > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN value > 0 THEN 'accuracy dropped: ' || array_to_string(v_degraded, '; ')
                   ELSE 'no active model below its baseline' END;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION ops.check_model_accuracy(jsonb) IS 'Health check: active models whose mean accuracy over the last day is below min_ratio (0.8, the seed''s 80%) of their mean over the 30 days before (value: how many); fail when any.';

CREATE FUNCTION ops.check_partitions(p_thresholds jsonb)
RETURNS TABLE (status text, value numeric, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $$
DECLARE
    v_bytes    bigint;
    v_failures text[] := '{}'::text[];
    v_max      numeric := ops.health_threshold(p_thresholds, 'max_partition_bytes', 10737418240);
    v_parent   regclass;
    v_rows     bigint;
    v_table    record;
    v_warnings text[] := '{}'::text[];
BEGIN
    -- Every maintained table has a partition for now and for a day ahead, an empty default partition, no oversized partition.
    FOR v_table IN SELECT t.schema_name, t.table_name FROM ops.partitioned_tables t WHERE t.enabled ORDER BY 1, 2 LOOP
        v_parent := to_regclass(format('%I.%I', v_table.schema_name, v_table.table_name));
        IF v_parent IS NULL THEN
            v_failures := v_failures || format('%s.%s does not exist', v_table.schema_name, v_table.table_name);
            CONTINUE;
        END IF;
        IF NOT EXISTS (SELECT FROM ops.partitions_of(v_parent) p
                        WHERE p.range_from <= now() + interval '1 day' AND p.range_to > now() + interval '1 day')
           OR NOT EXISTS (SELECT FROM ops.partitions_of(v_parent) p WHERE p.range_from <= now() AND p.range_to > now()) THEN
            v_failures := v_failures || format('%s has no partition for now or tomorrow', v_parent);
        END IF;
        EXECUTE format('SELECT count(*) FROM %I.%I', v_table.schema_name,
                       (SELECT p.partition_name FROM ops.partitions_of(v_parent) p WHERE p.is_default))
           INTO v_rows;
        IF v_rows > 0 THEN
            v_warnings := v_warnings || format('%s rows in the default partition of %s', v_rows, v_parent);
        END IF;
        SELECT max(pg_total_relation_size(format('%I.%I', v_table.schema_name, p.partition_name)::regclass))
          INTO v_bytes FROM ops.partitions_of(v_parent) p;
        IF v_bytes > v_max THEN
            v_warnings := v_warnings || format('a partition of %s holds %s', v_parent, pg_size_pretty(v_bytes));
        END IF;
    END LOOP;
    value := cardinality(v_failures) + cardinality(v_warnings);
    status := CASE WHEN cardinality(v_failures) > 0 THEN 'fail' WHEN cardinality(v_warnings) > 0 THEN 'warn' ELSE 'ok' END;
    detail := coalesce(nullif(array_to_string(v_failures || v_warnings, '; '), ''), 'every maintained table is partitioned ahead');
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION ops.check_partitions(jsonb) IS 'Health check over ops.partitioned_tables (value: problems found): fail when a table lacks a partition for now or tomorrow; warn when its default partition holds rows or a partition is larger than max_partition_bytes (10 GB, the seed''s alert).';

CREATE FUNCTION ops.check_scheduled_jobs(p_thresholds jsonb)
RETURNS TABLE (status text, value numeric, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.check_scheduled_jobs(jsonb) IS 'Health check: pgpattern''s pg_cron jobs of this database that failed in the last window_hours (24) (value: how many jobs); warn when any, skip without pg_cron.';

CREATE FUNCTION ops.run_health_checks(p_all boolean DEFAULT false)
RETURNS SETOF ops.health_check_results
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.run_health_checks(boolean) IS 'Runs the enabled system health checks that are due (every enabled one with p_all), records each result in ops.health_check_results and returns them. Scheduled every minute as pgpattern-health-checks.';

INSERT INTO ops.system_health_checks (check_name, check_category, check_frequency, check_function, thresholds, description) VALUES
    ('database_connections', 'database', interval '1 minute', 'ops.check_database_connections',
     '{"warn_ratio": 0.8, "fail_ratio": 0.95}', 'Client connections against max_connections.'),
    ('learning_events_lag', 'analytics', interval '5 minutes', 'ops.check_learning_events_lag',
     '{"warn_seconds": 300, "fail_seconds": 3600}', 'How long ago the newest learning event arrived.'),
    ('model_prediction_accuracy', 'ml_pipeline', interval '1 hour', 'ops.check_model_accuracy',
     '{"min_ratio": 0.8}', 'Active models whose accuracy of the last day fell below 80% of their baseline.'),
    ('partitions', 'maintenance', interval '1 hour', 'ops.check_partitions',
     '{"max_partition_bytes": 10737418240}', 'Partitions exist ahead, default partitions are empty, no partition over 10 GB.'),
    ('scheduled_jobs', 'maintenance', interval '1 hour', 'ops.check_scheduled_jobs',
     '{"window_hours": 24}', 'pgpattern''s pg_cron jobs that failed in the last day.');

CREATE TABLE ops.data_quality_checks (
    check_name   text PRIMARY KEY,
    schema_name  name NOT NULL,
    table_name   name NOT NULL,
    check_type   text NOT NULL,
    column_names name[] NOT NULL,
    time_column  name,
    check_window interval,
    min_value    numeric,
    max_value    numeric,
    max_age      interval,
    threshold    numeric(5,2) NOT NULL DEFAULT 95,
    enabled      boolean NOT NULL DEFAULT true,
    description  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT data_quality_checks_name_check CHECK (check_name ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT data_quality_checks_type_check CHECK (check_type IN ('completeness', 'value_range', 'freshness', 'duplicates')),
    CONSTRAINT data_quality_checks_columns_check CHECK (cardinality(column_names) >= 1
        AND (check_type = 'duplicates' OR cardinality(column_names) = 1)),
    CONSTRAINT data_quality_checks_window_check CHECK ((time_column IS NULL) = (check_window IS NULL) AND check_window > interval '0'),
    CONSTRAINT data_quality_checks_range_check CHECK ((check_type = 'value_range') = (min_value IS NOT NULL OR max_value IS NOT NULL)
        AND (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)),
    CONSTRAINT data_quality_checks_age_check CHECK ((check_type = 'freshness') = (max_age IS NOT NULL) AND max_age > interval '0'),
    CONSTRAINT data_quality_checks_threshold_check CHECK (threshold BETWEEN 0 AND 100)
);
COMMENT ON TABLE ops.data_quality_checks IS 'Data-quality checks over the rows of a table in a recent window: completeness (share of rows where the column is not NULL), value_range (share within [min_value, max_value]), freshness (the newest row is at most max_age old: 100 or 0) and duplicates (share of rows that are not extra copies of a key). A score below threshold fails. Run by ops.run_data_quality_checks(); results in ops.data_quality_results.';
COMMENT ON COLUMN ops.data_quality_checks.check_name IS 'The check''s name (lower-case snake_case).';
COMMENT ON COLUMN ops.data_quality_checks.schema_name IS 'The schema of the table checked.';
COMMENT ON COLUMN ops.data_quality_checks.table_name IS 'The table checked.';
COMMENT ON COLUMN ops.data_quality_checks.check_type IS 'completeness, value_range, freshness or duplicates.';
COMMENT ON COLUMN ops.data_quality_checks.column_names IS 'The column checked (for duplicates: the columns of the key).';
COMMENT ON COLUMN ops.data_quality_checks.time_column IS 'The column that dates a row: only rows of the last check_window are checked (on a partitioned table by its key, only recent partitions are read). NULL: the whole table.';
COMMENT ON COLUMN ops.data_quality_checks.check_window IS 'How far back rows are checked, with time_column.';
COMMENT ON COLUMN ops.data_quality_checks.min_value IS 'value_range: the smallest allowed value (NULL: no lower bound).';
COMMENT ON COLUMN ops.data_quality_checks.max_value IS 'value_range: the largest allowed value (NULL: no upper bound).';
COMMENT ON COLUMN ops.data_quality_checks.max_age IS 'freshness: how old the newest row may be.';
COMMENT ON COLUMN ops.data_quality_checks.threshold IS 'The lowest passing quality score, 0 to 100 (default 95, the guide''s).';
COMMENT ON COLUMN ops.data_quality_checks.enabled IS 'Whether it runs.';
COMMENT ON COLUMN ops.data_quality_checks.description IS 'What it checks.';
COMMENT ON COLUMN ops.data_quality_checks.created_at IS 'When the check was created.';

CREATE FUNCTION ops.data_quality_checks_validate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_column name;
    v_table  regclass := to_regclass(format('%I.%I', NEW.schema_name, NEW.table_name));
BEGIN
    -- The table and its columns must exist; a range needs a numeric column, freshness and windows a timestamptz one.
    IF v_table IS NULL THEN
        RAISE EXCEPTION 'ops.data_quality_checks: table %.% does not exist', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'undefined_table';
    END IF;
    FOREACH v_column IN ARRAY NEW.column_names || NEW.time_column LOOP
        IF v_column IS NOT NULL AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = v_table AND a.attname = v_column
                                                   AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'ops.data_quality_checks: column % does not exist in %', v_column, v_table
                USING ERRCODE = 'undefined_column';
        END IF;
    END LOOP;
    IF NEW.check_type = 'value_range' AND NOT EXISTS (
           SELECT FROM pg_attribute a WHERE a.attrelid = v_table AND a.attname = NEW.column_names[1]
              AND a.atttypid IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
                                 'real'::regtype, 'double precision'::regtype)) THEN
        RAISE EXCEPTION 'ops.data_quality_checks: value_range needs a numeric column, and %.% is not one', v_table, NEW.column_names[1]
            USING ERRCODE = 'datatype_mismatch';
    END IF;
    IF EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = v_table
                  AND a.attname IN (NEW.time_column, CASE WHEN NEW.check_type = 'freshness' THEN NEW.column_names[1] END)
                  AND a.atttypid <> 'timestamptz'::regtype) THEN
        RAISE EXCEPTION 'ops.data_quality_checks: the time column of % must be timestamptz', NEW.check_name
            USING ERRCODE = 'datatype_mismatch';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION ops.data_quality_checks_validate() IS 'BEFORE INSERT OR UPDATE trigger function of ops.data_quality_checks: the table and columns must exist (42P01, 42703), a value_range column be numeric and time columns timestamptz (42804).';
CREATE TRIGGER data_quality_checks_validate BEFORE INSERT OR UPDATE ON ops.data_quality_checks
    FOR EACH ROW EXECUTE FUNCTION ops.data_quality_checks_validate();

CREATE TABLE ops.data_quality_results (
    result_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_name    text NOT NULL REFERENCES ops.data_quality_checks (check_name) ON DELETE CASCADE,
    table_name    text NOT NULL,
    checked_at    timestamptz NOT NULL DEFAULT now(),
    rows_checked  bigint,
    rows_failed   bigint,
    quality_score numeric(5,2),
    status        text NOT NULL,
    detail        text,
    duration_ms   numeric NOT NULL,
    CONSTRAINT data_quality_results_status_check CHECK (status IN ('passed', 'failed', 'error')),
    CONSTRAINT data_quality_results_score_check CHECK (quality_score BETWEEN 0 AND 100)
);
COMMENT ON TABLE ops.data_quality_results IS 'Every run of a data-quality check: rows checked and failing, the quality score (0 to 100), passed or failed against the check''s threshold, or error. Kept 90 days.';
COMMENT ON COLUMN ops.data_quality_results.result_id IS 'The result''s key.';
COMMENT ON COLUMN ops.data_quality_results.check_name IS 'The check.';
COMMENT ON COLUMN ops.data_quality_results.table_name IS 'schema.table checked.';
COMMENT ON COLUMN ops.data_quality_results.checked_at IS 'When it ran (the guide''s check_timestamp).';
COMMENT ON COLUMN ops.data_quality_results.rows_checked IS 'The rows in the window.';
COMMENT ON COLUMN ops.data_quality_results.rows_failed IS 'The rows that failed (NULL, out of range, extra copies; for freshness 0 or all).';
COMMENT ON COLUMN ops.data_quality_results.quality_score IS '100 * (1 - rows_failed / rows_checked); 100 with no rows (0 for freshness).';
COMMENT ON COLUMN ops.data_quality_results.status IS 'passed (score at least the threshold), failed, or error (the check could not run; see detail).';
COMMENT ON COLUMN ops.data_quality_results.detail IS 'What was found.';
COMMENT ON COLUMN ops.data_quality_results.duration_ms IS 'How long the check took, in milliseconds.';
CREATE INDEX data_quality_results_check_idx ON ops.data_quality_results (check_name, checked_at DESC);
COMMENT ON INDEX ops.data_quality_results_check_idx IS 'A check''s results, newest first (supports the foreign key).';
CREATE INDEX data_quality_results_checked_idx ON ops.data_quality_results (checked_at);
COMMENT ON INDEX ops.data_quality_results_checked_idx IS 'Retention.';

CREATE FUNCTION ops.run_data_quality_checks(p_check text DEFAULT NULL)
RETURNS SETOF ops.data_quality_results
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.run_data_quality_checks(text) IS 'Runs the enabled data-quality checks (or only p_check, enabled or not), records each result in ops.data_quality_results and returns them. Scheduled hourly as pgpattern-data-quality-checks.';

INSERT INTO ops.data_quality_checks (check_name, schema_name, table_name, check_type, column_names, time_column,
                                     check_window, min_value, max_value, max_age, description) VALUES
    ('learning_events_processing_time_range', 'learning', 'learning_events', 'value_range', '{processing_time_ms}',
     'event_timestamp', interval '1 day', 0, 600000, NULL, 'Processing times of the last day lie within 0 to 10 minutes.'),
    ('learning_events_source_completeness', 'learning', 'learning_events', 'completeness', '{source_system}',
     'event_timestamp', interval '1 day', NULL, NULL, NULL, 'Events of the last day name their source system.'),
    ('learning_events_duplicates', 'learning', 'learning_events', 'duplicates',
     '{project_id,event_type,entity_type,entity_id,event_timestamp}', 'event_timestamp', interval '1 day', NULL, NULL, NULL,
     'No event of the last day is recorded twice (same project, type, entity and time).'),
    ('system_performance_metrics_freshness', 'learning', 'system_performance_metrics', 'freshness', '{metric_timestamp}',
     'metric_timestamp', interval '1 day', NULL, NULL, interval '15 minutes', 'Metrics arrived in the last 15 minutes.');

CREATE FUNCTION ops.detect_performance_anomalies(
      p_recent interval DEFAULT interval '1 hour'
    , p_baseline interval DEFAULT interval '7 days'
    , p_threshold double precision DEFAULT 3.5
    , p_min_baseline_samples integer DEFAULT 30
    , p_now timestamptz DEFAULT now())
RETURNS TABLE (metric_name text, source_component text, recent_samples bigint, recent_median double precision,
               baseline_samples bigint, baseline_median double precision, baseline_mad double precision,
               robust_z double precision, direction text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    /*
     * Per metric and component: the median of its samples in [p_now - p_recent, p_now)
     * against its own baseline, the samples of the p_baseline before that. The robust
     * z-score is 0.6745 * (recent median - baseline median) / MAD (median absolute
     * deviation, so the baseline's own outliers do not hide an anomaly); when the MAD is
     * 0 the mean absolute deviation stands in (z = diff / (1.2533 * meanAD)), and when
     * that is 0 too any change is infinitely far. Returns those with |z| >= p_threshold
     * and at least p_min_baseline_samples baseline samples, furthest first.
     */
    IF p_recent IS NULL OR p_recent <= interval '0' OR p_baseline IS NULL OR p_baseline <= interval '0' THEN
        RAISE EXCEPTION 'p_recent and p_baseline must be positive intervals, not % and %',
            coalesce(p_recent::text, 'NULL'), coalesce(p_baseline::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_threshold IS NULL OR p_threshold <= 0 OR p_min_baseline_samples IS NULL OR p_min_baseline_samples < 2 THEN
        RAISE EXCEPTION 'p_threshold must be positive and p_min_baseline_samples at least 2, not % and %',
            coalesce(p_threshold::text, 'NULL'), coalesce(p_min_baseline_samples::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH samples AS (
        SELECT m.metric_name AS name, coalesce(m.source_component, '') AS component, m.value::double precision AS v,
               m.metric_timestamp >= p_now - p_recent AS recent
          FROM learning.system_performance_metrics m
         WHERE m.metric_timestamp >= p_now - p_recent - p_baseline AND m.metric_timestamp < p_now
    ), baseline AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE NOT s.recent GROUP BY s.name, s.component
    ), spread AS (
        SELECT b.name, b.component,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(s.v - b.med)) AS mad,
               avg(abs(s.v - b.med)) AS mean_ad
          FROM samples s JOIN baseline b ON b.name = s.name AND b.component = s.component
         WHERE NOT s.recent GROUP BY b.name, b.component
    ), latest AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE s.recent GROUP BY s.name, s.component
    ), scored AS (
        SELECT l.name, l.component, l.n AS recent_n, l.med AS recent_med, b.n AS baseline_n, b.med AS baseline_med,
               sp.mad,
               CASE WHEN sp.mad > 0 THEN 0.6745 * (l.med - b.med) / sp.mad
                    WHEN sp.mean_ad > 0 THEN (l.med - b.med) / (1.253314 * sp.mean_ad)
                    WHEN l.med = b.med THEN 0
                    ELSE sign(l.med - b.med) * 'Infinity'::double precision END AS z
          FROM latest l
          JOIN baseline b ON b.name = l.name AND b.component = l.component
          JOIN spread sp ON sp.name = l.name AND sp.component = l.component
         WHERE b.n >= p_min_baseline_samples
    )
    SELECT s.name, nullif(s.component, ''), s.recent_n, s.recent_med, s.baseline_n, s.baseline_med, s.mad, s.z,
           CASE WHEN s.z > 0 THEN 'above' ELSE 'below' END
      FROM scored s
     WHERE abs(s.z) >= p_threshold
     ORDER BY abs(s.z) DESC, s.name, s.component;
END
$$;
COMMENT ON FUNCTION ops.detect_performance_anomalies(interval, interval, double precision, integer, timestamptz) IS 'The metrics (per metric_name and source_component) whose median over the last p_recent (1 hour) leaves their own baseline (the p_baseline, 7 days, before it) by a robust z-score |0.6745 * (recent median - baseline median) / MAD| of at least p_threshold (3.5), given at least p_min_baseline_samples (30) baseline samples; with the medians, the MAD, the sample counts, z and its direction (above or below).';

CREATE FUNCTION api.performance_anomalies(
      p_recent interval DEFAULT interval '1 hour'
    , p_baseline interval DEFAULT interval '7 days'
    , p_threshold double precision DEFAULT 3.5)
RETURNS TABLE (metric_name text, source_component text, recent_samples bigint, recent_median double precision,
               baseline_samples bigint, baseline_median double precision, baseline_mad double precision,
               robust_z double precision, direction text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ops.detect_performance_anomalies(p_recent, p_baseline, p_threshold)
$$;
COMMENT ON FUNCTION api.performance_anomalies(interval, interval, double precision) IS 'Performance metrics whose recent median leaves their baseline (ops.detect_performance_anomalies with at least 30 baseline samples): metric_name, source_component, the medians, MAD, robust_z and direction.';

CREATE VIEW api.health_check_status AS
SELECT DISTINCT ON (c.check_name)
       c.check_name, c.check_category, r.status, r.value, r.detail, r.checked_at, c.check_frequency
  FROM ops.system_health_checks c
  LEFT JOIN ops.health_check_results r ON r.check_name = c.check_name
 WHERE c.enabled
 ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;
COMMENT ON VIEW api.health_check_status IS 'The latest result of each enabled system health check: status (ok, warn, fail, skip; NULL before its first run), value, detail and when.';

CREATE VIEW api.data_quality_status AS
SELECT DISTINCT ON (c.check_name)
       c.check_name, format('%s.%s', c.schema_name, c.table_name) AS table_name, c.check_type, c.threshold,
       r.quality_score, r.status, r.rows_checked, r.rows_failed, r.detail, r.checked_at
  FROM ops.data_quality_checks c
  LEFT JOIN ops.data_quality_results r ON r.check_name = c.check_name
 WHERE c.enabled
 ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;
COMMENT ON VIEW api.data_quality_status IS 'The latest result of each enabled data-quality check: quality_score (0 to 100) against threshold, status (passed, failed, error; NULL before its first run), rows checked and failing, detail and when.';

INSERT INTO ops.data_retention_policies (schema_name, table_name, time_column, retention_period, strategy, description) VALUES
    ('ops', 'health_check_results', 'checked_at', interval '30 days', 'delete', 'Health check results are kept 30 days.'),
    ('ops', 'data_quality_results', 'checked_at', interval '90 days', 'delete', 'Data-quality results are kept 90 days.');

SELECT ops.schedule_job('pgpattern-health-checks', '* * * * *',
    'SELECT count(*) FROM ops.run_health_checks()',
    'Every minute: run the system health checks that are due.');
SELECT ops.schedule_job('pgpattern-data-quality-checks', '37 * * * *',
    'SELECT count(*) FROM ops.run_data_quality_checks()',
    'Hourly at :37: run the data-quality checks.');
