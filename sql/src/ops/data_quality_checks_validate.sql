CREATE OR REPLACE FUNCTION ops.data_quality_checks_validate()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.data_quality_checks_validate() IS 'BEFORE INSERT OR UPDATE trigger function of ops.data_quality_checks: the table and columns must exist (42P01, 42703), a value_range column be numeric and time columns timestamptz (42804).';
GRANT EXECUTE ON FUNCTION ops.data_quality_checks_validate() TO pgpattern_admin;
