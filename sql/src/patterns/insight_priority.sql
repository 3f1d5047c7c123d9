CREATE OR REPLACE FUNCTION patterns.insight_priority(p_confidence double precision, p_risk_level text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- round(10 x confidence x weight of the risk level), within 1..10.
    SELECT least(10, greatest(1, round(10 * p_confidence * CASE p_risk_level WHEN 'critical' THEN 1.0
               WHEN 'high' THEN 0.9 WHEN 'medium' THEN 0.75 ELSE 0.6 END)))::integer
$function$;
COMMENT ON FUNCTION patterns.insight_priority(double precision,text) IS 'An insight''s priority 1..10: round(10 x confidence x weight), the weight 1.0 for a critical risk level, 0.9 high, 0.75 medium, 0.6 low.';
GRANT EXECUTE ON FUNCTION patterns.insight_priority(double precision,text) TO pgpattern_writer;
