-- The AI-agent workflow pattern store: patterns of four types (task_completion,
-- error_occurrence, agent_usage, user_correction), each a JSON document whose
-- fields are validated in the database against workflow.pattern_fields.
-- Patterns are global, not project-scoped: agents name their project in
-- context.project_name as free text, which need not be a project in core.projects.
CREATE TABLE workflow.pattern_fields (
    scope       text NOT NULL
                CONSTRAINT pattern_fields_scope_check
                CHECK (scope IN ('pattern', 'context', 'task_completion', 'error_occurrence', 'agent_usage', 'user_correction')),
    field       text NOT NULL CONSTRAINT pattern_fields_field_check CHECK (field ~ '^[a-z_]+$'),
    position    smallint NOT NULL,
    value_type  text NOT NULL
                CONSTRAINT pattern_fields_value_type_check
                CHECK (value_type IN ('string', 'integer', 'number', 'boolean', 'string[]', 'object', 'timestamp', 'enum')),
    required    boolean NOT NULL DEFAULT false,
    min_value   numeric,
    max_value   numeric,
    allowed     text[],
    description text NOT NULL,
    PRIMARY KEY (scope, field),
    CONSTRAINT pattern_fields_enum_has_values CHECK ((value_type = 'enum') = (allowed IS NOT NULL)),
    CONSTRAINT pattern_fields_range_is_numeric CHECK (value_type IN ('integer', 'number') OR (min_value IS NULL AND max_value IS NULL))
);
COMMENT ON TABLE workflow.pattern_fields IS 'The validation rules of workflow patterns, one row per known field: its JSON type, whether it is required, its range or allowed values. Fields not listed are kept unchecked.';
COMMENT ON COLUMN workflow.pattern_fields.scope IS 'Where the field lives: pattern (the root document), context, or the data of one pattern type.';
COMMENT ON COLUMN workflow.pattern_fields.field IS 'The JSON key.';
COMMENT ON COLUMN workflow.pattern_fields.position IS 'The order in which fields are checked, so the first error is predictable.';
COMMENT ON COLUMN workflow.pattern_fields.value_type IS 'string, integer, number, boolean, string[] (an array of strings), object, timestamp (ISO 8601 text) or enum (one of allowed).';
COMMENT ON COLUMN workflow.pattern_fields.required IS 'Whether the field must be present and not null; a required string must also not be blank. Optional fields may be null.';
COMMENT ON COLUMN workflow.pattern_fields.min_value IS 'The smallest value allowed (integer and number only).';
COMMENT ON COLUMN workflow.pattern_fields.max_value IS 'The largest value allowed (integer and number only).';
COMMENT ON COLUMN workflow.pattern_fields.allowed IS 'The values an enum field may take.';
COMMENT ON COLUMN workflow.pattern_fields.description IS 'What the field means.';
-- The rules are part of the schema: writers read them but do not change them.
REVOKE INSERT, UPDATE, DELETE ON workflow.pattern_fields FROM pgpattern_writer;

