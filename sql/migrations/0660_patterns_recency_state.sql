-- The state behind the `recent` ranking of co-change suggestions (spec section 6): per file q
-- and author a, S_a(q) = the sum of 2^(-(j - 1) / 16) over q's counted commits j by a (j = 1
-- for q's newest counted commit), and per ordered pair (q, x) and author, s_a(q, x) over the
-- commits that also change x. Summing over the authors gives S(q) and s(q, x); the author's
-- own row gives the author-weighted part, so one table serves both, and the author part is
-- not aggregated from the change log at query time (measured on ansible, see docs/patterns.md).
-- A row keeps its sum as of stamp = n(q) when it was written; it is read (and rewritten) as
-- weight * 2^(-(n(q) - stamp) / 16), n(q) being patterns.file_change_counts.cooc_changes:
-- exact, bounded (a sum stays below 1 / (1 - 2^(-1/16)) = 23.6) and without a periodic job.
-- It is kept with the counts: patterns.live_count() appends the commits that are q's newest
-- (the usual case of an ingest) and recomputes q from the change log when a commit lands
-- among older ones (authored earlier), or q's commits or partners moved (lineage, forgotten
-- history); patterns.live_rebuild() computes it in one pass. With it, the files deleted as of
-- the latest commit, which suggestions leave out.

CREATE FUNCTION patterns.recency_decay(p_steps integer)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT power(2::double precision, -p_steps / 16::double precision)
$$;
COMMENT ON FUNCTION patterns.recency_decay(integer) IS 'The weight 2^(-steps / 16) of a change that lies steps changes of its file back (half-life 16 changes, spec section 6); no search_path of its own, so that it inlines.';

CREATE TABLE patterns.file_author_recency (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path  text NOT NULL,
    author_key text NOT NULL,
    weight     double precision NOT NULL,
    stamp      integer NOT NULL,
    PRIMARY KEY (project_id, file_path, author_key)
);
COMMENT ON TABLE patterns.file_author_recency IS 'Per file q and author a, S_a(q): the decayed count of q''s counted commits (at most 30 files) by a, each weighted 2^(-(j - 1) / 16) with j = 1 for q''s newest; the sum over authors is S(q) (spec section 6).';
COMMENT ON COLUMN patterns.file_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.file_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';

-- A query reads one query file's rows: written in that order and updated in place (HOT, room
-- left on each page), they stay on a few pages instead of one page per row.
CREATE TABLE patterns.pair_author_recency (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    query_file text NOT NULL,
    file_path  text NOT NULL,
    author_key text NOT NULL,
    weight     double precision NOT NULL,
    changes    integer NOT NULL,
    stamp      integer NOT NULL,
    PRIMARY KEY (project_id, query_file, file_path, author_key),
    CONSTRAINT pair_author_recency_other_file CHECK (query_file <> file_path)
) WITH (fillfactor = 80);
COMMENT ON TABLE patterns.pair_author_recency IS 'Per query file q, other file x and author a, s_a(q, x): the decayed count (by q''s clock) of q''s counted commits by a that also change x; the sum over authors is s(q, x) of spec section 6. Directional: s(q, x) and s(x, q) decay by different clocks.';
COMMENT ON COLUMN patterns.pair_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.pair_author_recency.changes IS 'How many of those commits there are (summed over authors: n(q, x)).';
COMMENT ON COLUMN patterns.pair_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';

CREATE TABLE patterns.deleted_files (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path  text NOT NULL,
    PRIMARY KEY (project_id, file_path)
);
COMMENT ON TABLE patterns.deleted_files IS 'The files (latest paths) whose last change in commit order (committed time, generation, sha) is a delete: deleted as of the latest commit, never suggested (spec section 6).';

CREATE FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Whether these files (NULL: every file) are deleted as of the latest commit.
    DELETE FROM patterns.deleted_files t
     WHERE t.project_id = p_project_id AND (p_files IS NULL OR t.file_path = ANY (p_files));
    INSERT INTO patterns.deleted_files (project_id, file_path)
    SELECT p_project_id, last.file_path
      FROM (SELECT DISTINCT ON (l.file_path) l.file_path, l.statuses
              FROM patterns.live_changes l
              JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
             WHERE l.project_id = p_project_id AND (p_files IS NULL OR l.file_path = ANY (p_files))
             ORDER BY l.file_path, c.committed_at DESC, c.generation DESC, c.sha DESC) last
     WHERE 'D' = ANY (last.statuses);
END
$$;
COMMENT ON FUNCTION patterns.deleted_refresh(bigint, text[]) IS 'Recomputes patterns.deleted_files for these files of a project (NULL: all) from patterns.live_changes (merges change no files).';

CREATE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    /*
     * The recency rows of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (authored time, then commit
     * order), stamped with their number n(q).
     */
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (p_files IS NULL OR t.file_path = ANY (p_files));
    DELETE FROM patterns.pair_author_recency t
     WHERE t.project_id = p_project_id AND (p_files IS NULL OR t.query_file = ANY (p_files));
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
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, file_path, author_key, weight, stamp)
        SELECT p_project_id, a.file_path, a.author_key, sum(patterns.recency_decay(a.age)), max(a.n)
          FROM aged a
         GROUP BY a.file_path, a.author_key
    )
    INSERT INTO patterns.pair_author_recency (project_id, query_file, file_path, author_key, weight, changes, stamp)
    SELECT p_project_id, a.file_path, x.file_path, a.author_key, sum(patterns.recency_decay(a.age)), count(*), max(a.n)
      FROM aged a
      JOIN patterns.live_changes x ON x.project_id = p_project_id AND x.commit_id = a.commit_id AND x.file_path <> a.file_path
     GROUP BY a.file_path, x.file_path, a.author_key
     ORDER BY a.file_path, x.file_path, a.author_key;
