-- git.refresh_lineage on hand-made histories: the spec's rules, case by case.
BEGIN;
SELECT plan(7);

INSERT INTO core.projects (name) VALUES ('lineage');
CREATE TEMP TABLE h (sha text, at timestamptz, gen int, changes text[][]);
-- Each change: status, path, old path. Commit times are equal for c3 and c4: the
-- generation (parents before children) orders them, not the sha.
INSERT INTO h VALUES
  ('c1', '2024-01-01', 0, ARRAY[['A', 'a', NULL], ['A', 'x', NULL]]),
  ('c2', '2024-01-02', 1, ARRAY[['M', 'a', NULL], ['M', 'x', NULL]]),
  ('c4', '2024-01-03', 3, ARRAY[['R', 'c', 'b']]),
  ('c3', '2024-01-03', 2, ARRAY[['R', 'b', 'a'], ['A', 'a', NULL]]),
  ('c5', '2024-01-04', 4, ARRAY[['M', 'a', NULL], ['C', 'x2', 'x'], ['D', 'x', NULL]]),
  ('c6', '2024-01-05', 5, ARRAY[['A', 'x', NULL], ['R', 'y', 'x2']]),
  ('c7', '2024-01-06', 6, ARRAY[['M', 'x', NULL]]);
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, rpad(h.sha, 40, '0'), 'A', 'a@x', h.at, 0, 'A', 'a@x', h.at, h.sha, h.gen
  FROM h, core.projects p WHERE p.name = 'lineage';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path, lines_added,
                              lines_deleted, old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, i, h.changes[i][1], h.changes[i][2], h.changes[i][3], 1, 0, 0, 33188, h.changes[i][2]
  FROM h JOIN git.commits c ON c.sha = rpad(h.sha, 40, '0'), generate_subscripts(h.changes, 1) i;

SELECT ok(git.refresh_lineage((SELECT project_id FROM core.projects WHERE name = 'lineage')) > 0,
          'Check that refresh_lineage reports the rows it changed');

CREATE TEMP VIEW lineage AS
SELECT c.message || ':' || f.path AS change, f.latest_path
  FROM git.file_changes f JOIN git.commits c USING (project_id, commit_id);

SELECT set_eq($$SELECT change FROM lineage WHERE latest_path = 'c'$$,
              ARRAY['c1:a', 'c2:a', 'c3:b', 'c4:c'],
              'Check that a -> b -> c carries a''s and b''s changes to c, ordered by generation at equal times');
SELECT set_eq($$SELECT change FROM lineage WHERE latest_path = 'a'$$,
              ARRAY['c3:a', 'c5:a'],
              'Check that a file created at a in the commit that renames a away is a new file');
SELECT set_eq($$SELECT change FROM lineage WHERE latest_path = 'x'$$,
              ARRAY['c1:x', 'c2:x', 'c5:x', 'c6:x', 'c7:x'],
              'Check that a deleted file and a new file at its path end at the same latest path');
SELECT set_eq($$SELECT change FROM lineage WHERE latest_path = 'y'$$,
              ARRAY['c5:x2', 'c6:y'],
              'Check that a copy starts a new file, which its later rename carries');
SELECT is(git.refresh_lineage((SELECT project_id FROM core.projects WHERE name = 'lineage')), 0::bigint,
          'Check that a second refresh changes nothing');

-- The rename disappears (a rewritten history): every change is its own path's again.
DELETE FROM git.file_changes WHERE status = 'R';
SELECT git.refresh_lineage((SELECT project_id FROM core.projects WHERE name = 'lineage'));
SELECT is((SELECT count(*) FROM git.file_changes WHERE latest_path <> path), 0::bigint,
          'Check that without renames every change keeps its own path');

SELECT * FROM finish();
ROLLBACK;
