-- The schemas of DESIGN.md, the three group roles and what each may touch.
BEGIN;
SELECT plan(22);

SELECT schemas_are(ARRAY['public', 'core', 'git', 'patterns', 'learning', 'workflow', 'ops', 'api', 'archive', 'privacy'],
                   'Check that the database has exactly the project schemas (and public, archive for retention, privacy for forgetting)');
SELECT ok(obj_description(n.oid, 'pg_namespace') IS NOT NULL, format('Check that schema %s has a comment', n.nspname))
  FROM pg_namespace n WHERE n.nspname = ANY (ops.project_schemas()) ORDER BY n.nspname;

SELECT has_role('pgpattern_reader', 'Check that role pgpattern_reader exists');
SELECT has_role('pgpattern_writer', 'Check that role pgpattern_writer exists');
SELECT has_role('pgpattern_admin', 'Check that role pgpattern_admin exists');
SELECT is_member_of('pgpattern_writer', 'pgpattern_admin', 'Check that admin is a writer');
SELECT is_member_of('pgpattern_reader', 'pgpattern_writer', 'Check that writer is a reader');

SELECT schema_privs_are('api', 'pgpattern_reader', ARRAY['USAGE'], 'Check that the reader may use api');
SELECT schema_privs_are('core', 'pgpattern_reader', ARRAY[]::text[], 'Check that the reader may not use core');
SELECT schema_privs_are('ops', 'pgpattern_reader', ARRAY[]::text[], 'Check that the reader may not use ops');
SELECT schema_privs_are('ops', 'pgpattern_writer', ARRAY[]::text[], 'Check that the writer may not use ops');
SELECT table_privs_are('core', 'projects', 'pgpattern_writer', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
                       'Check that the writer reads and writes core.projects');
SELECT table_privs_are('core', 'projects', 'pgpattern_reader', ARRAY[]::text[],
                       'Check that the reader has no right on core.projects');
SELECT table_privs_are('ops', 'scheduled_jobs', 'pgpattern_admin', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
                       'Check that the admin runs ops tables');

-- The reader really is kept out: acting as the role, not only reading the ACLs.
SET LOCAL ROLE pgpattern_reader;
SELECT throws_ok('SELECT * FROM core.projects', '42501', NULL, 'Check that the reader cannot select from core.projects');
RESET ROLE;
SET LOCAL ROLE pgpattern_writer;
SELECT lives_ok($$INSERT INTO core.projects (name) VALUES ('tap-writer')$$, 'Check that the writer can create a project');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
