CREATE OR REPLACE FUNCTION privacy.identity_hash(p_email text)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT encode(sha256(s.secret || convert_to(lower(btrim(p_email)), 'UTF8')), 'hex')
      FROM privacy.secret s
$function$;
COMMENT ON FUNCTION privacy.identity_hash(text) IS 'The keyed hash of an email (lower-cased and trimmed first): hex SHA-256 of the database''s secret and the email. SECURITY DEFINER so that callers need not read the secret.';
REVOKE ALL ON FUNCTION privacy.identity_hash(text) FROM PUBLIC;
