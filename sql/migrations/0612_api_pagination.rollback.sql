-- 0210's and 0306's api lists, without pages: the api functions as they were, with the grants 0601 left them.
DROP FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer, uuid);
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
REVOKE EXECUTE ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer) TO pgpattern_reader;

DROP FUNCTION api.pattern_temporal_get(text, text, double precision, boolean, integer, uuid);
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
REVOKE EXECUTE ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean) TO pgpattern_reader;

DROP FUNCTION api.pattern_developer_profile(text, text, double precision, boolean, integer, uuid);
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
REVOKE EXECUTE ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean) TO pgpattern_reader;

DROP FUNCTION api.pattern_risk_files(text, text, double precision, text, integer, uuid);
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
REVOKE EXECUTE ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer) TO pgpattern_reader;

DROP FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean, integer, uuid);
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
REVOKE EXECUTE ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean) TO pgpattern_reader;

DROP FUNCTION api.experiment_leaderboard(bigint, uuid, integer, uuid);
CREATE FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 10)
RETURNS TABLE (rank bigint, individual_id uuid, generation_number integer, individual_index integer,
               fitness_score numeric, evaluation_time_ms integer, created_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The best scored individuals of an experiment, best first; equal scores share a rank.
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'p_limit must be between 1 and 1000, not %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
    SELECT rank() OVER (ORDER BY i.fitness_score DESC), i.individual_id, i.generation_number, i.individual_index,
           i.fitness_score, i.evaluation_time_ms, i.created_at
      FROM learning.evolution_individuals i
     WHERE i.project_id = p_project_id AND i.experiment_id = p_experiment_id AND i.fitness_score IS NOT NULL
     ORDER BY i.fitness_score DESC, i.generation_number, i.individual_index
     LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer) IS 'The p_limit (1 to 1000, default 10) highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position. Raises no_data_found (P0002) for an unknown experiment.';
REVOKE EXECUTE ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer) TO pgpattern_reader;

DROP FUNCTION api.experiment_convergence(bigint, uuid, integer, integer);
CREATE FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid)
RETURNS TABLE (generation_number integer, scored_count integer, min_score numeric, max_score numeric,
               mean_score numeric, stddev_score numeric, best_so_far numeric, improvement_over_window numeric,
               generation_start timestamptz, generation_end timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- One row per generation: its statistics, the best score so far and what the convergence test compares.
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
    SELECT c.generation_number, c.scored_count, c.min_score, c.max_score, c.mean_score, c.stddev_score,
           c.best_so_far, c.best_so_far - lag(c.best_so_far, 5) OVER (ORDER BY c.generation_number),
           c.generation_start, c.generation_end
      FROM (SELECT g.*, max(g.max_score) OVER (ORDER BY g.generation_number) AS best_so_far
              FROM learning.evolution_generations g
             WHERE g.project_id = p_project_id AND g.experiment_id = p_experiment_id) c
     ORDER BY c.generation_number;
END
$$;
COMMENT ON FUNCTION api.experiment_convergence(bigint, uuid) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE EXECUTE ON FUNCTION api.experiment_convergence(bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_convergence(bigint, uuid) TO pgpattern_reader;

DROP FUNCTION core.unknown_page_key(text, text, text);
DROP FUNCTION core.check_limit(integer, integer);
