-- patterns.erfc as one expression, so that PostgreSQL inlines it into the query that calls
-- it instead of running a SQL function per row: every p-value of a file pair goes through
-- it, and a real-time update recomputes them all (N moves with every commit). The same
-- arithmetic in the same order as 0202's version, so every result is the same to the bit.
CREATE OR REPLACE FUNCTION patterns.erfc(p_z double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Complementary error function; Chebyshev fit (Numerical Recipes erfcc), relative
    -- error below 1.2e-7 everywhere, so -log10 of it is good to 1e-7.
    -- exp() raises on underflow in PostgreSQL, so a tail below ~1e-308 is 0.
    SELECT CASE WHEN p_z >= 0 THEN 0 ELSE 2 END
           + CASE WHEN p_z >= 0 THEN 1 ELSE -1 END
             * CASE WHEN -abs(p_z) * abs(p_z) - 1.26551223 + (1 / (1 + 0.5 * abs(p_z))) * (1.00002368
                         + (1 / (1 + 0.5 * abs(p_z))) * (0.37409196 + (1 / (1 + 0.5 * abs(p_z))) * (0.09678418
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.18628806 + (1 / (1 + 0.5 * abs(p_z))) * (0.27886807
                         + (1 / (1 + 0.5 * abs(p_z))) * (-1.13520398 + (1 / (1 + 0.5 * abs(p_z))) * (1.48851587
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.82215223 + (1 / (1 + 0.5 * abs(p_z))) * 0.17087277))))))))
                         < -708 THEN 0
                    ELSE (1 / (1 + 0.5 * abs(p_z)))
                         * exp(-abs(p_z) * abs(p_z) - 1.26551223 + (1 / (1 + 0.5 * abs(p_z))) * (1.00002368
                         + (1 / (1 + 0.5 * abs(p_z))) * (0.37409196 + (1 / (1 + 0.5 * abs(p_z))) * (0.09678418
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.18628806 + (1 / (1 + 0.5 * abs(p_z))) * (0.27886807
                         + (1 / (1 + 0.5 * abs(p_z))) * (-1.13520398 + (1 / (1 + 0.5 * abs(p_z))) * (1.48851587
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.82215223 + (1 / (1 + 0.5 * abs(p_z))) * 0.17087277)))))))))
               END
$$;
COMMENT ON FUNCTION patterns.erfc(double precision) IS 'The complementary error function erfc(z), to a relative error below 1.2e-7 (one expression, inlined by the planner).';
