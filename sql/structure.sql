--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: api; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA api;


--
-- Name: SCHEMA api; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA api IS 'The stable contract for applications and dashboards: views and functions only. Nothing outside this schema is a promise.';


--
-- Name: core; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA core;


--
-- Name: SCHEMA core; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA core IS 'Projects, development sessions, and what all other schemas share.';


--
-- Name: git; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA git;


--
-- Name: SCHEMA git; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA git IS 'Ingested git history: commits, file changes, file lineage across renames.';


--
-- Name: learning; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA learning;


--
-- Name: SCHEMA learning; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA learning IS 'Continuous learning: ML models, datasets, training, predictions, recommendations, evolution experiments, A/B tests, learning events, performance metrics.';


--
-- Name: ops; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA ops;


--
-- Name: SCHEMA ops; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA ops IS 'Operations: migration ledger, scheduled jobs, retention, partition maintenance, health, data-quality and integrity checks.';


--
-- Name: patterns; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA patterns;


--
-- Name: SCHEMA patterns; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA patterns IS 'Change-pattern discovery: sessions, the five pattern tables, insights, the update queue and its metrics.';


--
-- Name: workflow; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA workflow;


--
-- Name: SCHEMA workflow; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA workflow IS 'AI-agent workflow patterns, their occurrences and running statistics.';


