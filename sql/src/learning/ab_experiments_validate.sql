CREATE OR REPLACE FUNCTION learning.ab_experiments_validate()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_names text[];
    v_sum   double precision;
BEGIN
    -- The shapes of variants, metrics and allocation; and no change to them after draft.
    IF TG_OP = 'UPDATE' AND OLD.status <> 'draft'
       AND (NEW.control_variant, NEW.treatment_variants, NEW.target_metrics, NEW.traffic_allocation)
           IS DISTINCT FROM (OLD.control_variant, OLD.treatment_variants, OLD.target_metrics, OLD.traffic_allocation) THEN
        RAISE EXCEPTION 'experiment % is %: its variants, target_metrics and traffic_allocation are fixed', OLD.experiment_name, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'create a new experiment';
    END IF;
    IF jsonb_typeof(NEW.control_variant) <> 'object' OR (NEW.control_variant ? 'name' AND jsonb_typeof(NEW.control_variant -> 'name') <> 'string') THEN
        RAISE EXCEPTION 'control_variant must be a JSON object with an optional string name, not %', NEW.control_variant
            USING ERRCODE = 'check_violation';
    END IF;
    IF jsonb_typeof(NEW.treatment_variants) <> 'array' OR jsonb_array_length(NEW.treatment_variants) = 0
       OR EXISTS (SELECT FROM jsonb_array_elements(NEW.treatment_variants) t
                   WHERE jsonb_typeof(t) <> 'object' OR jsonb_typeof(t -> 'name') IS DISTINCT FROM 'string' OR t ->> 'name' !~ '\S') THEN
        RAISE EXCEPTION 'treatment_variants must be a non-empty JSON array of objects each with a string name, not %', NEW.treatment_variants
            USING ERRCODE = 'check_violation',
                  HINT = 'e.g. [{"name": "treatment", "prompt": "v2"}]';
    END IF;
    v_names := ARRAY(SELECT v.variant FROM learning.ab_variants(NEW.control_variant, NEW.treatment_variants, NULL) v);
    IF cardinality(v_names) <> (SELECT count(DISTINCT n) FROM unnest(v_names) n) THEN
        RAISE EXCEPTION 'variant names must be unique, not %', array_to_string(v_names, ', ')
            USING ERRCODE = 'check_violation';
    END IF;
    IF jsonb_typeof(NEW.target_metrics) <> 'object'
       OR EXISTS (SELECT FROM jsonb_each(NEW.target_metrics) m WHERE m.value NOT IN ('"conversion"', '"mean"')) THEN
        RAISE EXCEPTION 'target_metrics must be a JSON object of metric name to "conversion" or "mean", not %', NEW.target_metrics
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.traffic_allocation IS NOT NULL THEN
        IF jsonb_typeof(NEW.traffic_allocation) <> 'object'
           OR EXISTS (SELECT FROM jsonb_each(NEW.traffic_allocation) a
                       WHERE NOT a.key = ANY (v_names) OR jsonb_typeof(a.value) <> 'number'
                          OR a.value::text::double precision NOT BETWEEN 0 AND 1) THEN
            RAISE EXCEPTION 'traffic_allocation must map variants (%) to numbers in [0, 1], not %', array_to_string(v_names, ', '),
                NEW.traffic_allocation
                USING ERRCODE = 'check_violation';
        END IF;
        SELECT sum(a.value::text::double precision) INTO v_sum FROM jsonb_each(NEW.traffic_allocation) a;
        IF v_sum > 1 + 1e-9 OR v_sum <= 0 THEN
            RAISE EXCEPTION 'traffic_allocation shares must sum to more than 0 and at most 1, not %', v_sum
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.winner_variant IS NOT NULL AND NOT NEW.winner_variant = ANY (v_names) THEN
        RAISE EXCEPTION 'winner_variant % is not one of the variants %', NEW.winner_variant, array_to_string(v_names, ', ')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.ab_experiments_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_experiments: control, treatments (unique names), target_metrics, traffic_allocation and winner_variant well formed (23514); variants, metrics and allocation fixed after draft (55000).';
GRANT EXECUTE ON FUNCTION learning.ab_experiments_validate() TO pgpattern_writer;
