DELETE FROM ops.partitioned_tables WHERE schema_name = 'learning' AND table_name IN ('learning_events', 'system_performance_metrics');
DROP TABLE learning.system_performance_metrics;
DROP TABLE learning.user_session_learning_events;
DROP TABLE learning.git_operation_learning_events;
DROP FUNCTION learning.fill_learning_event_timestamp();
DROP TABLE learning.learning_events;
