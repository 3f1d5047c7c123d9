-- Learning operations, events and metrics at volume: learning.learning_events (monthly
-- partitions, project-scoped), learning.system_performance_metrics (daily partitions,
-- system-wide telemetry, not any one project's) and the two tables that link events to
-- git operations and user sessions. The seeds' "timestamp" columns are event_timestamp
-- and metric_timestamp here (timestamp is a type name; the store's other times are
-- named *_timestamp too). The links carry the event's timestamp because a key of a
-- partitioned table includes its partition key; a trigger fills it in. Their foreign
-- keys are dropped and added again by partition maintenance while it drains the default
-- partition (PostgreSQL would check them against the default partition alone).
CREATE TABLE learning.learning_events (
    project_id         bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    event_id           uuid NOT NULL DEFAULT gen_random_uuid(),
    event_type         text NOT NULL,
    event_subtype      text,
    event_timestamp    timestamptz NOT NULL DEFAULT now(),
    source_system      text,
    entity_type        text,
    entity_id          text,
    event_data         jsonb NOT NULL,
    user_id            text,
    session_id         text,
    processing_time_ms integer,
    metadata           jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, event_id, event_timestamp),
    CONSTRAINT learning_events_event_type_check CHECK (event_type ~ '^[a-z][a-z0-9_]*$' AND length(event_type) <= 100),
    CONSTRAINT learning_events_event_subtype_check CHECK (length(event_subtype) <= 100),
    CONSTRAINT learning_events_source_system_check CHECK (length(source_system) <= 100),
    CONSTRAINT learning_events_entity_type_check CHECK (length(entity_type) <= 100),
    CONSTRAINT learning_events_event_data_check CHECK (jsonb_typeof(event_data) IN ('object', 'array')),
    CONSTRAINT learning_events_processing_time_check CHECK (processing_time_ms >= 0),
    CONSTRAINT learning_events_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
) PARTITION BY RANGE (event_timestamp);
COMMENT ON TABLE learning.learning_events IS 'What happened in a project''s learning: model predictions, pattern detections, user feedback, system optimisations. Partitioned by UTC month of event_timestamp (learning_events_pYYYYmMM, plus learning_events_default for stray rows), kept by ops.run_partition_maintenance(); retention in ops.data_retention_policies.';
COMMENT ON COLUMN learning.learning_events.project_id IS 'The project (the tenant) the event belongs to.';
COMMENT ON COLUMN learning.learning_events.event_id IS 'The event''s key (with project_id and event_timestamp, the partition key).';
COMMENT ON COLUMN learning.learning_events.event_type IS 'model_prediction, pattern_detection, user_feedback, system_optimization, ...: lower-case snake_case, at most 100 characters.';
COMMENT ON COLUMN learning.learning_events.event_subtype IS 'A finer category, free text.';
COMMENT ON COLUMN learning.learning_events.event_timestamp IS 'When the event happened (the seed''s timestamp); the partition key.';
COMMENT ON COLUMN learning.learning_events.source_system IS 'The system that produced it: openevolve, pattern_analyzer, user_interface, ...';
COMMENT ON COLUMN learning.learning_events.entity_type IS 'The kind of entity the event is about.';
COMMENT ON COLUMN learning.learning_events.entity_id IS 'The id of that entity.';
COMMENT ON COLUMN learning.learning_events.event_data IS 'The payload (a JSON object or array).';
COMMENT ON COLUMN learning.learning_events.user_id IS 'The user involved, if any.';
COMMENT ON COLUMN learning.learning_events.session_id IS 'Groups the events of one session.';
COMMENT ON COLUMN learning.learning_events.processing_time_ms IS 'How long processing the event took, in milliseconds (not negative).';
COMMENT ON COLUMN learning.learning_events.metadata IS 'Other context (a JSON object).';
CREATE INDEX learning_events_type_time_idx ON learning.learning_events (project_id, event_type, event_timestamp);
COMMENT ON INDEX learning.learning_events_type_time_idx IS 'A project''s events of a type over time.';
CREATE INDEX learning_events_entity_idx ON learning.learning_events (project_id, entity_type, entity_id);
COMMENT ON INDEX learning.learning_events_entity_idx IS 'The events about an entity.';
CREATE INDEX learning_events_user_idx ON learning.learning_events (project_id, user_id, event_timestamp) WHERE user_id IS NOT NULL;
COMMENT ON INDEX learning.learning_events_user_idx IS 'A user''s events over time.';
CREATE INDEX learning_events_session_idx ON learning.learning_events (project_id, session_id) WHERE session_id IS NOT NULL;
COMMENT ON INDEX learning.learning_events_session_idx IS 'The events of a session.';
CREATE INDEX learning_events_time_idx ON learning.learning_events USING brin (event_timestamp);
COMMENT ON INDEX learning.learning_events_time_idx IS 'Time ranges across projects within a partition (BRIN: events arrive in time order).';
CREATE TABLE learning.learning_events_default PARTITION OF learning.learning_events DEFAULT;
COMMENT ON TABLE learning.learning_events_default IS 'Learning events outside every monthly partition; ops.run_partition_maintenance() moves them into the month they belong to.';

