-- The continuous-learning store, models: ML models with their lineage and status
-- lifecycle, training datasets, and training sessions with their loss history.
-- Scoping: every learning table except the evolution templates is project-scoped: a
-- model, dataset or experiment belongs to the project whose data it learns from, its
-- keys start with project_id (Citus distribution column) and every reference between
-- learning tables is a composite (project_id, ...) key, so no row can point into
-- another project. Statuses move only along the transitions a trigger allows.
CREATE FUNCTION learning.enforce_status_lifecycle()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.enforce_status_lifecycle() IS 'BEFORE INSERT OR UPDATE trigger function for a status column: the first trigger argument names the column, the others list the legal moves, ''>s'' for a status a new row may start in and ''a>b'' for a change; anything else raises check_violation (23514) naming the table, the column and both statuses.';

CREATE TABLE learning.ml_models (
    project_id          bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    model_id            uuid NOT NULL DEFAULT gen_random_uuid(),
    name                text NOT NULL,
    version             text NOT NULL,
    model_type          text NOT NULL,
    framework           text,
    model_data          jsonb,
    hyperparameters     jsonb NOT NULL DEFAULT '{}',
    training_config     jsonb NOT NULL DEFAULT '{}',
    performance_metrics jsonb NOT NULL DEFAULT '{}',
    status              text NOT NULL DEFAULT 'training',
    parent_model_id     uuid,
    created_by          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, model_id),
    CONSTRAINT ml_models_name_version_key UNIQUE (project_id, name, version),
    CONSTRAINT ml_models_parent_fkey FOREIGN KEY (project_id, parent_model_id)
        REFERENCES learning.ml_models (project_id, model_id),
    CONSTRAINT ml_models_name_check CHECK (name ~ '\S' AND length(name) <= 200),
    CONSTRAINT ml_models_version_check CHECK (version ~ '\S' AND length(version) <= 50),
    CONSTRAINT ml_models_model_type_check CHECK (model_type IN ('pattern_recognition', 'optimization', 'prediction')),
    CONSTRAINT ml_models_status_check CHECK (status IN ('training', 'active', 'deprecated', 'archived')),
    CONSTRAINT ml_models_not_own_parent CHECK (parent_model_id <> model_id),
    CONSTRAINT ml_models_objects_check CHECK (jsonb_typeof(hyperparameters) = 'object'
        AND jsonb_typeof(training_config) = 'object' AND jsonb_typeof(performance_metrics) = 'object')
);
COMMENT ON TABLE learning.ml_models IS 'ML models of a project, one row per version: lineage through parent_model_id, status lifecycle training -> active -> deprecated -> archived (a trigger refuses other moves), at most one active version per name.';
COMMENT ON COLUMN learning.ml_models.project_id IS 'The project whose data the model learns from.';
COMMENT ON COLUMN learning.ml_models.model_id IS 'The model version''s key within its project.';
COMMENT ON COLUMN learning.ml_models.name IS 'The model''s name, shared by its versions.';
COMMENT ON COLUMN learning.ml_models.version IS 'The version label, unique per name within the project.';
COMMENT ON COLUMN learning.ml_models.model_type IS 'pattern_recognition, optimization or prediction.';
COMMENT ON COLUMN learning.ml_models.framework IS 'The framework that trained it (tensorflow, pytorch, scikit-learn, ...), free text.';
COMMENT ON COLUMN learning.ml_models.model_data IS 'The serialised model or a reference to where it is stored.';
COMMENT ON COLUMN learning.ml_models.hyperparameters IS 'Hyperparameters (a JSON object).';
COMMENT ON COLUMN learning.ml_models.training_config IS 'Training configuration (a JSON object).';
COMMENT ON COLUMN learning.ml_models.performance_metrics IS 'Offline evaluation metrics (a JSON object).';
COMMENT ON COLUMN learning.ml_models.status IS 'training (new), active (serving; one per name), deprecated, archived (final). A new row starts as training or active.';
COMMENT ON COLUMN learning.ml_models.parent_model_id IS 'The model version this one was derived from, in the same project; set at creation and never changed, so lineage has no cycles.';
COMMENT ON COLUMN learning.ml_models.created_by IS 'Who registered the model.';
COMMENT ON COLUMN learning.ml_models.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.ml_models.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX ml_models_parent_idx ON learning.ml_models (project_id, parent_model_id) WHERE parent_model_id IS NOT NULL;
COMMENT ON INDEX learning.ml_models_parent_idx IS 'Children of a model version (lineage downwards; supports the parent foreign key).';
CREATE UNIQUE INDEX ml_models_one_active_idx ON learning.ml_models (project_id, name) WHERE status = 'active';
COMMENT ON INDEX learning.ml_models_one_active_idx IS 'At most one active version per model name (the trigger gives the clear error; this index holds under concurrency).';
CREATE INDEX ml_models_type_status_idx ON learning.ml_models (project_id, model_type, status);
COMMENT ON INDEX learning.ml_models_type_status_idx IS 'Models of a type and status.';

