-- Operation patterns: recurring operations of agent workflows (identified by a
-- signature such as test:pytest:backend), each occurrence linked to its workflow once,
-- with running statistics kept by a trigger: average tokens and cost with the LLM,
-- the estimated cost of a tool instead (5%), potential monthly savings, confidence.
-- Global like workflow.patterns: a signature means the same operation in every project.
CREATE FUNCTION workflow.operation_confidence(
      p_occurrences bigint
    , p_known bigint
    , p_sum numeric
    , p_sum_of_squares numeric)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- 100 * n / (n + 4) / (1 + cv), cv = the coefficient of variation of the tokens.
    SELECT round(100 * p_occurrences / (p_occurrences + 4.0)
                 / (1 + CASE WHEN p_known >= 2 AND p_sum > 0
                             THEN sqrt(greatest(p_sum_of_squares / p_known - (p_sum / p_known) ^ 2, 0)) / (p_sum / p_known)
                             ELSE 0 END), 2)
$$;
COMMENT ON FUNCTION workflow.operation_confidence(bigint, bigint, numeric, numeric) IS 'Confidence (0 to 100) that an operation pattern is real and regular: 100 * n / (n + 4) / (1 + cv), where n is the number of occurrences and cv the coefficient of variation (population standard deviation / mean) of the tokens of the occurrences whose tokens are known (0 with fewer than two). One occurrence gives 20, five identical ones 55.56, twenty identical ones 83.33; spread in the tokens lowers it.';

CREATE FUNCTION workflow.operation_monthly_savings(
      p_occurrences bigint
    , p_average_cost numeric
    , p_first_seen timestamptz
    , p_last_seen timestamptz)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- (LLM cost - tool cost) per occurrence, times occurrences per 30 days (at least one month of span).
    SELECT round(0.95 * p_average_cost * p_occurrences
                 / greatest(extract(epoch FROM p_last_seen - p_first_seen) / 2592000, 1), 4)
$$;
COMMENT ON FUNCTION workflow.operation_monthly_savings(bigint, numeric, timestamptz, timestamptz) IS 'Potential monthly savings of automating an operation: (average LLM cost - tool cost) * occurrences per month = 0.95 * average cost * n / max(months between first and last occurrence, 1), a month being 30 days. NULL while no cost is known.';

