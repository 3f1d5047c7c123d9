CREATE OR REPLACE FUNCTION patterns.session_end_pattern_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
    VALUES (NEW.project_id, 'session_end', 'medium', jsonb_build_object('session_id', NEW.session_id));
    PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.session_end_pattern_update() IS 'After a development session ends: queues a session_end pattern update of its project.';
GRANT EXECUTE ON FUNCTION patterns.session_end_pattern_update() TO pgpattern_writer;
