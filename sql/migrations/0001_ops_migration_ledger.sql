-- The ops schema and the ledger of migration checksums.
-- yoyo records which migrations ran but not what they contained; pgpattern records a
-- sha256 of each file so that verify notices a migration edited after it was applied.
CREATE SCHEMA ops;
COMMENT ON SCHEMA ops IS 'Operations: migration ledger, scheduled jobs, retention, partition maintenance, health, data-quality and integrity checks.';

CREATE TABLE ops.migration_checksums (
    migration_id text PRIMARY KEY,
    checksum     text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
    applied_at   timestamptz NOT NULL DEFAULT now(),
    applied_by   name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE ops.migration_checksums IS 'One row per applied migration: the sha256 of its file and its rollback file when it was applied, written in the same transaction as the migration.';
COMMENT ON COLUMN ops.migration_checksums.migration_id IS 'The yoyo migration id: the file name without .sql.';
COMMENT ON COLUMN ops.migration_checksums.checksum IS 'sha256 (hex) of the migration file, a separator and its .rollback.sql file.';
COMMENT ON COLUMN ops.migration_checksums.applied_at IS 'When the migration was applied.';
COMMENT ON COLUMN ops.migration_checksums.applied_by IS 'The database role that applied it.';
