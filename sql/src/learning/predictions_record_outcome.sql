CREATE OR REPLACE FUNCTION learning.predictions_record_outcome()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION learning.predictions_record_outcome() IS 'BEFORE INSERT OR UPDATE trigger function of learning.predictions: when actual_outcome is first set (on an active prediction) computes accuracy_score and outcome_recorded_at and sets status validated; refuses a second outcome and changes to what was predicted (55000), and a directly written accuracy_score (428C9).';
GRANT EXECUTE ON FUNCTION learning.predictions_record_outcome() TO pgpattern_writer;
