DROP FUNCTION patterns.discover_temporal(bigint, uuid);
