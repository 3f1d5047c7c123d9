-- Partition maintenance: ops.partitioned_tables, partitions ahead with their indexes, the
-- default partition catching stray rows and maintenance draining it (with event links),
-- names the structure dump leaves out, guards.
BEGIN;
SELECT plan(22);

SELECT results_eq($$SELECT format('%s.%s', schema_name, table_name) COLLATE "default", partition_interval, premake FROM ops.partitioned_tables ORDER BY 1$$,
                  $$VALUES ('learning.learning_events', 'month', interval '3 months'),
                           ('learning.pattern_occurrences', 'week', interval '4 weeks'),
                           ('learning.system_performance_metrics', 'day', interval '14 days')$$,
                  'Check that events (monthly), occurrences (weekly) and metrics (daily) are maintained');
SELECT col_is_pk('learning', 'learning_events', ARRAY['project_id', 'event_id', 'event_timestamp'],
                 'Check that the event key includes the partition key');
SELECT col_is_pk('learning', 'system_performance_metrics', ARRAY['metric_id', 'metric_timestamp'],
                 'Check that the metric key includes the partition key');
SELECT ok((SELECT bool_and(to_regclass('learning.learning_events_p' || to_char(now() AT TIME ZONE 'UTC' + m * interval '1 month', 'YYYY"m"MM')) IS NOT NULL)
             FROM generate_series(0, 2) m),
          'Check that this month''s and the next two months'' event partitions exist');
SELECT ok((SELECT bool_and(to_regclass('learning.system_performance_metrics_p' || to_char(now() AT TIME ZONE 'UTC' + d * interval '1 day', 'YYYY"m"MM"d"DD')) IS NOT NULL)
             FROM generate_series(0, 13) d),
          'Check that the metric partitions of today and the next 13 days exist');
SELECT is(ops.partition_name('learning_events', 'month', '2026-03-01'), 'learning_events_p2026m03'::name,
          'Check the monthly partition name');
SELECT is(ops.partition_name('system_performance_metrics', 'day', '2026-03-09'), 'system_performance_metrics_p2026m03d09'::name,
          'Check the daily partition name');
SELECT ok(ops.partition_name('learning_events', 'month', '2026-03-01') LIKE '%\_p2026%',
          'Check that partition names match the pattern sql/structure.sql leaves out (*_pYYYY...)');
SELECT is((SELECT count(*) FROM pg_indexes WHERE schemaname = 'learning'
             AND tablename = 'learning_events_p' || to_char(now() AT TIME ZONE 'UTC', 'YYYY"m"MM')),
          (SELECT count(*) FROM pg_indexes WHERE schemaname = 'learning' AND tablename = 'learning_events'),
          'Check that a partition has every index of its table');

-- Stray rows land in the default partition; maintenance moves them into their month.
INSERT INTO core.projects (name) VALUES ('ops-partitions');
CREATE TEMP VIEW p AS SELECT project_id FROM core.projects WHERE name = 'ops-partitions';
INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp)
SELECT project_id, 'user_feedback', '{"n": 1}', t FROM p, (VALUES (timestamptz '2019-05-03 10:00+00'), ('2019-05-31 23:59+00'), ('2041-01-01 00:00+00')) v(t);
INSERT INTO learning.git_operation_learning_events (project_id, git_operation_id, learning_event_id, operation_type)
SELECT project_id, 'c0ffee', event_id, 'commit' FROM learning.learning_events JOIN p USING (project_id);
INSERT INTO learning.user_session_learning_events (project_id, session_id, user_id, platform, learning_event_id)
SELECT project_id, 's1', 'u1', 'cli', event_id FROM learning.learning_events JOIN p USING (project_id);
SELECT is((SELECT count(*) FROM learning.learning_events_default), 3::bigint, 'Check that an insert outside every partition lands in the default partition');
SELECT is((SELECT count(*) FROM learning.git_operation_learning_events WHERE event_timestamp IS NOT NULL), 3::bigint,
          'Check that a link gets its event''s timestamp from the event');
SELECT throws_ok($$INSERT INTO learning.git_operation_learning_events (project_id, git_operation_id, learning_event_id) SELECT project_id, 'x', gen_random_uuid() FROM p$$,
                 '23503', NULL, 'Check that a link to an unknown event is refused');

CREATE TEMP TABLE run AS SELECT * FROM ops.run_partition_maintenance('learning.learning_events');
SELECT results_eq($$SELECT partitions_created, rows_drained, default_rows_left FROM run$$,
                  $$VALUES (2, 3::bigint, 0::bigint)$$, 'Check that maintenance drains the default partition into two new months');
SELECT results_eq($$SELECT e.tableoid::regclass::text, count(*) FROM learning.learning_events e JOIN p USING (project_id) GROUP BY 1 ORDER BY 1$$,
                  $$VALUES ('learning.learning_events_p2019m05', 2::bigint), ('learning.learning_events_p2041m01', 1::bigint)$$,
                  'Check that the stray rows are in the partitions of their months');
SELECT is((SELECT count(*) FROM learning.git_operation_learning_events l
             JOIN learning.learning_events e ON e.project_id = l.project_id AND e.event_id = l.learning_event_id), 3::bigint,
          'Check that the links still reach their moved events');
SELECT ok((SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'git_operation_learning_events_event_fkey' AND convalidated),
          'Check that the links'' foreign key is back and validated');
SELECT is((SELECT last_result ->> 'rows_drained' FROM ops.partitioned_tables WHERE table_name = 'learning_events'), '3',
          'Check that the table records what its last maintenance did');
SELECT results_eq($$SELECT partitions_created, rows_drained FROM ops.run_partition_maintenance('learning.learning_events')$$,
                  $$VALUES (0, 0::bigint)$$, 'Check that maintenance run again does nothing');
SELECT is(ops.create_partition('learning.learning_events', 'month', '2019-05-01'), NULL,
          'Check that creating a partition that exists does nothing');

SELECT throws_ok($$INSERT INTO ops.partitioned_tables (schema_name, table_name, partition_interval, premake) VALUES ('learning', 'ml_models', 'day', '1 day')$$,
                 '22023', NULL, 'Check that a table not range-partitioned on a timestamptz cannot be registered');
SELECT throws_ok($$SELECT ops.run_partition_maintenance('learning.nothing')$$, '22023', NULL,
                 'Check that maintenance of an unregistered table is refused');
SELECT throws_ok($$SELECT ops.create_partition('learning.learning_events', 'month', '2019-05-02')$$, '22023', NULL,
                 'Check that a period start that does not begin a month is refused');

SELECT * FROM finish();
ROLLBACK;
