CREATE OR REPLACE FUNCTION patterns.volatility_score(p_sizes double precision[])
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN cardinality(p_sizes) > 1 THEN coalesce(patterns.coefficient_of_variation(p_sizes), 0) ELSE 0 END
$function$;
COMMENT ON FUNCTION patterns.volatility_score(double precision[]) IS 'Spec section 4: the coefficient of variation of a file''s change sizes; 0 for one change or a mean of 0.';
GRANT EXECUTE ON FUNCTION patterns.volatility_score(double precision[]) TO pgpattern_writer;
