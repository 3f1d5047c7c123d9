-- Learning operations, partition maintenance: one table in ops says, per range-partitioned
-- table, the period of its partitions (day, week or month, in UTC) and how far ahead they
-- are made; ops.run_partition_maintenance() (daily, pg_cron) creates them ahead and drains
-- the default partition, which catches any row no partition holds, into the partitions
-- the rows belong to. Partitions are named <table>_p<period> (p2026m11d22, p2026w47,
-- p2026m11), which sql/structure.sql leaves out; indexes, constraints and triggers come
-- from the partitioned table. Retention is ops.data_retention_policies (0403).
-- learning.pattern_occurrences (0303) joins this maintenance; its own daily job goes.
CREATE TABLE ops.partitioned_tables (
    schema_name        name NOT NULL,
    table_name         name NOT NULL,
    partition_interval text NOT NULL,
    premake            interval NOT NULL,
    enabled            boolean NOT NULL DEFAULT true,
    description        text,
    last_maintained_at timestamptz,
    last_result        jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name),
    CONSTRAINT partitioned_tables_interval_check CHECK (partition_interval IN ('day', 'week', 'month')),
    CONSTRAINT partitioned_tables_premake_check CHECK (premake > interval '0' AND premake <= interval '5 years')
);
COMMENT ON TABLE ops.partitioned_tables IS 'The range-partitioned tables ops.run_partition_maintenance() keeps: per table, the period of a partition (day, ISO week or month, UTC) and how far ahead partitions exist. Retention is in ops.data_retention_policies; ops.partition_overview shows both with the partitions that exist.';
COMMENT ON COLUMN ops.partitioned_tables.schema_name IS 'The schema of the partitioned table.';
COMMENT ON COLUMN ops.partitioned_tables.table_name IS 'The partitioned table: range-partitioned on one timestamptz column.';
COMMENT ON COLUMN ops.partitioned_tables.partition_interval IS 'day, week (ISO, from Monday) or month: the span of one partition, in UTC. It fixes the partition names: <table>_pYYYYmMMdDD, <table>_pIYYYYwIW, <table>_pYYYYmMM.';
COMMENT ON COLUMN ops.partitioned_tables.premake IS 'How far ahead of now partitions are created (more than 0, at most 5 years).';
COMMENT ON COLUMN ops.partitioned_tables.enabled IS 'Whether maintenance handles the table.';
COMMENT ON COLUMN ops.partitioned_tables.description IS 'Why the table is partitioned so.';
COMMENT ON COLUMN ops.partitioned_tables.last_maintained_at IS 'When maintenance last handled the table.';
COMMENT ON COLUMN ops.partitioned_tables.last_result IS 'What the last maintenance did: partitions_created, rows_drained, default_rows_left, duration_ms.';
COMMENT ON COLUMN ops.partitioned_tables.created_at IS 'When the table was registered.';
COMMENT ON COLUMN ops.partitioned_tables.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE TRIGGER partitioned_tables_touch_updated_at BEFORE UPDATE ON ops.partitioned_tables
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE FUNCTION ops.partition_key(p_parent regclass)
RETURNS name
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The one timestamptz column a table is range-partitioned on; NULL otherwise.
    SELECT a.attname
      FROM pg_partitioned_table pt
      JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
     WHERE pt.partrelid = p_parent AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid = 'timestamptz'::regtype
$$;
COMMENT ON FUNCTION ops.partition_key(regclass) IS 'The partition key column of a table range-partitioned on one timestamptz column, else NULL.';

CREATE FUNCTION ops.partitioned_tables_check()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_parent regclass := to_regclass(format('%I.%I', NEW.schema_name, NEW.table_name));
BEGIN
    -- Only a table maintenance can keep: range-partitioned on one timestamptz column.
    IF v_parent IS NULL THEN
        RAISE EXCEPTION 'ops.partitioned_tables: table %.% does not exist', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'undefined_table',
                  HINT = 'create the partitioned table first, then register it';
    END IF;
    IF ops.partition_key(v_parent) IS NULL THEN
        RAISE EXCEPTION 'ops.partitioned_tables: table %.% is not range-partitioned on one timestamptz column', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'declare it PARTITION BY RANGE (a timestamptz column)';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION ops.partitioned_tables_check() IS 'BEFORE INSERT OR UPDATE trigger function of ops.partitioned_tables: the table must exist and be range-partitioned on one timestamptz column (42P01, 22023).';
CREATE TRIGGER partitioned_tables_check BEFORE INSERT OR UPDATE ON ops.partitioned_tables
    FOR EACH ROW EXECUTE FUNCTION ops.partitioned_tables_check();