CREATE FUNCTION learning.ml_models_version_rules()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.ml_models_version_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ml_models: parent_model_id never changes; a second active version of a name raises unique_violation (23505) naming both versions.';

CREATE TRIGGER ml_models_version_rules BEFORE INSERT OR UPDATE ON learning.ml_models
    FOR EACH ROW EXECUTE FUNCTION learning.ml_models_version_rules();
CREATE TRIGGER ml_models_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ml_models
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status',
        '>training', '>active', 'training>active', 'training>archived', 'active>deprecated', 'deprecated>archived');
CREATE TRIGGER ml_models_touch_updated_at BEFORE UPDATE ON learning.ml_models
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.activate_model(bigint, uuid) IS 'Makes a model version the active one of its name: deprecates the current active version and activates this one in one step (the lifecycle still applies: only a training version can become active).';

CREATE TABLE learning.training_datasets (
    project_id           bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    dataset_id           uuid NOT NULL DEFAULT gen_random_uuid(),
    name                 text NOT NULL,
    version              text NOT NULL,
    dataset_type         text NOT NULL,
    source_type          text,
    data_schema          jsonb,
    storage_location     text,
    size_bytes           bigint,
    record_count         bigint,
    quality_score        numeric(3,2),
    preprocessing_config jsonb NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, dataset_id),
    CONSTRAINT training_datasets_name_version_key UNIQUE (project_id, name, version),
    CONSTRAINT training_datasets_name_check CHECK (name ~ '\S' AND length(name) <= 200),
    CONSTRAINT training_datasets_version_check CHECK (version ~ '\S' AND length(version) <= 50),
    CONSTRAINT training_datasets_dataset_type_check
        CHECK (dataset_type IN ('code_patterns', 'performance_metrics', 'user_behavior')),
    CONSTRAINT training_datasets_source_type_check
        CHECK (source_type IN ('git_history', 'user_interactions', 'system_metrics')),
    CONSTRAINT training_datasets_size_bytes_check CHECK (size_bytes >= 0),
    CONSTRAINT training_datasets_record_count_check CHECK (record_count >= 0),
    CONSTRAINT training_datasets_quality_score_range CHECK (quality_score BETWEEN 0 AND 1),
    CONSTRAINT training_datasets_preprocessing_config_check CHECK (jsonb_typeof(preprocessing_config) = 'object')
);
COMMENT ON TABLE learning.training_datasets IS 'Versioned training datasets of a project: where the data is, its shape, size and quality.';
COMMENT ON COLUMN learning.training_datasets.project_id IS 'The project the data comes from.';
COMMENT ON COLUMN learning.training_datasets.dataset_id IS 'The dataset version''s key within its project.';
COMMENT ON COLUMN learning.training_datasets.name IS 'The dataset''s name, shared by its versions.';
COMMENT ON COLUMN learning.training_datasets.version IS 'The version label, unique per name within the project.';
COMMENT ON COLUMN learning.training_datasets.dataset_type IS 'code_patterns, performance_metrics or user_behavior.';
COMMENT ON COLUMN learning.training_datasets.source_type IS 'git_history, user_interactions or system_metrics, if known.';
COMMENT ON COLUMN learning.training_datasets.data_schema IS 'The schema of the records.';
COMMENT ON COLUMN learning.training_datasets.storage_location IS 'Path or URL of the data.';
COMMENT ON COLUMN learning.training_datasets.size_bytes IS 'Size of the data in bytes, not negative.';
COMMENT ON COLUMN learning.training_datasets.record_count IS 'Number of records, not negative.';
COMMENT ON COLUMN learning.training_datasets.quality_score IS 'Data quality in [0, 1].';
COMMENT ON COLUMN learning.training_datasets.preprocessing_config IS 'How the data was preprocessed (a JSON object).';
COMMENT ON COLUMN learning.training_datasets.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.training_datasets.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE TRIGGER training_datasets_touch_updated_at BEFORE UPDATE ON learning.training_datasets
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE learning.model_training_sessions (
    project_id          bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    training_session_id uuid NOT NULL DEFAULT gen_random_uuid(),
    model_id            uuid NOT NULL,
    dataset_id          uuid NOT NULL,
    status              text NOT NULL DEFAULT 'running',
    training_start      timestamptz NOT NULL DEFAULT now(),
    training_end        timestamptz,
    progress_percentage numeric(5,2) NOT NULL DEFAULT 0,
    current_epoch       integer NOT NULL DEFAULT 0,
    total_epochs        integer,
    loss_history        jsonb NOT NULL DEFAULT '[]',
    validation_metrics  jsonb NOT NULL DEFAULT '{}',
    resource_usage      jsonb NOT NULL DEFAULT '{}',
    error_log           text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, training_session_id),
    CONSTRAINT model_training_sessions_model_fkey FOREIGN KEY (project_id, model_id)
        REFERENCES learning.ml_models (project_id, model_id),
    CONSTRAINT model_training_sessions_dataset_fkey FOREIGN KEY (project_id, dataset_id)
        REFERENCES learning.training_datasets (project_id, dataset_id),
    CONSTRAINT model_training_sessions_status_check CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT model_training_sessions_progress_range CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT model_training_sessions_epochs_check
        CHECK (current_epoch >= 0 AND total_epochs > 0 AND current_epoch <= total_epochs),
    CONSTRAINT model_training_sessions_end_iff_finished CHECK ((status = 'running') = (training_end IS NULL)),
    CONSTRAINT model_training_sessions_end_after_start CHECK (training_end >= training_start),
    CONSTRAINT model_training_sessions_loss_history_check CHECK (jsonb_typeof(loss_history) = 'array'),
    CONSTRAINT model_training_sessions_objects_check
        CHECK (jsonb_typeof(validation_metrics) = 'object' AND jsonb_typeof(resource_usage) = 'object')
);
COMMENT ON TABLE learning.model_training_sessions IS 'One training run of a model on a dataset: progress, epochs, loss history; running -> completed, failed or cancelled, with the end time set by the database when it finishes.';
COMMENT ON COLUMN learning.model_training_sessions.project_id IS 'The project of the model and the dataset.';
COMMENT ON COLUMN learning.model_training_sessions.training_session_id IS 'The session''s key within its project.';
COMMENT ON COLUMN learning.model_training_sessions.model_id IS 'The model version being trained.';
COMMENT ON COLUMN learning.model_training_sessions.dataset_id IS 'The dataset version it trains on.';
COMMENT ON COLUMN learning.model_training_sessions.status IS 'running (new), then completed, failed or cancelled (final).';
COMMENT ON COLUMN learning.model_training_sessions.training_start IS 'When training began.';
COMMENT ON COLUMN learning.model_training_sessions.training_end IS 'When training finished; NULL while running, set by a trigger when the status leaves running.';
COMMENT ON COLUMN learning.model_training_sessions.progress_percentage IS 'Progress in [0, 100]; 100 once completed.';
COMMENT ON COLUMN learning.model_training_sessions.current_epoch IS 'The last epoch done, 0 before the first; at most total_epochs.';
COMMENT ON COLUMN learning.model_training_sessions.total_epochs IS 'Planned epochs (positive), if known.';
COMMENT ON COLUMN learning.model_training_sessions.loss_history IS 'JSON array of {"epoch", "loss", "recorded_at"}, appended by learning.append_training_loss().';
COMMENT ON COLUMN learning.model_training_sessions.validation_metrics IS 'Validation metrics (a JSON object).';
COMMENT ON COLUMN learning.model_training_sessions.resource_usage IS 'CPU, memory, GPU usage (a JSON object).';
COMMENT ON COLUMN learning.model_training_sessions.error_log IS 'Errors, for a failed session.';
COMMENT ON COLUMN learning.model_training_sessions.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.model_training_sessions.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX model_training_sessions_model_idx ON learning.model_training_sessions (project_id, model_id, training_start);
COMMENT ON INDEX learning.model_training_sessions_model_idx IS 'A model''s training sessions in time order.';
CREATE INDEX model_training_sessions_dataset_idx ON learning.model_training_sessions (project_id, dataset_id);
COMMENT ON INDEX learning.model_training_sessions_dataset_idx IS 'Sessions that used a dataset (supports its foreign key).';
CREATE INDEX model_training_sessions_running_idx ON learning.model_training_sessions (project_id, training_start)
    WHERE status = 'running';
