CREATE OR REPLACE FUNCTION patterns.season(p_month integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT (p_month % 12) / 3
$function$;
COMMENT ON FUNCTION patterns.season(integer) IS 'The season bin of a month (1-12): 0 DJF, 1 MAM, 2 JJA, 3 SON.';
GRANT EXECUTE ON FUNCTION patterns.season(integer) TO pgpattern_writer;
