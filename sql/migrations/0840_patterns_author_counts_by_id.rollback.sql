-- The author counts keyed by text again (0740's layout), with their rows.

CREATE TABLE patterns.file_author_counts_by_text (
    project_id bigint NOT NULL,
    file_path text NOT NULL,
    author_key text NOT NULL,
    changes integer NOT NULL
);
INSERT INTO patterns.file_author_counts_by_text (project_id, file_path, author_key, changes)
SELECT t.project_id, g.path, a.author_key, t.changes
  FROM patterns.file_author_counts t
  JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id
  JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id;
DROP TABLE patterns.file_author_counts;
ALTER TABLE patterns.file_author_counts_by_text RENAME TO file_author_counts;
ALTER TABLE patterns.file_author_counts
    ADD PRIMARY KEY (project_id, file_path, author_key),
    ADD FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
CREATE INDEX file_author_counts_author_idx ON patterns.file_author_counts (project_id, author_key);
COMMENT ON TABLE patterns.file_author_counts IS 'Per file and author, the commits of T in which the author changed the file (specialties, collaboration, diversity, knowledge silos).';
COMMENT ON INDEX patterns.file_author_counts_author_idx IS 'The files of an author.';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.file_author_counts TO pgpattern_writer;

CREATE TABLE patterns.author_commit_counts_by_text (
    project_id bigint NOT NULL,
    author_key text NOT NULL,
    commits integer NOT NULL,
    files bigint NOT NULL,
    lines bigint NOT NULL
);
INSERT INTO patterns.author_commit_counts_by_text (project_id, author_key, commits, files, lines)
SELECT t.project_id, a.author_key, t.commits, t.files, t.lines
  FROM patterns.author_commit_counts t
  JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id;
DROP TABLE patterns.author_commit_counts;
ALTER TABLE patterns.author_commit_counts_by_text RENAME TO author_commit_counts;
ALTER TABLE patterns.author_commit_counts
    ADD PRIMARY KEY (project_id, author_key),
    ADD FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
COMMENT ON TABLE patterns.author_commit_counts IS 'Per author, the commits of T, the sum of their file counts and of their lines changed.';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.author_commit_counts TO pgpattern_writer;

CREATE TABLE patterns.author_week_counts_by_text (
    project_id bigint NOT NULL,
    author_key text NOT NULL,
    week date NOT NULL,
    commits integer NOT NULL
);
INSERT INTO patterns.author_week_counts_by_text (project_id, author_key, week, commits)
SELECT t.project_id, a.author_key, t.week, t.commits
  FROM patterns.author_week_counts t
  JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id;
DROP TABLE patterns.author_week_counts;
ALTER TABLE patterns.author_week_counts_by_text RENAME TO author_week_counts;
ALTER TABLE patterns.author_week_counts
    ADD PRIMARY KEY (project_id, author_key, week),
    ADD FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
COMMENT ON TABLE patterns.author_week_counts IS 'Per author and ISO week (UTC, its Monday), the commits of T: the active weeks behind consistency and temporal overlap.';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.author_week_counts TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_change[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_change[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * Moves the count tables from what the old rows counted for to what the new rows
     * count for. Only net differences are written (a lineage change leaves most of its
     * commits' pairs as they were): existing counts by a set-based UPDATE, new ones by an
     * INSERT of the keys the table did not hold (faster than ON CONFLICT row by row;
     * ingest of a project is serialised by its advisory lock, so no other writer adds the
     * same keys meanwhile). Counts that reach 0 are deleted.
     */
    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, sum(c.sign) AS changes, coalesce(sum(c.sign) FILTER (WHERE c.commit_files <= 30), 0) AS cooc,
               coalesce(sum(c.sign) FILTER (WHERE c.is_fix), 0) AS fixes
          FROM changes c GROUP BY c.file_path
        HAVING sum(c.sign) <> 0 OR sum(c.sign) FILTER (WHERE c.commit_files <= 30) <> 0
            OR sum(c.sign) FILTER (WHERE c.is_fix) <> 0
    ),
    updated AS (
        UPDATE patterns.file_change_counts t
           SET changes = t.changes + d.changes, cooc_changes = t.cooc_changes + d.cooc, fix_changes = t.fix_changes + d.fixes
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path
    )
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, d.file_path, d.changes, d.cooc, d.fixes FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.file_path = d.file_path);

    WITH
    changes AS (
        SELECT c.sign, c.commit_id, g.path_id
          FROM (SELECT -1 AS sign, o.commit_id, o.file_path FROM unnest(p_old_changes) o WHERE o.commit_files <= 30
                UNION ALL
                SELECT 1, n.commit_id, n.file_path FROM unnest(p_new_changes) n WHERE n.commit_files <= 30) c
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path
    ),
    delta AS (
        SELECT a.path_id AS file_1, b.path_id AS file_2, sum(a.sign) AS n
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND b.sign = a.sign AND a.path_id < b.path_id
         GROUP BY 1, 2
        HAVING sum(a.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_pair_counts t SET cochanges = t.cochanges + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2
    )
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, d.file_1, d.file_2, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_pair_counts t
                        WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, c.author_key, sum(c.sign) AS n FROM changes c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_author_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key
    )
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, d.file_path, d.author_key, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_author_counts t
                        WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (SELECT c.change_size, sum(c.sign) AS n FROM changes c GROUP BY 1 HAVING sum(c.sign) <> 0),
    updated AS (
        UPDATE patterns.change_size_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.change_size = d.change_size
    )
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, d.change_size, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.change_size_counts t
                        WHERE t.project_id = p_project_id AND t.change_size = d.change_size);

    -- Commits: a lineage change re-counts a commit as it was, so these nets are often zero.
    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, sum(c.sign) AS commits, sum(c.sign * c.files) AS files, sum(c.sign * c.change_size) AS lines
          FROM commits c GROUP BY 1
        HAVING sum(c.sign) <> 0 OR sum(c.sign * c.files) <> 0 OR sum(c.sign * c.change_size) <> 0
    ),
    updated AS (
        UPDATE patterns.author_commit_counts t
           SET commits = t.commits + d.commits, files = t.files + d.files, lines = t.lines + d.lines
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key
    )
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, d.author_key, d.commits, d.files, d.lines FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_commit_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, patterns.iso_week_start(c.authored_at) AS week, sum(c.sign) AS n
          FROM commits c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.author_week_counts t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week
    )
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, d.author_key, d.week, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_week_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT b.pattern_type, b.bin, sum(c.sign) AS n
          FROM commits c
         CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
         GROUP BY 1, 2
        HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.commit_time_bins t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin
    )
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, d.pattern_type, d.bin, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.commit_time_bins t
                        WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin);

    IF p_old_changes IS NOT NULL THEN
        DELETE FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.file_pair_counts t WHERE t.project_id = p_project_id AND t.cochanges = 0
           AND t.file_id_1 IN (SELECT g.path_id FROM unnest(p_old_changes) c
                                 JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path);
        DELETE FROM patterns.file_author_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_old_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.author_week_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;

    -- 0660: the decayed sums of the `recent` suggestions, read against the counts just written.
    PERFORM patterns.live_recency(p_project_id, p_old_changes, p_new_changes);
