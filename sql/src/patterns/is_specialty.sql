CREATE OR REPLACE FUNCTION patterns.is_specialty(p_author_changes bigint, p_file_changes numeric)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT p_author_changes >= 3 AND p_author_changes * 2 >= p_file_changes
$function$;
COMMENT ON FUNCTION patterns.is_specialty(bigint,numeric) IS 'Spec section 3: whether a file is among an author''s specialty files: they made at least 3 of its changes and at least half.';
GRANT EXECUTE ON FUNCTION patterns.is_specialty(bigint,numeric) TO pgpattern_writer;
