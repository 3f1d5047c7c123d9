-- Each formula defined once (issue 12), co-occurrence: spec section 1's scores of a pair
-- (support, confidences, lift, coupling, strength, the chi-square statistic) were written
-- in patterns.discover_cooccurrence() (a window's T), update_cooccurrence() and
-- rescore_cooccurrence() (the live counts), so a threshold changed in one stayed in the
-- others. They are patterns.cooccurrence_scores() now, a SQL function the planner inlines
-- into each caller's set-based query (no SET clause), and the three call it. Results as
-- before, to the bit: the same expressions over the same values.

CREATE FUNCTION patterns.cooccurrence_scores(
    p_cochanges double precision,
    p_changes_1 double precision,
    p_changes_2 double precision,
    p_commits   double precision)
RETURNS TABLE (support double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision,
               confidence double precision, lift double precision, coupling double precision, strength text,
               chi_square double precision)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
-- No SET clause, like every function here that a query calls per row: the planner inlines
-- a SQL function into the calling query only without one.
AS $$
    -- Spec section 1 for a pair changed together in n(a,b) of N commits, n(a) and n(b) times.
    SELECT p_cochanges / p_commits,
           p_cochanges / p_changes_1,
           p_cochanges / p_changes_2,
           greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2),
           p_cochanges * p_commits / (p_changes_1 * p_changes_2),
           2 * p_cochanges / (p_changes_1 + p_changes_2),
           CASE WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.80 THEN 'very_strong'
                WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.60 THEN 'strong'
                WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.40 THEN 'moderate'
                ELSE 'weak' END,
           -- Pearson's chi-square on [n12, n1-n12; n2-n12, N-n1-n2+n12], no continuity correction;
           -- 0 with a zero row or column total.
           CASE WHEN p_changes_1 = p_commits OR p_changes_2 = p_commits THEN 0
                ELSE p_commits * (p_cochanges * (p_commits - p_changes_1 - p_changes_2 + p_cochanges)
                                  - (p_changes_1 - p_cochanges) * (p_changes_2 - p_cochanges)) ^ 2
                     / (p_changes_1 * (p_commits - p_changes_1) * p_changes_2 * (p_commits - p_changes_2)) END
