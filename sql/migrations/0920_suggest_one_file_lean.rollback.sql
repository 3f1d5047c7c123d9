-- Restores what 0920_suggest_one_file_lean.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

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
    -- into (a change at the path before such a rename belongs to the rename's file). Index
    -- probes, where the distinct latest paths of every change at the path would read a hot
    -- file's whole history. A path of the history that is no file's latest path (one renamed
    -- away) is no candidate and has no counts: it drops out in `clock` below.
    v_query_ids := ARRAY(
        SELECT r.file_id
          FROM git.paths g
          JOIN git.changes r ON r.project_id = v_project_id AND r.status = 'R' AND r.old_path_id = g.path_id
         WHERE g.project_id = v_project_id AND g.path = ANY (p_files)
        UNION
        SELECT g.path_id FROM git.paths g WHERE g.project_id = v_project_id AND g.path = ANY (p_files));
    v_queries := ARRAY(SELECT g.path FROM git.paths g WHERE g.project_id = v_project_id AND g.path_id = ANY (v_query_ids));
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
                 WHERE l.project_id = v_project_id AND l.file_id = g.path_id AND c.files <= patterns.live_max_changeset_size()
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
