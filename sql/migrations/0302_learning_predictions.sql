-- The continuous-learning store, predictions: what a model predicted, the outcome
-- when it is known, and the accuracy the database computes from the two. Predictions
-- past their horizon without an outcome expire through a pg_cron job.
-- Accuracy (in [0, 1], by value_kind):
--   numeric      1 - |actual - predicted| / |actual|, clipped to [0, 1]; for an actual 0, 1 if predicted 0 else 0;
--   categorical  1 if the outcome equals the predicted JSON value exactly, else 0;
--   interval     1 if lower <= actual <= upper; outside, the numeric rule against the nearer bound.
CREATE FUNCTION learning.prediction_accuracy(
      p_value_kind text
    , p_predicted jsonb
    , p_actual jsonb)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION learning.prediction_accuracy(text, jsonb, jsonb) IS 'Accuracy in [0, 1] of a prediction (value_kind, predicted_value) given its actual_outcome. numeric: 1 - relative error, clipped to [0, 1] (an actual 0 scores 1 only if predicted exactly); categorical: 1 for an exact JSON match, else 0; interval {"lower", "upper"}: 1 inside (bounds included), outside the numeric rule against the nearer bound. Raises invalid_parameter_value (22023) for an outcome of the wrong JSON type.';

CREATE TABLE learning.predictions (
    project_id           bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    prediction_id        uuid NOT NULL DEFAULT gen_random_uuid(),
    model_id             uuid NOT NULL,
    prediction_type      text NOT NULL,
    value_kind           text NOT NULL,
    target_entity_type   text,
    target_entity_id     text,
    predicted_value      jsonb NOT NULL,
    confidence_interval  jsonb,
    prediction_horizon   interval,
    input_features       jsonb NOT NULL DEFAULT '{}',
    prediction_timestamp timestamptz NOT NULL DEFAULT now(),
    actual_outcome       jsonb,
    outcome_recorded_at  timestamptz,
    accuracy_score       numeric(5,4),
    feedback_received    jsonb,
    status               text NOT NULL DEFAULT 'active',
    PRIMARY KEY (project_id, prediction_id),
    CONSTRAINT predictions_model_fkey FOREIGN KEY (project_id, model_id)
        REFERENCES learning.ml_models (project_id, model_id),
    CONSTRAINT predictions_prediction_type_check
        CHECK (prediction_type IN ('performance_degradation', 'bug_likelihood', 'optimization_opportunity')),
    CONSTRAINT predictions_value_kind_check CHECK (value_kind IN ('numeric', 'categorical', 'interval')),
    CONSTRAINT predictions_predicted_value_matches_kind CHECK (CASE value_kind
        WHEN 'numeric' THEN jsonb_typeof(predicted_value) = 'number'
        WHEN 'categorical' THEN jsonb_typeof(predicted_value) IN ('string', 'number', 'boolean')
        WHEN 'interval' THEN CASE WHEN jsonb_typeof(predicted_value -> 'lower') = 'number'
                                   AND jsonb_typeof(predicted_value -> 'upper') = 'number'
                                  THEN (predicted_value ->> 'lower')::numeric <= (predicted_value ->> 'upper')::numeric
                                  ELSE false END
        ELSE false END),
    CONSTRAINT predictions_target_entity_type_check
        CHECK (target_entity_type IN ('code_file', 'function', 'repository', 'user')),
    CONSTRAINT predictions_confidence_interval_check CHECK (jsonb_typeof(confidence_interval) = 'object'),
    CONSTRAINT predictions_horizon_positive CHECK (prediction_horizon > interval '0'),
    CONSTRAINT predictions_input_features_check CHECK (jsonb_typeof(input_features) = 'object'),
    CONSTRAINT predictions_accuracy_score_range CHECK (accuracy_score BETWEEN 0 AND 1),
    CONSTRAINT predictions_status_check CHECK (status IN ('active', 'validated', 'invalidated', 'expired')),
    CONSTRAINT predictions_outcome_complete CHECK ((actual_outcome IS NULL) = (accuracy_score IS NULL)
                                                   AND (actual_outcome IS NULL) = (outcome_recorded_at IS NULL)),
    CONSTRAINT predictions_validated_has_outcome CHECK (status <> 'validated' OR actual_outcome IS NOT NULL),
    CONSTRAINT predictions_open_has_no_outcome CHECK (status NOT IN ('active', 'expired') OR actual_outcome IS NULL)
);
COMMENT ON TABLE learning.predictions IS 'Predictions made by a model. Recording actual_outcome computes accuracy_score (learning.prediction_accuracy) and validates the prediction; an active prediction past its horizon expires (learning.expire_predictions, scheduled).';
COMMENT ON COLUMN learning.predictions.project_id IS 'The project of the model and the prediction.';
COMMENT ON COLUMN learning.predictions.prediction_id IS 'The prediction''s key within its project.';
COMMENT ON COLUMN learning.predictions.model_id IS 'The model version that made it.';
COMMENT ON COLUMN learning.predictions.prediction_type IS 'performance_degradation, bug_likelihood or optimization_opportunity.';
COMMENT ON COLUMN learning.predictions.value_kind IS 'numeric (predicted_value a JSON number), categorical (a JSON string, number or boolean) or interval (an object {"lower": n, "upper": n} with lower <= upper); decides how accuracy is computed.';
COMMENT ON COLUMN learning.predictions.target_entity_type IS 'code_file, function, repository or user, if the prediction is about one.';
COMMENT ON COLUMN learning.predictions.target_entity_id IS 'The id of the entity the prediction is about.';
COMMENT ON COLUMN learning.predictions.predicted_value IS 'The prediction, shaped as value_kind says; never changes.';
COMMENT ON COLUMN learning.predictions.confidence_interval IS 'Statistical confidence bounds (a JSON object), informative only.';
COMMENT ON COLUMN learning.predictions.prediction_horizon IS 'How far ahead the prediction looks; past prediction_timestamp + horizon without an outcome it expires. NULL: never expires.';
COMMENT ON COLUMN learning.predictions.input_features IS 'The features the model was given (a JSON object).';
COMMENT ON COLUMN learning.predictions.prediction_timestamp IS 'When the prediction was made.';
COMMENT ON COLUMN learning.predictions.actual_outcome IS 'What happened, recorded once while the prediction is active: a JSON number for numeric and interval predictions, a JSON scalar for categorical ones.';
COMMENT ON COLUMN learning.predictions.outcome_recorded_at IS 'When actual_outcome was recorded (set by the trigger).';
COMMENT ON COLUMN learning.predictions.accuracy_score IS 'Accuracy in [0, 1], computed by the database from predicted_value and actual_outcome; never written directly.';
COMMENT ON COLUMN learning.predictions.feedback_received IS 'User feedback on the prediction.';
COMMENT ON COLUMN learning.predictions.status IS 'active (new), validated (outcome recorded), expired (horizon passed without outcome), invalidated (withdrawn, from active or validated).';
CREATE INDEX predictions_model_time_idx ON learning.predictions (project_id, model_id, prediction_timestamp);
COMMENT ON INDEX learning.predictions_model_time_idx IS 'A model''s predictions over time (supports the model foreign key and the accuracy reports).';
CREATE INDEX predictions_target_idx ON learning.predictions (project_id, target_entity_type, target_entity_id);
COMMENT ON INDEX learning.predictions_target_idx IS 'Predictions about an entity.';
CREATE INDEX predictions_expiring_idx ON learning.predictions (prediction_timestamp)
    WHERE status = 'active' AND prediction_horizon IS NOT NULL;
