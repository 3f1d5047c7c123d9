DROP FUNCTION patterns.discover_magnitude(bigint, uuid);
