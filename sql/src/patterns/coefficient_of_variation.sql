CREATE OR REPLACE FUNCTION patterns.coefficient_of_variation(p_values double precision[])
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Population standard deviation over the mean; NULL for no values or a mean of 0.
    SELECT stddev_pop(v) / nullif(avg(v), 0) FROM unnest(p_values) v
$function$;
COMMENT ON FUNCTION patterns.coefficient_of_variation(double precision[]) IS 'Population standard deviation / mean of the values; NULL when there are none or the mean is 0.';
GRANT EXECUTE ON FUNCTION patterns.coefficient_of_variation(double precision[]) TO pgpattern_writer;
