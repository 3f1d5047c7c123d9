-- Pages for every api list that can grow with a project (issue 12, item 4: one call of
-- api.pattern_insights_get returned 1,400 rows on ansible). One convention for all of them:
--   p_limit  how many rows (1 to 1000), default 100 (the leaderboard keeps its 10);
--   p_after  where the page starts: the key of the previous page's last row, that is its
--            id (pattern, insight or individual), or its generation_number for the
--            convergence curve; NULL for the first page.
-- Keyset, not OFFSET: the next page starts after that row's place in the order (looked up
-- by its key), so rows that appear, move or go before it meanwhile neither repeat nor skip
-- rows after it, and a deep page costs what the first does. Every order ends in a unique
-- key (the pair, file, author or insight subject, unique among a project's active patterns;
-- the id for the temporal history; the position for the leaderboard), so pages never
-- overlap and leave no gap. The pattern lists return their id as a
-- last column (api.pattern_insights_get already had it first). New parameters come last,
-- so positional calls keep working. Grants as 0601 leaves them: readers, not PUBLIC.
CREATE FUNCTION core.check_limit(p_limit integer, p_max integer DEFAULT 1000)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND p_max THEN
        RAISE EXCEPTION 'p_limit must be between 1 and %, not %', p_max, coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('ask for at most %s rows a call, and for the next page with p_after => the key of the last row', p_max);
    END IF;
END
$$;
COMMENT ON FUNCTION core.check_limit(integer, integer) IS 'Raises invalid_parameter_value (22023) naming p_limit and its value unless it is between 1 and p_max (default 1000): the page size of the api lists.';

CREATE FUNCTION core.unknown_page_key(p_after text, p_list text, p_scope text)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'p_after % is not a row of % in %', p_after, p_list, p_scope
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = 'p_after must be the key of the last row of a page of this list; that row may have been removed since (old discovery sessions and their patterns are purged, for example).',
              HINT = 'start again from the first page (p_after NULL)';
END
$$;
COMMENT ON FUNCTION core.unknown_page_key(text, text, text) IS 'Raises invalid_parameter_value (22023) naming p_after, the list and its scope: the key given is not a row of that list (any more).';

DROP FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer);
CREATE FUNCTION api.pattern_cooccurrence_search(
      p_project text
    , p_file_path text DEFAULT NULL
    , p_min_confidence double precision DEFAULT 0
    , p_min_lift double precision DEFAULT 0
    , p_pattern_strength text DEFAULT NULL
    , p_limit integer DEFAULT 100
    , p_after uuid DEFAULT NULL)
RETURNS TABLE (file_path_1 text, file_path_2 text, cooccurrence_count integer, support_score double precision,
               confidence_score double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision,
               lift_score double precision, coupling_degree double precision, pattern_strength text,
               p_value double precision, statistical_significance double precision,
               first_observed_date timestamptz, last_observed_date timestamptz, contributing_commits text[], id uuid)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.file_cooccurrence_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_strength', p_pattern_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT c.* INTO v_after FROM patterns.file_cooccurrence_patterns c WHERE c.project_id = v_project_id AND c.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_cooccurrence_search', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset: a row comes after the cursor row in the order below, which ends in the pair, unique
    -- among the active rows (a pair of an earlier run is the same pair: it is not repeated). In the
    -- row comparison the descending keys take the cursor's value on the left, the ascending ones the row's.
    RETURN QUERY
        SELECT c.file_path_1, c.file_path_2, c.cooccurrence_count, c.support_score, c.confidence_score,
               c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
               c.p_value, c.statistical_significance, c.first_observed_date, c.last_observed_date, c.contributing_commits,
               c.id
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = v_project_id AND c.is_active
           AND (p_file_path IS NULL OR p_file_path IN (c.file_path_1, c.file_path_2))
           AND c.confidence_score >= p_min_confidence AND c.lift_score >= p_min_lift
           AND (p_pattern_strength IS NULL OR c.pattern_strength = p_pattern_strength)
           AND (p_after IS NULL
                OR (v_after.confidence_score, v_after.lift_score, c.file_path_1, c.file_path_2)
                 > (c.confidence_score, c.lift_score, v_after.file_path_1, v_after.file_path_2))
         ORDER BY c.confidence_score DESC, c.lift_score DESC, c.file_path_1, c.file_path_2
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer, uuid) IS 'Active file co-occurrence patterns of a project, strongest first (confidence, lift, paths), a page at a time. p_file_path: pairs with this file (latest path); p_min_confidence, p_min_lift; p_pattern_strength: weak, moderate, strong or very_strong; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE EXECUTE ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.pattern_temporal_get(text, text, double precision, boolean);
CREATE FUNCTION api.pattern_temporal_get(
      p_project text
    , p_pattern_type text DEFAULT NULL
    , p_min_significance double precision DEFAULT 0
    , p_active_only boolean DEFAULT true
    , p_limit integer DEFAULT 100
    , p_after uuid DEFAULT NULL)
