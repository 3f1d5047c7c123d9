CREATE OR REPLACE VIEW api.hourly_performance_summary AS
SELECT hour, metric_name, metric_category, source_component, unit, sample_count,
       min_value, avg_value, max_value, p50_value, p95_value, stddev_value
  FROM learning.hourly_performance_summary;
COMMENT ON VIEW api.hourly_performance_summary IS 'Performance metrics per UTC hour over the last 14 days: sample_count, min, mean, max, median (p50), p95 and standard deviation; at most 15 minutes old.';
GRANT SELECT ON TABLE api.hourly_performance_summary TO pgpattern_reader;
