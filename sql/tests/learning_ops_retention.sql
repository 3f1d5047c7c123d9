-- Retention: the policies, whole partitions dropped / archived / summarized with the rows
-- that reference them, unpartitioned tables by one DELETE, the run log, failures isolated.
BEGIN;
SELECT plan(21);

SELECT results_eq($$SELECT format('%s.%s', schema_name, table_name) COLLATE "default", retention_period, strategy FROM ops.data_retention_policies ORDER BY 1$$,
                  $$VALUES ('learning.learning_events', interval '2 years', 'archive'), ('learning.pattern_occurrences', interval '2 years', 'delete'),
                           ('learning.system_performance_metrics', interval '90 days', 'summarize'),
                           ('ops.data_quality_results', interval '90 days', 'delete'), ('ops.health_check_results', interval '30 days', 'delete'),
                           ('ops.retention_runs', interval '1 year', 'delete'), ('workflow.patterns', interval '90 days', 'delete')$$,
                  'Check the retention policies, the workflow store''s among them');
SELECT throws_ok($$INSERT INTO ops.data_retention_policies (schema_name, table_name, retention_period, strategy) VALUES ('learning', 'x', '1 day', 'summarize')$$,
                 '23514', NULL, 'Check that summarize without a summary function is refused');
SELECT throws_ok($$INSERT INTO ops.data_retention_policies (schema_name, table_name, retention_period, strategy) VALUES ('learning', 'x', '1 day', 'compress')$$,
                 '23514', NULL, 'Check that an unknown strategy is refused');

-- Three years of monthly events with links, metrics of a few recent and a few old days, old workflow patterns.
INSERT INTO core.projects (name) VALUES ('ops-retention');
INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp)
SELECT project_id, 'model_prediction', '{}', now() - m * interval '1 month'
  FROM core.projects, generate_series(0, 35) m WHERE name = 'ops-retention';
INSERT INTO learning.git_operation_learning_events (project_id, git_operation_id, learning_event_id, operation_type)
SELECT project_id, 'op-' || event_id, event_id, 'merge' FROM learning.learning_events;
INSERT INTO learning.system_performance_metrics (metric_name, metric_category, value, unit, metric_timestamp)
SELECT 'api_latency', 'api', d + v, 'ms', date_trunc('day', now()) - d * interval '1 day' + v * interval '1 hour'
  FROM unnest('{1,2,3,95,96,97,98,99,100}'::int[]) d, generate_series(0, 3) v;
INSERT INTO workflow.patterns (pattern_id, pattern_type, occurred_at, data)
SELECT id, 'agent_usage', now() - age, '{"agent_type": "code-backend", "task_type": "testing", "success": true, "duration_ms": 10}'
  FROM (VALUES ('old', interval '100 days'), ('new', interval '10 days')) v(id, age);
SELECT ok((SELECT bool_and(rows_drained > 0 OR table_name <> 'learning.learning_events') FROM ops.run_partition_maintenance()),
          'Check that maintenance made the partitions of the back-dated rows');

CREATE TEMP TABLE old_events AS
SELECT count(*) AS n, array_agg(DISTINCT 'learning_events_p' || to_char(event_timestamp AT TIME ZONE 'UTC', 'YYYY"m"MM')) AS parts
  FROM learning.learning_events
 WHERE date_trunc('month', event_timestamp AT TIME ZONE 'UTC') + interval '1 month' <= (now() - interval '2 years') AT TIME ZONE 'UTC';
CREATE TEMP TABLE runs AS SELECT * FROM ops.apply_retention();

SELECT results_eq($$SELECT format('%s.%s', schema_name, table_name) COLLATE "default", status FROM runs ORDER BY 1$$,
                  $$VALUES ('learning.learning_events', 'ok'), ('learning.pattern_occurrences', 'ok'), ('learning.system_performance_metrics', 'ok'),
                           ('ops.data_quality_results', 'ok'), ('ops.health_check_results', 'ok'), ('ops.retention_runs', 'ok'),
                           ('workflow.patterns', 'ok')$$,
                  'Check that every policy ran and was logged');
SELECT is((SELECT rows_removed FROM runs WHERE table_name = 'learning_events'), (SELECT n FROM old_events),
          'Check that the events of the months entirely past two years left the table');
