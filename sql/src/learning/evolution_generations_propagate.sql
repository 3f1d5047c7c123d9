CREATE OR REPLACE FUNCTION learning.evolution_generations_propagate()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_best_before numeric;
    v_best_now    numeric;
    v_ended       boolean := OLD.generation_end IS NULL AND NEW.generation_end IS NOT NULL;
    v_experiment  learning.evolution_experiments;
BEGIN
    /*
     * Carries a generation's changes to its experiment: changed scores update
     * best_score; the end of a generation runs the convergence test over the last
     * 5 generations.
     */
    IF NEW.max_score IS NOT DISTINCT FROM OLD.max_score AND NOT v_ended THEN
        RETURN NULL;
    END IF;
    -- The experiment is locked before it is read, so concurrent generations serialise here.
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NEW.max_score IS DISTINCT FROM OLD.max_score THEN
        UPDATE learning.evolution_experiments e
           SET best_score = (SELECT max(g.max_score) FROM learning.evolution_generations g
                              WHERE g.project_id = e.project_id AND g.experiment_id = e.experiment_id)
         WHERE e.project_id = NEW.project_id AND e.experiment_id = NEW.experiment_id;
    END IF;
    IF NOT v_ended OR v_experiment.status <> 'running' THEN
        RETURN NULL;
    END IF;
    SELECT max(g.max_score),
           max(g.max_score) FILTER (WHERE g.generation_number <= NEW.generation_number - 5)
      INTO v_best_now, v_best_before
      FROM learning.evolution_generations g
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number <= NEW.generation_number;
    IF NEW.generation_number > 5 AND v_best_now - v_best_before < v_experiment.convergence_threshold THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed', converged_at_generation = NEW.generation_number
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    ELSIF NEW.generation_number >= v_experiment.max_generations THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed'
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    END IF;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION learning.evolution_generations_propagate() IS 'AFTER UPDATE trigger function of learning.evolution_generations: a changed max_score recomputes best_score; when generation g ends, the experiment completes if g > 5 and the best score up to g exceeds the best up to g - 5 by less than convergence_threshold (converged_at_generation = g), or if g is max_generations.';
GRANT EXECUTE ON FUNCTION learning.evolution_generations_propagate() TO pgpattern_writer;