RETURNS TABLE (pattern_type text, pattern_strength double precision, statistical_significance double precision,
               p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer,
               period_labels text[], commit_distribution integer[], peak_periods integer[], peak_labels text[],
               contributing_authors text[], contributing_files text[], date_range_start timestamptz,
               date_range_end timestamptz, is_active boolean, discovered_at timestamptz, id uuid)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.temporal_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_type', p_pattern_type, ARRAY['hourly', 'daily', 'weekly', 'monthly', 'seasonal']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT t.* INTO v_after FROM patterns.temporal_patterns t WHERE t.project_id = v_project_id AND t.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_temporal_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search; inactive rows of earlier runs may be listed too,
    -- so the order ends in the row's id.
    RETURN QUERY
        SELECT t.pattern_type, t.pattern_strength, t.statistical_significance, t.p_value, t.chi_square_statistic,
               t.degrees_of_freedom, t.period_labels, t.commit_distribution, t.peak_periods,
               ARRAY(SELECT t.period_labels[p + 1] FROM unnest(t.peak_periods) WITH ORDINALITY u(p, o) ORDER BY o),
               t.contributing_authors, t.contributing_files, t.date_range_start, t.date_range_end, t.is_active, t.created_at,
               t.id
          FROM patterns.temporal_patterns t
         WHERE t.project_id = v_project_id
           AND (NOT p_active_only OR t.is_active)
           AND (p_pattern_type IS NULL OR t.pattern_type = p_pattern_type)
           AND t.statistical_significance >= p_min_significance
           AND (p_after IS NULL
                OR (v_after.is_active, v_after.created_at, v_after.statistical_significance, t.pattern_type, t.id)
                 > (t.is_active, t.created_at, t.statistical_significance, v_after.pattern_type, v_after.id))
         ORDER BY t.is_active DESC, t.created_at DESC, t.statistical_significance DESC, t.pattern_type, t.id
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean, integer, uuid) IS 'Temporal patterns of a project with their peak labels, active and newest first, a page at a time. p_pattern_type: hourly, daily, weekly, monthly or seasonal; p_min_significance (-log10 p); p_active_only (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE EXECUTE ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_temporal_get(text, text, double precision, boolean, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.pattern_developer_profile(text, text, double precision, boolean);
CREATE FUNCTION api.pattern_developer_profile(
      p_project text
    , p_author_email text DEFAULT NULL
    , p_min_specialization double precision DEFAULT 0
    , p_include_collaboration boolean DEFAULT true
    , p_limit integer DEFAULT 100
    , p_after uuid DEFAULT NULL)
