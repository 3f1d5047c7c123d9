CREATE OR REPLACE FUNCTION privacy.key_tag(p_key text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE STRICT
 SET search_path TO 'pg_catalog', 'privacy', 'public', 'pg_temp'
AS $function$
    SELECT left(encode(hmac('pgpattern key tag', p_key, 'sha256'), 'hex'), 8)
$function$;
COMMENT ON FUNCTION privacy.key_tag(text) IS 'Which key a value was encrypted under: 8 hex digits of HMAC-SHA256(key, ''pgpattern key tag''). Says nothing usable about the key itself.';
REVOKE ALL ON FUNCTION privacy.key_tag(text) FROM PUBLIC;
