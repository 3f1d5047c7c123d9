-- patterns.live_changes keyed by text again, with its commit's columns on every row (the
-- layout of 0211..0700), filled from the slim table and patterns.live_commits.
CREATE TABLE patterns.live_changes_text (
    project_id bigint NOT NULL,
    commit_id bigint NOT NULL,
    file_path text NOT NULL,
    author_key text NOT NULL,
    authored_at timestamp with time zone NOT NULL,
    committed_at timestamp with time zone NOT NULL,
    sha text NOT NULL,
    local_time timestamp without time zone NOT NULL,
    commit_files integer NOT NULL,
    is_fix boolean NOT NULL,
    change_size bigint NOT NULL,
    net_lines bigint NOT NULL,
    statuses text[] NOT NULL
);
INSERT INTO patterns.live_changes_text
SELECT l.project_id, l.commit_id, g.path, c.author_key, c.authored_at, c.committed_at, c.sha, c.local_time, c.files,
       c.commit_type = 'fix', l.change_size, l.net_lines, regexp_split_to_array(l.statuses, '')
  FROM patterns.live_changes l
  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
  JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id;

DROP FUNCTION patterns.live_count(bigint, patterns.live_commits[], patterns.live_change[], patterns.live_commits[], patterns.live_change[]);
DROP FUNCTION patterns.live_recency(bigint, patterns.live_change[], patterns.live_change[]);
DROP FUNCTION patterns.live_changes_of(bigint, bigint[]);
DROP FUNCTION patterns.live_place(bigint, bigint[]);
DROP TABLE patterns.live_changes;
ALTER TABLE patterns.live_changes_text RENAME TO live_changes;
ALTER TABLE patterns.live_changes
    ADD CONSTRAINT live_changes_pkey PRIMARY KEY (project_id, commit_id, file_path),
    ADD CONSTRAINT live_changes_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
CREATE INDEX live_changes_authored_idx ON patterns.live_changes (project_id, authored_at);
CREATE INDEX live_changes_file_idx ON patterns.live_changes (project_id, file_path, authored_at);
CREATE INDEX live_changes_size_idx ON patterns.live_changes (project_id, change_size);
COMMENT ON TABLE patterns.live_changes IS 'The changes of T, one row per (commit, file by latest path), as patterns.transaction_changes() reads them for an unwindowed run; kept by triggers on git.file_changes.';
COMMENT ON COLUMN patterns.live_changes.commit_files IS 'Distinct files of the commit (co-occurrence leaves out commits above max_changeset_size).';
COMMENT ON COLUMN patterns.live_changes.is_fix IS 'The commit is a fix (patterns.commit_type() of its subject).';
COMMENT ON COLUMN patterns.live_changes.change_size IS 'Lines added + deleted over the commit''s rows for this file (binary 0).';
COMMENT ON COLUMN patterns.live_changes.net_lines IS 'Lines added - deleted.';
COMMENT ON COLUMN patterns.live_changes.statuses IS 'The status letters of the rows that map to this file.';
COMMENT ON INDEX patterns.live_changes_authored_idx IS 'The changes of the trailing year (trend).';
COMMENT ON INDEX patterns.live_changes_file_idx IS 'A file''s changes in time order (its profile, its pairs'' evidence).';
COMMENT ON INDEX patterns.live_changes_size_idx IS 'Changes above a size (anomaly scores).';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.live_changes TO pgpattern_writer;
CREATE TRIGGER live_changes_profiles_insert AFTER INSERT ON patterns.live_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('new_rows');
CREATE TRIGGER live_changes_profiles_update AFTER UPDATE ON patterns.live_changes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows', 'new_rows');
CREATE TRIGGER live_changes_profiles_delete AFTER DELETE ON patterns.live_changes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows');

ALTER TABLE patterns.live_commits DROP COLUMN ordinal;

-- The functions as they were (0211..0700).

CREATE FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_changes
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               patterns.commit_type(split_part(c.message, E'\n', 1)) = 'fix' AS is_fix
          FROM git.commits c
         WHERE c.project_id = p_project_id AND NOT c.is_merge
           AND c.commit_id = ANY (p_commit_ids)
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.latest_path
    )
    SELECT p_project_id, c.commit_id, ch.file_path, c.author_key, c.authored_at, c.committed_at, c.sha, c.local_time,
           (count(*) OVER (PARTITION BY c.commit_id))::integer, c.is_fix, ch.change_size, ch.net_lines, ch.statuses
      FROM commits c JOIN changes ch ON ch.commit_id = c.commit_id
$$;

COMMENT ON FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) IS 'The rows of patterns.live_changes for these commits of a project, computed from git.commits and git.file_changes.';

