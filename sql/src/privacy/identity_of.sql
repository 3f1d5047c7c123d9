CREATE OR REPLACE FUNCTION privacy.identity_of(p_identity_key text, p_pseudonym text, p_emails text[], p_names text[])
 RETURNS privacy.identity
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    /*
     * Emails match case-insensitively and not inside a longer address; names as whole
     * words (no letter, digit or underscore on either side). Longer spellings first, so
     * that a name that contains another is replaced whole.
     */
    SELECT ROW(
        p_identity_key,
        p_pseudonym,
        p_pseudonym || '@forgotten.invalid',
        '(?<![[:alnum:]_.+-])(' || e.alternatives || ')(?![[:alnum:]_-]|\.[[:alnum:]])',
        '(?<![[:alnum:]_])(' || n.alternatives || ')(?![[:alnum:]_])',
        e.spellings || coalesce(n.spellings, '{}')
    )::privacy.identity
      FROM (SELECT string_agg(privacy.regexp_quote(x), '|' ORDER BY length(x) DESC, x) AS alternatives,
                   array_agg(x ORDER BY x) AS spellings
              FROM (SELECT DISTINCT x FROM unnest(p_emails || p_identity_key) x WHERE btrim(x) <> '') s) e,
           (SELECT string_agg(privacy.regexp_quote(x), '|' ORDER BY length(x) DESC, x) AS alternatives,
                   array_agg(x ORDER BY x) AS spellings
              FROM (SELECT DISTINCT x FROM unnest(p_names) x WHERE btrim(x) <> '') s) n
$function$;
COMMENT ON FUNCTION privacy.identity_of(text,text,text[],text[]) IS 'The privacy.identity of a person: their key (lower-cased email), pseudonym, and the patterns for their email spellings and names.';
REVOKE ALL ON FUNCTION privacy.identity_of(text,text,text[],text[]) FROM PUBLIC;
