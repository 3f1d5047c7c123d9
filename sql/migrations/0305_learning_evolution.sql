-- The continuous-learning store, evolution: experiment templates, experiments,
-- generations, individuals, LLM interactions and code evaluations.
-- Templates are global (a Citus reference table); everything else is project-scoped.
-- The database keeps the derived numbers: scoring an individual updates its
-- generation's statistics (over completed individuals: count, min, max, mean,
-- population stddev, best individual), the experiment's best_score, and, when a
-- generation ends, convergence. Higher fitness is better.
-- A generation ends when population_size of its individuals are evaluated (completed
-- or failed) or when generation_end is set. Convergence: when generation g ends with
-- g > 5, if the best score up to g exceeds the best score up to g - 5 by less than
-- convergence_threshold, the experiment completes (converged_at_generation = g); it
-- also completes when generation max_generations ends.
CREATE TABLE learning.evolution_experiment_templates (
    template_id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name             text NOT NULL UNIQUE,
    description      text,
    problem_category text NOT NULL,
    template_config  jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evolution_experiment_templates_name_check CHECK (name ~ '\S' AND length(name) <= 200),
    CONSTRAINT evolution_experiment_templates_problem_category_check
        CHECK (problem_category IN ('optimization', 'algorithm_design', 'refactoring', 'testing')),
    CONSTRAINT evolution_experiment_templates_config_keys CHECK (jsonb_typeof(template_config) = 'object'
        AND template_config - ARRAY['population_size', 'max_generations', 'mutation_rate', 'crossover_rate',
                                    'selection_strategy', 'convergence_threshold', 'objective_function',
                                    'llm_config', 'evaluation_config'] = '{}'::jsonb)
);
COMMENT ON TABLE learning.evolution_experiment_templates IS 'Reusable experiment configurations, shared by all projects. An experiment created with a template_id copies the template''s configuration into every column it leaves NULL.';
COMMENT ON COLUMN learning.evolution_experiment_templates.template_id IS 'The template key.';
COMMENT ON COLUMN learning.evolution_experiment_templates.name IS 'A unique name, e.g. code_optimization.';
COMMENT ON COLUMN learning.evolution_experiment_templates.description IS 'What the template is for.';
COMMENT ON COLUMN learning.evolution_experiment_templates.problem_category IS 'optimization, algorithm_design, refactoring or testing.';
COMMENT ON COLUMN learning.evolution_experiment_templates.template_config IS 'A JSON object whose keys name experiment columns: population_size, max_generations, mutation_rate, crossover_rate, selection_strategy, convergence_threshold, objective_function, llm_config, evaluation_config (no other key is accepted).';
COMMENT ON COLUMN learning.evolution_experiment_templates.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.evolution_experiment_templates.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE TRIGGER evolution_experiment_templates_touch_updated_at BEFORE UPDATE ON learning.evolution_experiment_templates
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE learning.evolution_experiments (
    project_id              bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    experiment_id           uuid NOT NULL DEFAULT gen_random_uuid(),
    template_id             uuid REFERENCES learning.evolution_experiment_templates (template_id),
    name                    text NOT NULL,
    description             text,
    problem_definition      jsonb NOT NULL,
    objective_function      jsonb NOT NULL,
    population_size         integer NOT NULL,
    max_generations         integer NOT NULL,
    current_generation      integer NOT NULL DEFAULT 0,
    status                  text NOT NULL DEFAULT 'initialized',
    best_score              numeric,
    convergence_threshold   numeric,
    converged_at_generation integer,
    mutation_rate           numeric(3,2) NOT NULL,
    crossover_rate          numeric(3,2) NOT NULL,
    selection_strategy      text NOT NULL,
    llm_config              jsonb NOT NULL,
    evaluation_config       jsonb NOT NULL,
    finished_at             timestamptz,
    created_by              text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, experiment_id),
    CONSTRAINT evolution_experiments_name_key UNIQUE (project_id, name),
    CONSTRAINT evolution_experiments_name_check CHECK (name ~ '\S' AND length(name) <= 200),
    CONSTRAINT evolution_experiments_population_size_check CHECK (population_size > 0),
    CONSTRAINT evolution_experiments_generations_check
        CHECK (max_generations > 0 AND current_generation BETWEEN 0 AND max_generations),
    CONSTRAINT evolution_experiments_status_check
        CHECK (status IN ('initialized', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT evolution_experiments_convergence_threshold_check CHECK (convergence_threshold >= 0),
    CONSTRAINT evolution_experiments_converged_check
        CHECK (converged_at_generation IS NULL OR (converged_at_generation BETWEEN 1 AND current_generation AND status = 'completed')),
    CONSTRAINT evolution_experiments_mutation_rate_range CHECK (mutation_rate BETWEEN 0 AND 1),
    CONSTRAINT evolution_experiments_crossover_rate_range CHECK (crossover_rate BETWEEN 0 AND 1),
    CONSTRAINT evolution_experiments_selection_strategy_check
        CHECK (selection_strategy IN ('tournament', 'roulette', 'rank', 'elitist')),
    CONSTRAINT evolution_experiments_objects_check CHECK (jsonb_typeof(problem_definition) = 'object'
        AND jsonb_typeof(llm_config) = 'object' AND jsonb_typeof(evaluation_config) = 'object'),
    CONSTRAINT evolution_experiments_finished_iff_final
        CHECK ((status IN ('initialized', 'running')) = (finished_at IS NULL))
);
COMMENT ON TABLE learning.evolution_experiments IS 'Evolutionary code-optimisation experiments. Columns left NULL at creation come from the template (template_id), then from the defaults; status initialized -> running (first generation) -> completed (converged or last generation ended), failed or cancelled. current_generation, best_score and convergence are maintained by the database.';
COMMENT ON COLUMN learning.evolution_experiments.project_id IS 'The project whose code the experiment evolves.';
COMMENT ON COLUMN learning.evolution_experiments.experiment_id IS 'The experiment''s key within its project.';
COMMENT ON COLUMN learning.evolution_experiments.template_id IS 'The template it was created from, if any; its configuration was copied at creation.';
COMMENT ON COLUMN learning.evolution_experiments.name IS 'A name, unique within the project.';
COMMENT ON COLUMN learning.evolution_experiments.description IS 'Free text.';
COMMENT ON COLUMN learning.evolution_experiments.problem_definition IS 'The problem statement and constraints (a JSON object).';
COMMENT ON COLUMN learning.evolution_experiments.objective_function IS 'What is optimised; from the template if not given.';
COMMENT ON COLUMN learning.evolution_experiments.population_size IS 'Individuals per generation (positive; default 50): individual_index runs from 1 to it.';
COMMENT ON COLUMN learning.evolution_experiments.max_generations IS 'The last generation number (positive; default 100).';
COMMENT ON COLUMN learning.evolution_experiments.current_generation IS 'The number of the newest generation, 0 before the first (maintained by a trigger).';
COMMENT ON COLUMN learning.evolution_experiments.status IS 'initialized (new), running (from its first generation), completed, failed, cancelled (final).';
COMMENT ON COLUMN learning.evolution_experiments.best_score IS 'The highest fitness_score of any individual (maintained by a trigger).';
COMMENT ON COLUMN learning.evolution_experiments.convergence_threshold IS 'Minimum improvement of the best score over 5 generations; less completes the experiment. NULL: no convergence test.';
COMMENT ON COLUMN learning.evolution_experiments.converged_at_generation IS 'The generation at whose end convergence completed the experiment; NULL otherwise.';
COMMENT ON COLUMN learning.evolution_experiments.mutation_rate IS 'In [0, 1]; default 0.1.';
COMMENT ON COLUMN learning.evolution_experiments.crossover_rate IS 'In [0, 1]; default 0.8.';
COMMENT ON COLUMN learning.evolution_experiments.selection_strategy IS 'tournament (default), roulette, rank or elitist.';
COMMENT ON COLUMN learning.evolution_experiments.llm_config IS 'LLM settings for code generation (a JSON object; default {}).';
COMMENT ON COLUMN learning.evolution_experiments.evaluation_config IS 'How generated code is evaluated (a JSON object; default {}).';
COMMENT ON COLUMN learning.evolution_experiments.finished_at IS 'When it reached a final status (set by a trigger).';
COMMENT ON COLUMN learning.evolution_experiments.created_by IS 'Who created it.';
COMMENT ON COLUMN learning.evolution_experiments.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.evolution_experiments.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX evolution_experiments_template_idx ON learning.evolution_experiments (template_id);
COMMENT ON INDEX learning.evolution_experiments_template_idx IS 'Experiments created from a template (supports its foreign key).';
CREATE INDEX evolution_experiments_running_idx ON learning.evolution_experiments (project_id, created_at) WHERE status = 'running';
COMMENT ON INDEX learning.evolution_experiments_running_idx IS 'Running experiments.';

CREATE FUNCTION learning.evolution_experiments_rules()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION learning.evolution_experiments_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_experiments: a new experiment takes each configuration column it leaves NULL from its template, then from the defaults (an unknown template_id raises foreign_key_violation 23503); finished_at is stamped when the status becomes final.';
CREATE TRIGGER evolution_experiments_rules BEFORE INSERT OR UPDATE ON learning.evolution_experiments
    FOR EACH ROW EXECUTE FUNCTION learning.evolution_experiments_rules();
CREATE TRIGGER evolution_experiments_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.evolution_experiments
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status',
        '>initialized', 'initialized>running', 'initialized>cancelled',
        'running>completed', 'running>failed', 'running>cancelled');
