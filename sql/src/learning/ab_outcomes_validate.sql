CREATE OR REPLACE FUNCTION learning.ab_outcomes_validate()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_kind text;
BEGIN
    -- The metric must be a target metric of the experiment; a conversion is 0 or 1.
    SELECT e.target_metrics ->> NEW.metric_name INTO v_kind
      FROM learning.ab_testing_experiments e
     WHERE e.project_id = NEW.project_id AND e.experiment_id = NEW.experiment_id;
    IF v_kind IS NULL THEN
        RAISE EXCEPTION 'metric_name % is not a target metric of experiment %', coalesce(NEW.metric_name, 'NULL'), NEW.experiment_id
            USING ERRCODE = 'check_violation',
                  HINT = 'record one of the keys of the experiment''s target_metrics';
    END IF;
    IF v_kind = 'conversion' AND NEW.value NOT IN (0, 1) THEN
        RAISE EXCEPTION 'value % of conversion metric % must be 0 or 1', NEW.value, NEW.metric_name
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.ab_outcomes_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_outcomes: the metric is a target metric of the experiment, a conversion 0 or 1 (23514).';
GRANT EXECUTE ON FUNCTION learning.ab_outcomes_validate() TO pgpattern_writer;
