CREATE OR REPLACE FUNCTION patterns.season_shares(p_seasons double precision[], p_changes bigint)
 RETURNS double precision[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT ARRAY[p_seasons[1] / p_changes, p_seasons[2] / p_changes, p_seasons[3] / p_changes, p_seasons[4] / p_changes]
$function$;
COMMENT ON FUNCTION patterns.season_shares(double precision[],bigint) IS 'Spec section 4: a file''s share of changes per season (DJF, MAM, JJA, SON) from its changes per season and in all.';
GRANT EXECUTE ON FUNCTION patterns.season_shares(double precision[],bigint) TO pgpattern_writer;
