CREATE OR REPLACE FUNCTION ops.partition_key(p_parent regclass)
 RETURNS name
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The one timestamptz column a table is range-partitioned on; NULL otherwise.
    SELECT a.attname
      FROM pg_partitioned_table pt
      JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
     WHERE pt.partrelid = p_parent AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid = 'timestamptz'::regtype
$function$;
COMMENT ON FUNCTION ops.partition_key(regclass) IS 'The partition key column of a table range-partitioned on one timestamptz column, else NULL.';
GRANT EXECUTE ON FUNCTION ops.partition_key(regclass) TO pgpattern_admin;
