-- learning evolution: templates and inheritance, generation numbering, individuals
-- (orphans, positions, parents), generation statistics, best score, convergence,
-- LLM interactions and code evaluations.
BEGIN;
SELECT plan(31);

INSERT INTO core.projects (name) VALUES ('learning-evolution');
CREATE TEMP VIEW p AS SELECT project_id FROM core.projects WHERE name = 'learning-evolution';
INSERT INTO learning.evolution_experiment_templates (name, problem_category, template_config)
VALUES ('code_optimization', 'optimization',
        '{"population_size": 3, "max_generations": 20, "mutation_rate": 0.15, "convergence_threshold": 0.01,
          "objective_function": {"minimise": "execution_time"}}');

SELECT throws_ok($$INSERT INTO learning.evolution_experiment_templates (name, problem_category, template_config) VALUES ('t', 'optimization', '{"populaton_size": 3}')$$,
                 '23514', NULL, 'Check that a template with an unknown configuration key is refused');
SELECT throws_ok($$INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, template_id) SELECT project_id, 'e', '{}', '00000000-0000-0000-0000-000000000001' FROM p$$,
                 '23503', 'template_id 00000000-0000-0000-0000-000000000001 does not exist',
                 'Check that an experiment from a template that does not exist is refused, naming it');
INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, template_id, max_generations)
SELECT project_id, 'speedup', '{"function": "parse"}', template_id, 10
  FROM p, learning.evolution_experiment_templates WHERE name = 'code_optimization';
CREATE TEMP VIEW e AS SELECT project_id, experiment_id FROM learning.evolution_experiments WHERE name = 'speedup';
SELECT results_eq($$SELECT population_size, max_generations, mutation_rate, crossover_rate, selection_strategy, convergence_threshold, objective_function
                      FROM learning.evolution_experiments WHERE name = 'speedup'$$,
                  $$VALUES (3, 10, 0.15::numeric(3,2), 0.80::numeric(3,2), 'tournament', 0.01::numeric, '{"minimise": "execution_time"}'::jsonb)$$,
                  'Check that an experiment inherits the template configuration it does not override, and defaults the rest');
SELECT throws_ok($$INSERT INTO learning.evolution_experiments (project_id, name, problem_definition) SELECT project_id, 'no objective', '{}' FROM p$$,
                 '23502', NULL, 'Check that an experiment without template needs an objective_function');
SELECT throws_ok($$INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, objective_function, mutation_rate) SELECT project_id, 'x', '{}', '{}', 1.5 FROM p$$,
                 '23514', NULL, 'Check that a mutation_rate above 1 is refused');
SELECT is((SELECT status FROM learning.evolution_experiments WHERE name = 'speedup'), 'initialized', 'Check that a new experiment is initialized');

-- Generations are numbered current_generation + 1.
SELECT throws_ok($$INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 2 FROM e$$,
                 '23514', 'generation_number of experiment speedup must be 1 (of at most 10), not 2',
                 'Check that a generation number with a gap is refused');
INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 1 FROM e;
SELECT results_eq($$SELECT status, current_generation FROM learning.evolution_experiments WHERE name = 'speedup'$$,
                  $$VALUES ('running', 1)$$, 'Check that the first generation starts the experiment and becomes current');

-- Individuals.
SELECT throws_ok($$INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype) SELECT project_id, experiment_id, 7, 1, '{}' FROM e$$,
                 '23503', NULL, 'Check that an orphan individual (its generation does not exist) is refused');
SELECT throws_ok($$INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype) SELECT project_id, experiment_id, 1, 4, '{}' FROM e$$,
                 '23514', 'individual_index must be between 1 and population_size 3 of experiment speedup, not 4',
                 'Check that an individual beyond the population size is refused');
SELECT throws_ok($$INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, parent_ids) SELECT project_id, experiment_id, 1, 1, '{}', ARRAY[gen_random_uuid()] FROM e$$,
                 '23503', NULL, 'Check that an unknown parent is refused');
INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype)
SELECT project_id, experiment_id, 1, i, jsonb_build_object('variant', i) FROM e, generate_series(1, 3) i;
SELECT throws_ok($$UPDATE learning.evolution_individuals SET fitness_score = 0.5 WHERE individual_index = 1$$,
                 '23514', NULL, 'Check that a score without a completed evaluation is refused');
UPDATE learning.evolution_individuals SET evaluation_status = 'completed', fitness_score = 0.4 WHERE individual_index = 1;
UPDATE learning.evolution_individuals SET evaluation_status = 'completed', fitness_score = 0.6 WHERE individual_index = 2;
SELECT results_eq($$SELECT scored_count, min_score, max_score, mean_score, stddev_score, generation_end IS NULL FROM learning.evolution_generations$$,
                  $$VALUES (2, 0.4, 0.6, 0.5, 0.1, true)$$,
                  'Check that scoring keeps count, min, max, mean and stddev of the generation');
SELECT is((SELECT best_score FROM learning.evolution_experiments WHERE name = 'speedup'), 0.6, 'Check that the experiment''s best_score follows');
SELECT is((SELECT g.best_individual_id = i.individual_id FROM learning.evolution_generations g JOIN learning.evolution_individuals i USING (project_id, experiment_id, generation_number) WHERE i.individual_index = 2),
          true, 'Check that the generation names its best individual');
UPDATE learning.evolution_individuals SET evaluation_status = 'failed' WHERE individual_index = 3;
SELECT ok((SELECT generation_end IS NOT NULL AND evaluated_count = 3 AND scored_count = 2 FROM learning.evolution_generations),
          'Check that a generation ends once its whole population is evaluated, failures included');
SELECT throws_ok($$UPDATE learning.evolution_individuals SET evaluation_status = 'pending', fitness_score = NULL WHERE individual_index = 1$$,
                 '55000', NULL, 'Check that an ended generation''s individuals cannot change');
SELECT throws_ok($$UPDATE learning.evolution_individuals SET evaluation_status = 'completed', fitness_score = 0.1 WHERE individual_index = 3$$,
                 '55000', NULL, 'Check that a failed individual cannot be scored later');
INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 2 FROM e;
SELECT lives_ok($$INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, parent_ids)
                  SELECT project_id, experiment_id, 2, 1, '{}', ARRAY(SELECT individual_id FROM learning.evolution_individuals WHERE individual_index IN (1, 2))
                    FROM e$$,
                'Check that an individual may descend from individuals of an earlier generation');

-- Convergence: with a threshold of 0.01 the best score must improve by at least 0.01 over 5 generations.
-- Generation 2 reaches 0.9; generations 3 to 7 never beat it.
UPDATE learning.evolution_individuals SET evaluation_status = 'completed', fitness_score = 0.9 WHERE generation_number = 2;
UPDATE learning.evolution_generations SET generation_end = now() WHERE generation_number = 2;
DO $$
DECLARE
    v_generation integer;
BEGIN
    FOR v_generation IN 3..6 LOOP
        INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number)
        SELECT project_id, experiment_id, v_generation FROM e;
        INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, evaluation_status, fitness_score)
        SELECT project_id, experiment_id, v_generation, i, '{}', 'completed', 0.5 + i * 0.1 FROM e, generate_series(1, 3) i;
    END LOOP;
END
$$;
SELECT results_eq($$SELECT status, current_generation, best_score FROM learning.evolution_experiments WHERE name = 'speedup'$$,
                  $$VALUES ('running', 6, 0.9)$$,
                  'Check that six generations (improvement 0.9 - 0.6 since generation 1) do not converge');
INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 7 FROM e;
INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, evaluation_status, fitness_score)
SELECT project_id, experiment_id, 7, i, '{}', 'completed', 0.905 FROM e, generate_series(1, 3) i;
SELECT results_eq($$SELECT status, converged_at_generation, best_score, finished_at IS NOT NULL FROM learning.evolution_experiments WHERE name = 'speedup'$$,
                  $$VALUES ('completed', 7, 0.905, true)$$,
                  'Check that improving 0.005 < 0.01 over generations 2 to 7 completes the experiment as converged');
