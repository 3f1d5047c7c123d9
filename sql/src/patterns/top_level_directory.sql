CREATE OR REPLACE FUNCTION patterns.top_level_directory(p_path text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN position('/' IN p_path) > 0 THEN split_part(p_path, '/', 1) ELSE '' END
$function$;
COMMENT ON FUNCTION patterns.top_level_directory(text) IS 'The first path segment of a file in a directory; '''' for files at the root.';
GRANT EXECUTE ON FUNCTION patterns.top_level_directory(text) TO pgpattern_writer;
