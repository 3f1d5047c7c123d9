CREATE OR REPLACE FUNCTION learning.pattern_occurrences_immutable()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- What was detected, where and when stays as recorded (occurrence_frequency relies on it).
    IF (NEW.project_id, NEW.pattern_id, NEW.detection_timestamp) IS DISTINCT FROM (OLD.project_id, OLD.pattern_id, OLD.detection_timestamp) THEN
        RAISE EXCEPTION 'occurrence % cannot change its project_id, pattern_id or detection_timestamp', OLD.occurrence_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new occurrence instead';
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.pattern_occurrences_immutable() IS 'BEFORE UPDATE trigger function of learning.pattern_occurrences: project_id, pattern_id and detection_timestamp never change (55000).';
GRANT EXECUTE ON FUNCTION learning.pattern_occurrences_immutable() TO pgpattern_writer;
