CREATE OR REPLACE FUNCTION privacy.mentions(p_value text, p_identity privacy.identity)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT p_value ~* p_identity.email_pattern OR coalesce(p_value ~* p_identity.name_pattern, false)
$function$;
COMMENT ON FUNCTION privacy.mentions(text,privacy.identity) IS 'Whether the text holds the person''s email or one of their names (what privacy.pseudonymised would change).';
REVOKE ALL ON FUNCTION privacy.mentions(text,privacy.identity) FROM PUBLIC;
