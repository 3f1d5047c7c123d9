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
     * Their rows of git.changes are marked as counted (patterns.live_mark) and their files'
     * profiles are due again (patterns.file_profiles_stale).
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
    -- What their changes counted for: their rows as counted (the file counted for), those a
    -- DELETE removed or whose lines or status changed as they were (patterns.live_counted_gone).
    WITH
    gone AS (
        DELETE FROM patterns.live_counted_gone g
         WHERE g.project_id = p_project_id AND g.commit_id = ANY (p_commit_ids)
        RETURNING g.commit_id, g.change_no, g.file_id, g.lines_added, g.lines_deleted, g.status),
    counted AS (
        SELECT g.commit_id, g.change_no, g.file_id, g.lines_added, g.lines_deleted, g.status FROM gone g
        UNION ALL
        SELECT r.commit_id, r.change_no, r.counted_file_id, r.lines_added, r.lines_deleted, r.status
          FROM git.changes r
         WHERE r.project_id = p_project_id AND r.commit_id = ANY (p_commit_ids) AND r.counted_file_id IS NOT NULL
           AND NOT EXISTS (SELECT FROM gone g WHERE g.commit_id = r.commit_id AND g.change_no = r.change_no)
    ),
    changes AS (
        SELECT x.commit_id, x.file_id,
               sum(coalesce(x.lines_added, 0) + coalesce(x.lines_deleted, 0)) AS change_size,
               sum(coalesce(x.lines_added, 0) - coalesce(x.lines_deleted, 0)) AS net_lines,
               string_agg(x.status::text, '' ORDER BY x.change_no) AS statuses
          FROM counted x GROUP BY x.commit_id, x.file_id
    )
    SELECT array_agg(ROW(g.commit_id, p.path, c.author_key, c.files, c.commit_type = 'fix', g.change_size,
                         g.net_lines, g.statuses)::patterns.live_change)
      INTO v_old_changes
      FROM changes g
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
    PERFORM patterns.live_mark(p_project_id, p_commit_ids);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    INSERT INTO patterns.file_profiles_stale (project_id, file_id)
    SELECT p_project_id, g.path_id
      FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (files)
    ON CONFLICT DO NOTHING;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.live_refresh(bigint,bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';
GRANT EXECUTE ON FUNCTION patterns.live_refresh(bigint,bigint[]) TO pgpattern_writer;
