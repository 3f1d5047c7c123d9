CREATE OR REPLACE FUNCTION patterns.sha256_hex(p_text text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- convert_to is only STABLE; converting to one fixed encoding is deterministic,
    -- which is what a generated column needs.
    SELECT encode(sha256(convert_to(p_text, 'UTF8')), 'hex')
$function$;
COMMENT ON FUNCTION patterns.sha256_hex(text) IS 'sha256 (hex) of the UTF-8 bytes of a text: the identity hash of pairs and developers.';
GRANT EXECUTE ON FUNCTION patterns.sha256_hex(text) TO pgpattern_writer;
