-- patterns.discover_patterns(): one discovery run of a project in one transaction, and the
-- blueprint's summary views, which it keeps current.
CREATE MATERIALIZED VIEW api.project_pattern_summary AS
SELECT p.project_id,
       p.name AS project_name,
       s.id AS latest_session_id,
       s.discovery_timestamp AS last_discovery,
       coalesce(s.cooccurrence_patterns, 0) AS cooccurrence_patterns,
       coalesce(s.temporal_patterns, 0) AS temporal_patterns,
       coalesce(s.developer_patterns, 0) AS developer_patterns,
       coalesce(s.magnitude_patterns, 0) AS magnitude_patterns,
       coalesce(s.insights, 0) AS insights,
       (SELECT count(*) FROM patterns.pattern_insights i
         WHERE i.project_id = p.project_id AND i.discovery_session_id = s.id AND i.is_active
           AND i.risk_level = 'critical') AS critical_insights,
       (SELECT count(*) FROM patterns.pattern_insights i
         WHERE i.project_id = p.project_id AND i.discovery_session_id = s.id AND i.is_active
           AND i.risk_level = 'high') AS high_risk_insights,
       (SELECT count(*) FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p.project_id AND m.discovery_session_id = s.id AND m.is_active
           AND m.risk_level = 'critical') AS critical_risk_files,
       s.execution_time_ms AS last_execution_time,
       s.patterns_discovered AS total_patterns_discovered,
       s.total_commits_analyzed,
       s.total_files_analyzed
  FROM core.projects p
  LEFT JOIN LATERAL (
        SELECT d.* FROM patterns.pattern_discovery_sessions d
         WHERE d.project_id = p.project_id AND d.status = 'completed'
         ORDER BY d.discovery_timestamp DESC LIMIT 1) s ON true
WITH NO DATA;
COMMENT ON MATERIALIZED VIEW api.project_pattern_summary IS 'Per project, its latest completed discovery run: pattern counts by kind, critical and high-risk insights, critical-risk files, run time. Refreshed by each discovery and every 5 minutes by pg_cron (pgpattern-refresh-pattern-summary).';
CREATE UNIQUE INDEX project_pattern_summary_project_idx ON api.project_pattern_summary (project_id);
COMMENT ON INDEX api.project_pattern_summary_project_idx IS 'One row per project; lets the view refresh CONCURRENTLY.';
REFRESH MATERIALIZED VIEW api.project_pattern_summary;

CREATE VIEW api.high_risk_files_summary AS
SELECT m.project_id,
       p.name AS project_name,
       m.file_path,
       m.risk_level,
       m.risk_score,
       m.anomaly_score,
       m.hotspot_score,
       m.change_frequency,
       m.volatility_score,
       m.change_category,
       m.total_changes,
       m.updated_at AS last_analyzed
  FROM patterns.change_magnitude_patterns m
  JOIN core.projects p ON p.project_id = m.project_id
 WHERE m.is_active AND m.risk_level IN ('high', 'critical')
 ORDER BY CASE m.risk_level WHEN 'critical' THEN 1 ELSE 2 END, m.anomaly_score DESC, m.hotspot_score DESC;
COMMENT ON VIEW api.high_risk_files_summary IS 'Active files at high or critical risk across projects, critical first, then by anomaly and hotspot score. A plain view: the risk index makes it cheap.';

CREATE FUNCTION patterns.refresh_summaries()
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- CONCURRENTLY keeps the summary readable while it is rebuilt. SECURITY DEFINER: only
    -- the owner may refresh, and writers run discovery.
    REFRESH MATERIALIZED VIEW CONCURRENTLY api.project_pattern_summary;
END
$$;
COMMENT ON FUNCTION patterns.refresh_summaries() IS 'Refreshes api.project_pattern_summary without blocking its readers (pg_cron runs it every 5 minutes; discovery runs it when it completes).';

CREATE FUNCTION patterns.project_id(p_project text)
RETURNS bigint
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT p.project_id INTO v_id FROM core.projects p WHERE p.name = p_project;
    IF v_id IS NULL THEN
        RAISE EXCEPTION 'unknown project %', coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'no_data_found', HINT = 'ingest its history first: pgpattern ingest PATH --project NAME';
    END IF;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION patterns.project_id(text) IS 'The id of the project with this name; raises no_data_found (P0002) naming it when there is none.';

CREATE FUNCTION patterns.discover_patterns(
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
AS $$
DECLARE
    v_algorithm  text;
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
    RETURN v_session;
END
$$;
COMMENT ON FUNCTION patterns.discover_patterns(text, text[], double precision, integer, integer, timestamptz, timestamptz, text, uuid) IS 'Runs pattern discovery for a project (spec/change-patterns.md) in the caller''s transaction and returns the discovery session id. p_algorithms: any of cooccurrence, temporal, developer, magnitude, insights (default all); p_confidence_threshold (0.30), p_min_cooccurrence (3), p_max_changeset_size (30); optional window p_since (inclusive) and p_until (exclusive) on authored time; p_until_sha: only that commit and its ancestors; p_session_id: the core.sessions row it belongs to. Earlier runs become outdated and their patterns inactive. One run per project at a time.';

SELECT ops.schedule_job('pgpattern-refresh-pattern-summary', '*/5 * * * *',
    'SELECT patterns.refresh_summaries()',
    'Every 5 minutes: refresh api.project_pattern_summary concurrently.');
