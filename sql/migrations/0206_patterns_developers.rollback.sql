DROP FUNCTION patterns.discover_developers(bigint, uuid);
