-- pgbench: the active temporal patterns.
SELECT * FROM api.pattern_temporal_get('bench');
