-- The recency state per ordered pair and author again (0660, 0671, 0790): patterns.
-- pair_author_recency and file_author_recency (S_a(q)) in their old layout, recomputed from the
-- change log by the old functions, and patterns.file_pair_counts without the pair sums.
CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency rows of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (their place in time order,
     * patterns.live_commits.ordinal), stamped with their number n(q).
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
        SELECT l.file_id, l.commit_id, c.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_id))::integer AS n
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND c.files <= 30
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
        WINDOW w AS (PARTITION BY l.file_id ORDER BY l.ordinal DESC)
    ),
    keyed AS (
        SELECT g.file_id, a.author_id, g.commit_id, g.age, g.n
          FROM aged g
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, weight, file_id, author_id, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, k.author_id, max(k.n)
          FROM keyed k
         GROUP BY k.file_id, k.author_id
    )
    INSERT INTO patterns.pair_author_recency (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
    SELECT p_project_id, sum(patterns.recency_decay(k.age) ORDER BY k.age), k.file_id, l.file_id, k.author_id, count(*), max(k.n)
      FROM keyed k
      JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = k.commit_id AND l.file_id <> k.file_id
     GROUP BY k.file_id, l.file_id, k.author_id
     ORDER BY k.file_id, l.file_id, k.author_id;
END
$$;
COMMENT ON FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) IS 'Recomputes the decayed sums of patterns.file_author_recency and pair_author_recency for these query files of a project (NULL: all) from patterns.live_changes.';

CREATE OR REPLACE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_change[], p_new_changes patterns.live_change[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_recompute text[];
    v_append    text[];
BEGIN
    /*
     * Moves the recency rows from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current, the new
     * commits placed in time order: patterns.live_place). A
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
            INSERT INTO patterns.file_author_recency AS t (project_id, weight, file_id, author_id, stamp)
            SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, a.author_id, max(a.n)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
                   stamp = excluded.stamp
        )
        INSERT INTO patterns.pair_author_recency AS t (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(a.age) ORDER BY a.age), a.file_id, x.file_id, a.author_id, count(*), max(a.n)
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
COMMENT ON FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_change[], p_new_changes patterns.live_change[]) IS 'Moves a project''s recency rows (file_author_recency, pair_author_recency) from the old changes of T to the new ones: appends commits that are their files'' newest, recomputes the files whose history changed otherwise; refreshes the touched files'' deletion state. Called by patterns.live_count().';

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
$$;

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
            patterns.change_size_counts, patterns.file_author_recency, patterns.pair_author_recency,
            patterns.deleted_files, git.paths, git.authors;
    RETURN v_commits;
END
$$;


CREATE TABLE patterns.pair_author_recency (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    weight double precision NOT NULL,
    query_file_id integer NOT NULL,
    file_id integer NOT NULL,
    author_id integer NOT NULL,
    changes integer NOT NULL,
    stamp integer NOT NULL,
    PRIMARY KEY (project_id, query_file_id, file_id, author_id),
    CONSTRAINT pair_author_recency_other_file CHECK (query_file_id <> file_id)
) WITH (fillfactor = 80);
GRANT SELECT, INSERT, DELETE, UPDATE ON patterns.pair_author_recency TO pgpattern_writer;
COMMENT ON TABLE patterns.pair_author_recency IS 'Per query file q, other file x and author a, s_a(q, x): the decayed count (by q''s clock) of q''s counted commits by a that also change x; the sum over authors is s(q, x) of spec section 6. Directional: s(q, x) and s(x, q) decay by different clocks. Keyed by git.paths and git.authors numbers.';
COMMENT ON COLUMN patterns.pair_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.pair_author_recency.changes IS 'How many of those commits there are (summed over authors: n(q, x)).';
COMMENT ON COLUMN patterns.pair_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';

-- file_author_recency made again by its name (a rollback keeps its rows: they are recomputed).
CREATE TABLE patterns.file_author_recency_old (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    weight double precision NOT NULL,
    file_id integer NOT NULL,
    author_id integer NOT NULL,
    stamp integer NOT NULL,
    PRIMARY KEY (project_id, file_id, author_id)
);
DROP TABLE patterns.file_author_recency;
ALTER TABLE patterns.file_author_recency_old RENAME TO file_author_recency;
ALTER INDEX patterns.file_author_recency_old_pkey RENAME TO file_author_recency_pkey;
ALTER TABLE patterns.file_author_recency RENAME CONSTRAINT file_author_recency_old_project_id_fkey TO file_author_recency_project_id_fkey;
GRANT SELECT, INSERT, DELETE, UPDATE ON patterns.file_author_recency TO pgpattern_writer;
COMMENT ON TABLE patterns.file_author_recency IS 'Per file q and author a, S_a(q): the decayed count of q''s counted commits (at most 30 files) by a, each weighted 2^(-(j - 1) / 16) with j = 1 for q''s newest; the sum over authors is S(q) (spec section 6). Keyed by git.paths and git.authors numbers.';
COMMENT ON COLUMN patterns.file_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';
COMMENT ON COLUMN patterns.file_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';

ALTER TABLE patterns.file_pair_counts DROP COLUMN stamp_1, DROP COLUMN weight_1, DROP COLUMN weight_2, DROP COLUMN stamp_2;
ALTER TABLE patterns.file_pair_counts RESET (fillfactor);
COMMENT ON TABLE patterns.file_pair_counts IS 'Per pair of files (git.paths numbers, the smaller first), n(a,b): the commits of T with at most 30 files that change both (every pair seen at least once; the co-occurrence patterns read it).';

DROP FUNCTION patterns.recency_total(integer);

SELECT patterns.recency_recompute(p.project_id, NULL) FROM core.projects p;
ANALYZE patterns.pair_author_recency, patterns.file_author_recency;