END
$$;

CREATE OR REPLACE FUNCTION patterns.live_rebuild(p_project_id bigint) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_commits bigint;
    v_ids     bigint[];
BEGIN
    /*
     * The whole live state of a project, recomputed from its history in set-based passes:
     * what a bulk ingest (a first ingest of a long history) uses instead of counting
     * commit by commit. Returns the commits of T.
     */
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
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
    SELECT p_project_id, g.path, count(*), count(*) FILTER (WHERE c.files <= 30), count(*) FILTER (WHERE c.commit_type = 'fix')
      FROM patterns.live_changes l
      JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
      JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
     WHERE l.project_id = p_project_id GROUP BY g.path;
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, a.file_id, b.file_id, count(*)
      FROM patterns.live_commits c
      JOIN patterns.live_changes a ON a.project_id = c.project_id AND a.commit_id = c.commit_id
      JOIN patterns.live_changes b ON b.project_id = c.project_id AND b.commit_id = c.commit_id AND a.file_id < b.file_id
     WHERE c.project_id = p_project_id AND c.files <= 30
     GROUP BY a.file_id, b.file_id;
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, g.path, c.author_key, count(*)
      FROM patterns.live_changes l
      JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
      JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
     WHERE l.project_id = p_project_id GROUP BY g.path, c.author_key;
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, l.change_size, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.change_size;
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, c.author_key, count(*), sum(c.files), sum(c.change_size)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY c.author_key;
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, count(*)
      FROM patterns.live_commits c
     CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
     WHERE c.project_id = p_project_id
     GROUP BY b.pattern_type, b.bin;
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, c.author_key, patterns.iso_week_start(c.authored_at), count(*)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY 2, 3;
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
$$;

CREATE OR REPLACE FUNCTION patterns.update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Called for a few files and for all of them: each call planned for its own (0670).
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    v_authors    text[];
    v_committers text[];
    v_counts     integer[];
