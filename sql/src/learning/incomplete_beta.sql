CREATE OR REPLACE FUNCTION learning.incomplete_beta(p_x double precision, p_a double precision, p_b double precision)
 RETURNS double precision
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_log_front double precision;
BEGIN
    -- The regularized incomplete beta function I_x(a, b) (Numerical Recipes betai).
    IF p_a <= 0 OR p_b <= 0 THEN
        RAISE EXCEPTION 'incomplete_beta needs a > 0 and b > 0, not a % and b %', p_a, p_b
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_x < 0 OR p_x > 1 THEN
        RAISE EXCEPTION 'incomplete_beta needs x in [0, 1], not %', p_x USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_x = 0 OR p_x = 1 THEN
        RETURN p_x;
    END IF;
    v_log_front := learning.ln_gamma(p_a + p_b) - learning.ln_gamma(p_a) - learning.ln_gamma(p_b)
                   + p_a * ln(p_x) + p_b * ln(1 - p_x);
    -- exp() raises on underflow in PostgreSQL: a front factor below ~1e-308 is 0.
    IF p_x < (p_a + 1) / (p_a + p_b + 2) THEN
        IF v_log_front < -708 THEN RETURN 0; END IF;
        RETURN exp(v_log_front) * learning.beta_continued_fraction(p_a, p_b, p_x) / p_a;
    END IF;
    IF v_log_front < -708 THEN RETURN 1; END IF;
    RETURN 1 - exp(v_log_front) * learning.beta_continued_fraction(p_b, p_a, 1 - p_x) / p_b;
END
$function$;
COMMENT ON FUNCTION learning.incomplete_beta(double precision,double precision,double precision) IS 'The regularized incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0 (Numerical Recipes betai with betacf).';
GRANT EXECUTE ON FUNCTION learning.incomplete_beta(double precision,double precision,double precision) TO pgpattern_writer;
