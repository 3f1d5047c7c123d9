CREATE OR REPLACE FUNCTION learning.fill_learning_event_timestamp()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION learning.fill_learning_event_timestamp() IS 'BEFORE INSERT OR UPDATE trigger function of the tables that link to learning events: fills event_timestamp from the event when it is NULL (23503 for an unknown event).';
GRANT EXECUTE ON FUNCTION learning.fill_learning_event_timestamp() TO pgpattern_writer;