INSERT INTO workflow.pattern_fields (scope, field, position, value_type, required, min_value, max_value, allowed, description) VALUES
    ('pattern', 'pattern_id', 1, 'string', true, NULL, NULL, NULL, 'The unique pattern identifier (saving again with the same id replaces the pattern)'),
    ('pattern', 'pattern_type', 2, 'enum', true, NULL, NULL,
     ARRAY['task_completion', 'error_occurrence', 'agent_usage', 'user_correction'], 'The pattern type, which says which fields data has'),
    ('pattern', 'timestamp', 3, 'timestamp', true, NULL, NULL, NULL, 'When the pattern occurred, ISO 8601 (UTC when no offset is given)'),
    ('pattern', 'data', 4, 'object', true, NULL, NULL, NULL, 'The fields of the pattern type'),
    ('pattern', 'context', 5, 'object', false, NULL, NULL, NULL, 'Where the pattern occurred: project, session, environment, tags'),
    ('pattern', 'version', 6, 'string', false, NULL, NULL, NULL, 'The schema version of the document (default 1.0)'),

    ('context', 'project_name', 1, 'string', false, NULL, NULL, NULL, 'The project, by name'),
    ('context', 'session_id', 2, 'string', false, NULL, NULL, NULL, 'The agent session'),
    ('context', 'user_id', 3, 'string', false, NULL, NULL, NULL, 'The user'),
    ('context', 'environment', 4, 'enum', false, NULL, NULL, ARRAY['development', 'staging', 'production'], 'The environment'),
    ('context', 'git_branch', 5, 'string', false, NULL, NULL, NULL, 'The git branch'),
    ('context', 'git_commit', 6, 'string', false, NULL, NULL, NULL, 'The git commit hash'),
    ('context', 'timestamp', 7, 'timestamp', false, NULL, NULL, NULL, 'When the context was captured, ISO 8601'),
    ('context', 'tags', 8, 'string[]', false, NULL, NULL, NULL, 'Tags for categorisation'),
    ('context', 'metadata', 9, 'object', false, NULL, NULL, NULL, 'Further attributes'),

    ('task_completion', 'task_type', 1, 'string', true, NULL, NULL, NULL, 'The kind of task, e.g. code_generation'),
    ('task_completion', 'agent', 2, 'string', true, NULL, NULL, NULL, 'The agent that ran the task'),
    ('task_completion', 'duration_ms', 3, 'integer', true, 0, NULL, NULL, 'The task duration in milliseconds'),
    ('task_completion', 'success', 4, 'boolean', true, NULL, NULL, NULL, 'Whether the task succeeded'),
    ('task_completion', 'files_created', 5, 'integer', false, 0, NULL, NULL, 'Files created'),
    ('task_completion', 'files_modified', 6, 'integer', false, 0, NULL, NULL, 'Files modified'),
    ('task_completion', 'tests_passed', 7, 'integer', false, 0, NULL, NULL, 'Tests passed'),
    ('task_completion', 'tests_failed', 8, 'integer', false, 0, NULL, NULL, 'Tests failed'),
    ('task_completion', 'lines_of_code', 9, 'integer', false, 0, NULL, NULL, 'Lines of code added or modified'),
    ('task_completion', 'coverage_percent', 10, 'number', false, 0, 100, NULL, 'Test coverage in percent'),
    ('task_completion', 'error_message', 11, 'string', false, NULL, NULL, NULL, 'The error, if the task failed'),
    ('task_completion', 'retry_count', 12, 'integer', false, 0, NULL, NULL, 'Retries attempted'),

    ('error_occurrence', 'error_type', 1, 'string', true, NULL, NULL, NULL, 'The error class, e.g. TypeError'),
    ('error_occurrence', 'error_message', 2, 'string', true, NULL, NULL, NULL, 'The error message'),
    ('error_occurrence', 'stack_trace', 3, 'string', false, NULL, NULL, NULL, 'The stack trace'),
    ('error_occurrence', 'file_path', 4, 'string', false, NULL, NULL, NULL, 'The file where the error occurred'),
    ('error_occurrence', 'line_number', 5, 'integer', false, 0, NULL, NULL, 'The line where the error occurred'),
    ('error_occurrence', 'function_name', 6, 'string', false, NULL, NULL, NULL, 'The function where the error occurred'),
    ('error_occurrence', 'resolution', 7, 'string', false, NULL, NULL, NULL, 'How the error was resolved'),
    ('error_occurrence', 'resolution_time_ms', 8, 'integer', false, 0, NULL, NULL, 'Time to resolution in milliseconds'),
    ('error_occurrence', 'similar_errors_count', 9, 'integer', false, 0, NULL, NULL, 'Similar errors seen before'),
    ('error_occurrence', 'auto_resolved', 10, 'boolean', false, NULL, NULL, NULL, 'Whether the error was resolved automatically'),
    ('error_occurrence', 'user_intervention', 11, 'boolean', false, NULL, NULL, NULL, 'Whether a user had to intervene'),
    ('error_occurrence', 'severity', 12, 'enum', false, NULL, NULL, ARRAY['minor', 'moderate', 'critical'], 'How bad the error was'),

    ('agent_usage', 'agent_type', 1, 'string', true, NULL, NULL, NULL, 'The agent, e.g. code-backend'),
    ('agent_usage', 'task_type', 2, 'string', true, NULL, NULL, NULL, 'The kind of task'),
    ('agent_usage', 'success', 3, 'boolean', true, NULL, NULL, NULL, 'Whether the task succeeded'),
    ('agent_usage', 'duration_ms', 4, 'integer', true, 0, NULL, NULL, 'The task duration in milliseconds'),
    ('agent_usage', 'retry_count', 5, 'integer', false, 0, NULL, NULL, 'Retries attempted'),
    ('agent_usage', 'tools_used', 6, 'string[]', false, NULL, NULL, NULL, 'The tools used (Read, Write, Edit, Bash, ...)'),
    ('agent_usage', 'files_accessed', 7, 'integer', false, 0, NULL, NULL, 'Files accessed'),
    ('agent_usage', 'api_calls', 8, 'integer', false, 0, NULL, NULL, 'API calls made'),
    ('agent_usage', 'tokens_used', 9, 'integer', false, 0, NULL, NULL, 'Tokens consumed'),
    ('agent_usage', 'memory_mb', 10, 'number', false, 0, NULL, NULL, 'Memory used in MB'),
    ('agent_usage', 'cpu_percent', 11, 'number', false, 0, NULL, NULL, 'CPU used in percent (above 100 on several cores)'),
    ('agent_usage', 'parallel_tasks', 12, 'integer', false, 0, NULL, NULL, 'Tasks run in parallel'),

    ('user_correction', 'original_output', 1, 'string', true, NULL, NULL, NULL, 'What the agent produced'),
    ('user_correction', 'corrected_output', 2, 'string', true, NULL, NULL, NULL, 'What the user corrected it to'),
    ('user_correction', 'correction_type', 3, 'string', true, NULL, NULL, NULL, 'The kind of correction, e.g. syntax, logic, style'),
    ('user_correction', 'agent', 4, 'string', true, NULL, NULL, NULL, 'The agent that produced the original output'),
    ('user_correction', 'task_type', 5, 'string', false, NULL, NULL, NULL, 'The kind of task'),
    ('user_correction', 'correction_category', 6, 'string', false, NULL, NULL, NULL, 'The category, e.g. security, performance'),
    ('user_correction', 'user_feedback', 7, 'string', false, NULL, NULL, NULL, 'The user''s explanation'),
    ('user_correction', 'severity', 8, 'enum', false, NULL, NULL, ARRAY['minor', 'moderate', 'critical'], 'How bad the mistake was'),
    ('user_correction', 'pattern_matched', 9, 'string', false, NULL, NULL, NULL, 'A known pattern that should have prevented it');

