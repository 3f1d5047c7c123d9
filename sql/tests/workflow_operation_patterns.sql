-- Operation patterns (seed 003): recording occurrences idempotently, running
-- statistics, confidence, batch processing, the savings ranking in api.
-- The race of two sessions on one new signature is in tests/test_workflow_concurrency.py.
BEGIN;
SELECT plan(33);

SELECT is((SELECT is_new FROM workflow.record_pattern_occurrence('test:pytest:backend', 'test',
              '{"workflow_id": "w1", "total_tokens": 1000, "actual_cost_total": 0.40, "created_at": "2025-11-01T00:00:00Z",
                "characteristics": {"runner": "pytest"}}')),
          true, 'Check that the first occurrence of a signature creates its pattern and says it is new');
SELECT is((SELECT typical_input_pattern FROM workflow.operation_patterns), '{"runner": "pytest"}'::jsonb,
          'Check that the new pattern keeps the characteristics of its first workflow');
SELECT results_eq($$SELECT occurrence_count, avg_tokens_with_llm, avg_cost_with_llm, avg_cost_with_tool, confidence_score
                      FROM workflow.operation_patterns$$,
                  $$VALUES (1::bigint, 1000::numeric, 0.40::numeric, 0.02::numeric, 20.00::numeric)$$,
                  'Check the statistics after the first occurrence: averages are its values, tool cost 5%, confidence 20');
SELECT is((SELECT is_new FROM workflow.record_pattern_occurrence('test:pytest:backend', 'test', '{"workflow_id": "w1", "total_tokens": 9999}')),
          false, 'Check that recording the same workflow again is not new');
SELECT results_eq($$SELECT occurrence_count, avg_tokens_with_llm FROM workflow.operation_patterns$$,
                  $$VALUES (1::bigint, 1000::numeric)$$, 'Check that recording the same workflow again changes no statistic');
SELECT is((SELECT count(*) FROM workflow.pattern_occurrences), 1::bigint, 'Check that a workflow is linked to a pattern once');

SELECT is((SELECT is_new FROM workflow.record_pattern_occurrence('test:pytest:backend', 'test',
              '{"workflow_id": "w2", "total_tokens": 3000, "actual_cost_total": 1.20, "created_at": "2025-11-11T00:00:00Z"}')),
          false, 'Check that a further occurrence updates the existing pattern');
SELECT is((SELECT is_new FROM workflow.record_pattern_occurrence('test:pytest:backend', 'test',
              '{"workflow_id": "w3", "total_tokens": null, "characteristics": null, "created_at": "2025-11-21T00:00:00Z"}')),
          false, 'Check that an occurrence without tokens or cost is recorded');
SELECT results_eq($$SELECT occurrence_count, tokens_known, avg_tokens_with_llm, cost_known, avg_cost_with_llm, avg_cost_with_tool
                      FROM workflow.operation_patterns$$,
                  $$VALUES (3::bigint, 2::bigint, 2000::numeric, 2::bigint, 0.80::numeric, 0.04::numeric)$$,
                  'Check that the running averages are the means over the occurrences whose values are known');
SELECT is((SELECT avg_tokens_with_llm = (SELECT avg(tokens) FROM workflow.pattern_occurrences)
                  AND avg_cost_with_llm = (SELECT avg(cost) FROM workflow.pattern_occurrences)
             FROM workflow.operation_patterns), true, 'Check that the averages equal avg() over the occurrences');
SELECT is((SELECT potential_monthly_savings FROM workflow.operation_patterns), round(0.95 * 0.80 * 3, 4),
          'Check that monthly savings are 95% of the average cost times occurrences per month (20 days count as one month)');
SELECT is((SELECT confidence_score FROM workflow.operation_patterns), round(100 * 3 / 7.0 / 1.5, 2),
          'Check that confidence is 100 n/(n+4) / (1 + coefficient of variation of the tokens)');
SELECT is(workflow.operation_monthly_savings(6, 1.0, '2025-01-01', '2025-03-02'), 2.8500,
          'Check that occurrences spread over two months count half per month');
SELECT cmp_ok(workflow.operation_confidence(10, 10, 10000, 10000000), '>', workflow.operation_confidence(5, 5, 5000, 5000000),
              'Check that confidence rises with the number of consistent occurrences');
SELECT cmp_ok(workflow.operation_confidence(10, 10, 10000, 19000000), '<', workflow.operation_confidence(10, 10, 10000, 10000000),
              'Check that confidence falls as the tokens vary more');
SELECT is(workflow.operation_confidence(0, 0, 0, 0), 0.00, 'Check that a pattern without occurrences has no confidence');

DELETE FROM workflow.pattern_occurrences WHERE workflow_id = 'w2';
SELECT results_eq($$SELECT occurrence_count, avg_tokens_with_llm, avg_cost_with_llm, last_seen FROM workflow.operation_patterns$$,
                  $$VALUES (2::bigint, 1000::numeric, 0.40::numeric, '2025-11-21T00:00:00Z'::timestamptz)$$,
                  'Check that deleting an occurrence takes it out of the statistics');
SELECT throws_ok($$UPDATE workflow.pattern_occurrences SET tokens = 1$$, '55000', NULL,
                 'Check that an occurrence cannot be edited behind the statistics');

-- Bad input names the field and the value, and writes nothing.
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('build:npm', 'build', '{"total_tokens": 5}')$$, '22023',
                 'workflow.workflow_id must be a non-blank string, not missing', 'Check that a workflow needs a workflow_id');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('build:npm', 'build', '{"workflow_id": "w9", "total_tokens": -5}')$$, '22023',
                 'workflow.total_tokens must be an integer >= 0, not -5', 'Check that negative tokens are refused');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('build:npm', 'build', '{"workflow_id": "w9", "actual_cost_total": "cheap"}')$$, '22023',
                 'workflow.actual_cost_total must be a number >= 0, not "cheap"', 'Check that a cost must be a number');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('build:npm', 'build', '{"workflow_id": "w9", "similarity_score": 120}')$$, '22023',
                 'workflow.similarity_score must be a number from 0 to 100, not 120', 'Check that a similarity above 100 is refused');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('build:npm', 'build', '{"workflow_id": "w9", "created_at": "last week"}')$$, '22007',
                 'workflow.created_at must be an ISO 8601 timestamp, not "last week"', 'Check that created_at must be ISO 8601');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence(' ', 'build', '{"workflow_id": "w9"}')$$, '22023',
                 'signature must be 1 to 500 characters, not '' ''', 'Check that a blank signature is refused');
