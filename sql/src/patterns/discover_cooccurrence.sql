CREATE OR REPLACE FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION patterns.discover_cooccurrence(bigint,uuid) IS 'Stores the file co-occurrence patterns of a discovery run (spec section 1) and returns how many.';
GRANT EXECUTE ON FUNCTION patterns.discover_cooccurrence(bigint,uuid) TO pgpattern_writer;
