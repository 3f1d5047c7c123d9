-- issue 12, storage: patterns.live_changes was a second copy of the history (one row per change
-- of T); it becomes a view over git.changes, which keeps beside each row what the live counts
-- made of it:
-- - counted_file_id: the file (latest path) the row was counted for, NULL while not counted.
--   Lineage re-keys file_id; the counted file stays until the commit is counted again, so that
--   the counting subtracts what the commit counted for before (patterns.live_refresh).
-- - ordinal: the commit's place in T's time order (patterns.live_commits.ordinal), on the first
--   row of each (commit, counted file) only: patterns.live_changes has one row per commit and
--   file, as the table had.
-- - patterns.live_counted_gone: counted rows a DELETE removed or whose lines or status an UPDATE
--   changed, as they were counted, until their commit is counted again (a bulk statement's
--   commits are counted by a later update).
-- The index git.changes_counted_idx (project_id, counted_file_id, ordinal) gives a file's changes
-- in time order; a commit's changes are found by git.changes' key.

ALTER TABLE git.changes ADD COLUMN counted_file_id integer, ADD COLUMN ordinal integer;
COMMENT ON COLUMN git.changes.counted_file_id IS 'The file (git.paths number of its latest path) the live state counted this change for; NULL while not counted. Kept by patterns.live_refresh and live_rebuild (patterns.live_mark).';
COMMENT ON COLUMN git.changes.ordinal IS 'On the first counted row of each (commit, counted file): the commit''s place in T''s time order (patterns.live_commits.ordinal); NULL on the others. patterns.live_changes is these rows.';

CREATE TABLE patterns.live_counted_gone (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    commit_id bigint NOT NULL,
    change_no integer NOT NULL,
    file_id integer NOT NULL,
    lines_added integer,
    lines_deleted integer,
    status character(1) NOT NULL,
    PRIMARY KEY (project_id, commit_id, change_no)
);
COMMENT ON TABLE patterns.live_counted_gone IS 'Rows of git.changes as the live state counted them that a DELETE removed or an UPDATE of their lines or status changed, kept until their commit is counted again (patterns.live_refresh, live_rebuild).';
COMMENT ON COLUMN patterns.live_counted_gone.file_id IS 'The file counted for (git.changes.counted_file_id).';
GRANT SELECT, INSERT, DELETE ON TABLE patterns.live_counted_gone TO pgpattern_writer;

-- Marking rows counts nothing again (the trigger made anew below ignores it; the old one would
-- queue every commit for a recount).
DROP TRIGGER changes_live_update ON git.changes;

-- The rows of the table, marked on git.changes: a (commit, file) whose rows add up to the row
-- of live_changes marks them; any other row of live_changes (its commit's rows re-keyed or
-- changed, counted again by a queued update) is kept as gone rows that add up to it, one per
-- status letter (lines on the first; change_size + net_lines is twice the lines added).
CREATE TEMPORARY TABLE live_changes_groups ON COMMIT DROP AS
SELECT r.project_id, r.commit_id, r.file_id, min(r.change_no) AS first_no,
       sum(coalesce(r.lines_added, 0) + coalesce(r.lines_deleted, 0))::integer AS change_size,
       sum(coalesce(r.lines_added, 0) - coalesce(r.lines_deleted, 0))::integer AS net_lines,
       string_agg(r.status::text, '' ORDER BY r.change_no) AS statuses
  FROM git.changes r
 WHERE EXISTS (SELECT FROM patterns.live_commits c WHERE c.project_id = r.project_id AND c.commit_id = r.commit_id)
 GROUP BY r.project_id, r.commit_id, r.file_id;
UPDATE git.changes r
   SET counted_file_id = r.file_id, ordinal = CASE WHEN r.change_no = g.first_no THEN l.ordinal END
  FROM live_changes_groups g
  JOIN patterns.live_changes l ON l.project_id = g.project_id AND l.commit_id = g.commit_id AND l.file_id = g.file_id
                              AND l.change_size = g.change_size AND l.net_lines = g.net_lines AND l.statuses = g.statuses
 WHERE r.project_id = g.project_id AND r.commit_id = g.commit_id AND r.file_id = g.file_id;
