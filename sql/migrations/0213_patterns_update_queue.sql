-- Delivery of real-time pattern updates: ingest fills patterns.pattern_update_queue through
-- statement-level triggers on git.file_changes (which also keep the live state of 0211
-- current, or defer a bulk statement's counting to the update) and NOTIFYs
-- pgpattern_pattern_updates; `pgpattern worker` LISTENs and calls
-- patterns.process_pattern_updates(), and pg_cron calls it every minute as the safety net.
-- Several workers are safe: entries are claimed with SKIP LOCKED and a project is updated
-- under the advisory lock discovery takes. A failed update stays queued with its error and
-- is retried with a growing delay, up to max_attempts.

CREATE TABLE patterns.pattern_update_queue (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id      bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    trigger_type    text NOT NULL,
    trigger_data    jsonb NOT NULL DEFAULT '{}',
    update_algorithms text[] NOT NULL DEFAULT ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'],
    priority        text NOT NULL DEFAULT 'medium',
    status          text NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    max_attempts    integer NOT NULL DEFAULT 5,
    last_error      text,
    enqueued_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at    timestamptz,
    CONSTRAINT pattern_update_queue_trigger_type_check CHECK (trigger_type IN ('git_commit', 'session_end', 'scheduled', 'manual')),
    CONSTRAINT pattern_update_queue_priority_check CHECK (priority IN ('low', 'medium', 'high')),
    CONSTRAINT pattern_update_queue_status_check CHECK (status IN ('pending', 'completed', 'failed', 'superseded')),
    CONSTRAINT pattern_update_queue_attempts_check CHECK (attempts >= 0 AND max_attempts >= 1),
    CONSTRAINT pattern_update_queue_data_is_object CHECK (jsonb_typeof(trigger_data) = 'object'),
    CONSTRAINT pattern_update_queue_algorithms_check CHECK (
        update_algorithms <@ ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'])
);
COMMENT ON TABLE patterns.pattern_update_queue IS 'Pattern updates waiting to be applied (pending), applied (completed), given up after max_attempts (failed) or made unnecessary by a full discovery (superseded). Ingest queues git_commit entries; others come from session ends, schedules and people.';
COMMENT ON COLUMN patterns.pattern_update_queue.trigger_type IS 'git_commit (ingest: update what the changed files and authors touch), or session_end, scheduled, manual (recompute every pattern of the project from the live state).';
COMMENT ON COLUMN patterns.pattern_update_queue.trigger_data IS 'What changed: for git_commit, {"files": [...], "authors": [...], "commits": n} (commits added, negative when removed), or {"deferred_commits": [...]} for a bulk statement whose commits the update counts into the live state first; free-form for the others.';
COMMENT ON COLUMN patterns.pattern_update_queue.update_algorithms IS 'The algorithms the entry asks for; an update applies those of the project''s current discovery run.';
COMMENT ON COLUMN patterns.pattern_update_queue.priority IS 'high, medium or low: higher first, then oldest first.';
COMMENT ON COLUMN patterns.pattern_update_queue.status IS 'pending, completed, failed or superseded.';
COMMENT ON COLUMN patterns.pattern_update_queue.attempts IS 'How often an update including this entry ran (a failure counts too).';
COMMENT ON COLUMN patterns.pattern_update_queue.last_error IS 'The error of the last failed attempt.';
COMMENT ON COLUMN patterns.pattern_update_queue.next_attempt_at IS 'Not processed before this time (a retry waits 10 s, 20 s, 40 s, ...).';
CREATE INDEX pattern_update_queue_due_idx ON patterns.pattern_update_queue (next_attempt_at) WHERE status = 'pending';
COMMENT ON INDEX patterns.pattern_update_queue_due_idx IS 'The pending entries, by when they are due.';
CREATE INDEX pattern_update_queue_project_idx ON patterns.pattern_update_queue (project_id, status);
COMMENT ON INDEX patterns.pattern_update_queue_project_idx IS 'A project''s entries by status (claiming, superseding, the foreign key).';

CREATE TABLE patterns.pattern_update_metrics (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id           bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    update_type          text NOT NULL,
    trigger_type         text NOT NULL,
    queue_entries        integer NOT NULL,
    execution_time_ms    integer NOT NULL,
    patterns_updated     integer NOT NULL DEFAULT 0,
    patterns_created     integer NOT NULL DEFAULT 0,
    patterns_invalidated integer NOT NULL DEFAULT 0,
    memory_peak_mb       integer,
    db_queries_executed  integer,
    status               text NOT NULL DEFAULT 'completed',
    error_message        text,
    started_at           timestamptz NOT NULL,
    completed_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT pattern_update_metrics_type_check CHECK (update_type IN ('incremental', 'full_refresh', 'rediscovery', 'not_maintained')),
    CONSTRAINT pattern_update_metrics_status_check CHECK (status IN ('completed', 'failed'))
);
COMMENT ON TABLE patterns.pattern_update_metrics IS 'One row per pattern update run of a project: what it did, how long it took, what it created, updated and made inactive, and whether it failed.';
COMMENT ON COLUMN patterns.pattern_update_metrics.update_type IS 'incremental (what changed files and authors touch), full_refresh (every pattern from the live state), rediscovery (a full discover_patterns, for runs whose settings the live state does not cover) or not_maintained (no current run to keep up to date, or a windowed one).';
COMMENT ON COLUMN patterns.pattern_update_metrics.trigger_type IS 'The trigger types of the entries it applied, comma-separated.';
COMMENT ON COLUMN patterns.pattern_update_metrics.queue_entries IS 'How many queue entries the run applied.';
COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_updated IS 'Patterns and insights whose values changed.';
COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_created IS 'Patterns and insights that appeared (or became active again).';
COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_invalidated IS 'Patterns and insights that became inactive.';
COMMENT ON COLUMN patterns.pattern_update_metrics.memory_peak_mb IS 'Not measured inside the database (NULL); the blueprint''s column.';
COMMENT ON COLUMN patterns.pattern_update_metrics.db_queries_executed IS 'SQL statements patterns.apply_pattern_updates() ran at its own level (each algorithm''s update, each a few statements, counts as one).';
COMMENT ON COLUMN patterns.pattern_update_metrics.status IS 'completed or failed.';
COMMENT ON COLUMN patterns.pattern_update_metrics.error_message IS 'The error of a failed run (its entries are retried).';
CREATE INDEX pattern_update_metrics_project_idx ON patterns.pattern_update_metrics (project_id, started_at DESC);
COMMENT ON INDEX patterns.pattern_update_metrics_project_idx IS 'A project''s update runs, newest first.';

CREATE FUNCTION patterns.live_changed(p_project_id bigint, p_commit_ids bigint[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_changed record;
BEGIN
    /*
     * What the triggers on git.file_changes do with the commits a statement touched: up to
     * 200 of them (the commits a hook or a pull brings) are counted into the live state at
     * once and their update is queued naming the files and authors they touched; a bulk
     * statement (the batches of a first ingest) only queues its commits, which the next
     * update counts, so that a long history ingests at the speed git reads it. NOTIFY
     * reaches listening workers when the ingest commits.
     */
    IF cardinality(p_commit_ids) > 200 THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high', jsonb_build_object('deferred_commits', to_jsonb(p_commit_ids)));
    ELSE
        SELECT * INTO STRICT v_changed FROM patterns.live_refresh(p_project_id, p_commit_ids);
        IF cardinality(v_changed.files) = 0 AND cardinality(v_changed.authors) = 0 THEN
            RETURN;
        END IF;
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high',
                jsonb_build_object('files', to_jsonb(v_changed.files), 'authors', to_jsonb(v_changed.authors),
                                   'commits', v_changed.commits));
    END IF;
    PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
END
$$;
COMMENT ON FUNCTION patterns.live_changed(bigint, bigint[]) IS 'Called by the triggers on git.file_changes for the commits a statement touched: counts up to 200 of them into the live state at once and queues their update (files, authors, commits), or queues a bulk statement''s commits for the next update to count (deferred_commits); notifies pgpattern_pattern_updates.';

CREATE FUNCTION patterns.enqueue_pattern_update(
      p_project text
    , p_trigger_type text DEFAULT 'manual'
    , p_priority text DEFAULT 'medium'
    , p_trigger_data jsonb DEFAULT '{}'
    , p_algorithms text[] DEFAULT ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'])
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
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
       OR NOT p_algorithms <@ ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'] THEN
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
$$;
COMMENT ON FUNCTION patterns.enqueue_pattern_update(text, text, text, jsonb, text[]) IS 'Queues a pattern update of a project by name and notifies pgpattern_pattern_updates; returns the entry''s id. p_trigger_type git_commit, session_end, scheduled or manual (default; all but git_commit recompute every pattern from the live state); p_priority low, medium (default) or high; p_trigger_data a JSON object; p_algorithms (default all).';

CREATE FUNCTION patterns.process_pattern_updates(p_max_projects integer DEFAULT 1)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
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
     * project at a time under its discovery lock (a busy project is left for later).
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
        IF NOT pg_try_advisory_xact_lock(1885630573, v_project_id::integer) THEN  -- 'pdis', as discovery
            v_skipped := v_skipped || v_project_id;
            v_project_id := NULL;
            CONTINUE;
        END IF;

        WITH claimed AS (
            SELECT q.id, q.trigger_type
              FROM patterns.pattern_update_queue q
             WHERE q.project_id = v_project_id AND q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
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
$$;
COMMENT ON FUNCTION patterns.process_pattern_updates(integer) IS 'Applies the due pattern update queue entries of up to p_max_projects projects (default 1), most urgent first, each project under the discovery advisory lock (busy projects wait for the next call); returns how many entries it completed or failed. Writes a patterns.pattern_update_metrics row per project. Safe to run from several workers at once.';

CREATE FUNCTION patterns.purge_pattern_updates(p_keep interval DEFAULT interval '7 days')
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_deleted bigint;
    v_metrics bigint;
BEGIN
    -- Finished entries and their metrics older than p_keep go (failed entries stay twice as long).
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM patterns.pattern_update_queue q
     WHERE (q.status IN ('completed', 'superseded') AND q.enqueued_at < now() - p_keep)
        OR (q.status = 'failed' AND q.enqueued_at < now() - 2 * p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    DELETE FROM patterns.pattern_update_metrics m WHERE m.started_at < now() - 2 * p_keep;
    GET DIAGNOSTICS v_metrics = ROW_COUNT;
    RETURN v_deleted + v_metrics;
END
$$;
COMMENT ON FUNCTION patterns.purge_pattern_updates(interval) IS 'Deletes finished queue entries older than p_keep (default 7 days; failed ones after twice that) and metrics older than twice p_keep; returns the rows deleted. pg_cron runs it daily.';

-- The triggers that keep the live state current and queue the updates. The transition
-- tables are named through format(): plpgsql_check cannot know a trigger's transition
-- tables, and would report them as missing relations.
CREATE FUNCTION patterns.live_file_changes_inserted()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'inserted_rows');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION patterns.live_file_changes_inserted() IS 'After an INSERT into git.file_changes: brings the live state of the new commits up to date and queues their pattern update.';
CREATE TRIGGER file_changes_live_insert AFTER INSERT ON git.file_changes
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_inserted();

CREATE FUNCTION patterns.live_file_changes_updated()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Lineage re-keys changes (refresh_lineage); their commits are counted again.
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'updated_rows');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.file_changes (lineage): counts the commits of the changed rows again and queues their pattern update.';
CREATE TRIGGER file_changes_live_update AFTER UPDATE ON git.file_changes
    REFERENCING NEW TABLE AS updated_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_updated();

CREATE FUNCTION patterns.live_file_changes_deleted()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(o.project_id, array_agg(DISTINCT o.commit_id))
                      FROM %I o GROUP BY o.project_id', 'deleted_rows');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.file_changes (forgotten history): takes the commits out of the live state and queues the pattern update.';
CREATE TRIGGER file_changes_live_delete AFTER DELETE ON git.file_changes
    REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_deleted();

CREATE FUNCTION patterns.supersede_pattern_updates()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A completed full discovery covers the pattern updates queued before it began (not the
    -- live-state counting a bulk ingest left to the next update); the live state
    -- is then synced with its patterns once (a full refresh, queued at low priority) when
    -- the live counts cover the run (unwindowed, max_changeset_size 30).
    UPDATE patterns.pattern_update_queue q SET status = 'superseded', completed_at = clock_timestamp()
     WHERE q.project_id = NEW.project_id AND q.status = 'pending' AND q.enqueued_at < NEW.discovery_timestamp
       AND NOT q.trigger_data ? 'deferred_commits';
    IF NEW.window_since IS NULL AND NEW.window_until IS NULL AND NEW.window_until_sha IS NULL
       AND NEW.max_changeset_size = 30 THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (NEW.project_id, 'scheduled', 'low', jsonb_build_object('reason', 'discovery', 'discovery_session_id', NEW.id));
        PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION patterns.supersede_pattern_updates() IS 'After a discovery run completes: marks the project''s updates queued before it superseded and queues one full refresh that syncs the live state with the new run.';
CREATE TRIGGER discovery_supersedes_updates AFTER UPDATE OF status ON patterns.pattern_discovery_sessions
    FOR EACH ROW WHEN (NEW.status = 'completed' AND OLD.status IS DISTINCT FROM 'completed')
    EXECUTE FUNCTION patterns.supersede_pattern_updates();

CREATE FUNCTION patterns.session_end_pattern_update()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
    VALUES (NEW.project_id, 'session_end', 'medium', jsonb_build_object('session_id', NEW.session_id));
    PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION patterns.session_end_pattern_update() IS 'After a development session ends: queues a session_end pattern update of its project.';
CREATE TRIGGER sessions_end_pattern_update AFTER UPDATE OF status ON core.sessions
    FOR EACH ROW WHEN (NEW.status = 'ended' AND OLD.status = 'active')
    EXECUTE FUNCTION patterns.session_end_pattern_update();

-- History ingested before this migration enters the live state now.
SELECT patterns.live_rebuild(p.project_id) FROM core.projects p;

SELECT ops.schedule_job('pgpattern-process-pattern-updates', '* * * * *',
    'SELECT patterns.process_pattern_updates(100)',
    'Every minute: apply queued pattern updates (the safety net when no pgpattern worker runs).');
SELECT ops.schedule_job('pgpattern-purge-pattern-updates', '17 3 * * *',
    'SELECT patterns.purge_pattern_updates()',
    'Daily at 03:17: delete finished pattern update entries older than 7 days.');
