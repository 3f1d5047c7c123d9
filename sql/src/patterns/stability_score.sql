CREATE OR REPLACE FUNCTION patterns.stability_score(p_active_weeks bigint, p_first_at timestamp with time zone, p_end_at timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT 1 - p_active_weeks::double precision
               / ((patterns.iso_week_start(p_end_at) - patterns.iso_week_start(p_first_at)) / 7 + 1)
$function$;
COMMENT ON FUNCTION patterns.stability_score(bigint,timestamp with time zone,timestamp with time zone) IS 'Spec section 4: 1 - the share of the ISO weeks (UTC) from a file''s first change to the end of the span in which it changed.';
GRANT EXECUTE ON FUNCTION patterns.stability_score(bigint,timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
