CREATE OR REPLACE FUNCTION ops.health_threshold(p_thresholds jsonb, p_key text, p_default numeric)
 RETURNS numeric
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- A numeric threshold from a check's thresholds object, or its default.
    IF p_thresholds ? p_key AND jsonb_typeof(p_thresholds -> p_key) <> 'number' THEN
        RAISE EXCEPTION 'threshold % must be a JSON number, not %', p_key, p_thresholds -> p_key
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN coalesce((p_thresholds ->> p_key)::numeric, p_default);
END
$function$;
COMMENT ON FUNCTION ops.health_threshold(jsonb,text,numeric) IS 'The number p_thresholds holds under p_key, or p_default; raises 22023 when it holds something else.';
GRANT EXECUTE ON FUNCTION ops.health_threshold(jsonb,text,numeric) TO pgpattern_admin;
