CREATE OR REPLACE FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb)
 RETURNS numeric
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_actual    numeric;
    v_predicted numeric;
BEGIN
    /*
     * The accuracy of a prediction given its outcome, rounded to 4 places. A numeric or
     * interval prediction needs a JSON number as outcome; a categorical one a JSON scalar.
     */
    IF p_value_kind = 'categorical' THEN
        IF jsonb_typeof(p_actual) NOT IN ('string', 'number', 'boolean') THEN
            RAISE EXCEPTION 'actual_outcome of a categorical prediction must be a JSON string, number or boolean, not %', p_actual
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RETURN CASE WHEN p_actual = p_predicted THEN 1 ELSE 0 END;
    END IF;
    IF p_value_kind NOT IN ('numeric', 'interval') THEN
        RAISE EXCEPTION 'value_kind must be numeric, categorical or interval, not %', coalesce(p_value_kind, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(p_actual) IS DISTINCT FROM 'number' THEN
        RAISE EXCEPTION 'actual_outcome of a % prediction must be a JSON number, not %', p_value_kind, coalesce(p_actual::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_actual := (p_actual #>> '{}')::numeric;
    IF p_value_kind = 'numeric' THEN
        v_predicted := (p_predicted #>> '{}')::numeric;
    ELSIF v_actual < (p_predicted ->> 'lower')::numeric THEN
        v_predicted := (p_predicted ->> 'lower')::numeric;
    ELSIF v_actual > (p_predicted ->> 'upper')::numeric THEN
        v_predicted := (p_predicted ->> 'upper')::numeric;
    ELSE
        RETURN 1;  -- inside the interval
    END IF;
    IF v_actual = 0 THEN
        RETURN CASE WHEN v_predicted = 0 THEN 1 ELSE 0 END;
    END IF;
    RETURN round(greatest(0, 1 - abs(v_actual - v_predicted) / abs(v_actual)), 4);
END
$function$;
COMMENT ON FUNCTION learning.prediction_accuracy(text,jsonb,jsonb) IS 'Accuracy in [0, 1] of a prediction (value_kind, predicted_value) given its actual_outcome. numeric: 1 - relative error, clipped to [0, 1] (an actual 0 scores 1 only if predicted exactly); categorical: 1 for an exact JSON match, else 0; interval {"lower", "upper"}: 1 inside (bounds included), outside the numeric rule against the nearer bound. Raises invalid_parameter_value (22023) for an outcome of the wrong JSON type.';
GRANT EXECUTE ON FUNCTION learning.prediction_accuracy(text,jsonb,jsonb) TO pgpattern_writer;
