CREATE OR REPLACE FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_file_ids integer[];
BEGIN
    -- Whether these files (NULL: every file) are deleted as of the latest commit.
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.deleted_files t
     WHERE t.project_id = p_project_id AND (p_files IS NULL OR t.file_id = ANY (v_file_ids));
    INSERT INTO patterns.deleted_files (project_id, file_id)
    SELECT p_project_id, last.file_id
      FROM (SELECT DISTINCT ON (l.file_id) l.file_id, l.statuses
              FROM patterns.live_changes l
              JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
             WHERE l.project_id = p_project_id AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
             ORDER BY l.file_id, c.committed_at DESC, c.generation DESC, c.sha DESC) last
     WHERE strpos(last.statuses, 'D') > 0;
END
$function$;
COMMENT ON FUNCTION patterns.deleted_refresh(bigint,text[]) IS 'Recomputes patterns.deleted_files for these files of a project (NULL: all) from patterns.live_changes (merges change no files).';
GRANT EXECUTE ON FUNCTION patterns.deleted_refresh(bigint,text[]) TO pgpattern_writer;
