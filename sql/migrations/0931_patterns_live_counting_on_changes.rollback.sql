-- Restores what 0931_patterns_live_counting_on_changes.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

DROP FUNCTION patterns.live_mark(bigint,bigint[]);
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
    ELSE
        UPDATE git.changes c
           SET project_id = NEW.project_id, commit_id = NEW.commit_id, change_no = NEW.change_no, path_id = v_path_id,
               file_id = v_file_id, lines_added = NEW.lines_added, lines_deleted = NEW.lines_deleted,
               old_mode = NEW.old_mode, new_mode = NEW.new_mode, status = NEW.status, old_path_id = v_old_path_id
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION git.file_changes_write() IS 'INSTEAD OF trigger of the view git.file_changes: writes the row to git.changes with its paths'' numbers (new paths get one in git.paths). A row at a time: bulk writers (the ingest) COPY into git.changes.';
GRANT EXECUTE ON FUNCTION git.file_changes_write() TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_file_changes_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(o.project_id, array_agg(DISTINCT o.commit_id))
                      FROM %I o GROUP BY o.project_id', 'deleted_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.changes (forgotten history): takes the commits out of the live state and queues the pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_deleted() TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_file_changes_updated()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Lineage re-keys changes (refresh_lineage); their commits are counted again.
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'updated_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.changes (lineage): counts the commits of the changed rows again and queues their pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_updated() TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_place(p_project_id bigint, p_commit_ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_first record;
    v_base  integer;
BEGIN
    /*
     * Numbers the commits among these that have no place yet (ordinal 0) in T's time
     * order. Commits arrive mostly newest: then they are numbered on after the newest.
     * One that lands before others is numbered among them, and the commits after it are
     * numbered on (with their changes), so the numbers stay in time order; a commit that
     * was counted before keeps its number (patterns.live_refresh passes it on).
     */
    SELECT l.authored_at, l.committed_at, c.generation, l.sha INTO v_first
      FROM patterns.live_commits l
      JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
     WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids) AND l.ordinal = 0
     ORDER BY l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C"
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- The number of the commit just before the first unplaced one (0: none): the newest
    -- of those before it, found from the time index backwards.
    SELECT l.ordinal INTO v_base
      FROM patterns.live_commits l
      JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
     WHERE l.project_id = p_project_id AND l.ordinal > 0 AND l.authored_at <= v_first.authored_at
       AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
         < (v_first.authored_at, v_first.committed_at, v_first.generation, v_first.sha COLLATE "C")
     ORDER BY l.authored_at DESC, l.ordinal DESC
     LIMIT 1;
    v_base := coalesce(v_base, 0);
    WITH
    after AS (
        SELECT l.commit_id, l.ordinal,
               v_base + (row_number() OVER (ORDER BY l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C"))::integer
                   AS placed
          FROM patterns.live_commits l
          JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND l.authored_at >= v_first.authored_at
           AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
            >= (v_first.authored_at, v_first.committed_at, v_first.generation, v_first.sha COLLATE "C")
    ),
    moved AS (
        UPDATE patterns.live_commits l SET ordinal = a.placed
          FROM after a
         WHERE l.project_id = p_project_id AND l.commit_id = a.commit_id AND l.ordinal <> a.placed
        RETURNING l.commit_id, l.ordinal
    )
    UPDATE patterns.live_changes x SET ordinal = m.ordinal
      FROM moved m
     WHERE x.project_id = p_project_id AND x.commit_id = m.commit_id;
END
$function$;
COMMENT ON FUNCTION patterns.live_place(bigint,bigint[]) IS 'Gives the commits among these that have no place yet in patterns.live_commits (ordinal 0) their place in T''s time order, numbering on the commits after the first of them (and their changes in patterns.live_changes) when it lands before them.';
GRANT EXECUTE ON FUNCTION patterns.live_place(bigint,bigint[]) TO pgpattern_writer;

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
    DELETE FROM patterns.live_changes l WHERE l.project_id = p_project_id;
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
    -- Stored a file's changes at a time, in time order: the order they are read in.
    INSERT INTO patterns.live_changes (project_id, commit_id, file_id, ordinal, change_size, net_lines, statuses)
    SELECT p_project_id, n.commit_id, g.path_id, c.ordinal, n.change_size, n.net_lines, n.statuses
      FROM patterns.live_changes_of(p_project_id, v_ids) n
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
      JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = n.commit_id
     ORDER BY g.path_id, c.ordinal;
    ANALYZE patterns.live_commits, patterns.live_changes;  -- read by the passes below
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
    ANALYZE patterns.live_commits, patterns.live_changes, patterns.file_change_counts, patterns.file_pair_counts,
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
