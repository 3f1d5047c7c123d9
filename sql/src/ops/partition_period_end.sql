CREATE OR REPLACE FUNCTION ops.partition_period_end(p_interval text, p_start timestamp without time zone)
 RETURNS timestamp without time zone
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT p_start + CASE p_interval WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days'
                                     ELSE interval '1 month' END
$function$;
COMMENT ON FUNCTION ops.partition_period_end(text,timestamp without time zone) IS 'The end (exclusive, UTC) of the period of the given kind starting at p_start.';
GRANT EXECUTE ON FUNCTION ops.partition_period_end(text,timestamp without time zone) TO pgpattern_admin;