GRANT EXECUTE ON FUNCTION patterns.live_changes_of(bigint, bigint[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_commits
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT p_project_id, c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
           (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset),
           patterns.commit_type(split_part(c.message, E'\n', 1)), f.files, f.size
      FROM git.commits c
      JOIN (SELECT fc.commit_id, count(DISTINCT fc.latest_path)::integer AS files,
                   sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS size
              FROM git.file_changes fc
             WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
             GROUP BY fc.commit_id) f ON f.commit_id = c.commit_id
     WHERE c.project_id = p_project_id AND NOT c.is_merge
       AND c.commit_id = ANY (p_commit_ids)
$$;

COMMENT ON FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) IS 'The rows of patterns.live_commits for these commits of a project: the non-merge ones with a file change.';

CREATE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_recompute text[];
    v_append    text[];
BEGIN
    /*
     * Moves the recency rows from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current). A
     * file's items are (commit, author, partner), the file itself a partner standing for
     * the commit. A file that only gained whole commits, all newer than its others, is
     * appended to: its rows decay to the new n(q) and add the new commits' weights.
     * Any other file whose items changed (commits or partners gone or re-keyed, a commit
     * authored before its newest, one that now counts with its 30 files or fewer) is
     * recomputed from the change log.
     */
    WITH
    old_changes AS (SELECT o.commit_id, o.file_path, o.author_key FROM unnest(p_old_changes) o WHERE o.commit_files <= 30),
    new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= 30),
    old_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM old_changes a JOIN old_changes b ON b.commit_id = a.commit_id),
    new_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM new_changes a JOIN new_changes b ON b.commit_id = a.commit_id),
    removed AS (SELECT * FROM old_items EXCEPT SELECT * FROM new_items),
    added AS (SELECT * FROM new_items EXCEPT SELECT * FROM old_items),
    newly AS (SELECT a.file_path, a.commit_id FROM added a WHERE a.partner = a.file_path),
    first_new AS (
        SELECT DISTINCT ON (nw.file_path) nw.file_path, c.authored_at, c.committed_at, c.generation, c.sha
          FROM newly nw
          JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
         ORDER BY nw.file_path, c.authored_at, c.committed_at, c.generation, c.sha COLLATE "C"
    ),
    recompute AS (
        SELECT r.file_path FROM removed r
        UNION
        SELECT a.file_path FROM added a
         WHERE NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = a.file_path AND nw.commit_id = a.commit_id)
        UNION
        SELECT f.file_path FROM first_new f
         WHERE EXISTS (
                SELECT FROM patterns.live_changes l
                  JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = p_project_id AND l.file_path = f.file_path AND l.authored_at >= f.authored_at
                   AND l.commit_files <= 30
                   AND NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = f.file_path AND nw.commit_id = l.commit_id)
                   AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
                     > (f.authored_at, f.committed_at, f.generation, f.sha COLLATE "C"))
    )
    SELECT ARRAY(SELECT r.file_path FROM recompute r),
           ARRAY(SELECT DISTINCT nw.file_path FROM newly nw WHERE nw.file_path NOT IN (SELECT r.file_path FROM recompute r))
      INTO v_recompute, v_append;

    IF cardinality(v_append) > 0 THEN
        WITH
        new_changes AS (
            SELECT n.commit_id, n.file_path, g.path_id AS file_id, a.author_id
              FROM unnest(p_new_changes) n
              JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
              JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = n.author_key
             WHERE n.commit_files <= 30
        ),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= 30)
        ),
        aged AS (
            -- The new commits are the file's newest: their ages count from 0 among themselves.
            SELECT nw.file_id, nw.commit_id, nw.author_id, f.cooc_changes AS n,
                   (row_number() OVER (PARTITION BY nw.file_id
                                       ORDER BY c.authored_at DESC, c.committed_at DESC, c.generation DESC,
                                                c.sha COLLATE "C" DESC) - 1)::integer AS age
              FROM newly nw
              JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
              JOIN patterns.file_change_counts f ON f.project_id = p_project_id AND f.file_path = nw.file_path
        ),
        authors AS (
            INSERT INTO patterns.file_author_recency AS t (project_id, weight, file_id, author_id, stamp)
            SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, a.author_id, max(a.n)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
                   stamp = excluded.stamp
        )
        INSERT INTO patterns.pair_author_recency AS t (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, x.file_id, a.author_id, count(*), max(a.n)
          FROM aged a
          JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_id <> a.file_id
         GROUP BY a.file_id, x.file_id, a.author_id
        ON CONFLICT (project_id, query_file_id, file_id, author_id) DO UPDATE
           SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
               changes = t.changes + excluded.changes,
               stamp = excluded.stamp;
    END IF;
    IF cardinality(v_recompute) > 0 THEN
        PERFORM patterns.recency_recompute(p_project_id, v_recompute);
    END IF;
    PERFORM patterns.deleted_refresh(p_project_id, ARRAY(SELECT o.file_path FROM unnest(p_old_changes) o
                                                         UNION SELECT n.file_path FROM unnest(p_new_changes) n));
END
$$;

COMMENT ON FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]) IS 'Moves a project''s recency rows (file_author_recency, pair_author_recency) from the old changes of T to the new ones: appends commits that are their files'' newest, recomputes the files whose history changed otherwise; refreshes the touched files'' deletion state. Called by patterns.live_count().';

