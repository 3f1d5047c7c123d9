-- Restores what 0956_patterns_live_refresh_files_once.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.live_rebuild(p_project_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_commits bigint;
    v_ids     bigint[];
BEGIN
    /*
     * The whole live state of a project, recomputed from its history in set-based passes:
     * what a bulk ingest (a first ingest of a long history) uses instead of counting
     * commit by commit. Returns the commits of T.
     */
    PERFORM pg_advisory_xact_lock(core.lock_class('live'), p_project_id::integer);  -- 'live'
    -- Every profile is due again (the files counted before among them).
    INSERT INTO patterns.file_profiles_stale (project_id, file_id)
    SELECT p_project_id, f.file_id FROM patterns.file_profiles f WHERE f.project_id = p_project_id
    ON CONFLICT DO NOTHING;
    DELETE FROM patterns.live_counted_gone l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.live_commits l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_change_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_pair_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_author_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_commit_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.change_size_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.commit_time_bins l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_week_counts l WHERE l.project_id = p_project_id;

    v_ids := ARRAY(SELECT c.commit_id FROM git.commits c WHERE c.project_id = p_project_id);
    INSERT INTO patterns.live_commits
    SELECT n.project_id, n.commit_id, n.sha, n.author_key, n.author_name, n.authored_at, n.committed_at, n.local_time,
           n.commit_type, n.files, n.change_size,
           row_number() OVER (ORDER BY n.authored_at, n.committed_at, c.generation, n.sha COLLATE "C")
      FROM patterns.live_commits_of(p_project_id, v_ids) n
      JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = n.commit_id;
    GET DIAGNOSTICS v_commits = ROW_COUNT;
    -- The paths of T's changes (the changes of its commits: non-merge ones) get their numbers.
    PERFORM git.intern_keys(p_project_id,
                            ARRAY(SELECT DISTINCT fc.latest_path FROM git.file_changes fc
                                    JOIN patterns.live_commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
                                   WHERE fc.project_id = p_project_id),
                            ARRAY(SELECT DISTINCT c.author_key FROM patterns.live_commits c WHERE c.project_id = p_project_id));
    -- The changes of T: git.changes' rows marked as counted (patterns.live_changes reads them).
    PERFORM patterns.live_mark(p_project_id, NULL);
    INSERT INTO patterns.file_profiles_stale (project_id, file_id)
    SELECT DISTINCT p_project_id, l.file_id FROM patterns.live_changes l WHERE l.project_id = p_project_id
    ON CONFLICT DO NOTHING;
    ANALYZE patterns.live_commits, git.changes;  -- read by the passes below
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, g.path, count(*), count(*) FILTER (WHERE c.files <= patterns.live_max_changeset_size()), count(*) FILTER (WHERE c.commit_type = 'fix')
      FROM patterns.live_changes l
      JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
      JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
     WHERE l.project_id = p_project_id GROUP BY g.path;
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, a.file_id, b.file_id, count(*)
      FROM patterns.live_commits c
      JOIN patterns.live_changes a ON a.project_id = c.project_id AND a.commit_id = c.commit_id
      JOIN patterns.live_changes b ON b.project_id = c.project_id AND b.commit_id = c.commit_id AND a.file_id < b.file_id
     WHERE c.project_id = p_project_id AND c.files <= patterns.live_max_changeset_size()
     GROUP BY a.file_id, b.file_id;
    -- 0840: the author counts by the authors' numbers.
    INSERT INTO patterns.file_author_counts (project_id, file_id, author_id, changes)
    SELECT p_project_id, l.file_id, a.author_id, count(*)
      FROM patterns.live_changes l
      JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
      JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE l.project_id = p_project_id GROUP BY l.file_id, a.author_id;
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, l.change_size, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.change_size;
    INSERT INTO patterns.author_commit_counts (project_id, author_id, commits, files, lines)
    SELECT p_project_id, a.author_id, count(*), sum(c.files), sum(c.change_size)
      FROM patterns.live_commits c JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE c.project_id = p_project_id GROUP BY a.author_id;
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, count(*)
      FROM patterns.live_commits c
     CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
     WHERE c.project_id = p_project_id
     GROUP BY b.pattern_type, b.bin;
    INSERT INTO patterns.author_week_counts (project_id, author_id, week, commits)
    SELECT p_project_id, a.author_id, patterns.iso_week_start(c.authored_at), count(*)
      FROM patterns.live_commits c JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE c.project_id = p_project_id GROUP BY 2, 3;
    -- 0660: the decayed sums of the `recent` suggestions.
    PERFORM patterns.recency_recompute(p_project_id, NULL);
    PERFORM patterns.deleted_refresh(p_project_id, NULL);
    -- The update that follows in this transaction plans on these statistics: without them it
    -- would take the tables for as empty as they were (minutes instead of seconds at 10K commits).
    ANALYZE patterns.live_commits, git.changes, patterns.file_change_counts, patterns.file_pair_counts,
            patterns.file_author_counts, patterns.author_commit_counts, patterns.author_week_counts,
            patterns.change_size_counts, patterns.file_author_recency,
            patterns.deleted_files, git.paths, git.authors;
    RETURN v_commits;
END
$function$;
COMMENT ON FUNCTION patterns.live_rebuild(bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Includes the recency rows of the `recent` suggestions. Serialised per project with patterns.live_refresh().';
GRANT EXECUTE ON FUNCTION patterns.live_rebuild(bigint) TO pgpattern_writer;

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
    INSERT INTO patterns.file_profiles_stale (project_id, file_id)
    SELECT DISTINCT p_project_id, g.path_id
      FROM (SELECT o.file_path FROM unnest(v_old_changes) o UNION SELECT n.file_path FROM unnest(v_new_changes) n) f
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = f.file_path
    ON CONFLICT DO NOTHING;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.live_refresh(bigint,bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';
GRANT EXECUTE ON FUNCTION patterns.live_refresh(bigint,bigint[]) TO pgpattern_writer;
