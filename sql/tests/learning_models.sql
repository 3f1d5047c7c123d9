-- learning.ml_models, training_datasets, model_training_sessions: keys, ranges,
-- lifecycles, one active version per name, lineage, the loss history.
BEGIN;
SELECT plan(33);

SELECT col_is_pk('learning', 'ml_models', ARRAY['project_id', 'model_id'], 'Check that models are keyed by project first');
SELECT fk_ok('learning', 'ml_models', ARRAY['project_id', 'parent_model_id'], 'learning', 'ml_models', ARRAY['project_id', 'model_id'],
             'Check that a parent model is a model of the same project');
SELECT fk_ok('learning', 'model_training_sessions', ARRAY['project_id', 'dataset_id'],
             'learning', 'training_datasets', ARRAY['project_id', 'dataset_id'], 'Check that a training session uses a dataset of its project');

INSERT INTO core.projects (name) VALUES ('learning-models'), ('other');
CREATE TEMP VIEW p AS SELECT project_id FROM core.projects WHERE name = 'learning-models';
INSERT INTO learning.ml_models (project_id, name, version, model_type)
SELECT project_id, 'ranker', 'v1', 'prediction' FROM p;
CREATE TEMP VIEW v1 AS SELECT project_id, model_id FROM learning.ml_models JOIN p USING (project_id) WHERE name = 'ranker' AND version = 'v1';

SELECT is((SELECT status FROM learning.ml_models), 'training', 'Check that a new model is training');
SELECT throws_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type) SELECT project_id, 'ranker', 'v1', 'prediction' FROM p$$,
                 '23505', NULL, 'Check that a second ranker v1 is refused');
SELECT lives_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type) SELECT project_id, 'ranker', 'v1', 'prediction' FROM core.projects WHERE name = 'other'$$,
                'Check that another project may have its own ranker v1');
SELECT throws_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type) SELECT project_id, 'x', 'v1', 'clustering' FROM p$$,
                 '23514', NULL, 'Check that an unknown model_type is refused');
SELECT throws_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type, status) SELECT project_id, 'x', 'v1', 'prediction', 'archived' FROM p$$,
                 '23514', 'ml_models.status cannot start as archived', 'Check that a model cannot start archived');
SELECT throws_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id) SELECT project_id, 'x', 'v1', 'prediction', gen_random_uuid() FROM p$$,
                 '23503', NULL, 'Check that an unknown parent model is refused');
SELECT throws_ok($$INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id)
                   SELECT o.project_id, 'x', 'v1', 'prediction', v1.model_id FROM core.projects o, v1 WHERE o.name = 'other'$$,
                 '23503', NULL, 'Check that a parent model from another project is refused');

-- Lifecycle: training -> active -> deprecated -> archived, and one active version per name.
INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id)
SELECT project_id, 'ranker', 'v2', 'prediction', model_id FROM v1;
UPDATE learning.ml_models SET status = 'active' WHERE version = 'v1' AND project_id = (SELECT project_id FROM p);
SELECT throws_ok($$UPDATE learning.ml_models SET status = 'active' WHERE version = 'v2'$$,
                 '23505', 'ml_models: model ranker already has an active version v1, so version v2 cannot be active too',
                 'Check that a second active version of a name is refused, naming both versions');
SELECT throws_ok($$UPDATE learning.ml_models SET status = 'archived' WHERE version = 'v1' AND project_id = (SELECT project_id FROM p)$$,
                 '23514', 'ml_models.status cannot change from active to archived',
                 'Check that an active model cannot skip deprecation');
SELECT throws_ok($$UPDATE learning.ml_models SET status = 'training' WHERE version = 'v1' AND project_id = (SELECT project_id FROM p)$$,
                 '23514', 'ml_models.status cannot change from active to training',
                 'Check that a model cannot go back to training');
SELECT lives_ok($$SELECT learning.activate_model(project_id, model_id) FROM learning.ml_models WHERE version = 'v2'$$,
                'Check that activate_model switches the active version');
SELECT results_eq($$SELECT version, status FROM learning.ml_models WHERE project_id = (SELECT project_id FROM p) ORDER BY version$$,
                  $$VALUES ('v1', 'deprecated'), ('v2', 'active')$$,
                  'Check that the previous active version was deprecated and the new one activated');