GRANT EXECUTE ON FUNCTION patterns.live_recency(bigint, patterns.live_changes[], patterns.live_changes[]) TO pgpattern_writer;

CREATE FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]) RETURNS void
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
    PERFORM git.intern_keys(p_project_id, ARRAY(SELECT n.file_path FROM unnest(p_new_changes) n),
                            ARRAY(SELECT n.author_key FROM unnest(p_new_changes) n));
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

COMMENT ON FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted. Then moves the recency rows of the `recent` suggestions (patterns.live_recency).';

GRANT EXECUTE ON FUNCTION patterns.live_count(bigint, patterns.live_commits[], patterns.live_changes[], patterns.live_commits[], patterns.live_changes[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[]) RETURNS TABLE(files text[], authors text[], commits integer)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_old_commits patterns.live_commits[];
    v_old_changes patterns.live_changes[];
    v_new_commits patterns.live_commits[];
    v_new_changes patterns.live_changes[];
BEGIN
    /*
     * Brings the live state of these commits up to date with git.commits and
     * git.file_changes: what they counted for goes, what they count for now comes in.
     * Returns the files and authors whose counts moved and the commits added (negative
     * when removed). One writer of a project's live state at a time. A project being
     * deleted has nothing to keep (its live rows go with it).
     */
    files := '{}';
    authors := '{}';
    commits := 0;
    IF NOT EXISTS (SELECT FROM core.projects p WHERE p.project_id = p_project_id) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
    WITH gone AS (
        DELETE FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_changes) INTO v_old_changes FROM gone g;
    WITH gone AS (
        DELETE FROM patterns.live_commits l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_commits) INTO v_old_commits FROM gone g;

    WITH
    new_changes AS (
        INSERT INTO patterns.live_changes
        SELECT * FROM patterns.live_changes_of(p_project_id, p_commit_ids)
        RETURNING *
    ),
    new_commits AS (
        INSERT INTO patterns.live_commits
        SELECT * FROM patterns.live_commits_of(p_project_id, p_commit_ids)
        RETURNING *
    )
    SELECT (SELECT array_agg(n::patterns.live_changes) FROM new_changes n),
           (SELECT array_agg(n::patterns.live_commits) FROM new_commits n)
      INTO v_new_changes, v_new_commits;
    IF v_old_commits IS NULL AND v_new_commits IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';

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
    INSERT INTO patterns.live_changes SELECT * FROM patterns.live_changes_of(p_project_id, v_ids);
    INSERT INTO patterns.live_commits SELECT * FROM patterns.live_commits_of(p_project_id, v_ids);
    GET DIAGNOSTICS v_commits = ROW_COUNT;
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, l.file_path, count(*), count(*) FILTER (WHERE l.commit_files <= 30), count(*) FILTER (WHERE l.is_fix)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path;
    PERFORM git.intern_keys(p_project_id,
                            ARRAY(SELECT DISTINCT l.file_path FROM patterns.live_changes l WHERE l.project_id = p_project_id),
                            ARRAY(SELECT DISTINCT l.author_key FROM patterns.live_changes l WHERE l.project_id = p_project_id));
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, a.path_id, b.path_id, count(*)
      FROM (SELECT l.commit_id, g.path_id FROM patterns.live_changes l
              JOIN git.paths g ON g.project_id = l.project_id AND g.path = l.file_path
             WHERE l.project_id = p_project_id AND l.commit_files <= 30) a
      JOIN (SELECT l.commit_id, g.path_id FROM patterns.live_changes l
              JOIN git.paths g ON g.project_id = l.project_id AND g.path = l.file_path
             WHERE l.project_id = p_project_id AND l.commit_files <= 30) b
        ON b.commit_id = a.commit_id AND a.path_id < b.path_id
     GROUP BY a.path_id, b.path_id;
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, l.file_path, l.author_key, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path, l.author_key;
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
            patterns.change_size_counts, patterns.file_author_recency, patterns.pair_author_recency,
            patterns.deleted_files, git.paths, git.authors;
    RETURN v_commits;
END
$$;

COMMENT ON FUNCTION patterns.live_rebuild(p_project_id bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Includes the recency rows of the `recent` suggestions. Serialised per project with patterns.live_refresh().';

CREATE OR REPLACE FUNCTION patterns.live_changes_mark_profiles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_rows text;
BEGIN
    FOREACH v_rows IN ARRAY TG_ARGV LOOP
        -- Not for a project being deleted (its rows go with it).
        EXECUTE format('INSERT INTO patterns.file_profiles_stale (project_id, file_path)
                        SELECT DISTINCT r.project_id, r.file_path FROM %I r
                         WHERE EXISTS (SELECT FROM core.projects p WHERE p.project_id = r.project_id)
                        ON CONFLICT DO NOTHING', v_rows);
    END LOOP;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION patterns.live_changes_mark_profiles() IS 'After a write of patterns.live_changes: records the files of the rows written (transition tables named by the trigger''s arguments) in patterns.file_profiles_stale.';

CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency rows of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (authored time, then commit
     * order), stamped with their number n(q). Every path and author of
     * patterns.live_changes has its number (given by patterns.live_count and live_rebuild).
     */
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.file_id = ANY (v_file_ids));
    DELETE FROM patterns.pair_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.query_file_id = ANY (v_file_ids));
    WITH
    aged AS (
        SELECT l.file_path, l.commit_id, l.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_path))::integer AS n
          FROM patterns.live_changes l
          JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND l.commit_files <= 30
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
        WINDOW w AS (PARTITION BY l.file_path
                     ORDER BY l.authored_at DESC, l.committed_at DESC, c.generation DESC, l.sha COLLATE "C" DESC)
    ),
    keyed AS (
        SELECT q.path_id AS file_id, a.author_id, g.commit_id, g.file_path, g.age, g.n
          FROM aged g
          JOIN git.paths q ON q.project_id = p_project_id AND q.path = g.file_path
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, weight, file_id, author_id, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, k.author_id, max(k.n)
          FROM keyed k
         GROUP BY k.file_id, k.author_id
    )
    INSERT INTO patterns.pair_author_recency (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
    SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, x.path_id, k.author_id, count(*), max(k.n)
      FROM keyed k
      JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = k.commit_id AND l.file_path <> k.file_path
      JOIN git.paths x ON x.project_id = p_project_id AND x.path = l.file_path
     GROUP BY k.file_id, x.path_id, k.author_id
     ORDER BY k.file_id, x.path_id, k.author_id;
END
$$;

COMMENT ON FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) IS 'Recomputes the decayed sums of patterns.file_author_recency and pair_author_recency for these query files of a project (NULL: all) from patterns.live_changes.';

