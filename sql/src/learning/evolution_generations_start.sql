CREATE OR REPLACE FUNCTION learning.evolution_generations_start()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_experiment learning.evolution_experiments;
BEGIN
    -- A new generation continues an unfinished experiment, one number at a time, and
    -- becomes current at once (so that one statement may insert several generations).
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF v_experiment.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: it takes no new generation', v_experiment.name, v_experiment.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.generation_number IS DISTINCT FROM v_experiment.current_generation + 1
       OR NEW.generation_number > v_experiment.max_generations THEN
        RAISE EXCEPTION 'generation_number of experiment % must be % (of at most %), not %', v_experiment.name,
            v_experiment.current_generation + 1, v_experiment.max_generations, coalesce(NEW.generation_number::text, 'NULL')
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE learning.evolution_experiments
       SET current_generation = NEW.generation_number,
           status = CASE status WHEN 'initialized' THEN 'running' ELSE status END
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.evolution_generations_start() IS 'BEFORE INSERT trigger function of learning.evolution_generations: the experiment must exist and be initialized or running (55000), and the number must be current_generation + 1 and at most max_generations (23514); the new generation becomes the experiment''s current_generation and starts it (status running).';
GRANT EXECUTE ON FUNCTION learning.evolution_generations_start() TO pgpattern_writer;