CREATE TRIGGER evolution_experiments_touch_updated_at BEFORE UPDATE ON learning.evolution_experiments
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE learning.evolution_generations (
    project_id         bigint NOT NULL,
    experiment_id      uuid NOT NULL,
    generation_number  integer NOT NULL,
    scored_count       integer NOT NULL DEFAULT 0,
    evaluated_count    integer NOT NULL DEFAULT 0,
    min_score          numeric,
    max_score          numeric,
    mean_score         numeric,
    stddev_score       numeric,
    best_individual_id uuid,
    diversity_metrics  jsonb NOT NULL DEFAULT '{}',
    selection_pressure numeric(3,2),
    generation_start   timestamptz NOT NULL DEFAULT now(),
    generation_end     timestamptz,
    PRIMARY KEY (project_id, experiment_id, generation_number),
    CONSTRAINT evolution_generations_experiment_fkey FOREIGN KEY (project_id, experiment_id)
        REFERENCES learning.evolution_experiments (project_id, experiment_id) ON DELETE CASCADE,
    CONSTRAINT evolution_generations_generation_number_check CHECK (generation_number >= 1),
    CONSTRAINT evolution_generations_counts_check CHECK (scored_count BETWEEN 0 AND evaluated_count),
    CONSTRAINT evolution_generations_stats_iff_scored CHECK ((scored_count = 0) = (max_score IS NULL)
        AND (max_score IS NULL) = (best_individual_id IS NULL)),
    CONSTRAINT evolution_generations_selection_pressure_check CHECK (selection_pressure >= 0),
    CONSTRAINT evolution_generations_diversity_metrics_check CHECK (jsonb_typeof(diversity_metrics) = 'object'),
    CONSTRAINT evolution_generations_end_after_start CHECK (generation_end >= generation_start)
);
COMMENT ON TABLE learning.evolution_generations IS 'The generations of an experiment, numbered 1, 2, ... without gaps up to max_generations. Score statistics are maintained from the individuals; a generation ends when population_size individuals are evaluated or generation_end is set, and its end triggers the convergence test.';
COMMENT ON COLUMN learning.evolution_generations.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.evolution_generations.experiment_id IS 'The experiment.';
COMMENT ON COLUMN learning.evolution_generations.generation_number IS 'The generation''s number in its experiment: current_generation + 1 when created.';
COMMENT ON COLUMN learning.evolution_generations.scored_count IS 'Individuals with a fitness score (completed); the statistics are over these.';
COMMENT ON COLUMN learning.evolution_generations.evaluated_count IS 'Individuals evaluated, completed or failed.';
COMMENT ON COLUMN learning.evolution_generations.min_score IS 'Lowest fitness score.';
COMMENT ON COLUMN learning.evolution_generations.max_score IS 'Highest fitness score.';
COMMENT ON COLUMN learning.evolution_generations.mean_score IS 'Mean fitness score.';
COMMENT ON COLUMN learning.evolution_generations.stddev_score IS 'Population standard deviation of the fitness scores (0 for one).';
COMMENT ON COLUMN learning.evolution_generations.best_individual_id IS 'The individual with the highest score (the lowest individual_index among equals).';
COMMENT ON COLUMN learning.evolution_generations.diversity_metrics IS 'Genetic diversity measurements (a JSON object).';
COMMENT ON COLUMN learning.evolution_generations.selection_pressure IS 'Selection pressure, not negative.';
COMMENT ON COLUMN learning.evolution_generations.generation_start IS 'When the generation was created.';
COMMENT ON COLUMN learning.evolution_generations.generation_end IS 'When it ended: set by the database once population_size individuals are evaluated, or by the caller to end it early. An ended generation takes no more individuals.';

