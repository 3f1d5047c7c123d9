SELECT ops.unschedule_job('pgpattern-partition-maintenance');
SELECT ops.schedule_job('pgpattern-learning-occurrence-partitions', '41 2 * * *',
    'SELECT learning.create_pattern_occurrence_partitions(now(), now() + interval ''4 weeks'')',
    'Daily at 02:41 UTC: create the weekly partitions of learning.pattern_occurrences four weeks ahead.');
DROP FUNCTION ops.run_partition_maintenance(text, integer);
DROP FUNCTION ops.create_partition(regclass, text, timestamp);
DROP FUNCTION ops.partitions_of(regclass);
DROP FUNCTION ops.partition_name(name, text, timestamp);
DROP FUNCTION ops.partition_period_end(text, timestamp);
DROP FUNCTION ops.partition_period_start(text, timestamptz);
DROP TABLE ops.partitioned_tables;
DROP FUNCTION ops.partitioned_tables_check();
DROP FUNCTION ops.partition_key(regclass);
