SELECT ops.unschedule_job('pgpattern-learning-occurrence-partitions');
DROP FUNCTION learning.create_pattern_occurrence_partitions(timestamptz, timestamptz);
DROP TABLE learning.pattern_occurrences;
DROP FUNCTION learning.pattern_occurrences_count();
DROP FUNCTION learning.pattern_occurrences_immutable();
DROP TABLE learning.identified_patterns;