CREATE FUNCTION workflow.parse_timestamp(p_value text)
RETURNS timestamptz
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- ISO 8601 text to timestamptz (UTC when no offset is given); NULL when it is not one.
    IF p_value IS NULL
       OR p_value !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$' THEN
        RETURN NULL;
    END IF;
    IF p_value ~ '(Z|[+-]\d{2}(:?\d{2})?)$' AND p_value ~ '[T ]' THEN
        RETURN p_value::timestamptz;
    END IF;
    RETURN p_value::timestamp AT TIME ZONE 'UTC';
EXCEPTION
    WHEN datetime_field_overflow OR invalid_datetime_format THEN
        RETURN NULL;  -- well-formed but not a date, e.g. 2025-02-30
END
$$;
COMMENT ON FUNCTION workflow.parse_timestamp(text) IS 'Parses ISO 8601 text (date, or date and time with optional fraction and offset; UTC when no offset) to timestamptz; NULL when the text is not a valid ISO 8601 timestamp.';

CREATE FUNCTION workflow.check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_detail text := format('in workflow pattern %s', coalesce(p_pattern_id, '(without pattern_id)'));
    v_name   text;
    v_number numeric;
    v_rule   record;
    v_typed  boolean;
    v_value  jsonb;
BEGIN
    -- Checks p_object against the rules of p_scope, raising on the first problem.
    FOR v_rule IN
        SELECT f.field, f.value_type, f.required, f.min_value, f.max_value, f.allowed, f.description
          FROM workflow.pattern_fields f WHERE f.scope = p_scope ORDER BY f.position
    LOOP
        v_name := p_path || v_rule.field;
        v_value := p_object -> v_rule.field;
        IF v_value IS NULL OR v_value = 'null'::jsonb THEN
            IF v_rule.required THEN
                RAISE EXCEPTION 'workflow pattern field % is required but missing', v_name
                    USING ERRCODE = 'not_null_violation', DETAIL = v_detail,
                          HINT = format('%s: %s (%s).', v_name, v_rule.description, v_rule.value_type);
            END IF;
            CONTINUE;
        END IF;
        v_number := CASE WHEN jsonb_typeof(v_value) = 'number' THEN (v_value #>> '{}')::numeric END;
        v_typed := CASE v_rule.value_type
                   WHEN 'integer' THEN coalesce(v_number = trunc(v_number), false)
                   WHEN 'number' THEN v_number IS NOT NULL
                   WHEN 'boolean' THEN jsonb_typeof(v_value) = 'boolean'
                   WHEN 'object' THEN jsonb_typeof(v_value) = 'object'
                   WHEN 'string[]' THEN jsonb_typeof(v_value) = 'array'
                        AND NOT jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")')
                   ELSE jsonb_typeof(v_value) = 'string'
               END;
        IF NOT v_typed THEN
            RAISE EXCEPTION 'workflow pattern field % must be of type %, not %', v_name,
                    CASE WHEN v_rule.value_type IN ('enum', 'timestamp') THEN 'string' ELSE v_rule.value_type END, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
        IF v_rule.value_type = 'string' AND v_rule.required AND v_value #>> '{}' !~ '\S' THEN
            RAISE EXCEPTION 'workflow pattern field % must not be blank, not %', v_name, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'enum' AND NOT (v_value #>> '{}') = ANY (v_rule.allowed) THEN
            RAISE EXCEPTION 'workflow pattern field % must be one of %, not %',
                    v_name, array_to_string(v_rule.allowed, ' | '), v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'timestamp' AND workflow.parse_timestamp(v_value #>> '{}') IS NULL THEN
            RAISE EXCEPTION 'workflow pattern field % must be an ISO 8601 timestamp, not %', v_name, v_value
                USING ERRCODE = 'invalid_datetime_format', DETAIL = v_detail,
                      HINT = 'For example 2025-11-29T10:00:00Z or 2025-11-29T10:00:00.123+02:00.';
        ELSIF v_number < v_rule.min_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be >= %, not %', v_name, v_rule.min_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_number > v_rule.max_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be <= %, not %', v_name, v_rule.max_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION workflow.check_fields(text, jsonb, text, text) IS 'Checks one JSON object against the rules of workflow.pattern_fields for a scope and raises on the first problem, naming the field (prefixed with p_path) and its value. Used by workflow.validate_pattern.';

CREATE FUNCTION workflow.validate_pattern(p_pattern jsonb)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pattern_id text := CASE WHEN jsonb_typeof(p_pattern -> 'pattern_id') = 'string' THEN p_pattern ->> 'pattern_id' END;
BEGIN
    -- The root, then the context, then the data of the pattern's type.
    IF p_pattern IS NULL OR jsonb_typeof(p_pattern) <> 'object' THEN
        RAISE EXCEPTION 'a workflow pattern must be a JSON object, not %', coalesce(p_pattern::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give {"pattern_id": ..., "pattern_type": ..., "timestamp": ..., "data": {...}}.';
    END IF;
    PERFORM workflow.check_fields('pattern', p_pattern, '', v_pattern_id);
    PERFORM workflow.check_fields('context', coalesce(p_pattern -> 'context', '{}'), 'context.', v_pattern_id);
    PERFORM workflow.check_fields(p_pattern ->> 'pattern_type', p_pattern -> 'data', 'data.', v_pattern_id);
END
$$;
COMMENT ON FUNCTION workflow.validate_pattern(jsonb) IS 'Validates a workflow pattern document (pattern_id, pattern_type, timestamp, data, context, version) against workflow.pattern_fields; raises on the first problem with an error naming the field and its value (SQLSTATE 23502 missing, 22023 wrong type, blank or not allowed, 22003 out of range, 22007 not ISO 8601).';

CREATE FUNCTION workflow.text_array(p_value jsonb)
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(e.value ORDER BY e.ordinality), '{}')
      FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_value) = 'array' THEN p_value END)
           WITH ORDINALITY AS e (value, ordinality)
$$;
COMMENT ON FUNCTION workflow.text_array(jsonb) IS 'A JSON array of strings as text[]; empty for anything else.';

CREATE TABLE workflow.patterns (
    pattern_id   text PRIMARY KEY,
    pattern_type text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    data         jsonb NOT NULL,
    context      jsonb NOT NULL DEFAULT '{}',
    version      text NOT NULL DEFAULT '1.0',
    tags         text[] GENERATED ALWAYS AS (workflow.text_array(context -> 'tags')) STORED,
    environment  text GENERATED ALWAYS AS (context ->> 'environment') STORED,
    severity     text GENERATED ALWAYS AS (data ->> 'severity') STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE workflow.patterns IS 'AI-agent workflow patterns (task_completion, error_occurrence, agent_usage, user_correction), validated on every write by workflow.validate_pattern. Global, not project-scoped: context.project_name names the project as free text.';
COMMENT ON COLUMN workflow.patterns.pattern_id IS 'The pattern''s identifier, chosen by the writer (often a UUID).';
COMMENT ON COLUMN workflow.patterns.pattern_type IS 'task_completion, error_occurrence, agent_usage or user_correction.';
COMMENT ON COLUMN workflow.patterns.occurred_at IS 'When the pattern occurred (the document''s timestamp).';
COMMENT ON COLUMN workflow.patterns.data IS 'The fields of the pattern type (see workflow.pattern_fields); unknown fields are kept.';
COMMENT ON COLUMN workflow.patterns.context IS 'project_name, session_id, user_id, environment, git_branch, git_commit, timestamp, tags, metadata.';
COMMENT ON COLUMN workflow.patterns.version IS 'The schema version of the document.';
COMMENT ON COLUMN workflow.patterns.tags IS 'context.tags as an array, for tag queries (generated).';
COMMENT ON COLUMN workflow.patterns.environment IS 'context.environment: development, staging or production (generated).';
COMMENT ON COLUMN workflow.patterns.severity IS 'data.severity: minor, moderate or critical, for errors and corrections (generated).';
COMMENT ON COLUMN workflow.patterns.created_at IS 'When the pattern was first saved.';
COMMENT ON COLUMN workflow.patterns.updated_at IS 'When the pattern last changed (maintained by a trigger).';
CREATE INDEX patterns_type_occurred_idx ON workflow.patterns (pattern_type, occurred_at DESC);
COMMENT ON INDEX workflow.patterns_type_occurred_idx IS 'Patterns of a type, newest first.';
CREATE INDEX patterns_occurred_idx ON workflow.patterns (occurred_at);
COMMENT ON INDEX workflow.patterns_occurred_idx IS 'Time-range queries and retention.';
CREATE INDEX patterns_tags_idx ON workflow.patterns USING gin (tags);
COMMENT ON INDEX workflow.patterns_tags_idx IS 'Tag queries (tags @> ARRAY[...]).';

CREATE FUNCTION workflow.pattern_document(p_pattern workflow.patterns)
RETURNS jsonb
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'pattern_id', p_pattern.pattern_id,
        'pattern_type', p_pattern.pattern_type,
        'timestamp', to_char(p_pattern.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'data', p_pattern.data,
        'context', p_pattern.context,
        'version', p_pattern.version)
$$;
COMMENT ON FUNCTION workflow.pattern_document(workflow.patterns) IS 'A stored pattern as its JSON document: pattern_id, pattern_type, timestamp (ISO 8601, UTC), data, context, version.';

CREATE FUNCTION workflow.validate_pattern_row()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Every write is validated, whether through save_pattern or a plain INSERT or UPDATE.
    PERFORM workflow.validate_pattern(workflow.pattern_document(NEW));
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION workflow.validate_pattern_row() IS 'BEFORE INSERT OR UPDATE trigger function of workflow.patterns: validates the row as a pattern document.';
CREATE TRIGGER patterns_validate BEFORE INSERT OR UPDATE ON workflow.patterns
    FOR EACH ROW EXECUTE FUNCTION workflow.validate_pattern_row();
CREATE TRIGGER patterns_touch_updated_at BEFORE UPDATE ON workflow.patterns
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE FUNCTION workflow.save_pattern(p_pattern jsonb)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_inserted boolean;
BEGIN
    -- Upsert by pattern_id: 'inserted', 'updated', or 'unchanged' when the stored pattern is the same.
    PERFORM workflow.validate_pattern(p_pattern);
    INSERT INTO workflow.patterns AS p (pattern_id, pattern_type, occurred_at, data, context, version)
    VALUES (p_pattern ->> 'pattern_id', p_pattern ->> 'pattern_type',
            workflow.parse_timestamp(p_pattern ->> 'timestamp'), p_pattern -> 'data',
            coalesce(nullif(p_pattern -> 'context', 'null'), '{}'),
            coalesce(p_pattern ->> 'version', '1.0'))
    ON CONFLICT (pattern_id) DO UPDATE
        SET pattern_type = excluded.pattern_type, occurred_at = excluded.occurred_at, data = excluded.data,
            context = excluded.context, version = excluded.version
        WHERE (p.pattern_type, p.occurred_at, p.data, p.context, p.version)
              IS DISTINCT FROM (excluded.pattern_type, excluded.occurred_at, excluded.data, excluded.context, excluded.version)
    RETURNING p.xmax = 0 INTO v_inserted;
    RETURN CASE v_inserted WHEN true THEN 'inserted' WHEN false THEN 'updated' ELSE 'unchanged' END;
END
$$;
COMMENT ON FUNCTION workflow.save_pattern(jsonb) IS 'Validates a pattern document and upserts it by pattern_id; returns inserted, updated or unchanged. Raises on invalid input, writing nothing.';

CREATE FUNCTION workflow.save_patterns(p_patterns jsonb)
RETURNS TABLE (ordinal integer, pattern_id text, outcome text, reason text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_item jsonb;
BEGIN
    -- Many patterns at once: each is saved or skipped on its own, never half-written.
    IF p_patterns IS NULL OR jsonb_typeof(p_patterns) <> 'array' THEN
        RAISE EXCEPTION 'p_patterns must be a JSON array of pattern documents, not %', coalesce(p_patterns::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ordinal := 0;
    FOR v_item IN SELECT e.value FROM jsonb_array_elements(p_patterns) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        ordinal := ordinal + 1;
        pattern_id := CASE WHEN jsonb_typeof(v_item -> 'pattern_id') = 'string' THEN v_item ->> 'pattern_id' END;
        BEGIN
            outcome := workflow.save_pattern(v_item);
            reason := NULL;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            outcome := 'skipped';
            reason := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION workflow.save_patterns(jsonb) IS 'Saves each pattern document of a JSON array through workflow.save_pattern; one row per item: ordinal (from 1), pattern_id, outcome (inserted, updated, unchanged, skipped) and, when skipped, the reason.';

CREATE FUNCTION workflow.load_pattern(p_pattern_id text)
RETURNS jsonb
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT workflow.pattern_document(p) FROM workflow.patterns p WHERE p.pattern_id = p_pattern_id
$$;
COMMENT ON FUNCTION workflow.load_pattern(text) IS 'The pattern document with this pattern_id, or NULL.';

CREATE FUNCTION workflow.query_patterns(
      p_pattern_type text DEFAULT NULL
    , p_from timestamptz DEFAULT NULL
    , p_to timestamptz DEFAULT NULL
    , p_tags text[] DEFAULT NULL
    , p_limit integer DEFAULT 100)
RETURNS SETOF jsonb
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Guard clauses, then one indexed query; NULL means no filter.
    IF p_pattern_type IS NOT NULL AND NOT EXISTS (
           SELECT FROM workflow.pattern_fields f
            WHERE f.scope = 'pattern' AND f.field = 'pattern_type' AND p_pattern_type = ANY (f.allowed)) THEN
        RAISE EXCEPTION 'p_pattern_type must be task_completion | error_occurrence | agent_usage | user_correction, not %', p_pattern_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from >= p_to THEN
        RAISE EXCEPTION 'p_from (%) must be before p_to (%)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The range includes p_from and excludes p_to.';
    END IF;
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'p_limit must be a positive number of patterns, not %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT workflow.pattern_document(p)
          FROM workflow.patterns p
         WHERE (p_pattern_type IS NULL OR p.pattern_type = p_pattern_type)
           AND (p_from IS NULL OR p.occurred_at >= p_from)
           AND (p_to IS NULL OR p.occurred_at < p_to)
           AND (p_tags IS NULL OR p.tags @> p_tags)
         ORDER BY p.occurred_at DESC, p.pattern_id
         LIMIT p_limit;
END
$$;
COMMENT ON FUNCTION workflow.query_patterns(text, timestamptz, timestamptz, text[], integer) IS 'Pattern documents, newest first: of a type, occurred in [p_from, p_to), carrying all of p_tags, at most p_limit (default 100). NULL filters are not applied.';

CREATE FUNCTION workflow.delete_patterns_older_than(p_age interval)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- The retention step for workflow.patterns, for ops retention policies to call.
    IF p_age IS NULL OR p_age < interval '0' THEN
        RAISE EXCEPTION 'p_age must be a non-negative interval, not %', coalesce(p_age::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM workflow.patterns WHERE occurred_at < now() - p_age;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
COMMENT ON FUNCTION workflow.delete_patterns_older_than(interval) IS 'Deletes patterns that occurred more than p_age ago and returns how many; the retention step ops policies call.';
