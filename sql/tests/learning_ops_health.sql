-- Health: system health checks and their recorded results, data-quality checks
-- (completeness, value range, freshness, duplicates), performance anomalies by robust
-- z-score, the analytics views and the api surface of the learning operations.
BEGIN;
SELECT plan(26);

-- System health checks.
CREATE TEMP TABLE h AS SELECT * FROM ops.run_health_checks(true);
SELECT results_eq($$SELECT check_name FROM h ORDER BY 1$$,
                  $$VALUES ('database_connections'), ('learning_events_lag'), ('model_prediction_accuracy'), ('partitions'), ('scheduled_jobs')$$,
                  'Check that every enabled health check ran');
SELECT is((SELECT count(*) FROM ops.health_check_results r JOIN h USING (result_id)), 5::bigint, 'Check that each result was recorded');
SELECT is((SELECT status FROM h WHERE check_name = 'learning_events_lag'), 'warn', 'Check that no recent learning event is a warning');
SELECT is((SELECT count(*) FROM ops.run_health_checks()), 0::bigint, 'Check that checks that just ran are not due again');
INSERT INTO core.projects (name) VALUES ('ops-health');
INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp, processing_time_ms, source_system, entity_type, entity_id)
SELECT project_id, 'model_prediction', '{}', now() - interval '10 seconds', 40, 'tests', 'model', 'm1' FROM core.projects WHERE name = 'ops-health';
SELECT is((SELECT status FROM ops.run_health_checks(true) WHERE check_name = 'learning_events_lag'), 'ok',
          'Check that a learning event ten seconds old is healthy');
INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp)
SELECT project_id, 'model_prediction', '{}', '2051-07-01' FROM core.projects WHERE name = 'ops-health';
SELECT ok((SELECT status = 'warn' AND detail LIKE '%default partition of learning.learning_events%' FROM ops.run_health_checks(true) WHERE check_name = 'partitions'),
          'Check that a row waiting in a default partition is a warning');
INSERT INTO ops.system_health_checks (check_name, check_category, check_function, description)
VALUES ('broken', 'database', 'ops.no_such_check', 'a check whose function is missing');
SELECT ok((SELECT status = 'fail' AND detail LIKE '%does not exist%' FROM ops.run_health_checks(true) WHERE check_name = 'broken'),
          'Check that a check that cannot run is recorded as failed with the reason');
SELECT is((SELECT last_status FROM ops.system_health_checks WHERE check_name = 'broken'), 'fail', 'Check that the check keeps its last status');
SELECT is((SELECT status FROM api.health_check_status WHERE check_name = 'broken'), 'fail', 'Check that the api shows the latest result per check');
SELECT throws_ok($$SELECT * FROM ops.check_database_connections('{"warn_ratio": "high"}')$$, '22023', NULL,
                 'Check that a threshold that is not a number is refused');

-- Data-quality checks over the events from a day ago on (the one of 2051 included).
INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp, processing_time_ms, source_system, entity_type, entity_id)
SELECT project_id, 'model_prediction', '{}', now() - interval '10 seconds', t, s, 'model', 'm1'
  FROM core.projects, (VALUES (700000, 'tests'), (900000, NULL), (5, 'tests')) v(t, s) WHERE name = 'ops-health';
CREATE TEMP TABLE q AS SELECT * FROM ops.run_data_quality_checks();
SELECT results_eq($$SELECT check_name, rows_checked, rows_failed, quality_score, status FROM q ORDER BY check_name$$,
                  $$VALUES ('learning_events_duplicates', 5::bigint, 3::bigint, 40.00, 'failed'),
                           ('learning_events_processing_time_range', 5::bigint, 2::bigint, 60.00, 'failed'),
                           ('learning_events_source_completeness', 5::bigint, 2::bigint, 60.00, 'failed'),
                           ('system_performance_metrics_freshness', 0::bigint, 1::bigint, 0.00, 'failed')$$,
                  'Check the scores of duplicates, value range, completeness and freshness');
INSERT INTO learning.system_performance_metrics (metric_name, value) VALUES ('probe', 1);
SELECT results_eq($$SELECT status, quality_score FROM ops.run_data_quality_checks('system_performance_metrics_freshness')$$,
                  $$VALUES ('passed', 100.00)$$, 'Check that a fresh metric passes the freshness check');
SELECT is((SELECT status FROM api.data_quality_status WHERE check_name = 'system_performance_metrics_freshness'), 'passed',
          'Check that the api shows the latest data-quality result');
SELECT throws_ok($$INSERT INTO ops.data_quality_checks (check_name, schema_name, table_name, check_type, column_names, description) VALUES ('x', 'learning', 'learning_events', 'completeness', '{no_column}', 'x')$$,
                 '42703', NULL, 'Check that a check on a missing column is refused');