SELECT is((SELECT partitions_removed FROM runs WHERE table_name = 'learning_events')::text[],
          (SELECT ARRAY(SELECT unnest(parts) ORDER BY 1) FROM old_events),
          'Check that whole monthly partitions went, oldest first');
SELECT is((SELECT count(*) FROM learning.learning_events WHERE event_timestamp < now() - interval '2 years' - interval '1 month'), 0::bigint,
          'Check that no event older than the cutoff''s month is left');
SELECT ok((SELECT bool_and(to_regclass('archive.' || p) IS NOT NULL AND to_regclass('learning.' || p) IS NULL) FROM old_events, unnest(parts) p),
          'Check that archive moved the partitions into the archive schema');
SELECT is((SELECT count(*) FROM archive.git_operation_learning_events), (SELECT n FROM old_events),
          'Check that the links of archived events went to the archive too');
SELECT is((SELECT dependent_rows_removed FROM runs WHERE table_name = 'learning_events'), (SELECT n FROM old_events),
          'Check that the log counts the links that went with them');
SELECT is((SELECT count(*) FROM learning.git_operation_learning_events), 36 - (SELECT n FROM old_events),
          'Check that the links of kept events stay');

SELECT is((SELECT count(*) FROM learning.system_performance_metrics WHERE metric_timestamp < date_trunc('day', now() - interval '90 days')),
          0::bigint, 'Check that metrics of days entirely past 90 days left the table');
SELECT is((SELECT rows_summarized FROM runs WHERE table_name = 'system_performance_metrics'),
          (SELECT rows_removed FROM runs WHERE table_name = 'system_performance_metrics'),
          'Check that every removed metric was summarized first');
SELECT is((SELECT sum(sample_count) FROM learning.system_performance_metrics_daily)::bigint,
          (SELECT rows_removed FROM runs WHERE table_name = 'system_performance_metrics'),
          'Check that the daily aggregate counts every summarized sample');
SELECT results_eq($$SELECT sample_count, value_min, value_max, value_sum, value_p50 FROM learning.system_performance_metrics_daily WHERE day = (now() AT TIME ZONE 'UTC')::date - 96$$,
                  $$VALUES (4::bigint, 96::numeric, 99::numeric, 390::numeric, 97.5::numeric)$$,
                  'Check one day''s aggregate: count, min, max, sum and median');
SELECT ok((SELECT cardinality(partitions_removed) = 6 AND NOT EXISTS (SELECT FROM unnest(partitions_removed) p WHERE to_regclass('learning.' || p) IS NOT NULL
                                                                                                           OR to_regclass('archive.' || p) IS NOT NULL)
             FROM runs WHERE table_name = 'system_performance_metrics'),
          'Check that summarized daily partitions were dropped');

SELECT results_eq($$SELECT pattern_id FROM workflow.patterns$$, $$VALUES ('new')$$,
                  'Check that the workflow policy deleted the patterns older than 90 days');
SELECT ok((SELECT bool_and(duration_ms >= 0 AND finished_at >= started_at) FROM runs), 'Check that each run records how long it took');

-- A policy that fails is logged and does not stop the others; a missing table is skipped.
INSERT INTO ops.data_retention_policies (schema_name, table_name, time_column, retention_period, strategy)
VALUES ('learning', 'ml_models', 'no_such_column', '1 day', 'delete'), ('learning', 'not_yet_there', 'x', '1 day', 'delete');
CREATE TEMP TABLE runs2 AS SELECT * FROM ops.apply_retention();
SELECT results_eq($$SELECT table_name::text COLLATE "default", status FROM runs2 WHERE table_name IN ('ml_models', 'not_yet_there', 'patterns') ORDER BY 1$$,
                  $$VALUES ('ml_models', 'failed'), ('not_yet_there', 'skipped'), ('patterns', 'ok')$$,
                  'Check that a failing policy is logged as failed, a missing table as skipped, and the others still run');
SELECT throws_ok($$SELECT ops.apply_retention('learning.nothing')$$, '22023', NULL, 'Check that a table without a policy is refused');

SELECT * FROM finish();
ROLLBACK;