CREATE OR REPLACE FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Whether these files (NULL: every file) are deleted as of the latest commit.
    DELETE FROM patterns.deleted_files t
     WHERE t.project_id = p_project_id
       AND (p_files IS NULL OR t.file_id IN (SELECT g.path_id FROM git.paths g
                                              WHERE g.project_id = p_project_id AND g.path = ANY (p_files)));
    INSERT INTO patterns.deleted_files (project_id, file_id)
    SELECT p_project_id, g.path_id
      FROM (SELECT DISTINCT ON (l.file_path) l.file_path, l.statuses
              FROM patterns.live_changes l
              JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
             WHERE l.project_id = p_project_id AND (p_files IS NULL OR l.file_path = ANY (p_files))
             ORDER BY l.file_path, c.committed_at DESC, c.generation DESC, c.sha DESC) last
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = last.file_path
     WHERE 'D' = ANY (last.statuses);
END
$$;

COMMENT ON FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[]) IS 'Recomputes patterns.deleted_files for these files of a project (NULL: all) from patterns.live_changes (merges change no files).';

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it, for every pair of a changed file (all with p_full). What N moves of the other
     * pairs is left to patterns.rescore_cooccurrence(). Returns {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    IF NOT p_full THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
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
        SELECT least(a.path COLLATE "C", b.path COLLATE "C") AS file_path_1,
               greatest(a.path COLLATE "C", b.path COLLATE "C") AS file_path_2, d.cochanges
          FROM dirty_ids d
          JOIN git.paths a ON a.project_id = p_project_id AND a.path_id = d.file_id_1
          JOIN git.paths b ON b.project_id = p_project_id AND b.path_id = d.file_id_2
    ),
    counted AS (
        SELECT d.file_path_1 AS file_1, d.file_path_2 AS file_2, d.cochanges::double precision AS n12,
               f1.cooc_changes::double precision AS n1, f2.cooc_changes::double precision AS n2
          FROM dirty_pairs d
          JOIN patterns.file_change_counts f1 ON f1.project_id = p_project_id AND f1.file_path = d.file_path_1
          JOIN patterns.file_change_counts f2 ON f2.project_id = p_project_id AND f2.file_path = d.file_path_2
    ),
    kept AS MATERIALIZED (
        SELECT s.*,
               CASE WHEN s.n1 = v_n OR s.n2 = v_n THEN 0
                    ELSE v_n * (s.n12 * (v_n - s.n1 - s.n2 + s.n12) - (s.n1 - s.n12) * (s.n2 - s.n12)) ^ 2
                         / (s.n1 * (v_n - s.n1) * s.n2 * (v_n - s.n2)) END AS chi_square
          FROM (SELECT c.*, c.n12 / c.n1 AS conf_12, c.n12 / c.n2 AS conf_21 FROM counted c) s
         WHERE greatest(s.conf_12, s.conf_21) >= p_session.confidence_threshold
    ),
    current AS (
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session.id
    ),
    evidence AS (
        -- Recomputed where the pair's own commits may have changed (both files changed, or the
        -- row is new or was inactive); otherwise the stored evidence stands.
        SELECT k.file_1, k.file_2,
               (array_agg(a.sha ORDER BY a.authored_at DESC, a.committed_at DESC, a.sha DESC))[1:50] AS shas,
               min(a.authored_at) AS first_at, max(a.authored_at) AS last_at
          FROM kept k
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
          JOIN patterns.live_changes a ON a.project_id = p_project_id AND a.file_path = k.file_1
                                      AND a.commit_files <= p_session.max_changeset_size
          JOIN patterns.live_changes b ON b.project_id = p_project_id AND b.commit_id = a.commit_id AND b.file_path = k.file_2
         WHERE (p_full OR cur.id IS NULL OR NOT cur.is_active
                            OR (k.file_1 = ANY (p_files) AND k.file_2 = ANY (p_files)))
         GROUP BY k.file_1, k.file_2
    ),
    wanted AS MATERIALIZED (
        SELECT k.file_1, k.file_2, k.n12::integer AS n12, k.n1::integer AS n1, k.n2::integer AS n2,
               k.n12 / v_n AS support, greatest(k.conf_12, k.conf_21) AS confidence, k.conf_12, k.conf_21,
               k.n12 * v_n / (k.n1 * k.n2) AS lift, 2 * k.n12 / (k.n1 + k.n2) AS coupling,
               CASE WHEN greatest(k.conf_12, k.conf_21) >= 0.80 THEN 'very_strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.60 THEN 'strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.40 THEN 'moderate'
                    ELSE 'weak' END AS strength,
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

    RETURN v_counts;
END
$$;

COMMENT ON FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';

CREATE OR REPLACE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_every boolean := false;
    v_files text[];
BEGIN
    /*
     * The expressions of patterns.discover_magnitude() over the files' live changes, for
     * these files, or with p_full for every file whose live changes moved since its profile
     * was computed (patterns.file_profiles_stale): a profile is its own file's changes
     * alone, so the others are as a rebuild would make them. Returns the files recomputed.
     * No write of live changes comes between computing and clearing: ingest writes them
     * under the project's ingest lock, which discoveries and updates hold shared.
     */
    IF p_full THEN
        v_files := ARRAY(SELECT s.file_path FROM patterns.file_profiles_stale s WHERE s.project_id = p_project_id);
        -- Most of them (a first count, a rebuilt live state): every file, without the list.
        v_every := cardinality(v_files) * 2
                   >= (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id);
    ELSE
        v_files := p_files;
    END IF;
    DELETE FROM patterns.file_profiles_stale s
     WHERE s.project_id = p_project_id AND (v_every OR s.file_path = ANY (v_files));
    DELETE FROM patterns.file_profiles f
     WHERE f.project_id = p_project_id AND (v_every OR f.file_path = ANY (v_files));
    INSERT INTO patterns.file_profiles (project_id, file_path, total, avg_size, max_size, first_at, last_at, volatility,
                                        active_weeks, seasons, statuses, diversity, net_size)
    WITH t AS MATERIALIZED (
        SELECT l.* FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND (v_every OR l.file_path = ANY (v_files))
    ),
    statuses AS (
        SELECT x.file_path, jsonb_object_agg(x.status, x.n) AS distribution
          FROM (SELECT t.file_path, s.status, count(*) AS n
                  FROM t CROSS JOIN LATERAL unnest(t.statuses) s(status)
                 GROUP BY t.file_path, s.status) x
         GROUP BY x.file_path
    ),
    diversity AS (
        SELECT x.file_path, 1 - sum((x.n / x.total) ^ 2) AS score
          FROM (SELECT t.file_path, count(*)::double precision AS n,
                       sum(count(*)) OVER (PARTITION BY t.file_path)::double precision AS total
                  FROM t GROUP BY t.file_path, t.author_key) x
         GROUP BY x.file_path
    )
    SELECT p_project_id, t.file_path, count(*), avg(t.change_size)::double precision, max(t.change_size),
           min(t.authored_at), max(t.authored_at),
           CASE WHEN count(*) > 1
                THEN coalesce(patterns.coefficient_of_variation(array_agg(t.change_size::double precision)), 0)
                ELSE 0 END,
           count(DISTINCT patterns.iso_week_start(t.authored_at)),
           ARRAY[count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 0),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 1),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 2),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 3)
           ]::double precision[],
           st.distribution, d.score, greatest(0, sum(t.net_lines))
      FROM t
      JOIN statuses st ON st.file_path = t.file_path
      JOIN diversity d ON d.file_path = t.file_path
     GROUP BY t.file_path, st.distribution, d.score;
    RETURN CASE WHEN v_every THEN (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = p_project_id)
                ELSE cardinality(v_files) END;
