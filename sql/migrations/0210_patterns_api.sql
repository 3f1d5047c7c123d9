-- The query API of the blueprint's handlers, as functions in api (SECURITY DEFINER with a
-- fixed search_path: the reader role reads patterns through them, never the tables), and
-- api.suggest_cochanges (spec section 6).
CREATE FUNCTION patterns.check_choice(p_name text, p_value text, p_choices text[])
RETURNS boolean
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- NULL means "any"; anything else must be one of the choices.
    IF p_value IS NOT NULL AND NOT p_value = ANY (p_choices) THEN
        RAISE EXCEPTION 'unknown % %', p_name, quote_literal(p_value)
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(p_choices, ', '));
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION patterns.check_choice(text, text, text[]) IS 'Returns true, or raises invalid_parameter_value naming the parameter and value when a filter value is not one of its choices (NULL passes).';

CREATE FUNCTION api.pattern_discover(
      p_project text
    , p_force_refresh boolean DEFAULT false
    , p_algorithms text[] DEFAULT NULL
    , p_confidence_threshold double precision DEFAULT 0.30)
RETURNS TABLE (discovery_session_id uuid, reused boolean, status text, total_commits_analyzed integer,
               patterns_discovered integer, execution_time_ms integer)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.pattern_discover(text, boolean, text[], double precision) IS 'Discovers a project''s patterns (patterns.discover_patterns) unless a completed run with these settings is newer than its latest ingested commit and p_force_refresh is false. p_algorithms: cooccurrence, temporal, developer, magnitude, insights (default all). Returns the run.';
REVOKE EXECUTE ON FUNCTION api.pattern_discover(text, boolean, text[], double precision) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.pattern_discover(text, boolean, text[], double precision) TO pgpattern_writer;

CREATE FUNCTION api.pattern_cooccurrence_search(
      p_project text
    , p_file_path text DEFAULT NULL
    , p_min_confidence double precision DEFAULT 0
    , p_min_lift double precision DEFAULT 0
    , p_pattern_strength text DEFAULT NULL
    , p_limit integer DEFAULT 50)
RETURNS TABLE (file_path_1 text, file_path_2 text, cooccurrence_count integer, support_score double precision,
               confidence_score double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision,
               lift_score double precision, coupling_degree double precision, pattern_strength text,
               p_value double precision, statistical_significance double precision,
               first_observed_date timestamptz, last_observed_date timestamptz, contributing_commits text[])
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_strength', p_pattern_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    RETURN QUERY
        SELECT c.file_path_1, c.file_path_2, c.cooccurrence_count, c.support_score, c.confidence_score,
               c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
               c.p_value, c.statistical_significance, c.first_observed_date, c.last_observed_date, c.contributing_commits
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = v_project_id AND c.is_active
           AND (p_file_path IS NULL OR p_file_path IN (c.file_path_1, c.file_path_2))
           AND c.confidence_score >= p_min_confidence AND c.lift_score >= p_min_lift
           AND (p_pattern_strength IS NULL OR c.pattern_strength = p_pattern_strength)
         ORDER BY c.confidence_score DESC, c.lift_score DESC, c.file_path_1, c.file_path_2
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer) IS 'Active file co-occurrence patterns of a project, strongest first. p_file_path: pairs with this file (latest path); p_min_confidence, p_min_lift; p_pattern_strength: weak, moderate, strong or very_strong; p_limit (50).';

CREATE FUNCTION api.pattern_temporal_get(
      p_project text
    , p_pattern_type text DEFAULT NULL
    , p_min_significance double precision DEFAULT 0
    , p_active_only boolean DEFAULT true)
RETURNS TABLE (pattern_type text, pattern_strength double precision, statistical_significance double precision,
               p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer,
               period_labels text[], commit_distribution integer[], peak_periods integer[], peak_labels text[],
               contributing_authors text[], contributing_files text[], date_range_start timestamptz,
               date_range_end timestamptz, is_active boolean, discovered_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_type', p_pattern_type, ARRAY['hourly', 'daily', 'weekly', 'monthly', 'seasonal']);
    RETURN QUERY
        SELECT t.pattern_type, t.pattern_strength, t.statistical_significance, t.p_value, t.chi_square_statistic,
               t.degrees_of_freedom, t.period_labels, t.commit_distribution, t.peak_periods,
               ARRAY(SELECT t.period_labels[p + 1] FROM unnest(t.peak_periods) WITH ORDINALITY u(p, o) ORDER BY o),
               t.contributing_authors, t.contributing_files, t.date_range_start, t.date_range_end, t.is_active, t.created_at
          FROM patterns.temporal_patterns t
         WHERE t.project_id = v_project_id
           AND (NOT p_active_only OR t.is_active)
           AND (p_pattern_type IS NULL OR t.pattern_type = p_pattern_type)
           AND t.statistical_significance >= p_min_significance
         ORDER BY t.is_active DESC, t.created_at DESC, t.statistical_significance DESC, t.pattern_type;
END
$$;
COMMENT ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean) IS 'Temporal patterns of a project with their peak labels. p_pattern_type: hourly, daily, weekly, monthly or seasonal; p_min_significance (-log10 p); p_active_only (true).';

