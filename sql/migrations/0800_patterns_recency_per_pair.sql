-- The recency state of the `recent` suggestions a fifth of its size (issue 12 item 5, issue 14).
-- s(q, x) with author a is s0(q, x) + 2 s_a(q, x): the author-free decayed sum and the part of
-- the author's own commits. 0660 stored s_a per ordered pair and author (patterns.
-- pair_author_recency: 69 MiB on ansible, 135 MiB on the 100K synthetic history, most of it
-- pairs of one author stored once per direction) and S_a(q) per file and author. Now:
-- - s0 is stored once per unordered pair, as two more columns per direction on
--   patterns.file_pair_counts (whose cochanges is n(q, x) already): the sum and its stamp;
-- - S0(q) is a closed form of n(q) (patterns.recency_total);
-- - the author part is computed when asked from patterns.file_author_recency: per file and
--   author, that author's counted commits of the file and their places in the file's clock
--   (j = n(q) - place + 1), and the other files of those commits (live_changes' key); when
--   the author made most of q's commits, from everyone else's (s_a = s0 less theirs).
-- Exact ties stay exact: s0 is summed in age order as before, s_a in age order when read, and
-- the terms of several query files in query-file order.

ALTER TABLE patterns.file_pair_counts
    ADD COLUMN stamp_1 integer NOT NULL DEFAULT 0,
    ADD COLUMN weight_1 double precision NOT NULL DEFAULT 0,
    ADD COLUMN weight_2 double precision NOT NULL DEFAULT 0,
    ADD COLUMN stamp_2 integer NOT NULL DEFAULT 0;
-- Room on each page: a commit rewrites its pairs' sums, and their counts, in place (HOT updates:
-- no index entries; without it recomputing a file's sums took half again as long).
ALTER TABLE patterns.file_pair_counts SET (fillfactor = 90);
COMMENT ON COLUMN patterns.file_pair_counts.weight_1 IS 's(file_1, file_2) of spec section 6 without author: the decayed count, by file_1''s clock, of file_1''s counted commits that also change file_2, as of stamp_1; now it is weight_1 * patterns.recency_decay(n(file_1) - stamp_1).';
COMMENT ON COLUMN patterns.file_pair_counts.stamp_1 IS 'n(file_1) (patterns.file_change_counts.cooc_changes) when weight_1 was written; 0: not yet written.';
COMMENT ON COLUMN patterns.file_pair_counts.weight_2 IS 's(file_2, file_1) without author, by file_2''s clock, as of stamp_2 (see weight_1).';
COMMENT ON COLUMN patterns.file_pair_counts.stamp_2 IS 'n(file_2) when weight_2 was written; 0: not yet written.';
COMMENT ON TABLE patterns.file_pair_counts IS 'Per pair of files (git.paths numbers, the smaller first), n(a,b): the commits of T with at most 30 files that change both (every pair seen at least once; the co-occurrence patterns read it), and for each direction the author-free decayed sum of the `recent` suggestions (0800).';

-- patterns.file_author_recency keeps its name (the recency state per file and author) with
-- what it now holds.
CREATE TABLE patterns.file_author_recency_new (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_id integer NOT NULL,
    author_id integer NOT NULL,
    places integer[] NOT NULL,
    commit_ids bigint[] NOT NULL,
    PRIMARY KEY (project_id, file_id, author_id),
    CONSTRAINT file_author_recency_aligned CHECK (cardinality(places) = cardinality(commit_ids))
);
DROP TABLE patterns.pair_author_recency, patterns.file_author_recency;
ALTER TABLE patterns.file_author_recency_new RENAME TO file_author_recency;
ALTER INDEX patterns.file_author_recency_new_pkey RENAME TO file_author_recency_pkey;
ALTER TABLE patterns.file_author_recency RENAME CONSTRAINT file_author_recency_new_project_id_fkey TO file_author_recency_project_id_fkey;
COMMENT ON TABLE patterns.file_author_recency IS 'Per file q and author a, a''s counted commits of q (at most 30 files), oldest first: what api.suggest_cochanges reads the author part of the `recent` score from (s_a(q, x) and S_a(q), spec section 6). Keyed by git.paths and git.authors numbers.';
COMMENT ON COLUMN patterns.file_author_recency.places IS 'Each commit''s place among q''s counted commits, oldest first from 1: it is j = n(q) - place + 1 newest first, so it stays as newer commits come.';
COMMENT ON COLUMN patterns.file_author_recency.commit_ids IS 'The commits, in the order of places (their other files are in patterns.live_changes).';
GRANT SELECT, INSERT, DELETE, UPDATE ON patterns.file_author_recency TO pgpattern_writer;

CREATE FUNCTION patterns.recency_total(p_changes integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Past 16,000 changes 2^(-n / 16) is below rounding (and power() would underflow).
    SELECT (1 - power(2::double precision, -least(p_changes, 16000) / 16::double precision))
           / (1 - power(2::double precision, -1 / 16::double precision))
$$;
COMMENT ON FUNCTION patterns.recency_total(integer) IS 'S(q) without author: the sum of 2^(-(j - 1) / 16) over j = 1 .. n(q) (spec section 6), in closed form; no search_path of its own, so that it inlines.';
GRANT EXECUTE ON FUNCTION patterns.recency_total(integer) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency state of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (their place in time order,
     * patterns.live_commits.ordinal), stamped with their number n(q). Writes the file's
     * rows of patterns.file_author_recency and its direction of its pairs' sums in
     * patterns.file_pair_counts (the pair rows are there: patterns.live_count wrote them).
     */
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.file_id = ANY (v_file_ids));
    WITH
    aged AS (
        SELECT l.file_id, l.commit_id, c.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_id))::integer AS n
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND c.files <= 30
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
        WINDOW w AS (PARTITION BY l.file_id ORDER BY l.ordinal DESC)
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, file_id, author_id, places, commit_ids)
        SELECT p_project_id, g.file_id, a.author_id, array_agg(g.n - g.age ORDER BY g.age DESC),
               array_agg(g.commit_id ORDER BY g.age DESC)
          FROM aged g
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
         GROUP BY g.file_id, a.author_id
    ),
    sums AS (
        SELECT g.file_id AS query_file_id, l.file_id, sum(patterns.recency_decay(g.age) ORDER BY g.age) AS weight,
               max(g.n) AS stamp
          FROM aged g
          JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = g.commit_id AND l.file_id <> g.file_id
         GROUP BY g.file_id, l.file_id
    ),
    pairs AS (
        -- Both directions of a pair in one row: an UPDATE writes a row once.
        SELECT least(s.query_file_id, s.file_id) AS file_id_1, greatest(s.query_file_id, s.file_id) AS file_id_2,
               min(s.weight) FILTER (WHERE s.query_file_id < s.file_id) AS weight_1,
               min(s.stamp) FILTER (WHERE s.query_file_id < s.file_id) AS stamp_1,
               min(s.weight) FILTER (WHERE s.query_file_id > s.file_id) AS weight_2,
               min(s.stamp) FILTER (WHERE s.query_file_id > s.file_id) AS stamp_2
          FROM sums s
         GROUP BY 1, 2
    ),
    updated AS (
        -- Some files: their pair rows updated, found by their indexes (else a hot file's
        -- thousands of pairs were matched against a scan of every pair of the project).
        UPDATE patterns.file_pair_counts t
           SET weight_1 = coalesce(p.weight_1, t.weight_1), stamp_1 = coalesce(p.stamp_1, t.stamp_1),
               weight_2 = coalesce(p.weight_2, t.weight_2), stamp_2 = coalesce(p.stamp_2, t.stamp_2)
          FROM pairs p
         WHERE p_files IS NOT NULL AND t.project_id = p_project_id
           AND t.file_id_1 = p.file_id_1 AND t.file_id_2 = p.file_id_2
           AND (t.file_id_1 = ANY (v_file_ids) OR t.file_id_2 = ANY (v_file_ids))
    ),
    gone AS (
        DELETE FROM patterns.file_pair_counts t WHERE p_files IS NULL AND t.project_id = p_project_id
        RETURNING t.file_id_1, t.file_id_2, t.cochanges
    )
    -- Every file: the project's pair rows written again, in key order. (Updated in place,
    -- most rows would move to the end of the table out of order, and reading a file's pairs
    -- would cost a page each: a third slower suggestions for hot files.)
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges, stamp_1, weight_1, weight_2, stamp_2)
    SELECT p_project_id, g.file_id_1, g.file_id_2, g.cochanges, coalesce(p.stamp_1, 0), coalesce(p.weight_1, 0),
           coalesce(p.weight_2, 0), coalesce(p.stamp_2, 0)
      FROM gone g
      LEFT JOIN pairs p ON p.file_id_1 = g.file_id_1 AND p.file_id_2 = g.file_id_2
     ORDER BY g.file_id_1, g.file_id_2;
