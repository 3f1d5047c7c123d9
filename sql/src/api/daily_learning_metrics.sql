CREATE OR REPLACE VIEW api.daily_learning_metrics AS
SELECT p.name AS project, m.project_id, m.date, m.event_type, m.source_system, m.event_count,
       m.avg_processing_time, m.p95_processing_time
  FROM learning.daily_learning_metrics m
  JOIN core.projects p ON p.project_id = m.project_id;
COMMENT ON VIEW api.daily_learning_metrics IS 'Learning events per project (by name and id), UTC day, event_type and source_system over the last 90 days: event_count, avg_processing_time and p95_processing_time (ms); at most an hour old.';
GRANT SELECT ON TABLE api.daily_learning_metrics TO pgpattern_reader;
