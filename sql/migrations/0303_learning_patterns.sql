-- The continuous-learning store, identified patterns and their occurrences.
-- pattern_occurrences is partitioned by week of detection_timestamp (ISO weeks,
-- Monday 00:00 UTC), partitions named pattern_occurrences_pIYYYYwIW: a default
-- partition takes any row no weekly partition holds, so an insert never fails for
-- want of a partition, and a daily pg_cron job keeps four weeks of partitions ahead.
-- (Retention and generic partition maintenance come with the learning operations, 04xx.)
-- occurrence_frequency counts the occurrences recorded for a pattern: a trigger adds
-- each inserted occurrence; deleting occurrences (or dropping old partitions) does not
-- lower it.
CREATE TABLE learning.identified_patterns (
    project_id              bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    pattern_id              uuid NOT NULL DEFAULT gen_random_uuid(),
    pattern_type            text NOT NULL,
    pattern_name            text NOT NULL,
    pattern_description     text,
    detection_algorithm     text,
    confidence_score        numeric(3,2),
    pattern_signature       jsonb NOT NULL DEFAULT '{}',
    occurrence_frequency    integer NOT NULL DEFAULT 0,
    first_detected          timestamptz NOT NULL DEFAULT now(),
    last_detected           timestamptz,
    severity_level          text,
    impact_metrics          jsonb NOT NULL DEFAULT '{}',
    remediation_suggestions jsonb,
    status                  text NOT NULL DEFAULT 'active',
    PRIMARY KEY (project_id, pattern_id),
    CONSTRAINT identified_patterns_type_name_signature_key UNIQUE (project_id, pattern_type, pattern_name, pattern_signature),
    CONSTRAINT identified_patterns_pattern_type_check
        CHECK (pattern_type IN ('code_smell', 'performance_bottleneck', 'usage_pattern', 'security_vulnerability')),
    CONSTRAINT identified_patterns_pattern_name_check CHECK (pattern_name ~ '\S' AND length(pattern_name) <= 200),
    CONSTRAINT identified_patterns_confidence_score_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT identified_patterns_signature_check
        CHECK (jsonb_typeof(pattern_signature) = 'object' AND octet_length(pattern_signature::text) <= 2000),
    CONSTRAINT identified_patterns_occurrence_frequency_check CHECK (occurrence_frequency >= 0),
    CONSTRAINT identified_patterns_detected_order CHECK (last_detected >= first_detected),
    CONSTRAINT identified_patterns_severity_level_check CHECK (severity_level IN ('low', 'medium', 'high', 'critical')),
    CONSTRAINT identified_patterns_impact_metrics_check CHECK (jsonb_typeof(impact_metrics) = 'object'),
    CONSTRAINT identified_patterns_status_check CHECK (status IN ('active', 'resolved', 'ignored', 'false_positive'))
);
COMMENT ON TABLE learning.identified_patterns IS 'Patterns found in a project''s code and behaviour, unique by type, name and signature; occurrence_frequency, first_detected and last_detected follow learning.pattern_occurrences (trigger).';
COMMENT ON COLUMN learning.identified_patterns.project_id IS 'The project the pattern was found in.';
COMMENT ON COLUMN learning.identified_patterns.pattern_id IS 'The pattern''s key within its project.';
COMMENT ON COLUMN learning.identified_patterns.pattern_type IS 'code_smell, performance_bottleneck, usage_pattern or security_vulnerability.';
COMMENT ON COLUMN learning.identified_patterns.pattern_name IS 'A short name, e.g. long_method.';
COMMENT ON COLUMN learning.identified_patterns.pattern_description IS 'What the pattern is.';
COMMENT ON COLUMN learning.identified_patterns.detection_algorithm IS 'The algorithm that detects it.';
COMMENT ON COLUMN learning.identified_patterns.confidence_score IS 'Confidence in the pattern, in [0, 1].';
COMMENT ON COLUMN learning.identified_patterns.pattern_signature IS 'What distinguishes this pattern from others of the same type and name (a JSON object of at most 2000 bytes as text).';
COMMENT ON COLUMN learning.identified_patterns.occurrence_frequency IS 'How many occurrences were recorded (maintained by a trigger on pattern_occurrences; deletions do not lower it).';
COMMENT ON COLUMN learning.identified_patterns.first_detected IS 'When the pattern was first seen: its creation, or an earlier occurrence.';
COMMENT ON COLUMN learning.identified_patterns.last_detected IS 'The latest detection_timestamp of its occurrences; NULL before the first (maintained by a trigger).';
COMMENT ON COLUMN learning.identified_patterns.severity_level IS 'low, medium, high or critical, if assessed.';
COMMENT ON COLUMN learning.identified_patterns.impact_metrics IS 'Performance, maintainability and other impact (a JSON object).';
COMMENT ON COLUMN learning.identified_patterns.remediation_suggestions IS 'Suggested fixes.';
COMMENT ON COLUMN learning.identified_patterns.status IS 'active, resolved, ignored or false_positive.';
CREATE INDEX identified_patterns_type_status_idx ON learning.identified_patterns (project_id, pattern_type, status);
COMMENT ON INDEX learning.identified_patterns_type_status_idx IS 'Patterns of a type and status.';
CREATE INDEX identified_patterns_last_detected_idx ON learning.identified_patterns (project_id, last_detected);
COMMENT ON INDEX learning.identified_patterns_last_detected_idx IS 'Recently detected patterns.';