SELECT throws_ok($$INSERT INTO ops.data_quality_checks (check_name, schema_name, table_name, check_type, column_names, min_value, description) VALUES ('x', 'learning', 'learning_events', 'value_range', '{event_type}', 0, 'x')$$,
                 '42804', NULL, 'Check that a value range over a text column is refused');
SELECT throws_ok($$INSERT INTO ops.data_quality_checks (check_name, schema_name, table_name, check_type, column_names, description) VALUES ('x', 'learning', 'learning_events', 'freshness', '{event_timestamp}', 'x')$$,
                 '23514', NULL, 'Check that a freshness check without max_age is refused');

-- Performance anomalies: a week of a steady metric, then a jump in the last hour.
INSERT INTO learning.system_performance_metrics (metric_name, source_component, value, metric_timestamp)
SELECT 'api_latency_ms', 'api', 100 + (i % 5), now() - interval '1 hour' - i * interval '10 minutes' FROM generate_series(1, 1000) i;
INSERT INTO learning.system_performance_metrics (metric_name, source_component, value, metric_timestamp)
SELECT 'queue_depth', 'worker', 10 + (i % 3), now() - interval '1 hour' - i * interval '10 minutes' FROM generate_series(1, 1000) i;
INSERT INTO learning.system_performance_metrics (metric_name, source_component, value, metric_timestamp)
SELECT 'api_latency_ms', 'api', 130, now() - i * interval '10 minutes' FROM generate_series(0, 5) i;
INSERT INTO learning.system_performance_metrics (metric_name, source_component, value, metric_timestamp)
SELECT 'queue_depth', 'worker', 11, now() - i * interval '10 minutes' FROM generate_series(0, 5) i;
CREATE TEMP TABLE a AS SELECT * FROM ops.detect_performance_anomalies();
SELECT results_eq($$SELECT metric_name, source_component, recent_samples, recent_median, baseline_samples, baseline_median, baseline_mad, direction FROM a$$,
                  $$VALUES ('api_latency_ms', 'api', 5::bigint, 130::double precision, 1000::bigint, 102::double precision, 1::double precision, 'above')$$,
                  'Check that only the metric that left its baseline is reported, with its medians and MAD');
SELECT ok((SELECT abs(robust_z - 0.6745 * 28) < 1e-9 FROM a), 'Check that the robust z-score is 0.6745 (median shift) / MAD');
SELECT is((SELECT count(*) FROM ops.detect_performance_anomalies(p_threshold => 20)), 0::bigint,
          'Check that a higher threshold reports nothing');
SELECT is((SELECT count(*) FROM ops.detect_performance_anomalies(p_min_baseline_samples => 2000)), 0::bigint,
          'Check that a metric with too short a baseline is not judged');
SELECT is((SELECT count(*) FROM api.performance_anomalies()), 1::bigint, 'Check that the api reports the anomaly');
SELECT throws_ok($$SELECT * FROM ops.detect_performance_anomalies(interval '0')$$, '22023', NULL, 'Check that an empty recent window is refused');

-- Analytics.
REFRESH MATERIALIZED VIEW learning.daily_learning_metrics;
SELECT ok((SELECT event_count = 3 AND abs(p95_processing_time - (40 + 0.9 * (700000 - 40))) < 1e-6
             FROM api.daily_learning_metrics d JOIN core.projects p USING (project_id)
            WHERE p.name = 'ops-health' AND d.date = (now() AT TIME ZONE 'UTC')::date AND source_system = 'tests'),
          'Check the daily event count and p95 processing time (interpolated, as percentile_cont)');
REFRESH MATERIALIZED VIEW learning.hourly_performance_summary;
SELECT ok((SELECT sum(sample_count) = 1006 FROM api.hourly_performance_summary WHERE metric_name = 'api_latency_ms'),
          'Check that the hourly summary covers the last 14 days of samples');
SELECT results_eq($$SELECT component, events_last_hour FROM api.system_health_dashboard ORDER BY 1$$,
                  $$VALUES ('Learning Events', 4::bigint), ('Pattern Detection', 0::bigint), ('Performance Metrics', 13::bigint)$$,
                  'Check the system health dashboard''s counts of the last hour');
SELECT ok(has_function_privilege('pgpattern_reader', 'api.performance_anomalies(interval, interval, double precision)', 'EXECUTE')
          AND has_table_privilege('pgpattern_reader', 'api.system_health_dashboard', 'SELECT')
          AND NOT has_table_privilege('pgpattern_reader', 'ops.health_check_results', 'SELECT'),
          'Check that the reader sees health through the api only');

SELECT * FROM finish();
ROLLBACK;
