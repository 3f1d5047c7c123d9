DROP VIEW api.workflow_errors_by_severity;
DROP VIEW api.operation_patterns_by_savings;
DROP VIEW api.workflow_patterns_by_day;
