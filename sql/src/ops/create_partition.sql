CREATE OR REPLACE FUNCTION ops.create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.create_partition(regclass,text,timestamp without time zone) IS 'Creates the partition of a table for the day, week or month starting at p_start (UTC), taking over its rows from the default partition; returns how many rows moved, or NULL when a partition already covers the period.';
GRANT EXECUTE ON FUNCTION ops.create_partition(regclass,text,timestamp without time zone) TO pgpattern_admin;
