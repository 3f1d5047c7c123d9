-- Restores what 0955_patterns_live_counting_on_changes.sql replaced (generated with it).
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

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean)
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
    v_nestloop text;
BEGIN
    /*
     * Spec section 1 from the pair counts (patterns.cooccurrence_scores(), as a discovery
     * of a window scores them), for every pair of a changed file (all with p_full). What N
     * moves of the other pairs is left to patterns.rescore_cooccurrence(). Returns
     * {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    IF NOT p_full THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    ELSE
        -- Every pair at once, every join of whole tables: the planner would look each shared
        -- change's commit up by its key (541K probes, 0.9 s on the 100K synthetic history)
        -- where one hash join takes 0.1 s.
        v_nestloop := current_setting('enable_nestloop');
        PERFORM set_config('enable_nestloop', 'off', true);
    END IF;
    WITH
    dirty_ids AS (
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND (p_full OR pc.file_id_1 = ANY (v_file_ids))
        UNION
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND NOT p_full AND pc.file_id_2 = ANY (v_file_ids)
    ),
    dirty_pairs AS (
        -- A pair is counted under its files' numbers; its pattern names the paths in "C" order.
        -- The paths keep the columns' collation, so the joins below can use their indexes.
        SELECT CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN a.path ELSE b.path END AS file_path_1,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN b.path ELSE a.path END AS file_path_2, d.cochanges,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN d.file_id_1 ELSE d.file_id_2 END AS file_id_1,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN d.file_id_2 ELSE d.file_id_1 END AS file_id_2
          FROM dirty_ids d
          JOIN git.paths a ON a.project_id = p_project_id AND a.path_id = d.file_id_1
          JOIN git.paths b ON b.project_id = p_project_id AND b.path_id = d.file_id_2
    ),
    counted AS (
        SELECT d.file_path_1 AS file_1, d.file_path_2 AS file_2, d.file_id_1, d.file_id_2,
               d.cochanges::double precision AS n12,
               f1.cooc_changes::double precision AS n1, f2.cooc_changes::double precision AS n2
          FROM dirty_pairs d
          JOIN patterns.file_change_counts f1 ON f1.project_id = p_project_id AND f1.file_path = d.file_path_1
          JOIN patterns.file_change_counts f2 ON f2.project_id = p_project_id AND f2.file_path = d.file_path_2
    ),
    kept AS MATERIALIZED (
        SELECT c.*, s.*
          FROM counted c
          CROSS JOIN LATERAL patterns.cooccurrence_scores(c.n12, c.n1, c.n2, v_n) s
         WHERE s.confidence >= p_session.confidence_threshold
    ),
    current AS (
        -- The run's rows: all of them for a full refresh; else the active pairs of these
        -- files (their file indexes), and the inactive rows of pairs kept again, found by
        -- their hash (reading the run's every row cost an update of one commit 60 ms on ansible).
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session.id
           AND (p_full OR (c.is_active AND (c.file_path_1 = ANY (p_files) OR c.file_path_2 = ANY (p_files))))
        UNION ALL
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM kept k
          JOIN patterns.file_cooccurrence_patterns c
            ON c.project_id = p_project_id AND c.discovery_session_id = p_session.id
           AND c.pattern_hash = patterns.sha256_hex(least(k.file_1, k.file_2) || '|' || greatest(k.file_1, k.file_2))
         WHERE NOT p_full AND NOT c.is_active
    ),
    evidence AS (
        -- Recomputed where the pair's own commits may have changed (both files changed, or the
        -- row is new or was inactive); otherwise the stored evidence stands.
        SELECT k.file_1, k.file_2,
               (array_agg(c.sha ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1:50] AS shas,
               min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM kept k
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
          JOIN patterns.live_changes a ON a.project_id = p_project_id AND a.file_id = k.file_id_1
          JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = a.commit_id
                                      AND c.files <= p_session.max_changeset_size
          JOIN patterns.live_changes b ON b.project_id = p_project_id AND b.commit_id = a.commit_id AND b.file_id = k.file_id_2
         WHERE (p_full OR cur.id IS NULL OR NOT cur.is_active
                            OR (k.file_1 = ANY (p_files) AND k.file_2 = ANY (p_files)))
         GROUP BY k.file_1, k.file_2
    ),
    wanted AS MATERIALIZED (
        SELECT k.file_1, k.file_2, k.n12::integer AS n12, k.n1::integer AS n1, k.n2::integer AS n2,
               k.support, k.confidence, k.confidence_1_to_2 AS conf_12, k.confidence_2_to_1 AS conf_21, k.lift,
               k.coupling, k.strength,
               p.p_value, patterns.significance(p.p_value) AS significance,
               coalesce(e.shas, cur.contributing_commits) AS shas,
               coalesce(e.first_at, cur.first_observed_date) AS first_at,
               coalesce(e.last_at, cur.last_observed_date) AS last_at,
               cur.id, cur.is_active AS was_active
          FROM kept k
          CROSS JOIN LATERAL (SELECT patterns.chi_square_p_value(k.chi_square, 1) AS p_value OFFSET 0) p
          LEFT JOIN evidence e ON e.file_1 = k.file_1 AND e.file_2 = k.file_2
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
    ),
    updated AS (
        UPDATE patterns.file_cooccurrence_patterns c
           SET cooccurrence_count = w.n12, file_1_changes = w.n1, file_2_changes = w.n2, support_score = w.support,
               confidence_score = w.confidence, confidence_1_to_2 = w.conf_12, confidence_2_to_1 = w.conf_21,
               lift_score = w.lift, coupling_degree = w.coupling, pattern_strength = w.strength, p_value = w.p_value,
               statistical_significance = w.significance, contributing_commits = w.shas,
               first_observed_date = w.first_at, last_observed_date = w.last_at, is_active = true, updated_at = now()
          FROM wanted w
         WHERE c.project_id = p_project_id AND c.id = w.id
           AND (NOT c.is_active
                OR (c.cooccurrence_count, c.file_1_changes, c.file_2_changes, c.support_score, c.confidence_score,
                    c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
                    c.p_value, c.statistical_significance, c.contributing_commits, c.first_observed_date,
                    c.last_observed_date)
                   IS DISTINCT FROM
                   (w.n12, w.n1, w.n2, w.support, w.confidence, w.conf_12, w.conf_21, w.lift, w.coupling, w.strength,
                    w.p_value, w.significance, w.shas, w.first_at, w.last_at))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.file_cooccurrence_patterns (
            project_id, discovery_session_id, file_path_1, file_path_2, cooccurrence_count, file_1_changes,
            file_2_changes, support_score, confidence_score, confidence_1_to_2, confidence_2_to_1, lift_score,
            coupling_degree, pattern_strength, p_value, statistical_significance, contributing_commits,
            first_observed_date, last_observed_date)
        SELECT p_project_id, p_session.id, w.file_1, w.file_2, w.n12, w.n1, w.n2, w.support, w.confidence, w.conf_12,
               w.conf_21, w.lift, w.coupling, w.strength, w.p_value, w.significance, w.shas, w.first_at, w.last_at
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.file_cooccurrence_patterns c
           SET is_active = false, updated_at = now()
          FROM current cur
         WHERE c.project_id = p_project_id AND c.id = cur.id AND cur.is_active
           AND (p_full OR cur.file_path_1 = ANY (p_files) OR cur.file_path_2 = ANY (p_files))
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = cur.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    IF p_full THEN
        PERFORM set_config('enable_nestloop', v_nestloop, true);
    END IF;
    RETURN v_counts;
END
$function$;
COMMENT ON FUNCTION patterns.update_cooccurrence(bigint,patterns.pattern_discovery_sessions,text[],boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_cooccurrence(bigint,patterns.pattern_discovery_sessions,text[],boolean) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[])
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
    v_file_ids integer[];
BEGIN
    /*
     * Spec section 4 from the file profiles, scored as patterns.discover_magnitude() scores it,
     * for these files (every file when p_files is NULL). The span's end, the 95th
     * percentile and the percent ranks are taken over every file either way, so a file's
     * row is exact when written; the others' move with them in the rescore pass.
     * Returns {created, updated, invalidated}. Profiles are keyed by the files' ids (0841).
     */
    SELECT max(c.authored_at) INTO v_end_at FROM patterns.live_commits c WHERE c.project_id = p_project_id;
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    -- percentile_cont(0.95) of all change sizes, from their distribution: the values at the
    -- two ranks around 0.95 * (M - 1), interpolated as PostgreSQL does.
    WITH
    sizes AS (
        SELECT s.change_size::double precision AS size,
               sum(s.changes) OVER (ORDER BY s.change_size) AS upto
          FROM patterns.change_size_counts s
         WHERE s.project_id = p_project_id
    ),
    rank AS (SELECT 0.95::double precision * (max(s.upto) - 1) AS pos FROM sizes s)
    SELECT lo.size + (rank.pos - floor(rank.pos)) * (hi.size - lo.size)
      INTO v_p95
      FROM rank
      CROSS JOIN LATERAL (SELECT s.size FROM sizes s WHERE s.upto > floor(rank.pos) ORDER BY s.size LIMIT 1) lo
      CROSS JOIN LATERAL (SELECT s.size FROM sizes s WHERE s.upto > ceil(rank.pos) ORDER BY s.size LIMIT 1) hi;

    WITH
    files AS MATERIALIZED (
        SELECT f.*, g.path AS file_path
          FROM patterns.file_profiles f
          JOIN git.paths g ON g.project_id = f.project_id AND g.path_id = f.file_id
         WHERE f.project_id = p_project_id AND (p_files IS NULL OR f.file_id = ANY (v_file_ids))
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
        SELECT l.file_id, count(*) AS n
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
         GROUP BY l.file_id
    ),
    periods AS (
        -- The trailing year's commits (their time index), then their changes.
        SELECT l.file_id,
               patterns.trend_period(v_end_at, c.authored_at) AS period
          FROM patterns.live_commits c
          JOIN patterns.live_changes l ON l.project_id = c.project_id AND l.commit_id = c.commit_id
         WHERE c.project_id = p_project_id
           AND c.authored_at > v_end_at - interval '366 days 6 hours'  -- a superset the index serves
           AND patterns.in_trend_window(v_end_at, c.authored_at)
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
    ),
    trend AS (
        -- Of the files changed in the last year: the others' trend is 0 (no changes, mean 0).
        SELECT f.file_id, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM (SELECT f.* FROM files f WHERE EXISTS (SELECT FROM periods p WHERE p.file_id = f.file_id)) f
          JOIN generate_series(0, 11) g(period)
            ON g.period >= patterns.trend_period(v_end_at, f.first_at)
          LEFT JOIN (SELECT p.file_id, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_id = f.file_id AND c.period = g.period
         GROUP BY f.file_id
    ),
    ranks AS (
        -- Among every file of the run, whichever files are written: for many files by sorting
        -- them all; for a commit's few by counting, in one pass, the files below each (no sort;
        -- percent_rank is (rank - 1) / (n - 1), 0 for a single row, as PostgreSQL computes it).
        SELECT r.file_id, r.hotspot
          FROM (SELECT f.file_id,
                       patterns.hotspot_score(percent_rank() OVER (ORDER BY f.total),
                                              percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
                  FROM patterns.file_profiles f
                 WHERE f.project_id = p_project_id) r
         WHERE p_files IS NULL OR cardinality(v_file_ids) > 4 AND r.file_id = ANY (v_file_ids)
        UNION ALL
        SELECT o.file_id,
               patterns.hotspot_score(CASE WHEN o.n > 1 THEN o.below_total::double precision / (o.n - 1) ELSE 0 END,
                                      CASE WHEN o.n > 1 THEN o.below_net::double precision / (o.n - 1) ELSE 0 END)
          FROM (SELECT f.file_id, count(*) AS n, count(*) FILTER (WHERE x.total < f.total) AS below_total,
                       count(*) FILTER (WHERE x.net_size < f.net_size) AS below_net
                  FROM files f
                  JOIN patterns.file_profiles x ON x.project_id = p_project_id
                 WHERE p_files IS NOT NULL AND cardinality(v_file_ids) <= 4
                 GROUP BY f.file_id) o
    ),
    scored AS (
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, coalesce(tr.window_changes, 0) AS window_changes,
               patterns.trend_coefficient(tr.m, tr.mean, tr.slope) AS trend,
               patterns.stability_score(f.active_weeks, f.first_at, v_end_at) AS stability,
               rk.hotspot
          FROM files f
          LEFT JOIN trend tr ON tr.file_id = f.file_id
          JOIN ranks rk ON rk.file_id = f.file_id
          LEFT JOIN anomalies a ON a.file_id = f.file_id
    ),
    risked AS (
        SELECT s.*, patterns.risk_score(s.hotspot, s.anomaly, s.stability, s.diversity) AS risk
          FROM scored s
    ),
    wanted AS MATERIALIZED (
        -- A path's extension and category never change: computed for new files only.
        SELECT r.file_path,
               CASE WHEN cur.id IS NULL THEN patterns.file_extension(r.file_path) ELSE cur.file_extension END AS extension,
               CASE WHEN cur.id IS NULL THEN patterns.file_category(r.file_path) ELSE cur.file_category END AS category,
               patterns.change_category(r.avg_size) AS change_category, r.avg_size, r.max_size::integer AS max_size,
               patterns.change_frequency(r.total, r.first_at, v_end_at) AS frequency, r.volatility, r.stability,
               patterns.change_trend(r.window_changes, r.trend, r.volatility) AS change_trend, r.trend, r.risk,
               patterns.risk_level(r.risk) AS risk_level, r.anomaly, r.hotspot, r.diversity, r.statuses,
               patterns.season_shares(ARRAY[r.djf_changes, r.mam_changes, r.jja_changes, r.son_changes]::double precision[],
                                      r.total) AS seasons,
               r.first_at, r.last_at, r.total::integer AS total,
               extract(epoch FROM r.last_at - r.first_at)::double precision / 86400 AS lifespan,
               cur.id, cur.is_active AS was_active
          FROM risked r
          LEFT JOIN patterns.change_magnitude_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id AND cur.file_path = r.file_path
    ),
    updated AS (
        UPDATE patterns.change_magnitude_patterns m
           SET file_extension = w.extension, file_category = w.category, change_category = w.change_category,
               avg_lines_per_change = w.avg_size, max_lines_changed = w.max_size, change_frequency = w.frequency,
               volatility_score = w.volatility, stability_score = w.stability, change_trend = w.change_trend,
               trend_coefficient = w.trend, risk_score = w.risk, risk_level = w.risk_level, anomaly_score = w.anomaly,
               hotspot_score = w.hotspot, contributor_diversity_score = w.diversity, change_type_distribution = w.statuses,
               seasonal_patterns = w.seasons, first_change_date = w.first_at, last_change_date = w.last_at,
               total_changes = w.total, lifespan_days = w.lifespan, is_active = true, updated_at = now()
          FROM wanted w
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.id = w.id
           AND (NOT m.is_active
                OR (m.file_extension, m.file_category, m.change_category, m.avg_lines_per_change, m.max_lines_changed,
                    m.change_frequency, m.volatility_score, m.stability_score, m.change_trend, m.trend_coefficient,
                    m.risk_score, m.risk_level, m.anomaly_score, m.hotspot_score, m.contributor_diversity_score,
                    m.change_type_distribution, m.seasonal_patterns, m.first_change_date, m.last_change_date,
                    m.total_changes, m.lifespan_days)
                   IS DISTINCT FROM
                   (w.extension, w.category, w.change_category, w.avg_size, w.max_size, w.frequency, w.volatility,
                    w.stability, w.change_trend, w.trend, w.risk, w.risk_level, w.anomaly, w.hotspot, w.diversity,
                    w.statuses, w.seasons, w.first_at, w.last_at, w.total, w.lifespan))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.change_magnitude_patterns (
            project_id, discovery_session_id, file_path, file_extension, file_category, change_category,
            avg_lines_per_change, max_lines_changed, change_frequency, volatility_score, stability_score,
            change_trend, trend_coefficient, risk_score, risk_level, anomaly_score, hotspot_score,
            contributor_diversity_score, change_type_distribution, seasonal_patterns, first_change_date,
            last_change_date, total_changes, lifespan_days)
        SELECT p_project_id, p_session.id, w.file_path, w.extension, w.category, w.change_category, w.avg_size,
               w.max_size, w.frequency, w.volatility, w.stability, w.change_trend, w.trend, w.risk, w.risk_level,
               w.anomaly, w.hotspot, w.diversity, w.statuses, w.seasons, w.first_at, w.last_at, w.total, w.lifespan
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.change_magnitude_patterns m
           SET is_active = false, updated_at = now()
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.is_active
           AND (p_files IS NULL OR m.file_path = ANY (p_files))
           -- Rows whose file has no profile any more: every profiled file has a wanted row, and
           -- files is estimated well where wanted is not (a hash of 29K rows planned as 150M
           -- spilled to 2,048 batches: 0.4 s of a rescore on ansible).
           AND NOT EXISTS (SELECT FROM files f WHERE f.file_path = m.file_path)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$function$;
COMMENT ON FUNCTION patterns.update_magnitude(bigint,patterns.pattern_discovery_sessions,text[]) IS 'Brings a run''s change-magnitude patterns of these files (every file when NULL) up to date from the file profiles, with the span''s end, the 95th percentile and the percent ranks of all files; returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_magnitude(bigint,patterns.pattern_discovery_sessions,text[]) TO pgpattern_writer;
