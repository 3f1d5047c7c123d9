CREATE OR REPLACE FUNCTION patterns.trend_period(p_end_at timestamp with time zone, p_at timestamp with time zone)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The trailing 12 periods of 30.4375 days, the last (11) ending at the end of the span,
    -- as (start, end]; below 0 before the window.
    SELECT 11 - floor(extract(epoch FROM p_end_at - p_at) / (30.4375 * 86400))::integer
$function$;
COMMENT ON FUNCTION patterns.trend_period(timestamp with time zone,timestamp with time zone) IS 'Spec section 4: which of the 12 trend periods of 30.4375 days ending at end_at (0 to 11, the last ending at end_at) the moment at falls in; below 0 before them.';
GRANT EXECUTE ON FUNCTION patterns.trend_period(timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
