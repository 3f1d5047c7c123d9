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
