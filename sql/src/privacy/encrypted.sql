CREATE OR REPLACE FUNCTION privacy.encrypted(p_value text, p_key text)
 RETURNS text
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'privacy', 'public', 'pg_temp'
AS $function$
    SELECT CASE WHEN p_value IS NULL OR privacy.is_encrypted(p_value) THEN p_value
                ELSE 'pgpattern:v1:' || privacy.key_tag(p_key) || ':'
                     || translate(encode(pgp_sym_encrypt(p_value, p_key, 'cipher-algo=aes256'), 'base64'), E'\n', '')
           END
$function$;
COMMENT ON FUNCTION privacy.encrypted(text,text) IS 'The text encrypted under the key (pgp_sym_encrypt, AES-256) in pgpattern''s stored form; NULL and already encrypted values unchanged.';
REVOKE ALL ON FUNCTION privacy.encrypted(text,text) FROM PUBLIC;
