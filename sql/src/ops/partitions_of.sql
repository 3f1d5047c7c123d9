CREATE OR REPLACE FUNCTION ops.partitions_of(p_parent regclass)
 RETURNS TABLE(partition_name name, range_from timestamp with time zone, range_to timestamp with time zone, is_default boolean)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET "DateStyle" TO 'ISO, YMD'
AS $function$
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
$function$;
COMMENT ON FUNCTION ops.partitions_of(regclass) IS 'The partitions of a table range-partitioned on a timestamptz column: name, range_from (inclusive), range_to (exclusive), is_default.';
GRANT EXECUTE ON FUNCTION ops.partitions_of(regclass) TO pgpattern_admin;
