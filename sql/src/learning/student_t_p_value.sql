CREATE OR REPLACE FUNCTION learning.student_t_p_value(p_t double precision, p_degrees_of_freedom double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Two-sided: P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).
    SELECT learning.incomplete_beta(p_degrees_of_freedom / (p_degrees_of_freedom + p_t * p_t), p_degrees_of_freedom / 2, 0.5)
$function$;
COMMENT ON FUNCTION learning.student_t_p_value(double precision,double precision) IS 'The two-sided p-value of a Student t statistic with the given (possibly fractional) degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2).';
GRANT EXECUTE ON FUNCTION learning.student_t_p_value(double precision,double precision) TO pgpattern_writer;
