DROP TABLE ops.migration_checksums;
DROP SCHEMA ops;
