-- 0204's version of patterns.discover_cooccurrence, and discover_patterns with the server's JIT and work_mem.
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid)
RETURNS integer
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH
    run AS (
        SELECT s.confidence_threshold, s.min_cooccurrence, s.max_changeset_size
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = p_project_id AND s.id = p_discovery_session_id
    ),
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.sha, tc.authored_at, tc.committed_at, tc.file_path
          FROM pg_temp.discovery_workspace tc, run
         WHERE tc.commit_files <= run.max_changeset_size
    ),
    total AS (SELECT count(DISTINCT t.commit_id)::double precision AS n FROM t),
    per_file AS (SELECT t.file_path, count(*)::double precision AS n FROM t GROUP BY t.file_path),
    pairs AS (
        SELECT a.file_path AS file_1, b.file_path AS file_2, count(*)::double precision AS n12
          FROM t a
          JOIN t b ON b.commit_id = a.commit_id AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
         GROUP BY a.file_path, b.file_path
        HAVING count(*) >= (SELECT run.min_cooccurrence FROM run)
    ),
    scored AS (
        SELECT p.file_1, p.file_2, p.n12, f1.n AS n1, f2.n AS n2, total.n AS n,
               p.n12 / f1.n AS conf_12, p.n12 / f2.n AS conf_21
          FROM pairs p
          JOIN per_file f1 ON f1.file_path = p.file_1
          JOIN per_file f2 ON f2.file_path = p.file_2
          CROSS JOIN total
    ),
    kept AS (
        SELECT s.*,
               -- Pearson's chi-square on [n12, n1-n12; n2-n12, N-n1-n2+n12], no continuity correction.
               CASE WHEN s.n1 = s.n OR s.n2 = s.n THEN 0
                    ELSE s.n * (s.n12 * (s.n - s.n1 - s.n2 + s.n12) - (s.n1 - s.n12) * (s.n2 - s.n12)) ^ 2
                         / (s.n1 * (s.n - s.n1) * s.n2 * (s.n - s.n2)) END AS chi_square
          FROM scored s, run
         WHERE greatest(s.conf_12, s.conf_21) >= run.confidence_threshold
    ),
    evidence AS (
        SELECT k.file_1, k.file_2,
               (array_agg(a.sha ORDER BY a.authored_at DESC, a.committed_at DESC, a.sha DESC))[1:50] AS shas,
               min(a.authored_at) AS first_at, max(a.authored_at) AS last_at
          FROM kept k
          JOIN t a ON a.file_path = k.file_1
          JOIN t b ON b.commit_id = a.commit_id AND b.file_path = k.file_2
         GROUP BY k.file_1, k.file_2
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
COMMENT ON FUNCTION patterns.discover_cooccurrence(bigint, uuid) IS 'Stores the file co-occurrence patterns of a discovery run (spec section 1) and returns how many.';

ALTER FUNCTION patterns.discover_patterns(text, text[], double precision, integer, integer, timestamptz, timestamptz, text, uuid)
    RESET jit
    RESET work_mem;