CREATE FUNCTION learning.evolution_generations_start()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION learning.evolution_generations_start() IS 'BEFORE INSERT trigger function of learning.evolution_generations: the experiment must exist and be initialized or running (55000), and the number must be current_generation + 1 and at most max_generations (23514); the new generation becomes the experiment''s current_generation and starts it (status running).';
CREATE TRIGGER evolution_generations_start BEFORE INSERT ON learning.evolution_generations
    FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_start();

CREATE FUNCTION learning.evolution_generations_propagate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION learning.evolution_generations_propagate() IS 'AFTER UPDATE trigger function of learning.evolution_generations: a changed max_score recomputes best_score; when generation g ends, the experiment completes if g > 5 and the best score up to g exceeds the best up to g - 5 by less than convergence_threshold (converged_at_generation = g), or if g is max_generations.';
CREATE TRIGGER evolution_generations_propagate AFTER UPDATE ON learning.evolution_generations
    FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_propagate();

CREATE TABLE learning.evolution_individuals (
    project_id         bigint NOT NULL,
    experiment_id      uuid NOT NULL,
    individual_id      uuid NOT NULL DEFAULT gen_random_uuid(),
    generation_number  integer NOT NULL,
    individual_index   integer NOT NULL,
    genotype           jsonb NOT NULL,
    phenotype          text,
    fitness_score      numeric,
    evaluation_metrics jsonb NOT NULL DEFAULT '{}',
    parent_ids         uuid[] NOT NULL DEFAULT '{}',
    mutation_applied   jsonb,
    crossover_applied  jsonb,
    evaluation_time_ms integer,
    evaluation_status  text NOT NULL DEFAULT 'pending',
    error_log          text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, experiment_id, individual_id),
    CONSTRAINT evolution_individuals_position_key UNIQUE (project_id, experiment_id, generation_number, individual_index),
    CONSTRAINT evolution_individuals_generation_fkey FOREIGN KEY (project_id, experiment_id, generation_number)
        REFERENCES learning.evolution_generations (project_id, experiment_id, generation_number) ON DELETE CASCADE,
    CONSTRAINT evolution_individuals_individual_index_check CHECK (individual_index >= 1),
    CONSTRAINT evolution_individuals_fitness_score_check CHECK (fitness_score <> 'NaN'),
    CONSTRAINT evolution_individuals_scored_iff_completed
        CHECK ((evaluation_status = 'completed') = (fitness_score IS NOT NULL)),
    CONSTRAINT evolution_individuals_evaluation_time_ms_check CHECK (evaluation_time_ms >= 0),
    CONSTRAINT evolution_individuals_evaluation_status_check
        CHECK (evaluation_status IN ('pending', 'evaluating', 'completed', 'failed')),
    CONSTRAINT evolution_individuals_evaluation_metrics_check CHECK (jsonb_typeof(evaluation_metrics) = 'object')
);
COMMENT ON TABLE learning.evolution_individuals IS 'Candidate programs of a generation, at positions 1 to population_size; scoring one (fitness_score with evaluation_status completed) updates the generation''s statistics and the experiment''s best_score.';
COMMENT ON COLUMN learning.evolution_individuals.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.evolution_individuals.experiment_id IS 'The experiment.';
COMMENT ON COLUMN learning.evolution_individuals.individual_id IS 'The individual''s key within its experiment.';
COMMENT ON COLUMN learning.evolution_individuals.generation_number IS 'Its generation, which must exist and not have ended.';
COMMENT ON COLUMN learning.evolution_individuals.individual_index IS 'Its position in the generation, 1 to population_size.';
COMMENT ON COLUMN learning.evolution_individuals.genotype IS 'The code representation.';
COMMENT ON COLUMN learning.evolution_individuals.phenotype IS 'The executable code.';
COMMENT ON COLUMN learning.evolution_individuals.fitness_score IS 'Fitness (higher is better, not NaN); present exactly when evaluation_status is completed.';
COMMENT ON COLUMN learning.evolution_individuals.evaluation_metrics IS 'Detailed evaluation results (a JSON object).';
COMMENT ON COLUMN learning.evolution_individuals.parent_ids IS 'Parents: individuals of earlier generations of the same experiment.';
COMMENT ON COLUMN learning.evolution_individuals.mutation_applied IS 'The mutations applied.';
COMMENT ON COLUMN learning.evolution_individuals.crossover_applied IS 'The crossover operations applied.';
COMMENT ON COLUMN learning.evolution_individuals.evaluation_time_ms IS 'How long evaluation took, in milliseconds.';
COMMENT ON COLUMN learning.evolution_individuals.evaluation_status IS 'pending, evaluating, completed (scored) or failed; completed and failed are final.';
COMMENT ON COLUMN learning.evolution_individuals.error_log IS 'Errors, for a failed evaluation.';
COMMENT ON COLUMN learning.evolution_individuals.created_at IS 'When the row was created.';
CREATE INDEX evolution_individuals_fitness_idx ON learning.evolution_individuals (project_id, experiment_id, fitness_score DESC)
    WHERE fitness_score IS NOT NULL;
