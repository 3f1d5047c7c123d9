SELECT ops.unschedule_job('pgpattern-refresh-hourly-performance');
SELECT ops.unschedule_job('pgpattern-refresh-daily-learning-metrics');
DROP VIEW api.system_health_dashboard;
DROP VIEW api.hourly_performance_summary;
DROP VIEW api.daily_learning_metrics;
DROP MATERIALIZED VIEW learning.hourly_performance_summary;
DROP MATERIALIZED VIEW learning.daily_learning_metrics;
