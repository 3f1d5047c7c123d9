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
-- Name: enforce_status_lifecycle(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.enforce_status_lifecycle() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_from    text := CASE TG_OP WHEN 'INSERT' THEN '' ELSE OLD.status END;
    v_allowed text[] := TG_ARGV;
BEGIN
    /*
     * BEFORE INSERT OR UPDATE trigger on a table with a status column. Its arguments
     * are the legal moves: '>s' (a row may start as s) and 'a>b' (a row may go from a to b).
     */
    IF v_from = NEW.status OR (v_from || '>' || NEW.status) = ANY (v_allowed) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION '%.status cannot start as %', TG_TABLE_NAME, NEW.status
            USING ERRCODE = 'check_violation',
                  HINT = format('a new row starts as one of: %s',
                                array_to_string(ARRAY(SELECT substr(a, 2) FROM unnest(v_allowed) a
                                                       WHERE a LIKE '>%'), ', '));
    END IF;
    RAISE EXCEPTION '%.status cannot change from % to %', TG_TABLE_NAME, v_from, NEW.status
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

COMMENT ON FUNCTION learning.enforce_status_lifecycle() IS 'BEFORE INSERT OR UPDATE trigger function for a status column: the trigger arguments list the legal moves, ''>s'' for a status a new row may start in and ''a>b'' for a change; anything else raises check_violation (23514) naming the table and both statuses.';


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
-- Name: predictions predictions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_pkey PRIMARY KEY (project_id, prediction_id);


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
-- Name: projects projects_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER projects_touch_updated_at BEFORE UPDATE ON core.projects FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: sessions sessions_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER sessions_touch_updated_at BEFORE UPDATE ON core.sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: ml_models ml_models_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('>training', '>active', 'training>active', 'training>archived', 'active>deprecated', 'deprecated>archived');


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

CREATE TRIGGER model_training_sessions_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('>running', 'running>completed', 'running>failed', 'running>cancelled');


--
-- Name: model_training_sessions model_training_sessions_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_touch_updated_at BEFORE UPDATE ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: predictions predictions_record_outcome; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_record_outcome BEFORE INSERT OR UPDATE ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.predictions_record_outcome();


--
-- Name: predictions predictions_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_status_lifecycle BEFORE INSERT OR UPDATE OF status, actual_outcome ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('>active', '>validated', 'active>validated', 'active>expired', 'active>invalidated', 'validated>invalidated');


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
-- Name: FUNCTION enforce_status_lifecycle(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.enforce_status_lifecycle() TO pgpattern_writer;


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
-- Name: TABLE ml_models; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ml_models TO pgpattern_writer;


--
-- Name: TABLE predictions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.predictions TO pgpattern_writer;


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