COMMENT ON INDEX learning.evolution_individuals_fitness_idx IS 'An experiment''s leaderboard.';

ALTER TABLE learning.evolution_generations
    ADD CONSTRAINT evolution_generations_best_individual_fkey FOREIGN KEY (project_id, experiment_id, best_individual_id)
        REFERENCES learning.evolution_individuals (project_id, experiment_id, individual_id) ON DELETE SET NULL (best_individual_id);
CREATE INDEX evolution_generations_best_individual_idx
    ON learning.evolution_generations (project_id, experiment_id, best_individual_id) WHERE best_individual_id IS NOT NULL;
COMMENT ON INDEX learning.evolution_generations_best_individual_idx IS 'Supports the best-individual foreign key.';

CREATE FUNCTION learning.evolution_individuals_check()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_missing    uuid[];
    v_generation record;
BEGIN
    -- An individual belongs to an open generation of an unfinished experiment, within its population.
    IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.experiment_id, NEW.generation_number, NEW.individual_index)
                            IS DISTINCT FROM (OLD.project_id, OLD.experiment_id, OLD.generation_number, OLD.individual_index) THEN
        RAISE EXCEPTION 'individual % cannot move to another experiment, generation or position', OLD.individual_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT g.generation_end, e.name, e.status, e.population_size INTO v_generation
      FROM learning.evolution_generations g
      JOIN learning.evolution_experiments e ON e.project_id = g.project_id AND e.experiment_id = g.experiment_id
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number = NEW.generation_number;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'generation % of experiment % does not exist in project %: an individual needs its generation',
            NEW.generation_number, NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'insert the generation into learning.evolution_generations first';
    END IF;
    IF v_generation.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: its individuals cannot change', v_generation.name, v_generation.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF v_generation.generation_end IS NOT NULL THEN
        RAISE EXCEPTION 'generation % of experiment % ended at %: its individuals cannot change',
            NEW.generation_number, v_generation.name, v_generation.generation_end
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.individual_index > v_generation.population_size THEN
        RAISE EXCEPTION 'individual_index must be between 1 and population_size % of experiment %, not %',
            v_generation.population_size, v_generation.name, NEW.individual_index
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' AND cardinality(NEW.parent_ids) > 0 THEN
        v_missing := ARRAY(SELECT p FROM unnest(NEW.parent_ids) p
                            WHERE NOT EXISTS (SELECT FROM learning.evolution_individuals i
                                               WHERE i.project_id = NEW.project_id AND i.experiment_id = NEW.experiment_id
                                                 AND i.individual_id = p AND i.generation_number < NEW.generation_number));
        IF cardinality(v_missing) > 0 THEN
            RAISE EXCEPTION 'parent_ids % are not individuals of an earlier generation of experiment %', v_missing, v_generation.name
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION learning.evolution_individuals_check() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_individuals: the generation must exist (23503), be open and its experiment unfinished (55000); individual_index at most population_size (23514); parents must be individuals of earlier generations of the same experiment (23503); an individual never moves.';
CREATE TRIGGER evolution_individuals_check BEFORE INSERT OR UPDATE ON learning.evolution_individuals
    FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_check();
