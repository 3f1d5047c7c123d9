-- git.refresh_lineage on branchy hand-made histories: only renames move history; an add, a
-- delete, a copy or a rename into a path neither starts nor ends the file at that path
-- (spec/change-patterns.md, Inputs). Each history is checked with the full refresh and
-- with the incremental one, its commits stored in two parts.
BEGIN;
SELECT plan(20);

CREATE TEMP TABLE h (project text, part int, sha text, at timestamptz, gen int, parents text[], changes text[][]);
-- Each change: status, path, old path. The commits of a history are numbered in commit
-- order (committed time, then generation).
INSERT INTO h VALUES
  -- Two maintenance branches each add CHANGES (c02 and c03), merged in c05; c06 renames it.
  ('parallel', 1, 'c01', '2024-01-01', 0, '{}',      ARRAY[['A', 'base', NULL]]),
  ('parallel', 1, 'c02', '2024-01-02', 1, '{c01}',   ARRAY[['A', 'CHANGES', NULL]]),
  ('parallel', 1, 'c03', '2024-01-03', 1, '{c01}',   ARRAY[['A', 'CHANGES', NULL], ['M', 'base', NULL]]),
  ('parallel', 1, 'c04', '2024-01-04', 2, '{c02}',   ARRAY[['M', 'CHANGES', NULL]]),
  ('parallel', 2, 'c05', '2024-01-05', 3, '{c04,c03}', ARRAY[]::text[]),
  ('parallel', 2, 'c06', '2024-01-06', 4, '{c05}',   ARRAY[['R', 'CHANGELOG', 'CHANGES']]),
  ('parallel', 2, 'c07', '2024-01-07', 5, '{c06}',   ARRAY[['M', 'CHANGELOG', NULL]]),
  -- setup.py deleted and added again, then renamed: one file, the delete included.
  ('readd', 1, 'c01', '2024-01-01', 0, '{}',    ARRAY[['A', 'setup.py', NULL]]),
  ('readd', 1, 'c02', '2024-01-02', 1, '{c01}', ARRAY[['M', 'setup.py', NULL]]),
  ('readd', 1, 'c03', '2024-01-03', 2, '{c02}', ARRAY[['D', 'setup.py', NULL]]),
  ('readd', 1, 'c04', '2024-01-04', 3, '{c03}', ARRAY[['A', 'setup.py', NULL]]),
  ('readd', 2, 'c05', '2024-01-05', 4, '{c04}', ARRAY[['R', 'pyproject.py', 'setup.py']]),
  ('readd', 2, 'c06', '2024-01-06', 5, '{c05}', ARRAY[['M', 'pyproject.py', NULL]]),
  -- A rename into a path with a history, and a copy to one, end nothing there.
  ('into', 1, 'c01', '2024-01-01', 0, '{}',    ARRAY[['A', 'old.cfg', NULL], ['A', 'new.cfg', NULL],
                                                     ['A', 'dst.c', NULL], ['A', 'src.c', NULL]]),
  ('into', 1, 'c02', '2024-01-02', 1, '{c01}', ARRAY[['D', 'old.cfg', NULL], ['D', 'dst.c', NULL]]),
  ('into', 1, 'c03', '2024-01-03', 2, '{c02}', ARRAY[['R', 'old.cfg', 'new.cfg'], ['C', 'dst.c', 'src.c']]),
  ('into', 2, 'c04', '2024-01-04', 3, '{c03}', ARRAY[['R', 'final.cfg', 'old.cfg'], ['R', 'moved.c', 'dst.c']]),
  -- X renames lib.py -> core.py (c03) while Y changes lib.py before (c02) and after it (c04).
  ('branches', 1, 'c01', '2024-01-01', 0, '{}',      ARRAY[['A', 'lib.py', NULL]]),
  ('branches', 1, 'c02', '2024-01-02', 1, '{c01}',   ARRAY[['M', 'lib.py', NULL]]),
  ('branches', 2, 'c03', '2024-01-03', 1, '{c01}',   ARRAY[['R', 'core.py', 'lib.py']]),
  ('branches', 1, 'c04', '2024-01-04', 2, '{c02}',   ARRAY[['M', 'lib.py', NULL]]),
  ('branches', 2, 'c05', '2024-01-05', 3, '{c03,c04}', ARRAY[]::text[]),
  ('branches', 2, 'c06', '2024-01-06', 4, '{c05}',   ARRAY[['M', 'core.py', NULL], ['M', 'lib.py', NULL]]),
  ('branches', 2, 'c07', '2024-01-07', 5, '{c06}',   ARRAY[['R', 'legacy.py', 'lib.py']]);

