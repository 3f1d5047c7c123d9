CREATE OR REPLACE FUNCTION ops.run_partition_maintenance(p_table text DEFAULT NULL::text, p_max_new_partitions integer DEFAULT 1000)
 RETURNS TABLE(table_name text, partitions_created integer, rows_drained bigint, default_rows_left bigint, duration_ms numeric)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.run_partition_maintenance(text,integer) IS 'Keeps the tables of ops.partitioned_tables (all, or p_table as schema.table): a default partition, drained into the partitions its rows belong to, and partitions from the current period to now() + premake; at most p_max_new_partitions (default 1000) new partitions per table and run. Returns per table what it did and how long it took. Scheduled daily as pgpattern-partition-maintenance.';
GRANT EXECUTE ON FUNCTION ops.run_partition_maintenance(text,integer) TO pgpattern_admin;
