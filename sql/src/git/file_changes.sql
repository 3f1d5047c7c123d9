CREATE OR REPLACE VIEW git.file_changes AS
SELECT c.project_id, c.commit_id, c.change_no, c.status, p.path, o.path AS old_path, c.lines_added, c.lines_deleted,
       c.old_mode, c.new_mode, l.path AS latest_path
  FROM git.changes c
  LEFT JOIN git.paths p ON p.project_id = c.project_id AND p.path_id = c.path_id
  LEFT JOIN git.paths o ON o.project_id = c.project_id AND o.path_id = c.old_path_id
  LEFT JOIN git.paths l ON l.project_id = c.project_id AND l.path_id = c.file_id;
COMMENT ON VIEW git.file_changes IS 'git.changes with its paths as text: one row per file a non-merge commit changed, as git diff against the first parent shows it (rename detection on, copy detection off). Writable: an INSERT, UPDATE or DELETE goes to git.changes (git.file_changes_write), giving new paths their numbers.';
COMMENT ON COLUMN git.file_changes.change_no IS 'The position of the change in git''s output for the commit.';
COMMENT ON COLUMN git.file_changes.status IS 'git''s status letter: A added, M modified, D deleted, R renamed, C copied, T type changed.';
COMMENT ON COLUMN git.file_changes.path IS E'The path after the change (for D, the path deleted). Bytes that are not UTF-8 appear as \\xNN.';
COMMENT ON COLUMN git.file_changes.old_path IS 'The path before a rename or copy; NULL otherwise.';
COMMENT ON COLUMN git.file_changes.lines_added IS 'Lines added; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.lines_deleted IS 'Lines deleted; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.old_mode IS 'The file mode before (0 when added); 57344 (octal 160000) is a submodule.';
COMMENT ON COLUMN git.file_changes.new_mode IS 'The file mode after (0 when deleted).';
COMMENT ON COLUMN git.file_changes.latest_path IS 'The file this change belongs to: its latest path across renames in the whole ingested history (maintained by git.refresh_lineage).';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE git.file_changes TO pgpattern_writer;
