SELECT ops.unschedule_job('pgpattern-retention');
DROP VIEW ops.partition_overview;
DROP PROCEDURE ops.run_retention(integer);
DROP FUNCTION ops.apply_retention(text, timestamptz, integer);
DROP FUNCTION ops.remove_partition(regclass, name, timestamptz, timestamptz, text, name, text);
DROP FUNCTION learning.summarize_performance_metrics(timestamptz, timestamptz);
DROP TABLE learning.system_performance_metrics_daily;
DROP TABLE ops.retention_runs;
DROP TABLE ops.data_retention_policies;
-- Archived partitions and rows stay unless dropped first: the schema is dropped only when empty.
DROP SCHEMA archive;
