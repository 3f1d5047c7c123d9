CREATE OR REPLACE FUNCTION patterns.chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer)
 RETURNS double precision
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_a         double precision := p_degrees_of_freedom / 2.0;
    v_b         double precision;
    v_c         double precision;
    v_d         double precision;
    v_delta     double precision;
    v_h         double precision;
    v_log_gamma double precision := 0;
    v_sum       double precision;
    v_term      double precision;
    v_x         double precision := p_statistic / 2.0;
BEGIN
    /*
     * Upper tail of the chi-square distribution: Q(k/2, x/2), the regularized upper
     * incomplete gamma function (series below a + 1, Lentz's continued fraction above).
     * One degree of freedom is erfc(sqrt(x/2)), the common case (every file pair).
     */
    IF p_degrees_of_freedom < 1 THEN
        RAISE EXCEPTION 'degrees of freedom must be at least 1, not %', p_degrees_of_freedom
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_statistic <= 0 THEN
        RETURN 1;
    END IF;
    IF p_degrees_of_freedom = 1 THEN
        RETURN patterns.erfc(sqrt(v_x));
    END IF;
    -- ln Gamma(k/2), exactly for halves: Gamma(1) = 1, Gamma(1/2) = sqrt(pi), Gamma(a + 1) = a Gamma(a).
    v_term := CASE WHEN p_degrees_of_freedom % 2 = 0 THEN 1 ELSE 0.5 END;
    IF p_degrees_of_freedom % 2 = 1 THEN
        v_log_gamma := ln(sqrt(pi()));
    END IF;
    WHILE v_term < v_a LOOP
        v_log_gamma := v_log_gamma + ln(v_term);
        v_term := v_term + 1;
    END LOOP;
    IF v_x < v_a + 1 THEN
        v_term := 1 / v_a;
        v_sum := v_term;
        FOR v_i IN 1..10000 LOOP
            v_term := v_term * v_x / (v_a + v_i);
            v_sum := v_sum + v_term;
            EXIT WHEN abs(v_term) < abs(v_sum) * 1e-16;
        END LOOP;
        RETURN greatest(0, 1 - v_sum * exp(-v_x + v_a * ln(v_x) - v_log_gamma));
    END IF;
    v_b := v_x + 1 - v_a;
    v_c := 1e300;
    v_d := 1 / v_b;
    v_h := v_d;
    FOR v_i IN 1..10000 LOOP
        v_delta := -v_i * (v_i - v_a);
        v_b := v_b + 2;
        v_d := v_delta * v_d + v_b;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := v_b + v_delta / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_term := v_d * v_c;
        v_h := v_h * v_term;
        EXIT WHEN abs(v_term - 1) < 1e-16;
    END LOOP;
    -- exp() raises on underflow in PostgreSQL: a p-value below ~1e-308 is 0.
    IF -v_x + v_a * ln(v_x) - v_log_gamma + ln(v_h) < -708 THEN
        RETURN 0;
    END IF;
    RETURN least(1, exp(-v_x + v_a * ln(v_x) - v_log_gamma) * v_h);
END
$function$;
COMMENT ON FUNCTION patterns.chi_square_p_value(double precision,integer) IS 'Upper-tail p-value of a chi-square statistic with the given degrees of freedom (1 for x <= 0).';
GRANT EXECUTE ON FUNCTION patterns.chi_square_p_value(double precision,integer) TO pgpattern_writer;
