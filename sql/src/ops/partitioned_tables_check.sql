CREATE OR REPLACE FUNCTION ops.partitioned_tables_check()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.partitioned_tables_check() IS 'BEFORE INSERT OR UPDATE trigger function of ops.partitioned_tables: the table must exist and be range-partitioned on one timestamptz column (42P01, 22023).';
GRANT EXECUTE ON FUNCTION ops.partitioned_tables_check() TO pgpattern_admin;
