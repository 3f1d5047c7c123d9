-- workflow.patterns: validation of the four pattern types, their context and the
-- root document (the schema cases of seed 002), then save, load, query, batch save,
-- retention (its storage cases) and the api views over them.
BEGIN;
SELECT plan(69);

-- A valid document of a type, with p_change merged into its data (a key set to null removes it).
CREATE FUNCTION pg_temp.doc(p_type text, p_change jsonb DEFAULT '{}', p_root jsonb DEFAULT '{}')
RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object(
        'pattern_id', 'p-' || p_type, 'pattern_type', p_type, 'timestamp', '2025-11-29T10:00:00Z',
        'data', jsonb_strip_nulls(CASE p_type
            WHEN 'task_completion' THEN '{"task_type": "code_generation", "agent": "expert-backend", "duration_ms": 2500, "success": true}'
            WHEN 'error_occurrence' THEN '{"error_type": "TypeError", "error_message": "x is undefined"}'
            WHEN 'agent_usage' THEN '{"agent_type": "code-backend", "task_type": "testing", "success": false, "duration_ms": 10}'
            ELSE '{"original_output": "a", "corrected_output": "b", "correction_type": "logic", "agent": "expert-backend"}'
        END::jsonb || p_change),
        'context', '{"project_name": "moai", "environment": "development", "tags": ["backend"]}'::jsonb) || p_root
$$;
CREATE FUNCTION pg_temp.check(p_pattern jsonb) RETURNS text LANGUAGE sql AS $$
    SELECT format('SELECT workflow.validate_pattern(%L::jsonb)', p_pattern)
$$;

-- Task completion.
SELECT lives_ok(pg_temp.check(pg_temp.doc('task_completion')), 'Check that a task completion with its required fields is valid');
SELECT lives_ok(pg_temp.check(pg_temp.doc('task_completion', '{"files_created": 2, "files_modified": 3, "tests_passed": 10, "tests_failed": 0, "lines_of_code": 120, "coverage_percent": 87.5, "error_message": null, "retry_count": 1}')),
                'Check that a task completion with every optional field is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"agent": null}')), '23502',
                 'workflow pattern field data.agent is required but missing', 'Check that a task completion needs an agent');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"duration_ms": -1}')), '22003',
                 'workflow pattern field data.duration_ms must be >= 0, not -1', 'Check that a negative duration is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"duration_ms": "fast"}')), '22023',
                 'workflow pattern field data.duration_ms must be of type integer, not "fast"', 'Check that a duration must be a number');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"duration_ms": 2.5}')), '22023',
                 'workflow pattern field data.duration_ms must be of type integer, not 2.5', 'Check that a duration must be whole milliseconds');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"success": "yes"}')), '22023',
                 'workflow pattern field data.success must be of type boolean, not "yes"', 'Check that success must be a boolean');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"coverage_percent": 100.5}')), '22003',
                 'workflow pattern field data.coverage_percent must be <= 100, not 100.5', 'Check that coverage above 100 is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"coverage_percent": -0.1}')), '22003',
                 'workflow pattern field data.coverage_percent must be >= 0, not -0.1', 'Check that negative coverage is refused');
SELECT lives_ok(pg_temp.check(pg_temp.doc('task_completion', '{"coverage_percent": 100}')), 'Check that coverage of exactly 100 is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{"task_type": "  "}')), '22023',
                 'workflow pattern field data.task_type must not be blank, not "  "', 'Check that a required text field must not be blank');

-- Error occurrence.
SELECT lives_ok(pg_temp.check(pg_temp.doc('error_occurrence', '{"stack_trace": "...", "file_path": "a.py", "line_number": 0, "resolution_time_ms": 5, "auto_resolved": true, "severity": "critical"}')),
                'Check that an error occurrence with optional fields is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('error_occurrence', '{"error_message": null}')), '23502',
                 'workflow pattern field data.error_message is required but missing', 'Check that an error occurrence needs a message');
SELECT throws_ok(pg_temp.check(pg_temp.doc('error_occurrence', '{"line_number": -3}')), '22003',
                 'workflow pattern field data.line_number must be >= 0, not -3', 'Check that a negative line number is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('error_occurrence', '{"severity": "fatal"}')), '22023',
                 'workflow pattern field data.severity must be one of minor | moderate | critical, not "fatal"', 'Check that an unknown error severity is refused');

