CREATE OR REPLACE FUNCTION core.check_bound(p_name text, p_value integer, p_min integer, p_max integer)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    IF p_value IS NULL OR p_value NOT BETWEEN p_min AND p_max THEN
        RAISE EXCEPTION '% must be between % and %, not %', p_name, p_min, p_max, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$function$;
COMMENT ON FUNCTION core.check_bound(text,integer,integer,integer) IS 'Raises invalid_parameter_value (22023) naming the parameter p_name and its value unless it is between p_min and p_max: the node and author limits of the visualisation functions.';
GRANT EXECUTE ON FUNCTION core.check_bound(text,integer,integer,integer) TO pgpattern_writer;
