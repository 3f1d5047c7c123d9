CREATE OR REPLACE FUNCTION patterns.directory_prefixes(p_directory text)
 RETURNS SETOF text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT coalesce(array_to_string((string_to_array(nullif(p_directory, ''), '/'))[1:k], '/'), '')
      FROM generate_series(0, coalesce(array_length(string_to_array(nullif(p_directory, ''), '/'), 1), 0)) k
     ORDER BY k
$function$;
COMMENT ON FUNCTION patterns.directory_prefixes(text) IS 'A directory and every directory above it, from the root  down to itself: a/b gives , ''a'', ''a/b''.';
GRANT EXECUTE ON FUNCTION patterns.directory_prefixes(text) TO pgpattern_writer;
