CREATE OR REPLACE FUNCTION patterns.supersede_pattern_updates()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- A completed full discovery covers the pattern updates queued before it began (not the
    -- live-state counting a bulk ingest left to the next update); the live state
    -- is then synced with its patterns once (a full refresh, queued at low priority) when
    -- the live counts cover the run (unwindowed, max_changeset_size 30) and the run did not
    -- score the live state itself.
    UPDATE patterns.pattern_update_queue q SET status = 'superseded', completed_at = clock_timestamp()
     WHERE q.project_id = NEW.project_id AND q.status = 'pending' AND q.enqueued_at < NEW.discovery_timestamp
       AND NOT q.trigger_data ? 'deferred_commits';
    IF NEW.window_since IS NULL AND NEW.window_until IS NULL AND NEW.window_until_sha IS NULL
       AND NEW.max_changeset_size = patterns.live_max_changeset_size()
       AND NOT EXISTS (SELECT FROM patterns.live_synced l
                        WHERE l.project_id = NEW.project_id AND l.discovery_session_id = NEW.id) THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (NEW.project_id, 'scheduled', 'low', jsonb_build_object('reason', 'discovery', 'discovery_session_id', NEW.id));
        PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    END IF;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.supersede_pattern_updates() IS 'After a discovery run completes: marks the project''s updates queued before it superseded and, unless the run scored the live state itself, queues one full refresh that syncs the live state with the new run.';
GRANT EXECUTE ON FUNCTION patterns.supersede_pattern_updates() TO pgpattern_writer;
