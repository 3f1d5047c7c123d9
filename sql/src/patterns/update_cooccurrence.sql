CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean)
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
    v_nestloop text;
    v_mergejoin text;
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
        -- where one hash join takes 0.1 s; or merge a file's changes with its pairs through
        -- the counted index, reading git.changes (stored in commit order) a row a page.
        v_nestloop := current_setting('enable_nestloop');
        v_mergejoin := current_setting('enable_mergejoin');
        PERFORM set_config('enable_nestloop', 'off', true);
        PERFORM set_config('enable_mergejoin', 'off', true);
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
        -- The paths keep the columns' collation, so the joins below can use their indexes.
        SELECT CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN a.path ELSE b.path END AS file_path_1,
               CASE WHEN a.path COLLATE "C" < b.path COLLATE "C" THEN b.path ELSE a.path END AS file_path_2, d.cochanges,
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
        -- The run's rows: all of them for a full refresh; else the active pairs of these
        -- files (their file indexes), and the inactive rows of pairs kept again, found by
        -- their hash (reading the run's every row cost an update of one commit 60 ms on ansible).
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session.id
           AND (p_full OR (c.is_active AND (c.file_path_1 = ANY (p_files) OR c.file_path_2 = ANY (p_files))))
        UNION ALL
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM kept k
          JOIN patterns.file_cooccurrence_patterns c
            ON c.project_id = p_project_id AND c.discovery_session_id = p_session.id
           AND c.pattern_hash = patterns.sha256_hex(least(k.file_1, k.file_2) || '|' || greatest(k.file_1, k.file_2))
         WHERE NOT p_full AND NOT c.is_active
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
        PERFORM set_config('enable_mergejoin', v_mergejoin, true);
    END IF;
    RETURN v_counts;
END
$function$;
COMMENT ON FUNCTION patterns.update_cooccurrence(bigint,patterns.pattern_discovery_sessions,text[],boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_cooccurrence(bigint,patterns.pattern_discovery_sessions,text[],boolean) TO pgpattern_writer;
