DROP FUNCTION workflow.batch_process_workflows(jsonb);
DROP FUNCTION workflow.record_pattern_occurrence(text, text, jsonb);
DROP TABLE workflow.pattern_occurrences;
DROP FUNCTION workflow.forbid_occurrence_update();
DROP FUNCTION workflow.count_occurrence();
DROP TABLE workflow.operation_patterns;
DROP FUNCTION workflow.operation_monthly_savings(bigint, numeric, timestamptz, timestamptz);
DROP FUNCTION workflow.operation_confidence(bigint, bigint, numeric, numeric);
