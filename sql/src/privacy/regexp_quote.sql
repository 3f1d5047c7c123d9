CREATE OR REPLACE FUNCTION privacy.regexp_quote(p_text text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Every ASCII punctuation character: a backslash before one is always the character itself.
    SELECT regexp_replace(p_text, '([!-/:-@[-`{-~])', '\\\1', 'g')
$function$;
COMMENT ON FUNCTION privacy.regexp_quote(text) IS 'The text as a regular expression that matches it literally (every metacharacter escaped).';
REVOKE ALL ON FUNCTION privacy.regexp_quote(text) FROM PUBLIC;
