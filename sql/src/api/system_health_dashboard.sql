CREATE OR REPLACE VIEW api.system_health_dashboard AS
SELECT 'Learning Events'::text AS component,
       count(*) AS events_last_hour,
       round(avg(e.processing_time_ms), 3) AS avg_value,
       'processing_time_ms'::text AS avg_of
  FROM learning.learning_events e
 WHERE e.event_timestamp > now() - interval '1 hour' AND e.event_timestamp <= now()
UNION ALL
SELECT 'Pattern Detection', count(*), round(avg(o.confidence_score * 100), 3), 'confidence_percent'
  FROM learning.pattern_occurrences o
 WHERE o.detection_timestamp > now() - interval '1 hour' AND o.detection_timestamp <= now()
UNION ALL
SELECT 'Performance Metrics', count(*), NULL, NULL
  FROM learning.system_performance_metrics m
 WHERE m.metric_timestamp > now() - interval '1 hour' AND m.metric_timestamp <= now();
COMMENT ON VIEW api.system_health_dashboard IS 'The implementation guide''s system health dashboard, live: per component (Learning Events, Pattern Detection, Performance Metrics) the rows of the last hour (none from the future) and a mean (avg_of names it: processing_time_ms, confidence_percent). Counts span all projects.';
GRANT SELECT ON TABLE api.system_health_dashboard TO pgpattern_reader;
