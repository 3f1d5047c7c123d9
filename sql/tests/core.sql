-- core.projects and core.sessions: keys, constraints, triggers.
BEGIN;
SELECT plan(17);

SELECT has_pk('core', 'projects', 'Check that core.projects has a primary key');
SELECT col_is_pk('core', 'sessions', ARRAY['project_id', 'session_id'], 'Check that core.sessions is keyed by project first');
SELECT fk_ok('core', 'sessions', 'project_id', 'core', 'projects', 'project_id', 'Check that a session belongs to a project');
SELECT col_is_unique('core', 'projects', 'name', 'Check that project names are unique');

INSERT INTO core.projects (name) VALUES ('alpha');
SELECT throws_ok($$INSERT INTO core.projects (name) VALUES ('alpha')$$, '23505', NULL,
                 'Check that a second project named alpha is refused');
SELECT throws_ok($$INSERT INTO core.projects (name) VALUES ('   ')$$, '23514', NULL,
                 'Check that a blank project name is refused');
SELECT throws_ok($$INSERT INTO core.projects (name) VALUES (E'a\nb')$$, '23514', NULL,
                 'Check that a project name with a control character is refused');
SELECT throws_ok($$INSERT INTO core.projects (name) VALUES (repeat('x', 201))$$, '23514', NULL,
                 'Check that a 201-character project name is refused');
SELECT throws_ok($$INSERT INTO core.projects (project_id, name) VALUES (999, 'beta')$$, '428C9', NULL,
                 'Check that project_id is generated, never given');

-- updated_at follows changes without the writer setting it.
UPDATE core.projects SET updated_at = '2000-01-01' WHERE name = 'alpha';
SELECT ok((SELECT updated_at > '2001-01-01' FROM core.projects WHERE name = 'alpha'),
          'Check that updated_at is set by the trigger, not by the writer');

INSERT INTO core.sessions (project_id, developer)
SELECT project_id, 'dev@example.com' FROM core.projects WHERE name = 'alpha';
SELECT is((SELECT status FROM core.sessions), 'active', 'Check that a new session is active');
SELECT throws_ok($$UPDATE core.sessions SET status = 'ended'$$, '23514', NULL,
                 'Check that an ended session needs an end time');
SELECT lives_ok($$UPDATE core.sessions SET status = 'ended', ended_at = started_at + interval '1 hour'$$,
                'Check that a session ends with an end time');
SELECT throws_ok($$UPDATE core.sessions SET ended_at = started_at - interval '1 second'$$, '23514', NULL,
                 'Check that a session cannot end before it starts');
SELECT throws_ok($$UPDATE core.sessions SET status = 'paused'$$, '23514', NULL,
                 'Check that an unknown session status is refused');
SELECT throws_ok($$INSERT INTO core.sessions (project_id) VALUES (-1)$$, '23503', NULL,
                 'Check that a session of an unknown project is refused');
DELETE FROM core.projects WHERE name = 'alpha';
SELECT is((SELECT count(*) FROM core.sessions), 0::bigint, 'Check that deleting a project deletes its sessions');

SELECT * FROM finish();
ROLLBACK;
