CREATE OR REPLACE FUNCTION privacy.is_encrypted(p_value text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT p_value ~ '^pgpattern:v1:[0-9a-f]{8}:'
$function$;
COMMENT ON FUNCTION privacy.is_encrypted(text) IS 'Whether a stored text is an encrypted value (pgpattern:v1:<key tag>:<base64>).';
REVOKE ALL ON FUNCTION privacy.is_encrypted(text) FROM PUBLIC;
