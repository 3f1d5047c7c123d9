CREATE OR REPLACE FUNCTION patterns.parent_directory(p_path text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Up to the last slash.
    SELECT CASE WHEN position('/' IN p_path) = 0 THEN ''
                ELSE left(p_path, length(p_path) - position('/' IN reverse(p_path))) END
$function$;
COMMENT ON FUNCTION patterns.parent_directory(text) IS 'The directory holding a path, '''' for the repository root.';
GRANT EXECUTE ON FUNCTION patterns.parent_directory(text) TO pgpattern_writer;
