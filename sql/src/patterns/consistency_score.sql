CREATE OR REPLACE FUNCTION patterns.consistency_score(p_active_weeks integer, p_first_at timestamp with time zone, p_last_at timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT p_active_weeks::double precision
           / ((patterns.iso_week_start(p_last_at) - patterns.iso_week_start(p_first_at)) / 7 + 1)
$function$;
COMMENT ON FUNCTION patterns.consistency_score(integer,timestamp with time zone,timestamp with time zone) IS 'Spec section 3: the share of the ISO weeks from the first to the last commit (inclusive, UTC) with a commit.';
GRANT EXECUTE ON FUNCTION patterns.consistency_score(integer,timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
