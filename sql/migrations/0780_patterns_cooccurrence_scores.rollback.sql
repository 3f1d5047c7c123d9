-- Back to the scores written out in each function (0610, 0615, 0671).

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
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
    scored AS (
        SELECT p.file_1, p.file_2, p.n12, p.n1, p.n2, total.n AS n,
               p.n12 / p.n1 AS conf_12, p.n12 / p.n2 AS conf_21
          FROM pairs p
          CROSS JOIN total
    ),
    kept AS MATERIALIZED (
        SELECT s.*,
               -- Pearson's chi-square on [n12, n1-n12; n2-n12, N-n1-n2+n12], no continuity correction.
               CASE WHEN s.n1 = s.n OR s.n2 = s.n THEN 0
                    ELSE s.n * (s.n12 * (s.n - s.n1 - s.n2 + s.n12) - (s.n1 - s.n12) * (s.n2 - s.n12)) ^ 2
                         / (s.n1 * (s.n - s.n1) * s.n2 * (s.n - s.n2)) END AS chi_square
          FROM scored s, run
         WHERE greatest(s.conf_12, s.conf_21) >= run.confidence_threshold
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
               k.n12 / k.n, greatest(k.conf_12, k.conf_21), k.conf_12, k.conf_21,
               k.n12 * k.n / (k.n1 * k.n2), 2 * k.n12 / (k.n1 + k.n2),
               CASE WHEN greatest(k.conf_12, k.conf_21) >= 0.80 THEN 'very_strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.60 THEN 'strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.40 THEN 'moderate'
                    ELSE 'weak' END,
               p.p_value, patterns.significance(p.p_value), e.shas, e.first_at, e.last_at
          FROM kept k
          JOIN evidence e ON e.file_1 = k.file_1 AND e.file_2 = k.file_2
          CROSS JOIN LATERAL (SELECT patterns.chi_square_p_value(k.chi_square, 1) AS p_value) p
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
    v_nestloop text;
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it, for every pair of a changed file (all with p_full). What N moves of the other
     * pairs is left to patterns.rescore_cooccurrence(). Returns {created, updated, invalidated}.
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
    IF p_full THEN
        PERFORM set_config('enable_nestloop', v_nestloop, true);
    END IF;
    RETURN v_counts;
END
$$;

CREATE OR REPLACE FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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
      FROM (SELECT c0.id, c0.cooccurrence_count / v_n AS support,
                   c0.cooccurrence_count::double precision * v_n
                       / (c0.file_1_changes::double precision * c0.file_2_changes::double precision) AS lift,
                   patterns.chi_square_p_value(
                       CASE WHEN c0.file_1_changes = v_n OR c0.file_2_changes = v_n THEN 0
                            ELSE v_n * (c0.cooccurrence_count::double precision
                                        * (v_n - c0.file_1_changes - c0.file_2_changes + c0.cooccurrence_count::double precision)
                                        - (c0.file_1_changes - c0.cooccurrence_count::double precision)
                                        * (c0.file_2_changes - c0.cooccurrence_count::double precision)) ^ 2
                                 / (c0.file_1_changes::double precision * (v_n - c0.file_1_changes)
                                    * c0.file_2_changes::double precision * (v_n - c0.file_2_changes)) END, 1) AS p_value
              FROM patterns.file_cooccurrence_patterns c0
             WHERE c0.project_id = p_project_id AND c0.discovery_session_id = p_session.id AND c0.is_active
               AND c0.support_score IS DISTINCT FROM c0.cooccurrence_count / v_n
            OFFSET 0) x
     WHERE c.project_id = p_project_id AND c.id = x.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$$;

DROP FUNCTION patterns.cooccurrence_scores(double precision, double precision, double precision, double precision);
