CREATE OR REPLACE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[])
 RETURNS TABLE(files text[], authors text[], commits integer)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_old_commits patterns.live_commits[];
    v_old_changes patterns.live_change[];
    v_new_commits patterns.live_commits[];
    v_new_changes patterns.live_change[];
BEGIN
    /*
     * Brings the live state of these commits up to date with git.commits and
     * git.file_changes: what they counted for goes, what they count for now comes in.
     * Returns the files and authors whose counts moved and the commits added (negative
     * when removed). One writer of a project's live state at a time. A project being
     * deleted has nothing to keep (its live rows go with it). A commit counted again
     * keeps its place in time order; a new one is given its place (patterns.live_place).
     */
    files := '{}';
    authors := '{}';
    commits := 0;
    IF NOT EXISTS (SELECT FROM core.projects p WHERE p.project_id = p_project_id) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(core.lock_class('live'), p_project_id::integer);  -- 'live'
    WITH gone AS (
        DELETE FROM patterns.live_commits l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_commits) INTO v_old_commits FROM gone g;
    WITH gone AS (
        DELETE FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(ROW(g.commit_id, p.path, c.author_key, c.files, c.commit_type = 'fix', g.change_size::bigint,
                         g.net_lines::bigint, g.statuses)::patterns.live_change)
      INTO v_old_changes
      FROM gone g
      JOIN unnest(v_old_commits) c ON c.commit_id = g.commit_id
      JOIN git.paths p ON p.project_id = p_project_id AND p.path_id = g.file_id;

    SELECT array_agg(n) INTO v_new_changes FROM patterns.live_changes_of(p_project_id, p_commit_ids) n;
    PERFORM git.intern_keys(p_project_id, ARRAY(SELECT n.file_path FROM unnest(v_new_changes) n),
                            ARRAY(SELECT n.author_key FROM unnest(v_new_changes) n));
    WITH new_commits AS (
        INSERT INTO patterns.live_commits
        SELECT n.project_id, n.commit_id, n.sha, n.author_key, n.author_name, n.authored_at, n.committed_at, n.local_time,
               n.commit_type, n.files, n.change_size, coalesce(o.ordinal, 0)
          FROM patterns.live_commits_of(p_project_id, p_commit_ids) n
          LEFT JOIN unnest(v_old_commits) o ON o.commit_id = n.commit_id
        RETURNING *)
    SELECT array_agg(n::patterns.live_commits) INTO v_new_commits FROM new_commits n;
    IF v_old_commits IS NULL AND v_new_commits IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM patterns.live_place(p_project_id, p_commit_ids);
    INSERT INTO patterns.live_changes (project_id, commit_id, file_id, ordinal, change_size, net_lines, statuses)
    SELECT p_project_id, n.commit_id, g.path_id, c.ordinal, n.change_size, n.net_lines, n.statuses
      FROM unnest(v_new_changes) n
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
      JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = n.commit_id;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.live_refresh(bigint,bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';
GRANT EXECUTE ON FUNCTION patterns.live_refresh(bigint,bigint[]) TO pgpattern_writer;
