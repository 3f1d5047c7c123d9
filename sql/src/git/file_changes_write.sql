CREATE OR REPLACE FUNCTION git.file_changes_write()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_path_id     integer;
    v_old_path_id integer;
    v_file_id     integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM git.changes c
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
        RETURN OLD;
    END IF;
    PERFORM git.intern_keys(NEW.project_id, ARRAY[NEW.path, NEW.old_path, NEW.latest_path], ARRAY[]::text[]);
    v_path_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.path);
    v_old_path_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.old_path);
    v_file_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.latest_path);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO git.changes (project_id, commit_id, change_no, path_id, file_id, lines_added, lines_deleted,
                                 old_mode, new_mode, status, old_path_id)
        VALUES (NEW.project_id, NEW.commit_id, NEW.change_no, v_path_id, v_file_id, NEW.lines_added,
                NEW.lines_deleted, NEW.old_mode, NEW.new_mode, NEW.status, v_old_path_id);
    ELSIF (NEW.project_id, NEW.commit_id, NEW.change_no) IS DISTINCT FROM (OLD.project_id, OLD.commit_id, OLD.change_no) THEN
        -- Moved to another commit or place: removed and stored anew, so that the live state
        -- counts it out of its old commit and into its new one (its counted marks stay behind).
        DELETE FROM git.changes c
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
        INSERT INTO git.changes (project_id, commit_id, change_no, path_id, file_id, lines_added, lines_deleted,
                                 old_mode, new_mode, status, old_path_id)
        VALUES (NEW.project_id, NEW.commit_id, NEW.change_no, v_path_id, v_file_id, NEW.lines_added,
                NEW.lines_deleted, NEW.old_mode, NEW.new_mode, NEW.status, v_old_path_id);
    ELSE
        UPDATE git.changes c
           SET path_id = v_path_id, file_id = v_file_id, lines_added = NEW.lines_added, lines_deleted = NEW.lines_deleted,
               old_mode = NEW.old_mode, new_mode = NEW.new_mode, status = NEW.status, old_path_id = v_old_path_id
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION git.file_changes_write() IS 'INSTEAD OF trigger of the view git.file_changes: writes the row to git.changes with its paths'' numbers (new paths get one in git.paths). A row at a time: bulk writers (the ingest) COPY into git.changes.';
GRANT EXECUTE ON FUNCTION git.file_changes_write() TO pgpattern_writer;