-- Agent usage.
SELECT lives_ok(pg_temp.check(pg_temp.doc('agent_usage', '{"tools_used": ["Read", "Edit"], "tokens_used": 900, "memory_mb": 12.5, "cpu_percent": 180}')),
                'Check that an agent usage with its tools is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('agent_usage', '{"agent_type": null}')), '23502',
                 'workflow pattern field data.agent_type is required but missing', 'Check that an agent usage needs an agent type');
SELECT throws_ok(pg_temp.check(pg_temp.doc('agent_usage', '{"tools_used": "Read"}')), '22023',
                 'workflow pattern field data.tools_used must be of type string[], not "Read"', 'Check that tools_used must be a list');
SELECT throws_ok(pg_temp.check(pg_temp.doc('agent_usage', '{"tools_used": ["Read", 7]}')), '22023',
                 'workflow pattern field data.tools_used must be of type string[], not ["Read", 7]', 'Check that tools_used must hold strings only');

-- User correction.
SELECT lives_ok(pg_temp.check(pg_temp.doc('user_correction', '{"severity": "moderate", "user_feedback": "off by one"}')),
                'Check that a user correction with a severity is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('user_correction', '{"corrected_output": null}')), '23502',
                 'workflow pattern field data.corrected_output is required but missing', 'Check that a user correction needs the corrected output');
SELECT throws_ok(pg_temp.check(pg_temp.doc('user_correction', '{"severity": "severe"}')), '22023',
                 'workflow pattern field data.severity must be one of minor | moderate | critical, not "severe"', 'Check that an unknown correction severity is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('user_correction', '{"agent": 42}')), '22023',
                 'workflow pattern field data.agent must be of type string, not 42', 'Check that a correction''s agent must be text');

-- Context.
SELECT lives_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"project_name": "p", "session_id": "s", "user_id": null, "environment": "production", "git_branch": "main", "git_commit": "abc", "timestamp": "2025-11-29T10:00:00+02:00", "tags": [], "metadata": {"k": 1}}}')),
                'Check that a context with every field is valid');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"environment": "prod"}}')), '22023',
                 'workflow pattern field context.environment must be one of development | staging | production, not "prod"', 'Check that an unknown environment is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"tags": "a,b"}}')), '22023',
                 'workflow pattern field context.tags must be of type string[], not "a,b"', 'Check that tags must be a list');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"tags": ["a", true]}}')), '22023',
                 'workflow pattern field context.tags must be of type string[], not ["a", true]', 'Check that tags must be strings');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"timestamp": "yesterday"}}')), '22007',
                 'workflow pattern field context.timestamp must be an ISO 8601 timestamp, not "yesterday"', 'Check that a context timestamp must be ISO 8601');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": {"metadata": [1]}}')), '22023',
                 'workflow pattern field context.metadata must be of type object, not [1]', 'Check that metadata must be an object');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"context": "dev"}')), '22023',
                 'workflow pattern field context must be of type object, not "dev"', 'Check that a context must be an object');

-- The root document.
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion') - 'pattern_id'), '23502',
                 'workflow pattern field pattern_id is required but missing', 'Check that a pattern needs an id');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"pattern_type": "deployment"}')), '22023',
                 'workflow pattern field pattern_type must be one of task_completion | error_occurrence | agent_usage | user_correction, not "deployment"',
                 'Check that an unknown pattern type is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"timestamp": "29/11/2025"}')), '22007',
                 'workflow pattern field timestamp must be an ISO 8601 timestamp, not "29/11/2025"', 'Check that a non-ISO timestamp is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"timestamp": "2025-02-30T10:00:00"}')), '22007',
                 'workflow pattern field timestamp must be an ISO 8601 timestamp, not "2025-02-30T10:00:00"', 'Check that an impossible date is refused');
SELECT throws_ok(pg_temp.check(pg_temp.doc('task_completion', '{}', '{"data": "done"}')), '22023',
                 'workflow pattern field data must be of type object, not "done"', 'Check that data must be an object');
SELECT throws_ok(pg_temp.check('[1, 2]'), '22023', 'a workflow pattern must be a JSON object, not [1, 2]',
                 'Check that a pattern must be a JSON object');
