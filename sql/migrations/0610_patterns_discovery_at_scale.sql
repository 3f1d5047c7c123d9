-- Discovery at real-world scale (ansible: 49,188 commits, 29,341 files).
-- Co-occurrence took 405 s there: the per-file counts were joined back to the pairs by path,
-- and the planner, which sees 200 rows in any CTE, crossed every file with every file (861
-- million rows) before the hash join; the evidence then joined each kept pair to all of its
-- files' changes again. Now n(f) rides along on every row and the (pair, commit) rows are
-- built once for the counts and the evidence: 8 s under load, the same 11,971 patterns.
-- The body reads pg_temp.discovery_workspace, which exists only during a run.
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
COMMENT ON FUNCTION patterns.discover_cooccurrence(bigint, uuid) IS 'Stores the file co-occurrence patterns of a discovery run (spec section 1) and returns how many.';

-- discover_patterns: without JIT, with 128 MB work_mem, and a progress line for the
-- transaction set and for the end of the run, the steps outside the five algorithms.
CREATE OR REPLACE FUNCTION patterns.discover_patterns(
      p_project text
    , p_algorithms text[] DEFAULT ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights']
    , p_confidence_threshold double precision DEFAULT 0.30
    , p_min_cooccurrence integer DEFAULT 3
    , p_max_changeset_size integer DEFAULT 30
    , p_since timestamptz DEFAULT NULL
    , p_until timestamptz DEFAULT NULL
    , p_until_sha text DEFAULT NULL
    , p_session_id uuid DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Its statements are planned as expensive and JIT compiled each for about a second.
SET jit = off
-- Sorts and hashes of a real history spilled to disk at the default 4 MB
-- (ansible, under load: 58 s -> 36.5 s).
SET work_mem = '128MB'
AS $$
DECLARE
    v_algorithm  text;
    v_changes    integer;
    v_count      integer;
    v_counts     integer[] := ARRAY[0, 0, 0, 0, 0];
    v_first_sha  text;
    v_known      text[] := ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'];
    v_last_sha   text;
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
$$;
COMMENT ON FUNCTION patterns.discover_patterns(text, text[], double precision, integer, integer, timestamptz, timestamptz, text, uuid) IS 'Runs pattern discovery for a project (spec/change-patterns.md) in the caller''s transaction and returns the discovery session id. p_algorithms: any of cooccurrence, temporal, developer, magnitude, insights (default all); p_confidence_threshold (0.30), p_min_cooccurrence (3), p_max_changeset_size (30); optional window p_since (inclusive) and p_until (exclusive) on authored time; p_until_sha: only that commit and its ancestors; p_session_id: the core.sessions row it belongs to. Earlier runs become outdated and their patterns inactive. One run per project at a time.';
