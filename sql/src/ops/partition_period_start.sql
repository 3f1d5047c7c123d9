CREATE OR REPLACE FUNCTION ops.partition_period_start(p_interval text, p_at timestamp with time zone)
 RETURNS timestamp without time zone
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The UTC start of the day, ISO week or month that holds p_at.
    SELECT date_trunc(p_interval, p_at AT TIME ZONE 'UTC')
$function$;
COMMENT ON FUNCTION ops.partition_period_start(text,timestamp with time zone) IS 'The start, as a UTC timestamp, of the day, week (ISO, Monday) or month that holds p_at.';
GRANT EXECUTE ON FUNCTION ops.partition_period_start(text,timestamp with time zone) TO pgpattern_admin;
