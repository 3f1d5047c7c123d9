CREATE OR REPLACE VIEW ops.partition_overview AS
SELECT format('%s.%s', t.schema_name, t.table_name) AS table_name,
       t.partition_interval,
       t.premake,
       r.retention_period,
       r.strategy AS retention_strategy,
       p.partitions,
       p.oldest_from,
       p.newest_to,
       t.last_maintained_at,
       (t.last_result ->> 'default_rows_left')::bigint AS default_rows_left,
       r.last_cleanup
  FROM ops.partitioned_tables t
  LEFT JOIN ops.data_retention_policies r ON r.schema_name = t.schema_name AND r.table_name = t.table_name AND r.enabled
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE NOT x.is_default) AS partitions, min(x.range_from) AS oldest_from,
                            max(x.range_to) AS newest_to
                       FROM ops.partitions_of(to_regclass(format('%I.%I', t.schema_name, t.table_name))) x) p ON true;
COMMENT ON VIEW ops.partition_overview IS 'Per maintained table: partition interval, how far ahead, retention period and strategy, how many partitions and the range they cover, when maintenance and retention last ran, and the rows the last maintenance left in the default partition.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE ops.partition_overview TO pgpattern_admin;
