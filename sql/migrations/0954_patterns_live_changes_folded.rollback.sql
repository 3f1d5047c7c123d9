-- patterns.live_changes a table again, filled with what the live state counted (the marked rows
-- of git.changes and the gone ones, a row per commit and counted file), as 0921 left it.

DROP VIEW patterns.live_changes;
CREATE TABLE patterns.live_changes (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    commit_id bigint NOT NULL,
    file_id integer NOT NULL,
    ordinal integer NOT NULL,
    change_size integer NOT NULL,
    net_lines integer NOT NULL,
    statuses text NOT NULL
);
INSERT INTO patterns.live_changes (project_id, commit_id, file_id, ordinal, change_size, net_lines, statuses)
SELECT x.project_id, x.commit_id, x.file_id, c.ordinal,
       sum(coalesce(x.lines_added, 0) + coalesce(x.lines_deleted, 0)), sum(coalesce(x.lines_added, 0) - coalesce(x.lines_deleted, 0)),
       string_agg(x.status::text, '' ORDER BY x.change_no)
  FROM (SELECT g.project_id, g.commit_id, g.change_no, g.file_id, g.lines_added, g.lines_deleted, g.status
          FROM patterns.live_counted_gone g
        UNION ALL
        SELECT r.project_id, r.commit_id, r.change_no, r.counted_file_id, r.lines_added, r.lines_deleted, r.status
          FROM git.changes r
         WHERE r.counted_file_id IS NOT NULL
           AND NOT EXISTS (SELECT FROM patterns.live_counted_gone g
                            WHERE g.project_id = r.project_id AND g.commit_id = r.commit_id AND g.change_no = r.change_no)) x
  JOIN patterns.live_commits c ON c.project_id = x.project_id AND c.commit_id = x.commit_id
 GROUP BY x.project_id, x.commit_id, x.file_id, c.ordinal
 ORDER BY x.project_id, x.file_id, c.ordinal;
COMMENT ON TABLE patterns.live_changes IS 'The changes of T, one row per (commit, file by latest path: its number in git.paths), with what belongs to the change alone; its commit''s columns are in patterns.live_commits. Kept by triggers on git.file_changes.';
COMMENT ON COLUMN patterns.live_changes.ordinal IS 'The commit''s place in time order (patterns.live_commits.ordinal), so that the file index gives a file''s changes newest first.';
COMMENT ON COLUMN patterns.live_changes.change_size IS 'Lines added + deleted over the commit''s rows for this file (binary 0).';
COMMENT ON COLUMN patterns.live_changes.net_lines IS 'Lines added - deleted.';
COMMENT ON COLUMN patterns.live_changes.statuses IS 'The status letters of the rows that map to this file, in change order (''M'', ''AD'').';
GRANT SELECT, INSERT, DELETE, UPDATE ON TABLE patterns.live_changes TO pgpattern_writer;
ALTER TABLE patterns.live_changes
    ADD CONSTRAINT live_changes_pkey PRIMARY KEY (project_id, file_id, ordinal) DEFERRABLE INITIALLY IMMEDIATE;
COMMENT ON CONSTRAINT live_changes_pkey ON patterns.live_changes IS
    'A file''s changes in time order (its profile, its pairs'' evidence, the decayed sums); checked at the end of each statement, since patterns.live_place renumbers commits in one UPDATE.';
CREATE INDEX live_changes_commit_idx ON patterns.live_changes USING btree (project_id, commit_id);
COMMENT ON INDEX patterns.live_changes_commit_idx IS 'A commit''s changes (deduplicated: one entry per commit).';
CREATE INDEX live_changes_size_idx ON patterns.live_changes USING btree (project_id, change_size);
COMMENT ON INDEX patterns.live_changes_size_idx IS 'Changes above a size (anomaly scores).';

CREATE FUNCTION patterns.live_changes_mark_profiles()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_rows text;
BEGIN
    FOREACH v_rows IN ARRAY TG_ARGV LOOP
        -- Not for a project being deleted (its rows go with it).
        EXECUTE format('INSERT INTO patterns.file_profiles_stale (project_id, file_id)
                        SELECT DISTINCT r.project_id, r.file_id FROM %I r
                         WHERE EXISTS (SELECT FROM core.projects p WHERE p.project_id = r.project_id)
                        ON CONFLICT DO NOTHING', v_rows);
    END LOOP;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_changes_mark_profiles() IS 'After a write of patterns.live_changes: records the files of the rows written (transition tables named by the trigger''s arguments) in patterns.file_profiles_stale.';
GRANT EXECUTE ON FUNCTION patterns.live_changes_mark_profiles() TO pgpattern_writer;
CREATE TRIGGER live_changes_profiles_insert AFTER INSERT ON patterns.live_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('new_rows');
CREATE TRIGGER live_changes_profiles_update AFTER UPDATE ON patterns.live_changes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows', 'new_rows');
CREATE TRIGGER live_changes_profiles_delete AFTER DELETE ON patterns.live_changes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows');

DROP TRIGGER changes_live_update ON git.changes;
CREATE TRIGGER changes_live_update AFTER UPDATE ON git.changes REFERENCING NEW TABLE AS updated_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_updated();
COMMENT ON TRIGGER changes_live_update ON git.changes IS 'Changed rows (lineage): their commits are counted again (patterns.live_changed).';

DROP TABLE patterns.live_counted_gone;
DROP INDEX git.changes_counted_idx;
DROP INDEX git.changes_counted_more_idx;
ALTER TABLE git.changes DROP COLUMN counted_file_id, DROP COLUMN ordinal;
