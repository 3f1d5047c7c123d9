-- The api views of the workflow store, for applications and dashboards (the reader
-- role gets SELECT through the default privileges of the api schema).
CREATE OR REPLACE VIEW api.workflow_patterns_by_day AS
SELECT (p.occurred_at AT TIME ZONE 'UTC')::date AS day,
       p.pattern_type,
       count(*) AS patterns,
       count(*) FILTER (WHERE (p.data ->> 'success')::boolean) AS succeeded,
       count(*) FILTER (WHERE NOT (p.data ->> 'success')::boolean) AS failed,
       round(avg((p.data ->> 'duration_ms')::numeric), 1) AS avg_duration_ms
  FROM workflow.patterns p
 GROUP BY 1, 2;
COMMENT ON VIEW api.workflow_patterns_by_day IS 'Workflow patterns per UTC day and type: how many, how many succeeded and failed (task_completion and agent_usage), and their mean duration in milliseconds.';
GRANT SELECT ON TABLE api.workflow_patterns_by_day TO pgpattern_reader;
