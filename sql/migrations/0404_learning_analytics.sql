-- Learning operations, analytics: two materialized views refreshed CONCURRENTLY by pg_cron
-- (daily learning metrics with the p95 processing time over the last 90 days, hourly
-- performance summary over the last 14 days), their api views, and the guide's
-- system_health_dashboard. pg_cron's run history is already purged daily (0005).
CREATE MATERIALIZED VIEW learning.daily_learning_metrics AS
SELECT e.project_id,
       (e.event_timestamp AT TIME ZONE 'UTC')::date AS date,
       e.event_type,
       e.source_system,
       count(*) AS event_count,
       round(avg(e.processing_time_ms), 3) AS avg_processing_time,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY e.processing_time_ms) AS p95_processing_time
  FROM learning.learning_events e
 WHERE e.event_timestamp >= ((now() AT TIME ZONE 'UTC')::date - 90)::timestamp AT TIME ZONE 'UTC'
   AND e.event_timestamp < ((now() AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC'
 GROUP BY 1, 2, 3, 4;
COMMENT ON MATERIALIZED VIEW learning.daily_learning_metrics IS 'Per project, UTC day, event type and source system over the last 90 days up to today (none from the future): events, mean and 95th percentile of processing_time_ms. Refreshed CONCURRENTLY every hour (pgpattern-refresh-daily-learning-metrics); read it through api.daily_learning_metrics.';
CREATE UNIQUE INDEX daily_learning_metrics_key ON learning.daily_learning_metrics (project_id, date, event_type, source_system) NULLS NOT DISTINCT;
COMMENT ON INDEX learning.daily_learning_metrics_key IS 'One row per project, day, type and source; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';

CREATE MATERIALIZED VIEW learning.hourly_performance_summary AS
SELECT date_trunc('hour', m.metric_timestamp, 'UTC') AS hour,
       m.metric_name,
       m.metric_category,
       m.source_component,
       m.unit,
       count(*) AS sample_count,
       min(m.value) AS min_value,
       round(avg(m.value), 6) AS avg_value,
       max(m.value) AS max_value,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value) AS p50_value,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY m.value) AS p95_value,
       round(stddev_samp(m.value), 6) AS stddev_value
  FROM learning.system_performance_metrics m
 WHERE m.metric_timestamp >= date_trunc('hour', now(), 'UTC') - interval '14 days'
   AND m.metric_timestamp < date_trunc('hour', now(), 'UTC') + interval '1 hour'
 GROUP BY 1, 2, 3, 4, 5;
COMMENT ON MATERIALIZED VIEW learning.hourly_performance_summary IS 'Per UTC hour, metric, category, component and unit over the last 14 days up to this hour: samples, min, mean, max, median, p95 and standard deviation of the value. Refreshed CONCURRENTLY every 15 minutes (pgpattern-refresh-hourly-performance); read it through api.hourly_performance_summary.';
CREATE UNIQUE INDEX hourly_performance_summary_key
    ON learning.hourly_performance_summary (hour, metric_name, metric_category, source_component, unit) NULLS NOT DISTINCT;
COMMENT ON INDEX learning.hourly_performance_summary_key IS 'One row per hour and metric; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';

CREATE VIEW api.daily_learning_metrics AS
SELECT project_id, date, event_type, source_system, event_count, avg_processing_time, p95_processing_time
  FROM learning.daily_learning_metrics;
COMMENT ON VIEW api.daily_learning_metrics IS 'Learning events per project, UTC day, event_type and source_system over the last 90 days: event_count, avg_processing_time and p95_processing_time (ms); at most an hour old.';

CREATE VIEW api.hourly_performance_summary AS
SELECT hour, metric_name, metric_category, source_component, unit, sample_count,
       min_value, avg_value, max_value, p50_value, p95_value, stddev_value
  FROM learning.hourly_performance_summary;
COMMENT ON VIEW api.hourly_performance_summary IS 'Performance metrics per UTC hour over the last 14 days: sample_count, min, mean, max, median (p50), p95 and standard deviation; at most 15 minutes old.';

CREATE VIEW api.system_health_dashboard AS
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

SELECT ops.schedule_job('pgpattern-refresh-daily-learning-metrics', '7 * * * *',
    'REFRESH MATERIALIZED VIEW CONCURRENTLY learning.daily_learning_metrics',
    'Hourly at :07: refresh learning.daily_learning_metrics without blocking readers.');
SELECT ops.schedule_job('pgpattern-refresh-hourly-performance', '*/15 * * * *',
    'REFRESH MATERIALIZED VIEW CONCURRENTLY learning.hourly_performance_summary',
    'Every 15 minutes: refresh learning.hourly_performance_summary without blocking readers.');