INSERT INTO patterns.live_counted_gone (project_id, commit_id, change_no, file_id, lines_added, lines_deleted, status)
SELECT l.project_id, l.commit_id, -1000000 * (1 + dense_rank() OVER (PARTITION BY l.project_id, l.commit_id ORDER BY l.file_id))::integer
                                   + s.k::integer,
       l.file_id, CASE WHEN s.k = 1 THEN (l.change_size + l.net_lines) / 2 ELSE 0 END,
       CASE WHEN s.k = 1 THEN (l.change_size - l.net_lines) / 2 ELSE 0 END, s.status
  FROM patterns.live_changes l
 CROSS JOIN LATERAL string_to_table(l.statuses, NULL) WITH ORDINALITY s(status, k)
 WHERE NOT EXISTS (SELECT FROM live_changes_groups g
                    WHERE g.project_id = l.project_id AND g.commit_id = l.commit_id AND g.file_id = l.file_id
                      AND g.change_size = l.change_size AND g.net_lines = l.net_lines AND g.statuses = l.statuses);

DROP TABLE patterns.live_changes;  -- with its triggers
DROP FUNCTION patterns.live_changes_mark_profiles();

CREATE INDEX changes_counted_idx ON git.changes USING btree (project_id, counted_file_id, ordinal) WHERE ordinal IS NOT NULL;
COMMENT ON INDEX git.changes_counted_idx IS 'A file''s changes of T in time order (patterns.live_changes: its profile, its pairs'' evidence, the decayed sums, the suggestions).';
CREATE INDEX changes_counted_more_idx ON git.changes USING btree (project_id, commit_id) WHERE counted_file_id IS NOT NULL AND ordinal IS NULL;
COMMENT ON INDEX git.changes_counted_more_idx IS 'The further rows of a commit counted for the same file (rare), which patterns.live_changes adds to the first.';

CREATE TRIGGER changes_live_update AFTER UPDATE ON git.changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS updated_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_updated();
COMMENT ON TRIGGER changes_live_update ON git.changes IS 'Changed rows (lineage; lines or status): their commits are counted again (patterns.live_changed).';

CREATE OR REPLACE VIEW patterns.live_changes AS
SELECT r.project_id, r.commit_id, r.counted_file_id AS file_id, r.ordinal,
       (coalesce(r.lines_added, 0) + coalesce(r.lines_deleted, 0) + coalesce(x.change_size, 0))::integer AS change_size,
       (coalesce(r.lines_added, 0) - coalesce(r.lines_deleted, 0) + coalesce(x.net_lines, 0))::integer AS net_lines,
       r.status::text || coalesce(x.statuses, '') AS statuses
  FROM git.changes r
  -- The other rows of a commit that fall on the same file (rare: ten on ansible); unique per
  -- row of r, so a query that reads no size or status leaves this join out.
  LEFT JOIN (SELECT e.project_id, e.commit_id, e.counted_file_id,
                    sum(coalesce(e.lines_added, 0) + coalesce(e.lines_deleted, 0)) AS change_size,
                    sum(coalesce(e.lines_added, 0) - coalesce(e.lines_deleted, 0)) AS net_lines,
                    string_agg(e.status::text, '' ORDER BY e.change_no) AS statuses
               FROM git.changes e
              WHERE e.counted_file_id IS NOT NULL AND e.ordinal IS NULL
              GROUP BY e.project_id, e.commit_id, e.counted_file_id) x
    ON x.project_id = r.project_id AND x.commit_id = r.commit_id AND x.counted_file_id = r.counted_file_id
 WHERE r.ordinal IS NOT NULL;
COMMENT ON VIEW patterns.live_changes IS 'The changes of T as the live counts counted them, one row per (commit, file by latest path: its number in git.paths), from git.changes (counted_file_id, ordinal): a file''s changes in time order by git.changes_counted_idx, a commit''s by the key of git.changes. Its commit''s columns are in patterns.live_commits.';
COMMENT ON COLUMN patterns.live_changes.file_id IS 'The file counted for (git.changes.counted_file_id): the latest path when the commit was last counted.';
COMMENT ON COLUMN patterns.live_changes.ordinal IS 'The commit''s place in time order (patterns.live_commits.ordinal).';
COMMENT ON COLUMN patterns.live_changes.change_size IS 'Lines added + deleted over the commit''s rows of the file (binary 0).';
COMMENT ON COLUMN patterns.live_changes.net_lines IS 'Lines added - deleted over the commit''s rows of the file.';
COMMENT ON COLUMN patterns.live_changes.statuses IS 'The status letters of the commit''s rows of the file, in git''s order.';
GRANT SELECT ON TABLE patterns.live_changes TO pgpattern_writer;
