CREATE OR REPLACE FUNCTION patterns.process_pattern_updates(p_max_projects integer DEFAULT 1)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_entries    bigint[];
    v_error      text;
    v_handled    integer := 0;
    v_project_id bigint;
    v_result     record;
    v_skipped    bigint[] := ARRAY[]::bigint[];
    v_started    timestamptz;
    v_types      text;
BEGIN
    /*
     * Applies the due entries of up to p_max_projects projects, most urgent first, one
     * project at a time under its discovery lock (a busy project, or one being
     * ingested, is left for later). A project's rescore entry waits while other entries of
     * it are due, so that commits are not held up behind it and a burst is rescored once.
     * Returns how many entries it handled, completed or failed.
     */
    IF p_max_projects IS NULL OR p_max_projects < 1 THEN
        RAISE EXCEPTION 'max_projects must be at least 1, not %', coalesce(p_max_projects::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. p_max_projects LOOP
        SELECT q.project_id INTO v_project_id
          FROM patterns.pattern_update_queue q
         WHERE q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
           AND NOT q.project_id = ANY (v_skipped)
         ORDER BY CASE q.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, q.enqueued_at, q.id
         LIMIT 1
           FOR UPDATE SKIP LOCKED;
        EXIT WHEN v_project_id IS NULL;
        -- A project whose ingest is running is left for later: its batches must not wait behind
        -- an update counting the history it is still writing (the ingest notifies when it ends).
        -- Shared: two updates of one project are already kept apart by the discovery lock.
        IF NOT pg_try_advisory_xact_lock(core.lock_class('discovery'), v_project_id::integer)  -- 'pdis', as discovery
           OR NOT pg_try_advisory_xact_lock_shared(core.lock_class('ingest'), v_project_id::integer) THEN  -- 'pgpi', ingest
            v_skipped := v_skipped || v_project_id;
            v_project_id := NULL;
            CONTINUE;
        END IF;

        WITH claimed AS (
            SELECT q.id, q.trigger_type
              FROM patterns.pattern_update_queue q
             WHERE q.project_id = v_project_id AND q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
               AND (q.trigger_type <> 'rescore'
                    OR NOT EXISTS (SELECT FROM patterns.pattern_update_queue o
                                    WHERE o.project_id = v_project_id AND o.status = 'pending'
                                      AND o.next_attempt_at <= clock_timestamp() AND o.trigger_type <> 'rescore'))
               FOR UPDATE SKIP LOCKED)
        SELECT array_agg(c.id ORDER BY c.id), string_agg(DISTINCT c.trigger_type, ',')
          INTO v_entries, v_types
          FROM claimed c;
        v_started := clock_timestamp();
        BEGIN
            SELECT * INTO STRICT v_result FROM patterns.apply_pattern_updates(v_project_id, v_entries);
            UPDATE patterns.pattern_update_queue q
               SET status = 'completed', attempts = q.attempts + 1, completed_at = clock_timestamp()
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, patterns_updated,
                patterns_created, patterns_invalidated, db_queries_executed, started_at)
            VALUES (v_project_id, v_result.update_type, v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, v_result.updated,
                    v_result.created, v_result.invalidated, v_result.statements, v_started);
        EXCEPTION WHEN OTHERS THEN
            -- The update's writes are rolled back; its entries wait for a retry, or fail for good.
            GET STACKED DIAGNOSTICS v_error = MESSAGE_TEXT;
            UPDATE patterns.pattern_update_queue q
               SET attempts = q.attempts + 1, last_error = v_error,
                   status = CASE WHEN q.attempts + 1 >= q.max_attempts THEN 'failed' ELSE 'pending' END,
                   next_attempt_at = clock_timestamp() + interval '10 seconds' * 2 ^ q.attempts
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, status, error_message, started_at)
            VALUES (v_project_id, 'incremental', v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, 'failed', v_error, v_started);
        END;
        v_handled := v_handled + cardinality(v_entries);
        v_project_id := NULL;
    END LOOP;
    RETURN v_handled;
END
$function$;
COMMENT ON FUNCTION patterns.process_pattern_updates(integer) IS 'Applies the due pattern update queue entries of up to p_max_projects projects (default 1), most urgent first, each project under the discovery advisory lock (busy projects and projects being ingested wait for the next call; a rescore entry waits for the project''s other due entries); returns how many entries it completed or failed. Writes a patterns.pattern_update_metrics row per project. Safe to run from several workers at once.';
GRANT EXECUTE ON FUNCTION patterns.process_pattern_updates(integer) TO pgpattern_writer;
