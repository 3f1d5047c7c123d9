CREATE OR REPLACE FUNCTION learning.pattern_occurrences_count()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- One more occurrence of the pattern, and the detection window widens to include it.
    UPDATE learning.identified_patterns
       SET occurrence_frequency = occurrence_frequency + 1,
           first_detected = least(first_detected, NEW.detection_timestamp),
           last_detected = greatest(last_detected, NEW.detection_timestamp)
     WHERE project_id = NEW.project_id AND pattern_id = NEW.pattern_id;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION learning.pattern_occurrences_count() IS 'AFTER INSERT trigger function of learning.pattern_occurrences: adds one to the pattern''s occurrence_frequency and widens first_detected / last_detected to the detection_timestamp.';
GRANT EXECUTE ON FUNCTION learning.pattern_occurrences_count() TO pgpattern_writer;