SELECT throws_ok($$INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 8 FROM e$$,
                 '55000', 'experiment speedup is completed: it takes no new generation',
                 'Check that a completed experiment takes no new generation');
SELECT throws_ok($$UPDATE learning.evolution_experiments SET status = 'running' WHERE name = 'speedup'$$,
                 '23514', 'evolution_experiments.status cannot change from completed to running',
                 'Check that a completed experiment stays completed');

-- An experiment without a convergence threshold completes with its last generation.
INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, objective_function, population_size, max_generations)
SELECT project_id, 'short', '{}', '{}', 1, 2 FROM p;
INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number)
SELECT project_id, experiment_id, g FROM learning.evolution_experiments, generate_series(1, 2) g WHERE name = 'short';
SELECT throws_ok($$INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, 3 FROM learning.evolution_experiments WHERE name = 'short'$$,
                 '23514', NULL, 'Check that a generation beyond max_generations is refused');
INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, evaluation_status, fitness_score)
SELECT project_id, experiment_id, 2, 1, '{}', 'completed', 1 FROM learning.evolution_experiments WHERE name = 'short';
SELECT results_eq($$SELECT status, converged_at_generation FROM learning.evolution_experiments WHERE name = 'short'$$,
                  $$VALUES ('completed', NULL::integer)$$,
                  'Check that the end of the last generation completes an experiment without convergence');

-- LLM interactions and code evaluations.
INSERT INTO learning.llm_interactions (project_id, experiment_id, individual_id, interaction_type, llm_model, prompt_tokens, completion_tokens, cost_usd)
SELECT project_id, experiment_id, individual_id, 'mutation', 'gpt-4', 1200, 300, 0.054
  FROM learning.evolution_individuals WHERE generation_number = 7 AND individual_index = 1;
SELECT is((SELECT total_tokens FROM learning.llm_interactions), 1500, 'Check that total_tokens is the sum of prompt and completion tokens');
SELECT throws_ok($$INSERT INTO learning.llm_interactions (project_id, experiment_id, interaction_type, llm_model, cost_usd) SELECT project_id, experiment_id, 'mutation', 'gpt-4', -1 FROM e$$,
                 '23514', NULL, 'Check that a negative cost is refused');
SELECT throws_ok($$INSERT INTO learning.llm_interactions (project_id, experiment_id, individual_id, interaction_type, llm_model)
                   SELECT x.project_id, x.experiment_id, i.individual_id, 'mutation', 'gpt-4'
                     FROM learning.evolution_experiments x, learning.evolution_individuals i
                    WHERE x.name = 'short' AND i.generation_number = 7 AND i.individual_index = 1$$,
                 '23503', NULL, 'Check that an interaction cannot name an individual of another experiment');
SELECT throws_ok($$INSERT INTO learning.code_evaluations (project_id, experiment_id, individual_id, evaluation_type, test_cases_passed, test_cases_total)
                   SELECT project_id, experiment_id, individual_id, 'functional', 11, 10 FROM learning.evolution_individuals WHERE generation_number = 7 AND individual_index = 1$$,
                 '23514', NULL, 'Check that more tests passed than run is refused');
SELECT throws_ok($$INSERT INTO learning.code_evaluations (project_id, experiment_id, individual_id, evaluation_type, correctness_score)
                   SELECT project_id, experiment_id, individual_id, 'functional', 1.2 FROM learning.evolution_individuals WHERE generation_number = 7 AND individual_index = 1$$,
                 '23514', NULL, 'Check that a correctness_score above 1 is refused');
DELETE FROM learning.evolution_experiments WHERE name = 'speedup';
SELECT is((SELECT count(*) FROM learning.llm_interactions), 0::bigint, 'Check that deleting an experiment deletes what belongs to it');

SELECT * FROM finish();
ROLLBACK;