CREATE TABLE workflow.operation_patterns (
    pattern_id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pattern_signature      text NOT NULL UNIQUE
                           CONSTRAINT operation_patterns_signature_check CHECK (pattern_signature ~ '\S' AND length(pattern_signature) <= 500),
    pattern_type           text NOT NULL
                           CONSTRAINT operation_patterns_type_check CHECK (pattern_type ~ '\S' AND length(pattern_type) <= 100),
    typical_input_pattern  jsonb NOT NULL DEFAULT '{}',
    automation_status      text NOT NULL DEFAULT 'detected'
                           CONSTRAINT operation_patterns_status_check
                           CHECK (automation_status IN ('detected', 'candidate', 'approved', 'automated', 'rejected')),
    occurrence_count       bigint NOT NULL DEFAULT 0 CHECK (occurrence_count >= 0),
    tokens_known           bigint NOT NULL DEFAULT 0 CHECK (tokens_known >= 0),
    tokens_sum             numeric NOT NULL DEFAULT 0,
    tokens_sum_of_squares  numeric NOT NULL DEFAULT 0,
    cost_known             bigint NOT NULL DEFAULT 0 CHECK (cost_known >= 0),
    cost_sum               numeric NOT NULL DEFAULT 0,
    first_seen             timestamptz,
    last_seen              timestamptz,
    avg_tokens_with_llm    numeric GENERATED ALWAYS AS (tokens_sum / nullif(tokens_known, 0)) STORED,
    avg_cost_with_llm      numeric GENERATED ALWAYS AS (cost_sum / nullif(cost_known, 0)) STORED,
    avg_cost_with_tool     numeric GENERATED ALWAYS AS (0.05 * cost_sum / nullif(cost_known, 0)) STORED,
    potential_monthly_savings numeric GENERATED ALWAYS AS (
        workflow.operation_monthly_savings(occurrence_count, cost_sum / nullif(cost_known, 0), first_seen, last_seen)) STORED,
    confidence_score       numeric GENERATED ALWAYS AS (
        workflow.operation_confidence(occurrence_count, tokens_known, tokens_sum, tokens_sum_of_squares)) STORED,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE workflow.operation_patterns IS 'Recurring operations of agent workflows, one per signature, with running statistics over their occurrences (kept by the trigger on workflow.pattern_occurrences). Global, not project-scoped.';
COMMENT ON COLUMN workflow.operation_patterns.pattern_id IS 'The pattern key.';
COMMENT ON COLUMN workflow.operation_patterns.pattern_signature IS 'What identifies the operation, e.g. test:pytest:backend (unique).';
COMMENT ON COLUMN workflow.operation_patterns.pattern_type IS 'The kind of operation, e.g. test, build, deploy.';
COMMENT ON COLUMN workflow.operation_patterns.typical_input_pattern IS 'The characteristics of the workflow the pattern was first seen in.';
COMMENT ON COLUMN workflow.operation_patterns.automation_status IS 'detected, candidate, approved, automated or rejected.';
COMMENT ON COLUMN workflow.operation_patterns.occurrence_count IS 'How many workflows the pattern occurred in.';
COMMENT ON COLUMN workflow.operation_patterns.tokens_known IS 'How many occurrences have a token count.';
COMMENT ON COLUMN workflow.operation_patterns.tokens_sum IS 'The sum of their token counts.';
COMMENT ON COLUMN workflow.operation_patterns.tokens_sum_of_squares IS 'The sum of their squares (for the standard deviation behind the confidence).';
COMMENT ON COLUMN workflow.operation_patterns.cost_known IS 'How many occurrences have a cost.';
COMMENT ON COLUMN workflow.operation_patterns.cost_sum IS 'The sum of their costs.';
COMMENT ON COLUMN workflow.operation_patterns.first_seen IS 'When the earliest occurrence was detected.';
COMMENT ON COLUMN workflow.operation_patterns.last_seen IS 'When the latest occurrence was detected.';
COMMENT ON COLUMN workflow.operation_patterns.avg_tokens_with_llm IS 'The mean tokens over the occurrences whose tokens are known: tokens_sum / tokens_known (generated).';
COMMENT ON COLUMN workflow.operation_patterns.avg_cost_with_llm IS 'The mean LLM cost over the occurrences whose cost is known: cost_sum / cost_known (generated).';
COMMENT ON COLUMN workflow.operation_patterns.avg_cost_with_tool IS 'The estimated cost of a tool doing the same: 5% of avg_cost_with_llm (generated).';
COMMENT ON COLUMN workflow.operation_patterns.potential_monthly_savings IS 'See workflow.operation_monthly_savings (generated).';
COMMENT ON COLUMN workflow.operation_patterns.confidence_score IS 'See workflow.operation_confidence (generated).';
COMMENT ON COLUMN workflow.operation_patterns.created_at IS 'When the pattern was first recorded.';
COMMENT ON COLUMN workflow.operation_patterns.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX operation_patterns_savings_idx ON workflow.operation_patterns (potential_monthly_savings DESC NULLS LAST);
COMMENT ON INDEX workflow.operation_patterns_savings_idx IS 'Patterns ranked by potential savings.';
CREATE TRIGGER operation_patterns_touch_updated_at BEFORE UPDATE ON workflow.operation_patterns
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE workflow.pattern_occurrences (
    pattern_id              bigint NOT NULL REFERENCES workflow.operation_patterns (pattern_id) ON DELETE CASCADE,
    workflow_id             text NOT NULL CONSTRAINT pattern_occurrences_workflow_check CHECK (workflow_id ~ '\S'),
    tokens                  bigint CONSTRAINT pattern_occurrences_tokens_check CHECK (tokens >= 0),
    cost                    numeric CONSTRAINT pattern_occurrences_cost_check CHECK (cost >= 0),
    similarity_score        numeric NOT NULL DEFAULT 100
                            CONSTRAINT pattern_occurrences_similarity_check CHECK (similarity_score BETWEEN 0 AND 100),
    matched_characteristics jsonb NOT NULL DEFAULT '{}',
    detected_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pattern_id, workflow_id)
);
COMMENT ON TABLE workflow.pattern_occurrences IS 'Which workflows an operation pattern occurred in: at most once per pattern and workflow, with the workflow''s tokens and cost.';
COMMENT ON COLUMN workflow.pattern_occurrences.pattern_id IS 'The operation pattern.';
COMMENT ON COLUMN workflow.pattern_occurrences.workflow_id IS 'The workflow it occurred in.';
COMMENT ON COLUMN workflow.pattern_occurrences.tokens IS 'LLM tokens the workflow used, if known.';
COMMENT ON COLUMN workflow.pattern_occurrences.cost IS 'LLM cost of the workflow, if known.';
COMMENT ON COLUMN workflow.pattern_occurrences.similarity_score IS 'How closely the workflow matched the pattern, 0 to 100.';
COMMENT ON COLUMN workflow.pattern_occurrences.matched_characteristics IS 'The workflow characteristics that matched.';
COMMENT ON COLUMN workflow.pattern_occurrences.detected_at IS 'When the occurrence happened (the workflow''s time, else when it was recorded).';

