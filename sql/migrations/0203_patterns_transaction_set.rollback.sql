DROP FUNCTION patterns.transaction_changes(bigint, uuid);
