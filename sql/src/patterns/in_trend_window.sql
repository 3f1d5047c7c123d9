CREATE OR REPLACE FUNCTION patterns.in_trend_window(p_end_at timestamp with time zone, p_at timestamp with time zone)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- patterns.trend_period(p_end_at, p_at) >= 0, compared as intervals (cheaper per row).
    SELECT p_end_at - p_at < 12 * interval '30.4375 days'
$function$;
COMMENT ON FUNCTION patterns.in_trend_window(timestamp with time zone,timestamp with time zone) IS 'Spec section 4: whether the moment at falls in one of the 12 trend periods of 30.4375 days ending at end_at (patterns.trend_period() 0 or more).';
GRANT EXECUTE ON FUNCTION patterns.in_trend_window(timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