CREATE TRIGGER evolution_individuals_status_lifecycle BEFORE INSERT OR UPDATE OF evaluation_status ON learning.evolution_individuals
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('evaluation_status',
        '>pending', '>evaluating', '>completed', '>failed',
        'pending>evaluating', 'pending>completed', 'pending>failed', 'evaluating>completed', 'evaluating>failed');

CREATE FUNCTION learning.evolution_individuals_score()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_row learning.evolution_individuals := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    -- Recomputes the statistics of the generation; ends it once its whole population is evaluated.
    -- Locking the generation first serialises concurrent scorers, so that each
    -- recomputation sees the scores committed before it.
    PERFORM FROM learning.evolution_generations
      WHERE project_id = v_row.project_id AND experiment_id = v_row.experiment_id
        AND generation_number = v_row.generation_number
        FOR UPDATE;
    UPDATE learning.evolution_generations g
       SET scored_count = s.scored_count,
           evaluated_count = s.evaluated_count,
           min_score = s.min_score,
           max_score = s.max_score,
           mean_score = s.mean_score,
           stddev_score = s.stddev_score,
           best_individual_id = s.best_individual_id,
           generation_end = CASE WHEN g.generation_end IS NULL AND s.evaluated_count >= e.population_size
                                 THEN now() ELSE g.generation_end END
      FROM (SELECT count(i.fitness_score)::integer AS scored_count,
                   count(*) FILTER (WHERE i.evaluation_status IN ('completed', 'failed'))::integer AS evaluated_count,
                   min(i.fitness_score) AS min_score,
                   max(i.fitness_score) AS max_score,
                   avg(i.fitness_score) AS mean_score,
                   stddev_pop(i.fitness_score) AS stddev_score,
                   (array_agg(i.individual_id ORDER BY i.fitness_score DESC, i.individual_index)
                        FILTER (WHERE i.fitness_score IS NOT NULL))[1] AS best_individual_id
              FROM learning.evolution_individuals i
             WHERE i.project_id = v_row.project_id AND i.experiment_id = v_row.experiment_id
               AND i.generation_number = v_row.generation_number) s,
           learning.evolution_experiments e
     WHERE g.project_id = v_row.project_id AND g.experiment_id = v_row.experiment_id
       AND g.generation_number = v_row.generation_number
       AND e.project_id = g.project_id AND e.experiment_id = g.experiment_id;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION learning.evolution_individuals_score() IS 'AFTER INSERT OR UPDATE OR DELETE trigger function of learning.evolution_individuals: recomputes the generation''s scored_count, evaluated_count, min, max, mean, population stddev and best individual, and sets generation_end once population_size individuals are evaluated.';
