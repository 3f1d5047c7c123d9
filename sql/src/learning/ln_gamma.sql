CREATE OR REPLACE FUNCTION learning.ln_gamma(p_x double precision)
 RETURNS double precision
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_coefficients double precision[] := ARRAY[76.18009172947146, -86.50532032941677, 24.01409824083091,
                                               -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
    v_series       double precision := 1.000000000190015;
    v_tmp          double precision;
    v_y            double precision := p_x;
BEGIN
    -- ln Gamma(x) for x > 0: Lanczos' approximation (Numerical Recipes gammln), relative error below 2e-10.
    IF p_x <= 0 THEN
        RAISE EXCEPTION 'ln_gamma needs x > 0, not %', p_x USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_tmp := p_x + 5.5;
    v_tmp := v_tmp - (p_x + 0.5) * ln(v_tmp);
    FOR v_j IN 1..6 LOOP
        v_y := v_y + 1;
        v_series := v_series + v_coefficients[v_j] / v_y;
    END LOOP;
    RETURN -v_tmp + ln(2.5066282746310005 * v_series / p_x);
END
$function$;
COMMENT ON FUNCTION learning.ln_gamma(double precision) IS 'The natural logarithm of the gamma function for x > 0 (Lanczos, Numerical Recipes gammln; relative error below 2e-10).';
GRANT EXECUTE ON FUNCTION learning.ln_gamma(double precision) TO pgpattern_writer;