$$;
COMMENT ON FUNCTION patterns.cooccurrence_scores(double precision, double precision, double precision, double precision) IS
'Spec section 1''s scores of a pair of files changed together in cochanges of commits commits, changes_1 and changes_2 times: support, the two directional confidences and their maximum, lift, coupling degree, strength and the chi-square statistic (its p-value is patterns.chi_square_p_value(chi_square, 1)). Both roads of a discovery and the updates score pairs with it; inlined by the planner.';

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid)
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH
    run AS (
        SELECT s.confidence_threshold, s.min_cooccurrence, s.max_changeset_size
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = p_project_id AND s.id = p_discovery_session_id
    ),
    -- n(f) rides along on every row: joining per-file counts back to the pairs by path
    -- made the planner (which sees 200 rows in any CTE) cross every file with every file.
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.sha, tc.authored_at, tc.committed_at, tc.file_path,
               count(*) OVER (PARTITION BY tc.file_path)::double precision AS n_file
          FROM pg_temp.discovery_workspace tc, run
         WHERE tc.commit_files <= run.max_changeset_size
    ),
    total AS (SELECT count(DISTINCT t.commit_id)::double precision AS n FROM t),
    -- Every (pair, commit) once: the counts and the evidence both come from this one join,
    -- so a file changed in thousands of commits is never joined again per pair.
    pair_commits AS MATERIALIZED (
        SELECT a.file_path AS file_1, b.file_path AS file_2, a.n_file AS n1, b.n_file AS n2,
               a.sha, a.authored_at, a.committed_at
          FROM t a
          JOIN t b ON b.commit_id = a.commit_id AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
    ),
    pairs AS (
        SELECT pc.file_1, pc.file_2, pc.n1, pc.n2, count(*)::double precision AS n12
          FROM pair_commits pc
         GROUP BY pc.file_1, pc.file_2, pc.n1, pc.n2
        HAVING count(*) >= (SELECT run.min_cooccurrence FROM run)
    ),
    kept AS MATERIALIZED (
        SELECT p.file_1, p.file_2, p.n12, p.n1, p.n2, s.*
          FROM pairs p
          CROSS JOIN total
          CROSS JOIN LATERAL patterns.cooccurrence_scores(p.n12, p.n1, p.n2, total.n) s
          CROSS JOIN run
         WHERE s.confidence >= run.confidence_threshold
    ),
    evidence AS (
        SELECT pc.file_1, pc.file_2,
               (array_agg(pc.sha ORDER BY pc.authored_at DESC, pc.committed_at DESC, pc.sha DESC))[1:50] AS shas,
               min(pc.authored_at) AS first_at, max(pc.authored_at) AS last_at
          FROM pair_commits pc
         WHERE (pc.file_1, pc.file_2) IN (SELECT k.file_1, k.file_2 FROM kept k)
         GROUP BY pc.file_1, pc.file_2
    ),
    inserted AS (
        INSERT INTO patterns.file_cooccurrence_patterns (
            project_id, discovery_session_id, file_path_1, file_path_2, cooccurrence_count, file_1_changes,
            file_2_changes, support_score, confidence_score, confidence_1_to_2, confidence_2_to_1, lift_score,
            coupling_degree, pattern_strength, p_value, statistical_significance, contributing_commits,
            first_observed_date, last_observed_date)
        SELECT p_project_id, p_discovery_session_id, k.file_1, k.file_2, k.n12::integer, k.n1::integer, k.n2::integer,
               k.support, k.confidence, k.confidence_1_to_2, k.confidence_2_to_1, k.lift, k.coupling, k.strength,
               p.p_value, patterns.significance(p.p_value), e.shas, e.first_at, e.last_at
          FROM kept k
          JOIN evidence e ON e.file_1 = k.file_1 AND e.file_2 = k.file_2
          CROSS JOIN LATERAL (SELECT patterns.chi_square_p_value(k.chi_square, 1) AS p_value) p
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Called for a few files and for all of them: each call planned for its own (0670).
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
    v_nestloop text;
BEGIN
    /*
     * Spec section 1 from the pair counts (patterns.cooccurrence_scores(), as a discovery
     * of a window scores them), for every pair of a changed file (all with p_full). What N
     * moves of the other pairs is left to patterns.rescore_cooccurrence(). Returns
     * {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    IF NOT p_full THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    ELSE
        -- Every pair at once, every join of whole tables: the planner would look each shared
        -- change's commit up by its key (541K probes, 0.9 s on the 100K synthetic history)
        -- where one hash join takes 0.1 s.
        v_nestloop := current_setting('enable_nestloop');
        PERFORM set_config('enable_nestloop', 'off', true);
    END IF;
    WITH
    dirty_ids AS (
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND (p_full OR pc.file_id_1 = ANY (v_file_ids))
        UNION
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND NOT p_full AND pc.file_id_2 = ANY (v_file_ids)
    ),
    dirty_pairs AS (
        -- A pair is counted under its files' numbers; its pattern names the paths in "C" order.
        SELECT least(a.path COLLATE "C", b.path COLLATE "C") AS file_path_1,
               greatest(a.path COLLATE "C", b.path COLLATE "C") AS file_path_2, d.cochanges,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN d.file_id_1 ELSE d.file_id_2 END AS file_id_1,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN d.file_id_2 ELSE d.file_id_1 END AS file_id_2
          FROM dirty_ids d
          JOIN git.paths a ON a.project_id = p_project_id AND a.path_id = d.file_id_1
          JOIN git.paths b ON b.project_id = p_project_id AND b.path_id = d.file_id_2
    ),
    counted AS (
        SELECT d.file_path_1 AS file_1, d.file_path_2 AS file_2, d.file_id_1, d.file_id_2,
               d.cochanges::double precision AS n12,
               f1.cooc_changes::double precision AS n1, f2.cooc_changes::double precision AS n2
          FROM dirty_pairs d
          JOIN patterns.file_change_counts f1 ON f1.project_id = p_project_id AND f1.file_path = d.file_path_1
          JOIN patterns.file_change_counts f2 ON f2.project_id = p_project_id AND f2.file_path = d.file_path_2
    ),
    kept AS MATERIALIZED (
        SELECT c.*, s.*
          FROM counted c
          CROSS JOIN LATERAL patterns.cooccurrence_scores(c.n12, c.n1, c.n2, v_n) s
         WHERE s.confidence >= p_session.confidence_threshold
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
               (array_agg(c.sha ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1:50] AS shas,
               min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM kept k
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
          JOIN patterns.live_changes a ON a.project_id = p_project_id AND a.file_id = k.file_id_1
          JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = a.commit_id
                                      AND c.files <= p_session.max_changeset_size
          JOIN patterns.live_changes b ON b.project_id = p_project_id AND b.commit_id = a.commit_id AND b.file_id = k.file_id_2
         WHERE (p_full OR cur.id IS NULL OR NOT cur.is_active
                            OR (k.file_1 = ANY (p_files) AND k.file_2 = ANY (p_files)))
         GROUP BY k.file_1, k.file_2
    ),
    wanted AS MATERIALIZED (
        SELECT k.file_1, k.file_2, k.n12::integer AS n12, k.n1::integer AS n1, k.n2::integer AS n2,
               k.support, k.confidence, k.confidence_1_to_2 AS conf_12, k.confidence_2_to_1 AS conf_21, k.lift,
               k.coupling, k.strength,
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
    IF p_full THEN
        PERFORM set_config('enable_nestloop', v_nestloop, true);
    END IF;
    RETURN v_counts;
END
$$;

CREATE OR REPLACE FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_moved integer;
    v_n     double precision;
BEGIN
    /*
     * The scores of a run's active pairs that depend on N alone (support, lift, p-value,
     * significance), at the current N. Returns the pairs rewritten.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    -- A pair's counts stand: only what N moves (support, lift, the test). updated_at stays (it says when the pair's own evidence changed, not that the project
    -- got a commit), so that no indexed column changes and the rows update in place (HOT).
    UPDATE patterns.file_cooccurrence_patterns c
       SET support_score = x.support, lift_score = x.lift, p_value = x.p_value,
           statistical_significance = patterns.significance(x.p_value)
      FROM (SELECT c0.id, s.support, s.lift, patterns.chi_square_p_value(s.chi_square, 1) AS p_value
              FROM patterns.file_cooccurrence_patterns c0
              CROSS JOIN LATERAL patterns.cooccurrence_scores(c0.cooccurrence_count, c0.file_1_changes,
                                                              c0.file_2_changes, v_n) s
             WHERE c0.project_id = p_project_id AND c0.discovery_session_id = p_session.id AND c0.is_active
               AND c0.support_score IS DISTINCT FROM s.support
            OFFSET 0) x
     WHERE c.project_id = p_project_id AND c.id = x.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$$;
