CREATE OR REPLACE FUNCTION workflow.parse_timestamp(p_value text)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- ISO 8601 text to timestamptz (UTC when no offset is given); NULL when it is not one.
    IF p_value IS NULL
       OR p_value !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$' THEN
        RETURN NULL;
    END IF;
    IF p_value ~ '(Z|[+-]\d{2}(:?\d{2})?)$' AND p_value ~ '[T ]' THEN
        RETURN p_value::timestamptz;
    END IF;
    RETURN p_value::timestamp AT TIME ZONE 'UTC';
EXCEPTION
    WHEN datetime_field_overflow OR invalid_datetime_format THEN
        RETURN NULL;  -- well-formed but not a date, e.g. 2025-02-30
END
$function$;
COMMENT ON FUNCTION workflow.parse_timestamp(text) IS 'Parses ISO 8601 text (date, or date and time with optional fraction and offset; UTC when no offset) to timestamptz; NULL when the text is not a valid ISO 8601 timestamp.';
GRANT EXECUTE ON FUNCTION workflow.parse_timestamp(text) TO pgpattern_writer;
