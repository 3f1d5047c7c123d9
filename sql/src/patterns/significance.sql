CREATE OR REPLACE FUNCTION patterns.significance(p_p_value double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- -log10(p), capped at 99.9999 (a p-value that underflows to 0 gives the cap).
    SELECT CASE WHEN p_p_value <= 0 THEN 99.9999 ELSE least(99.9999, greatest(0, -log(p_p_value))) END
$function$;
COMMENT ON FUNCTION patterns.significance(double precision) IS 'statistical_significance = min(99.9999, -log10(p_value)): 2 means p = 0.01.';
GRANT EXECUTE ON FUNCTION patterns.significance(double precision) TO pgpattern_writer;