CREATE FUNCTION ops.partition_period_start(p_interval text, p_at timestamptz)
RETURNS timestamp
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The UTC start of the day, ISO week or month that holds p_at.
    SELECT date_trunc(p_interval, p_at AT TIME ZONE 'UTC')
$$;
COMMENT ON FUNCTION ops.partition_period_start(text, timestamptz) IS 'The start, as a UTC timestamp, of the day, week (ISO, Monday) or month that holds p_at.';

CREATE FUNCTION ops.partition_period_end(p_interval text, p_start timestamp)
RETURNS timestamp
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_start + CASE p_interval WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days'
                                     ELSE interval '1 month' END
$$;
COMMENT ON FUNCTION ops.partition_period_end(text, timestamp) IS 'The end (exclusive, UTC) of the period of the given kind starting at p_start.';

CREATE FUNCTION ops.partition_name(p_table name, p_interval text, p_start timestamp)
RETURNS name
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- <table>_p<period>: the dated names sql/structure.sql leaves out.
    SELECT (p_table || '_p' || to_char(p_start, CASE p_interval WHEN 'day' THEN 'YYYY"m"MM"d"DD'
                                                                 WHEN 'week' THEN 'IYYY"w"IW'
                                                                 ELSE 'YYYY"m"MM' END))::name
$$;
COMMENT ON FUNCTION ops.partition_name(name, text, timestamp) IS 'The name of the partition of p_table for the period starting at p_start: <table>_pYYYYmMMdDD (day), <table>_pIYYYYwIW (week), <table>_pYYYYmMM (month).';

CREATE FUNCTION ops.partitions_of(p_parent regclass)
RETURNS TABLE (partition_name name, range_from timestamptz, range_to timestamptz, is_default boolean)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $$
DECLARE
    v_bound text;
    v_part  record;
BEGIN
    -- The partitions of a range-partitioned table with their bounds (NULL for MINVALUE or MAXVALUE).
    -- DateStyle is pinned so the bounds pg_get_expr prints read back as they were written.
    FOR v_part IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = p_parent
         ORDER BY c.relname
    LOOP
        partition_name := v_part.relname;
        is_default := v_part.bound = 'DEFAULT';
        range_from := NULL;
        range_to := NULL;
        IF NOT is_default THEN
            v_bound := substring(v_part.bound FROM $re$FROM \('([^']*)'\)$re$);
            range_from := v_bound::timestamptz;
            v_bound := substring(v_part.bound FROM $re$TO \('([^']*)'\)$re$);
            range_to := v_bound::timestamptz;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION ops.partitions_of(regclass) IS 'The partitions of a table range-partitioned on a timestamptz column: name, range_from (inclusive), range_to (exclusive), is_default.';

CREATE FUNCTION ops.create_partition(p_parent regclass, p_interval text, p_start timestamp)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_default name;
    v_end     timestamp := ops.partition_period_end(p_interval, p_start);
    v_key     name := ops.partition_key(p_parent);
    v_moved   bigint := 0;
    v_name    name;
    v_schema  name;
    v_table   name;
BEGIN
    /*
     * Creates the partition of p_parent for the period starting at p_start (UTC) and
     * returns how many rows it took over from the default partition; NULL when a
     * partition already covers any of the period (nothing is done). The partition is
     * built beside the table, filled with its rows from the default partition and then
     * attached, so the move fires no insert trigger; the default partition is locked
     * meanwhile so no row for the period can slip in. Indexes come on attach.
     */
    IF v_key IS NULL THEN
        RAISE EXCEPTION 'table % is not range-partitioned on one timestamptz column', p_parent
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_interval IS NULL OR p_interval NOT IN ('day', 'week', 'month') THEN
        RAISE EXCEPTION 'p_interval must be day, week or month, not %', coalesce(p_interval, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_start IS DISTINCT FROM ops.partition_period_start(p_interval, p_start AT TIME ZONE 'UTC') THEN
        RAISE EXCEPTION 'p_start % does not begin a % (UTC)', coalesce(p_start::text, 'NULL'), p_interval
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM ops.partitions_of(p_parent) p
                WHERE NOT p.is_default
                  AND coalesce(p.range_from, '-infinity') < v_end AT TIME ZONE 'UTC'
                  AND coalesce(p.range_to, 'infinity') > p_start AT TIME ZONE 'UTC') THEN
        RETURN NULL;
    END IF;
    SELECT n.nspname, c.relname INTO v_schema, v_table
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_parent;
    v_name := ops.partition_name(v_table, p_interval, p_start);
    SELECT p.partition_name INTO v_default FROM ops.partitions_of(p_parent) p WHERE p.is_default;

    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)',
                   v_schema, v_name, v_schema, v_table);
    IF v_default IS NOT NULL THEN
        EXECUTE format('LOCK TABLE %I.%I IN EXCLUSIVE MODE', v_schema, v_default);
        EXECUTE format('WITH moved AS (DELETE FROM %I.%I WHERE %I >= %L AND %I < %L RETURNING *)
                        INSERT INTO %I.%I SELECT * FROM moved',
                       v_schema, v_default, v_key, p_start AT TIME ZONE 'UTC', v_key, v_end AT TIME ZONE 'UTC',
                       v_schema, v_name);
        GET DIAGNOSTICS v_moved = ROW_COUNT;
    END IF;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                   v_schema, v_table, v_schema, v_name, p_start AT TIME ZONE 'UTC', v_end AT TIME ZONE 'UTC');
    RETURN v_moved;
