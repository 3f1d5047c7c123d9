-- The learning reads in api: model lineage, experiment leaderboard and convergence
-- curve, model performance summary, prediction accuracy over time; the reader's rights.
BEGIN;
SELECT plan(24);

INSERT INTO core.projects (name) VALUES ('learning-api');
CREATE TEMP VIEW p AS SELECT project_id, name FROM core.projects WHERE name = 'learning-api';
INSERT INTO learning.ml_models (project_id, name, version, model_type) SELECT project_id, 'ranker', 'v1', 'prediction' FROM p;
INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id)
SELECT project_id, 'ranker', 'v2', 'prediction', model_id FROM learning.ml_models WHERE version = 'v1';
INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id, status)
SELECT project_id, 'ranker', 'v3', 'prediction', model_id, 'active' FROM learning.ml_models WHERE version = 'v2';

SELECT results_eq($$SELECT depth, version FROM api.model_lineage((SELECT name FROM p), (SELECT model_id FROM learning.ml_models WHERE version = 'v3'))$$,
                  $$VALUES (0, 'v3'), (1, 'v2'), (2, 'v1')$$,
                  'Check that a model''s lineage runs from the version up to its root');
SELECT throws_ok($$SELECT * FROM api.model_lineage((SELECT name FROM p), '00000000-0000-0000-0000-000000000002')$$,
                 'P0002', 'model_id 00000000-0000-0000-0000-000000000002 does not exist in project ''learning-api''',
                 'Check that the lineage of an unknown model is an error naming it');

-- Predictions of the active version: two validated (accuracy 0.8 and 1), one open.
INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value, prediction_timestamp)
SELECT project_id, model_id, 'bug_likelihood', 'numeric', v::jsonb, t
  FROM learning.ml_models, (VALUES ('8', timestamptz '2026-03-02 10:00+00'), ('5', '2026-03-02 11:00+00'), ('3', '2026-03-03 09:00+00')) x(v, t)
 WHERE version = 'v3';
UPDATE learning.predictions SET actual_outcome = '10' WHERE predicted_value = '8';
UPDATE learning.predictions SET actual_outcome = '5' WHERE predicted_value = '5';

SELECT is((SELECT count(*) FROM api.model_performance_summary WHERE project_id = (SELECT project_id FROM p)), 0::bigint,
          'Check that the summary shows nothing before it is refreshed');
REFRESH MATERIALIZED VIEW CONCURRENTLY learning.model_performance_summary;
SELECT results_eq($$SELECT version, prediction_count, validated_predictions, avg_accuracy, last_prediction
                      FROM api.model_performance_summary WHERE project_id = (SELECT project_id FROM p)$$,
                  $$VALUES ('v3', 3::bigint, 2::bigint, 0.9000, timestamptz '2026-03-03 09:00+00')$$,
                  'Check that a concurrent refresh summarises the active version''s predictions');
SELECT results_eq($$SELECT bucket_start, predictions, validated, mean_accuracy
                      FROM api.prediction_accuracy((SELECT name FROM p), 'day', '2026-03-01', '2026-04-01')$$,
                  $$VALUES (timestamptz '2026-03-02 00:00+00', 2::bigint, 2::bigint, 0.9000), ('2026-03-03 00:00+00', 1, 0, NULL)$$,
                  'Check that accuracy is reported per model, type and day');
SELECT is((SELECT count(*) FROM api.prediction_accuracy((SELECT name FROM p), 'month', '2026-03-01', '2026-04-01')), 1::bigint,
          'Check that a month bucket folds the days together');
SELECT throws_ok($$SELECT * FROM api.prediction_accuracy('learning-api', 'fortnight')$$,
                 '22023', 'p_bucket must be hour, day, week or month, not fortnight', 'Check that an unknown bucket is refused');
SELECT throws_ok($$SELECT * FROM api.prediction_accuracy('learning-api', 'day', '2026-04-01', '2026-03-01')$$,
                 '22023', NULL, 'Check that a reversed period is refused');
SELECT throws_ok($$SELECT * FROM api.prediction_accuracy('no-such-project')$$,
                 'P0002', 'unknown project ''no-such-project''', 'Check that an unknown project is an error naming it');

-- An experiment with two generations.
INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, objective_function, population_size, max_generations)
SELECT project_id, 'speedup', '{}', '{}', 2, 10 FROM p;
CREATE TEMP VIEW e AS SELECT x.project_id, x.experiment_id, p.name FROM learning.evolution_experiments x JOIN core.projects p USING (project_id) WHERE x.name = 'speedup';
INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number) SELECT project_id, experiment_id, g FROM e, generate_series(1, 2) g;
INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype, evaluation_status, fitness_score)
SELECT project_id, experiment_id, g, i, '{}', 'completed', s
  FROM e, (VALUES (1, 1, 0.3), (1, 2, 0.5), (2, 1, 0.5), (2, 2, 0.7)) v(g, i, s);