CREATE FUNCTION workflow.count_occurrence()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
    v_row  workflow.pattern_occurrences := CASE TG_OP WHEN 'INSERT' THEN NEW ELSE OLD END;
BEGIN
    -- Adds an inserted occurrence to its pattern's sums, or takes a deleted one away,
    -- so the averages always equal the means over the occurrences.
    UPDATE workflow.operation_patterns p
       SET occurrence_count = p.occurrence_count + v_sign,
           tokens_known = p.tokens_known + CASE WHEN v_row.tokens IS NOT NULL THEN v_sign ELSE 0 END,
           tokens_sum = p.tokens_sum + v_sign * coalesce(v_row.tokens, 0),
           tokens_sum_of_squares = p.tokens_sum_of_squares + v_sign * coalesce(v_row.tokens, 0)::numeric ^ 2,
           cost_known = p.cost_known + CASE WHEN v_row.cost IS NOT NULL THEN v_sign ELSE 0 END,
           cost_sum = p.cost_sum + v_sign * coalesce(v_row.cost, 0),
           first_seen = CASE WHEN TG_OP = 'INSERT' THEN least(p.first_seen, v_row.detected_at)
                             ELSE (SELECT min(o.detected_at) FROM workflow.pattern_occurrences o WHERE o.pattern_id = p.pattern_id) END,
           last_seen = CASE WHEN TG_OP = 'INSERT' THEN greatest(p.last_seen, v_row.detected_at)
                            ELSE (SELECT max(o.detected_at) FROM workflow.pattern_occurrences o WHERE o.pattern_id = p.pattern_id) END
     WHERE p.pattern_id = v_row.pattern_id;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION workflow.count_occurrence() IS 'AFTER INSERT OR DELETE trigger function of workflow.pattern_occurrences: keeps the sums, count and first and last seen of the pattern.';
CREATE TRIGGER pattern_occurrences_count AFTER INSERT OR DELETE ON workflow.pattern_occurrences
    FOR EACH ROW EXECUTE FUNCTION workflow.count_occurrence();

CREATE FUNCTION workflow.forbid_occurrence_update()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The statistics are sums over inserted occurrences; an edit would make them wrong.
    RAISE EXCEPTION 'occurrence of pattern % in workflow % cannot be changed', OLD.pattern_id, OLD.workflow_id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Delete the occurrence and record it again.';
END
$$;
COMMENT ON FUNCTION workflow.forbid_occurrence_update() IS 'BEFORE UPDATE trigger function of workflow.pattern_occurrences: refuses updates, which would bypass the running statistics.';
CREATE TRIGGER pattern_occurrences_no_update BEFORE UPDATE ON workflow.pattern_occurrences
    FOR EACH ROW EXECUTE FUNCTION workflow.forbid_occurrence_update();

CREATE FUNCTION workflow.record_pattern_occurrence(
      p_signature text
    , p_pattern_type text
    , p_workflow jsonb
    , OUT pattern_id bigint
    , OUT is_new boolean)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_existing_type text;
    v_field         text;
    v_workflow_id   text := p_workflow ->> 'workflow_id';
