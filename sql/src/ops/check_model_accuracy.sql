CREATE OR REPLACE FUNCTION ops.check_model_accuracy(p_thresholds jsonb)
 RETURNS TABLE(status text, value numeric, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_degraded text[];
    v_ratio    numeric := ops.health_threshold(p_thresholds, 'min_ratio', 0.8);
BEGIN
    -- Active models whose accuracy over the last day fell below min_ratio of their previous 30 days.
    SELECT coalesce(array_agg(format('%s %s: %s against %s', m.name, m.version, round(r.recent, 4), round(r.baseline, 4))
                              ORDER BY m.name, m.version), '{}')
      INTO v_degraded
      FROM (SELECT p.project_id, p.model_id,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp > now() - interval '1 day') AS recent,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp <= now() - interval '1 day') AS baseline
              FROM learning.predictions p
             WHERE p.status = 'validated' AND p.prediction_timestamp > now() - interval '31 days'
             GROUP BY p.project_id, p.model_id) r
      JOIN learning.ml_models m ON m.project_id = r.project_id AND m.model_id = r.model_id
     WHERE m.status = 'active' AND r.recent < v_ratio * r.baseline;
    value := cardinality(v_degraded);
    status := CASE WHEN value > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN value > 0 THEN 'accuracy dropped: ' || array_to_string(v_degraded, '; ')
                   ELSE 'no active model below its baseline' END;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.check_model_accuracy(jsonb) IS 'Health check: active models whose mean accuracy over the last day is below min_ratio (0.8, the seed''s 80%) of their mean over the 30 days before (value: how many); fail when any.';
GRANT EXECUTE ON FUNCTION ops.check_model_accuracy(jsonb) TO pgpattern_admin;