CREATE FUNCTION learning.fill_learning_event_timestamp()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A link names the event by project and id; the event's timestamp (part of its key) is looked up.
    IF NEW.event_timestamp IS NULL THEN
        SELECT e.event_timestamp INTO NEW.event_timestamp
          FROM learning.learning_events e
         WHERE e.project_id = NEW.project_id AND e.event_id = NEW.learning_event_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION '%: learning_event_id % does not exist in project %', TG_TABLE_NAME,
                coalesce(NEW.learning_event_id::text, 'NULL'), coalesce(NEW.project_id::text, 'NULL')
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'record the learning event first';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION learning.fill_learning_event_timestamp() IS 'BEFORE INSERT OR UPDATE trigger function of the tables that link to learning events: fills event_timestamp from the event when it is NULL (23503 for an unknown event).';

CREATE TABLE learning.git_operation_learning_events (
    project_id        bigint NOT NULL,
    link_id           uuid NOT NULL DEFAULT gen_random_uuid(),
    git_operation_id  text NOT NULL,
    learning_event_id uuid NOT NULL,
    event_timestamp   timestamptz NOT NULL,
    operation_type    text,
    repository_id     text,
    branch_name       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, link_id),
    CONSTRAINT git_operation_learning_events_event_fkey FOREIGN KEY (project_id, learning_event_id, event_timestamp)
        REFERENCES learning.learning_events (project_id, event_id, event_timestamp),
    CONSTRAINT git_operation_learning_events_operation_id_check CHECK (git_operation_id ~ '\S' AND length(git_operation_id) <= 255),
    CONSTRAINT git_operation_learning_events_operation_type_check
        CHECK (operation_type IN ('commit', 'merge', 'rebase', 'pull_request'))
);
COMMENT ON TABLE learning.git_operation_learning_events IS 'Links a learning event to the git operation (commit, merge, rebase, pull request) it came from. Rows go with their event when retention removes its partition.';
COMMENT ON COLUMN learning.git_operation_learning_events.project_id IS 'The project of the event.';
COMMENT ON COLUMN learning.git_operation_learning_events.link_id IS 'The link''s key within its project.';
COMMENT ON COLUMN learning.git_operation_learning_events.git_operation_id IS 'The git operation: a commit hash, a pull request number, ... (free text, as the operation tracker names it).';
COMMENT ON COLUMN learning.git_operation_learning_events.learning_event_id IS 'The learning event.';
COMMENT ON COLUMN learning.git_operation_learning_events.event_timestamp IS 'The event''s timestamp (part of its key); filled in by a trigger when NULL.';
COMMENT ON COLUMN learning.git_operation_learning_events.operation_type IS 'commit, merge, rebase or pull_request.';
COMMENT ON COLUMN learning.git_operation_learning_events.repository_id IS 'The repository.';
COMMENT ON COLUMN learning.git_operation_learning_events.branch_name IS 'The branch.';
COMMENT ON COLUMN learning.git_operation_learning_events.created_at IS 'When the link was recorded.';
CREATE INDEX git_operation_learning_events_event_idx ON learning.git_operation_learning_events (project_id, learning_event_id, event_timestamp);
COMMENT ON INDEX learning.git_operation_learning_events_event_idx IS 'Supports the event foreign key.';
CREATE INDEX git_operation_learning_events_operation_idx ON learning.git_operation_learning_events (project_id, git_operation_id);
COMMENT ON INDEX learning.git_operation_learning_events_operation_idx IS 'The events of a git operation.';
CREATE INDEX git_operation_learning_events_repository_idx ON learning.git_operation_learning_events (project_id, repository_id);
COMMENT ON INDEX learning.git_operation_learning_events_repository_idx IS 'The events of a repository.';
CREATE INDEX git_operation_learning_events_time_idx ON learning.git_operation_learning_events (event_timestamp);
COMMENT ON INDEX learning.git_operation_learning_events_time_idx IS 'Retention: the links of the events of one partition.';
CREATE TRIGGER git_operation_learning_events_fill_timestamp BEFORE INSERT OR UPDATE ON learning.git_operation_learning_events
    FOR EACH ROW EXECUTE FUNCTION learning.fill_learning_event_timestamp();