SELECT is(ARRAY[workflow.parse_timestamp('2025-11-29T10:00:00'), workflow.parse_timestamp('2025-11-29T12:00:00+02:00'),
                workflow.parse_timestamp('2025-11-29 10:00:00.000Z'), workflow.parse_timestamp('2025-11-29')],
          ARRAY['2025-11-29 10:00:00+00', '2025-11-29 10:00:00+00', '2025-11-29 10:00:00+00', '2025-11-29 00:00:00+00']::timestamptz[],
          'Check that ISO 8601 timestamps are read with their offset, and as UTC without one');

-- Save and load.
SELECT is(workflow.save_pattern(pg_temp.doc('task_completion', '{"custom": "kept"}')), 'inserted', 'Check that a new pattern is inserted');
SELECT is(workflow.load_pattern('p-task_completion'),
          pg_temp.doc('task_completion', '{"custom": "kept"}', '{"timestamp": "2025-11-29T10:00:00.000000Z", "version": "1.0"}'),
          'Check that a loaded pattern equals the saved one, unknown data fields included');
SELECT is(workflow.save_pattern(pg_temp.doc('task_completion', '{"custom": "kept"}')), 'unchanged', 'Check that saving the same pattern again changes nothing');
SELECT is(workflow.save_pattern(pg_temp.doc('task_completion', '{"duration_ms": 3000}')), 'updated', 'Check that saving a changed pattern updates it');
SELECT is((SELECT count(*) FROM workflow.patterns), 1::bigint, 'Check that an upsert keeps one row per pattern_id');
SELECT is(workflow.load_pattern('p-task_completion') #>> '{data,duration_ms}', '3000', 'Check that the update is what is loaded');
SELECT is(workflow.load_pattern('no-such-pattern'), NULL, 'Check that loading an unknown id gives NULL');
SELECT throws_ok($$SELECT workflow.save_pattern(pg_temp.doc('task_completion', '{"duration_ms": 1}', '{"context": {"environment": "qa"}}'))$$,
                 '22023', NULL, 'Check that saving an invalid pattern is refused');
SELECT is(workflow.load_pattern('p-task_completion') #>> '{data,duration_ms}', '3000', 'Check that a refused save leaves the stored pattern as it was');
SELECT throws_ok($$UPDATE workflow.patterns SET data = data - 'agent'$$, '23502',
                 'workflow pattern field data.agent is required but missing', 'Check that a plain UPDATE is validated too');
SELECT throws_ok($$INSERT INTO workflow.patterns (pattern_id, pattern_type, occurred_at, data) VALUES ('raw', 'agent_usage', now(), '{}')$$,
                 '23502', 'workflow pattern field data.agent_type is required but missing', 'Check that a plain INSERT is validated too');
SELECT is((SELECT tags || environment FROM workflow.patterns), ARRAY['backend', 'development'],
          'Check that tags and environment are taken from the context');

-- Query.
SELECT is(array_agg(DISTINCT workflow.save_pattern(pg_temp.doc(t, '{}', jsonb_build_object(
           'pattern_id', format('q-%s-%s', t, d), 'timestamp', format('2025-12-%s', lpad(d::text, 2, '0')),
           'context', jsonb_build_object('tags', CASE WHEN d % 2 = 0 THEN '["even", "x"]'::jsonb ELSE '["odd"]'::jsonb END,
                                         'environment', CASE WHEN d > 5 THEN 'production' ELSE 'staging' END))))),
          ARRAY['inserted'], 'Check that the query fixtures are saved')
  FROM unnest(ARRAY['agent_usage', 'error_occurrence']) t, generate_series(1, 10) d;
SELECT is((SELECT count(*) FROM workflow.query_patterns('agent_usage')), 10::bigint, 'Check that a query by type finds only that type');
SELECT is((SELECT array_agg(p ->> 'pattern_id') FROM workflow.query_patterns('error_occurrence', '2025-12-03', '2025-12-05') p),
          ARRAY['q-error_occurrence-4', 'q-error_occurrence-3'], 'Check that a time range includes its start and excludes its end, newest first');
SELECT is((SELECT count(*) FROM workflow.query_patterns(p_tags => ARRAY['even', 'x'])), 10::bigint, 'Check that a tag query finds patterns with all the tags');
SELECT is((SELECT count(*) FROM workflow.query_patterns(p_tags => ARRAY['even', 'odd'])), 0::bigint, 'Check that a pattern must carry every tag asked for');
SELECT is((SELECT array_agg(p ->> 'pattern_id') FROM workflow.query_patterns(p_limit => 2) p),
          ARRAY['q-agent_usage-10', 'q-error_occurrence-10'], 'Check that the limit keeps the newest patterns');
SELECT throws_ok($$SELECT workflow.query_patterns('deploy')$$, '22023', NULL, 'Check that a query for an unknown type is refused');
SELECT throws_ok($$SELECT workflow.query_patterns(p_limit => 0)$$, '22023', 'p_limit must be a positive number of patterns, not 0',
                 'Check that a limit of 0 is refused');
SELECT throws_ok($$SELECT workflow.query_patterns(p_from => '2025-12-05', p_to => '2025-12-01')$$, '22023', NULL,
                 'Check that a reversed time range is refused');

-- Batch save.
SELECT results_eq($$SELECT ordinal, pattern_id, outcome FROM workflow.save_patterns(
                        jsonb_build_array(pg_temp.doc('user_correction'), 'not a pattern'::text,
                                          pg_temp.doc('user_correction', '{"severity": "huge"}', '{"pattern_id": "bad"}'),
                                          pg_temp.doc('user_correction')))$$,
                  $$VALUES (1, 'p-user_correction', 'inserted'), (2, NULL, 'skipped'), (3, 'bad', 'skipped'), (4, 'p-user_correction', 'unchanged')$$,
                  'Check that a batch saves the good patterns and skips the bad ones');
SELECT is((SELECT reason FROM workflow.save_patterns(jsonb_build_array(pg_temp.doc('user_correction', '{"severity": "huge"}', '{"pattern_id": "bad"}')))),
          'workflow pattern field data.severity must be one of minor | moderate | critical, not "huge"',
          'Check that a skipped pattern comes with the reason');
SELECT is(workflow.load_pattern('bad'), NULL, 'Check that a skipped pattern is not stored');

-- Retention.
SELECT is(workflow.save_pattern(pg_temp.doc('agent_usage', '{}', jsonb_build_object('pattern_id', 'recent', 'timestamp', now()::text))),
          'inserted', 'Check that a pattern with a timestamp as PostgreSQL prints it is saved');
SELECT is(workflow.delete_patterns_older_than(interval '30 days'), 22::bigint, 'Check that retention deletes the patterns older than the age given');
SELECT is((SELECT array_agg(pattern_id) FROM workflow.patterns), ARRAY['recent'], 'Check that retention keeps the recent pattern');
SELECT throws_ok($$SELECT workflow.delete_patterns_older_than(interval '-1 day')$$, '22023', NULL, 'Check that a negative retention age is refused');

-- The api views, as the reader sees them.
SELECT is(array_agg(DISTINCT workflow.save_pattern(pg_temp.doc(t, c, jsonb_build_object('pattern_id', id, 'context', jsonb_build_object('environment', e))))),
          ARRAY['inserted'], 'Check that the view fixtures are saved')
  FROM (VALUES ('e1', 'error_occurrence', '{"severity": "critical"}'::jsonb, 'production'),
               ('e2', 'error_occurrence', '{"severity": "critical", "error_type": "KeyError"}', 'production'),
               ('e3', 'error_occurrence', '{}', 'staging'),
               ('t1', 'task_completion', '{"success": false, "duration_ms": 500}', 'staging')) v (id, t, c, e);
SET LOCAL ROLE pgpattern_reader;
SELECT results_eq($$SELECT severity, environment, occurrences, error_types FROM api.workflow_errors_by_severity ORDER BY 1, 2$$,
                  $$VALUES ('critical', 'production', 2::bigint, 2::bigint), ('unspecified', 'staging', 1, 1)$$,
                  'Check that error occurrences are counted by severity and environment');
SELECT results_eq($$SELECT day, pattern_type, patterns, succeeded, failed FROM api.workflow_patterns_by_day WHERE day = '2025-11-29' ORDER BY 2$$,
                  $$VALUES ('2025-11-29'::date, 'error_occurrence', 3::bigint, 0::bigint, 0::bigint), ('2025-11-29', 'task_completion', 1, 0, 1)$$,
                  'Check that patterns are counted per day and type, with their outcomes');
SELECT throws_ok('SELECT * FROM workflow.patterns', '42501', NULL, 'Check that the reader cannot read workflow.patterns directly');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
