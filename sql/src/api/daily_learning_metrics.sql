CREATE OR REPLACE VIEW api.daily_learning_metrics AS
SELECT project_id, date, event_type, source_system, event_count, avg_processing_time, p95_processing_time
  FROM learning.daily_learning_metrics;
COMMENT ON VIEW api.daily_learning_metrics IS 'Learning events per project, UTC day, event_type and source_system over the last 90 days: event_count, avg_processing_time and p95_processing_time (ms); at most an hour old.';
GRANT SELECT ON TABLE api.daily_learning_metrics TO pgpattern_reader;