CREATE TABLE learning.user_session_learning_events (
    project_id        bigint NOT NULL,
    link_id           uuid NOT NULL DEFAULT gen_random_uuid(),
    session_id        text NOT NULL,
    user_id           text,
    platform          text,
    learning_event_id uuid NOT NULL,
    event_timestamp   timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, link_id),
    CONSTRAINT user_session_learning_events_event_fkey FOREIGN KEY (project_id, learning_event_id, event_timestamp)
        REFERENCES learning.learning_events (project_id, event_id, event_timestamp),
    CONSTRAINT user_session_learning_events_session_id_check CHECK (session_id ~ '\S' AND length(session_id) <= 255)
);
COMMENT ON TABLE learning.user_session_learning_events IS 'Links a learning event to the user session (and platform) it came from. Rows go with their event when retention removes its partition.';
COMMENT ON COLUMN learning.user_session_learning_events.project_id IS 'The project of the event.';
COMMENT ON COLUMN learning.user_session_learning_events.link_id IS 'The link''s key within its project.';
COMMENT ON COLUMN learning.user_session_learning_events.session_id IS 'The user session, as the application names it.';
COMMENT ON COLUMN learning.user_session_learning_events.user_id IS 'The user.';
COMMENT ON COLUMN learning.user_session_learning_events.platform IS 'Where the session ran: cli, web, ide, slack, ...';
COMMENT ON COLUMN learning.user_session_learning_events.learning_event_id IS 'The learning event.';
COMMENT ON COLUMN learning.user_session_learning_events.event_timestamp IS 'The event''s timestamp (part of its key); filled in by a trigger when NULL.';
COMMENT ON COLUMN learning.user_session_learning_events.created_at IS 'When the link was recorded.';
CREATE INDEX user_session_learning_events_event_idx ON learning.user_session_learning_events (project_id, learning_event_id, event_timestamp);
COMMENT ON INDEX learning.user_session_learning_events_event_idx IS 'Supports the event foreign key.';
CREATE INDEX user_session_learning_events_session_idx ON learning.user_session_learning_events (project_id, session_id);
COMMENT ON INDEX learning.user_session_learning_events_session_idx IS 'The events of a session.';
CREATE INDEX user_session_learning_events_time_idx ON learning.user_session_learning_events (event_timestamp);
COMMENT ON INDEX learning.user_session_learning_events_time_idx IS 'Retention: the links of the events of one partition.';
CREATE TRIGGER user_session_learning_events_fill_timestamp BEFORE INSERT OR UPDATE ON learning.user_session_learning_events
    FOR EACH ROW EXECUTE FUNCTION learning.fill_learning_event_timestamp();

