DROP FUNCTION patterns.discover_cooccurrence(bigint, uuid);
