CREATE OR REPLACE FUNCTION patterns.risk_score(p_hotspot double precision, p_anomaly double precision, p_stability double precision, p_diversity double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT 0.35 * p_hotspot + 0.25 * p_anomaly + 0.20 * (1 - p_stability) + 0.20 * p_diversity
$function$;
COMMENT ON FUNCTION patterns.risk_score(double precision,double precision,double precision,double precision) IS 'Spec section 4: a file''s risk r from its hotspot, anomaly, stability and contributor diversity scores.';
GRANT EXECUTE ON FUNCTION patterns.risk_score(double precision,double precision,double precision,double precision) TO pgpattern_writer;