RETURNS TABLE (author_email text, author_name text, commit_count integer, change_velocity double precision,
               consistency_score double precision, commit_regularity_coefficient double precision,
               specialization_score double precision, specialty_files text[], avg_files_per_commit double precision,
               avg_lines_per_commit double precision, commit_type_distribution jsonb, frequent_collaborators text[],
               collaboration_files text[], temporal_overlap_score double precision, first_commit_date timestamptz,
               last_commit_date timestamptz, active_days_count integer, id uuid)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.developer_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT d.* INTO v_after FROM patterns.developer_patterns d WHERE d.project_id = v_project_id AND d.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_developer_profile', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT d.author_email, d.author_name, d.commit_count, d.change_velocity, d.consistency_score,
               d.commit_regularity_coefficient, d.specialization_score, d.specialty_files, d.avg_files_per_commit,
               d.avg_lines_per_commit, d.commit_type_distribution,
               CASE WHEN p_include_collaboration THEN d.frequent_collaborators END,
               CASE WHEN p_include_collaboration THEN d.collaboration_files END,
               CASE WHEN p_include_collaboration THEN d.temporal_overlap_score END,
               d.first_commit_date, d.last_commit_date, d.active_days_count, d.id
          FROM patterns.developer_patterns d
         WHERE d.project_id = v_project_id AND d.is_active
           AND (p_author_email IS NULL OR d.author_email = lower(p_author_email))
           AND d.specialization_score >= p_min_specialization
           AND (p_after IS NULL
                OR (v_after.commit_count, d.author_email) > (d.commit_count, v_after.author_email))
         ORDER BY d.commit_count DESC, d.author_email
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean, integer, uuid) IS 'Active developer patterns of a project, most commits first, a page at a time. p_author_email (any case); p_min_specialization; p_include_collaboration (true): with collaborators, shared files and overlap; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE EXECUTE ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_developer_profile(text, text, double precision, boolean, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.pattern_risk_files(text, text, double precision, text, integer);
CREATE FUNCTION api.pattern_risk_files(
      p_project text
    , p_risk_level text DEFAULT NULL
    , p_min_anomaly_score double precision DEFAULT 0
    , p_file_category text DEFAULT NULL
    , p_limit integer DEFAULT 100
    , p_after uuid DEFAULT NULL)
RETURNS TABLE (file_path text, risk_level text, risk_score double precision, hotspot_score double precision,
               anomaly_score double precision, stability_score double precision,
               contributor_diversity_score double precision, volatility_score double precision,
               change_frequency double precision, change_trend text, change_category text, file_category text,
               total_changes integer, last_change_date timestamptz, id uuid)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.change_magnitude_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('file_category', p_file_category, ARRAY['test', 'docs', 'ci', 'config', 'source']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT m.* INTO v_after FROM patterns.change_magnitude_patterns m WHERE m.project_id = v_project_id AND m.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_risk_files', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT m.file_path, m.risk_level, m.risk_score, m.hotspot_score, m.anomaly_score, m.stability_score,
               m.contributor_diversity_score, m.volatility_score, m.change_frequency, m.change_trend, m.change_category,
               m.file_category, m.total_changes, m.last_change_date, m.id
          FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = v_project_id AND m.is_active
           AND (p_risk_level IS NULL OR m.risk_level = p_risk_level)
           AND m.anomaly_score >= p_min_anomaly_score
           AND (p_file_category IS NULL OR m.file_category = p_file_category)
           AND (p_after IS NULL
                OR (v_after.risk_score, v_after.hotspot_score, m.file_path)
                 > (m.risk_score, m.hotspot_score, v_after.file_path))
         ORDER BY m.risk_score DESC, m.hotspot_score DESC, m.file_path
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer, uuid) IS 'Active change-magnitude patterns of a project, riskiest first, a page at a time. p_risk_level: low, medium, high or critical; p_min_anomaly_score; p_file_category: test, docs, ci, config or source; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE EXECUTE ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_risk_files(text, text, double precision, text, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean);
CREATE FUNCTION api.pattern_insights_get(
      p_project text
    , p_insight_type text DEFAULT NULL
    , p_min_confidence double precision DEFAULT 0
    , p_risk_level text DEFAULT NULL
    , p_validation_status text DEFAULT NULL
    , p_include_recommendations boolean DEFAULT true
    , p_limit integer DEFAULT 100
    , p_after uuid DEFAULT NULL)
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
    v_after      patterns.pattern_insights;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('insight_type', p_insight_type, ARRAY['file_coupling', 'temporal_patterns', 'developer_specialization', 'high_risk_files', 'change_anomalies', 'collaboration_gaps', 'architectural_hotspots', 'quality_concerns']);
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('validation_status', p_validation_status, ARRAY['pending', 'validated', 'rejected', 'implemented']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM patterns.pattern_insights i WHERE i.project_id = v_project_id AND i.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_insights_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
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
           AND (p_after IS NULL
                OR (v_after.priority_score, v_after.confidence_score, i.insight_type, i.subject)
                 > (i.priority_score, i.confidence_score, v_after.insight_type, v_after.subject))
         ORDER BY i.priority_score DESC, i.confidence_score DESC, i.insight_type, i.subject
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean, integer, uuid) IS 'Active insights of a project, highest priority first, a page at a time. p_insight_type (one of the eight types); p_min_confidence; p_risk_level; p_validation_status: pending, validated, rejected or implemented; p_include_recommendations (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE EXECUTE ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.experiment_leaderboard(bigint, uuid, integer);
CREATE FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 10,
                                           p_after uuid DEFAULT NULL)
