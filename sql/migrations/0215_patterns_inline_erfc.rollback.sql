-- 0202's version: a SQL function with subqueries, run per call.
CREATE OR REPLACE FUNCTION patterns.erfc(p_z double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Complementary error function; Chebyshev fit (Numerical Recipes erfcc), relative
    -- error below 1.2e-7 everywhere, so -log10 of it is good to 1e-7.
    -- exp() raises on underflow in PostgreSQL, so a tail below ~1e-308 is 0.
    SELECT CASE WHEN p_z >= 0 THEN r ELSE 2 - r END
      FROM (SELECT CASE WHEN e < -708 THEN 0 ELSE t * exp(e) END AS r
              FROM (SELECT t, -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                           + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                           + t * (-0.82215223 + t * 0.17087277)))))))) AS e
                      FROM (SELECT abs(p_z) AS z, 1 / (1 + 0.5 * abs(p_z)) AS t) x) y) w
$$;
COMMENT ON FUNCTION patterns.erfc(double precision) IS 'The complementary error function erfc(z), to a relative error below 1.2e-7.';