SELECT throws_ok($$SELECT workflow.record_pattern_occurrence('test:pytest:backend', 'build', '{"workflow_id": "w9"}')$$, '22023',
                 'signature test:pytest:backend is already a pattern of type test, not build', 'Check that a signature keeps its pattern type');
SELECT is((SELECT count(*) FROM workflow.operation_patterns WHERE pattern_signature = 'build:npm'), 0::bigint,
          'Check that refused occurrences created no pattern');

-- Batches.
SELECT is(workflow.batch_process_workflows($$[
            {"workflow_id": "b1", "total_tokens": 100, "actual_cost_total": 10, "patterns": [{"signature": "build:npm", "pattern_type": "build"},
                                                                                           {"signature": "test:pytest:backend", "pattern_type": "test"}]},
            {"workflow_id": "b2", "total_tokens": -1, "patterns": [{"signature": "lint:ruff", "pattern_type": "lint"}]},
            {"workflow_id": "b3", "patterns": [{"signature": "deploy:fly", "pattern_type": "deploy"}, {"signature": "build:npm", "pattern_type": "test"}]},
            "b4",
            {"workflow_id": "b5", "total_tokens": 300, "actual_cost_total": 30, "patterns": [{"signature": "build:npm", "pattern_type": "build"}]}
          ]$$::jsonb),
          $${"total": 5, "processed": 2, "new": 1, "updated": 2, "errors": [
              {"index": 2, "workflow_id": "b2", "reason": "workflow.total_tokens must be an integer >= 0, not -1"},
              {"index": 3, "workflow_id": "b3", "reason": "signature build:npm is already a pattern of type build, not test"},
              {"index": 4, "workflow_id": null, "reason": "patterns must be a JSON array of {\"signature\": ..., \"pattern_type\": ...}, not missing"}]}$$::jsonb,
          'Check that a batch records the good workflows, lists the bad ones with their reasons and goes on');
SELECT is((SELECT count(*) FROM workflow.operation_patterns WHERE pattern_signature IN ('lint:ruff', 'deploy:fly')), 0::bigint,
          'Check that a failed workflow leaves none of its patterns, even those recorded before its error');
SELECT results_eq($$SELECT occurrence_count, avg_tokens_with_llm, avg_cost_with_llm FROM workflow.operation_patterns WHERE pattern_signature = 'build:npm'$$,
                  $$VALUES (2::bigint, 200::numeric, 20::numeric)$$, 'Check the statistics a batch leaves behind');
SELECT is(workflow.batch_process_workflows('[]'), '{"total": 0, "processed": 0, "new": 0, "updated": 0, "errors": []}'::jsonb,
          'Check that an empty batch has an empty summary');
SELECT throws_ok($$SELECT workflow.batch_process_workflows('{}')$$, '22023', NULL, 'Check that a batch must be a JSON array');

-- The ranking in api, as the reader sees it.
SET LOCAL ROLE pgpattern_reader;
SELECT results_eq($$SELECT savings_rank, pattern_signature FROM api.operation_patterns_by_savings ORDER BY savings_rank, pattern_signature$$,
                  $$VALUES (1::bigint, 'build:npm'), (2, 'test:pytest:backend')$$,
                  'Check that operation patterns are ranked by potential monthly savings');
SELECT throws_ok('SELECT * FROM workflow.operation_patterns', '42501', NULL, 'Check that the reader cannot read workflow tables directly');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
