CREATE OR REPLACE FUNCTION learning.evolution_experiments_rules()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_config jsonb := '{}'::jsonb;
BEGIN
    /*
     * On insert, fills every configuration column left NULL from the template, then
     * from the defaults. On leaving initialized or running, stamps finished_at.
     */
    IF TG_OP = 'UPDATE' THEN
        IF OLD.status IN ('initialized', 'running') AND NEW.status NOT IN ('initialized', 'running') THEN
            NEW.finished_at := coalesce(NEW.finished_at, now());
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.template_id IS NOT NULL THEN
        SELECT t.template_config INTO v_config
          FROM learning.evolution_experiment_templates t WHERE t.template_id = NEW.template_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'template_id % does not exist', NEW.template_id
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'pick a template_id from learning.evolution_experiment_templates, or give none';
        END IF;
    END IF;
    NEW.population_size := coalesce(NEW.population_size, (v_config ->> 'population_size')::integer, 50);
    NEW.max_generations := coalesce(NEW.max_generations, (v_config ->> 'max_generations')::integer, 100);
    NEW.mutation_rate := coalesce(NEW.mutation_rate, (v_config ->> 'mutation_rate')::numeric, 0.1);
    NEW.crossover_rate := coalesce(NEW.crossover_rate, (v_config ->> 'crossover_rate')::numeric, 0.8);
    NEW.selection_strategy := coalesce(NEW.selection_strategy, v_config ->> 'selection_strategy', 'tournament');
    NEW.convergence_threshold := coalesce(NEW.convergence_threshold, (v_config ->> 'convergence_threshold')::numeric);
    NEW.objective_function := coalesce(NEW.objective_function, v_config -> 'objective_function');
    NEW.llm_config := coalesce(NEW.llm_config, v_config -> 'llm_config', '{}');
    NEW.evaluation_config := coalesce(NEW.evaluation_config, v_config -> 'evaluation_config', '{}');
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.evolution_experiments_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_experiments: a new experiment takes each configuration column it leaves NULL from its template, then from the defaults (an unknown template_id raises foreign_key_violation 23503); finished_at is stamped when the status becomes final.';
GRANT EXECUTE ON FUNCTION learning.evolution_experiments_rules() TO pgpattern_writer;