--
-- Name: experiment_convergence(bigint, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid) RETURNS TABLE(generation_number integer, scored_count integer, min_score numeric, max_score numeric, mean_score numeric, stddev_score numeric, best_so_far numeric, improvement_over_window numeric, generation_start timestamp with time zone, generation_end timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION experiment_convergence(p_project_id bigint, p_experiment_id uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends). Raises no_data_found (P0002) for an unknown experiment.';


--
-- Name: experiment_leaderboard(bigint, uuid, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 10) RETURNS TABLE(rank bigint, individual_id uuid, generation_number integer, individual_index integer, fitness_score numeric, evaluation_time_ms integer, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer) IS 'The p_limit (1 to 1000, default 10) highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position. Raises no_data_found (P0002) for an unknown experiment.';


--
-- Name: model_lineage(bigint, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) RETURNS TABLE(depth integer, model_id uuid, name text, version text, model_type text, status text, parent_model_id uuid, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION model_lineage(p_project_id bigint, p_model_id uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) IS 'A model version''s lineage: the version itself (depth 0), the version it was derived from (depth 1), and so on to the root. Raises no_data_found (P0002) for an unknown model.';


--
-- Name: prediction_accuracy(bigint, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text DEFAULT 'day'::text, p_from timestamp with time zone DEFAULT (now() - '30 days'::interval), p_to timestamp with time zone DEFAULT 'infinity'::timestamp with time zone) RETURNS TABLE(model_id uuid, model_name text, model_version text, prediction_type text, bucket_start timestamp with time zone, predictions bigint, validated bigint, expired bigint, mean_accuracy numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone) IS 'Prediction accuracy of a project over time: for predictions made in [p_from, p_to) (default: from 30 days ago on), per model version, prediction type and p_bucket (hour, day, week or month, in UTC; default day): predictions made, validated, expired, and the mean accuracy_score of the validated ones.';


--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Keeps updated_at true without trusting every writer to set it.
    NEW.updated_at := now();
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION touch_updated_at(); Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON FUNCTION core.touch_updated_at() IS 'BEFORE UPDATE trigger function: sets updated_at to now().';


--
-- Name: activate_model(bigint, uuid); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_model learning.ml_models;
BEGIN
    -- Deprecates the name's active version (if another) and activates this one, atomically.
    SELECT * INTO v_model FROM learning.ml_models
     WHERE project_id = p_project_id AND model_id = p_model_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', p_model_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE learning.ml_models SET status = 'deprecated'
     WHERE project_id = p_project_id AND name = v_model.name AND status = 'active' AND model_id <> p_model_id;
    UPDATE learning.ml_models SET status = 'active'
     WHERE project_id = p_project_id AND model_id = p_model_id;
END
$$;


--
-- Name: FUNCTION activate_model(p_project_id bigint, p_model_id uuid); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) IS 'Makes a model version the active one of its name: deprecates the current active version and activates this one in one step (the lifecycle still applies: only a training version can become active).';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: model_training_sessions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.model_training_sessions (
    project_id bigint NOT NULL,
    training_session_id uuid DEFAULT gen_random_uuid() NOT NULL,
    model_id uuid NOT NULL,
    dataset_id uuid NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    training_start timestamp with time zone DEFAULT now() NOT NULL,
    training_end timestamp with time zone,
    progress_percentage numeric(5,2) DEFAULT 0 NOT NULL,
    current_epoch integer DEFAULT 0 NOT NULL,
    total_epochs integer,
    loss_history jsonb DEFAULT '[]'::jsonb NOT NULL,
    validation_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    resource_usage jsonb DEFAULT '{}'::jsonb NOT NULL,
    error_log text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT model_training_sessions_end_after_start CHECK ((training_end >= training_start)),
    CONSTRAINT model_training_sessions_end_iff_finished CHECK (((status = 'running'::text) = (training_end IS NULL))),
    CONSTRAINT model_training_sessions_epochs_check CHECK (((current_epoch >= 0) AND (total_epochs > 0) AND (current_epoch <= total_epochs))),
    CONSTRAINT model_training_sessions_loss_history_check CHECK ((jsonb_typeof(loss_history) = 'array'::text)),
    CONSTRAINT model_training_sessions_objects_check CHECK (((jsonb_typeof(validation_metrics) = 'object'::text) AND (jsonb_typeof(resource_usage) = 'object'::text))),
    CONSTRAINT model_training_sessions_progress_range CHECK (((progress_percentage >= (0)::numeric) AND (progress_percentage <= (100)::numeric))),
    CONSTRAINT model_training_sessions_status_check CHECK ((status = ANY (ARRAY['running'::text, 'completed'::text, 'failed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE model_training_sessions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.model_training_sessions IS 'One training run of a model on a dataset: progress, epochs, loss history; running -> completed, failed or cancelled, with the end time set by the database when it finishes.';


--
-- Name: COLUMN model_training_sessions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.project_id IS 'The project of the model and the dataset.';


--
-- Name: COLUMN model_training_sessions.training_session_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_session_id IS 'The session''s key within its project.';


--
-- Name: COLUMN model_training_sessions.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.model_id IS 'The model version being trained.';


--
-- Name: COLUMN model_training_sessions.dataset_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.dataset_id IS 'The dataset version it trains on.';


--
-- Name: COLUMN model_training_sessions.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.status IS 'running (new), then completed, failed or cancelled (final).';


--
-- Name: COLUMN model_training_sessions.training_start; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_start IS 'When training began.';


--
-- Name: COLUMN model_training_sessions.training_end; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_end IS 'When training finished; NULL while running, set by a trigger when the status leaves running.';


--
-- Name: COLUMN model_training_sessions.progress_percentage; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.progress_percentage IS 'Progress in [0, 100]; 100 once completed.';


--
-- Name: COLUMN model_training_sessions.current_epoch; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.current_epoch IS 'The last epoch done, 0 before the first; at most total_epochs.';


--
-- Name: COLUMN model_training_sessions.total_epochs; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.total_epochs IS 'Planned epochs (positive), if known.';


--
-- Name: COLUMN model_training_sessions.loss_history; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.loss_history IS 'JSON array of {"epoch", "loss", "recorded_at"}, appended by learning.append_training_loss().';


--
-- Name: COLUMN model_training_sessions.validation_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.validation_metrics IS 'Validation metrics (a JSON object).';


--
-- Name: COLUMN model_training_sessions.resource_usage; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.resource_usage IS 'CPU, memory, GPU usage (a JSON object).';


--
-- Name: COLUMN model_training_sessions.error_log; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.error_log IS 'Errors, for a failed session.';


--
-- Name: COLUMN model_training_sessions.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.created_at IS 'When the row was created.';


--
-- Name: COLUMN model_training_sessions.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: append_training_loss(bigint, uuid, double precision, integer); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer DEFAULT NULL::integer) RETURNS learning.model_training_sessions
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_epoch   integer;
    v_session learning.model_training_sessions;
BEGIN
    /*
     * Appends one epoch's loss to a running session's loss_history, moves current_epoch
     * to it and, when total_epochs is known, progress to epoch / total_epochs.
     */
    IF p_loss IS NULL OR p_loss IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'p_loss must be a finite number, not %', coalesce(p_loss::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_session FROM learning.model_training_sessions
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'training_session_id % does not exist in project %', p_training_session_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    IF v_session.status <> 'running' THEN
        RAISE EXCEPTION 'training session % is %, not running: no loss can be appended', p_training_session_id, v_session.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    v_epoch := coalesce(p_epoch, v_session.current_epoch + 1);
    IF v_epoch <= v_session.current_epoch OR v_epoch > coalesce(v_session.total_epochs, v_epoch) THEN
        RAISE EXCEPTION 'p_epoch must be after the current epoch % and at most total_epochs %, not %',
            v_session.current_epoch, coalesce(v_session.total_epochs::text, 'NULL'), v_epoch
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.model_training_sessions
       SET loss_history = loss_history || jsonb_build_array(
               jsonb_build_object('epoch', v_epoch, 'loss', p_loss, 'recorded_at', now())),
           current_epoch = v_epoch,
           progress_percentage = CASE WHEN total_epochs IS NULL THEN progress_percentage
                                      ELSE round(100.0 * v_epoch / total_epochs, 2) END
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
    RETURNING * INTO v_session;
    RETURN v_session;
END
$$;


--
-- Name: FUNCTION append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer) IS 'Appends {"epoch", "loss", "recorded_at"} to a running training session''s loss_history (epoch defaults to current_epoch + 1 and must be after it and at most total_epochs), updates current_epoch and progress, and returns the session.';


--
-- Name: create_pattern_occurrence_partitions(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_created integer := 0;
    v_name    text;
    v_start   timestamptz;
    v_week    timestamp;
BEGIN
    /*
     * Creates the weekly partitions of learning.pattern_occurrences covering
     * [p_from, p_to) that do not exist yet; returns how many. Rows of those weeks that
     * sit in the default partition move into their new partition, which is built
     * beside the table and attached, so the move fires no insert trigger (the
     * occurrences were counted when first inserted). Indexes, constraints and
     * triggers come from the partitioned table on attach.
     */
    IF p_from IS NULL OR p_to IS NULL OR p_to < p_from OR p_to - p_from > interval '5 years' THEN
        RAISE EXCEPTION 'p_from and p_to must span at most 5 years with p_from <= p_to, not [%, %)',
            coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_week := date_trunc('week', p_from AT TIME ZONE 'UTC');
    WHILE v_week AT TIME ZONE 'UTC' < p_to LOOP
        v_name := 'pattern_occurrences_p' || to_char(v_week, 'IYYY"w"IW');
        v_start := v_week AT TIME ZONE 'UTC';
        IF to_regclass(format('learning.%I', v_name)) IS NULL THEN
            EXECUTE format('CREATE TABLE learning.%I (LIKE learning.pattern_occurrences INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                           v_name);
            EXECUTE format('WITH moved AS (DELETE FROM learning.pattern_occurrences_default
                                            WHERE detection_timestamp >= %L AND detection_timestamp < %L RETURNING *)
                            INSERT INTO learning.%I SELECT * FROM moved',
                           v_start, v_start + interval '7 days', v_name);
            EXECUTE format('ALTER TABLE learning.pattern_occurrences ATTACH PARTITION learning.%I FOR VALUES FROM (%L) TO (%L)',
                           v_name, v_start, v_start + interval '7 days');
            v_created := v_created + 1;
        END IF;
        v_week := v_week + interval '7 days';
    END LOOP;
    RETURN v_created;
END
$$;


--
-- Name: FUNCTION create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) IS 'Creates the missing weekly partitions (ISO weeks from Monday 00:00 UTC, named pattern_occurrences_pIYYYYwIW) of learning.pattern_occurrences covering [p_from, p_to), moving rows of those weeks out of the default partition; returns how many it created. Scheduled daily as pgpattern-learning-occurrence-partitions for four weeks ahead.';


--
-- Name: enforce_status_lifecycle(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.enforce_status_lifecycle() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_allowed text[] := TG_ARGV[1:];
    v_column  text := TG_ARGV[0];
    v_from    text := CASE TG_OP WHEN 'INSERT' THEN '' ELSE to_jsonb(OLD) ->> TG_ARGV[0] END;
    v_to      text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
    /*
     * BEFORE INSERT OR UPDATE trigger. The first argument names the status column,
     * the others are the legal moves: '>s' (a row may start as s) and 'a>b'.
     */
    IF v_from = v_to OR (v_from || '>' || v_to) = ANY (v_allowed) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION '%.% cannot start as %', TG_TABLE_NAME, v_column, coalesce(v_to, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = format('a new row starts as one of: %s',
                                array_to_string(ARRAY(SELECT substr(a, 2) FROM unnest(v_allowed) a
                                                       WHERE a LIKE '>%'), ', '));
    END IF;
    RAISE EXCEPTION '%.% cannot change from % to %', TG_TABLE_NAME, v_column, v_from, coalesce(v_to, 'NULL')
        USING ERRCODE = 'check_violation',
              DETAIL = format('the legal moves are %s', array_to_string(v_allowed, ', ')),
              HINT = coalesce('from ' || v_from || ' it may go to: '
                              || nullif(array_to_string(ARRAY(SELECT split_part(a, '>', 2) FROM unnest(v_allowed) a
                                                               WHERE split_part(a, '>', 1) = v_from), ', '), ''),
                              v_from || ' is final');
END
$$;


--
-- Name: FUNCTION enforce_status_lifecycle(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.enforce_status_lifecycle() IS 'BEFORE INSERT OR UPDATE trigger function for a status column: the first trigger argument names the column, the others list the legal moves, ''>s'' for a status a new row may start in and ''a>b'' for a change; anything else raises check_violation (23514) naming the table, the column and both statuses.';


--
-- Name: evolution_experiments_rules(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_experiments_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_config jsonb := '{}'::jsonb;
BEGIN
    /*
     * On insert, fills every configuration column left NULL from the template, then
     * from the defaults. On leaving initialized or running, stamps finished_at.
     */
    IF TG_OP = 'UPDATE' THEN
        IF OLD.status IN ('initialized', 'running') AND NEW.status NOT IN ('initialized', 'running') THEN
            NEW.finished_at := coalesce(NEW.finished_at, now());
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.template_id IS NOT NULL THEN
        SELECT t.template_config INTO v_config
          FROM learning.evolution_experiment_templates t WHERE t.template_id = NEW.template_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'template_id % does not exist', NEW.template_id
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'pick a template_id from learning.evolution_experiment_templates, or give none';
        END IF;
    END IF;
    NEW.population_size := coalesce(NEW.population_size, (v_config ->> 'population_size')::integer, 50);
    NEW.max_generations := coalesce(NEW.max_generations, (v_config ->> 'max_generations')::integer, 100);
    NEW.mutation_rate := coalesce(NEW.mutation_rate, (v_config ->> 'mutation_rate')::numeric, 0.1);
    NEW.crossover_rate := coalesce(NEW.crossover_rate, (v_config ->> 'crossover_rate')::numeric, 0.8);
    NEW.selection_strategy := coalesce(NEW.selection_strategy, v_config ->> 'selection_strategy', 'tournament');
    NEW.convergence_threshold := coalesce(NEW.convergence_threshold, (v_config ->> 'convergence_threshold')::numeric);
    NEW.objective_function := coalesce(NEW.objective_function, v_config -> 'objective_function');
    NEW.llm_config := coalesce(NEW.llm_config, v_config -> 'llm_config', '{}');
    NEW.evaluation_config := coalesce(NEW.evaluation_config, v_config -> 'evaluation_config', '{}');
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_experiments_rules(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_experiments_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_experiments: a new experiment takes each configuration column it leaves NULL from its template, then from the defaults (an unknown template_id raises foreign_key_violation 23503); finished_at is stamped when the status becomes final.';


--
-- Name: evolution_generations_propagate(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_generations_propagate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_best_before numeric;
    v_best_now    numeric;
    v_ended       boolean := OLD.generation_end IS NULL AND NEW.generation_end IS NOT NULL;
    v_experiment  learning.evolution_experiments;
BEGIN
    /*
     * Carries a generation's changes to its experiment: changed scores update
     * best_score; the end of a generation runs the convergence test over the last
     * 5 generations.
     */
    IF NEW.max_score IS NOT DISTINCT FROM OLD.max_score AND NOT v_ended THEN
        RETURN NULL;
    END IF;
    -- The experiment is locked before it is read, so concurrent generations serialise here.
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NEW.max_score IS DISTINCT FROM OLD.max_score THEN
        UPDATE learning.evolution_experiments e
           SET best_score = (SELECT max(g.max_score) FROM learning.evolution_generations g
                              WHERE g.project_id = e.project_id AND g.experiment_id = e.experiment_id)
         WHERE e.project_id = NEW.project_id AND e.experiment_id = NEW.experiment_id;
    END IF;
    IF NOT v_ended OR v_experiment.status <> 'running' THEN
        RETURN NULL;
    END IF;
    SELECT max(g.max_score),
           max(g.max_score) FILTER (WHERE g.generation_number <= NEW.generation_number - 5)
      INTO v_best_now, v_best_before
      FROM learning.evolution_generations g
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number <= NEW.generation_number;
    IF NEW.generation_number > 5 AND v_best_now - v_best_before < v_experiment.convergence_threshold THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed', converged_at_generation = NEW.generation_number
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    ELSIF NEW.generation_number >= v_experiment.max_generations THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed'
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    END IF;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION evolution_generations_propagate(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_generations_propagate() IS 'AFTER UPDATE trigger function of learning.evolution_generations: a changed max_score recomputes best_score; when generation g ends, the experiment completes if g > 5 and the best score up to g exceeds the best up to g - 5 by less than convergence_threshold (converged_at_generation = g), or if g is max_generations.';


--
-- Name: evolution_generations_start(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_generations_start() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_experiment learning.evolution_experiments;
BEGIN
    -- A new generation continues an unfinished experiment, one number at a time, and
    -- becomes current at once (so that one statement may insert several generations).
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF v_experiment.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: it takes no new generation', v_experiment.name, v_experiment.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.generation_number IS DISTINCT FROM v_experiment.current_generation + 1
       OR NEW.generation_number > v_experiment.max_generations THEN
        RAISE EXCEPTION 'generation_number of experiment % must be % (of at most %), not %', v_experiment.name,
            v_experiment.current_generation + 1, v_experiment.max_generations, coalesce(NEW.generation_number::text, 'NULL')
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE learning.evolution_experiments
       SET current_generation = NEW.generation_number,
           status = CASE status WHEN 'initialized' THEN 'running' ELSE status END
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_generations_start(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_generations_start() IS 'BEFORE INSERT trigger function of learning.evolution_generations: the experiment must exist and be initialized or running (55000), and the number must be current_generation + 1 and at most max_generations (23514); the new generation becomes the experiment''s current_generation and starts it (status running).';


--
-- Name: evolution_individuals_check(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_individuals_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_missing    uuid[];
    v_generation record;
BEGIN
    -- An individual belongs to an open generation of an unfinished experiment, within its population.
    IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.experiment_id, NEW.generation_number, NEW.individual_index)
                            IS DISTINCT FROM (OLD.project_id, OLD.experiment_id, OLD.generation_number, OLD.individual_index) THEN
        RAISE EXCEPTION 'individual % cannot move to another experiment, generation or position', OLD.individual_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT g.generation_end, e.name, e.status, e.population_size INTO v_generation
      FROM learning.evolution_generations g
      JOIN learning.evolution_experiments e ON e.project_id = g.project_id AND e.experiment_id = g.experiment_id
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number = NEW.generation_number;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'generation % of experiment % does not exist in project %: an individual needs its generation',
            NEW.generation_number, NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'insert the generation into learning.evolution_generations first';
    END IF;
    IF v_generation.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: its individuals cannot change', v_generation.name, v_generation.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF v_generation.generation_end IS NOT NULL THEN
        RAISE EXCEPTION 'generation % of experiment % ended at %: its individuals cannot change',
            NEW.generation_number, v_generation.name, v_generation.generation_end
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.individual_index > v_generation.population_size THEN
        RAISE EXCEPTION 'individual_index must be between 1 and population_size % of experiment %, not %',
            v_generation.population_size, v_generation.name, NEW.individual_index
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' AND cardinality(NEW.parent_ids) > 0 THEN
        v_missing := ARRAY(SELECT p FROM unnest(NEW.parent_ids) p
                            WHERE NOT EXISTS (SELECT FROM learning.evolution_individuals i
                                               WHERE i.project_id = NEW.project_id AND i.experiment_id = NEW.experiment_id
                                                 AND i.individual_id = p AND i.generation_number < NEW.generation_number));
        IF cardinality(v_missing) > 0 THEN
            RAISE EXCEPTION 'parent_ids % are not individuals of an earlier generation of experiment %', v_missing, v_generation.name
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_individuals_check(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_individuals_check() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_individuals: the generation must exist (23503), be open and its experiment unfinished (55000); individual_index at most population_size (23514); parents must be individuals of earlier generations of the same experiment (23503); an individual never moves.';


--
-- Name: evolution_individuals_score(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_individuals_score() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_row learning.evolution_individuals := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    -- Recomputes the statistics of the generation; ends it once its whole population is evaluated.
    -- Locking the generation first serialises concurrent scorers, so that each
    -- recomputation sees the scores committed before it.
    PERFORM FROM learning.evolution_generations
      WHERE project_id = v_row.project_id AND experiment_id = v_row.experiment_id
        AND generation_number = v_row.generation_number
        FOR UPDATE;
    UPDATE learning.evolution_generations g
       SET scored_count = s.scored_count,
           evaluated_count = s.evaluated_count,
           min_score = s.min_score,
           max_score = s.max_score,
           mean_score = s.mean_score,
           stddev_score = s.stddev_score,
           best_individual_id = s.best_individual_id,
           generation_end = CASE WHEN g.generation_end IS NULL AND s.evaluated_count >= e.population_size
                                 THEN now() ELSE g.generation_end END
      FROM (SELECT count(i.fitness_score)::integer AS scored_count,
                   count(*) FILTER (WHERE i.evaluation_status IN ('completed', 'failed'))::integer AS evaluated_count,
                   min(i.fitness_score) AS min_score,
                   max(i.fitness_score) AS max_score,
                   avg(i.fitness_score) AS mean_score,
                   stddev_pop(i.fitness_score) AS stddev_score,
                   (array_agg(i.individual_id ORDER BY i.fitness_score DESC, i.individual_index)
                        FILTER (WHERE i.fitness_score IS NOT NULL))[1] AS best_individual_id
              FROM learning.evolution_individuals i
             WHERE i.project_id = v_row.project_id AND i.experiment_id = v_row.experiment_id
               AND i.generation_number = v_row.generation_number) s,
           learning.evolution_experiments e
     WHERE g.project_id = v_row.project_id AND g.experiment_id = v_row.experiment_id
       AND g.generation_number = v_row.generation_number
       AND e.project_id = g.project_id AND e.experiment_id = g.experiment_id;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION evolution_individuals_score(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_individuals_score() IS 'AFTER INSERT OR UPDATE OR DELETE trigger function of learning.evolution_individuals: recomputes the generation''s scored_count, evaluated_count, min, max, mean, population stddev and best individual, and sets generation_end once population_size individuals are evaluated.';


--
-- Name: expire_predictions(timestamp with time zone); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.expire_predictions(p_as_of timestamp with time zone DEFAULT now()) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_expired bigint;
BEGIN
    -- Active predictions whose horizon ended before p_as_of without an outcome expire.
    IF p_as_of IS NULL THEN
        RAISE EXCEPTION 'p_as_of must be a timestamp, not NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.predictions
       SET status = 'expired'
     WHERE status = 'active' AND prediction_horizon IS NOT NULL
       AND prediction_timestamp + prediction_horizon < p_as_of;
    GET DIAGNOSTICS v_expired = ROW_COUNT;
    RETURN v_expired;
END
$$;


--
-- Name: FUNCTION expire_predictions(p_as_of timestamp with time zone); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.expire_predictions(p_as_of timestamp with time zone) IS 'Sets status expired on every active prediction whose prediction_timestamp + prediction_horizon is before p_as_of (default now()); returns how many. Scheduled as pgpattern-learning-expire-predictions.';


--
-- Name: ml_models_version_rules(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ml_models_version_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_active_version text;
BEGIN
    -- Lineage is fixed at creation (so it cannot form a cycle); one active version per name.
    IF TG_OP = 'UPDATE' AND NEW.parent_model_id IS DISTINCT FROM OLD.parent_model_id THEN
        RAISE EXCEPTION 'ml_models.parent_model_id of % % cannot change from % to %',
            NEW.name, NEW.version, coalesce(OLD.parent_model_id::text, 'NULL'), coalesce(NEW.parent_model_id::text, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = 'lineage is set when a version is created: register a new version instead';
    END IF;
    IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active' OR OLD.name <> NEW.name) THEN
        SELECT m.version INTO v_active_version
          FROM learning.ml_models m
         WHERE m.project_id = NEW.project_id AND m.name = NEW.name AND m.status = 'active'
           AND m.model_id <> NEW.model_id;
        IF FOUND THEN
            RAISE EXCEPTION 'ml_models: model % already has an active version %, so version % cannot be active too',
                NEW.name, v_active_version, NEW.version
                USING ERRCODE = 'unique_violation',
                      HINT = format('deprecate version %s first, or use learning.activate_model() to switch in one step',
                                    v_active_version);
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION ml_models_version_rules(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ml_models_version_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ml_models: parent_model_id never changes; a second active version of a name raises unique_violation (23505) naming both versions.';


--
-- Name: model_training_sessions_finish(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.model_training_sessions_finish() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Leaving running stamps the end time; completing means all the progress there is.
    IF NEW.status <> 'running' AND OLD.status = 'running' THEN
        NEW.training_end := coalesce(NEW.training_end, now());
        IF NEW.status = 'completed' THEN
            NEW.progress_percentage := 100;
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION model_training_sessions_finish(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.model_training_sessions_finish() IS 'BEFORE UPDATE OF status trigger function of learning.model_training_sessions: sets training_end (unless given) when a session finishes, and progress to 100 when it completes.';


--
-- Name: pattern_occurrences_count(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.pattern_occurrences_count() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- One more occurrence of the pattern, and the detection window widens to include it.
    UPDATE learning.identified_patterns
       SET occurrence_frequency = occurrence_frequency + 1,
           first_detected = least(first_detected, NEW.detection_timestamp),
           last_detected = greatest(last_detected, NEW.detection_timestamp)
     WHERE project_id = NEW.project_id AND pattern_id = NEW.pattern_id;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION pattern_occurrences_count(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.pattern_occurrences_count() IS 'AFTER INSERT trigger function of learning.pattern_occurrences: adds one to the pattern''s occurrence_frequency and widens first_detected / last_detected to the detection_timestamp.';


--
-- Name: pattern_occurrences_immutable(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.pattern_occurrences_immutable() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- What was detected, where and when stays as recorded (occurrence_frequency relies on it).
    IF (NEW.project_id, NEW.pattern_id, NEW.detection_timestamp) IS DISTINCT FROM (OLD.project_id, OLD.pattern_id, OLD.detection_timestamp) THEN
        RAISE EXCEPTION 'occurrence % cannot change its project_id, pattern_id or detection_timestamp', OLD.occurrence_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new occurrence instead';
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION pattern_occurrences_immutable(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.pattern_occurrences_immutable() IS 'BEFORE UPDATE trigger function of learning.pattern_occurrences: project_id, pattern_id and detection_timestamp never change (55000).';


--
-- Name: prediction_accuracy(text, jsonb, jsonb); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_actual    numeric;
    v_predicted numeric;
BEGIN
    /*
     * The accuracy of a prediction given its outcome, rounded to 4 places. A numeric or
     * interval prediction needs a JSON number as outcome; a categorical one a JSON scalar.
     */
    IF p_value_kind = 'categorical' THEN
        IF jsonb_typeof(p_actual) NOT IN ('string', 'number', 'boolean') THEN
            RAISE EXCEPTION 'actual_outcome of a categorical prediction must be a JSON string, number or boolean, not %', p_actual
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RETURN CASE WHEN p_actual = p_predicted THEN 1 ELSE 0 END;
    END IF;
    IF p_value_kind NOT IN ('numeric', 'interval') THEN
        RAISE EXCEPTION 'value_kind must be numeric, categorical or interval, not %', coalesce(p_value_kind, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(p_actual) IS DISTINCT FROM 'number' THEN
        RAISE EXCEPTION 'actual_outcome of a % prediction must be a JSON number, not %', p_value_kind, coalesce(p_actual::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_actual := (p_actual #>> '{}')::numeric;
    IF p_value_kind = 'numeric' THEN
        v_predicted := (p_predicted #>> '{}')::numeric;
    ELSIF v_actual < (p_predicted ->> 'lower')::numeric THEN
        v_predicted := (p_predicted ->> 'lower')::numeric;
    ELSIF v_actual > (p_predicted ->> 'upper')::numeric THEN
        v_predicted := (p_predicted ->> 'upper')::numeric;
    ELSE
        RETURN 1;  -- inside the interval
    END IF;
    IF v_actual = 0 THEN
        RETURN CASE WHEN v_predicted = 0 THEN 1 ELSE 0 END;
    END IF;
    RETURN round(greatest(0, 1 - abs(v_actual - v_predicted) / abs(v_actual)), 4);
END
$$;


--
-- Name: FUNCTION prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) IS 'Accuracy in [0, 1] of a prediction (value_kind, predicted_value) given its actual_outcome. numeric: 1 - relative error, clipped to [0, 1] (an actual 0 scores 1 only if predicted exactly); categorical: 1 for an exact JSON match, else 0; interval {"lower", "upper"}: 1 inside (bounds included), outside the numeric rule against the nearer bound. Raises invalid_parameter_value (22023) for an outcome of the wrong JSON type.';


--
-- Name: predictions_record_outcome(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.predictions_record_outcome() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * A prediction is a fact: what was predicted never changes, the outcome is recorded
     * once, and the accuracy is always computed here.
     */
    IF TG_OP = 'UPDATE' AND (NEW.predicted_value IS DISTINCT FROM OLD.predicted_value
                             OR NEW.value_kind IS DISTINCT FROM OLD.value_kind
                             OR NEW.model_id IS DISTINCT FROM OLD.model_id) THEN
        RAISE EXCEPTION 'prediction % cannot change its model_id, value_kind or predicted_value', OLD.prediction_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new prediction instead';
    END IF;
    IF NEW.accuracy_score IS DISTINCT FROM (CASE TG_OP WHEN 'UPDATE' THEN OLD.accuracy_score END) THEN
        RAISE EXCEPTION 'accuracy_score of prediction % cannot be written (given %): the database computes it',
            NEW.prediction_id, coalesce(NEW.accuracy_score::text, 'NULL')
            USING ERRCODE = 'generated_always',
                  HINT = 'set actual_outcome and the database computes accuracy_score';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.actual_outcome IS NOT NULL THEN
        IF NEW.actual_outcome IS DISTINCT FROM OLD.actual_outcome THEN
            RAISE EXCEPTION 'the outcome of prediction % was already recorded at % (%), so % cannot be recorded',
                OLD.prediction_id, OLD.outcome_recorded_at, OLD.actual_outcome, coalesce(NEW.actual_outcome::text, 'NULL')
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'an outcome is recorded once; set status to invalidated to withdraw the prediction';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.actual_outcome IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status <> 'active' THEN
        RAISE EXCEPTION 'prediction % is %: an outcome can only be recorded for an active prediction', OLD.prediction_id, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.accuracy_score := learning.prediction_accuracy(NEW.value_kind, NEW.predicted_value, NEW.actual_outcome);
    NEW.outcome_recorded_at := now();
    NEW.status := 'validated';
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION predictions_record_outcome(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.predictions_record_outcome() IS 'BEFORE INSERT OR UPDATE trigger function of learning.predictions: when actual_outcome is first set (on an active prediction) computes accuracy_score and outcome_recorded_at and sets status validated; refuses a second outcome and changes to what was predicted (55000), and a directly written accuracy_score (428C9).';


--
-- Name: pg_cron_status(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.pg_cron_status() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT CASE
        WHEN EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN 'installed'
        WHEN NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_cron') THEN 'not available'
        WHEN NOT (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pg_cron']) THEN 'not preloaded'
        WHEN current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN 'other database'
        ELSE 'available'
    END
$$;


--
-- Name: FUNCTION pg_cron_status(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.pg_cron_status() IS 'Whether pg_cron can schedule jobs for this database: installed, available (can be created here), not available (not on the server: install postgresql-15-cron), not preloaded (add pg_cron to shared_preload_libraries), other database (cron.database_name names another database).';


--
-- Name: project_schemas(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.project_schemas() RETURNS name[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT ARRAY['core', 'git', 'patterns', 'learning', 'workflow', 'ops', 'api']::name[]
$$;


--
-- Name: FUNCTION project_schemas(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.project_schemas() IS 'The schemas pgpattern owns, one per concern.';


--
-- Name: purge_cron_history(interval); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.purge_cron_history(p_keep interval DEFAULT '7 days'::interval) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- cron.job_run_details grows without bound; keep only the recent runs.
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'p_keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    EXECUTE format('DELETE FROM cron.job_run_details WHERE end_time < now() - %L::interval', p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;


--
-- Name: FUNCTION purge_cron_history(p_keep interval); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.purge_cron_history(p_keep interval) IS 'Deletes pg_cron run history older than p_keep (default 7 days) and returns how many rows went; 0 without pg_cron.';


--
-- Name: schedule_job(text, text, text, text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Records the job as wanted and schedules it where pg_cron is installed.
    INSERT INTO ops.scheduled_jobs (job_name, schedule, command, description)
    VALUES (p_job_name, p_schedule, p_command, p_description)
    ON CONFLICT (job_name) DO UPDATE
        SET schedule = excluded.schedule, command = excluded.command, description = excluded.description;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', p_job_name, p_schedule, p_command);
    END IF;
END
$$;


--
-- Name: FUNCTION schedule_job(p_job_name text, p_schedule text, p_command text, p_description text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) IS 'Wants a job (name, five-field UTC cron schedule, SQL command, description) and schedules it in pg_cron where installed.';


--
-- Name: sync_scheduled_jobs(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.sync_scheduled_jobs() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_count integer := 0;
    v_job   record;
BEGIN
    -- Schedules every wanted job in pg_cron (cron.schedule upserts by name); 0 without pg_cron.
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    FOR v_job IN SELECT job_name, schedule, command FROM ops.scheduled_jobs ORDER BY job_name LOOP
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', v_job.job_name, v_job.schedule, v_job.command);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;


--
-- Name: FUNCTION sync_scheduled_jobs(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.sync_scheduled_jobs() IS 'Schedules every job of ops.scheduled_jobs in pg_cron and returns how many; returns 0 and does nothing where pg_cron is not installed. Run it after installing pg_cron.';


--
-- Name: unschedule_job(text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.unschedule_job(p_job_name text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Forgets the job and removes it from pg_cron where installed.
    DELETE FROM ops.scheduled_jobs WHERE job_name = p_job_name;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = %L', p_job_name);
    END IF;
END
$$;


--
-- Name: FUNCTION unschedule_job(p_job_name text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.unschedule_job(p_job_name text) IS 'Removes a job from ops.scheduled_jobs and from pg_cron.';


--
-- Name: validate_schema_integrity(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.validate_schema_integrity(p_migration_files jsonb DEFAULT NULL::jsonb) RETURNS TABLE(check_name text, status text, detail text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_applied     text[];
    v_bad         text[];
    v_check_schema name;
    v_count       integer;
    v_cron        text := ops.pg_cron_status();
    v_function    record;
    v_ledger      text[];
    v_problems    text[];
    v_schemas     name[] := ops.project_schemas();
    v_yoyo_schema name;
BEGIN
    /*
     * One row per check: status is ok, warn (works, but look), fail or skip.
     * p_migration_files maps migration id to the sha256 of its files on disk
     * (pgpattern verify passes it); without it the files are not compared.
     */
    IF p_migration_files IS NOT NULL AND jsonb_typeof(p_migration_files) <> 'object' THEN
        RAISE EXCEPTION 'p_migration_files must be a JSON object of migration id to sha256, not a JSON %',
            jsonb_typeof(p_migration_files)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- Migrations: yoyo's record of what ran against the ledger of checksums.
    SELECT n.nspname INTO v_yoyo_schema
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = '_yoyo_migration' AND c.relkind = 'r'
     ORDER BY n.nspname = 'public' DESC, n.nspname
     LIMIT 1;
    IF v_yoyo_schema IS NULL THEN
        v_applied := '{}';
    ELSE
        EXECUTE format('SELECT coalesce(array_agg(migration_id ORDER BY migration_id), ''{}'') FROM %I._yoyo_migration',
                       v_yoyo_schema)
           INTO v_applied;
    END IF;
    SELECT coalesce(array_agg(m.migration_id ORDER BY m.migration_id), '{}') INTO v_ledger
      FROM ops.migration_checksums m;
    check_name := 'migrations recorded';
    v_bad := ARRAY(SELECT unnest(v_applied) EXCEPT SELECT unnest(v_ledger) ORDER BY 1);
    IF cardinality(v_bad) > 0 THEN
        status := 'fail';
        detail := format('applied without a recorded checksum: %s', array_to_string(v_bad, ', '));
    ELSE
        v_bad := ARRAY(SELECT unnest(v_ledger) EXCEPT SELECT unnest(v_applied) ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('checksum recorded but not applied according to yoyo: %s', array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s migrations applied, each with its checksum', cardinality(v_applied));
        END IF;
    END IF;
    RETURN NEXT;

    check_name := 'migration files';
    IF p_migration_files IS NULL THEN
        status := 'skip';
        detail := 'no migration files given to compare (pgpattern verify passes them)';
    ELSE
        v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                         JOIN jsonb_each_text(p_migration_files) f ON f.key = m.migration_id
                        WHERE f.value <> m.checksum ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('edited after they were applied: %s', array_to_string(v_bad, ', '));
        ELSE
            v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                            WHERE NOT p_migration_files ? m.migration_id ORDER BY 1);
            IF cardinality(v_bad) > 0 THEN
                status := 'fail';
                detail := format('applied but their files are missing: %s', array_to_string(v_bad, ', '));
            ELSE
                v_bad := ARRAY(SELECT f.key FROM jsonb_each_text(p_migration_files) f
                                WHERE NOT f.key = ANY (v_ledger) ORDER BY 1);
                IF cardinality(v_bad) > 0 THEN
                    status := 'warn';
                    detail := format('%s pending: %s', cardinality(v_bad), array_to_string(v_bad, ', '));
                ELSE
                    status := 'ok';
                    detail := format('all %s migration files applied and unedited', cardinality(v_ledger));
                END IF;
            END IF;
        END IF;
    END IF;
    RETURN NEXT;

    -- Extensions.
    check_name := 'extension pg_cron';
    status := CASE v_cron WHEN 'installed' THEN 'ok' ELSE 'warn' END;
    detail := CASE v_cron
        WHEN 'installed' THEN format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'))
        WHEN 'available' THEN 'available but not created: run pgpattern migrate, or CREATE EXTENSION pg_cron'
        WHEN 'not available' THEN 'not on this server (Debian package postgresql-15-cron): scheduled jobs do not run'
        WHEN 'not preloaded' THEN 'not in shared_preload_libraries: scheduled jobs do not run'
        ELSE format('runs in database %s, not here: scheduled jobs do not run', current_setting('cron.database_name', true))
    END;
    RETURN NEXT;

    check_name := 'extension plpgsql_check';
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'ok';
        detail := format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'plpgsql_check'));
    ELSE
        status := 'skip';
        detail := 'not installed (Debian package postgresql-15-plpgsql-check): PL/pgSQL functions are not linted';
    END IF;
    RETURN NEXT;

    -- Scheduled jobs: every wanted job present in pg_cron, active, with the same schedule and command.
    check_name := 'scheduled jobs';
    SELECT count(*) INTO v_count FROM ops.scheduled_jobs;
    IF v_cron <> 'installed' THEN
        status := 'warn';
        detail := format('%s jobs wanted, none scheduled (pg_cron: %s)', v_count, v_cron);
    ELSE
        -- The schema name goes through format() so that plpgsql_check does not
        -- resolve cron.job in databases without pg_cron.
        EXECUTE format($q$
            SELECT coalesce(array_agg(s.job_name ORDER BY s.job_name), '{}')
              FROM ops.scheduled_jobs s
              LEFT JOIN %I.job j ON j.jobname = s.job_name AND j.database = current_database()
             WHERE j.jobid IS NULL OR NOT j.active OR j.schedule <> s.schedule OR j.command <> s.command
        $q$, 'cron') INTO v_bad;
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('missing, inactive or changed in cron.job: %s (SELECT ops.sync_scheduled_jobs() restores them)',
                             array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s jobs scheduled', v_count);
        END IF;
    END IF;
    RETURN NEXT;

    -- Indexes left invalid by a failed CREATE INDEX CONCURRENTLY.
    check_name := 'valid indexes';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND NOT (i.indisvalid AND i.indisready)
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('invalid: %s (drop and create again)', array_to_string(v_bad, ', '))
                   ELSE 'no invalid index' END;
    RETURN NEXT;

    -- Every table has a primary key.
    check_name := 'primary keys';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p')
                      AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('tables without a primary key: %s', array_to_string(v_bad, ', '))
                   ELSE 'every table has a primary key' END;
    RETURN NEXT;

    -- Every foreign key has an index whose leading columns are the key's columns,
    -- so deletes on the referenced table and joins do not scan the referencing one.
    check_name := 'foreign key indexes';
    v_bad := ARRAY(SELECT format('%s on %s', k.conname, k.conrelid::regclass)
                     FROM pg_constraint k
                     JOIN pg_class c ON c.oid = k.conrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE k.contype = 'f' AND n.nspname = ANY (v_schemas)
                      AND NOT EXISTS (
                          SELECT FROM pg_index i
                           WHERE i.indrelid = k.conrelid
                             AND (SELECT array_agg(x ORDER BY x) FROM unnest(i.indkey[0:cardinality(k.conkey) - 1]) x)
                               = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('foreign keys without a supporting index: %s', array_to_string(v_bad, ', '))
                   ELSE 'every foreign key has a supporting index' END;
    RETURN NEXT;

    -- Every object a user can see in psql says what it is.
    check_name := 'comments';
    v_bad := ARRAY(
        SELECT format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                      n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
           AND obj_description(c.oid, 'pg_class') IS NULL
        UNION ALL
        SELECT format('function %s', p.oid::regprocedure)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = ANY (v_schemas) AND obj_description(p.oid, 'pg_proc') IS NULL
           AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT format('schema %I', n.nspname)
          FROM pg_namespace n
         WHERE n.nspname = ANY (v_schemas) AND obj_description(n.oid, 'pg_namespace') IS NULL
        ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('without COMMENT: %s', array_to_string(v_bad, ', '))
                   ELSE 'every schema, table, view and function has a comment' END;
    RETURN NEXT;

    -- plpgsql_check over every PL/pgSQL function; trigger functions are checked
    -- against each table that uses them.
    check_name := 'plpgsql_check';
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'skip';
        detail := 'plpgsql_check is not installed';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT e.extnamespace::regnamespace::name INTO v_check_schema
      FROM pg_extension e WHERE e.extname = 'plpgsql_check';
    v_problems := '{}';
    v_count := 0;
    FOR v_function IN
        SELECT p.oid, t.tgrelid
          FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          JOIN pg_language l ON l.oid = p.prolang
          LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND NOT t.tgisinternal
         WHERE l.lanname = 'plpgsql' AND n.nspname = ANY (v_schemas)
           AND (p.prorettype <> 'trigger'::regtype OR t.tgrelid IS NOT NULL)
         ORDER BY p.oid::regprocedure::text, t.tgrelid
    LOOP
        v_count := v_count + 1;
        EXECUTE format($q$
            SELECT coalesce(array_agg(format('%%s%%s line %%s: %%s', $1::regprocedure,
                                             CASE WHEN $2 <> 0 THEN ' on ' || $2::regclass::text ELSE '' END,
                                             r.lineno, r.message)), '{}')
              FROM %I.plpgsql_check_function_tb($1, $2, fatal_errors => false) r
             WHERE r.level IN ('error', 'warning')
        $q$, v_check_schema)
        INTO v_bad
        USING v_function.oid, coalesce(v_function.tgrelid, 0::oid);
        v_problems := v_problems || v_bad;
    END LOOP;
    IF cardinality(v_problems) > 0 THEN
        status := 'fail';
        detail := array_to_string(v_problems, '; ');
    ELSE
        status := 'ok';
        detail := format('%s PL/pgSQL functions (and trigger uses) clean', v_count);
    END IF;
    RETURN NEXT;
END
$_$;


--
-- Name: FUNCTION validate_schema_integrity(p_migration_files jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.validate_schema_integrity(p_migration_files jsonb) IS 'Checks the database against what pgpattern expects: migrations recorded and (given their files'' checksums) unedited, extensions, pg_cron jobs, valid indexes, primary keys, foreign-key indexes, comments, plpgsql_check. One row per check: check_name, status (ok, warn, fail, skip), detail.';


--
-- Name: ml_models; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.ml_models (
    project_id bigint NOT NULL,
    model_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    version text NOT NULL,
    model_type text NOT NULL,
    framework text,
    model_data jsonb,
    hyperparameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    training_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    performance_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    status text DEFAULT 'training'::text NOT NULL,
    parent_model_id uuid,
    created_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ml_models_model_type_check CHECK ((model_type = ANY (ARRAY['pattern_recognition'::text, 'optimization'::text, 'prediction'::text]))),
    CONSTRAINT ml_models_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT ml_models_not_own_parent CHECK ((parent_model_id <> model_id)),
    CONSTRAINT ml_models_objects_check CHECK (((jsonb_typeof(hyperparameters) = 'object'::text) AND (jsonb_typeof(training_config) = 'object'::text) AND (jsonb_typeof(performance_metrics) = 'object'::text))),
    CONSTRAINT ml_models_status_check CHECK ((status = ANY (ARRAY['training'::text, 'active'::text, 'deprecated'::text, 'archived'::text]))),
    CONSTRAINT ml_models_version_check CHECK (((version ~ '\S'::text) AND (length(version) <= 50)))
);


--
-- Name: TABLE ml_models; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.ml_models IS 'ML models of a project, one row per version: lineage through parent_model_id, status lifecycle training -> active -> deprecated -> archived (a trigger refuses other moves), at most one active version per name.';


--
-- Name: COLUMN ml_models.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.project_id IS 'The project whose data the model learns from.';


--
-- Name: COLUMN ml_models.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_id IS 'The model version''s key within its project.';


--
-- Name: COLUMN ml_models.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.name IS 'The model''s name, shared by its versions.';


--
-- Name: COLUMN ml_models.version; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.version IS 'The version label, unique per name within the project.';


--
-- Name: COLUMN ml_models.model_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_type IS 'pattern_recognition, optimization or prediction.';


--
-- Name: COLUMN ml_models.framework; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.framework IS 'The framework that trained it (tensorflow, pytorch, scikit-learn, ...), free text.';


--
-- Name: COLUMN ml_models.model_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_data IS 'The serialised model or a reference to where it is stored.';


--
-- Name: COLUMN ml_models.hyperparameters; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.hyperparameters IS 'Hyperparameters (a JSON object).';


--
-- Name: COLUMN ml_models.training_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.training_config IS 'Training configuration (a JSON object).';


--
-- Name: COLUMN ml_models.performance_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.performance_metrics IS 'Offline evaluation metrics (a JSON object).';


--
-- Name: COLUMN ml_models.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.status IS 'training (new), active (serving; one per name), deprecated, archived (final). A new row starts as training or active.';


--
-- Name: COLUMN ml_models.parent_model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.parent_model_id IS 'The model version this one was derived from, in the same project; set at creation and never changed, so lineage has no cycles.';


--
-- Name: COLUMN ml_models.created_by; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.created_by IS 'Who registered the model.';


--
-- Name: COLUMN ml_models.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.created_at IS 'When the row was created.';


--
-- Name: COLUMN ml_models.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: predictions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.predictions (
    project_id bigint NOT NULL,
    prediction_id uuid DEFAULT gen_random_uuid() NOT NULL,
    model_id uuid NOT NULL,
    prediction_type text NOT NULL,
    value_kind text NOT NULL,
    target_entity_type text,
    target_entity_id text,
    predicted_value jsonb NOT NULL,
    confidence_interval jsonb,
    prediction_horizon interval,
    input_features jsonb DEFAULT '{}'::jsonb NOT NULL,
    prediction_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    actual_outcome jsonb,
    outcome_recorded_at timestamp with time zone,
    accuracy_score numeric(5,4),
    feedback_received jsonb,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT predictions_accuracy_score_range CHECK (((accuracy_score >= (0)::numeric) AND (accuracy_score <= (1)::numeric))),
    CONSTRAINT predictions_confidence_interval_check CHECK ((jsonb_typeof(confidence_interval) = 'object'::text)),
    CONSTRAINT predictions_horizon_positive CHECK ((prediction_horizon > '00:00:00'::interval)),
    CONSTRAINT predictions_input_features_check CHECK ((jsonb_typeof(input_features) = 'object'::text)),
    CONSTRAINT predictions_open_has_no_outcome CHECK (((status <> ALL (ARRAY['active'::text, 'expired'::text])) OR (actual_outcome IS NULL))),
    CONSTRAINT predictions_outcome_complete CHECK ((((actual_outcome IS NULL) = (accuracy_score IS NULL)) AND ((actual_outcome IS NULL) = (outcome_recorded_at IS NULL)))),
    CONSTRAINT predictions_predicted_value_matches_kind CHECK (
CASE value_kind
    WHEN 'numeric'::text THEN (jsonb_typeof(predicted_value) = 'number'::text)
    WHEN 'categorical'::text THEN (jsonb_typeof(predicted_value) = ANY (ARRAY['string'::text, 'number'::text, 'boolean'::text]))
    WHEN 'interval'::text THEN
    CASE
        WHEN ((jsonb_typeof((predicted_value -> 'lower'::text)) = 'number'::text) AND (jsonb_typeof((predicted_value -> 'upper'::text)) = 'number'::text)) THEN (((predicted_value ->> 'lower'::text))::numeric <= ((predicted_value ->> 'upper'::text))::numeric)
        ELSE false
    END
    ELSE false
END),
    CONSTRAINT predictions_prediction_type_check CHECK ((prediction_type = ANY (ARRAY['performance_degradation'::text, 'bug_likelihood'::text, 'optimization_opportunity'::text]))),
    CONSTRAINT predictions_status_check CHECK ((status = ANY (ARRAY['active'::text, 'validated'::text, 'invalidated'::text, 'expired'::text]))),
    CONSTRAINT predictions_target_entity_type_check CHECK ((target_entity_type = ANY (ARRAY['code_file'::text, 'function'::text, 'repository'::text, 'user'::text]))),
    CONSTRAINT predictions_validated_has_outcome CHECK (((status <> 'validated'::text) OR (actual_outcome IS NOT NULL))),
    CONSTRAINT predictions_value_kind_check CHECK ((value_kind = ANY (ARRAY['numeric'::text, 'categorical'::text, 'interval'::text])))
);


--
-- Name: TABLE predictions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.predictions IS 'Predictions made by a model. Recording actual_outcome computes accuracy_score (learning.prediction_accuracy) and validates the prediction; an active prediction past its horizon expires (learning.expire_predictions, scheduled).';


--
-- Name: COLUMN predictions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.project_id IS 'The project of the model and the prediction.';


--
-- Name: COLUMN predictions.prediction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_id IS 'The prediction''s key within its project.';


--
-- Name: COLUMN predictions.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.model_id IS 'The model version that made it.';


--
-- Name: COLUMN predictions.prediction_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_type IS 'performance_degradation, bug_likelihood or optimization_opportunity.';


--
-- Name: COLUMN predictions.value_kind; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.value_kind IS 'numeric (predicted_value a JSON number), categorical (a JSON string, number or boolean) or interval (an object {"lower": n, "upper": n} with lower <= upper); decides how accuracy is computed.';


--
-- Name: COLUMN predictions.target_entity_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.target_entity_type IS 'code_file, function, repository or user, if the prediction is about one.';


--
-- Name: COLUMN predictions.target_entity_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.target_entity_id IS 'The id of the entity the prediction is about.';


--
-- Name: COLUMN predictions.predicted_value; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.predicted_value IS 'The prediction, shaped as value_kind says; never changes.';


--
-- Name: COLUMN predictions.confidence_interval; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.confidence_interval IS 'Statistical confidence bounds (a JSON object), informative only.';


--
-- Name: COLUMN predictions.prediction_horizon; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_horizon IS 'How far ahead the prediction looks; past prediction_timestamp + horizon without an outcome it expires. NULL: never expires.';


--
-- Name: COLUMN predictions.input_features; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.input_features IS 'The features the model was given (a JSON object).';


--
-- Name: COLUMN predictions.prediction_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_timestamp IS 'When the prediction was made.';


--
-- Name: COLUMN predictions.actual_outcome; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.actual_outcome IS 'What happened, recorded once while the prediction is active: a JSON number for numeric and interval predictions, a JSON scalar for categorical ones.';


--
-- Name: COLUMN predictions.outcome_recorded_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.outcome_recorded_at IS 'When actual_outcome was recorded (set by the trigger).';


--
-- Name: COLUMN predictions.accuracy_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.accuracy_score IS 'Accuracy in [0, 1], computed by the database from predicted_value and actual_outcome; never written directly.';


--
-- Name: COLUMN predictions.feedback_received; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.feedback_received IS 'User feedback on the prediction.';


--
-- Name: COLUMN predictions.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.status IS 'active (new), validated (outcome recorded), expired (horizon passed without outcome), invalidated (withdrawn, from active or validated).';


--
-- Name: model_performance_summary; Type: MATERIALIZED VIEW; Schema: learning; Owner: -
--

CREATE MATERIALIZED VIEW learning.model_performance_summary AS
 SELECT m.project_id,
    m.model_id,
    m.name,
    m.version,
    m.model_type,
    count(p.prediction_id) AS prediction_count,
    count(p.prediction_id) FILTER (WHERE (p.status = 'validated'::text)) AS validated_predictions,
    round(avg(p.accuracy_score) FILTER (WHERE (p.status = 'validated'::text)), 4) AS avg_accuracy,
    max(p.prediction_timestamp) AS last_prediction
   FROM (learning.ml_models m
     LEFT JOIN learning.predictions p ON (((p.project_id = m.project_id) AND (p.model_id = m.model_id))))
  WHERE (m.status = 'active'::text)
  GROUP BY m.project_id, m.model_id, m.name, m.version, m.model_type
  WITH NO DATA;


--
-- Name: MATERIALIZED VIEW model_performance_summary; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON MATERIALIZED VIEW learning.model_performance_summary IS 'Per active model: predictions made, validated, their mean accuracy and the last prediction time. Refreshed CONCURRENTLY every 15 minutes (pgpattern-learning-refresh-model-performance); read it through api.model_performance_summary.';


--
-- Name: model_performance_summary; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.model_performance_summary AS
 SELECT model_performance_summary.project_id,
    model_performance_summary.model_id,
    model_performance_summary.name,
    model_performance_summary.version,
    model_performance_summary.model_type,
    model_performance_summary.prediction_count,
    model_performance_summary.validated_predictions,
    model_performance_summary.avg_accuracy,
    model_performance_summary.last_prediction
   FROM learning.model_performance_summary;


--
-- Name: VIEW model_performance_summary; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version: prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';


--
-- Name: projects; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.projects (
    project_id bigint NOT NULL,
    name text NOT NULL,
    repository_path text,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT projects_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200) AND (name !~ '[[:cntrl:]]'::text)))
);


--
-- Name: TABLE projects; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON TABLE core.projects IS 'A project whose history and patterns pgpattern keeps; created on first ingest.';


--
-- Name: COLUMN projects.project_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.project_id IS 'The project key; the leading column of every project-scoped key.';


--
-- Name: COLUMN projects.name; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.name IS 'A unique, human-chosen name: 1 to 200 characters, no control characters.';


--
-- Name: COLUMN projects.repository_path; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.repository_path IS 'Where the repository was last ingested from (path or URL), if known.';


--
-- Name: COLUMN projects.description; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.description IS 'Free text.';


--
-- Name: COLUMN projects.created_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.created_at IS 'When the project was created.';


--
-- Name: COLUMN projects.updated_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: projects_project_id_seq; Type: SEQUENCE; Schema: core; Owner: -
--

ALTER TABLE core.projects ALTER COLUMN project_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME core.projects_project_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sessions; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.sessions (
    project_id bigint NOT NULL,
    session_id uuid DEFAULT gen_random_uuid() NOT NULL,
    developer text,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    ended_at timestamp with time zone,
    status text DEFAULT 'active'::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sessions_end_after_start CHECK (((ended_at IS NULL) OR (ended_at >= started_at))),
    CONSTRAINT sessions_ended_has_end CHECK (((status = 'active'::text) = (ended_at IS NULL))),
    CONSTRAINT sessions_metadata_is_object CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT sessions_status_check CHECK ((status = ANY (ARRAY['active'::text, 'ended'::text, 'abandoned'::text])))
);


--
-- Name: TABLE sessions; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON TABLE core.sessions IS 'Development sessions of a project: a span of work by a developer that discovery runs and patterns can refer to.';


--
-- Name: COLUMN sessions.project_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.project_id IS 'The project the session belongs to.';


--
-- Name: COLUMN sessions.session_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.session_id IS 'The session key within its project.';


--
-- Name: COLUMN sessions.developer; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.developer IS 'Who worked in the session: an author identity (lower-cased email) or a free name.';


--
-- Name: COLUMN sessions.started_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.started_at IS 'When the session began.';


--
-- Name: COLUMN sessions.ended_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.ended_at IS 'When the session ended; NULL while active.';


--
-- Name: COLUMN sessions.status; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.status IS 'active, ended or abandoned; only an active session has no end time.';


--
-- Name: COLUMN sessions.metadata; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.metadata IS 'Free-form attributes of the session (a JSON object).';


--
-- Name: COLUMN sessions.created_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.created_at IS 'When the row was created.';


--
-- Name: COLUMN sessions.updated_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: code_evaluations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.code_evaluations (
    project_id bigint NOT NULL,
    evaluation_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid NOT NULL,
    evaluation_type text NOT NULL,
    test_cases_passed integer,
    test_cases_total integer,
    execution_time_ms integer,
    memory_usage_bytes bigint,
    correctness_score numeric(5,4),
    performance_score numeric(5,4),
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    evaluated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT code_evaluations_correctness_score_range CHECK (((correctness_score >= (0)::numeric) AND (correctness_score <= (1)::numeric))),
    CONSTRAINT code_evaluations_details_check CHECK ((jsonb_typeof(details) = 'object'::text)),
    CONSTRAINT code_evaluations_evaluation_type_check CHECK ((evaluation_type = ANY (ARRAY['functional'::text, 'performance'::text, 'security'::text, 'style'::text]))),
    CONSTRAINT code_evaluations_execution_time_ms_check CHECK ((execution_time_ms >= 0)),
    CONSTRAINT code_evaluations_memory_usage_bytes_check CHECK ((memory_usage_bytes >= 0)),
    CONSTRAINT code_evaluations_performance_score_range CHECK (((performance_score >= (0)::numeric) AND (performance_score <= (1)::numeric))),
    CONSTRAINT code_evaluations_test_cases_check CHECK (((test_cases_passed >= 0) AND (test_cases_passed <= test_cases_total))),
    CONSTRAINT code_evaluations_test_cases_total_check CHECK ((test_cases_total >= 0))
);


--
-- Name: TABLE code_evaluations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.code_evaluations IS 'Evaluations of an individual''s code: tests passed, time, memory, scores.';


--
-- Name: COLUMN code_evaluations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN code_evaluations.evaluation_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluation_id IS 'The evaluation''s key within its project.';


--
-- Name: COLUMN code_evaluations.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.experiment_id IS 'The experiment of the individual.';


--
-- Name: COLUMN code_evaluations.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.individual_id IS 'The individual evaluated.';


--
-- Name: COLUMN code_evaluations.evaluation_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluation_type IS 'functional, performance, security or style.';


--
-- Name: COLUMN code_evaluations.test_cases_passed; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.test_cases_passed IS 'Test cases passed, between 0 and test_cases_total.';


--
-- Name: COLUMN code_evaluations.test_cases_total; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.test_cases_total IS 'Test cases run, not negative.';


--
-- Name: COLUMN code_evaluations.execution_time_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.execution_time_ms IS 'Execution time in milliseconds.';


--
-- Name: COLUMN code_evaluations.memory_usage_bytes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.memory_usage_bytes IS 'Peak memory in bytes.';


--
-- Name: COLUMN code_evaluations.correctness_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.correctness_score IS 'Correctness in [0, 1].';


--
-- Name: COLUMN code_evaluations.performance_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.performance_score IS 'Performance in [0, 1].';


--
-- Name: COLUMN code_evaluations.details; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.details IS 'Everything else the evaluator reported (a JSON object).';


--
-- Name: COLUMN code_evaluations.evaluated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluated_at IS 'When the evaluation ran.';


--
-- Name: evolution_experiment_templates; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_experiment_templates (
    template_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    description text,
    problem_category text NOT NULL,
    template_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_experiment_templates_config_keys CHECK (((jsonb_typeof(template_config) = 'object'::text) AND ((template_config - ARRAY['population_size'::text, 'max_generations'::text, 'mutation_rate'::text, 'crossover_rate'::text, 'selection_strategy'::text, 'convergence_threshold'::text, 'objective_function'::text, 'llm_config'::text, 'evaluation_config'::text]) = '{}'::jsonb))),
    CONSTRAINT evolution_experiment_templates_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT evolution_experiment_templates_problem_category_check CHECK ((problem_category = ANY (ARRAY['optimization'::text, 'algorithm_design'::text, 'refactoring'::text, 'testing'::text])))
);


--
-- Name: TABLE evolution_experiment_templates; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_experiment_templates IS 'Reusable experiment configurations, shared by all projects. An experiment created with a template_id copies the template''s configuration into every column it leaves NULL.';


--
-- Name: COLUMN evolution_experiment_templates.template_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.template_id IS 'The template key.';


--
-- Name: COLUMN evolution_experiment_templates.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.name IS 'A unique name, e.g. code_optimization.';


--
-- Name: COLUMN evolution_experiment_templates.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.description IS 'What the template is for.';


--
-- Name: COLUMN evolution_experiment_templates.problem_category; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.problem_category IS 'optimization, algorithm_design, refactoring or testing.';


--
-- Name: COLUMN evolution_experiment_templates.template_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.template_config IS 'A JSON object whose keys name experiment columns: population_size, max_generations, mutation_rate, crossover_rate, selection_strategy, convergence_threshold, objective_function, llm_config, evaluation_config (no other key is accepted).';


--
-- Name: COLUMN evolution_experiment_templates.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.created_at IS 'When the row was created.';


--
-- Name: COLUMN evolution_experiment_templates.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: evolution_experiments; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_experiments (
    project_id bigint NOT NULL,
    experiment_id uuid DEFAULT gen_random_uuid() NOT NULL,
    template_id uuid,
    name text NOT NULL,
    description text,
    problem_definition jsonb NOT NULL,
    objective_function jsonb NOT NULL,
    population_size integer NOT NULL,
    max_generations integer NOT NULL,
    current_generation integer DEFAULT 0 NOT NULL,
    status text DEFAULT 'initialized'::text NOT NULL,
    best_score numeric,
    convergence_threshold numeric,
    converged_at_generation integer,
    mutation_rate numeric(3,2) NOT NULL,
    crossover_rate numeric(3,2) NOT NULL,
    selection_strategy text NOT NULL,
    llm_config jsonb NOT NULL,
    evaluation_config jsonb NOT NULL,
    finished_at timestamp with time zone,
    created_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_experiments_converged_check CHECK (((converged_at_generation IS NULL) OR (((converged_at_generation >= 1) AND (converged_at_generation <= current_generation)) AND (status = 'completed'::text)))),
    CONSTRAINT evolution_experiments_convergence_threshold_check CHECK ((convergence_threshold >= (0)::numeric)),
    CONSTRAINT evolution_experiments_crossover_rate_range CHECK (((crossover_rate >= (0)::numeric) AND (crossover_rate <= (1)::numeric))),
    CONSTRAINT evolution_experiments_finished_iff_final CHECK (((status = ANY (ARRAY['initialized'::text, 'running'::text])) = (finished_at IS NULL))),
    CONSTRAINT evolution_experiments_generations_check CHECK (((max_generations > 0) AND ((current_generation >= 0) AND (current_generation <= max_generations)))),
    CONSTRAINT evolution_experiments_mutation_rate_range CHECK (((mutation_rate >= (0)::numeric) AND (mutation_rate <= (1)::numeric))),
    CONSTRAINT evolution_experiments_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT evolution_experiments_objects_check CHECK (((jsonb_typeof(problem_definition) = 'object'::text) AND (jsonb_typeof(llm_config) = 'object'::text) AND (jsonb_typeof(evaluation_config) = 'object'::text))),
    CONSTRAINT evolution_experiments_population_size_check CHECK ((population_size > 0)),
    CONSTRAINT evolution_experiments_selection_strategy_check CHECK ((selection_strategy = ANY (ARRAY['tournament'::text, 'roulette'::text, 'rank'::text, 'elitist'::text]))),
    CONSTRAINT evolution_experiments_status_check CHECK ((status = ANY (ARRAY['initialized'::text, 'running'::text, 'completed'::text, 'failed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE evolution_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_experiments IS 'Evolutionary code-optimisation experiments. Columns left NULL at creation come from the template (template_id), then from the defaults; status initialized -> running (first generation) -> completed (converged or last generation ended), failed or cancelled. current_generation, best_score and convergence are maintained by the database.';


--
-- Name: COLUMN evolution_experiments.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.project_id IS 'The project whose code the experiment evolves.';


--
-- Name: COLUMN evolution_experiments.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.experiment_id IS 'The experiment''s key within its project.';


--
-- Name: COLUMN evolution_experiments.template_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.template_id IS 'The template it was created from, if any; its configuration was copied at creation.';


--
-- Name: COLUMN evolution_experiments.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.name IS 'A name, unique within the project.';


--
-- Name: COLUMN evolution_experiments.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.description IS 'Free text.';


--
-- Name: COLUMN evolution_experiments.problem_definition; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.problem_definition IS 'The problem statement and constraints (a JSON object).';


--
-- Name: COLUMN evolution_experiments.objective_function; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.objective_function IS 'What is optimised; from the template if not given.';


--
-- Name: COLUMN evolution_experiments.population_size; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.population_size IS 'Individuals per generation (positive; default 50): individual_index runs from 1 to it.';


--
-- Name: COLUMN evolution_experiments.max_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.max_generations IS 'The last generation number (positive; default 100).';


--
-- Name: COLUMN evolution_experiments.current_generation; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.current_generation IS 'The number of the newest generation, 0 before the first (maintained by a trigger).';


--
-- Name: COLUMN evolution_experiments.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.status IS 'initialized (new), running (from its first generation), completed, failed, cancelled (final).';


--
-- Name: COLUMN evolution_experiments.best_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.best_score IS 'The highest fitness_score of any individual (maintained by a trigger).';


--
-- Name: COLUMN evolution_experiments.convergence_threshold; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.convergence_threshold IS 'Minimum improvement of the best score over 5 generations; less completes the experiment. NULL: no convergence test.';


--
-- Name: COLUMN evolution_experiments.converged_at_generation; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.converged_at_generation IS 'The generation at whose end convergence completed the experiment; NULL otherwise.';


--
-- Name: COLUMN evolution_experiments.mutation_rate; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.mutation_rate IS 'In [0, 1]; default 0.1.';


--
-- Name: COLUMN evolution_experiments.crossover_rate; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.crossover_rate IS 'In [0, 1]; default 0.8.';


--
-- Name: COLUMN evolution_experiments.selection_strategy; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.selection_strategy IS 'tournament (default), roulette, rank or elitist.';


--
-- Name: COLUMN evolution_experiments.llm_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.llm_config IS 'LLM settings for code generation (a JSON object; default {}).';


--
-- Name: COLUMN evolution_experiments.evaluation_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.evaluation_config IS 'How generated code is evaluated (a JSON object; default {}).';


--
-- Name: COLUMN evolution_experiments.finished_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.finished_at IS 'When it reached a final status (set by a trigger).';


--
-- Name: COLUMN evolution_experiments.created_by; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.created_by IS 'Who created it.';


--
-- Name: COLUMN evolution_experiments.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.created_at IS 'When the row was created.';


--
-- Name: COLUMN evolution_experiments.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: evolution_generations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_generations (
    project_id bigint NOT NULL,
    experiment_id uuid NOT NULL,
    generation_number integer NOT NULL,
    scored_count integer DEFAULT 0 NOT NULL,
    evaluated_count integer DEFAULT 0 NOT NULL,
    min_score numeric,
    max_score numeric,
    mean_score numeric,
    stddev_score numeric,
    best_individual_id uuid,
    diversity_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    selection_pressure numeric(3,2),
    generation_start timestamp with time zone DEFAULT now() NOT NULL,
    generation_end timestamp with time zone,
    CONSTRAINT evolution_generations_counts_check CHECK (((scored_count >= 0) AND (scored_count <= evaluated_count))),
    CONSTRAINT evolution_generations_diversity_metrics_check CHECK ((jsonb_typeof(diversity_metrics) = 'object'::text)),
    CONSTRAINT evolution_generations_end_after_start CHECK ((generation_end >= generation_start)),
    CONSTRAINT evolution_generations_generation_number_check CHECK ((generation_number >= 1)),
    CONSTRAINT evolution_generations_selection_pressure_check CHECK ((selection_pressure >= (0)::numeric)),
    CONSTRAINT evolution_generations_stats_iff_scored CHECK ((((scored_count = 0) = (max_score IS NULL)) AND ((max_score IS NULL) = (best_individual_id IS NULL))))
);


--
-- Name: TABLE evolution_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_generations IS 'The generations of an experiment, numbered 1, 2, ... without gaps up to max_generations. Score statistics are maintained from the individuals; a generation ends when population_size individuals are evaluated or generation_end is set, and its end triggers the convergence test.';


--
-- Name: COLUMN evolution_generations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN evolution_generations.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.experiment_id IS 'The experiment.';


--
-- Name: COLUMN evolution_generations.generation_number; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_number IS 'The generation''s number in its experiment: current_generation + 1 when created.';


--
-- Name: COLUMN evolution_generations.scored_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.scored_count IS 'Individuals with a fitness score (completed); the statistics are over these.';


--
-- Name: COLUMN evolution_generations.evaluated_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.evaluated_count IS 'Individuals evaluated, completed or failed.';


--
-- Name: COLUMN evolution_generations.min_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.min_score IS 'Lowest fitness score.';


--
-- Name: COLUMN evolution_generations.max_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.max_score IS 'Highest fitness score.';


--
-- Name: COLUMN evolution_generations.mean_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.mean_score IS 'Mean fitness score.';


--
-- Name: COLUMN evolution_generations.stddev_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.stddev_score IS 'Population standard deviation of the fitness scores (0 for one).';


--
-- Name: COLUMN evolution_generations.best_individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.best_individual_id IS 'The individual with the highest score (the lowest individual_index among equals).';


--
-- Name: COLUMN evolution_generations.diversity_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.diversity_metrics IS 'Genetic diversity measurements (a JSON object).';


--
-- Name: COLUMN evolution_generations.selection_pressure; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.selection_pressure IS 'Selection pressure, not negative.';


--
-- Name: COLUMN evolution_generations.generation_start; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_start IS 'When the generation was created.';


--
-- Name: COLUMN evolution_generations.generation_end; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_end IS 'When it ended: set by the database once population_size individuals are evaluated, or by the caller to end it early. An ended generation takes no more individuals.';


--
-- Name: evolution_individuals; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_individuals (
    project_id bigint NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid DEFAULT gen_random_uuid() NOT NULL,
    generation_number integer NOT NULL,
    individual_index integer NOT NULL,
    genotype jsonb NOT NULL,
    phenotype text,
    fitness_score numeric,
    evaluation_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    parent_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    mutation_applied jsonb,
    crossover_applied jsonb,
    evaluation_time_ms integer,
    evaluation_status text DEFAULT 'pending'::text NOT NULL,
    error_log text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_individuals_evaluation_metrics_check CHECK ((jsonb_typeof(evaluation_metrics) = 'object'::text)),
    CONSTRAINT evolution_individuals_evaluation_status_check CHECK ((evaluation_status = ANY (ARRAY['pending'::text, 'evaluating'::text, 'completed'::text, 'failed'::text]))),
    CONSTRAINT evolution_individuals_evaluation_time_ms_check CHECK ((evaluation_time_ms >= 0)),
    CONSTRAINT evolution_individuals_fitness_score_check CHECK ((fitness_score <> 'NaN'::numeric)),
    CONSTRAINT evolution_individuals_individual_index_check CHECK ((individual_index >= 1)),
    CONSTRAINT evolution_individuals_scored_iff_completed CHECK (((evaluation_status = 'completed'::text) = (fitness_score IS NOT NULL)))
);


--
-- Name: TABLE evolution_individuals; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_individuals IS 'Candidate programs of a generation, at positions 1 to population_size; scoring one (fitness_score with evaluation_status completed) updates the generation''s statistics and the experiment''s best_score.';


--
-- Name: COLUMN evolution_individuals.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN evolution_individuals.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.experiment_id IS 'The experiment.';


--
-- Name: COLUMN evolution_individuals.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.individual_id IS 'The individual''s key within its experiment.';


--
-- Name: COLUMN evolution_individuals.generation_number; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.generation_number IS 'Its generation, which must exist and not have ended.';


--
-- Name: COLUMN evolution_individuals.individual_index; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.individual_index IS 'Its position in the generation, 1 to population_size.';


--
-- Name: COLUMN evolution_individuals.genotype; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.genotype IS 'The code representation.';


--
-- Name: COLUMN evolution_individuals.phenotype; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.phenotype IS 'The executable code.';


--
-- Name: COLUMN evolution_individuals.fitness_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.fitness_score IS 'Fitness (higher is better, not NaN); present exactly when evaluation_status is completed.';


--
-- Name: COLUMN evolution_individuals.evaluation_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_metrics IS 'Detailed evaluation results (a JSON object).';


--
-- Name: COLUMN evolution_individuals.parent_ids; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.parent_ids IS 'Parents: individuals of earlier generations of the same experiment.';


--
-- Name: COLUMN evolution_individuals.mutation_applied; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.mutation_applied IS 'The mutations applied.';


--
-- Name: COLUMN evolution_individuals.crossover_applied; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.crossover_applied IS 'The crossover operations applied.';


--
-- Name: COLUMN evolution_individuals.evaluation_time_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_time_ms IS 'How long evaluation took, in milliseconds.';


--
-- Name: COLUMN evolution_individuals.evaluation_status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_status IS 'pending, evaluating, completed (scored) or failed; completed and failed are final.';


--
-- Name: COLUMN evolution_individuals.error_log; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.error_log IS 'Errors, for a failed evaluation.';


--
-- Name: COLUMN evolution_individuals.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.created_at IS 'When the row was created.';


--
-- Name: identified_patterns; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.identified_patterns (
    project_id bigint NOT NULL,
    pattern_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_type text NOT NULL,
    pattern_name text NOT NULL,
    pattern_description text,
    detection_algorithm text,
    confidence_score numeric(3,2),
    pattern_signature jsonb DEFAULT '{}'::jsonb NOT NULL,
    occurrence_frequency integer DEFAULT 0 NOT NULL,
    first_detected timestamp with time zone DEFAULT now() NOT NULL,
    last_detected timestamp with time zone,
    severity_level text,
    impact_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    remediation_suggestions jsonb,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT identified_patterns_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT identified_patterns_detected_order CHECK ((last_detected >= first_detected)),
    CONSTRAINT identified_patterns_impact_metrics_check CHECK ((jsonb_typeof(impact_metrics) = 'object'::text)),
    CONSTRAINT identified_patterns_occurrence_frequency_check CHECK ((occurrence_frequency >= 0)),
    CONSTRAINT identified_patterns_pattern_name_check CHECK (((pattern_name ~ '\S'::text) AND (length(pattern_name) <= 200))),
    CONSTRAINT identified_patterns_pattern_type_check CHECK ((pattern_type = ANY (ARRAY['code_smell'::text, 'performance_bottleneck'::text, 'usage_pattern'::text, 'security_vulnerability'::text]))),
    CONSTRAINT identified_patterns_severity_level_check CHECK ((severity_level = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT identified_patterns_signature_check CHECK (((jsonb_typeof(pattern_signature) = 'object'::text) AND (octet_length((pattern_signature)::text) <= 2000))),
    CONSTRAINT identified_patterns_status_check CHECK ((status = ANY (ARRAY['active'::text, 'resolved'::text, 'ignored'::text, 'false_positive'::text])))
);


--
-- Name: TABLE identified_patterns; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.identified_patterns IS 'Patterns found in a project''s code and behaviour, unique by type, name and signature; occurrence_frequency, first_detected and last_detected follow learning.pattern_occurrences (trigger).';


--
-- Name: COLUMN identified_patterns.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.project_id IS 'The project the pattern was found in.';


--
-- Name: COLUMN identified_patterns.pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_id IS 'The pattern''s key within its project.';


--
-- Name: COLUMN identified_patterns.pattern_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_type IS 'code_smell, performance_bottleneck, usage_pattern or security_vulnerability.';


--
-- Name: COLUMN identified_patterns.pattern_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_name IS 'A short name, e.g. long_method.';


--
-- Name: COLUMN identified_patterns.pattern_description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_description IS 'What the pattern is.';


--
-- Name: COLUMN identified_patterns.detection_algorithm; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.detection_algorithm IS 'The algorithm that detects it.';


--
-- Name: COLUMN identified_patterns.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.confidence_score IS 'Confidence in the pattern, in [0, 1].';


--
-- Name: COLUMN identified_patterns.pattern_signature; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_signature IS 'What distinguishes this pattern from others of the same type and name (a JSON object of at most 2000 bytes as text).';


--
-- Name: COLUMN identified_patterns.occurrence_frequency; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.occurrence_frequency IS 'How many occurrences were recorded (maintained by a trigger on pattern_occurrences; deletions do not lower it).';


--
-- Name: COLUMN identified_patterns.first_detected; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.first_detected IS 'When the pattern was first seen: its creation, or an earlier occurrence.';


--
-- Name: COLUMN identified_patterns.last_detected; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.last_detected IS 'The latest detection_timestamp of its occurrences; NULL before the first (maintained by a trigger).';


--
-- Name: COLUMN identified_patterns.severity_level; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.severity_level IS 'low, medium, high or critical, if assessed.';


--
-- Name: COLUMN identified_patterns.impact_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.impact_metrics IS 'Performance, maintainability and other impact (a JSON object).';


--
-- Name: COLUMN identified_patterns.remediation_suggestions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.remediation_suggestions IS 'Suggested fixes.';


--
-- Name: COLUMN identified_patterns.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.status IS 'active, resolved, ignored or false_positive.';


--
-- Name: llm_interactions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.llm_interactions (
    project_id bigint NOT NULL,
    interaction_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid,
    interaction_type text NOT NULL,
    llm_model text NOT NULL,
    prompt_text text,
    response_text text,
    prompt_tokens integer DEFAULT 0 NOT NULL,
    completion_tokens integer DEFAULT 0 NOT NULL,
    total_tokens integer GENERATED ALWAYS AS ((prompt_tokens + completion_tokens)) STORED,
    cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
    latency_ms integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT llm_interactions_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT llm_interactions_interaction_type_check CHECK ((interaction_type = ANY (ARRAY['generation'::text, 'mutation'::text, 'crossover'::text, 'evaluation'::text, 'analysis'::text]))),
    CONSTRAINT llm_interactions_latency_ms_check CHECK ((latency_ms >= 0)),
    CONSTRAINT llm_interactions_llm_model_check CHECK ((llm_model ~ '\S'::text)),
    CONSTRAINT llm_interactions_tokens_check CHECK (((prompt_tokens >= 0) AND (completion_tokens >= 0)))
);


--
-- Name: TABLE llm_interactions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.llm_interactions IS 'Calls to an LLM made by an experiment (optionally for one individual): tokens and cost.';


--
-- Name: COLUMN llm_interactions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN llm_interactions.interaction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.interaction_id IS 'The interaction''s key within its project.';


--
-- Name: COLUMN llm_interactions.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.experiment_id IS 'The experiment that made the call.';


--
-- Name: COLUMN llm_interactions.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.individual_id IS 'The individual of the same experiment it was for, if any.';


--
-- Name: COLUMN llm_interactions.interaction_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.interaction_type IS 'generation, mutation, crossover, evaluation or analysis.';


--
-- Name: COLUMN llm_interactions.llm_model; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.llm_model IS 'The LLM, e.g. gpt-4.';


--
-- Name: COLUMN llm_interactions.prompt_text; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.prompt_text IS 'The prompt.';


--
-- Name: COLUMN llm_interactions.response_text; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.response_text IS 'The response.';


--
-- Name: COLUMN llm_interactions.prompt_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.prompt_tokens IS 'Tokens in the prompt, not negative.';


--
-- Name: COLUMN llm_interactions.completion_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.completion_tokens IS 'Tokens in the response, not negative.';


--
-- Name: COLUMN llm_interactions.total_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.total_tokens IS 'prompt_tokens + completion_tokens (generated).';


--
-- Name: COLUMN llm_interactions.cost_usd; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.cost_usd IS 'What the call cost, in US dollars, not negative.';


--
-- Name: COLUMN llm_interactions.latency_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.latency_ms IS 'How long the call took, in milliseconds.';


--
-- Name: COLUMN llm_interactions.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.created_at IS 'When the call was made.';


--
-- Name: pattern_occurrences; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.pattern_occurrences (
    project_id bigint NOT NULL,
    occurrence_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_id uuid NOT NULL,
    source_type text NOT NULL,
    source_id text NOT NULL,
    location_data jsonb,
    context_data jsonb,
    detection_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    detection_model_id uuid,
    confidence_score numeric(3,2),
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT pattern_occurrences_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT pattern_occurrences_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT pattern_occurrences_source_id_check CHECK ((source_id ~ '\S'::text)),
    CONSTRAINT pattern_occurrences_source_type_check CHECK ((source_type = ANY (ARRAY['git_commit'::text, 'code_file'::text, 'user_session'::text])))
)
PARTITION BY RANGE (detection_timestamp);


--
-- Name: TABLE pattern_occurrences; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.pattern_occurrences IS 'Each detection of an identified pattern in a source (commit, file, session), partitioned by ISO week of detection_timestamp (pattern_occurrences_pIYYYYwIW, plus pattern_occurrences_default for rows outside them). Rows are facts: pattern, project and time never change.';


--
-- Name: COLUMN pattern_occurrences.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.project_id IS 'The project of the pattern.';


--
-- Name: COLUMN pattern_occurrences.occurrence_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.occurrence_id IS 'The occurrence''s key (with project_id and detection_timestamp, the partition key).';


--
-- Name: COLUMN pattern_occurrences.pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.pattern_id IS 'The pattern detected.';


--
-- Name: COLUMN pattern_occurrences.source_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.source_type IS 'git_commit, code_file or user_session.';


--
-- Name: COLUMN pattern_occurrences.source_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.source_id IS 'The id of the source entity.';


--
-- Name: COLUMN pattern_occurrences.location_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.location_data IS 'File path, line numbers, function names.';


--
-- Name: COLUMN pattern_occurrences.context_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.context_data IS 'Surrounding code or environment.';


--
-- Name: COLUMN pattern_occurrences.detection_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.detection_timestamp IS 'When it was detected; the partition key.';


--
-- Name: COLUMN pattern_occurrences.detection_model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.detection_model_id IS 'The model version that detected it, if any.';


--
-- Name: COLUMN pattern_occurrences.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.confidence_score IS 'Confidence in this detection, in [0, 1].';


--
-- Name: COLUMN pattern_occurrences.metadata; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.metadata IS 'Other context (a JSON object).';


--
-- Name: pattern_occurrences_default; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.pattern_occurrences_default (
    project_id bigint NOT NULL,
    occurrence_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_id uuid NOT NULL,
    source_type text NOT NULL,
    source_id text NOT NULL,
    location_data jsonb,
    context_data jsonb,
    detection_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    detection_model_id uuid,
    confidence_score numeric(3,2),
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT pattern_occurrences_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT pattern_occurrences_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT pattern_occurrences_source_id_check CHECK ((source_id ~ '\S'::text)),
    CONSTRAINT pattern_occurrences_source_type_check CHECK ((source_type = ANY (ARRAY['git_commit'::text, 'code_file'::text, 'user_session'::text])))
);


--
-- Name: TABLE pattern_occurrences_default; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.pattern_occurrences_default IS 'Occurrences outside every weekly partition; learning.create_pattern_occurrence_partitions() moves them into the week they belong to when it creates it.';


--
-- Name: recommendations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.recommendations (
    project_id bigint NOT NULL,
    recommendation_id uuid DEFAULT gen_random_uuid() NOT NULL,
    recommendation_type text NOT NULL,
    title text NOT NULL,
    description text,
    confidence_score numeric(3,2),
    priority text DEFAULT 'medium'::text NOT NULL,
    source_pattern_id uuid,
    source_prediction_id uuid,
    status text DEFAULT 'proposed'::text NOT NULL,
    feedback jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT recommendations_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT recommendations_has_source CHECK ((num_nonnulls(source_pattern_id, source_prediction_id) > 0)),
    CONSTRAINT recommendations_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT recommendations_recommendation_type_check CHECK ((recommendation_type = ANY (ARRAY['refactoring'::text, 'performance'::text, 'testing'::text, 'security'::text, 'process'::text]))),
    CONSTRAINT recommendations_status_check CHECK ((status = ANY (ARRAY['proposed'::text, 'accepted'::text, 'rejected'::text, 'implemented'::text]))),
    CONSTRAINT recommendations_title_check CHECK (((title ~ '\S'::text) AND (length(title) <= 300)))
);


--
-- Name: TABLE recommendations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.recommendations IS 'Recommendations derived from an identified pattern and/or a prediction of the same project; status proposed -> accepted -> implemented, or rejected (a trigger refuses other moves).';


--
-- Name: COLUMN recommendations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.project_id IS 'The project it is for.';


--
-- Name: COLUMN recommendations.recommendation_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.recommendation_id IS 'The recommendation''s key within its project.';


--
-- Name: COLUMN recommendations.recommendation_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.recommendation_type IS 'refactoring, performance, testing, security or process.';


--
-- Name: COLUMN recommendations.title; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.title IS 'One line, 1 to 300 characters.';


--
-- Name: COLUMN recommendations.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.description IS 'What to do and why.';


--
-- Name: COLUMN recommendations.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.confidence_score IS 'Confidence in the recommendation, in [0, 1].';


--
-- Name: COLUMN recommendations.priority; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.priority IS 'low, medium, high or critical.';


--
-- Name: COLUMN recommendations.source_pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.source_pattern_id IS 'The identified pattern it comes from; at least one source is required.';


--
-- Name: COLUMN recommendations.source_prediction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.source_prediction_id IS 'The prediction it comes from; at least one source is required.';


--
-- Name: COLUMN recommendations.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.status IS 'proposed (new), accepted, rejected (final), implemented (final).';


--
-- Name: COLUMN recommendations.feedback; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.feedback IS 'What people said about it.';


--
-- Name: COLUMN recommendations.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.created_at IS 'When the row was created.';


--
-- Name: COLUMN recommendations.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: training_datasets; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.training_datasets (
    project_id bigint NOT NULL,
    dataset_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    version text NOT NULL,
    dataset_type text NOT NULL,
    source_type text,
    data_schema jsonb,
    storage_location text,
    size_bytes bigint,
    record_count bigint,
    quality_score numeric(3,2),
    preprocessing_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT training_datasets_dataset_type_check CHECK ((dataset_type = ANY (ARRAY['code_patterns'::text, 'performance_metrics'::text, 'user_behavior'::text]))),
    CONSTRAINT training_datasets_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT training_datasets_preprocessing_config_check CHECK ((jsonb_typeof(preprocessing_config) = 'object'::text)),
    CONSTRAINT training_datasets_quality_score_range CHECK (((quality_score >= (0)::numeric) AND (quality_score <= (1)::numeric))),
    CONSTRAINT training_datasets_record_count_check CHECK ((record_count >= 0)),
    CONSTRAINT training_datasets_size_bytes_check CHECK ((size_bytes >= 0)),
    CONSTRAINT training_datasets_source_type_check CHECK ((source_type = ANY (ARRAY['git_history'::text, 'user_interactions'::text, 'system_metrics'::text]))),
    CONSTRAINT training_datasets_version_check CHECK (((version ~ '\S'::text) AND (length(version) <= 50)))
);


--
-- Name: TABLE training_datasets; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.training_datasets IS 'Versioned training datasets of a project: where the data is, its shape, size and quality.';


--
-- Name: COLUMN training_datasets.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.project_id IS 'The project the data comes from.';


--
-- Name: COLUMN training_datasets.dataset_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.dataset_id IS 'The dataset version''s key within its project.';


--
-- Name: COLUMN training_datasets.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.name IS 'The dataset''s name, shared by its versions.';


--
-- Name: COLUMN training_datasets.version; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.version IS 'The version label, unique per name within the project.';


--
-- Name: COLUMN training_datasets.dataset_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.dataset_type IS 'code_patterns, performance_metrics or user_behavior.';


--
-- Name: COLUMN training_datasets.source_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.source_type IS 'git_history, user_interactions or system_metrics, if known.';


--
-- Name: COLUMN training_datasets.data_schema; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.data_schema IS 'The schema of the records.';


--
-- Name: COLUMN training_datasets.storage_location; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.storage_location IS 'Path or URL of the data.';


--
-- Name: COLUMN training_datasets.size_bytes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.size_bytes IS 'Size of the data in bytes, not negative.';


--
-- Name: COLUMN training_datasets.record_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.record_count IS 'Number of records, not negative.';


--
-- Name: COLUMN training_datasets.quality_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.quality_score IS 'Data quality in [0, 1].';


--
-- Name: COLUMN training_datasets.preprocessing_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.preprocessing_config IS 'How the data was preprocessed (a JSON object).';


--
-- Name: COLUMN training_datasets.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.created_at IS 'When the row was created.';


--
-- Name: COLUMN training_datasets.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: managed_extensions; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.managed_extensions (
    extension_name name NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE managed_extensions; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.managed_extensions IS 'Extensions that pgpattern created (and so may drop on rollback); extensions a DBA installed before are not listed.';


--
-- Name: COLUMN managed_extensions.extension_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.managed_extensions.extension_name IS 'The extension name, as in pg_extension.';


--
-- Name: COLUMN managed_extensions.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.managed_extensions.created_at IS 'When a pgpattern migration created it.';


--
-- Name: migration_checksums; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.migration_checksums (
    migration_id text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by name DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT migration_checksums_checksum_check CHECK ((checksum ~ '^[0-9a-f]{64}$'::text))
);


--
-- Name: TABLE migration_checksums; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.migration_checksums IS 'One row per applied migration: the sha256 of its file and its rollback file when it was applied, written in the same transaction as the migration.';


--
-- Name: COLUMN migration_checksums.migration_id; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.migration_id IS 'The yoyo migration id: the file name without .sql.';


--
-- Name: COLUMN migration_checksums.checksum; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.checksum IS 'sha256 (hex) of the migration file, a separator and its .rollback.sql file.';


--
-- Name: COLUMN migration_checksums.applied_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.applied_at IS 'When the migration was applied.';


--
-- Name: COLUMN migration_checksums.applied_by; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.applied_by IS 'The database role that applied it.';


--
-- Name: scheduled_jobs; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.scheduled_jobs (
    job_name text NOT NULL,
    schedule text NOT NULL,
    command text NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT scheduled_jobs_command_check CHECK ((command ~ '\S'::text)),
    CONSTRAINT scheduled_jobs_description_check CHECK ((description ~ '\S'::text)),
    CONSTRAINT scheduled_jobs_job_name_check CHECK ((job_name ~ '^pgpattern-[a-z0-9-]+$'::text)),
    CONSTRAINT scheduled_jobs_schedule_check CHECK ((schedule ~ '^\S+( \S+){4}$'::text))
);


--
-- Name: TABLE scheduled_jobs; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.scheduled_jobs IS 'The pg_cron jobs pgpattern wants: one row per job, scheduled in cron.job where pg_cron is installed.';


--
-- Name: COLUMN scheduled_jobs.job_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.job_name IS 'The pg_cron job name, prefixed pgpattern-.';


--
-- Name: COLUMN scheduled_jobs.schedule; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.schedule IS 'A five-field cron schedule in UTC (pg_cron 1.4 has no sub-minute schedules).';


--
-- Name: COLUMN scheduled_jobs.command; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.command IS 'The SQL the job runs, in this database.';


--
-- Name: COLUMN scheduled_jobs.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.description IS 'What the job is for.';


--
-- Name: COLUMN scheduled_jobs.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.created_at IS 'When the job was first wanted.';


--
-- Name: pattern_occurrences_default; Type: TABLE ATTACH; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences ATTACH PARTITION learning.pattern_occurrences_default DEFAULT;


--
-- Name: projects projects_name_key; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.projects
    ADD CONSTRAINT projects_name_key UNIQUE (name);


--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (project_id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (project_id, session_id);


--
-- Name: code_evaluations code_evaluations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.code_evaluations
    ADD CONSTRAINT code_evaluations_pkey PRIMARY KEY (project_id, evaluation_id);


--
-- Name: evolution_experiment_templates evolution_experiment_templates_name_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiment_templates
    ADD CONSTRAINT evolution_experiment_templates_name_key UNIQUE (name);


--
-- Name: evolution_experiment_templates evolution_experiment_templates_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiment_templates
    ADD CONSTRAINT evolution_experiment_templates_pkey PRIMARY KEY (template_id);


--
-- Name: evolution_experiments evolution_experiments_name_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_name_key UNIQUE (project_id, name);


--
-- Name: evolution_experiments evolution_experiments_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_pkey PRIMARY KEY (project_id, experiment_id);


--
-- Name: evolution_generations evolution_generations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_pkey PRIMARY KEY (project_id, experiment_id, generation_number);


--
-- Name: evolution_individuals evolution_individuals_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_pkey PRIMARY KEY (project_id, experiment_id, individual_id);


--
-- Name: evolution_individuals evolution_individuals_position_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_position_key UNIQUE (project_id, experiment_id, generation_number, individual_index);


--
-- Name: identified_patterns identified_patterns_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_pkey PRIMARY KEY (project_id, pattern_id);


--
-- Name: identified_patterns identified_patterns_type_name_signature_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_type_name_signature_key UNIQUE (project_id, pattern_type, pattern_name, pattern_signature);


--
-- Name: llm_interactions llm_interactions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_pkey PRIMARY KEY (project_id, interaction_id);


--
-- Name: ml_models ml_models_name_version_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_name_version_key UNIQUE (project_id, name, version);


--
-- Name: ml_models ml_models_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_pkey PRIMARY KEY (project_id, model_id);


--
-- Name: model_training_sessions model_training_sessions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_pkey PRIMARY KEY (project_id, training_session_id);


--
-- Name: pattern_occurrences pattern_occurrences_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pkey PRIMARY KEY (project_id, occurrence_id, detection_timestamp);


--
-- Name: pattern_occurrences_default pattern_occurrences_default_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences_default
    ADD CONSTRAINT pattern_occurrences_default_pkey PRIMARY KEY (project_id, occurrence_id, detection_timestamp);


--
-- Name: predictions predictions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_pkey PRIMARY KEY (project_id, prediction_id);


--
-- Name: recommendations recommendations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_pkey PRIMARY KEY (project_id, recommendation_id);


--
-- Name: training_datasets training_datasets_name_version_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_name_version_key UNIQUE (project_id, name, version);


--
-- Name: training_datasets training_datasets_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_pkey PRIMARY KEY (project_id, dataset_id);


--
-- Name: managed_extensions managed_extensions_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.managed_extensions
    ADD CONSTRAINT managed_extensions_pkey PRIMARY KEY (extension_name);


--
-- Name: migration_checksums migration_checksums_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.migration_checksums
    ADD CONSTRAINT migration_checksums_pkey PRIMARY KEY (migration_id);


--
-- Name: scheduled_jobs scheduled_jobs_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.scheduled_jobs
    ADD CONSTRAINT scheduled_jobs_pkey PRIMARY KEY (job_name);


--
-- Name: sessions_project_started_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX sessions_project_started_idx ON core.sessions USING btree (project_id, started_at DESC);


--
-- Name: INDEX sessions_project_started_idx; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON INDEX core.sessions_project_started_idx IS 'A project''s sessions, newest first.';


--
-- Name: code_evaluations_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX code_evaluations_individual_idx ON learning.code_evaluations USING btree (project_id, experiment_id, individual_id);


--
-- Name: INDEX code_evaluations_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.code_evaluations_individual_idx IS 'An individual''s evaluations (supports its foreign key).';


--
-- Name: evolution_experiments_running_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_experiments_running_idx ON learning.evolution_experiments USING btree (project_id, created_at) WHERE (status = 'running'::text);


--
-- Name: INDEX evolution_experiments_running_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_experiments_running_idx IS 'Running experiments.';


--
-- Name: evolution_experiments_template_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_experiments_template_idx ON learning.evolution_experiments USING btree (template_id);


--
-- Name: INDEX evolution_experiments_template_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_experiments_template_idx IS 'Experiments created from a template (supports its foreign key).';


--
-- Name: evolution_generations_best_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_generations_best_individual_idx ON learning.evolution_generations USING btree (project_id, experiment_id, best_individual_id) WHERE (best_individual_id IS NOT NULL);


--
-- Name: INDEX evolution_generations_best_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_generations_best_individual_idx IS 'Supports the best-individual foreign key.';


--
-- Name: evolution_individuals_fitness_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_individuals_fitness_idx ON learning.evolution_individuals USING btree (project_id, experiment_id, fitness_score DESC) WHERE (fitness_score IS NOT NULL);


--
-- Name: INDEX evolution_individuals_fitness_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_individuals_fitness_idx IS 'An experiment''s leaderboard.';


--
-- Name: identified_patterns_last_detected_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX identified_patterns_last_detected_idx ON learning.identified_patterns USING btree (project_id, last_detected);


--
-- Name: INDEX identified_patterns_last_detected_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.identified_patterns_last_detected_idx IS 'Recently detected patterns.';


--
-- Name: identified_patterns_type_status_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX identified_patterns_type_status_idx ON learning.identified_patterns USING btree (project_id, pattern_type, status);


--
-- Name: INDEX identified_patterns_type_status_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.identified_patterns_type_status_idx IS 'Patterns of a type and status.';


--
-- Name: llm_interactions_experiment_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX llm_interactions_experiment_idx ON learning.llm_interactions USING btree (project_id, experiment_id, created_at);


--
-- Name: INDEX llm_interactions_experiment_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.llm_interactions_experiment_idx IS 'An experiment''s LLM calls over time (supports its foreign key).';


--
-- Name: llm_interactions_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX llm_interactions_individual_idx ON learning.llm_interactions USING btree (project_id, experiment_id, individual_id) WHERE (individual_id IS NOT NULL);


--
-- Name: INDEX llm_interactions_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.llm_interactions_individual_idx IS 'LLM calls for an individual (supports its foreign key).';


--
-- Name: ml_models_one_active_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX ml_models_one_active_idx ON learning.ml_models USING btree (project_id, name) WHERE (status = 'active'::text);


--
-- Name: INDEX ml_models_one_active_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_one_active_idx IS 'At most one active version per model name (the trigger gives the clear error; this index holds under concurrency).';


--
-- Name: ml_models_parent_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ml_models_parent_idx ON learning.ml_models USING btree (project_id, parent_model_id) WHERE (parent_model_id IS NOT NULL);


--
-- Name: INDEX ml_models_parent_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_parent_idx IS 'Children of a model version (lineage downwards; supports the parent foreign key).';


--
-- Name: ml_models_type_status_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ml_models_type_status_idx ON learning.ml_models USING btree (project_id, model_type, status);


--
-- Name: INDEX ml_models_type_status_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_type_status_idx IS 'Models of a type and status.';


--
-- Name: model_performance_summary_key; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX model_performance_summary_key ON learning.model_performance_summary USING btree (project_id, model_id);


--
-- Name: INDEX model_performance_summary_key; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_performance_summary_key IS 'One row per model version; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';


--
-- Name: model_training_sessions_dataset_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_dataset_idx ON learning.model_training_sessions USING btree (project_id, dataset_id);


--
-- Name: INDEX model_training_sessions_dataset_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_dataset_idx IS 'Sessions that used a dataset (supports its foreign key).';


--
-- Name: model_training_sessions_model_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_model_idx ON learning.model_training_sessions USING btree (project_id, model_id, training_start);


--
-- Name: INDEX model_training_sessions_model_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_model_idx IS 'A model''s training sessions in time order.';


--
-- Name: model_training_sessions_running_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_running_idx ON learning.model_training_sessions USING btree (project_id, training_start) WHERE (status = 'running'::text);


--
-- Name: INDEX model_training_sessions_running_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_running_idx IS 'Sessions still running.';


--
-- Name: pattern_occurrences_model_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_model_idx ON ONLY learning.pattern_occurrences USING btree (project_id, detection_model_id) WHERE (detection_model_id IS NOT NULL);


--
-- Name: INDEX pattern_occurrences_model_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_model_idx IS 'Occurrences a model detected (supports the model foreign key).';


--
-- Name: pattern_occurrences_default_project_id_detection_model_id_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_detection_model_id_idx ON learning.pattern_occurrences_default USING btree (project_id, detection_model_id) WHERE (detection_model_id IS NOT NULL);


--
-- Name: pattern_occurrences_pattern_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_pattern_idx ON ONLY learning.pattern_occurrences USING btree (project_id, pattern_id, detection_timestamp);


--
-- Name: INDEX pattern_occurrences_pattern_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_pattern_idx IS 'A pattern''s occurrences over time (supports the pattern foreign key).';


--
-- Name: pattern_occurrences_default_project_id_pattern_id_detection_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_pattern_id_detection_idx ON learning.pattern_occurrences_default USING btree (project_id, pattern_id, detection_timestamp);


--
-- Name: pattern_occurrences_source_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_source_idx ON ONLY learning.pattern_occurrences USING btree (project_id, source_type, source_id);


--
-- Name: INDEX pattern_occurrences_source_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_source_idx IS 'Occurrences in a source entity.';


--
-- Name: pattern_occurrences_default_project_id_source_type_source_i_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_source_type_source_i_idx ON learning.pattern_occurrences_default USING btree (project_id, source_type, source_id);


--
-- Name: predictions_expiring_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_expiring_idx ON learning.predictions USING btree (prediction_timestamp) WHERE ((status = 'active'::text) AND (prediction_horizon IS NOT NULL));


--
-- Name: INDEX predictions_expiring_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_expiring_idx IS 'Active predictions that can expire: what learning.expire_predictions() scans.';


--
-- Name: predictions_model_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_model_time_idx ON learning.predictions USING btree (project_id, model_id, prediction_timestamp);


--
-- Name: INDEX predictions_model_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_model_time_idx IS 'A model''s predictions over time (supports the model foreign key and the accuracy reports).';


--
-- Name: predictions_target_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_target_idx ON learning.predictions USING btree (project_id, target_entity_type, target_entity_id);


--
-- Name: INDEX predictions_target_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_target_idx IS 'Predictions about an entity.';


--
-- Name: recommendations_open_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_open_idx ON learning.recommendations USING btree (project_id, priority, created_at) WHERE (status = ANY (ARRAY['proposed'::text, 'accepted'::text]));


--
-- Name: INDEX recommendations_open_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_open_idx IS 'Open recommendations by priority.';


--
-- Name: recommendations_source_pattern_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_source_pattern_idx ON learning.recommendations USING btree (project_id, source_pattern_id) WHERE (source_pattern_id IS NOT NULL);


--
-- Name: INDEX recommendations_source_pattern_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_source_pattern_idx IS 'Recommendations from a pattern (supports its foreign key).';


--
-- Name: recommendations_source_prediction_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_source_prediction_idx ON learning.recommendations USING btree (project_id, source_prediction_id) WHERE (source_prediction_id IS NOT NULL);


--
-- Name: INDEX recommendations_source_prediction_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_source_prediction_idx IS 'Recommendations from a prediction (supports its foreign key).';


--
-- Name: pattern_occurrences_default_pkey; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_pkey ATTACH PARTITION learning.pattern_occurrences_default_pkey;


--
-- Name: pattern_occurrences_default_project_id_detection_model_id_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_model_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_detection_model_id_idx;


--
-- Name: pattern_occurrences_default_project_id_pattern_id_detection_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_pattern_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_pattern_id_detection_idx;


--
-- Name: pattern_occurrences_default_project_id_source_type_source_i_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_source_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_source_type_source_i_idx;


--
-- Name: projects projects_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER projects_touch_updated_at BEFORE UPDATE ON core.projects FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: sessions sessions_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER sessions_touch_updated_at BEFORE UPDATE ON core.sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: evolution_experiment_templates evolution_experiment_templates_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiment_templates_touch_updated_at BEFORE UPDATE ON learning.evolution_experiment_templates FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: evolution_experiments evolution_experiments_rules; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_rules BEFORE INSERT OR UPDATE ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION learning.evolution_experiments_rules();


--
-- Name: evolution_experiments evolution_experiments_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>initialized', 'initialized>running', 'initialized>cancelled', 'running>completed', 'running>failed', 'running>cancelled');


--
-- Name: evolution_experiments evolution_experiments_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_touch_updated_at BEFORE UPDATE ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: evolution_generations evolution_generations_propagate; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_generations_propagate AFTER UPDATE ON learning.evolution_generations FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_propagate();


--
-- Name: evolution_generations evolution_generations_start; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_generations_start BEFORE INSERT ON learning.evolution_generations FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_start();


--
-- Name: evolution_individuals evolution_individuals_check; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_check BEFORE INSERT OR UPDATE ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_check();


--
-- Name: evolution_individuals evolution_individuals_score; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_score AFTER INSERT OR DELETE OR UPDATE ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_score();


--
-- Name: evolution_individuals evolution_individuals_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_status_lifecycle BEFORE INSERT OR UPDATE OF evaluation_status ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('evaluation_status', '>pending', '>evaluating', '>completed', '>failed', 'pending>evaluating', 'pending>completed', 'pending>failed', 'evaluating>completed', 'evaluating>failed');


--
-- Name: ml_models ml_models_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>training', '>active', 'training>active', 'training>archived', 'active>deprecated', 'deprecated>archived');


--
-- Name: ml_models ml_models_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_touch_updated_at BEFORE UPDATE ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: ml_models ml_models_version_rules; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_version_rules BEFORE INSERT OR UPDATE ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION learning.ml_models_version_rules();


--
-- Name: model_training_sessions model_training_sessions_finish; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_finish BEFORE UPDATE OF status ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION learning.model_training_sessions_finish();


--
-- Name: model_training_sessions model_training_sessions_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>running', 'running>completed', 'running>failed', 'running>cancelled');


--
-- Name: model_training_sessions model_training_sessions_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_touch_updated_at BEFORE UPDATE ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: pattern_occurrences pattern_occurrences_count; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER pattern_occurrences_count AFTER INSERT ON learning.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_count();


--
-- Name: pattern_occurrences pattern_occurrences_immutable; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER pattern_occurrences_immutable BEFORE UPDATE ON learning.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_immutable();


--
-- Name: predictions predictions_record_outcome; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_record_outcome BEFORE INSERT OR UPDATE ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.predictions_record_outcome();


--
-- Name: predictions predictions_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_status_lifecycle BEFORE INSERT OR UPDATE OF status, actual_outcome ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>active', '>validated', 'active>validated', 'active>expired', 'active>invalidated', 'validated>invalidated');


--
-- Name: recommendations recommendations_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER recommendations_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.recommendations FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>proposed', 'proposed>accepted', 'proposed>rejected', 'accepted>implemented', 'accepted>rejected');


--
-- Name: recommendations recommendations_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER recommendations_touch_updated_at BEFORE UPDATE ON learning.recommendations FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: training_datasets training_datasets_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER training_datasets_touch_updated_at BEFORE UPDATE ON learning.training_datasets FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: sessions sessions_project_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.sessions
    ADD CONSTRAINT sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: code_evaluations code_evaluations_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.code_evaluations
    ADD CONSTRAINT code_evaluations_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE CASCADE;


--
-- Name: evolution_experiments evolution_experiments_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: evolution_experiments evolution_experiments_template_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_template_id_fkey FOREIGN KEY (template_id) REFERENCES learning.evolution_experiment_templates(template_id);


--
-- Name: evolution_generations evolution_generations_best_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_best_individual_fkey FOREIGN KEY (project_id, experiment_id, best_individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE SET NULL (best_individual_id);


--
-- Name: evolution_generations evolution_generations_experiment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_experiment_fkey FOREIGN KEY (project_id, experiment_id) REFERENCES learning.evolution_experiments(project_id, experiment_id) ON DELETE CASCADE;


--
-- Name: evolution_individuals evolution_individuals_generation_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_generation_fkey FOREIGN KEY (project_id, experiment_id, generation_number) REFERENCES learning.evolution_generations(project_id, experiment_id, generation_number) ON DELETE CASCADE;


--
-- Name: identified_patterns identified_patterns_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: llm_interactions llm_interactions_experiment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_experiment_fkey FOREIGN KEY (project_id, experiment_id) REFERENCES learning.evolution_experiments(project_id, experiment_id) ON DELETE CASCADE;


--
-- Name: llm_interactions llm_interactions_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE SET NULL (individual_id);


--
-- Name: ml_models ml_models_parent_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_parent_fkey FOREIGN KEY (project_id, parent_model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: ml_models ml_models_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: model_training_sessions model_training_sessions_dataset_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_dataset_fkey FOREIGN KEY (project_id, dataset_id) REFERENCES learning.training_datasets(project_id, dataset_id);


--
-- Name: model_training_sessions model_training_sessions_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_model_fkey FOREIGN KEY (project_id, model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: model_training_sessions model_training_sessions_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pattern_occurrences pattern_occurrences_detection_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_detection_model_fkey FOREIGN KEY (project_id, detection_model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: pattern_occurrences pattern_occurrences_pattern_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pattern_fkey FOREIGN KEY (project_id, pattern_id) REFERENCES learning.identified_patterns(project_id, pattern_id);


--
-- Name: pattern_occurrences pattern_occurrences_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: predictions predictions_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_model_fkey FOREIGN KEY (project_id, model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: predictions predictions_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: recommendations recommendations_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: recommendations recommendations_source_pattern_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_source_pattern_fkey FOREIGN KEY (project_id, source_pattern_id) REFERENCES learning.identified_patterns(project_id, pattern_id);


--
-- Name: recommendations recommendations_source_prediction_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_source_prediction_fkey FOREIGN KEY (project_id, source_prediction_id) REFERENCES learning.predictions(project_id, prediction_id);


--
-- Name: training_datasets training_datasets_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: SCHEMA api; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA api TO pgpattern_reader;


--
-- Name: SCHEMA core; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA core TO pgpattern_writer;


--
-- Name: SCHEMA git; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA git TO pgpattern_writer;


--
-- Name: SCHEMA learning; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA learning TO pgpattern_writer;


--
-- Name: SCHEMA ops; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA ops TO pgpattern_admin;


--
-- Name: SCHEMA patterns; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA patterns TO pgpattern_writer;


--
-- Name: SCHEMA workflow; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA workflow TO pgpattern_writer;


--
-- Name: FUNCTION experiment_convergence(p_project_id bigint, p_experiment_id uuid); Type: ACL; Schema: api; Owner: -
--

GRANT ALL ON FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid) TO pgpattern_reader;


--
-- Name: FUNCTION experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer); Type: ACL; Schema: api; Owner: -
--

GRANT ALL ON FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer) TO pgpattern_reader;


--
-- Name: FUNCTION model_lineage(p_project_id bigint, p_model_id uuid); Type: ACL; Schema: api; Owner: -
--

GRANT ALL ON FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) TO pgpattern_reader;


--
-- Name: FUNCTION prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: api; Owner: -
--

GRANT ALL ON FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone) TO pgpattern_reader;


--
-- Name: FUNCTION touch_updated_at(); Type: ACL; Schema: core; Owner: -
--

GRANT ALL ON FUNCTION core.touch_updated_at() TO pgpattern_writer;


--
-- Name: FUNCTION activate_model(p_project_id bigint, p_model_id uuid); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) TO pgpattern_writer;


--
-- Name: TABLE model_training_sessions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.model_training_sessions TO pgpattern_writer;


--
-- Name: FUNCTION append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer) TO pgpattern_writer;


--
-- Name: FUNCTION create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION enforce_status_lifecycle(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.enforce_status_lifecycle() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_experiments_rules(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_experiments_rules() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_generations_propagate(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_generations_propagate() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_generations_start(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_generations_start() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_individuals_check(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_individuals_check() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_individuals_score(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_individuals_score() TO pgpattern_writer;


--
-- Name: FUNCTION expire_predictions(p_as_of timestamp with time zone); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.expire_predictions(p_as_of timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION ml_models_version_rules(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ml_models_version_rules() TO pgpattern_writer;


--
-- Name: FUNCTION model_training_sessions_finish(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.model_training_sessions_finish() TO pgpattern_writer;


--
-- Name: FUNCTION pattern_occurrences_count(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.pattern_occurrences_count() TO pgpattern_writer;


--
-- Name: FUNCTION pattern_occurrences_immutable(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.pattern_occurrences_immutable() TO pgpattern_writer;


--
-- Name: FUNCTION prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION predictions_record_outcome(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.predictions_record_outcome() TO pgpattern_writer;


--
-- Name: FUNCTION pg_cron_status(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.pg_cron_status() TO pgpattern_admin;


--
-- Name: FUNCTION project_schemas(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.project_schemas() TO pgpattern_admin;


--
-- Name: FUNCTION purge_cron_history(p_keep interval); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.purge_cron_history(p_keep interval) TO pgpattern_admin;


--
-- Name: FUNCTION schedule_job(p_job_name text, p_schedule text, p_command text, p_description text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) TO pgpattern_admin;


--
-- Name: FUNCTION sync_scheduled_jobs(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.sync_scheduled_jobs() TO pgpattern_admin;


--
-- Name: FUNCTION unschedule_job(p_job_name text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.unschedule_job(p_job_name text) TO pgpattern_admin;


--
-- Name: FUNCTION validate_schema_integrity(p_migration_files jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.validate_schema_integrity(p_migration_files jsonb) TO pgpattern_admin;


--
-- Name: TABLE ml_models; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ml_models TO pgpattern_writer;


--
-- Name: TABLE predictions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.predictions TO pgpattern_writer;


--
-- Name: TABLE model_performance_summary; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.model_performance_summary TO pgpattern_writer;


--
-- Name: TABLE model_performance_summary; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.model_performance_summary TO pgpattern_reader;


--
-- Name: TABLE projects; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.projects TO pgpattern_writer;


--
-- Name: SEQUENCE projects_project_id_seq; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE core.projects_project_id_seq TO pgpattern_writer;


--
-- Name: TABLE sessions; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.sessions TO pgpattern_writer;


--
-- Name: TABLE code_evaluations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.code_evaluations TO pgpattern_writer;


--
-- Name: TABLE evolution_experiment_templates; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_experiment_templates TO pgpattern_writer;


--
-- Name: TABLE evolution_experiments; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_experiments TO pgpattern_writer;


--
-- Name: TABLE evolution_generations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_generations TO pgpattern_writer;


--
-- Name: TABLE evolution_individuals; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_individuals TO pgpattern_writer;


--
-- Name: TABLE identified_patterns; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.identified_patterns TO pgpattern_writer;


--
-- Name: TABLE llm_interactions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.llm_interactions TO pgpattern_writer;


--
-- Name: TABLE pattern_occurrences; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.pattern_occurrences TO pgpattern_writer;


--
-- Name: TABLE pattern_occurrences_default; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.pattern_occurrences_default TO pgpattern_writer;


--
-- Name: TABLE recommendations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.recommendations TO pgpattern_writer;


--
-- Name: TABLE training_datasets; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.training_datasets TO pgpattern_writer;


--
-- Name: TABLE managed_extensions; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.managed_extensions TO pgpattern_admin;


--
-- Name: TABLE scheduled_jobs; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.scheduled_jobs TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: api; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT ALL ON FUNCTIONS  TO pgpattern_reader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: api; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT SELECT ON TABLES  TO pgpattern_reader;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT ALL ON FUNCTIONS  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- PostgreSQL database dump complete
--