END
$$;
COMMENT ON FUNCTION ops.create_partition(regclass, text, timestamp) IS 'Creates the partition of a table for the day, week or month starting at p_start (UTC), taking over its rows from the default partition; returns how many rows moved, or NULL when a partition already covers the period.';

CREATE FUNCTION ops.run_partition_maintenance(p_table text DEFAULT NULL, p_max_new_partitions integer DEFAULT 1000)
RETURNS TABLE (table_name text, partitions_created integer, rows_drained bigint, default_rows_left bigint,
               duration_ms numeric)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_budget      integer;
    v_clock       timestamptz;
    v_config      record;
    v_created     integer;
    v_default     name;
    v_drained     bigint;
    v_fkey        record;
    v_fkeys       text[];
    v_key         name;
    v_moved       bigint;
    v_parent      regclass;
    v_period      timestamp;
    v_periods     timestamp[];
    v_statement   text;
BEGIN
    /*
     * For each enabled table of ops.partitioned_tables (or only p_table, schema.table):
     * makes sure a default partition exists, drains it (every period it holds rows of
     * gets its partition and the rows), then creates the partitions from the current
     * period to now() + premake. At most p_max_new_partitions per table and run, so a
     * stray row far in the past or future cannot make thousands at once. One run at a
     * time (an advisory lock; a second returns nothing with a notice).
     */
    IF p_max_new_partitions IS NULL OR p_max_new_partitions < 1 THEN
        RAISE EXCEPTION 'p_max_new_partitions must be at least 1, not %', coalesce(p_max_new_partitions::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_table IS NOT NULL AND NOT EXISTS (SELECT FROM ops.partitioned_tables t
                                            WHERE format('%s.%s', t.schema_name, t.table_name) = p_table) THEN
        RAISE EXCEPTION 'p_table % is not in ops.partitioned_tables', p_table
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'give schema.table of a registered table, or NULL for all';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('pgpattern partition maintenance')) THEN
        RAISE NOTICE 'partition maintenance is already running in another session; nothing done';
        RETURN;
    END IF;
    FOR v_config IN
        SELECT t.schema_name, t.table_name, t.partition_interval, t.premake
          FROM ops.partitioned_tables t
         WHERE t.enabled AND (p_table IS NULL OR format('%s.%s', t.schema_name, t.table_name) = p_table)
         ORDER BY t.schema_name, t.table_name
    LOOP
        v_clock := clock_timestamp();
        v_parent := format('%I.%I', v_config.schema_name, v_config.table_name)::regclass;
        v_key := ops.partition_key(v_parent);
        v_created := 0;
        v_drained := 0;
        v_budget := p_max_new_partitions;

        SELECT p.partition_name INTO v_default FROM ops.partitions_of(v_parent) p WHERE p.is_default;
        IF v_default IS NULL THEN
            v_default := (v_config.table_name || '_default')::name;
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I DEFAULT',
                           v_config.schema_name, v_default, v_config.schema_name, v_config.table_name);
            EXECUTE format('COMMENT ON TABLE %I.%I IS %L', v_config.schema_name, v_default,
                           format('Rows of %s.%s outside every partition; ops.run_partition_maintenance() moves them into their partitions.',
                                  v_config.schema_name, v_config.table_name));
        END IF;

        EXECUTE format('SELECT coalesce(array_agg(DISTINCT ops.partition_period_start(%L, %I)), ''{}'') FROM %I.%I',
                       v_config.partition_interval, v_key, v_config.schema_name, v_default)
           INTO v_periods;
        -- A row leaving the default partition is deleted there before its partition is
        -- attached, and PostgreSQL checks a referencing foreign key against the default
        -- partition alone: so foreign keys that reference the table are dropped while
        -- rows move and added again (and so validated) after.
        v_fkeys := '{}';
        IF cardinality(v_periods) > 0 THEN
            v_fkeys := ARRAY(SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,
                                           pg_get_constraintdef(k.oid))
                               FROM pg_constraint k
                              WHERE k.contype = 'f' AND k.confrelid = v_parent AND k.conparentid = 0
                              ORDER BY k.conrelid::regclass::text, k.conname);
            FOR v_fkey IN SELECT k.conrelid::regclass AS child, k.conname FROM pg_constraint k
                           WHERE k.contype = 'f' AND k.confrelid = v_parent AND k.conparentid = 0 LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', v_fkey.child, v_fkey.conname);
            END LOOP;
        END IF;
        FOREACH v_period IN ARRAY v_periods LOOP
            EXIT WHEN v_budget = 0;
            v_moved := ops.create_partition(v_parent, v_config.partition_interval, v_period);
            IF v_moved IS NOT NULL THEN
                v_created := v_created + 1;
                v_drained := v_drained + v_moved;
                v_budget := v_budget - 1;
            END IF;
        END LOOP;

        FOREACH v_statement IN ARRAY v_fkeys LOOP
            EXECUTE v_statement;
        END LOOP;

        v_period := ops.partition_period_start(v_config.partition_interval, now());
        WHILE v_period AT TIME ZONE 'UTC' < now() + v_config.premake AND v_budget > 0 LOOP
            v_moved := ops.create_partition(v_parent, v_config.partition_interval, v_period);
            IF v_moved IS NOT NULL THEN
                v_created := v_created + 1;
                v_drained := v_drained + v_moved;
                v_budget := v_budget - 1;
            END IF;
            v_period := ops.partition_period_end(v_config.partition_interval, v_period);
        END LOOP;

        table_name := format('%s.%s', v_config.schema_name, v_config.table_name);
        partitions_created := v_created;
        rows_drained := v_drained;
        EXECUTE format('SELECT count(*) FROM %I.%I', v_config.schema_name, v_default) INTO default_rows_left;
        duration_ms := round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1);
        IF default_rows_left > 0 THEN
            RAISE WARNING '% rows of % are still in its default partition', default_rows_left, table_name
                USING DETAIL = format('%s partitions created this run (at most %s), %s rows drained',
                                      v_created, p_max_new_partitions, v_drained),
                      HINT = 'run ops.run_partition_maintenance() again, or look for a partition that overlaps their period';
        END IF;
        UPDATE ops.partitioned_tables t
           SET last_maintained_at = now(),
               last_result = jsonb_build_object('partitions_created', v_created, 'rows_drained', v_drained,
                                                'default_rows_left', default_rows_left, 'duration_ms', duration_ms)
         WHERE t.schema_name = v_config.schema_name AND t.table_name = v_config.table_name;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION ops.run_partition_maintenance(text, integer) IS 'Keeps the tables of ops.partitioned_tables (all, or p_table as schema.table): a default partition, drained into the partitions its rows belong to, and partitions from the current period to now() + premake; at most p_max_new_partitions (default 1000) new partitions per table and run. Returns per table what it did and how long it took. Scheduled daily as pgpattern-partition-maintenance.';

INSERT INTO ops.partitioned_tables (schema_name, table_name, partition_interval, premake, description)
VALUES ('learning', 'pattern_occurrences', 'week', interval '4 weeks',
        'Pattern occurrences by ISO week of detection_timestamp (0303).');

-- learning.pattern_occurrences's own job goes: this maintenance keeps the table. Not through
-- ops.unschedule_job: pg_cron's cron.unschedule caches the OID of cron.job per session, so a
-- migrate that follows a rollback of pg_cron in the same session would look for the dropped
-- table ("could not open relation"); deleting the row fires pg_cron's cache invalidation.
DELETE FROM ops.scheduled_jobs WHERE job_name = 'pgpattern-learning-occurrence-partitions';
DO $$
BEGIN
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('DELETE FROM %I.job WHERE jobname = %L AND database = current_database()',
                       'cron', 'pgpattern-learning-occurrence-partitions');
    END IF;
END
$$;
SELECT ops.schedule_job('pgpattern-partition-maintenance', '23 1 * * *',
    'SELECT ops.run_partition_maintenance()',
    'Daily at 01:23 UTC: create partitions ahead and drain default partitions (ops.partitioned_tables).');