RETURNS TABLE (rank bigint, individual_id uuid, generation_number integer, individual_index integer,
               fitness_score numeric, evaluation_time_ms integer, created_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_after learning.evolution_individuals;
BEGIN
    -- The best scored individuals of an experiment, best first; equal scores share a rank.
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM learning.evolution_individuals i
         WHERE i.project_id = p_project_id AND i.experiment_id = p_experiment_id AND i.individual_id = p_after
           AND i.fitness_score IS NOT NULL;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.experiment_leaderboard', format('experiment %s', p_experiment_id));
        END IF;
    END IF;
    -- Ranks over every scored individual, then the page after the cursor's place (keyset).
    RETURN QUERY
    SELECT r.rnk, r.individual_id, r.generation_number, r.individual_index, r.fitness_score, r.evaluation_time_ms, r.created_at
      FROM (SELECT rank() OVER (ORDER BY i.fitness_score DESC) AS rnk, i.individual_id, i.generation_number,
                   i.individual_index, i.fitness_score, i.evaluation_time_ms, i.created_at
              FROM learning.evolution_individuals i
             WHERE i.project_id = p_project_id AND i.experiment_id = p_experiment_id AND i.fitness_score IS NOT NULL) r
     WHERE p_after IS NULL
        OR (v_after.fitness_score, r.generation_number, r.individual_index)
         > (r.fitness_score, v_after.generation_number, v_after.individual_index)
     ORDER BY r.fitness_score DESC, r.generation_number, r.individual_index
     LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer, uuid) IS 'The highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position, a page at a time: p_limit rows (1 to 1000, default 10); p_after: the individual_id of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE EXECUTE ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_leaderboard(bigint, uuid, integer, uuid) TO pgpattern_reader;

DROP FUNCTION api.experiment_convergence(bigint, uuid);
CREATE FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 100,
                                           p_after integer DEFAULT NULL)
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
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    -- The window runs over every generation; the page (keyset on generation_number) is cut after it.
    RETURN QUERY
    SELECT w.generation_number, w.scored_count, w.min_score, w.max_score, w.mean_score, w.stddev_score,
           w.best_so_far, w.improvement, w.generation_start, w.generation_end
      FROM (SELECT c.generation_number, c.scored_count, c.min_score, c.max_score, c.mean_score, c.stddev_score,
                   c.best_so_far, c.best_so_far - lag(c.best_so_far, 5) OVER (ORDER BY c.generation_number) AS improvement,
                   c.generation_start, c.generation_end
              FROM (SELECT g.*, max(g.max_score) OVER (ORDER BY g.generation_number) AS best_so_far
                      FROM learning.evolution_generations g
                     WHERE g.project_id = p_project_id AND g.experiment_id = p_experiment_id) c) w
     WHERE p_after IS NULL OR w.generation_number > p_after
     ORDER BY w.generation_number
     LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION api.experiment_convergence(bigint, uuid, integer, integer) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends); a page at a time: p_limit rows (1 to 1000, default 100), p_after: the generation_number of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE EXECUTE ON FUNCTION api.experiment_convergence(bigint, uuid, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_convergence(bigint, uuid, integer, integer) TO pgpattern_reader;