CREATE FUNCTION api.pattern_developer_profile(
      p_project text
    , p_author_email text DEFAULT NULL
    , p_min_specialization double precision DEFAULT 0
    , p_include_collaboration boolean DEFAULT true)
RETURNS TABLE (author_email text, author_name text, commit_count integer, change_velocity double precision,
               consistency_score double precision, commit_regularity_coefficient double precision,
               specialization_score double precision, specialty_files text[], avg_files_per_commit double precision,
               avg_lines_per_commit double precision, commit_type_distribution jsonb, frequent_collaborators text[],
               collaboration_files text[], temporal_overlap_score double precision, first_commit_date timestamptz,
               last_commit_date timestamptz, active_days_count integer)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    RETURN QUERY
        SELECT d.author_email, d.author_name, d.commit_count, d.change_velocity, d.consistency_score,
               d.commit_regularity_coefficient, d.specialization_score, d.specialty_files, d.avg_files_per_commit,
               d.avg_lines_per_commit, d.commit_type_distribution,
               CASE WHEN p_include_collaboration THEN d.frequent_collaborators END,
               CASE WHEN p_include_collaboration THEN d.collaboration_files END,
               CASE WHEN p_include_collaboration THEN d.temporal_overlap_score END,
               d.first_commit_date, d.last_commit_date, d.active_days_count
          FROM patterns.developer_patterns d
         WHERE d.project_id = v_project_id AND d.is_active
           AND (p_author_email IS NULL OR d.author_email = lower(p_author_email))
           AND d.specialization_score >= p_min_specialization
         ORDER BY d.commit_count DESC, d.author_email;
END
$$;
COMMENT ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean) IS 'Active developer patterns of a project, most commits first. p_author_email (any case); p_min_specialization; p_include_collaboration (true): with collaborators, shared files and overlap.';

CREATE FUNCTION api.pattern_risk_files(
      p_project text
    , p_risk_level text DEFAULT NULL
    , p_min_anomaly_score double precision DEFAULT 0
    , p_file_category text DEFAULT NULL
    , p_limit integer DEFAULT 50)
RETURNS TABLE (file_path text, risk_level text, risk_score double precision, hotspot_score double precision,
               anomaly_score double precision, stability_score double precision,
               contributor_diversity_score double precision, volatility_score double precision,
               change_frequency double precision, change_trend text, change_category text, file_category text,
               total_changes integer, last_change_date timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('file_category', p_file_category, ARRAY['test', 'docs', 'ci', 'config', 'source']);
    RETURN QUERY
        SELECT m.file_path, m.risk_level, m.risk_score, m.hotspot_score, m.anomaly_score, m.stability_score,
               m.contributor_diversity_score, m.volatility_score, m.change_frequency, m.change_trend, m.change_category,
               m.file_category, m.total_changes, m.last_change_date
          FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = v_project_id AND m.is_active
           AND (p_risk_level IS NULL OR m.risk_level = p_risk_level)
           AND m.anomaly_score >= p_min_anomaly_score
           AND (p_file_category IS NULL OR m.file_category = p_file_category)
         ORDER BY m.risk_score DESC, m.hotspot_score DESC, m.file_path
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer) IS 'Active change-magnitude patterns of a project, riskiest first. p_risk_level: low, medium, high or critical; p_min_anomaly_score; p_file_category: test, docs, ci, config or source; p_limit (50).';

CREATE FUNCTION api.pattern_insights_get(
      p_project text
    , p_insight_type text DEFAULT NULL
    , p_min_confidence double precision DEFAULT 0
    , p_risk_level text DEFAULT NULL
    , p_validation_status text DEFAULT NULL
    , p_include_recommendations boolean DEFAULT true)
RETURNS TABLE (id uuid, insight_type text, subject text, title text, description text,
               confidence_score double precision, risk_level text, priority_score integer, recommendations text[],
               statistical_support jsonb, supporting_pattern_ids uuid[], validation_status text, created_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('insight_type', p_insight_type, ARRAY['file_coupling', 'temporal_patterns', 'developer_specialization', 'high_risk_files', 'change_anomalies', 'collaboration_gaps', 'architectural_hotspots', 'quality_concerns']);
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('validation_status', p_validation_status, ARRAY['pending', 'validated', 'rejected', 'implemented']);
    RETURN QUERY
        SELECT i.id, i.insight_type, i.subject, i.title, i.description, i.confidence_score, i.risk_level,
               i.priority_score, CASE WHEN p_include_recommendations THEN i.recommendations END,
               i.statistical_support, i.supporting_pattern_ids, i.validation_status, i.created_at
          FROM patterns.pattern_insights i
         WHERE i.project_id = v_project_id AND i.is_active
           AND (p_insight_type IS NULL OR i.insight_type = p_insight_type)
           AND i.confidence_score >= p_min_confidence
           AND (p_risk_level IS NULL OR i.risk_level = p_risk_level)
           AND (p_validation_status IS NULL OR i.validation_status = p_validation_status)
         ORDER BY i.priority_score DESC, i.confidence_score DESC, i.insight_type, i.subject;
END
$$;
COMMENT ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean) IS 'Active insights of a project, highest priority first. p_insight_type (one of the eight types); p_min_confidence; p_risk_level; p_validation_status: pending, validated, rejected or implemented; p_include_recommendations (true).';

