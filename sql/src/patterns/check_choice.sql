CREATE OR REPLACE FUNCTION patterns.check_choice(p_name text, p_value text, p_choices text[])
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- NULL means "any"; anything else must be one of the choices.
    IF p_value IS NOT NULL AND NOT p_value = ANY (p_choices) THEN
        RAISE EXCEPTION 'unknown % %', p_name, quote_literal(p_value)
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(p_choices, ', '));
    END IF;
    RETURN true;
END
$function$;
COMMENT ON FUNCTION patterns.check_choice(text,text,text[]) IS 'Returns true, or raises invalid_parameter_value naming the parameter and value when a filter value is not one of its choices (NULL passes).';
GRANT EXECUTE ON FUNCTION patterns.check_choice(text,text,text[]) TO pgpattern_writer;
