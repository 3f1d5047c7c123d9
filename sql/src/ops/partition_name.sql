CREATE OR REPLACE FUNCTION ops.partition_name(p_table name, p_interval text, p_start timestamp without time zone)
 RETURNS name
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- <table>_p<period>: the dated names sql/structure.sql leaves out.
    SELECT (p_table || '_p' || to_char(p_start, CASE p_interval WHEN 'day' THEN 'YYYY"m"MM"d"DD'
                                                                 WHEN 'week' THEN 'IYYY"w"IW'
                                                                 ELSE 'YYYY"m"MM' END))::name
$function$;
COMMENT ON FUNCTION ops.partition_name(name,text,timestamp without time zone) IS 'The name of the partition of p_table for the period starting at p_start: <table>_pYYYYmMMdDD (day), <table>_pIYYYYwIW (week), <table>_pYYYYmMM (month).';
GRANT EXECUTE ON FUNCTION ops.partition_name(name,text,timestamp without time zone) TO pgpattern_admin;