-- Each history twice: 'full/...' stored at once and refreshed in full; 'incremental/...'
-- stored in its two parts, each followed by the incremental refresh of its commits (part 2
-- holds the renames that re-key part 1, and in 'branches' also a commit before part 1's last).
INSERT INTO core.projects (name)
SELECT DISTINCT m.mode || '/' || h.project FROM h, (VALUES ('full'), ('incremental')) m (mode);

CREATE FUNCTION pg_temp.store(p_project text, p_part int) RETURNS bigint[] LANGUAGE sql AS $$
    INSERT INTO git.commits (project_id, sha, parent_shas, author_name, author_email, authored_at, author_utc_offset,
                             committer_name, committer_email, committed_at, message, generation)
    SELECT p.project_id, rpad(h.sha, 40, '0'), ARRAY(SELECT rpad(x, 40, '0') FROM unnest(h.parents) x),
           'A', 'a@x', h.at, 0, 'A', 'a@x', h.at, h.sha, h.gen
      FROM h JOIN core.projects p ON p.name IN ('full/' || h.project, 'incremental/' || h.project)
     WHERE p.name = p_project AND (h.part = p_part OR p_part IS NULL);
    INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path, lines_added,
                                  lines_deleted, old_mode, new_mode, latest_path)
    SELECT c.project_id, c.commit_id, i, h.changes[i][1], h.changes[i][2], h.changes[i][3], 1, 0, 0, 33188,
           h.changes[i][2]
      FROM h
      JOIN core.projects p ON p.name IN ('full/' || h.project, 'incremental/' || h.project)
      JOIN git.commits c ON c.project_id = p.project_id AND c.sha = rpad(h.sha, 40, '0'),
           generate_subscripts(h.changes, 1) i
     WHERE p.name = p_project AND (h.part = p_part OR p_part IS NULL);
    SELECT array_agg(c.commit_id) FROM git.commits c JOIN core.projects p USING (project_id)
     WHERE p.name = p_project AND c.message IN (SELECT h.sha FROM h WHERE p_project LIKE '%/' || h.project
                                                  AND (h.part = p_part OR p_part IS NULL));
$$;

SELECT git.refresh_lineage(p.project_id, pg_temp.store(p.name, part))
  FROM core.projects p, (VALUES (1), (2)) parts (part)
 WHERE p.name LIKE 'incremental/%' ORDER BY p.name, part;
SELECT pg_temp.store(p.name, NULL) FROM core.projects p WHERE p.name LIKE 'full/%';
SELECT ok(git.refresh_lineage(p.project_id) > 0, 'Check that the full refresh of ' || p.name || ' changes rows')
  FROM core.projects p WHERE p.name LIKE 'full/%' ORDER BY p.name;

CREATE TEMP VIEW lineage AS
SELECT p.name AS project, c.message || ':' || f.status || ':' || f.path AS change, f.latest_path
  FROM git.file_changes f JOIN git.commits c USING (project_id, commit_id) JOIN core.projects p USING (project_id);

SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'CHANGELOG'$$, m || '/parallel'),
              ARRAY['c02:A:CHANGES', 'c03:A:CHANGES', 'c04:M:CHANGES', 'c06:R:CHANGELOG', 'c07:M:CHANGELOG'],
              m || ': two branches that add one path are one file, which a later rename carries whole')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'base'$$, m || '/parallel'),
              ARRAY['c01:A:base', 'c03:M:base'], m || ': a path without renames keeps its changes')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT DISTINCT latest_path FROM lineage WHERE project = %L$$, m || '/readd'),
              ARRAY['pyproject.py'],
              m || ': a path deleted and added again is one file, the delete included')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'final.cfg'$$, m || '/into'),
              ARRAY['c01:A:old.cfg', 'c01:A:new.cfg', 'c02:D:old.cfg', 'c03:R:old.cfg', 'c04:R:final.cfg'],
              m || ': a rename into a path with a history ends nothing there')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'moved.c'$$, m || '/into'),
              ARRAY['c01:A:dst.c', 'c02:D:dst.c', 'c03:C:dst.c', 'c04:R:moved.c'],
              m || ': a copy carries nothing from its source, and ends nothing at its path')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'core.py'$$, m || '/branches'),
              ARRAY['c01:A:lib.py', 'c02:M:lib.py', 'c03:R:core.py', 'c06:M:core.py'],
              m || ': a rename carries the changes of the old path before it, on any branch')
  FROM unnest(ARRAY['full', 'incremental']) m;
SELECT set_eq(format($$SELECT change FROM lineage WHERE project = %L AND latest_path = 'legacy.py'$$, m || '/branches'),
              ARRAY['c04:M:lib.py', 'c06:M:lib.py', 'c07:R:legacy.py'],
              m || ': changes of the old path after the rename, on another branch, are a new file')
  FROM unnest(ARRAY['full', 'incremental']) m;

SELECT is((SELECT count(*) FROM lineage i JOIN lineage f ON f.project = replace(i.project, 'incremental/', 'full/')
                                                        AND f.change = i.change
            WHERE i.project LIKE 'incremental/%' AND f.latest_path = i.latest_path),
          (SELECT count(*) FROM lineage WHERE project LIKE 'full/%'),
          'Check that the incremental refreshes end where the full ones do');
SELECT is((SELECT sum(git.refresh_lineage(p.project_id)) FROM core.projects p), 0::numeric,
          'Check that a full refresh after either changes nothing');

SELECT * FROM finish();
ROLLBACK;
