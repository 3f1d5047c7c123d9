CREATE OR REPLACE FUNCTION core.check_limit(p_limit integer, p_max integer DEFAULT 1000)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND p_max THEN
        RAISE EXCEPTION 'p_limit must be between 1 and %, not %', p_max, coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('ask for at most %s rows a call, and for the next page with p_after => the key of the last row', p_max);
    END IF;
END
$function$;
COMMENT ON FUNCTION core.check_limit(integer,integer) IS 'Raises invalid_parameter_value (22023) naming p_limit and its value unless it is between 1 and p_max (default 1000): the page size of the api lists.';
GRANT EXECUTE ON FUNCTION core.check_limit(integer,integer) TO pgpattern_writer;