END
$$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint, text[]) IS 'Recomputes the recency state of these query files of a project (NULL: all) from patterns.live_changes: their rows of patterns.file_author_recency and their direction of the decayed sums in patterns.file_pair_counts.';

CREATE OR REPLACE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_change[], p_new_changes patterns.live_change[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_recompute text[];
    v_append    text[];
BEGIN
    /*
     * Moves the recency state from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current, the new
     * commits placed in time order: patterns.live_place). A
     * file's items are (commit, author, partner), the file itself a partner standing for
     * the commit. A file that only gained whole commits, all newer than its others, is
     * appended to: its sums decay to the new n(q) and add the new commits' weights,
     * and its authors' lists of commits get the new ones.
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
        SELECT nw.file_path, g.path_id AS file_id, min(c.ordinal) AS ordinal
          FROM newly nw
          JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = nw.file_path
         GROUP BY nw.file_path, g.path_id
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
                  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = p_project_id AND l.file_id = f.file_id AND l.ordinal > f.ordinal
                   AND c.files <= 30
                   AND NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = f.file_path AND nw.commit_id = l.commit_id))
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
                   (row_number() OVER (PARTITION BY nw.file_id ORDER BY c.ordinal DESC) - 1)::integer AS age
              FROM newly nw
              JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
              JOIN patterns.file_change_counts f ON f.project_id = p_project_id AND f.file_path = nw.file_path
        ),
        authors AS (
            INSERT INTO patterns.file_author_recency AS t (project_id, file_id, author_id, places, commit_ids)
            SELECT p_project_id, a.file_id, a.author_id, array_agg(a.n - a.age ORDER BY a.age DESC),
                   array_agg(a.commit_id ORDER BY a.age DESC)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET places = t.places || excluded.places, commit_ids = t.commit_ids || excluded.commit_ids
        ),
        sums AS (
            SELECT a.file_id AS query_file_id, x.file_id, sum(patterns.recency_decay(a.age) ORDER BY a.age) AS weight,
                   max(a.n) AS stamp
              FROM aged a
              JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_id <> a.file_id
             GROUP BY a.file_id, x.file_id
        ),
        pairs AS (
            SELECT least(s.query_file_id, s.file_id) AS file_id_1, greatest(s.query_file_id, s.file_id) AS file_id_2,
                   min(s.weight) FILTER (WHERE s.query_file_id < s.file_id) AS weight_1,
                   min(s.stamp) FILTER (WHERE s.query_file_id < s.file_id) AS stamp_1,
                   min(s.weight) FILTER (WHERE s.query_file_id > s.file_id) AS weight_2,
                   min(s.stamp) FILTER (WHERE s.query_file_id > s.file_id) AS stamp_2
              FROM sums s
             GROUP BY 1, 2
        )
        -- A sum decays to the new n(q) and adds the new commits' weights (a pair's first sum:
        -- stamp 0, only the new weights).
        UPDATE patterns.file_pair_counts t
           SET weight_1 = CASE WHEN p.stamp_1 IS NULL THEN t.weight_1 WHEN t.stamp_1 = 0 THEN p.weight_1
                               ELSE t.weight_1 * patterns.recency_decay(p.stamp_1 - t.stamp_1) + p.weight_1 END,
               stamp_1 = coalesce(p.stamp_1, t.stamp_1),
               weight_2 = CASE WHEN p.stamp_2 IS NULL THEN t.weight_2 WHEN t.stamp_2 = 0 THEN p.weight_2
                               ELSE t.weight_2 * patterns.recency_decay(p.stamp_2 - t.stamp_2) + p.weight_2 END,
               stamp_2 = coalesce(p.stamp_2, t.stamp_2)
          FROM pairs p
         WHERE t.project_id = p_project_id AND t.file_id_1 = p.file_id_1 AND t.file_id_2 = p.file_id_2;
    END IF;
    IF cardinality(v_recompute) > 0 THEN
        PERFORM patterns.recency_recompute(p_project_id, v_recompute);
    END IF;
    PERFORM patterns.deleted_refresh(p_project_id, ARRAY(SELECT o.file_path FROM unnest(p_old_changes) o
                                                         UNION SELECT n.file_path FROM unnest(p_new_changes) n));
END
$$;
COMMENT ON FUNCTION patterns.live_recency(bigint, patterns.live_change[], patterns.live_change[]) IS 'Moves the recency state of the `recent` suggestions (the decayed sums in patterns.file_pair_counts, patterns.file_author_recency) from the old changes of T to the new ones: appended to for a file whose new commits are its newest, recomputed from the change log otherwise (patterns.recency_recompute); then the deleted files.';

-- The author part from the commits of the author alone; body as 0790 made it otherwise.
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
    v_file_ids   integer[] := ARRAY[]::integer[];
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
        own AS MATERIALIZED (
            -- The author's counted commits of each query file (none without an author, or for
            -- `confidence`), and whether they are more than half of q's: then the author part is
            -- s0 less everyone else's, which reads fewer commits (a file changed by its author
            -- nearly alone, as on the 100K synthetic history, would otherwise read all of them).
            SELECT c.query_file_id, c.n, r.places, r.commit_ids, 2 * cardinality(r.places) > c.n AS others
              FROM clock c
              JOIN patterns.file_author_recency r
                ON r.project_id = v_project_id AND r.file_id = c.query_file_id AND r.author_id = v_author_id
             WHERE p_ranking = 'recent'
        ),
        mine AS MATERIALIZED (
            -- The commits read, the author's or everyone else's, and their ages (j - 1).
            SELECT o.query_file_id, o.n - m.place AS age, m.commit_id
              FROM own o
             CROSS JOIN LATERAL unnest(o.places, o.commit_ids) m (place, commit_id)
             WHERE NOT o.others
            UNION ALL
            SELECT o.query_file_id, o.n - m.place, m.commit_id
              FROM own o
              JOIN patterns.file_author_recency r
                ON r.project_id = v_project_id AND r.file_id = o.query_file_id AND r.author_id <> v_author_id
             CROSS JOIN LATERAL unnest(r.places, r.commit_ids) m (place, commit_id)
             WHERE o.others
        ),
        totals AS (
            -- S(q) = S0(q) + 2 S_a(q), S_a(q) the sum over the commits read or S0(q) less it.
            SELECT c.query_file_id, c.query_file, c.n, coalesce(o.others, false) AS others,
                   patterns.recency_total(c.n)
                   + v_beta * CASE WHEN o.others THEN patterns.recency_total(c.n) - coalesce(m.weight, 0)
                                   ELSE coalesce(m.weight, 0) END AS total
              FROM clock c
              LEFT JOIN own o ON o.query_file_id = c.query_file_id
              LEFT JOIN LATERAL (SELECT sum(patterns.recency_decay(m.age)) AS weight FROM mine m
                                  WHERE m.query_file_id = c.query_file_id) m ON true
        ),
        read AS (
            -- Per other file, the sum over the commits read, in age order: equal inputs give
            -- equal bits (exact ties). (The commits' files in one index scan, then matched:
            -- cheaper than a probe each.)
            SELECT m.query_file_id, x.file_id, sum(patterns.recency_decay(m.age) ORDER BY m.age) AS weight
              FROM patterns.live_changes x
              JOIN mine m ON m.commit_id = x.commit_id AND m.query_file_id <> x.file_id
             WHERE x.project_id = v_project_id AND x.commit_id = ANY (ARRAY(SELECT m.commit_id FROM mine m))
             GROUP BY m.query_file_id, x.file_id
        ),
        pairs AS (
            -- q's pairs in q's direction: the smaller number's sum or the larger's.
            SELECT t.query_file_id, t.query_file, t.n, t.total, t.others, p.file_id_2 AS candidate_id,
                   p.cochanges AS nqx, p.weight_1 * patterns.recency_decay(t.n - p.stamp_1) AS weight
              FROM totals t
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_1 = t.query_file_id
            UNION ALL
            SELECT t.query_file_id, t.query_file, t.n, t.total, t.others, p.file_id_1, p.cochanges,
                   p.weight_2 * patterns.recency_decay(t.n - p.stamp_2)
              FROM totals t
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_2 = t.query_file_id
        ),
        terms AS (
            -- s(q, x) = s0(q, x) + 2 s_a(q, x), s_a(q, x) the sum read or s0(q, x) less it.
            SELECT pr.query_file, pr.n, pr.candidate_id, pr.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN (pr.weight + v_beta * CASE WHEN pr.others THEN pr.weight - coalesce(r.weight, 0)
                                                        ELSE coalesce(r.weight, 0) END) / pr.total
                        ELSE pr.nqx::double precision / pr.n END AS term
              FROM pairs pr
              LEFT JOIN read r ON r.query_file_id = pr.query_file_id AND r.file_id = pr.candidate_id
             WHERE pr.candidate_id <> ALL (v_query_ids)
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term. Terms are added in query-file order, so that candidates with
            -- equal terms get equal bits (in any order rounding split such ties: 2 of 500
            -- answers of several files on the 100K synthetic history).
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id ORDER BY tm.query_file
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
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
                SELECT u.id, u.path, u.query_file, u.n
                  FROM (SELECT g.id, g.query_file, g.n,
                               (SELECT x.path FROM git.paths x WHERE x.project_id = v_project_id AND x.path_id = g.id) AS path
                          FROM unnest(v_group_ids, v_group_from, v_group_changes) g (id, query_file, n)) u
                 WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d WHERE d.project_id = v_project_id AND d.file_id = u.id)
                 ORDER BY u.path COLLATE "C"
                 LIMIT p_k - cardinality(v_files)
            LOOP
                v_files := v_files || v_pick.path;
                v_file_ids := v_file_ids || v_pick.id;
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
        SELECT * FROM unnest(v_files, v_file_ids, v_from, v_scores, v_cochanges, v_changes)
                      WITH ORDINALITY u (candidate, candidate_id, query_file, score, nqx, n, rank)
    ),
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (read once per query file, not once per row).
    recent AS MATERIALIZED (
        SELECT q.query_file, l.commit_id, l.author_key
          FROM (SELECT DISTINCT ch.query_file FROM chosen ch) q
          JOIN git.paths g ON g.project_id = v_project_id AND g.path = q.query_file
         CROSS JOIN LATERAL (
                SELECT l.commit_id, c.author_key
                  FROM patterns.live_changes l
                  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = v_project_id AND l.file_id = g.path_id AND c.files <= 30
                 ORDER BY l.ordinal DESC
                 LIMIT 20) l
    ),
    shared AS (
        SELECT r.query_file, x.file_id, count(*) AS shared, count(*) FILTER (WHERE r.author_key = lower(p_author)) AS yours
          FROM recent r
          JOIN patterns.live_changes x ON x.project_id = v_project_id AND x.commit_id = r.commit_id
         GROUP BY r.query_file, x.file_id
    )
    SELECT ch.candidate, ch.score, ch.nqx::double precision / ch.n, ch.nqx, ch.query_file, ch.n,
           coalesce(s.shared, 0)::integer, (SELECT count(*) FROM recent r WHERE r.query_file = ch.query_file)::integer,
           CASE WHEN p_author IS NOT NULL THEN coalesce(s.yours, 0)::integer END
      FROM chosen ch
      LEFT JOIN shared s ON s.query_file = ch.query_file AND s.file_id = ch.candidate_id
     ORDER BY ch.rank;
END
$$;

-- live_rebuild as 0740 made it, analysing the new table instead of the dropped ones.
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


SELECT patterns.recency_recompute(p.project_id, NULL) FROM core.projects p;
ANALYZE patterns.file_pair_counts, patterns.file_author_recency;