CREATE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10)
RETURNS TABLE (file_path text, confidence double precision, cochanges integer, query_file text, query_changes integer)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_found      integer := 0;
    v_project_id bigint := patterns.project_id(p_project);
    v_row        record;
BEGIN
    /*
     * Spec section 6: over all ingested non-merge commits changing at most 30 files, every
     * file x that changed with some query file q is a candidate, ranked by the best
     * n(q,x) / n(q); ties by n(q,x), then path. Query paths are mapped through lineage
     * (any path a file had); files deleted as of the latest commit are left out.
     */
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_row IN
        WITH
        queried AS (
            SELECT DISTINCT fc.latest_path
              FROM git.file_changes fc
             WHERE fc.project_id = v_project_id AND fc.path = ANY (p_files)
        ),
        query_commits AS MATERIALIZED (
            -- Merge commits have no file changes of their own, so every row here is of T.
            SELECT DISTINCT q.latest_path AS query_file, fc.commit_id
              FROM queried q
              CROSS JOIN LATERAL (SELECT f.commit_id FROM git.file_changes f
                                   WHERE f.project_id = v_project_id AND f.latest_path = q.latest_path) fc
        ),
        sized AS MATERIALIZED (
            SELECT qc.commit_id
              FROM (SELECT DISTINCT qc0.commit_id FROM query_commits qc0) qc
              JOIN git.file_changes fc ON fc.project_id = v_project_id AND fc.commit_id = qc.commit_id
             GROUP BY qc.commit_id
            HAVING count(DISTINCT fc.latest_path) <= 30
        ),
        query_counts AS (
            SELECT qc.query_file, count(*) AS n FROM query_commits qc JOIN sized s USING (commit_id) GROUP BY qc.query_file
        ),
        pairs AS (
            SELECT qc.query_file, fc.latest_path AS candidate, count(DISTINCT qc.commit_id) AS n
              FROM query_commits qc
              JOIN sized s USING (commit_id)
              JOIN git.file_changes fc ON fc.project_id = v_project_id AND fc.commit_id = qc.commit_id
             WHERE fc.latest_path NOT IN (SELECT q.latest_path FROM queried q)
             GROUP BY qc.query_file, fc.latest_path
        ),
        ranked AS (
            SELECT DISTINCT ON (p.candidate) p.candidate, p.n::double precision / qn.n AS conf, p.n, p.query_file, qn.n AS qn
              FROM pairs p JOIN query_counts qn USING (query_file)
             ORDER BY p.candidate, p.n::double precision / qn.n DESC, p.n DESC, p.query_file COLLATE "C"
        )
        SELECT r.* FROM ranked r ORDER BY r.conf DESC, r.n DESC, r.candidate COLLATE "C"
    LOOP
        -- Deleted as of the latest commit: its last change is a delete. Checked one candidate
        -- at a time, best first, until k are found; a partial index finds files with a delete.
        CONTINUE WHEN EXISTS (SELECT FROM git.file_changes d
                               WHERE d.project_id = v_project_id AND d.latest_path = v_row.candidate AND d.status = 'D')
                  AND (SELECT fc.status FROM git.file_changes fc
                         JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
                        WHERE fc.project_id = v_project_id AND fc.latest_path = v_row.candidate
                        ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC LIMIT 1) = 'D';
        file_path := v_row.candidate;
        confidence := v_row.conf;
        cochanges := v_row.n;
        query_file := v_row.query_file;
        query_changes := v_row.qn;
        RETURN NEXT;
        v_found := v_found + 1;
        EXIT WHEN v_found >= p_k;
    END LOOP;
END
$$;
CREATE INDEX file_changes_deletes_idx ON git.file_changes (project_id, latest_path) WHERE status = 'D';
COMMENT ON INDEX git.file_changes_deletes_idx IS 'Files with a delete in their history (co-change suggestions leave out deleted files).';

COMMENT ON FUNCTION api.suggest_cochanges(text, text[], integer) IS 'Given the files someone is changing (any path they had), the k (default 10) other files most likely to need a change too (spec section 6): file_path, confidence n(q,x)/n(q), cochanges n(q,x), the query_file q behind it and its query_changes n(q). Reads the raw history, not the stored patterns.';
