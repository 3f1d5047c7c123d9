-- Restores what 0951_suggest_evidence_from_pair_windows.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

DROP FUNCTION patterns.recent_window(integer,integer);
CREATE OR REPLACE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10, p_author text DEFAULT NULL::text, p_ranking text DEFAULT 'recent'::text)
 RETURNS TABLE(file_path text, score double precision, confidence double precision, cochanges integer, query_file text, query_changes integer, recent_cochanges integer, recent_changes integer, author_cochanges integer)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
DECLARE
    v_project_id bigint;
    v_author_id  integer;
    v_beta       double precision := CASE WHEN p_author IS NULL THEN 0 ELSE 2 END;
    v_query_ids  integer[];
    -- The query files with counted changes (number, path, n(q)), S(q) and whether the author
    -- part is S0(q) less everyone else's, in one order; the author part per (q, x).
    v_clock_ids   integer[];
    v_clock_paths text[];
    v_clock_n     integer[];
    v_totals      double precision[];
    v_others      boolean[];
    v_read_q      integer[];
    v_read_x      integer[];
    v_read_sums   double precision[];
    -- The answer before its evidence, best first.
    v_ids        integer[];
    v_paths      text[];
    v_from       text[];
    v_from_ids   integer[];
    v_changes    integer[];
    v_cochanges  integer[];
    v_scores     double precision[];
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
    -- into (a change at the path before such a rename belongs to the rename's file). Index
    -- probes, where the distinct latest paths of every change at the path would read a hot
    -- file's whole history. A path of the history that is no file's latest path (one renamed
    -- away) is no candidate and has no counts: it drops out of the query files with counts below.
    v_query_ids := ARRAY(
        SELECT r.file_id
          FROM git.paths g
          JOIN git.changes r ON r.project_id = v_project_id AND r.status = 'R' AND r.old_path_id = g.path_id
         WHERE g.project_id = v_project_id AND g.path = ANY (p_files)
        UNION
        SELECT g.path_id FROM git.paths g WHERE g.project_id = v_project_id AND g.path = ANY (p_files));
    -- (A read of git.authors.author_key is audited: only when there is an author to look up.)
    IF p_author IS NOT NULL THEN
        v_author_id := (SELECT a.author_id FROM git.authors a WHERE a.project_id = v_project_id AND a.author_key = lower(p_author));
    END IF;
    -- The query files with counts; S(q) = S0(q) (+ 2 * 0) unless the author part below says otherwise.
    SELECT array_agg(g.path_id ORDER BY g.path_id), array_agg(g.path ORDER BY g.path_id),
           array_agg(f.cooc_changes ORDER BY g.path_id), array_agg(patterns.recency_total(f.cooc_changes) ORDER BY g.path_id),
           array_agg(false)
      INTO v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others
      FROM git.paths g
      JOIN patterns.file_change_counts f ON f.project_id = v_project_id AND f.file_path = g.path
     WHERE g.project_id = v_project_id AND g.path_id = ANY (v_query_ids) AND f.cooc_changes > 0;
    IF v_clock_ids IS NULL THEN
        RETURN;
    END IF;
    -- The author part: only for an author who changed a query file (S(q) = S0(q) + 0 else).
    IF v_author_id IS NOT NULL AND p_ranking = 'recent'
       AND EXISTS (SELECT FROM patterns.file_author_recency r
                    WHERE r.project_id = v_project_id AND r.file_id = ANY (v_clock_ids) AND r.author_id = v_author_id) THEN
        WITH
        clock AS (
            SELECT * FROM unnest(v_clock_ids, v_clock_n) WITH ORDINALITY c (query_file_id, n, i)
        ),
        own AS MATERIALIZED (
            -- The author's counted commits of each query file, and whether they are more than
            -- half of q's: then the author part is s0 less everyone else's, which reads fewer
            -- commits (a file changed by its author nearly alone, as on the 100K synthetic
            -- history, would otherwise read all of them).
            SELECT c.query_file_id, c.n, r.places, r.commit_ids, 2 * cardinality(r.places) > c.n AS others
              FROM clock c
              JOIN patterns.file_author_recency r
                ON r.project_id = v_project_id AND r.file_id = c.query_file_id AND r.author_id = v_author_id
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
            SELECT c.i, coalesce(o.others, false) AS others,
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
        )
        SELECT (SELECT array_agg(t.total ORDER BY t.i) FROM totals t), (SELECT array_agg(t.others ORDER BY t.i) FROM totals t),
               array_agg(r.query_file_id), array_agg(r.file_id), array_agg(r.weight)
          INTO v_totals, v_others, v_read_q, v_read_x, v_read_sums
          FROM read r;
    END IF;
    -- Best first; a candidate's path is looked up and its deletion checked only as far as the
    -- answer reads (an incremental sort by path within each run of equal (score, n(q, x)) over
    -- the candidates sorted by those two: on ansible most of a hot file's partners are deleted,
    -- and looking up every partner cost more than the ranking). Paths compare in "C".
    -- s(q, x) = s0(q, x) + 2 s_a(q, x), s_a(q, x) the sum read or s0(q, x) less it; s0(q, x)
    -- from q's pairs in q's direction (the smaller number's sum or the larger's).
    IF cardinality(v_query_ids) = 1 THEN
        -- One query file (the usual ask): one term per candidate, q's numbers as variables.
        SELECT array_agg(c.candidate_id ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.path ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.nqx ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.score ORDER BY c.score DESC, c.nqx DESC, c.path)
          INTO v_ids, v_paths, v_cochanges, v_scores
          FROM (SELECT r.candidate_id, x.path COLLATE "C" AS path, r.nqx, r.score
                  FROM (SELECT pr.candidate_id, pr.nqx,
                               CASE WHEN p_ranking = 'recent'
                                    THEN (pr.weight + v_beta * CASE WHEN v_others[1] THEN pr.weight - coalesce(rd.weight, 0)
                                                                    ELSE coalesce(rd.weight, 0) END) / v_totals[1]
                                    ELSE pr.nqx::double precision / v_clock_n[1] END AS score
                          FROM (SELECT p.file_id_2 AS candidate_id, p.cochanges AS nqx,
                                       p.weight_1 * patterns.recency_decay(v_clock_n[1] - p.stamp_1) AS weight
                                  FROM patterns.file_pair_counts p
                                 WHERE p.project_id = v_project_id AND p.file_id_1 = v_clock_ids[1]
                                UNION ALL
                                SELECT p.file_id_1, p.cochanges, p.weight_2 * patterns.recency_decay(v_clock_n[1] - p.stamp_2)
                                  FROM patterns.file_pair_counts p
                                 WHERE p.project_id = v_project_id AND p.file_id_2 = v_clock_ids[1]) pr
                          LEFT JOIN unnest(v_read_x, v_read_sums) rd (file_id, weight) ON rd.file_id = pr.candidate_id
                         ORDER BY 3 DESC, 2 DESC
                        OFFSET 0) r
                  JOIN git.paths x ON x.project_id = v_project_id AND x.path_id = r.candidate_id
                 WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d
                                    WHERE d.project_id = v_project_id AND d.file_id = r.candidate_id)
                 ORDER BY r.score DESC, r.nqx DESC, x.path COLLATE "C"
                 LIMIT p_k) c;
        v_from := array_fill(v_clock_paths[1], ARRAY[coalesce(cardinality(v_ids), 0)]);
        v_from_ids := array_fill(v_clock_ids[1], ARRAY[coalesce(cardinality(v_ids), 0)]);
        v_changes := array_fill(v_clock_n[1], ARRAY[coalesce(cardinality(v_ids), 0)]);
    ELSE
        WITH
        pairs AS (
            SELECT q.query_file_id, q.query_file, q.n, q.total, q.others, p.file_id_2 AS candidate_id,
                   p.cochanges AS nqx, p.weight_1 * patterns.recency_decay(q.n - p.stamp_1) AS weight
              FROM unnest(v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others)
                   q (query_file_id, query_file, n, total, others)
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_1 = q.query_file_id
            UNION ALL
            SELECT q.query_file_id, q.query_file, q.n, q.total, q.others, p.file_id_1, p.cochanges,
                   p.weight_2 * patterns.recency_decay(q.n - p.stamp_2)
              FROM unnest(v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others)
                   q (query_file_id, query_file, n, total, others)
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_2 = q.query_file_id
        ),
        terms AS (
            SELECT pr.query_file_id, pr.query_file COLLATE "C" AS query_file, pr.n, pr.candidate_id, pr.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN (pr.weight + v_beta * CASE WHEN pr.others THEN pr.weight - coalesce(rd.weight, 0)
                                                        ELSE coalesce(rd.weight, 0) END) / pr.total
                        ELSE pr.nqx::double precision / pr.n END AS term
              FROM pairs pr
              LEFT JOIN unnest(v_read_q, v_read_x, v_read_sums) rd (query_file_id, file_id, weight)
                ON rd.query_file_id = pr.query_file_id AND rd.file_id = pr.candidate_id
             WHERE pr.candidate_id <> ALL (v_query_ids)
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term. Terms are added in query-file order, so that candidates with
            -- equal terms get equal bits (in any order rounding split such ties: 2 of 500
            -- answers of several files on the 100K synthetic history).
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file_id, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id ORDER BY tm.query_file
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate_id, tm.term DESC, tm.nqx DESC, tm.query_file
        ),
        chosen AS (
            SELECT r.candidate_id, x.path COLLATE "C" AS path, r.query_file COLLATE "default" AS query_file,
                   r.query_file_id, r.n, r.nqx, r.score
              FROM (SELECT * FROM ranked ORDER BY ranked.score DESC, ranked.nqx DESC OFFSET 0) r
              JOIN git.paths x ON x.project_id = v_project_id AND x.path_id = r.candidate_id
             WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d WHERE d.project_id = v_project_id AND d.file_id = r.candidate_id)
             ORDER BY r.score DESC, r.nqx DESC, x.path COLLATE "C"
             LIMIT p_k
        )
        SELECT array_agg(c.candidate_id ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.path ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.query_file ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.query_file_id ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.n ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.nqx ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.score ORDER BY c.score DESC, c.nqx DESC, c.path)
          INTO v_ids, v_paths, v_from, v_from_ids, v_changes, v_cochanges, v_scores
          FROM chosen c;
    END IF;
    RETURN QUERY
    WITH
    chosen AS (
        SELECT * FROM unnest(v_ids, v_paths, v_from, v_from_ids, v_changes, v_cochanges, v_scores)
                      WITH ORDINALITY u (candidate_id, candidate, query_file, query_file_id, n, nqx, score, rank)
    ),
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (read once per query file, not once per row), and those of them by the author (among the
    -- author's commits of q: live_commits.author_key is audited, ids are not).
    recent AS MATERIALIZED (
        SELECT q.query_file, l.commit_id, l.commit_id = ANY (r.commit_ids) AS yours
          FROM (SELECT DISTINCT ch.query_file_id, ch.query_file FROM chosen ch) q
          LEFT JOIN patterns.file_author_recency r
            ON r.project_id = v_project_id AND r.file_id = q.query_file_id AND r.author_id = v_author_id
         CROSS JOIN LATERAL (
                SELECT l.commit_id
                  FROM patterns.live_changes l
                  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = v_project_id AND l.file_id = q.query_file_id AND c.files <= patterns.live_max_changeset_size()
                 ORDER BY l.ordinal DESC
                 LIMIT 20) l
    ),
    shared AS (
        SELECT r.query_file, x.file_id, count(*) AS shared, count(*) FILTER (WHERE r.yours) AS yours
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
$function$;
COMMENT ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';
REVOKE ALL ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) TO pgpattern_reader;

CREATE OR REPLACE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_change[], p_new_changes patterns.live_change[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
    old_changes AS (SELECT o.commit_id, o.file_path, o.author_key FROM unnest(p_old_changes) o WHERE o.commit_files <= patterns.live_max_changeset_size()),
    new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= patterns.live_max_changeset_size()),
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
                   AND c.files <= patterns.live_max_changeset_size()
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
             WHERE n.commit_files <= patterns.live_max_changeset_size()
        ),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= patterns.live_max_changeset_size())
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
$function$;
COMMENT ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) IS 'Moves the recency state of the `recent` suggestions (the decayed sums in patterns.file_pair_counts, patterns.file_author_recency) from the old changes of T to the new ones: appended to for a file whose new commits are its newest, recomputed from the change log otherwise (patterns.recency_recompute); then the deleted files.';
GRANT EXECUTE ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
         WHERE l.project_id = p_project_id AND c.files <= patterns.live_max_changeset_size()
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
$function$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint,text[]) IS 'Recomputes the recency state of these query files of a project (NULL: all) from patterns.live_changes: their rows of patterns.file_author_recency and their direction of the decayed sums in patterns.file_pair_counts.';
GRANT EXECUTE ON FUNCTION patterns.recency_recompute(bigint,text[]) TO pgpattern_writer;