COMMENT ON INDEX learning.predictions_expiring_idx IS 'Active predictions that can expire: what learning.expire_predictions() scans.';

CREATE FUNCTION learning.predictions_record_outcome()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    /*
     * A prediction is a fact: what was predicted never changes, the outcome is recorded
     * once, and the accuracy is always computed here.
     */
    IF TG_OP = 'UPDATE' AND (NEW.predicted_value IS DISTINCT FROM OLD.predicted_value
                             OR NEW.value_kind IS DISTINCT FROM OLD.value_kind
                             OR NEW.model_id IS DISTINCT FROM OLD.model_id) THEN
        RAISE EXCEPTION 'prediction % cannot change its model_id, value_kind or predicted_value', OLD.prediction_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new prediction instead';
    END IF;
    IF NEW.accuracy_score IS DISTINCT FROM (CASE TG_OP WHEN 'UPDATE' THEN OLD.accuracy_score END) THEN
        RAISE EXCEPTION 'accuracy_score of prediction % cannot be written (given %): the database computes it',
            NEW.prediction_id, coalesce(NEW.accuracy_score::text, 'NULL')
            USING ERRCODE = 'generated_always',
                  HINT = 'set actual_outcome and the database computes accuracy_score';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.actual_outcome IS NOT NULL THEN
        IF NEW.actual_outcome IS DISTINCT FROM OLD.actual_outcome THEN
            RAISE EXCEPTION 'the outcome of prediction % was already recorded at % (%), so % cannot be recorded',
                OLD.prediction_id, OLD.outcome_recorded_at, OLD.actual_outcome, coalesce(NEW.actual_outcome::text, 'NULL')
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'an outcome is recorded once; set status to invalidated to withdraw the prediction';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.actual_outcome IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status <> 'active' THEN
        RAISE EXCEPTION 'prediction % is %: an outcome can only be recorded for an active prediction', OLD.prediction_id, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.accuracy_score := learning.prediction_accuracy(NEW.value_kind, NEW.predicted_value, NEW.actual_outcome);
    NEW.outcome_recorded_at := now();
    NEW.status := 'validated';
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION learning.predictions_record_outcome() IS 'BEFORE INSERT OR UPDATE trigger function of learning.predictions: when actual_outcome is first set (on an active prediction) computes accuracy_score and outcome_recorded_at and sets status validated; refuses a second outcome and changes to what was predicted (55000), and a directly written accuracy_score (428C9).';
CREATE TRIGGER predictions_record_outcome BEFORE INSERT OR UPDATE ON learning.predictions
    FOR EACH ROW EXECUTE FUNCTION learning.predictions_record_outcome();