COMMENT ON INDEX learning.model_training_sessions_running_idx IS 'Sessions still running.';

CREATE FUNCTION learning.model_training_sessions_finish()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.model_training_sessions_finish() IS 'BEFORE UPDATE OF status trigger function of learning.model_training_sessions: sets training_end (unless given) when a session finishes, and progress to 100 when it completes.';
CREATE TRIGGER model_training_sessions_finish BEFORE UPDATE OF status ON learning.model_training_sessions
    FOR EACH ROW EXECUTE FUNCTION learning.model_training_sessions_finish();
CREATE TRIGGER model_training_sessions_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.model_training_sessions
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status',
        '>running', 'running>completed', 'running>failed', 'running>cancelled');
CREATE TRIGGER model_training_sessions_touch_updated_at BEFORE UPDATE ON learning.model_training_sessions
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE FUNCTION learning.append_training_loss(
      p_project_id bigint
    , p_training_session_id uuid
    , p_loss double precision
    , p_epoch integer DEFAULT NULL)
RETURNS learning.model_training_sessions
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.append_training_loss(bigint, uuid, double precision, integer) IS 'Appends {"epoch", "loss", "recorded_at"} to a running training session''s loss_history (epoch defaults to current_epoch + 1 and must be after it and at most total_epochs), updates current_epoch and progress, and returns the session.';