END
$$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint, text[]) IS 'Recomputes the decayed sums of patterns.file_author_recency and pair_author_recency for these query files of a project (NULL: all) from patterns.live_changes.';

CREATE FUNCTION patterns.live_recency(
      p_project_id bigint
    , p_old_changes patterns.live_changes[]
    , p_new_changes patterns.live_changes[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
        new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= 30),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= 30)
        ),
        aged AS (
            -- The new commits are the file's newest: their ages count from 0 among themselves.
            SELECT nw.file_path, nw.commit_id, nw.author_key, f.cooc_changes AS n,
                   (row_number() OVER (PARTITION BY nw.file_path
                                       ORDER BY c.authored_at DESC, c.committed_at DESC, c.generation DESC,
                                                c.sha COLLATE "C" DESC) - 1)::integer AS age
              FROM newly nw
              JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
              JOIN patterns.file_change_counts f ON f.project_id = p_project_id AND f.file_path = nw.file_path
        ),
        authors AS (
            INSERT INTO patterns.file_author_recency AS t (project_id, file_path, author_key, weight, stamp)
            SELECT p_project_id, a.file_path, a.author_key, sum(patterns.recency_decay(a.age)), max(a.n)
              FROM aged a
             GROUP BY a.file_path, a.author_key
            ON CONFLICT (project_id, file_path, author_key) DO UPDATE
               SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
                   stamp = excluded.stamp
        )
        INSERT INTO patterns.pair_author_recency AS t (project_id, query_file, file_path, author_key, weight, changes, stamp)
        SELECT p_project_id, a.file_path, x.file_path, a.author_key, sum(patterns.recency_decay(a.age)), count(*), max(a.n)
          FROM aged a
          JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_path <> a.file_path
         GROUP BY a.file_path, x.file_path, a.author_key
        ON CONFLICT (project_id, query_file, file_path, author_key) DO UPDATE
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
COMMENT ON FUNCTION patterns.live_recency(bigint, patterns.live_changes[], patterns.live_changes[]) IS 'Moves a project''s recency rows (file_author_recency, pair_author_recency) from the old changes of T to the new ones: appends commits that are their files'' newest, recomputes the files whose history changed otherwise; refreshes the touched files'' deletion state. Called by patterns.live_count().';

-- The two functions that keep the live counts, as 0211 made them, with the recency rows added.
CREATE OR REPLACE FUNCTION patterns.live_count(
      p_project_id bigint
    , p_old_commits patterns.live_commits[]
    , p_old_changes patterns.live_changes[]
    , p_new_commits patterns.live_commits[]
    , p_new_changes patterns.live_changes[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT a.file_path COLLATE "C" AS file_1, b.file_path COLLATE "C" AS file_2, sum(a.sign) AS n
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND b.sign = a.sign AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
         WHERE a.commit_files <= 30
         GROUP BY 1, 2
        HAVING sum(a.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_pair_counts t SET cochanges = t.cochanges + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path_1 = d.file_1 AND t.file_path_2 = d.file_2
    )
    INSERT INTO patterns.file_pair_counts (project_id, file_path_1, file_path_2, cochanges)
    SELECT p_project_id, d.file_1, d.file_2, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_pair_counts t
                        WHERE t.project_id = p_project_id AND t.file_path_1 = d.file_1 AND t.file_path_2 = d.file_2);

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
           AND t.file_path_1 IN (SELECT c.file_path FROM unnest(p_old_changes) c);
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
COMMENT ON FUNCTION patterns.live_count(bigint, patterns.live_commits[], patterns.live_changes[], patterns.live_commits[], patterns.live_changes[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted. Then moves the recency rows of the `recent` suggestions (patterns.live_recency).';

CREATE OR REPLACE FUNCTION patterns.live_rebuild(p_project_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
    INSERT INTO patterns.file_pair_counts (project_id, file_path_1, file_path_2, cochanges)
    SELECT p_project_id, a.file_path, b.file_path, count(*)
      FROM patterns.live_changes a
      JOIN patterns.live_changes b ON b.project_id = a.project_id AND b.commit_id = a.commit_id
                                  AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
     WHERE a.project_id = p_project_id AND a.commit_files <= 30
     GROUP BY a.file_path, b.file_path;
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
            patterns.deleted_files;
    RETURN v_commits;
END
$$;
COMMENT ON FUNCTION patterns.live_rebuild(bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Includes the recency rows of the `recent` suggestions. Serialised per project with patterns.live_refresh().';

-- Projects ingested before this migration.
SELECT patterns.recency_recompute(p.project_id, NULL), patterns.deleted_refresh(p.project_id, NULL)
  FROM core.projects p ORDER BY p.project_id;