CREATE TRIGGER predictions_status_lifecycle BEFORE INSERT OR UPDATE OF status, actual_outcome ON learning.predictions
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status',
        '>active', '>validated', 'active>validated', 'active>expired', 'active>invalidated', 'validated>invalidated');

CREATE FUNCTION learning.expire_predictions(p_as_of timestamptz DEFAULT now())
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_expired bigint;
BEGIN
    -- Active predictions whose horizon ended before p_as_of without an outcome expire.
    IF p_as_of IS NULL THEN
        RAISE EXCEPTION 'p_as_of must be a timestamp, not NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.predictions
       SET status = 'expired'
     WHERE status = 'active' AND prediction_horizon IS NOT NULL
       AND prediction_timestamp + prediction_horizon < p_as_of;
    GET DIAGNOSTICS v_expired = ROW_COUNT;
    RETURN v_expired;
END
$$;
COMMENT ON FUNCTION learning.expire_predictions(timestamptz) IS 'Sets status expired on every active prediction whose prediction_timestamp + prediction_horizon is before p_as_of (default now()); returns how many. Scheduled as pgpattern-learning-expire-predictions.';

SELECT ops.schedule_job('pgpattern-learning-expire-predictions', '*/15 * * * *',
    'SELECT learning.expire_predictions()',
    'Every 15 minutes: expire active predictions past their horizon without an outcome.');