SELECT results_eq($$SELECT rank, generation_number, individual_index, fitness_score FROM api.experiment_leaderboard((SELECT name FROM e), (SELECT experiment_id FROM e), 3)$$,
                  $$VALUES (1::bigint, 2, 2, 0.7), (2, 1, 2, 0.5), (2, 2, 1, 0.5)$$,
                  'Check that the leaderboard ranks the best individuals first, ties sharing a rank');
SELECT throws_ok($$SELECT * FROM api.experiment_leaderboard((SELECT name FROM e), (SELECT experiment_id FROM e), 0)$$,
                 '22023', 'p_limit must be between 1 and 1000, not 0', 'Check that a leaderboard of no rows is refused');
SELECT throws_ok($$SELECT * FROM api.experiment_leaderboard((SELECT name FROM p), gen_random_uuid())$$,
                 'P0002', NULL, 'Check that the leaderboard of an unknown experiment is an error');
SELECT results_eq($$SELECT generation_number, scored_count, min_score, max_score, best_so_far, improvement_over_window
                      FROM api.experiment_convergence((SELECT name FROM e), (SELECT experiment_id FROM e))$$,
                  $$VALUES (1, 2, 0.3, 0.5, 0.5, NULL::numeric), (2, 2, 0.5, 0.7, 0.7, NULL)$$,
                  'Check that the convergence curve gives each generation''s statistics and the best so far');
SELECT throws_ok($$SELECT * FROM api.experiment_convergence((SELECT name FROM p), gen_random_uuid())$$,
                 'P0002', NULL, 'Check that the curve of an unknown experiment is an error');

-- Pages: p_limit rows, the next page after the key of the previous page's last row.
SELECT results_eq($$SELECT rank, generation_number, individual_index, fitness_score
                      FROM api.experiment_leaderboard((SELECT name FROM e), (SELECT experiment_id FROM e), 2,
                           (SELECT individual_id FROM learning.evolution_individuals WHERE generation_number = 1 AND individual_index = 2))$$,
                  $$VALUES (2::bigint, 2, 1, 0.5), (4, 1, 1, 0.3)$$,
                  'Check that the next leaderboard page starts after the given individual and keeps the ranks of the whole board');
SELECT throws_ok($$SELECT * FROM api.experiment_leaderboard((SELECT name FROM e), (SELECT experiment_id FROM e), 2,
                       '00000000-0000-0000-0000-000000000003')$$,
                 '22023', NULL, 'Check that a leaderboard page after an unknown individual is refused');
SELECT results_eq($$SELECT generation_number FROM api.experiment_convergence((SELECT name FROM e), (SELECT experiment_id FROM e), 1)$$,
                  $$VALUES (1)$$, 'Check that the convergence curve comes p_limit generations at a time');
SELECT results_eq($$SELECT generation_number, best_so_far FROM api.experiment_convergence((SELECT name FROM e), (SELECT experiment_id FROM e), 1, 1)$$,
                  $$VALUES (2, 0.7)$$, 'Check that the next page of the curve starts after the given generation');
SELECT throws_ok($$SELECT * FROM api.experiment_convergence((SELECT name FROM e), (SELECT experiment_id FROM e), 1001)$$,
                 '22023', 'p_limit must be between 1 and 1000, not 1001', 'Check that a curve page of more than 1000 rows is refused');

-- The reader sees the api and nothing of learning.
SELECT function_privs_are('api', 'model_lineage', ARRAY['text', 'uuid'], 'pgpattern_reader', ARRAY['EXECUTE'],
                          'Check that the reader may call api.model_lineage');
SELECT function_privs_are('api', 'prediction_accuracy', ARRAY['text', 'text', 'timestamp with time zone', 'timestamp with time zone'],
                          'pgpattern_reader', ARRAY['EXECUTE'], 'Check that the reader may call api.prediction_accuracy');
SELECT table_privs_are('api', 'model_performance_summary', 'pgpattern_reader', ARRAY['SELECT'],
                       'Check that the reader may read api.model_performance_summary');
SELECT ok((SELECT bool_and(prosecdef) AND count(*) = 4 FROM pg_proc
            WHERE pronamespace = 'api'::regnamespace
              AND proname IN ('model_lineage', 'experiment_leaderboard', 'experiment_convergence', 'prediction_accuracy')),
          'Check that the learning api functions run with their owner''s rights, so the reader needs no rights in learning');
SELECT schema_privs_are('learning', 'pgpattern_reader', ARRAY[]::text[], 'Check that the reader has no rights in the learning schema');

SELECT * FROM finish();
ROLLBACK;