BEGIN
    /*
     * Creates the pattern on its first occurrence, then links the workflow to it once:
     * recording the same workflow again changes nothing. Two sessions recording the same
     * new signature at once get one pattern: the loser of the insert waits for the
     * winner's commit and then finds its row.
     */
    IF p_signature IS NULL OR p_signature !~ '\S' OR length(p_signature) > 500 THEN
        RAISE EXCEPTION 'signature must be 1 to 500 characters, not %', coalesce(quote_literal(p_signature), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'A signature identifies the operation, e.g. test:pytest:backend.';
    END IF;
    IF p_pattern_type IS NULL OR p_pattern_type !~ '\S' OR length(p_pattern_type) > 100 THEN
        RAISE EXCEPTION 'pattern_type must be 1 to 100 characters, not %', coalesce(quote_literal(p_pattern_type), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    IF p_workflow IS NULL OR jsonb_typeof(p_workflow) <> 'object' THEN
        RAISE EXCEPTION 'workflow must be a JSON object, not %', coalesce(p_workflow::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature),
                  HINT = 'Give at least {"workflow_id": ...}.';
    END IF;
    -- A field given as null is a field not known.
    p_workflow := p_workflow - ARRAY(SELECT e.key FROM jsonb_each(p_workflow) e WHERE e.value = 'null');
    IF jsonb_typeof(p_workflow -> 'workflow_id') IS DISTINCT FROM 'string' OR v_workflow_id !~ '\S' THEN
        RAISE EXCEPTION 'workflow.workflow_id must be a non-blank string, not %', coalesce((p_workflow -> 'workflow_id')::text, 'missing')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    FOREACH v_field IN ARRAY ARRAY['total_tokens', 'actual_cost_total', 'similarity_score'] LOOP
        IF p_workflow ? v_field
           AND (jsonb_typeof(p_workflow -> v_field) <> 'number' OR (p_workflow ->> v_field)::numeric < 0
                OR (v_field = 'total_tokens' AND (p_workflow ->> v_field)::numeric <> trunc((p_workflow ->> v_field)::numeric))
                OR (v_field = 'similarity_score' AND (p_workflow ->> v_field)::numeric > 100)) THEN
            RAISE EXCEPTION 'workflow.% must be %, not %', v_field,
                    CASE v_field WHEN 'total_tokens' THEN 'an integer >= 0' WHEN 'actual_cost_total' THEN 'a number >= 0'
                                 ELSE 'a number from 0 to 100' END,
                    p_workflow -> v_field
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature),
                      HINT = 'Leave it out or give null when it is not known.';
        END IF;
    END LOOP;
    IF p_workflow ? 'created_at' AND workflow.parse_timestamp(p_workflow ->> 'created_at') IS NULL THEN
        RAISE EXCEPTION 'workflow.created_at must be an ISO 8601 timestamp, not %', p_workflow -> 'created_at'
            USING ERRCODE = 'invalid_datetime_format', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;
    IF p_workflow ? 'characteristics' AND jsonb_typeof(p_workflow -> 'characteristics') <> 'object' THEN
        RAISE EXCEPTION 'workflow.characteristics must be a JSON object, not %', p_workflow -> 'characteristics'
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;

    INSERT INTO workflow.operation_patterns AS p (pattern_signature, pattern_type, typical_input_pattern)
    VALUES (p_signature, p_pattern_type, coalesce(p_workflow -> 'characteristics', '{}'))
    ON CONFLICT (pattern_signature) DO NOTHING
    RETURNING p.pattern_id INTO pattern_id;
    is_new := pattern_id IS NOT NULL;
    IF NOT is_new THEN
        SELECT p.pattern_id, p.pattern_type INTO pattern_id, v_existing_type
          FROM workflow.operation_patterns p WHERE p.pattern_signature = p_signature;
        IF v_existing_type <> p_pattern_type THEN
            RAISE EXCEPTION 'signature % is already a pattern of type %, not %', p_signature, v_existing_type, p_pattern_type
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s', v_workflow_id),
                      HINT = 'A signature has one pattern type: use another signature.';
        END IF;
    END IF;

    INSERT INTO workflow.pattern_occurrences AS o
           (pattern_id, workflow_id, tokens, cost, similarity_score, matched_characteristics, detected_at)
    VALUES (pattern_id, v_workflow_id, (p_workflow ->> 'total_tokens')::bigint, (p_workflow ->> 'actual_cost_total')::numeric,
            coalesce((p_workflow ->> 'similarity_score')::numeric, 100), coalesce(p_workflow -> 'characteristics', '{}'),
            coalesce(workflow.parse_timestamp(p_workflow ->> 'created_at'), now()))
    ON CONFLICT ON CONSTRAINT pattern_occurrences_pkey DO NOTHING;
END
$$;
COMMENT ON FUNCTION workflow.record_pattern_occurrence(text, text, jsonb) IS 'Records that an operation pattern (signature, type) occurred in a workflow and returns (pattern_id, is_new): creates the pattern on its first occurrence, links the workflow once (again is a no-op), and the statistics follow. The workflow is a JSON object: workflow_id (required), total_tokens, actual_cost_total, similarity_score (0-100), created_at (ISO 8601), characteristics (an object). Safe under concurrent calls.';

CREATE FUNCTION workflow.batch_process_workflows(p_workflows jsonb)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_errors       jsonb := '[]'::jsonb;
    v_index        integer := 0;
    v_new          integer := 0;
    v_new_here     integer;
    v_pattern      jsonb;
    v_processed    integer := 0;
    v_result       record;
    v_updated      integer := 0;
    v_updated_here integer;
    v_workflow     jsonb;
BEGIN
    /*
     * Each workflow is {"workflow_id": ..., ..., "patterns": [{"signature": ..., "pattern_type": ...}, ...]}.
     * A workflow is recorded whole or not at all; a bad one is listed in errors and the
     * batch goes on.
     */
    IF p_workflows IS NULL OR jsonb_typeof(p_workflows) <> 'array' THEN
        RAISE EXCEPTION 'p_workflows must be a JSON array of workflows, not %', coalesce(p_workflows::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_workflow IN SELECT e.value FROM jsonb_array_elements(p_workflows) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        v_index := v_index + 1;
        v_new_here := 0;
        v_updated_here := 0;
        BEGIN
            IF jsonb_typeof(v_workflow -> 'patterns') IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'patterns must be a JSON array of {"signature": ..., "pattern_type": ...}, not %',
                        coalesce((v_workflow -> 'patterns')::text, 'missing')
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR v_pattern IN SELECT e.value FROM jsonb_array_elements(v_workflow -> 'patterns') e LOOP
                SELECT r.pattern_id, r.is_new INTO v_result
                  FROM workflow.record_pattern_occurrence(v_pattern ->> 'signature', v_pattern ->> 'pattern_type',
                                                          v_workflow - 'patterns') r;
                IF v_result.is_new THEN
                    v_new_here := v_new_here + 1;
                ELSE
                    v_updated_here := v_updated_here + 1;
                END IF;
            END LOOP;
            v_new := v_new + v_new_here;
            v_updated := v_updated + v_updated_here;
            v_processed := v_processed + 1;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            v_errors := v_errors || jsonb_build_object(
                'index', v_index,
                'workflow_id', CASE WHEN jsonb_typeof(v_workflow -> 'workflow_id') = 'string' THEN v_workflow ->> 'workflow_id' END,
                'reason', SQLERRM);
        END;
    END LOOP;
    RETURN jsonb_build_object('total', v_index, 'processed', v_processed, 'new', v_new, 'updated', v_updated,
                              'errors', v_errors);
END
$$;
COMMENT ON FUNCTION workflow.batch_process_workflows(jsonb) IS 'Records the operation patterns of many workflows, each {"workflow_id", "total_tokens", "actual_cost_total", ..., "patterns": [{"signature", "pattern_type"}]}. Each workflow is recorded whole or not at all; bad ones do not stop the batch. Returns {"total", "processed" (workflows recorded), "new" (patterns created), "updated" (occurrences of patterns that existed already), "errors": [{"index" (from 1), "workflow_id", "reason"}]}.';
