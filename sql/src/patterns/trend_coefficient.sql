CREATE OR REPLACE FUNCTION patterns.trend_coefficient(p_periods bigint, p_mean double precision, p_slope double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN p_periods >= 3 AND p_mean > 0 THEN p_slope * (p_periods - 1) / p_mean ELSE 0 END
$function$;
COMMENT ON FUNCTION patterns.trend_coefficient(bigint,double precision,double precision) IS 'Spec section 4: the least-squares slope of a file''s changes per trend period times (periods - 1) over their mean; 0 below 3 periods or with a mean of 0.';
GRANT EXECUTE ON FUNCTION patterns.trend_coefficient(bigint,double precision,double precision) TO pgpattern_writer;
