CREATE OR REPLACE FUNCTION patterns.iso_week_start(p_at timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT date_trunc('week', p_at AT TIME ZONE 'UTC')::date
$function$;
COMMENT ON FUNCTION patterns.iso_week_start(timestamp with time zone) IS 'The Monday (UTC) starting the ISO week of a moment: ISO weeks are counted in UTC.';
GRANT EXECUTE ON FUNCTION patterns.iso_week_start(timestamp with time zone) TO pgpattern_writer;
