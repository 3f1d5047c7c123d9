CREATE OR REPLACE FUNCTION ops.check_partitions(p_thresholds jsonb)
 RETURNS TABLE(status text, value numeric, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET "DateStyle" TO 'ISO, YMD'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.check_partitions(jsonb) IS 'Health check over ops.partitioned_tables (value: problems found): fail when a table lacks a partition for now or tomorrow; warn when its default partition holds rows or a partition is larger than max_partition_bytes (10 GB, the seed''s alert).';
GRANT EXECUTE ON FUNCTION ops.check_partitions(jsonb) TO pgpattern_admin;
