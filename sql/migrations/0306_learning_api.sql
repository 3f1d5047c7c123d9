-- The continuous-learning store, the reads applications rely on: a model's lineage, an
-- experiment's leaderboard and convergence curve, the model performance summary (a
-- materialized view refreshed CONCURRENTLY by pg_cron every 15 minutes) and
-- prediction accuracy by model and type over time. The functions are SECURITY DEFINER
-- so that pgpattern_reader, which may use only the api schema, can call them.
CREATE MATERIALIZED VIEW learning.model_performance_summary AS
SELECT m.project_id,
       m.model_id,
       m.name,
       m.version,
       m.model_type,
       count(p.prediction_id) AS prediction_count,
       count(p.prediction_id) FILTER (WHERE p.status = 'validated') AS validated_predictions,
       round(avg(p.accuracy_score) FILTER (WHERE p.status = 'validated'), 4) AS avg_accuracy,
       max(p.prediction_timestamp) AS last_prediction
  FROM learning.ml_models m
  LEFT JOIN learning.predictions p ON p.project_id = m.project_id AND p.model_id = m.model_id
 WHERE m.status = 'active'
 GROUP BY m.project_id, m.model_id, m.name, m.version, m.model_type;
COMMENT ON MATERIALIZED VIEW learning.model_performance_summary IS 'Per active model: predictions made, validated, their mean accuracy and the last prediction time. Refreshed CONCURRENTLY every 15 minutes (pgpattern-learning-refresh-model-performance); read it through api.model_performance_summary.';
CREATE UNIQUE INDEX model_performance_summary_key ON learning.model_performance_summary (project_id, model_id);
COMMENT ON INDEX learning.model_performance_summary_key IS 'One row per model version; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';

CREATE VIEW api.model_performance_summary AS
SELECT project_id, model_id, name, version, model_type,
       prediction_count, validated_predictions, avg_accuracy, last_prediction
  FROM learning.model_performance_summary;
COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version: prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';

SELECT ops.schedule_job('pgpattern-learning-refresh-model-performance', '*/15 * * * *',
    'REFRESH MATERIALIZED VIEW CONCURRENTLY learning.model_performance_summary',
    'Every 15 minutes: refresh learning.model_performance_summary without blocking readers.');

CREATE FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid)
RETURNS TABLE (depth integer, model_id uuid, name text, version text, model_type text, status text,
               parent_model_id uuid, created_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.model_lineage(bigint, uuid) IS 'A model version''s lineage: the version itself (depth 0), the version it was derived from (depth 1), and so on to the root. Raises no_data_found (P0002) for an unknown model.';

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

CREATE FUNCTION api.prediction_accuracy(
      p_project_id bigint
    , p_bucket text DEFAULT 'day'
    , p_from timestamptz DEFAULT now() - interval '30 days'
    , p_to timestamptz DEFAULT 'infinity')
RETURNS TABLE (model_id uuid, model_name text, model_version text, prediction_type text, bucket_start timestamptz,
               predictions bigint, validated bigint, expired bigint, mean_accuracy numeric)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.prediction_accuracy(bigint, text, timestamptz, timestamptz) IS 'Prediction accuracy of a project over time: for predictions made in [p_from, p_to) (default: from 30 days ago on), per model version, prediction type and p_bucket (hour, day, week or month, in UTC; default day): predictions made, validated, expired, and the mean accuracy_score of the validated ones.';
