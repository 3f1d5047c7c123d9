-- The live state keyed by text again: the recency state (0660's tables and functions, 0661's
-- suggestions) and the pair counts.
CREATE TABLE patterns.file_author_recency_text (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path  text NOT NULL,
    author_key text NOT NULL,
    weight     double precision NOT NULL,
    stamp      integer NOT NULL,
    PRIMARY KEY (project_id, file_path, author_key)
);
CREATE TABLE patterns.pair_author_recency_text (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    query_file text NOT NULL,
    file_path  text NOT NULL,
    author_key text NOT NULL,
    weight     double precision NOT NULL,
    changes    integer NOT NULL,
    stamp      integer NOT NULL,
    PRIMARY KEY (project_id, query_file, file_path, author_key),
    CONSTRAINT pair_author_recency_other_file_text CHECK (query_file <> file_path)
) WITH (fillfactor = 80);
CREATE TABLE patterns.deleted_files_text (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path  text NOT NULL,
    PRIMARY KEY (project_id, file_path)
);
INSERT INTO patterns.file_author_recency_text (project_id, file_path, author_key, weight, stamp)
SELECT r.project_id, g.path, a.author_key, r.weight, r.stamp
  FROM patterns.file_author_recency r
  JOIN git.paths g ON g.project_id = r.project_id AND g.path_id = r.file_id
  JOIN git.authors a ON a.project_id = r.project_id AND a.author_id = r.author_id;
INSERT INTO patterns.pair_author_recency_text (project_id, query_file, file_path, author_key, weight, changes, stamp)
SELECT r.project_id, q.path, x.path, a.author_key, r.weight, r.changes, r.stamp
  FROM patterns.pair_author_recency r
  JOIN git.paths q ON q.project_id = r.project_id AND q.path_id = r.query_file_id
  JOIN git.paths x ON x.project_id = r.project_id AND x.path_id = r.file_id
  JOIN git.authors a ON a.project_id = r.project_id AND a.author_id = r.author_id
 ORDER BY 1, 2, 3, 4;
INSERT INTO patterns.deleted_files_text (project_id, file_path)
SELECT d.project_id, g.path FROM patterns.deleted_files d JOIN git.paths g ON g.project_id = d.project_id AND g.path_id = d.file_id;
DROP TABLE patterns.file_author_recency, patterns.pair_author_recency, patterns.deleted_files;
ALTER TABLE patterns.file_author_recency_text RENAME TO file_author_recency;
ALTER INDEX patterns.file_author_recency_text_pkey RENAME TO file_author_recency_pkey;
ALTER TABLE patterns.file_author_recency RENAME CONSTRAINT file_author_recency_text_project_id_fkey TO file_author_recency_project_id_fkey;
ALTER TABLE patterns.pair_author_recency_text RENAME TO pair_author_recency;
ALTER INDEX patterns.pair_author_recency_text_pkey RENAME TO pair_author_recency_pkey;
ALTER TABLE patterns.pair_author_recency RENAME CONSTRAINT pair_author_recency_text_project_id_fkey TO pair_author_recency_project_id_fkey;
ALTER TABLE patterns.deleted_files_text RENAME TO deleted_files;
ALTER INDEX patterns.deleted_files_text_pkey RENAME TO deleted_files_pkey;
ALTER TABLE patterns.deleted_files RENAME CONSTRAINT deleted_files_text_project_id_fkey TO deleted_files_project_id_fkey;
ALTER TABLE patterns.pair_author_recency RENAME CONSTRAINT pair_author_recency_other_file_text TO pair_author_recency_other_file;
COMMENT ON TABLE patterns.file_author_recency IS 'Per file q and author a, S_a(q): the decayed count of q''s counted commits (at most 30 files) by a, each weighted 2^(-(j - 1) / 16) with j = 1 for q''s newest; the sum over authors is S(q) (spec section 6).';
COMMENT ON COLUMN patterns.file_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.file_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';
COMMENT ON TABLE patterns.pair_author_recency IS 'Per query file q, other file x and author a, s_a(q, x): the decayed count (by q''s clock) of q''s counted commits by a that also change x; the sum over authors is s(q, x) of spec section 6. Directional: s(q, x) and s(x, q) decay by different clocks.';
COMMENT ON COLUMN patterns.pair_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.pair_author_recency.changes IS 'How many of those commits there are (summed over authors: n(q, x)).';
COMMENT ON COLUMN patterns.pair_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';
COMMENT ON TABLE patterns.deleted_files IS 'The files (latest paths) whose last change in commit order (committed time, generation, sha) is a delete: deleted as of the latest commit, never suggested (spec section 6).';