BEGIN
    /*
     * Spec section 3, scored as patterns.discover_developers() scores it, for the authors whose
     * profile can have changed: those who committed and, with p_ripple, those who changed
     * a changed file (shares, collaborators, collaboration files) and those with a
     * committing author among their collaborators (temporal overlap); what comes of an
     * author's own commits alone
     * (counts, dates, regularity, types, ...) only for those who committed. Every other
     * author's row moves only with the number of directories (specialization), which
     * patterns.rescore_developers() follows. Returns {created, updated, invalidated}.
     */
    IF p_full THEN
        v_committers := ARRAY(SELECT a.author_key FROM patterns.author_commit_counts a WHERE a.project_id = p_project_id);
        v_authors := ARRAY(SELECT a.author_key FROM patterns.author_commit_counts a WHERE a.project_id = p_project_id
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session.id AND d.is_active);
    ELSE
        v_committers := p_authors;
        v_authors := ARRAY(SELECT unnest(p_authors)
                           UNION
                           SELECT fa.author_key FROM patterns.file_author_counts fa
                            WHERE p_ripple AND fa.project_id = p_project_id AND fa.file_path = ANY (p_files)
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE p_ripple AND d.project_id = p_project_id AND d.discovery_session_id = p_session.id
                              AND d.is_active AND d.frequent_collaborators && p_authors);
    END IF;

    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
    entropy AS (
        SELECT x.author_key, -sum(x.share * ln(x.share) ORDER BY x.share) AS h
          FROM (SELECT fa.author_key,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_key) AS share
                  FROM patterns.file_author_counts fa
                 WHERE fa.project_id = p_project_id AND fa.author_key = ANY (v_authors)
                 GROUP BY fa.author_key, patterns.parent_directory(fa.file_path)) x
         GROUP BY x.author_key
    ),
    commits AS MATERIALIZED (
        SELECT c.* FROM patterns.live_commits c
         WHERE c.project_id = p_project_id AND c.author_key = ANY (v_committers)
    ),
    authors AS (
        SELECT c.author_key, count(*) AS commits, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at,
               (array_agg(c.author_name ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1] AS author_name,
               avg(c.files) AS files_per_commit,
               sum(c.change_size)::double precision AS lines,
               count(DISTINCT c.local_time::date) AS active_days
          FROM commits c
         GROUP BY c.author_key
    ),
    gaps AS (
        SELECT g.author_key,
               patterns.commit_regularity(array_agg(g.gap)) AS regularity
          FROM (SELECT c.author_key,
                       extract(epoch FROM c.authored_at - lag(c.authored_at) OVER (
                           PARTITION BY c.author_key ORDER BY c.authored_at, c.committed_at, c.sha))::double precision / 86400 AS gap
                  FROM commits c) g
         WHERE g.gap IS NOT NULL
         GROUP BY g.author_key
    ),
    types AS (
        SELECT x.author_key, jsonb_object_agg(x.commit_type, x.commits) AS distribution
          FROM (SELECT c.author_key, c.commit_type, count(*) AS commits FROM commits c GROUP BY 1, 2) x
         GROUP BY x.author_key
    ),
    file_authors AS MATERIALIZED (
        -- Every author of the files these authors changed.
        SELECT fa.file_path, fa.author_key, fa.changes::bigint AS changes
          FROM patterns.file_author_counts fa
         WHERE fa.project_id = p_project_id
           AND fa.file_path IN (SELECT x.file_path FROM patterns.file_author_counts x
                                 WHERE x.project_id = p_project_id AND x.author_key = ANY (v_authors))
    ),
    files AS MATERIALIZED (
        SELECT fa.file_path, sum(fa.changes) AS changes, count(*) AS authors FROM file_authors fa GROUP BY fa.file_path
    ),
    specialties AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, fa.file_path, fa.changes,
                       row_number() OVER (PARTITION BY fa.author_key ORDER BY fa.changes DESC, fa.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE fa.author_key = ANY (v_authors) AND patterns.is_specialty(fa.changes, f.changes)) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    author_numbers AS MATERIALIZED (
        -- The files' authors numbered in their text order, the order that breaks ties among
        -- collaborators: the pairs below are counted and ranked over integers (on ansible a
        -- million join rows; grouped and sorted by text they took 3.5 s of a 5 s discovery step).
        SELECT a.author_key, row_number() OVER (ORDER BY a.author_key) AS n, a.author_key = ANY (v_authors) AS wanted
          FROM (SELECT DISTINCT fa.author_key FROM file_authors fa) a
    ),
    numbered AS MATERIALIZED (
        SELECT fn.n AS file_n, an.n AS author_n, an.wanted
          FROM file_authors fa
          JOIN (SELECT f.file_path, row_number() OVER () AS n FROM files f) fn ON fn.file_path = fa.file_path
          JOIN author_numbers an ON an.author_key = fa.author_key
    ),
    shared_once AS MATERIALIZED (
        -- Each pair once, as (lower number, higher number): half the join rows and groups.
        SELECT a.author_n, b.author_n AS other_n, a.wanted AS author_wanted, b.wanted AS other_wanted, count(*) AS files
          FROM numbered a
          JOIN numbered b ON b.file_n = a.file_n AND b.author_n > a.author_n
         WHERE a.wanted OR b.wanted
         GROUP BY a.author_n, b.author_n, a.wanted, b.wanted
    ),
    busy AS (
        -- Authors with five collaborators of two files or more: those of one file cannot be
        -- among their first five, and are not ranked (most pairs share one file).
        SELECT x.author_n
          FROM (SELECT s.author_n FROM shared_once s WHERE s.files > 1 AND s.author_wanted
                UNION ALL
                SELECT s.other_n FROM shared_once s WHERE s.files > 1 AND s.other_wanted) x
         GROUP BY x.author_n
        HAVING count(*) >= 5
    ),
    shared AS (
        SELECT s.author_n, s.other_n, s.files FROM shared_once s WHERE s.author_wanted
        UNION ALL
        SELECT s.other_n, s.author_n, s.files FROM shared_once s WHERE s.other_wanted
    ),
    collaborators AS (
        SELECT an.author_key, array_agg(other.author_key ORDER BY x.files DESC, x.other_n) AS others
          FROM (SELECT s.*, row_number() OVER (PARTITION BY s.author_n ORDER BY s.files DESC, s.other_n) AS rank
                  FROM shared s
                 WHERE s.files > 1 OR NOT EXISTS (SELECT FROM busy b WHERE b.author_n = s.author_n)) x
          JOIN author_numbers an ON an.n = x.author_n
          JOIN author_numbers other ON other.n = x.other_n
         WHERE x.rank <= 5
         GROUP BY an.author_key
    ),
    weeks AS (
        SELECT w.author_key, array_agg(w.week) AS weeks, count(*) AS n
          FROM patterns.author_week_counts w
         WHERE w.project_id = p_project_id
           AND w.author_key IN (SELECT unnest(v_authors) UNION SELECT unnest(co.others) FROM collaborators co)
         GROUP BY w.author_key
    ),
    stored AS (
        SELECT p.* FROM patterns.developer_patterns p
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
    ),
    collaborator_pairs AS MATERIALIZED (
        SELECT c.author_key, o.other FROM collaborators c CROSS JOIN LATERAL unnest(c.others) o(other)
    ),
    shared_weeks AS (
        -- The weeks each pair was active in both, joined set-based (one subquery per pair
        -- took 1.7 s on ansible).
        SELECT p.author_key, p.other, count(*) AS shared
          FROM collaborator_pairs p
          JOIN patterns.author_week_counts wa ON wa.project_id = p_project_id AND wa.author_key = p.author_key
          JOIN patterns.author_week_counts wb ON wb.project_id = p_project_id AND wb.author_key = p.other AND wb.week = wa.week
         GROUP BY p.author_key, p.other
    ),
    overlap AS (
        -- Jaccard of active weeks, by joining the week counts (the same integers as the
        -- array intersection of patterns.discover_developers()).
        SELECT x.author_key, avg(patterns.jaccard_index(x.shared, a.n, b.n)) AS score
          FROM (SELECT p.author_key, p.other, coalesce(sw.shared, 0) AS shared
                  FROM collaborator_pairs p
                  LEFT JOIN shared_weeks sw ON sw.author_key = p.author_key AND sw.other = p.other) x
          JOIN weeks a ON a.author_key = x.author_key
          JOIN weeks b ON b.author_key = x.other
         GROUP BY x.author_key
    ),
    collaboration_files AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.authors DESC, x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, f.file_path, f.authors, f.changes,
                       row_number() OVER (PARTITION BY fa.author_key
                                          ORDER BY f.authors DESC, f.changes DESC, f.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE fa.author_key = ANY (v_authors) AND f.authors >= 2) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    computed AS (
        -- Own-commit columns from the commits of those who committed, else as stored.
        SELECT v.author_key,
               CASE WHEN a.author_key IS NULL THEN p.author_name ELSE a.author_name END AS author_name,
               CASE WHEN a.author_key IS NULL THEN p.commit_count ELSE a.commits::integer END AS commits,
               coalesce(s.files, '{}') AS specialty_files,
               patterns.specialization_score(e.h, d.d) AS specialization,
               CASE WHEN a.author_key IS NULL THEN p.change_velocity
                    ELSE patterns.change_velocity(a.commits, a.first_at, a.last_at) END AS velocity,
               CASE WHEN a.author_key IS NULL THEN p.consistency_score
                    ELSE patterns.consistency_score(cardinality(w.weeks), a.first_at, a.last_at) END AS consistency,
               CASE WHEN a.author_key IS NULL THEN p.commit_regularity_coefficient
                    ELSE g.regularity END AS regularity,
               CASE WHEN a.author_key IS NULL THEN p.avg_files_per_commit
                    ELSE a.files_per_commit::double precision END AS files_per_commit,
               CASE WHEN a.author_key IS NULL THEN p.avg_lines_per_commit ELSE a.lines / a.commits END AS lines_per_commit,
               CASE WHEN a.author_key IS NULL THEN p.commit_type_distribution ELSE ty.distribution END AS distribution,
               coalesce(c.others, '{}') AS collaborators, coalesce(cf.files, '{}') AS collaboration_files,
               o.score AS overlap,
               CASE WHEN a.author_key IS NULL THEN p.first_commit_date ELSE a.first_at END AS first_at,
               CASE WHEN a.author_key IS NULL THEN p.last_commit_date ELSE a.last_at END AS last_at,
               CASE WHEN a.author_key IS NULL THEN p.active_days_count ELSE a.active_days::integer END AS active_days
          FROM unnest(v_authors) v(author_key)
          CROSS JOIN directories d
          LEFT JOIN authors a ON a.author_key = v.author_key
          LEFT JOIN stored p ON p.author_email = v.author_key AND NOT v.author_key = ANY (v_committers)
          JOIN weeks w ON w.author_key = v.author_key
          JOIN entropy e ON e.author_key = v.author_key
          LEFT JOIN types ty ON ty.author_key = v.author_key
          LEFT JOIN gaps g ON g.author_key = v.author_key
          LEFT JOIN specialties s ON s.author_key = v.author_key
          LEFT JOIN collaborators c ON c.author_key = v.author_key
          LEFT JOIN overlap o ON o.author_key = v.author_key
          LEFT JOIN collaboration_files cf ON cf.author_key = v.author_key
         WHERE a.author_key IS NOT NULL OR p.id IS NOT NULL
    ),
    wanted AS MATERIALIZED (
        SELECT x.*, cur.id, cur.is_active AS was_active
          FROM computed x
          LEFT JOIN patterns.developer_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.developer_hash = patterns.sha256_hex(x.author_key)
    ),
    updated AS (
        UPDATE patterns.developer_patterns p
           SET author_name = w.author_name, commit_count = w.commits, specialty_files = w.specialty_files,
               specialization_score = w.specialization, change_velocity = w.velocity, consistency_score = w.consistency,
               commit_regularity_coefficient = w.regularity, avg_files_per_commit = w.files_per_commit,
               avg_lines_per_commit = w.lines_per_commit, commit_type_distribution = w.distribution,
               frequent_collaborators = w.collaborators, collaboration_files = w.collaboration_files,
               temporal_overlap_score = w.overlap, first_commit_date = w.first_at, last_commit_date = w.last_at,
               active_days_count = w.active_days, is_active = true, updated_at = now()
          FROM wanted w
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.id = w.id
           AND (NOT p.is_active
                OR (p.author_name, p.commit_count, p.specialty_files, p.specialization_score, p.change_velocity,
                    p.consistency_score, p.commit_regularity_coefficient, p.avg_files_per_commit, p.avg_lines_per_commit,
                    p.commit_type_distribution, p.frequent_collaborators, p.collaboration_files, p.temporal_overlap_score,
                    p.first_commit_date, p.last_commit_date, p.active_days_count)
                   IS DISTINCT FROM
                   (w.author_name, w.commits, w.specialty_files, w.specialization, w.velocity, w.consistency,
                    w.regularity, w.files_per_commit, w.lines_per_commit, w.distribution, w.collaborators,
                    w.collaboration_files, w.overlap, w.first_at, w.last_at, w.active_days))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.developer_patterns (
            project_id, discovery_session_id, author_email, author_name, commit_count, specialty_files,
            specialization_score, change_velocity, consistency_score, commit_regularity_coefficient,
            avg_files_per_commit, avg_lines_per_commit, commit_type_distribution, frequent_collaborators,
            collaboration_files, temporal_overlap_score, first_commit_date, last_commit_date, active_days_count)
        SELECT p_project_id, p_session.id, w.author_key, w.author_name, w.commits, w.specialty_files, w.specialization,
               w.velocity, w.consistency, w.regularity, w.files_per_commit, w.lines_per_commit, w.distribution,
               w.collaborators, w.collaboration_files, w.overlap, w.first_at, w.last_at, w.active_days
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.developer_patterns p
           SET is_active = false, updated_at = now()
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
           AND p.author_email = ANY (v_authors)
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = p.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;

CREATE OR REPLACE FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_moved integer;
BEGIN
    /*
     * The specialization of a run's active developer patterns, which moves with the number
     * of directories the project has: spec section 3 as patterns.update_developers()
     * computes it. Returns the rows rewritten.
     */
    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
    entropy AS (
        SELECT x.author_key, -sum(x.share * ln(x.share)) AS h
          FROM (SELECT fa.author_key,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_key) AS share
                  FROM patterns.file_author_counts fa
                 WHERE fa.project_id = p_project_id
                 GROUP BY fa.author_key, patterns.parent_directory(fa.file_path)) x
         GROUP BY x.author_key
    ),
    wanted AS (
        SELECT e.author_key, patterns.specialization_score(e.h, d.d) AS specialization
          FROM entropy e CROSS JOIN directories d
    )
    UPDATE patterns.developer_patterns p
       SET specialization_score = w.specialization, updated_at = now()
      FROM wanted w
     WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
       AND p.author_email = w.author_key AND p.specialization_score IS DISTINCT FROM w.specialization;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$$;

CREATE OR REPLACE FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 5 from the run's active patterns and the live counts, by the rules a
     * discovery of a window applies (patterns.pattern_insight_candidates(), silo_insight(),
     * fix_insight()). Returns {created, updated, invalidated}.
     */
    WITH
    magnitude AS MATERIALIZED (
        SELECT m.id, m.file_path FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.is_active
    ),
    candidates AS (
        SELECT c.* FROM patterns.pattern_insight_candidates(p_project_id, p_session.id) c
        UNION ALL
        SELECT c.*
          FROM patterns.file_change_counts f
          JOIN patterns.file_author_counts fa ON fa.project_id = f.project_id AND fa.file_path = f.file_path
          LEFT JOIN magnitude m ON m.file_path = f.file_path
          CROSS JOIN LATERAL patterns.silo_insight(f.file_path, fa.author_key, fa.changes, f.changes, m.id) c
         WHERE f.project_id = p_project_id
        UNION ALL
        SELECT c.*
          FROM patterns.file_change_counts f
          LEFT JOIN magnitude m ON m.file_path = f.file_path
          CROSS JOIN LATERAL patterns.fix_insight(f.file_path, f.changes, f.fix_changes, m.id) c
         WHERE f.project_id = p_project_id
    ),
    wanted AS MATERIALIZED (
        SELECT c.insight_type, c.subject, left(c.title, 255) AS title, c.description, c.confidence,
               c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               patterns.insight_priority(c.confidence, c.risk_level) AS priority,
               cur.id, cur.is_active AS was_active
          FROM candidates c
          LEFT JOIN patterns.pattern_insights cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.insight_type = c.insight_type AND cur.subject = c.subject
         WHERE patterns.insight_confident(c.confidence)
    ),
    updated AS (
        UPDATE patterns.pattern_insights i
           SET title = w.title, description = w.description, confidence_score = w.confidence,
               statistical_support = w.statistical_support, supporting_pattern_ids = w.supporting_pattern_ids,
               risk_level = w.risk_level, recommendations = w.recommendations, priority_score = w.priority,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE i.project_id = p_project_id AND i.id = w.id
           AND (NOT i.is_active
                OR (i.title, i.description, i.confidence_score, i.statistical_support, i.supporting_pattern_ids,
                    i.risk_level, i.recommendations, i.priority_score)
                   IS DISTINCT FROM
                   (w.title, w.description, w.confidence, w.statistical_support, w.supporting_pattern_ids,
                    w.risk_level, w.recommendations, w.priority))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_session.id, w.insight_type, w.subject, w.title, w.description, w.confidence,
               w.statistical_support, w.supporting_pattern_ids, w.risk_level, w.recommendations, w.priority
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.pattern_insights i
           SET is_active = false, updated_at = now()
         WHERE i.project_id = p_project_id AND i.discovery_session_id = p_session.id AND i.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = i.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;

CREATE OR REPLACE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 2 from the binned commit counts (patterns.temporal_test(), as a
     * discovery of a window tests its own counts); five rows, recomputed whole. Returns
     * {created, updated, invalidated}.
     */
    WITH
    span AS (
        SELECT min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM patterns.live_commits c WHERE c.project_id = p_project_id
    ),
    binned AS (
        SELECT b.pattern_type, array_agg(b.bin) AS bins, array_agg(b.commits::bigint) AS commits
          FROM patterns.commit_time_bins b
         WHERE b.project_id = p_project_id
         GROUP BY b.pattern_type
    ),
    contributors AS (
        SELECT (SELECT coalesce(array_agg(a.author_key ORDER BY a.commits DESC, a.author_key), '{}')
                  FROM (SELECT a.author_key, a.commits FROM patterns.author_commit_counts a
                         WHERE a.project_id = p_project_id
                         ORDER BY a.commits DESC, a.author_key LIMIT 10) a) AS authors,
               (SELECT coalesce(array_agg(f.file_path ORDER BY f.changes DESC, f.file_path COLLATE "C"), '{}')
                  FROM (SELECT f.file_path, f.changes FROM patterns.file_change_counts f
                         WHERE f.project_id = p_project_id
                         ORDER BY f.changes DESC, f.file_path COLLATE "C" LIMIT 10) f) AS files
    ),
    computed AS (
        SELECT b.pattern_type, x.pattern_strength AS strength, x.statistical_significance AS significance, x.p_value,
               x.chi_square_statistic AS chi_square, x.degrees_of_freedom AS dof, x.peak_periods AS peaks,
               x.commit_distribution AS distribution, x.period_labels AS labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM binned b, span, contributors,
               patterns.temporal_test(b.pattern_type, b.bins, b.commits, span.first_at, span.last_at) x
    ),
    wanted AS MATERIALIZED (
        SELECT x.*, cur.id, cur.is_active AS was_active
          FROM computed x
          LEFT JOIN patterns.temporal_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.pattern_type = x.pattern_type
    ),
    updated AS (
        UPDATE patterns.temporal_patterns p
           SET pattern_strength = w.strength, statistical_significance = w.significance, p_value = w.p_value,
               chi_square_statistic = w.chi_square, degrees_of_freedom = w.dof, peak_periods = w.peaks,
               commit_distribution = w.distribution, period_labels = w.labels, contributing_authors = w.authors,
               contributing_files = w.files, date_range_start = w.first_at, date_range_end = w.last_at,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE p.project_id = p_project_id AND p.id = w.id
           AND (NOT p.is_active
                OR (p.pattern_strength, p.statistical_significance, p.p_value, p.chi_square_statistic,
                    p.degrees_of_freedom, p.peak_periods, p.commit_distribution, p.period_labels,
                    p.contributing_authors, p.contributing_files, p.date_range_start, p.date_range_end)
                   IS DISTINCT FROM
                   (w.strength, w.significance, w.p_value, w.chi_square, w.dof, w.peaks, w.distribution, w.labels,
                    w.authors, w.files, w.first_at, w.last_at))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.temporal_patterns (
            project_id, discovery_session_id, pattern_type, pattern_strength, statistical_significance, p_value,
            chi_square_statistic, degrees_of_freedom, peak_periods, commit_distribution, period_labels,
            contributing_authors, contributing_files, date_range_start, date_range_end)
        SELECT p_project_id, p_session.id, w.pattern_type, w.strength, w.significance, w.p_value, w.chi_square, w.dof,
               w.peaks, w.distribution, w.labels, w.authors, w.files, w.first_at, w.last_at
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.temporal_patterns p
           SET is_active = false, updated_at = now()
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = p.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;

CREATE OR REPLACE FUNCTION privacy.forget_rows(p_projects bigint[], p_identity privacy.identity, p_everywhere boolean) RETURNS TABLE(table_name text, rows_changed bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_column record;
    v_count  bigint;
    v_key    text := p_identity.identity_key;
    v_new    text := p_identity.pseudonym_email;
    v_sets   text;
    v_table  record;
    v_where  text;
BEGIN
    /*
     * Every place the identity is stored, for the projects p_projects: the one list to keep
     * in step with the schema. Columns that hold the identity as a key or a name get the
     * pseudonym where the key matches; free text gets privacy.pseudonymised where it
     * mentions the person. Tables without a list entry in learning, workflow and archive
     * are swept from the catalog at the end.
     */

    -- git: the history itself; author_key is generated from author_email.
    UPDATE git.commits c
       SET author_name = CASE WHEN lower(c.author_email) = v_key THEN p_identity.pseudonym
                              ELSE privacy.pseudonymised(c.author_name, p_identity) END,
           author_email = CASE WHEN lower(c.author_email) = v_key THEN v_new ELSE c.author_email END,
           committer_name = CASE WHEN lower(c.committer_email) = v_key THEN p_identity.pseudonym
                                 ELSE privacy.pseudonymised(c.committer_name, p_identity) END,
           committer_email = CASE WHEN lower(c.committer_email) = v_key THEN v_new ELSE c.committer_email END,
           message = privacy.pseudonymised(c.message, p_identity),
           raw_object = privacy.pseudonymised(c.raw_object, p_identity)
     WHERE c.project_id = ANY(p_projects)
       AND (lower(c.author_email) = v_key OR lower(c.committer_email) = v_key
            OR privacy.mentions(c.message, p_identity) OR c.raw_object IS NOT NULL);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'git.commits'; rows_changed := v_count; RETURN NEXT;

    -- patterns: the live state (counts keyed by author_key) ...
    UPDATE patterns.live_commits t SET author_key = v_new, author_name = p_identity.pseudonym
     WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.live_commits'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.file_author_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.file_author_counts'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.author_commit_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.author_commit_counts'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.author_week_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.author_week_counts'; rows_changed := v_count; RETURN NEXT;

    -- The recency state refers to authors by number (0671): their key is in git.authors.
    UPDATE git.authors t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'git.authors'; rows_changed := v_count; RETURN NEXT;

    -- ... and what discovery found (developer_hash is generated from author_email).
    UPDATE patterns.developer_patterns t
       SET author_email = CASE WHEN lower(t.author_email) = v_key THEN v_new ELSE t.author_email END,
           author_name = CASE WHEN lower(t.author_email) = v_key THEN p_identity.pseudonym
                              ELSE privacy.pseudonymised(t.author_name, p_identity) END,
           frequent_collaborators = privacy.pseudonymised(t.frequent_collaborators, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND (lower(t.author_email) = v_key OR privacy.mentions(array_to_string(t.frequent_collaborators, E'\n'), p_identity));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.developer_patterns'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.temporal_patterns t
       SET contributing_authors = privacy.pseudonymised(t.contributing_authors, p_identity)
     WHERE t.project_id = ANY(p_projects) AND privacy.mentions(array_to_string(t.contributing_authors, E'\n'), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.temporal_patterns'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_insights t
       SET subject = privacy.pseudonymised(t.subject, p_identity),
           title = privacy.pseudonymised(t.title, p_identity),
           description = privacy.pseudonymised(t.description, p_identity),
           detailed_analysis = privacy.pseudonymised(t.detailed_analysis, p_identity),
           statistical_support = privacy.pseudonymised(t.statistical_support, p_identity),
           risk_factors = privacy.pseudonymised(t.risk_factors, p_identity),
           business_impact = privacy.pseudonymised(t.business_impact, p_identity),
           recommendations = privacy.pseudonymised(t.recommendations, p_identity),
           validation_notes = privacy.pseudonymised(t.validation_notes, p_identity),
           implementation_notes = privacy.pseudonymised(t.implementation_notes, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.subject, t.title, t.description, t.detailed_analysis,
                                      t.statistical_support::text, array_to_string(t.risk_factors, E'\n'),
                                      t.business_impact, array_to_string(t.recommendations, E'\n'),
                                      t.validation_notes, t.implementation_notes), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_insights'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_discovery_sessions t
       SET metadata = privacy.pseudonymised(t.metadata, p_identity),
           error_message = privacy.pseudonymised(t.error_message, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.metadata::text, t.error_message), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_discovery_sessions'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_update_queue t
       SET trigger_data = privacy.pseudonymised(t.trigger_data, p_identity),
           last_error = privacy.pseudonymised(t.last_error, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.trigger_data::text, t.last_error), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_update_queue'; rows_changed := v_count; RETURN NEXT;

    -- core: development sessions name their developer.
    UPDATE core.sessions t
       SET developer = privacy.pseudonymised(t.developer, p_identity),
           metadata = privacy.pseudonymised(t.metadata, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.developer, t.metadata::text), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'core.sessions'; rows_changed := v_count; RETURN NEXT;

    /*
     * learning, workflow and archive: free text written by applications (prompts, user ids,
     * created_by, event data) and the rows retention archived. Every text, json, array and
     * bytea column, from the catalog. A table without project_id belongs to no project and
     * is swept only when the person is forgotten everywhere.
     */
    FOR v_table IN
        SELECT c.oid, n.nspname, c.relname,
               EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'project_id'
                                                    AND NOT a.attisdropped) AS has_project
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('learning', 'workflow', 'archive') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         ORDER BY n.nspname, c.relname
    LOOP
        CONTINUE WHEN NOT v_table.has_project AND NOT p_everywhere;
        v_sets := NULL;
        v_where := NULL;
        FOR v_column IN
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS column_type,
                   CASE WHEN t.typname = 'json' THEN 'jsonb'
                        WHEN t.typcategory = 'A' THEN 'text[]'
                        WHEN t.typname = 'bytea' THEN 'bytea' ELSE 'text' END AS kind
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = v_table.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
               AND (t.typname IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', 'bytea')
                    OR (t.typcategory = 'A' AND t.typelem IN ('text'::regtype, 'varchar'::regtype)))
             ORDER BY a.attnum
        LOOP
            v_sets := concat_ws(', ', v_sets,
                                format('%1$I = privacy.pseudonymised(%1$I::%2$s, $1)::%3$s', v_column.attname, v_column.kind,
                                       v_column.column_type));
            v_where := concat_ws(' OR ', v_where,
                                 CASE v_column.kind
                                     WHEN 'bytea' THEN format('%I IS NOT NULL', v_column.attname)
                                     ELSE format('privacy.mentions(%I::text, $1)', v_column.attname) END);
        END LOOP;
        CONTINUE WHEN v_sets IS NULL;
        EXECUTE format('UPDATE %I.%I SET %s WHERE (%s)%s', v_table.nspname, v_table.relname, v_sets, v_where,
                       CASE WHEN v_table.has_project THEN ' AND project_id = ANY($2)' ELSE '' END)
          USING p_identity, p_projects;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        table_name := format('%s.%s', v_table.nspname, v_table.relname); rows_changed := v_count; RETURN NEXT;
    END LOOP;
END
$_$;
