CREATE OR REPLACE FUNCTION patterns.risk_level(p_risk double precision)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN p_risk >= 0.55 THEN 'critical' WHEN p_risk >= 0.45 THEN 'high'
                WHEN p_risk >= 0.30 THEN 'medium' ELSE 'low' END
$function$;
COMMENT ON FUNCTION patterns.risk_level(double precision) IS 'Spec section 4: critical, high, medium or low by a file''s risk r.';
GRANT EXECUTE ON FUNCTION patterns.risk_level(double precision) TO pgpattern_writer;
