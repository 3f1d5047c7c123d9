CREATE OR REPLACE FUNCTION learning.beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision)
 RETURNS double precision
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_aa  double precision;
    v_c   double precision := 1;
    v_d   double precision;
    v_del double precision;
    v_h   double precision;
    v_m2  integer;
BEGIN
    -- The continued fraction of the incomplete beta function by the modified Lentz method (Numerical Recipes betacf).
    v_d := 1 - (p_a + p_b) * p_x / (p_a + 1);
    IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
    v_d := 1 / v_d;
    v_h := v_d;
    FOR v_m IN 1..10000 LOOP
        v_m2 := 2 * v_m;
        v_aa := v_m * (p_b - v_m) * p_x / ((p_a + v_m2 - 1) * (p_a + v_m2));
        v_d := 1 + v_aa * v_d;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := 1 + v_aa / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_h := v_h * v_d * v_c;
        v_aa := -(p_a + v_m) * (p_a + p_b + v_m) * p_x / ((p_a + v_m2) * (p_a + v_m2 + 1));
        v_d := 1 + v_aa * v_d;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := 1 + v_aa / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_del := v_d * v_c;
        v_h := v_h * v_del;
        IF abs(v_del - 1) < 3e-16 THEN
            RETURN v_h;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'the incomplete beta continued fraction did not converge for a %, b %, x %', p_a, p_b, p_x
        USING ERRCODE = 'numeric_value_out_of_range',
              HINT = 'a or b is too large for 10000 iterations';
END
$function$;
COMMENT ON FUNCTION learning.beta_continued_fraction(double precision,double precision,double precision) IS 'The continued fraction for the incomplete beta function (Numerical Recipes betacf, modified Lentz), used by learning.incomplete_beta.';
GRANT EXECUTE ON FUNCTION learning.beta_continued_fraction(double precision,double precision,double precision) TO pgpattern_writer;
