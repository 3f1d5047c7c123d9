CREATE OR REPLACE FUNCTION core.unknown_page_key(p_after text, p_list text, p_scope text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    RAISE EXCEPTION 'p_after % is not a row of % in %', p_after, p_list, p_scope
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = 'p_after must be the key of the last row of a page of this list; that row may have been removed since (old discovery sessions and their patterns are purged, for example).',
              HINT = 'start again from the first page (p_after NULL)';
END
$function$;
COMMENT ON FUNCTION core.unknown_page_key(text,text,text) IS 'Raises invalid_parameter_value (22023) naming p_after, the list and its scope: the key given is not a row of that list (any more).';
GRANT EXECUTE ON FUNCTION core.unknown_page_key(text,text,text) TO pgpattern_writer;