CREATE OR REPLACE FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[])
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

CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[])
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

CREATE OR REPLACE FUNCTION patterns.live_recency(
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

CREATE OR REPLACE FUNCTION api.suggest_cochanges(
      p_project text
    , p_files text[]
    , p_k integer DEFAULT 10
    , p_author text DEFAULT NULL
    , p_ranking text DEFAULT 'recent')
RETURNS TABLE (
      file_path text
    , score double precision
    , confidence double precision
    , cochanges integer
    , query_file text
    , query_changes integer
    , recent_cochanges integer
    , recent_changes integer
    , author_cochanges integer)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Its plan looks expensive and runs in milliseconds: JIT would add a second. Planned once per
-- session: a custom plan per call took 10 ms to make on ansible, five times the run.
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_project_id bigint;
    v_author     text := lower(p_author);
    v_beta       double precision := CASE WHEN p_author IS NULL THEN 0 ELSE 2 END;
    v_queries    text[];
    v_row        record;
    v_files      text[] := ARRAY[]::text[];
    v_from       text[] := ARRAY[]::text[];
    v_scores     double precision[] := ARRAY[]::double precision[];
    v_cochanges  integer[] := ARRAY[]::integer[];
    v_changes    integer[] := ARRAY[]::integer[];
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
    -- Best first; deleted files are looked up one candidate at a time until k remain (on
    -- ansible most of a hot file's partners are deleted: looking up every partner cost more
    -- than the ranking). Paths compare in "C" here: the grouping sorts run on bytes.
    FOR v_row IN
        WITH
        clock AS (
            SELECT f.file_path AS query_file, f.cooc_changes AS n
              FROM patterns.file_change_counts f
             WHERE f.project_id = v_project_id AND f.file_path = ANY (v_queries) AND f.cooc_changes > 0
        ),
        totals AS (
            SELECT c.query_file, c.n,
                   sum(r.weight * patterns.recency_decay(c.n - r.stamp)
                       * (1 + v_beta * coalesce(r.author_key = v_author, false)::integer)) AS total
              FROM clock c
              JOIN patterns.file_author_recency r ON r.project_id = v_project_id AND r.file_path = c.query_file
             GROUP BY c.query_file, c.n
        ),
        terms AS (
            SELECT t.query_file COLLATE "C" AS query_file, t.n, p.file_path COLLATE "C" AS candidate,
                   sum(p.changes)::integer AS nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(p.weight * patterns.recency_decay(t.n - p.stamp)
                                 * (1 + v_beta * coalesce(p.author_key = v_author, false)::integer)) / t.total
                        ELSE sum(p.changes)::double precision / t.n END AS term
              FROM totals t
              JOIN patterns.pair_author_recency p ON p.project_id = v_project_id AND p.query_file = t.query_file
             WHERE p.file_path <> ALL (v_queries)
             GROUP BY t.query_file, t.n, t.total, p.file_path
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term.
            SELECT DISTINCT ON (tm.candidate) tm.candidate, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent' THEN sum(tm.term) OVER (PARTITION BY tm.candidate)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate, tm.term DESC, tm.nqx DESC, tm.query_file
        )
        SELECT r.candidate COLLATE "default" AS candidate, r.query_file COLLATE "default" AS query_file,
               r.n, r.nqx, r.score
          FROM ranked r ORDER BY r.score DESC, r.nqx DESC, r.candidate
    LOOP
        CONTINUE WHEN EXISTS (SELECT FROM patterns.deleted_files d
                               WHERE d.project_id = v_project_id AND d.file_path = v_row.candidate);
        v_files := v_files || v_row.candidate;
        v_from := v_from || v_row.query_file;
        v_scores := v_scores || v_row.score;
        v_cochanges := v_cochanges || v_row.nqx;
        v_changes := v_changes || v_row.n;
        EXIT WHEN cardinality(v_files) >= p_k;
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
        SELECT r.query_file, x.file_path, count(*) AS shared, count(*) FILTER (WHERE r.author_key = v_author) AS yours
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
COMMENT ON FUNCTION api.suggest_cochanges(text, text[], integer, text, text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';

-- The pair counts keyed by their paths again (0211), with 0660's live_count and live_rebuild
-- and 0615's update_cooccurrence (planned per call, 0670).
CREATE TABLE patterns.file_pair_counts_text (
    project_id  bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path_1 text COLLATE "C" NOT NULL,
    file_path_2 text COLLATE "C" NOT NULL,
    cochanges   integer NOT NULL,
    PRIMARY KEY (project_id, file_path_1, file_path_2),
    CONSTRAINT file_pair_counts_order_text CHECK (file_path_1 < file_path_2)
);
INSERT INTO patterns.file_pair_counts_text (project_id, file_path_1, file_path_2, cochanges)
SELECT c.project_id, least(a.path COLLATE "C", b.path COLLATE "C"), greatest(a.path COLLATE "C", b.path COLLATE "C"), c.cochanges
  FROM patterns.file_pair_counts c
  JOIN git.paths a ON a.project_id = c.project_id AND a.path_id = c.file_id_1
  JOIN git.paths b ON b.project_id = c.project_id AND b.path_id = c.file_id_2
 ORDER BY 1, 2, 3;
DROP TABLE patterns.file_pair_counts;
ALTER TABLE patterns.file_pair_counts_text RENAME TO file_pair_counts;
ALTER INDEX patterns.file_pair_counts_text_pkey RENAME TO file_pair_counts_pkey;
ALTER TABLE patterns.file_pair_counts RENAME CONSTRAINT file_pair_counts_text_project_id_fkey TO file_pair_counts_project_id_fkey;
ALTER TABLE patterns.file_pair_counts RENAME CONSTRAINT file_pair_counts_order_text TO file_pair_counts_order;
CREATE INDEX file_pair_counts_file_2_idx ON patterns.file_pair_counts (project_id, file_path_2);
COMMENT ON INDEX patterns.file_pair_counts_file_2_idx IS 'The pairs of a file as the second path (the primary key serves the first).';
COMMENT ON TABLE patterns.file_pair_counts IS 'Per pair of files, n(a,b): the commits of T with at most 30 files that change both (every pair seen at least once; co-occurrence patterns and api.suggest_cochanges read it).';

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

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(
      p_project_id bigint
    , p_session patterns.pattern_discovery_sessions
    , p_files text[]
    , p_full boolean)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    v_counts integer[];
    v_n      double precision;
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it, for every pair of a changed file (all with p_full). What N moves of the other
     * pairs is left to patterns.rescore_cooccurrence(). Returns {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    WITH
    dirty_pairs AS (
        SELECT pc.file_path_1, pc.file_path_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND (p_full OR pc.file_path_1 = ANY (p_files))
        UNION
        SELECT pc.file_path_1, pc.file_path_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND NOT p_full AND pc.file_path_2 = ANY (p_files)
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
COMMENT ON FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';

DROP FUNCTION git.intern_keys(bigint, text[], text[]);
DROP TABLE git.paths, git.authors;