SELECT throws_ok($$SELECT learning.activate_model(project_id, model_id) FROM v1$$,
                 '23514', 'ml_models.status cannot change from deprecated to active',
                 'Check that activate_model follows the lifecycle');
SELECT is((SELECT status FROM learning.ml_models WHERE version = 'v2' AND project_id = (SELECT project_id FROM p)), 'active',
          'Check that a refused activation left the active version as it was');
SELECT throws_ok($$UPDATE learning.ml_models SET parent_model_id = NULL WHERE version = 'v2'$$,
                 '23514', NULL, 'Check that lineage cannot change after creation');

-- Datasets.
SELECT throws_ok($$INSERT INTO learning.training_datasets (project_id, name, version, dataset_type, quality_score) SELECT project_id, 'd', '1', 'code_patterns', 1.5 FROM p$$,
                 '23514', NULL, 'Check that a quality_score above 1 is refused');
SELECT throws_ok($$INSERT INTO learning.training_datasets (project_id, name, version, dataset_type, record_count) SELECT project_id, 'd', '1', 'code_patterns', -1 FROM p$$,
                 '23514', NULL, 'Check that a negative record_count is refused');
INSERT INTO learning.training_datasets (project_id, name, version, dataset_type, quality_score)
SELECT project_id, 'commits', '2026-11', 'code_patterns', 0.9 FROM p;

-- Training sessions.
INSERT INTO learning.model_training_sessions (project_id, model_id, dataset_id, total_epochs)
SELECT v1.project_id, v1.model_id, d.dataset_id, 4 FROM v1 JOIN learning.training_datasets d USING (project_id);
CREATE TEMP VIEW s AS SELECT project_id, training_session_id FROM learning.model_training_sessions;
SELECT throws_ok($$UPDATE learning.model_training_sessions SET progress_percentage = 100.5$$,
                 '23514', NULL, 'Check that progress above 100 is refused');
SELECT throws_ok($$UPDATE learning.model_training_sessions SET current_epoch = 5$$,
                 '23514', NULL, 'Check that current_epoch beyond total_epochs is refused');
SELECT throws_ok($$INSERT INTO learning.model_training_sessions (project_id, model_id, dataset_id) SELECT project_id, model_id, gen_random_uuid() FROM v1$$,
                 '23503', NULL, 'Check that a session on an unknown dataset is refused');
SELECT is((SELECT (learning.append_training_loss(project_id, training_session_id, 0.9)).current_epoch FROM s), 1,
          'Check that appending a loss without an epoch moves to the next epoch');
SELECT is((SELECT (learning.append_training_loss(project_id, training_session_id, 0.5, 3)).progress_percentage FROM s), 75.00,
          'Check that progress follows epoch / total_epochs');
SELECT is((SELECT jsonb_path_query_array(loss_history, '$[*].loss') FROM learning.model_training_sessions), '[0.9, 0.5]'::jsonb,
          'Check that the loss history holds the losses in order');
SELECT throws_ok($$SELECT learning.append_training_loss(project_id, training_session_id, 0.4, 3) FROM s$$,
                 '22023', 'p_epoch must be after the current epoch 3 and at most total_epochs 4, not 3',
                 'Check that an epoch already done is refused');
SELECT throws_ok($$SELECT learning.append_training_loss(project_id, training_session_id, 'NaN') FROM s$$,
                 '22023', 'p_loss must be a finite number, not NaN', 'Check that a NaN loss is refused');
SELECT is((SELECT training_end FROM learning.model_training_sessions), NULL, 'Check that a running session has no end time');
UPDATE learning.model_training_sessions SET status = 'completed';
SELECT ok((SELECT training_end IS NOT NULL AND progress_percentage = 100 FROM learning.model_training_sessions),
          'Check that completing a session sets its end time and full progress');
SELECT throws_ok($$UPDATE learning.model_training_sessions SET status = 'failed'$$,
                 '23514', 'model_training_sessions.status cannot change from completed to failed',
                 'Check that a finished session cannot change status');
SELECT throws_ok($$SELECT learning.append_training_loss(project_id, training_session_id, 0.1) FROM s$$,
                 '55000', NULL, 'Check that no loss is appended to a finished session');
SELECT throws_ok($$SELECT learning.append_training_loss(project_id, gen_random_uuid(), 0.1) FROM p$$,
                 'P0002', NULL, 'Check that an unknown session is named as not found');

SELECT * FROM finish();
ROLLBACK;