CREATE TRIGGER evolution_individuals_score AFTER INSERT OR UPDATE OR DELETE ON learning.evolution_individuals
    FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_score();

CREATE TABLE learning.llm_interactions (
    project_id        bigint NOT NULL,
    interaction_id    uuid NOT NULL DEFAULT gen_random_uuid(),
    experiment_id     uuid NOT NULL,
    individual_id     uuid,
    interaction_type  text NOT NULL,
    llm_model         text NOT NULL,
    prompt_text       text,
    response_text     text,
    prompt_tokens     integer NOT NULL DEFAULT 0,
    completion_tokens integer NOT NULL DEFAULT 0,
    total_tokens      integer GENERATED ALWAYS AS (prompt_tokens + completion_tokens) STORED,
    cost_usd          numeric(12,6) NOT NULL DEFAULT 0,
    latency_ms        integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, interaction_id),
    CONSTRAINT llm_interactions_experiment_fkey FOREIGN KEY (project_id, experiment_id)
        REFERENCES learning.evolution_experiments (project_id, experiment_id) ON DELETE CASCADE,
    CONSTRAINT llm_interactions_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id)
        REFERENCES learning.evolution_individuals (project_id, experiment_id, individual_id) ON DELETE SET NULL (individual_id),
    CONSTRAINT llm_interactions_interaction_type_check
        CHECK (interaction_type IN ('generation', 'mutation', 'crossover', 'evaluation', 'analysis')),
    CONSTRAINT llm_interactions_llm_model_check CHECK (llm_model ~ '\S'),
    CONSTRAINT llm_interactions_tokens_check CHECK (prompt_tokens >= 0 AND completion_tokens >= 0),
    CONSTRAINT llm_interactions_cost_usd_check CHECK (cost_usd >= 0),
    CONSTRAINT llm_interactions_latency_ms_check CHECK (latency_ms >= 0)
);
COMMENT ON TABLE learning.llm_interactions IS 'Calls to an LLM made by an experiment (optionally for one individual): tokens and cost.';
COMMENT ON COLUMN learning.llm_interactions.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.llm_interactions.interaction_id IS 'The interaction''s key within its project.';
COMMENT ON COLUMN learning.llm_interactions.experiment_id IS 'The experiment that made the call.';
COMMENT ON COLUMN learning.llm_interactions.individual_id IS 'The individual of the same experiment it was for, if any.';
COMMENT ON COLUMN learning.llm_interactions.interaction_type IS 'generation, mutation, crossover, evaluation or analysis.';
COMMENT ON COLUMN learning.llm_interactions.llm_model IS 'The LLM, e.g. gpt-4.';
COMMENT ON COLUMN learning.llm_interactions.prompt_text IS 'The prompt.';
COMMENT ON COLUMN learning.llm_interactions.response_text IS 'The response.';
COMMENT ON COLUMN learning.llm_interactions.prompt_tokens IS 'Tokens in the prompt, not negative.';
COMMENT ON COLUMN learning.llm_interactions.completion_tokens IS 'Tokens in the response, not negative.';
COMMENT ON COLUMN learning.llm_interactions.total_tokens IS 'prompt_tokens + completion_tokens (generated).';
COMMENT ON COLUMN learning.llm_interactions.cost_usd IS 'What the call cost, in US dollars, not negative.';
COMMENT ON COLUMN learning.llm_interactions.latency_ms IS 'How long the call took, in milliseconds.';
COMMENT ON COLUMN learning.llm_interactions.created_at IS 'When the call was made.';
CREATE INDEX llm_interactions_experiment_idx ON learning.llm_interactions (project_id, experiment_id, created_at);
COMMENT ON INDEX learning.llm_interactions_experiment_idx IS 'An experiment''s LLM calls over time (supports its foreign key).';
CREATE INDEX llm_interactions_individual_idx ON learning.llm_interactions (project_id, experiment_id, individual_id)
    WHERE individual_id IS NOT NULL;
