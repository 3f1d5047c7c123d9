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
    v_recent     integer[];
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
    IF p_ranking IS NULL OR p_ranking NOT IN ('recent', 'confidence') THEN
        PERFORM patterns.check_choice('ranking', p_ranking, ARRAY['recent', 'confidence']);
        RAISE EXCEPTION 'ranking must be recent or confidence, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The project, the files the query paths name, and those of them with counted changes, in one
    -- statement (each statement of a call has a fixed cost comparable to an index probe's).
    -- The files a path names: the file whose latest path it is, and the files it was renamed
    -- into (a change at the path before such a rename belongs to the rename's file). Index
    -- probes, where the distinct latest paths of every change at the path would read a hot
    -- file's whole history. A path of the history that is no file's latest path (one renamed
    -- away) is no candidate and has no counts: it drops out of the query files with counts.
    -- S(q) = S0(q) (+ 2 * 0) unless the author part below says otherwise.
    SELECT p.project_id, q.ids, c.ids, c.paths, c.n, c.totals, c.others
      INTO v_project_id, v_query_ids, v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others
      FROM core.projects p
     CROSS JOIN LATERAL (
            SELECT ARRAY(
                SELECT r.file_id
                  FROM git.paths g
                  JOIN git.changes r ON r.project_id = p.project_id AND r.status = 'R' AND r.old_path_id = g.path_id
                 WHERE g.project_id = p.project_id AND g.path = ANY (p_files)
                UNION
                SELECT g.path_id FROM git.paths g WHERE g.project_id = p.project_id AND g.path = ANY (p_files)) AS ids) q
     CROSS JOIN LATERAL (
            SELECT array_agg(g.path_id ORDER BY g.path_id) AS ids, array_agg(g.path ORDER BY g.path_id) AS paths,
                   array_agg(f.cooc_changes ORDER BY g.path_id) AS n,
                   array_agg(patterns.recency_total(f.cooc_changes) ORDER BY g.path_id) AS totals,
                   array_agg(false) AS others
              FROM git.paths g
              JOIN patterns.file_change_counts f ON f.project_id = p.project_id AND f.file_path = g.path
             WHERE g.project_id = p.project_id AND g.path_id = ANY (q.ids) AND f.cooc_changes > 0) c
     WHERE p.name = p_project;
    IF v_project_id IS NULL THEN
        PERFORM patterns.project_id(p_project);  -- raises: unknown project
        RETURN;
    END IF;
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- (A read of git.authors.author_key is audited: only when there is an author to look up.)
    IF p_author IS NOT NULL THEN
        v_author_id := (SELECT a.author_id FROM git.authors a WHERE a.project_id = v_project_id AND a.author_key = lower(p_author));
    END IF;
    IF v_clock_ids IS NULL THEN
        RETURN;
    END IF;
    -- The author part (for an author who changed no query file: S(q) = S0(q) + 2 * 0 and nothing read).
    IF v_author_id IS NOT NULL AND p_ranking = 'recent' THEN
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
               array_agg(c.score ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.recent ORDER BY c.score DESC, c.nqx DESC, c.path)
          INTO v_ids, v_paths, v_cochanges, v_scores, v_recent
          FROM (SELECT r.candidate_id, x.path COLLATE "C" AS path, r.nqx, r.score, r.recent
                  FROM (SELECT pr.candidate_id, pr.nqx, pr.recent,
                               CASE WHEN p_ranking = 'recent'
                                    THEN (pr.weight + v_beta * CASE WHEN v_others[1] THEN pr.weight - coalesce(rd.weight, 0)
                                                                    ELSE coalesce(rd.weight, 0) END) / v_totals[1]
                                    ELSE pr.nqx::double precision / v_clock_n[1] END AS score
                          FROM (SELECT p.file_id_2 AS candidate_id, p.cochanges AS nqx,
                                       p.weight_1 * patterns.recency_decay(v_clock_n[1] - p.stamp_1) AS weight,
                                       patterns.recent_window(p.recent_1, v_clock_n[1] - p.stamp_1) AS recent
                                  FROM patterns.file_pair_counts p
                                 WHERE p.project_id = v_project_id AND p.file_id_1 = v_clock_ids[1]
                                UNION ALL
                                SELECT p.file_id_1, p.cochanges, p.weight_2 * patterns.recency_decay(v_clock_n[1] - p.stamp_2),
                                       patterns.recent_window(p.recent_2, v_clock_n[1] - p.stamp_2)
                                  FROM patterns.file_pair_counts p
                                 WHERE p.project_id = v_project_id AND p.file_id_2 = v_clock_ids[1]) pr
                          LEFT JOIN unnest(v_read_x, v_read_sums) rd (file_id, weight) ON rd.file_id = pr.candidate_id
                         ORDER BY 4 DESC, 2 DESC
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
                   p.cochanges AS nqx, p.weight_1 * patterns.recency_decay(q.n - p.stamp_1) AS weight,
                   patterns.recent_window(p.recent_1, q.n - p.stamp_1) AS recent
              FROM unnest(v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others)
                   q (query_file_id, query_file, n, total, others)
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_1 = q.query_file_id
            UNION ALL
            SELECT q.query_file_id, q.query_file, q.n, q.total, q.others, p.file_id_1, p.cochanges,
                   p.weight_2 * patterns.recency_decay(q.n - p.stamp_2), patterns.recent_window(p.recent_2, q.n - p.stamp_2)
              FROM unnest(v_clock_ids, v_clock_paths, v_clock_n, v_totals, v_others)
                   q (query_file_id, query_file, n, total, others)
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_2 = q.query_file_id
        ),
        terms AS (
            SELECT pr.query_file_id, pr.query_file COLLATE "C" AS query_file, pr.n, pr.candidate_id, pr.nqx, pr.recent,
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
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file_id, tm.query_file, tm.n, tm.nqx, tm.recent,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id ORDER BY tm.query_file
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate_id, tm.term DESC, tm.nqx DESC, tm.query_file
        ),
        chosen AS (
            SELECT r.candidate_id, x.path COLLATE "C" AS path, r.query_file COLLATE "default" AS query_file,
                   r.query_file_id, r.n, r.nqx, r.score, r.recent
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
               array_agg(c.score ORDER BY c.score DESC, c.nqx DESC, c.path),
               array_agg(c.recent ORDER BY c.score DESC, c.nqx DESC, c.path)
          INTO v_ids, v_paths, v_from, v_from_ids, v_changes, v_cochanges, v_scores, v_recent
          FROM chosen c;
    END IF;
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (the pair's window of q's recent commits, moved to n(q)), and those of them by the author
    -- (the author's places among q's counted commits: file_author_recency holds ids, not the
    -- audited author_key).
    RETURN QUERY
    WITH
    chosen AS (
        SELECT * FROM unnest(v_ids, v_paths, v_from, v_from_ids, v_changes, v_cochanges, v_scores, v_recent)
                      WITH ORDINALITY u (candidate_id, candidate, query_file, query_file_id, n, nqx, score, recent, rank)
    ),
    yours AS (
        SELECT r.file_id, (SELECT coalesce(bit_or(1 << (q.n - p.place)), 0)
                             FROM unnest(r.places[greatest(cardinality(r.places) - 19, 1):]) p (place)
                            WHERE p.place > q.n - 20) AS recent
          FROM unnest(v_clock_ids, v_clock_n) q (file_id, n)
          JOIN patterns.file_author_recency r
            ON r.project_id = v_project_id AND r.file_id = q.file_id AND r.author_id = v_author_id
    )
    SELECT ch.candidate, ch.score, ch.nqx::double precision / ch.n, ch.nqx, ch.query_file, ch.n,
           bit_count(ch.recent::bit(20))::integer, least(ch.n, 20),
           CASE WHEN p_author IS NOT NULL THEN bit_count((ch.recent & coalesce(y.recent, 0))::bit(20))::integer END
      FROM chosen ch
      LEFT JOIN yours y ON y.file_id = ch.query_file_id
     ORDER BY ch.rank;
END
$function$;
COMMENT ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';
REVOKE ALL ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) TO pgpattern_reader;