END
$$;

COMMENT ON FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) IS 'Recomputes the file profiles of these files from the live changes, or with p_full those of every file whose live changes moved since (patterns.file_profiles_stale); returns the files recomputed.';

CREATE OR REPLACE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
BEGIN
    /*
     * Spec section 4 from the file profiles, as patterns.discover_magnitude() computes it,
     * for these files (every file when p_files is NULL). The span's end, the 95th
     * percentile and the percent ranks are taken over every file either way, so a file's
     * row is exact when written; the others' move with them in the rescore pass.
     * Returns {created, updated, invalidated}.
     */
    SELECT max(c.authored_at) INTO v_end_at FROM patterns.live_commits c WHERE c.project_id = p_project_id;
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
        SELECT f.* FROM patterns.file_profiles f
         WHERE f.project_id = p_project_id AND (p_files IS NULL OR f.file_path = ANY (p_files))
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
        SELECT l.file_path, count(*) AS n
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
         GROUP BY l.file_path
    ),
    periods AS (
        SELECT l.file_path,
               11 - floor(extract(epoch FROM v_end_at - l.authored_at) / (30.4375 * 86400))::integer AS period
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id
           AND l.authored_at > v_end_at - interval '366 days 6 hours'
           AND v_end_at - l.authored_at < interval '365 days 6 hours'
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
    ),
    trend AS (
        -- Of the files changed in the last year: the others' trend is 0 (no changes, mean 0).
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM (SELECT f.* FROM files f WHERE EXISTS (SELECT FROM periods p WHERE p.file_path = f.file_path)) f
          JOIN generate_series(0, 11) g(period)
            ON g.period >= 11 - floor(extract(epoch FROM v_end_at - f.first_at) / (30.4375 * 86400))::integer
          LEFT JOIN (SELECT p.file_path, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_path = f.file_path AND c.period = g.period
         GROUP BY f.file_path
    ),
    ranks AS (
        -- Among every file of the run, whichever files are written.
        SELECT r.file_path, r.hotspot
          FROM (SELECT f.file_path,
                       sqrt(percent_rank() OVER (ORDER BY f.total) * percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
                  FROM patterns.file_profiles f
                 WHERE f.project_id = p_project_id) r
         WHERE p_files IS NULL OR r.file_path = ANY (p_files)
    ),
    scored AS (
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, coalesce(tr.window_changes, 0) AS window_changes,
               CASE WHEN tr.m >= 3 AND tr.mean > 0 THEN tr.slope * (tr.m - 1) / tr.mean ELSE 0 END AS trend,
               1 - f.active_weeks::double precision
                   / ((patterns.iso_week_start(v_end_at) - patterns.iso_week_start(f.first_at)) / 7 + 1) AS stability,
               rk.hotspot
          FROM files f
          LEFT JOIN trend tr ON tr.file_path = f.file_path
          JOIN ranks rk ON rk.file_path = f.file_path
          LEFT JOIN anomalies a ON a.file_path = f.file_path
    ),
    risked AS (
        SELECT s.*, 0.35 * s.hotspot + 0.25 * s.anomaly + 0.20 * (1 - s.stability) + 0.20 * s.diversity AS risk
          FROM scored s
    ),
    wanted AS MATERIALIZED (
        -- A path's extension and category never change: computed for new files only.
        SELECT r.file_path,
               CASE WHEN cur.id IS NULL THEN patterns.file_extension(r.file_path) ELSE cur.file_extension END AS extension,
               CASE WHEN cur.id IS NULL THEN patterns.file_category(r.file_path) ELSE cur.file_category END AS category,
               CASE WHEN r.avg_size < 10 THEN 'small' WHEN r.avg_size < 50 THEN 'medium'
                    WHEN r.avg_size < 200 THEN 'large' ELSE 'massive' END AS change_category,
               r.avg_size, r.max_size::integer AS max_size,
               r.total / greatest(1, extract(epoch FROM v_end_at - r.first_at)::double precision / 604800) AS frequency,
               r.volatility, r.stability,
               CASE WHEN r.window_changes >= 5 AND r.trend > 0.5 THEN 'increasing'
                    WHEN r.window_changes >= 5 AND r.trend < -0.5 THEN 'decreasing'
                    WHEN r.volatility > 1.5 THEN 'volatile'
                    ELSE 'stable' END AS change_trend,
               r.trend, r.risk,
               CASE WHEN r.risk >= 0.55 THEN 'critical' WHEN r.risk >= 0.45 THEN 'high'
                    WHEN r.risk >= 0.30 THEN 'medium' ELSE 'low' END AS risk_level,
               r.anomaly, r.hotspot, r.diversity, r.statuses,
               ARRAY(SELECT s / r.total FROM unnest(r.seasons) s) AS seasons,
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
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = m.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;

COMMENT ON FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) IS 'Brings a run''s change-magnitude patterns of these files (every file when NULL) up to date from the file profiles, with the span''s end, the 95th percentile and the percent ranks of all files; returns {created, updated, invalidated}.';

CREATE OR REPLACE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10, p_author text DEFAULT NULL::text, p_ranking text DEFAULT 'recent'::text) RETURNS TABLE(file_path text, score double precision, confidence double precision, cochanges integer, query_file text, query_changes integer, recent_cochanges integer, recent_changes integer, author_cochanges integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
DECLARE
    v_project_id bigint;
    v_author_id  integer;
    v_beta       double precision := CASE WHEN p_author IS NULL THEN 0 ELSE 2 END;
    v_queries    text[];
    v_query_ids  integer[];
    v_row        record;
    v_files      text[] := ARRAY[]::text[];
    v_from       text[] := ARRAY[]::text[];
    v_scores     double precision[] := ARRAY[]::double precision[];
    v_cochanges  integer[] := ARRAY[]::integer[];
    v_changes    integer[] := ARRAY[]::integer[];
    v_group_ids     integer[] := ARRAY[]::integer[];
    v_group_from    text[] := ARRAY[]::text[];
    v_group_changes integer[] := ARRAY[]::integer[];
    v_group_score   double precision;
    v_group_nqx     integer;
    v_pick          record;
BEGIN
    /*
     * Spec section 6. Query paths are mapped through lineage (any path a file had); the
     * candidates are the files that changed with a query file in a counted commit (not a
     * merge, at most 30 files), less the query files and the files deleted as of the
     * latest commit. `recent`: score(x) = sum over q of s(q, x) / S(q), each sum over q's
     * counted commits j (newest first) of 2^(-(j - 1) / 16) * (1 + 2 [author of j = a]),
     * s over those that also change x; ties by n(q, x) of the contributing q (the q of the
     * largest term), then path. `confidence`: the best n(q, x) / n(q), ties by n(q, x),
     * then path.
     */
    PERFORM patterns.check_choice('ranking', p_ranking, ARRAY['recent', 'confidence']);
    IF p_ranking IS NULL THEN
        RAISE EXCEPTION 'ranking must be recent or confidence, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_project_id := patterns.project_id(p_project);
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The files a path names: the file whose latest path it is, and the files it was renamed
    -- into (a change at the path before such a rename belongs to the rename's file). Two
    -- index probes, where the distinct latest paths of every change at the path would read
    -- a hot file's whole history.
    v_queries := ARRAY(
        SELECT r.latest_path FROM git.file_changes r
         WHERE r.project_id = v_project_id AND r.status = 'R' AND r.old_path = ANY (p_files)
        UNION
        SELECT f.path FROM unnest(p_files) f (path)
         WHERE EXISTS (SELECT FROM git.file_changes l WHERE l.project_id = v_project_id AND l.latest_path = f.path));
    v_query_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = v_project_id AND g.path = ANY (v_queries));
    v_author_id := (SELECT a.author_id FROM git.authors a WHERE a.project_id = v_project_id AND a.author_key = lower(p_author));
    -- Best first, a group of equal (score, n(q, x)) at a time: only the groups taken have their
    -- paths looked up (to order a group by path) and their deleted files left out (on ansible
    -- most of a hot file's partners are deleted: looking up every partner cost more than the
    -- ranking). Paths compare in "C" here: the grouping sorts run on bytes.
    FOR v_row IN
        WITH
        clock AS (
            SELECT g.path_id AS query_file_id, g.path COLLATE "C" AS query_file, f.cooc_changes AS n
              FROM patterns.file_change_counts f
              JOIN git.paths g ON g.project_id = v_project_id AND g.path = f.file_path
             WHERE f.project_id = v_project_id AND f.file_path = ANY (v_queries) AND f.cooc_changes > 0
        ),
        totals AS (
            SELECT c.query_file_id, c.query_file, c.n,
                   sum(r.weight * patterns.recency_decay(c.n - r.stamp)
                       * (1 + v_beta * coalesce(r.author_id = v_author_id, false)::integer)) AS total
              FROM clock c
              JOIN patterns.file_author_recency r ON r.project_id = v_project_id AND r.file_id = c.query_file_id
             GROUP BY c.query_file_id, c.query_file, c.n
        ),
        terms AS (
            SELECT t.query_file, t.n, p.file_id AS candidate_id,
                   sum(p.changes)::integer AS nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(p.weight * patterns.recency_decay(t.n - p.stamp)
                                 * (1 + v_beta * coalesce(p.author_id = v_author_id, false)::integer)) / t.total
                        ELSE sum(p.changes)::double precision / t.n END AS term
              FROM totals t
              JOIN patterns.pair_author_recency p ON p.project_id = v_project_id AND p.query_file_id = t.query_file_id
             WHERE p.file_id <> ALL (v_query_ids)
             GROUP BY t.query_file, t.n, t.total, p.file_id
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term.
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent' THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate_id, tm.term DESC, tm.nqx DESC, tm.query_file
        )
        -- Then a sentinel row: the last group of equal (score, n(q, x)) is taken at its end.
        SELECT false AS sentinel, r.candidate_id, r.query_file COLLATE "default" AS query_file, r.n, r.nqx, r.score
          FROM ranked r
        UNION ALL
        SELECT true, NULL, NULL, NULL, NULL, NULL
         ORDER BY sentinel, score DESC, nqx DESC
    LOOP
        IF cardinality(v_group_ids) > 0
           AND (v_row.sentinel OR (v_row.score, v_row.nqx) <> (v_group_score, v_group_nqx)) THEN
            FOR v_pick IN
                SELECT u.path, u.query_file, u.n
                  FROM (SELECT g.id, g.query_file, g.n,
                               (SELECT x.path FROM git.paths x WHERE x.project_id = v_project_id AND x.path_id = g.id) AS path
                          FROM unnest(v_group_ids, v_group_from, v_group_changes) g (id, query_file, n)) u
                 WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d WHERE d.project_id = v_project_id AND d.file_id = u.id)
                 ORDER BY u.path COLLATE "C"
                 LIMIT p_k - cardinality(v_files)
            LOOP
                v_files := v_files || v_pick.path;
                v_from := v_from || v_pick.query_file;
                v_scores := v_scores || v_group_score;
                v_cochanges := v_cochanges || v_group_nqx;
                v_changes := v_changes || v_pick.n;
            END LOOP;
            EXIT WHEN cardinality(v_files) >= p_k;
            v_group_ids := ARRAY[]::integer[];
            v_group_from := ARRAY[]::text[];
            v_group_changes := ARRAY[]::integer[];
        END IF;
        v_group_ids := v_group_ids || v_row.candidate_id;
        v_group_from := v_group_from || v_row.query_file;
        v_group_changes := v_group_changes || v_row.n;
        v_group_score := v_row.score;
        v_group_nqx := v_row.nqx;
    END LOOP;
    RETURN QUERY
    WITH
    chosen AS (
        SELECT * FROM unnest(v_files, v_from, v_scores, v_cochanges, v_changes)
                      WITH ORDINALITY u (candidate, query_file, score, nqx, n, rank)
    ),
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (read once per query file, not once per row).
    recent AS MATERIALIZED (
        SELECT q.query_file, l.commit_id, l.author_key
          FROM (SELECT DISTINCT ch.query_file FROM chosen ch) q
         CROSS JOIN LATERAL (
                SELECT l.commit_id, l.author_key
                  FROM patterns.live_changes l
                  JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = v_project_id AND l.file_path = q.query_file AND l.commit_files <= 30
                 ORDER BY l.authored_at DESC, l.committed_at DESC, c.generation DESC, l.sha COLLATE "C" DESC
                 LIMIT 20) l
    ),
    shared AS (
        SELECT r.query_file, x.file_path, count(*) AS shared, count(*) FILTER (WHERE r.author_key = lower(p_author)) AS yours
          FROM recent r
          JOIN patterns.live_changes x ON x.project_id = v_project_id AND x.commit_id = r.commit_id
         GROUP BY r.query_file, x.file_path
    )
    SELECT ch.candidate, ch.score, ch.nqx::double precision / ch.n, ch.nqx, ch.query_file, ch.n,
           coalesce(s.shared, 0)::integer, (SELECT count(*) FROM recent r WHERE r.query_file = ch.query_file)::integer,
           CASE WHEN p_author IS NOT NULL THEN coalesce(s.yours, 0)::integer END
      FROM chosen ch
      LEFT JOIN shared s ON s.query_file = ch.query_file AND s.file_path = ch.candidate
     ORDER BY ch.rank;
END
$$;

COMMENT ON FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';

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

    UPDATE patterns.live_changes t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.live_changes'; rows_changed := v_count; RETURN NEXT;

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

COMMENT ON FUNCTION privacy.forget_rows(p_projects bigint[], p_identity privacy.identity, p_everywhere boolean) IS 'Replaces the person''s identity by their pseudonym in every table of the projects (p_everywhere: also in the tables that belong to no project) and returns the rows changed per table. The one list of where identities are stored; called by api.forget_identity.';

DROP TYPE patterns.live_change;
