CREATE OR REPLACE FUNCTION learning.model_training_sessions_finish()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Leaving running stamps the end time; completing means all the progress there is.
    IF NEW.status <> 'running' AND OLD.status = 'running' THEN
        NEW.training_end := coalesce(NEW.training_end, now());
        IF NEW.status = 'completed' THEN
            NEW.progress_percentage := 100;
        END IF;
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.model_training_sessions_finish() IS 'BEFORE UPDATE OF status trigger function of learning.model_training_sessions: sets training_end (unless given) when a session finishes, and progress to 100 when it completes.';
GRANT EXECUTE ON FUNCTION learning.model_training_sessions_finish() TO pgpattern_writer;
