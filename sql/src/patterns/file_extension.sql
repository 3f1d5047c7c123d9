CREATE OR REPLACE FUNCTION patterns.file_extension(p_path text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The part after the last dot of the base name (split_part(p_path, '/', -1)),
    -- lower-cased; NULL without one, for a name whose only dot leads it (.gitignore), or
    -- when nothing follows the dot.
    SELECT CASE WHEN position('.' IN split_part(p_path, '/', -1)) = 0
                  OR split_part(p_path, '/', -1) ~ '^\.[^.]*$' THEN NULL
                ELSE nullif(lower(split_part(split_part(p_path, '/', -1), '.', -1)), '') END
$function$;
COMMENT ON FUNCTION patterns.file_extension(text) IS 'A file''s extension: the lower-cased part after the last dot of its base name; NULL when there is none, when the name starts with its only dot (.gitignore), or when the name ends with the dot.';
GRANT EXECUTE ON FUNCTION patterns.file_extension(text) TO pgpattern_writer;
