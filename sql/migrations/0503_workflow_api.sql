-- The api views of the workflow store, for applications and dashboards (the reader
-- role gets SELECT through the default privileges of the api schema).
CREATE VIEW api.workflow_patterns_by_day AS
SELECT (p.occurred_at AT TIME ZONE 'UTC')::date AS day,
       p.pattern_type,
       count(*) AS patterns,
       count(*) FILTER (WHERE (p.data ->> 'success')::boolean) AS succeeded,
       count(*) FILTER (WHERE NOT (p.data ->> 'success')::boolean) AS failed,
       round(avg((p.data ->> 'duration_ms')::numeric), 1) AS avg_duration_ms
  FROM workflow.patterns p
 GROUP BY 1, 2;
COMMENT ON VIEW api.workflow_patterns_by_day IS 'Workflow patterns per UTC day and type: how many, how many succeeded and failed (task_completion and agent_usage), and their mean duration in milliseconds.';

CREATE VIEW api.operation_patterns_by_savings AS
SELECT rank() OVER (ORDER BY o.potential_monthly_savings DESC NULLS LAST) AS savings_rank,
       o.pattern_signature,
       o.pattern_type,
       o.automation_status,
       o.occurrence_count,
       round(o.avg_tokens_with_llm, 1) AS avg_tokens_with_llm,
       round(o.avg_cost_with_llm, 4) AS avg_cost_with_llm,
       round(o.avg_cost_with_tool, 4) AS avg_cost_with_tool,
       o.potential_monthly_savings,
       o.confidence_score,
       o.first_seen,
       o.last_seen
  FROM workflow.operation_patterns o;
COMMENT ON VIEW api.operation_patterns_by_savings IS 'Operation patterns ranked by potential monthly savings (rank 1 saves most; patterns without a known cost come last), with their averages, estimated tool cost and confidence (formulas: workflow.operation_monthly_savings, workflow.operation_confidence).';

CREATE VIEW api.workflow_errors_by_severity AS
SELECT coalesce(p.severity, 'unspecified') AS severity,
       coalesce(p.environment, 'unspecified') AS environment,
       count(*) AS occurrences,
       count(DISTINCT p.data ->> 'error_type') AS error_types,
       count(*) FILTER (WHERE (p.data ->> 'auto_resolved')::boolean) AS auto_resolved,
       min(p.occurred_at) AS first_seen,
       max(p.occurred_at) AS last_seen
  FROM workflow.patterns p
 WHERE p.pattern_type = 'error_occurrence'
 GROUP BY 1, 2;
COMMENT ON VIEW api.workflow_errors_by_severity IS 'Error occurrences per severity (minor, moderate, critical or unspecified) and environment (development, staging, production or unspecified): how many, of how many error types, how many resolved automatically, first and last seen.';
