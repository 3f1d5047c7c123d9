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
                                 * (1 + v_beta * coalesce(p.author_id = v_author_id, false)::integer)
                                 ORDER BY p.author_id) / t.total
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
$function$;
COMMENT ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';
REVOKE ALL ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.suggest_cochanges(text,text[],integer,text,text) TO pgpattern_reader;
