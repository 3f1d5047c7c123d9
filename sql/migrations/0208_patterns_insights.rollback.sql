DROP FUNCTION patterns.discover_insights(bigint, uuid);
