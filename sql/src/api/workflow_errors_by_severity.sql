CREATE OR REPLACE VIEW api.workflow_errors_by_severity AS
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
GRANT SELECT ON TABLE api.workflow_errors_by_severity TO pgpattern_reader;
