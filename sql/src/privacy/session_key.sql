CREATE OR REPLACE FUNCTION privacy.session_key()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT nullif(current_setting('pgpattern.encryption_key', true), '')
$function$;
COMMENT ON FUNCTION privacy.session_key() IS 'The encryption key the client set on this connection (pgpattern.encryption_key), or NULL.';
REVOKE ALL ON FUNCTION privacy.session_key() FROM PUBLIC;