CREATE TABLE learning.system_performance_metrics (
    metric_id         uuid NOT NULL DEFAULT gen_random_uuid(),
    metric_name       text NOT NULL,
    metric_category   text,
    metric_timestamp  timestamptz NOT NULL DEFAULT now(),
    value             numeric(15,6) NOT NULL,
    unit              text,
    tags              jsonb NOT NULL DEFAULT '{}',
    source_component  text,
    aggregation_level text NOT NULL DEFAULT 'raw',
    metadata          jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (metric_id, metric_timestamp),
    CONSTRAINT system_performance_metrics_name_check CHECK (metric_name ~ '\S' AND length(metric_name) <= 100),
    CONSTRAINT system_performance_metrics_category_check
        CHECK (metric_category IN ('database', 'api', 'ml_model', 'user_experience', 'system')),
    CONSTRAINT system_performance_metrics_unit_check CHECK (length(unit) <= 50),
    CONSTRAINT system_performance_metrics_tags_check CHECK (jsonb_typeof(tags) = 'object'),
    CONSTRAINT system_performance_metrics_component_check CHECK (length(source_component) <= 100),
    CONSTRAINT system_performance_metrics_aggregation_check CHECK (aggregation_level IN ('raw', 'minute', 'hour', 'day')),
    CONSTRAINT system_performance_metrics_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
) PARTITION BY RANGE (metric_timestamp);
COMMENT ON TABLE learning.system_performance_metrics IS 'Performance telemetry of the system (database, api, ML models, user experience): system-wide, not any one project''s. Partitioned by UTC day of metric_timestamp (system_performance_metrics_pYYYYmMMdDD, plus a default partition), kept by ops.run_partition_maintenance(); retention summarizes old days into learning.system_performance_metrics_daily.';
COMMENT ON COLUMN learning.system_performance_metrics.metric_id IS 'The sample''s key (with metric_timestamp, the partition key).';
COMMENT ON COLUMN learning.system_performance_metrics.metric_name IS 'What is measured, e.g. api_latency_ms.';
COMMENT ON COLUMN learning.system_performance_metrics.metric_category IS 'database, api, ml_model, user_experience or system.';
COMMENT ON COLUMN learning.system_performance_metrics.metric_timestamp IS 'When it was measured (the seed''s timestamp); the partition key.';
COMMENT ON COLUMN learning.system_performance_metrics.value IS 'The measured value.';
COMMENT ON COLUMN learning.system_performance_metrics.unit IS 'ms, mb, percentage, count, ...';
COMMENT ON COLUMN learning.system_performance_metrics.tags IS 'Key-value pairs for filtering and grouping (a JSON object).';
COMMENT ON COLUMN learning.system_performance_metrics.source_component IS 'The component that reported it.';
COMMENT ON COLUMN learning.system_performance_metrics.aggregation_level IS 'raw, minute, hour or day: what one sample stands for.';
COMMENT ON COLUMN learning.system_performance_metrics.metadata IS 'Other context (a JSON object).';
CREATE INDEX system_performance_metrics_name_time_idx ON learning.system_performance_metrics (metric_name, metric_timestamp);
COMMENT ON INDEX learning.system_performance_metrics_name_time_idx IS 'A metric over time (anomaly detection, summaries).';
CREATE INDEX system_performance_metrics_category_idx ON learning.system_performance_metrics (metric_category, metric_timestamp);
COMMENT ON INDEX learning.system_performance_metrics_category_idx IS 'The metrics of a category over time.';
CREATE INDEX system_performance_metrics_component_idx ON learning.system_performance_metrics (source_component, metric_timestamp);
COMMENT ON INDEX learning.system_performance_metrics_component_idx IS 'The metrics of a component over time.';
CREATE INDEX system_performance_metrics_tags_idx ON learning.system_performance_metrics USING gin (tags jsonb_path_ops);
COMMENT ON INDEX learning.system_performance_metrics_tags_idx IS 'Filtering by tags (tags @> ...).';
CREATE TABLE learning.system_performance_metrics_default PARTITION OF learning.system_performance_metrics DEFAULT;
COMMENT ON TABLE learning.system_performance_metrics_default IS 'Metrics outside every daily partition; ops.run_partition_maintenance() moves them into the day they belong to.';

INSERT INTO ops.partitioned_tables (schema_name, table_name, partition_interval, premake, description) VALUES
    ('learning', 'learning_events', 'month', interval '3 months', 'Learning events by UTC month of event_timestamp.'),
    ('learning', 'system_performance_metrics', 'day', interval '14 days', 'Performance metrics by UTC day of metric_timestamp.');
SELECT count(*) FROM ops.run_partition_maintenance('learning.learning_events');
SELECT count(*) FROM ops.run_partition_maintenance('learning.system_performance_metrics');
