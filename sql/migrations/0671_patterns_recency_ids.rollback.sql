-- The recency state keyed by text again (0660's tables and functions, 0661's suggestions).
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

DROP FUNCTION git.intern_keys(bigint, text[], text[]);
DROP TABLE git.paths, git.authors;
