-- The api as it was before 0860: the learning functions by p_project_id, project_name in two views.
DROP FUNCTION api.experiment_convergence(text, uuid, integer, integer);
DROP FUNCTION api.experiment_leaderboard(text, uuid, integer, uuid);
DROP FUNCTION api.model_lineage(text, uuid);
DROP FUNCTION api.prediction_accuracy(text, text, timestamptz, timestamptz);
DROP VIEW api.daily_learning_metrics;
DROP VIEW api.model_performance_summary;
ALTER VIEW api.high_risk_files_summary RENAME COLUMN project TO project_name;
ALTER MATERIALIZED VIEW api.project_pattern_summary RENAME COLUMN project TO project_name;

CREATE OR REPLACE FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 100, p_after integer DEFAULT NULL::integer)
 RETURNS TABLE(generation_number integer, scored_count integer, min_score numeric, max_score numeric, mean_score numeric, stddev_score numeric, best_so_far numeric, improvement_over_window numeric, generation_start timestamp with time zone, generation_end timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.experiment_convergence(bigint,uuid,integer,integer) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends); a page at a time: p_limit rows (1 to 1000, default 100), p_after: the generation_number of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE ALL ON FUNCTION api.experiment_convergence(bigint,uuid,integer,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_convergence(bigint,uuid,integer,integer) TO pgpattern_reader;

CREATE OR REPLACE FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 10, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(rank bigint, individual_id uuid, generation_number integer, individual_index integer, fitness_score numeric, evaluation_time_ms integer, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.experiment_leaderboard(bigint,uuid,integer,uuid) IS 'The highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position, a page at a time: p_limit rows (1 to 1000, default 10); p_after: the individual_id of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE ALL ON FUNCTION api.experiment_leaderboard(bigint,uuid,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_leaderboard(bigint,uuid,integer,uuid) TO pgpattern_reader;

CREATE OR REPLACE FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid)
 RETURNS TABLE(depth integer, model_id uuid, name text, version text, model_type text, status text, parent_model_id uuid, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- The model version (depth 0), its parent (depth 1), and so on up to the root.
    IF NOT EXISTS (SELECT FROM learning.ml_models m WHERE m.project_id = p_project_id AND m.model_id = p_model_id) THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', coalesce(p_model_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
    WITH RECURSIVE lineage AS (
        SELECT 0 AS lineage_depth, m.*
          FROM learning.ml_models m
         WHERE m.project_id = p_project_id AND m.model_id = p_model_id
        UNION ALL
        SELECT l.lineage_depth + 1, m.*
          FROM lineage l
          JOIN learning.ml_models m ON m.project_id = l.project_id AND m.model_id = l.parent_model_id
    )
    SELECT l.lineage_depth, l.model_id, l.name, l.version, l.model_type, l.status, l.parent_model_id, l.created_at
      FROM lineage l
     ORDER BY l.lineage_depth;
END
$function$;
COMMENT ON FUNCTION api.model_lineage(bigint,uuid) IS 'A model version''s lineage: the version itself (depth 0), the version it was derived from (depth 1), and so on to the root. Raises no_data_found (P0002) for an unknown model.';
REVOKE ALL ON FUNCTION api.model_lineage(bigint,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.model_lineage(bigint,uuid) TO pgpattern_reader;

CREATE OR REPLACE FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text DEFAULT 'day'::text, p_from timestamp with time zone DEFAULT (now() - '30 days'::interval), p_to timestamp with time zone DEFAULT 'infinity'::timestamp with time zone)
 RETURNS TABLE(model_id uuid, model_name text, model_version text, prediction_type text, bucket_start timestamp with time zone, predictions bigint, validated bigint, expired bigint, mean_accuracy numeric)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Predictions made in [p_from, p_to), grouped by model, type and UTC time bucket.
    IF p_bucket IS NULL OR p_bucket NOT IN ('hour', 'day', 'week', 'month') THEN
        RAISE EXCEPTION 'p_bucket must be hour, day, week or month, not %', coalesce(p_bucket, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    SELECT m.model_id, m.name, m.version, p.prediction_type,
           date_trunc(p_bucket, p.prediction_timestamp, 'UTC') AS bucket,
           count(*), count(*) FILTER (WHERE p.status = 'validated'), count(*) FILTER (WHERE p.status = 'expired'),
           round(avg(p.accuracy_score) FILTER (WHERE p.status = 'validated'), 4)
      FROM learning.predictions p
      JOIN learning.ml_models m ON m.project_id = p.project_id AND m.model_id = p.model_id
     WHERE p.project_id = p_project_id AND p.prediction_timestamp >= p_from AND p.prediction_timestamp < p_to
     GROUP BY m.model_id, m.name, m.version, p.prediction_type, bucket
     ORDER BY m.name, m.version, p.prediction_type, bucket;
END
$function$;
COMMENT ON FUNCTION api.prediction_accuracy(bigint,text,timestamp with time zone,timestamp with time zone) IS 'Prediction accuracy of a project over time: for predictions made in [p_from, p_to) (default: from 30 days ago on), per model version, prediction type and p_bucket (hour, day, week or month, in UTC; default day): predictions made, validated, expired, and the mean accuracy_score of the validated ones.';
REVOKE ALL ON FUNCTION api.prediction_accuracy(bigint,text,timestamp with time zone,timestamp with time zone) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.prediction_accuracy(bigint,text,timestamp with time zone,timestamp with time zone) TO pgpattern_reader;

CREATE OR REPLACE VIEW api.daily_learning_metrics AS
SELECT project_id, date, event_type, source_system, event_count, avg_processing_time, p95_processing_time
  FROM learning.daily_learning_metrics;
COMMENT ON VIEW api.daily_learning_metrics IS 'Learning events per project, UTC day, event_type and source_system over the last 90 days: event_count, avg_processing_time and p95_processing_time (ms); at most an hour old.';
GRANT SELECT ON TABLE api.daily_learning_metrics TO pgpattern_reader;

CREATE OR REPLACE VIEW api.model_performance_summary AS
SELECT project_id, model_id, name, version, model_type,
       prediction_count, validated_predictions, avg_accuracy, last_prediction
  FROM learning.model_performance_summary;
COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version: prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';
GRANT SELECT ON TABLE api.model_performance_summary TO pgpattern_reader;

CREATE OR REPLACE VIEW api.high_risk_files_summary AS
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
GRANT SELECT ON TABLE api.high_risk_files_summary TO pgpattern_reader;

