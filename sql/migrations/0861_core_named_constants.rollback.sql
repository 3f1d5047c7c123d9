-- Restores what 0861_core_named_constants.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

DROP FUNCTION patterns.live_max_changeset_size();
DROP FUNCTION patterns.algorithms();
DROP FUNCTION core.lock_class(text);
CREATE OR REPLACE FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean DEFAULT false, p_algorithms text[] DEFAULT NULL::text[], p_confidence_threshold double precision DEFAULT 0.30)
 RETURNS TABLE(discovery_session_id uuid, reused boolean, status text, total_commits_analyzed integer, patterns_discovered integer, execution_time_ms integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
    v_session    uuid;
    v_reused     boolean := false;
BEGIN
    -- Without p_force_refresh, the latest completed run is reused when no commit arrived since.
    IF NOT p_force_refresh THEN
        SELECT s.id INTO v_session
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.status = 'completed'
           AND s.confidence_threshold = p_confidence_threshold
           AND (p_algorithms IS NULL OR s.algorithms @> p_algorithms)
           AND s.window_since IS NULL AND s.window_until IS NULL AND s.window_until_sha IS NULL
           AND s.discovery_timestamp >= (SELECT max(c.ingested_at) FROM git.commits c WHERE c.project_id = v_project_id)
         ORDER BY s.discovery_timestamp DESC LIMIT 1;
        v_reused := v_session IS NOT NULL;
    END IF;
    IF v_session IS NULL THEN
        v_session := patterns.discover_patterns(
            p_project, coalesce(p_algorithms, ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights']),
            p_confidence_threshold);
    END IF;
    RETURN QUERY
        SELECT s.id, v_reused, s.status, s.total_commits_analyzed, s.patterns_discovered, s.execution_time_ms
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
END
$function$;
COMMENT ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) IS 'Discovers a project''s patterns (patterns.discover_patterns) unless a completed run with these settings is newer than its latest ingested commit and p_force_refresh is false. p_algorithms: cooccurrence, temporal, developer, magnitude, insights (default all). Returns the run.';
REVOKE ALL ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) TO pgpattern_writer;

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

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
AS $function$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * The whole project at once. Only changes at a path some rename leaves can belong to
     * another path: each looks for the first rename away from its path strictly after its
     * commit (walking each path backwards, the earliest rename seen so far is the next),
     * and each rename likewise from its new path on, which chains renames to the file's
     * latest path. Every other change is its own path's.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    renames AS MATERIALIZED (
        SELECT row_number() OVER () AS id, fc.old_path_id AS source, fc.path_id AS target, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    queries AS (
        -- The changes made at a path some rename leaves.
        SELECT fc.commit_id, fc.change_no, NULL::bigint AS rename_id, fc.path_id AS path, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
        UNION ALL
        -- Each rename, looking on from its new path.
        SELECT NULL, NULL, r.id, r.target, r.pos
          FROM renames r
         WHERE EXISTS (SELECT FROM renames a WHERE a.source = r.target)
    ),
    nexts AS (
        -- At one commit the queries come first: a rename is only next when strictly after.
        SELECT x.commit_id, x.change_no, x.rename_id, x.path, x.next_pos
          FROM (SELECT u.is_query, u.commit_id, u.change_no, u.rename_id, u.path,
                       min(u.pos) FILTER (WHERE NOT u.is_query) OVER (
                           PARTITION BY u.path ORDER BY u.pos DESC, u.is_query DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_pos
                  FROM (SELECT false AS is_query, NULL::bigint AS commit_id, NULL::integer AS change_no,
                               NULL::bigint AS rename_id, r.source AS path, r.pos
                          FROM renames r
                        UNION ALL
                        SELECT true, q.commit_id, q.change_no, q.rename_id, q.path, q.pos
                          FROM queries q) u) x
         WHERE x.is_query
    ),
    next_rename AS (
        SELECT DISTINCT ON (n.commit_id, n.change_no, n.rename_id)
               n.commit_id, n.change_no, n.rename_id, n.path, r.id AS next_id
          FROM nexts n
          LEFT JOIN renames r ON r.source = n.path AND r.pos = n.next_pos
         ORDER BY n.commit_id, n.change_no, n.rename_id, r.id
    ),
    chain AS (
        SELECT r.id AS start_id, r.id AS current_id, 0 AS depth
          FROM renames r
        UNION ALL
        SELECT c.start_id, nr.next_id, c.depth + 1
          FROM chain c
          JOIN next_rename nr ON nr.rename_id = c.current_id
         WHERE nr.next_id IS NOT NULL
    ),
    destination AS (
        SELECT DISTINCT ON (c.start_id) c.start_id, r.target AS file_id
          FROM chain c JOIN renames r ON r.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nr.commit_id, nr.change_no, coalesce(d.file_id, nr.path) AS file_id
          FROM next_rename nr
          LEFT JOIN destination d ON d.start_id = nr.next_id
         WHERE nr.rename_id IS NULL
        UNION ALL
        -- Changes that no rename reaches (any more) are their own path's.
        SELECT fc.commit_id, fc.change_no, fc.path_id
          FROM git.changes fc
         WHERE fc.project_id = p_project_id
           AND fc.file_id <> fc.path_id
           AND NOT EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$function$;
COMMENT ON FUNCTION git.refresh_lineage(bigint) IS 'Recomputes git.changes.file_id (the latest path, git.file_changes.latest_path) of a whole project from its renames (see spec/change-patterns.md, Inputs: only renames move history); returns the number of rows it changed. Idempotent; a first ingest and a bulk one use it, later ingests git.refresh_lineage(project, commits).';
GRANT EXECUTE ON FUNCTION git.refresh_lineage(bigint) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[])
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * After new commits were stored: their changes get their latest paths, and so do the
     * earlier changes whose file one of their renames moves; nothing else can change, since
     * only renames move history. The other commits' lineage must be that of the history
     * without these commits (as the previous refresh left it); naming commits that were
     * refreshed already costs time, not correctness.
     *
     * A new rename of p at position t takes over every walk that reaches p in [s, t), s the
     * previous rename away from p (or the start): the changes of p in that span, and the
     * renames into p landing in it, with the span of their own old path before them, and so
     * on backwards. Then each change to recompute looks up the first rename away from its
     * path after its commit, which is followed to the end of its chain.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    IF p_commit_ids IS NULL OR cardinality(p_commit_ids) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    news AS MATERIALIZED (
        SELECT c.commit_id, c.committed_at, c.generation, c.sha
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids)
    ),
    spans (path, lo_at, lo_generation, lo_sha, hi_at, hi_generation, hi_sha) AS (
        SELECT r.old_path_id, prev.committed_at, prev.generation, prev.sha, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = n.commit_id AND r.status = 'R'
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = r.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (n.committed_at, n.generation, n.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
        UNION
        SELECT y.old_path_id, prev.committed_at, prev.generation, prev.sha, yc.committed_at, yc.generation, yc.sha
          FROM spans s
          JOIN git.changes y ON y.project_id = p_project_id AND y.path_id = s.path AND y.status = 'R'
          JOIN git.commits yc ON yc.project_id = y.project_id AND yc.commit_id = y.commit_id
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = y.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (yc.committed_at, yc.generation, yc.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
         WHERE (s.lo_at IS NULL
                OR (yc.committed_at, yc.generation, yc.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (yc.committed_at, yc.generation, yc.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    affected AS (
        SELECT fc.commit_id, fc.change_no, fc.path_id AS path, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.commit_id = n.commit_id
        UNION
        SELECT fc.commit_id, fc.change_no, fc.path_id, c.committed_at, c.generation, c.sha
          FROM spans s
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.path_id = s.path
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE (s.lo_at IS NULL OR (c.committed_at, c.generation, c.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (c.committed_at, c.generation, c.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    firsts AS MATERIALIZED (
        -- The first rename away from the change's path after its commit, if any.
        SELECT a.commit_id, a.change_no, a.path, nx.commit_id AS rename_commit, nx.change_no AS rename_change
          FROM affected a
          LEFT JOIN LATERAL (
                SELECT x.commit_id, x.change_no
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = a.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (a.committed_at, a.generation, a.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx ON true
    ),
    walk (rename_commit, rename_change, path, at, generation, sha, depth) AS (
        SELECT f.rename_commit, f.rename_change, r.path_id, c.committed_at, c.generation, c.sha, 0
          FROM (SELECT DISTINCT f.rename_commit, f.rename_change FROM firsts f WHERE f.rename_commit IS NOT NULL) f
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = f.rename_commit
                                 AND r.change_no = f.rename_change
          JOIN git.commits c ON c.project_id = r.project_id AND c.commit_id = r.commit_id
        UNION ALL
        SELECT w.rename_commit, w.rename_change, nx.path, nx.committed_at, nx.generation, nx.sha, w.depth + 1
          FROM walk w
          CROSS JOIN LATERAL (
                SELECT x.path_id AS path, xc.committed_at, xc.generation, xc.sha
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = w.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (w.at, w.generation, w.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx
    ),
    destination AS (
        SELECT DISTINCT ON (w.rename_commit, w.rename_change) w.rename_commit, w.rename_change, w.path AS file_id
          FROM walk w
         ORDER BY w.rename_commit, w.rename_change, w.depth DESC
    ),
    resolved AS (
        SELECT f.commit_id, f.change_no, coalesce(d.file_id, f.path) AS file_id
          FROM firsts f
          LEFT JOIN destination d ON d.rename_commit = f.rename_commit AND d.rename_change = f.rename_change
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$function$;
COMMENT ON FUNCTION git.refresh_lineage(bigint,bigint[]) IS 'Brings git.changes.file_id (the latest path) up to date after the given commits were stored (the rest of the project as the previous refresh left it): their changes, and the earlier changes whose file one of their renames moves; returns the number of rows it changed. The work follows what the commits touch, not the length of the history; the result is that of git.refresh_lineage(project).';
GRANT EXECUTE ON FUNCTION git.refresh_lineage(bigint,bigint[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[])
 RETURNS TABLE(update_type text, created integer, updated integer, invalidated integer, statements integer)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET work_mem TO '64MB'
AS $function$
DECLARE
    v_algorithms text[];
    v_authors    text[];
    v_counts     integer[] := ARRAY[0, 0, 0];
    v_deferred   bigint[];
    v_files      text[];
    v_full       boolean;
    v_net        integer[] := ARRAY[0, 0, 0, 0];  -- patterns made active less those made inactive, per kind
    v_rescore    boolean;
    v_session    patterns.pattern_discovery_sessions;
    v_step       integer[];
BEGIN
    /*
     * Brings the project's current discovery run (its latest completed one) up to date
     * with the live state, for these queue entries: git_commit entries name the files and
     * authors that changed (or the commits of a bulk statement, counted into the live state
     * here first), and the patterns of those files, their pairs and the committing authors
     * are brought up to date exactly, in time that grows with what the commits touched.
     * What the commits move of every other pattern (the scores that depend on N, the span's
     * end, the percent ranks and the number of directories; the profiles of the other
     * authors of the changed files; the insights) is left to one rescore entry per project,
     * queued at low priority with the files and authors it owes, which runs when no commit
     * is waiting. Any other entry, or a
     * run the live state was not synced with yet, means every pattern is recomputed from
     * the live state (a full refresh). A
     * windowed run is a snapshot and stays as it is; a run with another max_changeset_size
     * than the live counts' 30 is discovered again with its settings.
     */
    statements := 0;
    SELECT bool_or(q.trigger_type NOT IN ('git_commit', 'rescore')), bool_and(q.trigger_type = 'rescore'),
           ARRAY(SELECT DISTINCT f FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'files') f
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'files') = 'array'),
           ARRAY(SELECT DISTINCT a FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'authors') a
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'authors') = 'array'),
           ARRAY(SELECT DISTINCT c::bigint FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'deferred_commits') c
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'deferred_commits') = 'array')
      INTO v_full, v_rescore, v_files, v_authors, v_deferred
      FROM patterns.pattern_update_queue q
     WHERE q.id = ANY (p_entries);
    v_full := coalesce(v_full, false);
    v_rescore := coalesce(v_rescore, false);
    statements := statements + 1;

    -- Commits of bulk statements are counted into the live state first: one by one when
    -- few, else (a tenth of the history or 1000 commits) by rebuilding it whole.
    IF cardinality(v_deferred) >= 1000
       OR cardinality(v_deferred) * 10 >= (SELECT count(*) FROM git.commits c WHERE c.project_id = p_project_id) THEN
        PERFORM patterns.live_rebuild(p_project_id);
        v_full := true;
        statements := statements + 1;
    ELSIF cardinality(v_deferred) > 0 THEN
        SELECT v_files || r.files, v_authors || r.authors INTO v_files, v_authors
          FROM patterns.live_refresh(p_project_id, v_deferred) r;
        statements := statements + 1;
    END IF;

    SELECT s.* INTO v_session
      FROM patterns.pattern_discovery_sessions s
     WHERE s.project_id = p_project_id AND s.status = 'completed'
     ORDER BY s.discovery_timestamp DESC
     LIMIT 1;
    statements := statements + 1;
    IF v_session.id IS NULL
       OR v_session.window_since IS NOT NULL OR v_session.window_until IS NOT NULL OR v_session.window_until_sha IS NOT NULL THEN
        update_type := 'not_maintained';
        created := 0; updated := 0; invalidated := 0;
        RETURN NEXT;
        RETURN;
    END IF;
    IF v_session.max_changeset_size <> 30 THEN
        PERFORM patterns.discover_patterns(
            (SELECT p.name FROM core.projects p WHERE p.project_id = p_project_id), v_session.algorithms,
            v_session.confidence_threshold, v_session.min_cooccurrence, v_session.max_changeset_size,
            p_session_id => v_session.session_id);
        update_type := 'rediscovery';
        created := (SELECT s.patterns_discovered FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = p_project_id AND s.status = 'completed'
                     ORDER BY s.discovery_timestamp DESC LIMIT 1);
        updated := 0;
        invalidated := coalesce(v_session.patterns_discovered, 0);
        statements := statements + 1;
        RETURN NEXT;
        RETURN;
    END IF;
    v_full := v_full OR NOT EXISTS (SELECT FROM patterns.live_synced l
                                     WHERE l.project_id = p_project_id AND l.discovery_session_id = v_session.id);
    v_rescore := v_rescore AND NOT v_full;
    IF v_full THEN
        -- A full refresh follows a discovery (or a rebuild): the run's thousands of new rows
        -- would otherwise be planned for as the empty tables the statistics still describe.
        ANALYZE patterns.file_cooccurrence_patterns, patterns.developer_patterns,
                patterns.change_magnitude_patterns, patterns.pattern_insights;
    END IF;
    v_algorithms := v_session.algorithms;
    statements := statements + 1;

    IF 'cooccurrence' = ANY (v_algorithms) THEN
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_cooccurrence(p_project_id, v_session);
        ELSE
            v_step := patterns.update_cooccurrence(p_project_id, v_session, v_files, v_full);
            v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
            v_net[1] := v_step[1] - v_step[3];
        END IF;
        statements := statements + 1;
    END IF;
    IF 'magnitude' = ANY (v_algorithms) THEN
        IF NOT v_rescore THEN
            PERFORM patterns.update_file_profiles(p_project_id, v_files, v_full);
            statements := statements + 1;
        END IF;
        IF v_full THEN
            ANALYZE patterns.file_profiles;  -- rewritten whole: the next statement plans on it
        END IF;
        v_step := patterns.update_magnitude(p_project_id, v_session,
                                            CASE WHEN v_full OR v_rescore THEN NULL ELSE v_files END);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[4] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'developer' = ANY (v_algorithms) THEN
        -- The committers' own rows now; the authors their changes ripple to in the rescore.
        v_step := patterns.update_developers(p_project_id, v_session, v_files, v_authors, v_full, v_full OR v_rescore);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[3] := v_step[1] - v_step[3];
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_developers(p_project_id, v_session);
        END IF;
        statements := statements + 1;
    END IF;
    IF 'temporal' = ANY (v_algorithms) THEN
        v_step := patterns.update_temporal(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[2] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'insights' = ANY (v_algorithms) AND (v_full OR v_rescore) THEN
        v_step := patterns.update_insights(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;

    -- The run's record follows its patterns: counted after a full refresh or a rescore, moved
    -- by what was made active and inactive after a commit (a count is 50-100 ms on ansible).
    WITH span AS (
        SELECT (SELECT count(*) FROM patterns.live_commits c WHERE c.project_id = p_project_id) AS commits,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1) AS first_sha,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1) AS last_sha
    ),
    counts AS (
        SELECT CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.file_cooccurrence_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.cooccurrence_patterns + v_net[1] END AS cooccurrence,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.temporal_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.temporal_patterns + v_net[2] END AS temporal,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.developer_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.developer_patterns + v_net[3] END AS developer,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.change_magnitude_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.magnitude_patterns + v_net[4] END AS magnitude,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.pattern_insights x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.insights END AS insights
    )
    UPDATE patterns.pattern_discovery_sessions s
       SET commit_range_start = span.first_sha, commit_range_end = span.last_sha,
           total_commits_analyzed = span.commits,
           total_files_analyzed = (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id),
           cooccurrence_patterns = counts.cooccurrence, temporal_patterns = counts.temporal,
           developer_patterns = counts.developer, magnitude_patterns = counts.magnitude, insights = counts.insights,
           patterns_discovered = counts.cooccurrence + counts.temporal + counts.developer + counts.magnitude + counts.insights
      FROM span, counts
     WHERE s.project_id = p_project_id AND s.id = v_session.id;
    INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (p_project_id, v_session.id)
    ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
    statements := statements + 1;

    -- What the commits moved of every other pattern follows when no commit is waiting: one
    -- pending rescore entry per project collects the files and authors it owes.
    IF NOT v_full AND NOT v_rescore THEN
        UPDATE patterns.pattern_update_queue q
           SET trigger_data = jsonb_build_object(
                   'files', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'files') UNION SELECT unnest(v_files))),
                   'authors', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'authors') UNION SELECT unnest(v_authors))))
         WHERE q.project_id = p_project_id AND q.status = 'pending' AND q.trigger_type = 'rescore';
        IF NOT FOUND THEN
            INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
            VALUES (p_project_id, 'rescore', 'low', jsonb_build_object('files', to_jsonb(v_files), 'authors', to_jsonb(v_authors)));
        END IF;
        PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
        statements := statements + 1;
    END IF;

    update_type := CASE WHEN v_full THEN 'full_refresh' WHEN v_rescore THEN 'rescore' ELSE 'incremental' END;
    created := v_counts[1];
    updated := v_counts[2];
    invalidated := v_counts[3];
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.apply_pattern_updates(bigint,bigint[]) IS 'Brings a project''s current discovery run up to date with its live state for these queue entries (incrementally for git_commit entries, queueing a rescore of the other patterns; every pattern''s N- and rank-dependent scores for a rescore entry; else a full refresh from the live state); returns the kind of update, the patterns created, updated and invalidated, and the statements it ran at its own level (an algorithm''s update counts as one). patterns.process_pattern_updates() calls it.';
GRANT EXECUTE ON FUNCTION patterns.apply_pattern_updates(bigint,bigint[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.discover_patterns(p_project text, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text], p_confidence_threshold double precision DEFAULT 0.30, p_min_cooccurrence integer DEFAULT 3, p_max_changeset_size integer DEFAULT 30, p_since timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until_sha text DEFAULT NULL::text, p_session_id uuid DEFAULT NULL::uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET work_mem TO '128MB'
AS $function$
DECLARE
    v_algorithm  text;
    v_changes    integer;
    v_count      integer;
    v_counts     integer[] := ARRAY[0, 0, 0, 0, 0];
    v_first_sha  text;
    v_known      text[] := ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'];
    v_last_sha   text;
    v_live       boolean;
    v_run        patterns.pattern_discovery_sessions;
    v_step       integer[];
    v_project_id bigint;
    v_session    uuid;
    v_started    timestamptz := clock_timestamp();
    v_step_started timestamptz;
    v_commits    integer;
    v_files      integer;
    v_unknown    text[];
BEGIN
    /*
     * Runs the chosen algorithms of spec/change-patterns.md on the project's transaction
     * set, records the run, and makes it the project's current one: earlier runs become
     * outdated and their patterns inactive (never deleted). One run per project at a
     * time: a second one waits for the first to commit.
     *
     * An unwindowed run with max_changeset_size 30 is T as the live state already counts
     * it (0211, kept by ingest), unless a bulk ingest's counting is still queued: such a
     * run scores the live counts with the functions updates use in full (one engine, no
     * second counting of the history) and leaves the live state synced with it, so no
     * full refresh follows. Other runs count their window of T from the history.
     */
    v_project_id := patterns.project_id(p_project);
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0 THEN
        RAISE EXCEPTION 'no algorithm given: choose among %', array_to_string(v_known, ', ')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_unknown := ARRAY(SELECT a FROM unnest(p_algorithms) a WHERE a IS NULL OR NOT a = ANY (v_known));
    IF cardinality(v_unknown) > 0 THEN
        RAISE EXCEPTION 'unknown algorithm %', coalesce(quote_literal(v_unknown[1]), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(v_known, ', '));
    END IF;
    IF p_confidence_threshold IS NULL OR NOT p_confidence_threshold BETWEEN 0 AND 1 THEN
        RAISE EXCEPTION 'confidence_threshold must be between 0 and 1, not %', coalesce(p_confidence_threshold::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_min_cooccurrence IS NULL OR p_min_cooccurrence < 1 THEN
        RAISE EXCEPTION 'min_cooccurrence must be at least 1, not %', coalesce(p_min_cooccurrence::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_max_changeset_size IS NULL OR p_max_changeset_size < 2 THEN
        RAISE EXCEPTION 'max_changeset_size must be at least 2, not %', coalesce(p_max_changeset_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_since >= p_until THEN
        RAISE EXCEPTION 'since (%) must be before until (%)', p_since, p_until
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_until_sha IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = v_project_id AND c.sha = p_until_sha) THEN
        RAISE EXCEPTION 'until_sha % is not a commit of project %', p_until_sha, p_project
            USING ERRCODE = 'invalid_parameter_value', HINT = 'give a full 40-character sha of an ingested commit';
    END IF;

    PERFORM pg_advisory_xact_lock(1885630573, v_project_id::integer);  -- 'pdis': one discovery per project

    INSERT INTO patterns.pattern_discovery_sessions AS s (
        project_id, session_id, algorithms, window_since, window_until, window_until_sha,
        confidence_threshold, min_cooccurrence, max_changeset_size)
    VALUES (v_project_id, p_session_id, ARRAY(SELECT DISTINCT a FROM unnest(p_algorithms) a ORDER BY 1),
            p_since, p_until, p_until_sha, p_confidence_threshold, p_min_cooccurrence, p_max_changeset_size)
    RETURNING s.id INTO v_session;

    v_live := p_since IS NULL AND p_until IS NULL AND p_until_sha IS NULL AND p_max_changeset_size = 30
              AND NOT EXISTS (SELECT FROM patterns.pattern_update_queue q
                               WHERE q.project_id = v_project_id AND q.status = 'pending'
                                 AND q.trigger_data ? 'deferred_commits');
    IF v_live THEN
        -- Not while an ingest of the project writes the live state (its lock, as updates take it).
        PERFORM pg_advisory_xact_lock_shared(1885827177, v_project_id::integer);  -- 'pgpi'
        SELECT s.* INTO STRICT v_run FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
        SELECT count(*) INTO v_commits FROM patterns.live_commits c WHERE c.project_id = v_project_id;
        SELECT count(*) INTO v_changes FROM patterns.live_changes c WHERE c.project_id = v_project_id;
        RAISE NOTICE 'transaction set: % commits, % file changes (live state) in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            CASE v_algorithm
                WHEN 'cooccurrence' THEN
                    v_step := patterns.update_cooccurrence(v_project_id, v_run, '{}', true);
                WHEN 'temporal' THEN
                    v_step := patterns.update_temporal(v_project_id, v_run);
                WHEN 'developer' THEN
                    v_step := patterns.update_developers(v_project_id, v_run, '{}', '{}', true, true);
                WHEN 'magnitude' THEN
                    -- Only the profiles whose files changed since are computed again.
                    IF patterns.update_file_profiles(v_project_id, '{}', true) * 10
                       > (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = v_project_id) THEN
                        ANALYZE patterns.file_profiles;  -- rewritten in bulk: the next statement plans on it
                    END IF;
                    v_step := patterns.update_magnitude(v_project_id, v_run, NULL);
                ELSE
                    v_step := patterns.update_insights(v_project_id, v_run);
            END CASE;
            v_counts[array_position(v_known, v_algorithm)] := v_step[1];
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_step[1],
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;
        SELECT count(*) INTO v_files FROM patterns.file_change_counts f WHERE f.project_id = v_project_id;
        SELECT c.sha INTO v_first_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1;
        SELECT c.sha INTO v_last_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1;
        INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (v_project_id, v_session)
        ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
    ELSE
        -- T once, for every algorithm (dynamic SQL: the table exists only from here to commit).
        IF to_regclass('pg_temp.discovery_workspace') IS NOT NULL THEN
            EXECUTE 'DROP TABLE pg_temp.discovery_workspace';  -- an earlier run in this transaction
        END IF;
        EXECUTE 'CREATE TEMPORARY TABLE discovery_workspace ON COMMIT DROP AS
                 SELECT * FROM patterns.transaction_changes($1, $2)' USING v_project_id, v_session;
        EXECUTE 'ANALYZE pg_temp.discovery_workspace';
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(*) FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_changes;
        RAISE NOTICE 'transaction set: % commits, % file changes in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        -- Each algorithm reports as it finishes (pgpattern discover shows these as progress).
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            -- Dynamic on purpose: a SQL function caches its plan in the calling expression, and a
            -- second run in one transaction must not reuse a plan of the dropped workspace.
            EXECUTE format('SELECT patterns.%I($1, $2)', CASE v_algorithm
                    WHEN 'cooccurrence' THEN 'discover_cooccurrence' WHEN 'temporal' THEN 'discover_temporal'
                    WHEN 'developer' THEN 'discover_developers' WHEN 'magnitude' THEN 'discover_magnitude'
                    ELSE 'discover_insights' END)
               INTO v_count
              USING v_project_id, v_session;
            v_counts[array_position(v_known, v_algorithm)] := v_count;
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_count,
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;

        -- format() keeps plpgsql_check from resolving a table that exists only at run time.
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(DISTINCT t.file_path),
                               (array_agg(t.sha ORDER BY t.authored_at, t.committed_at, t.sha))[1],
                               (array_agg(t.sha ORDER BY t.authored_at DESC, t.committed_at DESC, t.sha DESC))[1]
                          FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_files, v_first_sha, v_last_sha;
        EXECUTE 'DROP TABLE pg_temp.discovery_workspace';
    END IF;

    v_step_started := clock_timestamp();
    UPDATE patterns.pattern_discovery_sessions s SET status = 'outdated'
     WHERE s.project_id = v_project_id AND s.id <> v_session AND s.status IN ('completed', 'running');
    UPDATE patterns.file_cooccurrence_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.temporal_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.developer_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.change_magnitude_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.pattern_insights x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;

    UPDATE patterns.pattern_discovery_sessions s
       SET status = 'completed',
           commit_range_start = v_first_sha,
           commit_range_end = v_last_sha,
           total_commits_analyzed = v_commits,
           total_files_analyzed = v_files,
           cooccurrence_patterns = v_counts[1],
           temporal_patterns = v_counts[2],
           developer_patterns = v_counts[3],
           magnitude_patterns = v_counts[4],
           insights = v_counts[5],
           patterns_discovered = v_counts[1] + v_counts[2] + v_counts[3] + v_counts[4] + v_counts[5],
           execution_time_ms = (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer
     WHERE s.project_id = v_project_id AND s.id = v_session;
    PERFORM patterns.refresh_summaries();
    RAISE NOTICE 'earlier runs outdated, summary refreshed in % ms',
        round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
    RETURN v_session;
END
$function$;
COMMENT ON FUNCTION patterns.discover_patterns(text,text[],double precision,integer,integer,timestamp with time zone,timestamp with time zone,text,uuid) IS 'Runs pattern discovery for a project (spec/change-patterns.md) in the caller''s transaction and returns the discovery session id; an unwindowed run with max_changeset_size 30 scores the live state. p_algorithms: any of cooccurrence, temporal, developer, magnitude, insights (default all); p_confidence_threshold (0.30), p_min_cooccurrence (3), p_max_changeset_size (30); optional window p_since (inclusive) and p_until (exclusive) on authored time; p_until_sha: only that commit and its ancestors; p_session_id: the core.sessions row it belongs to. Earlier runs become outdated and their patterns inactive. One run per project at a time.';
GRANT EXECUTE ON FUNCTION patterns.discover_patterns(text,text[],double precision,integer,integer,timestamp with time zone,timestamp with time zone,text,uuid) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.enqueue_pattern_update(p_project text, p_trigger_type text DEFAULT 'manual'::text, p_priority text DEFAULT 'medium'::text, p_trigger_data jsonb DEFAULT '{}'::jsonb, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text])
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_id bigint;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('trigger_type', p_trigger_type, ARRAY['git_commit', 'session_end', 'scheduled', 'manual']);
    PERFORM patterns.check_choice('priority', p_priority, ARRAY['low', 'medium', 'high']);
    IF p_trigger_type IS NULL OR p_priority IS NULL THEN
        RAISE EXCEPTION 'trigger_type and priority must not be NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_trigger_data IS NULL OR jsonb_typeof(p_trigger_data) <> 'object' THEN
        RAISE EXCEPTION 'trigger_data must be a JSON object, not %', coalesce(p_trigger_data::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0
       OR NOT p_algorithms <@ ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'] THEN
        RAISE EXCEPTION 'algorithms must be some of cooccurrence, temporal, developer, magnitude, insights, not %',
            coalesce(p_algorithms::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data, update_algorithms)
    VALUES (v_project_id, p_trigger_type, p_priority, p_trigger_data, p_algorithms)
    RETURNING id INTO v_id;
    PERFORM pg_notify('pgpattern_pattern_updates', v_project_id::text);
    RETURN v_id;
END
$function$;
COMMENT ON FUNCTION patterns.enqueue_pattern_update(text,text,text,jsonb,text[]) IS 'Queues a pattern update of a project by name and notifies pgpattern_pattern_updates; returns the entry''s id. p_trigger_type git_commit, session_end, scheduled or manual (default; all but git_commit recompute every pattern from the live state); p_priority low, medium (default) or high; p_trigger_data a JSON object; p_algorithms (default all).';
GRANT EXECUTE ON FUNCTION patterns.enqueue_pattern_update(text,text,text,jsonb,text[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_change[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_change[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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

    -- 0840: files and authors by their numbers (live_refresh interned the new changes' keys).
    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT g.path_id AS file_id, a.author_id, sum(c.sign) AS n
          FROM changes c
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
         GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_author_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_id = d.file_id AND t.author_id = d.author_id
    )
    INSERT INTO patterns.file_author_counts (project_id, file_id, author_id, changes)
    SELECT p_project_id, d.file_id, d.author_id, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_author_counts t
                        WHERE t.project_id = p_project_id AND t.file_id = d.file_id AND t.author_id = d.author_id);

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
    -- 0840: authors by their numbers; a commit of T without changes may bring a new author.
    PERFORM git.intern_keys(p_project_id, NULL, ARRAY(SELECT c.author_key FROM unnest(p_new_commits) c));
    WITH
    commits AS (
        SELECT c.sign, c.files, c.change_size, a.author_id
          FROM (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n) c
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
    ),
    delta AS (
        SELECT c.author_id, sum(c.sign) AS commits, sum(c.sign * c.files) AS files, sum(c.sign * c.change_size) AS lines
          FROM commits c GROUP BY 1
        HAVING sum(c.sign) <> 0 OR sum(c.sign * c.files) <> 0 OR sum(c.sign * c.change_size) <> 0
    ),
    updated AS (
        UPDATE patterns.author_commit_counts t
           SET commits = t.commits + d.commits, files = t.files + d.files, lines = t.lines + d.lines
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_id = d.author_id
    )
    INSERT INTO patterns.author_commit_counts (project_id, author_id, commits, files, lines)
    SELECT p_project_id, d.author_id, d.commits, d.files, d.lines FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_commit_counts t
                        WHERE t.project_id = p_project_id AND t.author_id = d.author_id);

    WITH
    commits AS (
        SELECT c.sign, c.authored_at, a.author_id
          FROM (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n) c
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
    ),
    delta AS (
        SELECT c.author_id, patterns.iso_week_start(c.authored_at) AS week, sum(c.sign) AS n
          FROM commits c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.author_week_counts t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_id = d.author_id AND t.week = d.week
    )
    INSERT INTO patterns.author_week_counts (project_id, author_id, week, commits)
    SELECT p_project_id, d.author_id, d.week, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_week_counts t
                        WHERE t.project_id = p_project_id AND t.author_id = d.author_id AND t.week = d.week);

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
           AND t.file_id IN (SELECT g.path_id FROM unnest(p_old_changes) c
                               JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_old_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_id IN (SELECT a.author_id FROM unnest(p_old_commits) c
                                 JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key);
        DELETE FROM patterns.author_week_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_id IN (SELECT a.author_id FROM unnest(p_old_commits) c
                                 JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;

    -- 0660: the decayed sums of the `recent` suggestions, read against the counts just written.
    PERFORM patterns.live_recency(p_project_id, p_old_changes, p_new_changes);
END
$function$;
COMMENT ON FUNCTION patterns.live_count(bigint,patterns.live_commits[],patterns.live_change[],patterns.live_commits[],patterns.live_change[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted. Then moves the recency rows of the `recent` suggestions (patterns.live_recency).';
GRANT EXECUTE ON FUNCTION patterns.live_count(bigint,patterns.live_commits[],patterns.live_change[],patterns.live_commits[],patterns.live_change[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_rebuild(p_project_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
    -- 0840: the author counts by the authors' numbers.
    INSERT INTO patterns.file_author_counts (project_id, file_id, author_id, changes)
    SELECT p_project_id, l.file_id, a.author_id, count(*)
      FROM patterns.live_changes l
      JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
      JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE l.project_id = p_project_id GROUP BY l.file_id, a.author_id;
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, l.change_size, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.change_size;
    INSERT INTO patterns.author_commit_counts (project_id, author_id, commits, files, lines)
    SELECT p_project_id, a.author_id, count(*), sum(c.files), sum(c.change_size)
      FROM patterns.live_commits c JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE c.project_id = p_project_id GROUP BY a.author_id;
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, count(*)
      FROM patterns.live_commits c
     CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
     WHERE c.project_id = p_project_id
     GROUP BY b.pattern_type, b.bin;
    INSERT INTO patterns.author_week_counts (project_id, author_id, week, commits)
    SELECT p_project_id, a.author_id, patterns.iso_week_start(c.authored_at), count(*)
      FROM patterns.live_commits c JOIN git.authors a ON a.project_id = c.project_id AND a.author_key = c.author_key
     WHERE c.project_id = p_project_id GROUP BY 2, 3;
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
$function$;
COMMENT ON FUNCTION patterns.live_rebuild(bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Includes the recency rows of the `recent` suggestions. Serialised per project with patterns.live_refresh().';
GRANT EXECUTE ON FUNCTION patterns.live_rebuild(bigint) TO pgpattern_writer;

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
$function$;
COMMENT ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) IS 'Moves the recency state of the `recent` suggestions (the decayed sums in patterns.file_pair_counts, patterns.file_author_recency) from the old changes of T to the new ones: appended to for a file whose new commits are its newest, recomputed from the change log otherwise (patterns.recency_recompute); then the deleted files.';
GRANT EXECUTE ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[])
 RETURNS TABLE(files text[], authors text[], commits integer)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_old_commits patterns.live_commits[];
    v_old_changes patterns.live_change[];
    v_new_commits patterns.live_commits[];
    v_new_changes patterns.live_change[];
BEGIN
    /*
     * Brings the live state of these commits up to date with git.commits and
     * git.file_changes: what they counted for goes, what they count for now comes in.
     * Returns the files and authors whose counts moved and the commits added (negative
     * when removed). One writer of a project's live state at a time. A project being
     * deleted has nothing to keep (its live rows go with it). A commit counted again
     * keeps its place in time order; a new one is given its place (patterns.live_place).
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
        DELETE FROM patterns.live_commits l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_commits) INTO v_old_commits FROM gone g;
    WITH gone AS (
        DELETE FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(ROW(g.commit_id, p.path, c.author_key, c.files, c.commit_type = 'fix', g.change_size::bigint,
                         g.net_lines::bigint, g.statuses)::patterns.live_change)
      INTO v_old_changes
      FROM gone g
      JOIN unnest(v_old_commits) c ON c.commit_id = g.commit_id
      JOIN git.paths p ON p.project_id = p_project_id AND p.path_id = g.file_id;

    SELECT array_agg(n) INTO v_new_changes FROM patterns.live_changes_of(p_project_id, p_commit_ids) n;
    PERFORM git.intern_keys(p_project_id, ARRAY(SELECT n.file_path FROM unnest(v_new_changes) n),
                            ARRAY(SELECT n.author_key FROM unnest(v_new_changes) n));
    WITH new_commits AS (
        INSERT INTO patterns.live_commits
        SELECT n.project_id, n.commit_id, n.sha, n.author_key, n.author_name, n.authored_at, n.committed_at, n.local_time,
               n.commit_type, n.files, n.change_size, coalesce(o.ordinal, 0)
          FROM patterns.live_commits_of(p_project_id, p_commit_ids) n
          LEFT JOIN unnest(v_old_commits) o ON o.commit_id = n.commit_id
        RETURNING *)
    SELECT array_agg(n::patterns.live_commits) INTO v_new_commits FROM new_commits n;
    IF v_old_commits IS NULL AND v_new_commits IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM patterns.live_place(p_project_id, p_commit_ids);
    INSERT INTO patterns.live_changes (project_id, commit_id, file_id, ordinal, change_size, net_lines, statuses)
    SELECT p_project_id, n.commit_id, g.path_id, c.ordinal, n.change_size, n.net_lines, n.statuses
      FROM unnest(v_new_changes) n
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
      JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = n.commit_id;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.live_refresh(bigint,bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';
GRANT EXECUTE ON FUNCTION patterns.live_refresh(bigint,bigint[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.process_pattern_updates(p_max_projects integer DEFAULT 1)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_entries    bigint[];
    v_error      text;
    v_handled    integer := 0;
    v_project_id bigint;
    v_result     record;
    v_skipped    bigint[] := ARRAY[]::bigint[];
    v_started    timestamptz;
    v_types      text;
BEGIN
    /*
     * Applies the due entries of up to p_max_projects projects, most urgent first, one
     * project at a time under its discovery lock (a busy project, or one being
     * ingested, is left for later). A project's rescore entry waits while other entries of
     * it are due, so that commits are not held up behind it and a burst is rescored once.
     * Returns how many entries it handled, completed or failed.
     */
    IF p_max_projects IS NULL OR p_max_projects < 1 THEN
        RAISE EXCEPTION 'max_projects must be at least 1, not %', coalesce(p_max_projects::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. p_max_projects LOOP
        SELECT q.project_id INTO v_project_id
          FROM patterns.pattern_update_queue q
         WHERE q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
           AND NOT q.project_id = ANY (v_skipped)
         ORDER BY CASE q.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, q.enqueued_at, q.id
         LIMIT 1
           FOR UPDATE SKIP LOCKED;
        EXIT WHEN v_project_id IS NULL;
        -- A project whose ingest is running is left for later: its batches must not wait behind
        -- an update counting the history it is still writing (the ingest notifies when it ends).
        -- Shared: two updates of one project are already kept apart by the discovery lock.
        IF NOT pg_try_advisory_xact_lock(1885630573, v_project_id::integer)  -- 'pdis', as discovery
           OR NOT pg_try_advisory_xact_lock_shared(1885827177, v_project_id::integer) THEN  -- 'pgpi', ingest
            v_skipped := v_skipped || v_project_id;
            v_project_id := NULL;
            CONTINUE;
        END IF;

        WITH claimed AS (
            SELECT q.id, q.trigger_type
              FROM patterns.pattern_update_queue q
             WHERE q.project_id = v_project_id AND q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
               AND (q.trigger_type <> 'rescore'
                    OR NOT EXISTS (SELECT FROM patterns.pattern_update_queue o
                                    WHERE o.project_id = v_project_id AND o.status = 'pending'
                                      AND o.next_attempt_at <= clock_timestamp() AND o.trigger_type <> 'rescore'))
               FOR UPDATE SKIP LOCKED)
        SELECT array_agg(c.id ORDER BY c.id), string_agg(DISTINCT c.trigger_type, ',')
          INTO v_entries, v_types
          FROM claimed c;
        v_started := clock_timestamp();
        BEGIN
            SELECT * INTO STRICT v_result FROM patterns.apply_pattern_updates(v_project_id, v_entries);
            UPDATE patterns.pattern_update_queue q
               SET status = 'completed', attempts = q.attempts + 1, completed_at = clock_timestamp()
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, patterns_updated,
                patterns_created, patterns_invalidated, db_queries_executed, started_at)
            VALUES (v_project_id, v_result.update_type, v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, v_result.updated,
                    v_result.created, v_result.invalidated, v_result.statements, v_started);
        EXCEPTION WHEN OTHERS THEN
            -- The update's writes are rolled back; its entries wait for a retry, or fail for good.
            GET STACKED DIAGNOSTICS v_error = MESSAGE_TEXT;
            UPDATE patterns.pattern_update_queue q
               SET attempts = q.attempts + 1, last_error = v_error,
                   status = CASE WHEN q.attempts + 1 >= q.max_attempts THEN 'failed' ELSE 'pending' END,
                   next_attempt_at = clock_timestamp() + interval '10 seconds' * 2 ^ q.attempts
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, status, error_message, started_at)
            VALUES (v_project_id, 'incremental', v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, 'failed', v_error, v_started);
        END;
        v_handled := v_handled + cardinality(v_entries);
        v_project_id := NULL;
    END LOOP;
    RETURN v_handled;
END
$function$;
COMMENT ON FUNCTION patterns.process_pattern_updates(integer) IS 'Applies the due pattern update queue entries of up to p_max_projects projects (default 1), most urgent first, each project under the discovery advisory lock (busy projects and projects being ingested wait for the next call; a rescore entry waits for the project''s other due entries); returns how many entries it completed or failed. Writes a patterns.pattern_update_metrics row per project. Safe to run from several workers at once.';
GRANT EXECUTE ON FUNCTION patterns.process_pattern_updates(integer) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.purge_discovery_sessions(p_project text DEFAULT NULL::text, p_keep integer DEFAULT NULL::integer)
 RETURNS TABLE(project_name text, table_name text, rows_removed bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_keep     integer;
    v_only     bigint;
    v_project  record;
    v_sessions uuid[];
BEGIN
    /*
     * For each project (or only p_project), deletes the discovery sessions older than its
     * newest p_keep (default: its number in patterns.discovery_retention), with their
     * patterns and insights. Never the current run (status completed) or a running one,
     * nor a run with an active pattern or insight left. Each project is purged under the
     * advisory lock discovery and updates take, so it waits for a discovery in progress.
     * Returns, per project that lost sessions, the rows removed from each table.
     */
    IF p_keep IS NOT NULL AND p_keep < 1 THEN
        RAISE EXCEPTION 'p_keep must be at least 1, not %', p_keep
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'p_keep counts the sessions kept per project, the current one included.',
                  HINT = 'give 1 to keep only the current session, or NULL for each project''s number in patterns.discovery_retention';
    END IF;
    IF p_project IS NOT NULL THEN
        v_only := patterns.project_id(p_project);
    END IF;
    FOR v_project IN
        SELECT p.project_id, p.name FROM core.projects p
         WHERE v_only IS NULL OR p.project_id = v_only
         ORDER BY p.project_id
    LOOP
        v_keep := coalesce(p_keep, patterns.discovery_sessions_kept(v_project.project_id));
        CONTINUE WHEN v_keep IS NULL
                   OR (SELECT count(*) FROM patterns.pattern_discovery_sessions s
                        WHERE s.project_id = v_project.project_id) <= v_keep;
        PERFORM pg_advisory_xact_lock(1885630573, v_project.project_id::integer);  -- 'pdis', as discovery
        v_sessions := ARRAY(
            SELECT r.id
              FROM (SELECT s.id, s.status,
                           row_number() OVER (ORDER BY s.discovery_timestamp DESC, s.id DESC) AS newest
                      FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = v_project.project_id) r
             WHERE r.newest > v_keep AND r.status IN ('outdated', 'failed')
               AND NOT EXISTS (SELECT FROM patterns.file_cooccurrence_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.temporal_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.developer_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.change_magnitude_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.pattern_insights x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active));
        CONTINUE WHEN cardinality(v_sessions) = 0;
        project_name := v_project.name;
        -- Each table by itself, to count its rows (the foreign keys would cascade the same).
        table_name := 'patterns.pattern_insights';
        DELETE FROM patterns.pattern_insights x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.file_cooccurrence_patterns';
        DELETE FROM patterns.file_cooccurrence_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.temporal_patterns';
        DELETE FROM patterns.temporal_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.developer_patterns';
        DELETE FROM patterns.developer_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.change_magnitude_patterns';
        DELETE FROM patterns.change_magnitude_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.pattern_discovery_sessions';
        DELETE FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project.project_id AND s.id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION patterns.purge_discovery_sessions(text,integer) IS 'Deletes the discovery sessions of each project (or only p_project) beyond its newest p_keep (at least 1; default NULL: the project''s number in patterns.discovery_retention, 3 unless set), with their patterns and insights; never the current (completed) or a running session, nor one with an active pattern. Waits for a discovery of the project in progress. Returns project_name, table_name and rows_removed for each table of each project that lost sessions. pg_cron runs it daily (pgpattern-purge-discovery-sessions) and pgpattern discover after each run.';
GRANT EXECUTE ON FUNCTION patterns.purge_discovery_sessions(text,integer) TO pgpattern_writer;

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
$function$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint,text[]) IS 'Recomputes the recency state of these query files of a project (NULL: all) from patterns.live_changes: their rows of patterns.file_author_recency and their direction of the decayed sums in patterns.file_pair_counts.';
GRANT EXECUTE ON FUNCTION patterns.recency_recompute(bigint,text[]) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.supersede_pattern_updates()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- A completed full discovery covers the pattern updates queued before it began (not the
    -- live-state counting a bulk ingest left to the next update); the live state
    -- is then synced with its patterns once (a full refresh, queued at low priority) when
    -- the live counts cover the run (unwindowed, max_changeset_size 30) and the run did not
    -- score the live state itself.
    UPDATE patterns.pattern_update_queue q SET status = 'superseded', completed_at = clock_timestamp()
     WHERE q.project_id = NEW.project_id AND q.status = 'pending' AND q.enqueued_at < NEW.discovery_timestamp
       AND NOT q.trigger_data ? 'deferred_commits';
    IF NEW.window_since IS NULL AND NEW.window_until IS NULL AND NEW.window_until_sha IS NULL
       AND NEW.max_changeset_size = 30
       AND NOT EXISTS (SELECT FROM patterns.live_synced l
                        WHERE l.project_id = NEW.project_id AND l.discovery_session_id = NEW.id) THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (NEW.project_id, 'scheduled', 'low', jsonb_build_object('reason', 'discovery', 'discovery_session_id', NEW.id));
        PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    END IF;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.supersede_pattern_updates() IS 'After a discovery run completes: marks the project''s updates queued before it superseded and, unless the run scored the live state itself, queues one full refresh that syncs the live state with the new run.';
GRANT EXECUTE ON FUNCTION patterns.supersede_pattern_updates() TO pgpattern_writer;

CREATE OR REPLACE FUNCTION privacy.lock_projects(p_projects bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project bigint;
BEGIN
    -- Waits for the project's ingest ('pgpi', migrator/ingest.py) and discovery ('pdis').
    FOREACH v_project IN ARRAY p_projects LOOP
        PERFORM pg_advisory_xact_lock(1885827177, v_project::integer);
        PERFORM pg_advisory_xact_lock(1885630573, v_project::integer);
    END LOOP;
END
$function$;
COMMENT ON FUNCTION privacy.lock_projects(bigint[]) IS 'Takes, until the end of the transaction, the advisory locks an ingest and a discovery of each project take, so that neither writes while a project is forgotten in or deleted.';
REVOKE ALL ON FUNCTION privacy.lock_projects(bigint[]) FROM PUBLIC;
