-- ops.validate_schema_integrity(): clean on a fresh migrate, and each check can fail.
BEGIN;
SELECT plan(12);

SELECT is((SELECT count(*) FROM ops.validate_schema_integrity() WHERE status = 'fail'), 0::bigint,
          'Check that a fresh migrate passes every check');
SELECT is((SELECT status FROM ops.validate_schema_integrity() WHERE check_name = 'migration files'), 'skip',
          'Check that without the files'' checksums the files are not compared');
SELECT is((SELECT status || ': ' || detail FROM ops.validate_schema_integrity(
              (SELECT jsonb_object_agg(migration_id, CASE WHEN migration_id = '0002_schemas' THEN repeat('0', 64) ELSE checksum END)
                 FROM ops.migration_checksums)) WHERE check_name = 'migration files'),
          'fail: edited after they were applied: 0002_schemas',
          'Check that a changed checksum names the edited migration');
SELECT is((SELECT status FROM ops.validate_schema_integrity(
              (SELECT jsonb_object_agg(migration_id, checksum) FROM ops.migration_checksums)
              || jsonb_build_object('9999_next', repeat('a', 64))) WHERE check_name = 'migration files'),
          'warn', 'Check that a pending migration file is a warning');
SELECT throws_ok($$SELECT * FROM ops.validate_schema_integrity('[1]')$$, '22023', NULL,
                 'Check that a non-object argument is refused');

CREATE TABLE core.no_key (x int);
COMMENT ON TABLE core.no_key IS 'x';
SELECT is((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'primary keys'),
          'tables without a primary key: core.no_key', 'Check that a table without a primary key is named');

CREATE TABLE core.child (id int PRIMARY KEY, project_id bigint REFERENCES core.projects);
COMMENT ON TABLE core.child IS 'x';
SELECT is((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'foreign key indexes'),
          'foreign keys without a supporting index: child_project_id_fkey on core.child',
          'Check that a foreign key without an index is named');
CREATE INDEX ON core.child (project_id, id);
SELECT is((SELECT status FROM ops.validate_schema_integrity() WHERE check_name = 'foreign key indexes'), 'ok',
          'Check that an index led by the key''s columns supports it');

CREATE VIEW api.undocumented AS SELECT 1 AS one;
SELECT is((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'comments'),
          'without COMMENT: view api.undocumented', 'Check that an object without a comment is named');

CREATE FUNCTION ops.broken() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM ops.no_such_table); END $$;
COMMENT ON FUNCTION ops.broken() IS 'x';
SELECT matches((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'plpgsql_check'),
               'ops\.broken\(\) line 1: relation "ops\.no_such_table" does not exist',
               'Check that plpgsql_check names a function that refers to a missing table');

CREATE INDEX child_id_idx ON core.child (id);
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'core.child_id_idx'::regclass;
SELECT is((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'valid indexes'),
          'invalid: core.child_id_idx (drop and create again)', 'Check that an invalid index is named');

DELETE FROM ops.migration_checksums WHERE migration_id = '0006_core';
SELECT is((SELECT detail FROM ops.validate_schema_integrity() WHERE check_name = 'migrations recorded'),
          'applied without a recorded checksum: 0006_core', 'Check that an applied migration without a checksum is named');

SELECT * FROM finish();
ROLLBACK;
