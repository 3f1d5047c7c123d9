-- learning.predictions: accuracy computed from the outcome (numeric, categorical,
-- interval), the outcome recorded once, the lifecycle, expiry.
BEGIN;
SELECT plan(28);

-- The accuracy rules, directly.
SELECT is(learning.prediction_accuracy('numeric', '8', '10'), 0.8000, 'Check that numeric accuracy is 1 - relative error');
SELECT is(learning.prediction_accuracy('numeric', '12', '10'), 0.8000, 'Check that over- and under-prediction count alike');
SELECT is(learning.prediction_accuracy('numeric', '35', '10'), 0.0000, 'Check that numeric accuracy is clipped at 0');
SELECT is(learning.prediction_accuracy('numeric', '-5', '-10'), 0.5000, 'Check that negative values use the absolute actual');
SELECT is(learning.prediction_accuracy('numeric', '0', '0'), 1::numeric, 'Check that predicting an actual 0 exactly scores 1');
SELECT is(learning.prediction_accuracy('numeric', '0.1', '0'), 0::numeric, 'Check that missing an actual 0 scores 0');
SELECT is(learning.prediction_accuracy('categorical', '"high"', '"high"'), 1::numeric, 'Check that a categorical exact match scores 1');
SELECT is(learning.prediction_accuracy('categorical', '"high"', '"High"'), 0::numeric, 'Check that a categorical near miss scores 0');
SELECT is(learning.prediction_accuracy('interval', '{"lower": 10, "upper": 20}', '20'), 1::numeric, 'Check that an outcome on an interval bound scores 1');
SELECT is(learning.prediction_accuracy('interval', '{"lower": 10, "upper": 20}', '25'), 0.8000, 'Check that above an interval the upper bound is scored as a numeric prediction');
SELECT is(learning.prediction_accuracy('interval', '{"lower": 10, "upper": 20}', '8'), 0.7500, 'Check that below an interval the lower bound is scored as a numeric prediction');
SELECT throws_ok($$SELECT learning.prediction_accuracy('numeric', '8', '"ten"')$$,
                 '22023', 'actual_outcome of a numeric prediction must be a JSON number, not "ten"',
                 'Check that a non-numeric outcome of a numeric prediction is refused with its value');

INSERT INTO core.projects (name) VALUES ('learning-predictions');
INSERT INTO learning.ml_models (project_id, name, version, model_type, status)
SELECT project_id, 'bugs', 'v1', 'prediction', 'active' FROM core.projects WHERE name = 'learning-predictions';
CREATE TEMP VIEW m AS SELECT project_id, model_id FROM learning.ml_models WHERE name = 'bugs';
INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value, prediction_horizon, prediction_timestamp, target_entity_id)
SELECT project_id, model_id, 'bug_likelihood', kind, value::jsonb, horizon::interval, now() - interval '2 days', name
  FROM m, (VALUES ('n', 'numeric', '8', '7 days'), ('c', 'categorical', '"high"', '7 days'),
                  ('i', 'interval', '{"lower": 10, "upper": 20}', '7 days'), ('old', 'numeric', '1', '1 day'),
                  ('forever', 'numeric', '1', NULL)) v(name, kind, value, horizon);

SELECT throws_ok($$INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value) SELECT project_id, model_id, 'bug_likelihood', 'interval', '{"lower": 3, "upper": 2}' FROM m$$,
                 '23514', NULL, 'Check that an interval whose lower bound is above its upper is refused');
SELECT throws_ok($$INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value) SELECT project_id, model_id, 'bug_likelihood', 'numeric', '"8"' FROM m$$,
                 '23514', NULL, 'Check that a numeric prediction must be a JSON number');
SELECT throws_ok($$INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value) SELECT project_id, gen_random_uuid(), 'bug_likelihood', 'numeric', '1' FROM m$$,
                 '23503', NULL, 'Check that a prediction of an unknown model is refused');

UPDATE learning.predictions SET actual_outcome = '10' WHERE target_entity_id = 'n';
SELECT results_eq($$SELECT accuracy_score, status, outcome_recorded_at IS NOT NULL FROM learning.predictions WHERE target_entity_id = 'n'$$,
                  $$VALUES (0.8000::numeric(5,4), 'validated', true)$$,
                  'Check that recording the outcome computes accuracy and validates the prediction');
UPDATE learning.predictions SET actual_outcome = '"high"' WHERE target_entity_id = 'c';
UPDATE learning.predictions SET actual_outcome = '25' WHERE target_entity_id = 'i';
SELECT results_eq($$SELECT target_entity_id, accuracy_score FROM learning.predictions WHERE target_entity_id IN ('c', 'i') ORDER BY 1$$,
                  $$VALUES ('c', 1.0000::numeric(5,4)), ('i', 0.8000)$$,
                  'Check that categorical and interval outcomes are scored by their rules');
SELECT throws_ok($$UPDATE learning.predictions SET actual_outcome = '11' WHERE target_entity_id = 'n'$$,
                 '55000', NULL, 'Check that an outcome recorded twice is refused');
SELECT is((SELECT actual_outcome FROM learning.predictions WHERE target_entity_id = 'n'), '10'::jsonb,
          'Check that the refused second outcome left the first');
SELECT throws_ok($$UPDATE learning.predictions SET accuracy_score = 1 WHERE target_entity_id = 'n'$$,
                 '428C9', NULL, 'Check that accuracy_score cannot be written directly');
SELECT throws_ok($$UPDATE learning.predictions SET predicted_value = '10' WHERE target_entity_id = 'forever'$$,
                 '55000', NULL, 'Check that what was predicted cannot change');
SELECT throws_ok($$UPDATE learning.predictions SET status = 'validated' WHERE target_entity_id = 'forever'$$,
                 '23514', NULL, 'Check that a prediction cannot be validated without an outcome');
SELECT throws_ok($$UPDATE learning.predictions SET status = 'active' WHERE target_entity_id = 'n'$$,
                 '23514', 'predictions.status cannot change from validated to active',
                 'Check that a validated prediction cannot become active again');

-- Expiry: only active predictions past their horizon.
SELECT is(learning.expire_predictions(), 1::bigint, 'Check that one prediction is past its horizon without an outcome');
SELECT results_eq($$SELECT target_entity_id, status FROM learning.predictions ORDER BY 1$$,
                  $$VALUES ('c', 'validated'), ('forever', 'active'), ('i', 'validated'), ('n', 'validated'), ('old', 'expired')$$,
                  'Check that only the prediction past its horizon expired');
SELECT throws_ok($$UPDATE learning.predictions SET actual_outcome = '1' WHERE target_entity_id = 'old'$$,
                 '55000', NULL, 'Check that an expired prediction takes no outcome');
SELECT lives_ok($$UPDATE learning.predictions SET status = 'invalidated' WHERE target_entity_id = 'n'$$,
                'Check that a validated prediction can be invalidated');
SELECT is(learning.expire_predictions(now() + interval '1 year'), 0::bigint,
          'Check that a prediction without a horizon never expires');

SELECT * FROM finish();
ROLLBACK;
