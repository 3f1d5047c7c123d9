CREATE OR REPLACE FUNCTION patterns.enqueue_pattern_update(p_project text, p_trigger_type text DEFAULT 'manual'::text, p_priority text DEFAULT 'medium'::text, p_trigger_data jsonb DEFAULT '{}'::jsonb, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text])
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_id bigint;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('trigger_type', p_trigger_type, ARRAY['git_commit', 'session_end', 'scheduled', 'manual']);
    PERFORM patterns.check_choice('priority', p_priority, ARRAY['low', 'medium', 'high']);
    IF p_trigger_type IS NULL OR p_priority IS NULL THEN
        RAISE EXCEPTION 'trigger_type and priority must not be NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_trigger_data IS NULL OR jsonb_typeof(p_trigger_data) <> 'object' THEN
        RAISE EXCEPTION 'trigger_data must be a JSON object, not %', coalesce(p_trigger_data::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0
       OR NOT p_algorithms <@ patterns.algorithms() THEN
        RAISE EXCEPTION 'algorithms must be some of cooccurrence, temporal, developer, magnitude, insights, not %',
            coalesce(p_algorithms::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data, update_algorithms)
    VALUES (v_project_id, p_trigger_type, p_priority, p_trigger_data, p_algorithms)
    RETURNING id INTO v_id;
    PERFORM pg_notify('pgpattern_pattern_updates', v_project_id::text);
    RETURN v_id;
END
$function$;
COMMENT ON FUNCTION patterns.enqueue_pattern_update(text,text,text,jsonb,text[]) IS 'Queues a pattern update of a project by name and notifies pgpattern_pattern_updates; returns the entry''s id. p_trigger_type git_commit, session_end, scheduled or manual (default; all but git_commit recompute every pattern from the live state); p_priority low, medium (default) or high; p_trigger_data a JSON object; p_algorithms (default all).';
GRANT EXECUTE ON FUNCTION patterns.enqueue_pattern_update(text,text,text,jsonb,text[]) TO pgpattern_writer;