CREATE TABLE learning.pattern_occurrences (
    project_id          bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    occurrence_id       uuid NOT NULL DEFAULT gen_random_uuid(),
    pattern_id          uuid NOT NULL,
    source_type         text NOT NULL,
    source_id           text NOT NULL,
    location_data       jsonb,
    context_data        jsonb,
    detection_timestamp timestamptz NOT NULL DEFAULT now(),
    detection_model_id  uuid,
    confidence_score    numeric(3,2),
    metadata            jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, occurrence_id, detection_timestamp),
    CONSTRAINT pattern_occurrences_pattern_fkey FOREIGN KEY (project_id, pattern_id)
        REFERENCES learning.identified_patterns (project_id, pattern_id),
    CONSTRAINT pattern_occurrences_detection_model_fkey FOREIGN KEY (project_id, detection_model_id)
        REFERENCES learning.ml_models (project_id, model_id),
    CONSTRAINT pattern_occurrences_source_type_check CHECK (source_type IN ('git_commit', 'code_file', 'user_session')),
    CONSTRAINT pattern_occurrences_source_id_check CHECK (source_id ~ '\S'),
    CONSTRAINT pattern_occurrences_confidence_score_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT pattern_occurrences_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
) PARTITION BY RANGE (detection_timestamp);
COMMENT ON TABLE learning.pattern_occurrences IS 'Each detection of an identified pattern in a source (commit, file, session), partitioned by ISO week of detection_timestamp (pattern_occurrences_pIYYYYwIW, plus pattern_occurrences_default for rows outside them). Rows are facts: pattern, project and time never change.';
COMMENT ON COLUMN learning.pattern_occurrences.project_id IS 'The project of the pattern.';
COMMENT ON COLUMN learning.pattern_occurrences.occurrence_id IS 'The occurrence''s key (with project_id and detection_timestamp, the partition key).';
COMMENT ON COLUMN learning.pattern_occurrences.pattern_id IS 'The pattern detected.';
COMMENT ON COLUMN learning.pattern_occurrences.source_type IS 'git_commit, code_file or user_session.';
COMMENT ON COLUMN learning.pattern_occurrences.source_id IS 'The id of the source entity.';
COMMENT ON COLUMN learning.pattern_occurrences.location_data IS 'File path, line numbers, function names.';
COMMENT ON COLUMN learning.pattern_occurrences.context_data IS 'Surrounding code or environment.';
COMMENT ON COLUMN learning.pattern_occurrences.detection_timestamp IS 'When it was detected; the partition key.';
COMMENT ON COLUMN learning.pattern_occurrences.detection_model_id IS 'The model version that detected it, if any.';
COMMENT ON COLUMN learning.pattern_occurrences.confidence_score IS 'Confidence in this detection, in [0, 1].';
COMMENT ON COLUMN learning.pattern_occurrences.metadata IS 'Other context (a JSON object).';
CREATE INDEX pattern_occurrences_pattern_idx ON learning.pattern_occurrences (project_id, pattern_id, detection_timestamp);
COMMENT ON INDEX learning.pattern_occurrences_pattern_idx IS 'A pattern''s occurrences over time (supports the pattern foreign key).';
CREATE INDEX pattern_occurrences_model_idx ON learning.pattern_occurrences (project_id, detection_model_id)
    WHERE detection_model_id IS NOT NULL;
COMMENT ON INDEX learning.pattern_occurrences_model_idx IS 'Occurrences a model detected (supports the model foreign key).';
CREATE INDEX pattern_occurrences_source_idx ON learning.pattern_occurrences (project_id, source_type, source_id);
COMMENT ON INDEX learning.pattern_occurrences_source_idx IS 'Occurrences in a source entity.';
CREATE TABLE learning.pattern_occurrences_default PARTITION OF learning.pattern_occurrences DEFAULT;
COMMENT ON TABLE learning.pattern_occurrences_default IS 'Occurrences outside every weekly partition; learning.create_pattern_occurrence_partitions() moves them into the week they belong to when it creates it.';

CREATE FUNCTION learning.pattern_occurrences_immutable()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.pattern_occurrences_immutable() IS 'BEFORE UPDATE trigger function of learning.pattern_occurrences: project_id, pattern_id and detection_timestamp never change (55000).';
CREATE TRIGGER pattern_occurrences_immutable BEFORE UPDATE ON learning.pattern_occurrences
    FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_immutable();

CREATE FUNCTION learning.pattern_occurrences_count()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.pattern_occurrences_count() IS 'AFTER INSERT trigger function of learning.pattern_occurrences: adds one to the pattern''s occurrence_frequency and widens first_detected / last_detected to the detection_timestamp.';
CREATE TRIGGER pattern_occurrences_count AFTER INSERT ON learning.pattern_occurrences
    FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_count();

CREATE FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamptz, p_to timestamptz)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION learning.create_pattern_occurrence_partitions(timestamptz, timestamptz) IS 'Creates the missing weekly partitions (ISO weeks from Monday 00:00 UTC, named pattern_occurrences_pIYYYYwIW) of learning.pattern_occurrences covering [p_from, p_to), moving rows of those weeks out of the default partition; returns how many it created. Scheduled daily as pgpattern-learning-occurrence-partitions for four weeks ahead.';

SELECT learning.create_pattern_occurrence_partitions(now(), now() + interval '4 weeks');
SELECT ops.schedule_job('pgpattern-learning-occurrence-partitions', '41 2 * * *',
    'SELECT learning.create_pattern_occurrence_partitions(now(), now() + interval ''4 weeks'')',
    'Daily at 02:41 UTC: create the weekly partitions of learning.pattern_occurrences four weeks ahead.');
