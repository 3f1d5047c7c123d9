CREATE OR REPLACE FUNCTION privacy.decrypted(p_value text, p_key text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'privacy', 'public', 'pg_temp'
AS $function$
BEGIN
    -- Clear values (written before the field was marked) read as they are; without a key, NULL.
    IF p_value IS NULL OR NOT privacy.is_encrypted(p_value) THEN
        RETURN p_value;
    END IF;
    IF p_key IS NULL THEN
        RETURN NULL;
    END IF;
    IF split_part(p_value, ':', 3) <> privacy.key_tag(p_key) THEN
        RAISE EXCEPTION 'the encryption key does not open this value: it was encrypted under another key (tag %)',
                        split_part(p_value, ':', 3)
            USING ERRCODE = 'invalid_password',
                  HINT = 'set pgpattern.encryption_key (PGPATTERN_ENCRYPTION_KEY) to the key it was written with';
    END IF;
    RETURN pgp_sym_decrypt(decode(split_part(p_value, ':', 4), 'base64'), p_key);
END
$function$;
COMMENT ON FUNCTION privacy.decrypted(text,text) IS 'The clear text of a stored value: as it is when not encrypted, NULL without a key, an invalid_password (28P01) error when the key is not the one it was encrypted under.';
REVOKE ALL ON FUNCTION privacy.decrypted(text,text) FROM PUBLIC;