COMMENT ON INDEX learning.llm_interactions_individual_idx IS 'LLM calls for an individual (supports its foreign key).';

CREATE TABLE learning.code_evaluations (
    project_id         bigint NOT NULL,
    evaluation_id      uuid NOT NULL DEFAULT gen_random_uuid(),
    experiment_id      uuid NOT NULL,
    individual_id      uuid NOT NULL,
    evaluation_type    text NOT NULL,
    test_cases_passed  integer,
    test_cases_total   integer,
    execution_time_ms  integer,
    memory_usage_bytes bigint,
    correctness_score  numeric(5,4),
    performance_score  numeric(5,4),
    details            jsonb NOT NULL DEFAULT '{}',
    evaluated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, evaluation_id),
    CONSTRAINT code_evaluations_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id)
        REFERENCES learning.evolution_individuals (project_id, experiment_id, individual_id) ON DELETE CASCADE,
    CONSTRAINT code_evaluations_evaluation_type_check
        CHECK (evaluation_type IN ('functional', 'performance', 'security', 'style')),
    CONSTRAINT code_evaluations_test_cases_check CHECK (test_cases_passed BETWEEN 0 AND test_cases_total),
    CONSTRAINT code_evaluations_test_cases_total_check CHECK (test_cases_total >= 0),
    CONSTRAINT code_evaluations_execution_time_ms_check CHECK (execution_time_ms >= 0),
    CONSTRAINT code_evaluations_memory_usage_bytes_check CHECK (memory_usage_bytes >= 0),
    CONSTRAINT code_evaluations_correctness_score_range CHECK (correctness_score BETWEEN 0 AND 1),
    CONSTRAINT code_evaluations_performance_score_range CHECK (performance_score BETWEEN 0 AND 1),
    CONSTRAINT code_evaluations_details_check CHECK (jsonb_typeof(details) = 'object')
);
COMMENT ON TABLE learning.code_evaluations IS 'Evaluations of an individual''s code: tests passed, time, memory, scores.';
COMMENT ON COLUMN learning.code_evaluations.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.code_evaluations.evaluation_id IS 'The evaluation''s key within its project.';
COMMENT ON COLUMN learning.code_evaluations.experiment_id IS 'The experiment of the individual.';
COMMENT ON COLUMN learning.code_evaluations.individual_id IS 'The individual evaluated.';
COMMENT ON COLUMN learning.code_evaluations.evaluation_type IS 'functional, performance, security or style.';
COMMENT ON COLUMN learning.code_evaluations.test_cases_passed IS 'Test cases passed, between 0 and test_cases_total.';
COMMENT ON COLUMN learning.code_evaluations.test_cases_total IS 'Test cases run, not negative.';
COMMENT ON COLUMN learning.code_evaluations.execution_time_ms IS 'Execution time in milliseconds.';
COMMENT ON COLUMN learning.code_evaluations.memory_usage_bytes IS 'Peak memory in bytes.';
COMMENT ON COLUMN learning.code_evaluations.correctness_score IS 'Correctness in [0, 1].';
COMMENT ON COLUMN learning.code_evaluations.performance_score IS 'Performance in [0, 1].';
COMMENT ON COLUMN learning.code_evaluations.details IS 'Everything else the evaluator reported (a JSON object).';
COMMENT ON COLUMN learning.code_evaluations.evaluated_at IS 'When the evaluation ran.';
CREATE INDEX code_evaluations_individual_idx ON learning.code_evaluations (project_id, experiment_id, individual_id);
COMMENT ON INDEX learning.code_evaluations_individual_idx IS 'An individual''s evaluations (supports its foreign key).';
