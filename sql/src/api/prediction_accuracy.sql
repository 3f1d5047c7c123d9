CREATE OR REPLACE FUNCTION api.prediction_accuracy(p_project text, p_bucket text DEFAULT 'day'::text, p_from timestamp with time zone DEFAULT (now() - '30 days'::interval), p_to timestamp with time zone DEFAULT 'infinity'::timestamp with time zone)
 RETURNS TABLE(model_id uuid, model_name text, model_version text, prediction_type text, bucket_start timestamp with time zone, predictions bigint, validated bigint, expired bigint, mean_accuracy numeric)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- Predictions made in [p_from, p_to), grouped by model, type and UTC time bucket.
    IF p_bucket IS NULL OR p_bucket NOT IN ('hour', 'day', 'week', 'month') THEN
        RAISE EXCEPTION 'p_bucket must be hour, day, week or month, not %', coalesce(p_bucket, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    SELECT m.model_id, m.name, m.version, p.prediction_type,
           date_trunc(p_bucket, p.prediction_timestamp, 'UTC') AS bucket,
           count(*), count(*) FILTER (WHERE p.status = 'validated'), count(*) FILTER (WHERE p.status = 'expired'),
           round(avg(p.accuracy_score) FILTER (WHERE p.status = 'validated'), 4)
      FROM learning.predictions p
      JOIN learning.ml_models m ON m.project_id = p.project_id AND m.model_id = p.model_id
     WHERE p.project_id = v_project_id AND p.prediction_timestamp >= p_from AND p.prediction_timestamp < p_to
     GROUP BY m.model_id, m.name, m.version, p.prediction_type, bucket
     ORDER BY m.name, m.version, p.prediction_type, bucket;
END
$function$;
COMMENT ON FUNCTION api.prediction_accuracy(text,text,timestamp with time zone,timestamp with time zone) IS 'Prediction accuracy of a project over time: for predictions made in [p_from, p_to) (default: from 30 days ago on), per model version, prediction type and p_bucket (hour, day, week or month, in UTC; default day): predictions made, validated, expired, and the mean accuracy_score of the validated ones.';
REVOKE ALL ON FUNCTION api.prediction_accuracy(text,text,timestamp with time zone,timestamp with time zone) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.prediction_accuracy(text,text,timestamp with time zone,timestamp with time zone) TO pgpattern_reader;
