CREATE OR REPLACE FUNCTION api.decrypted(p_value text)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT privacy.decrypted(p_value, privacy.session_key())
$function$;
COMMENT ON FUNCTION api.decrypted(text) IS 'A sensitive text field in clear, under the key this connection set (pgpattern.encryption_key): e.g. SELECT api.decrypted(prompt_text) FROM learning.llm_interactions. NULL without a key; 28P01 when the key is not the one it was written with; a value that is not encrypted as it is.';
REVOKE ALL ON FUNCTION api.decrypted(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.decrypted(text) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.decrypted(text) TO pgpattern_reader;
