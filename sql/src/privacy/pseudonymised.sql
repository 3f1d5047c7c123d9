CREATE OR REPLACE FUNCTION privacy.pseudonymised(p_value bytea, p_identity privacy.identity)
 RETURNS bytea
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_from     bytea;
    v_position integer;
    v_result   bytea := p_value;
    v_spelling text;
BEGIN
    -- Byte strings (raw commit objects) hold the exact spellings seen in git.commits.
    IF p_value IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH v_spelling IN ARRAY p_identity.spellings LOOP
        v_from := convert_to(v_spelling, 'UTF8');
        v_position := position(v_from IN v_result);
        WHILE v_position > 0 LOOP
            v_result := overlay(v_result PLACING convert_to(CASE WHEN v_spelling LIKE '%@%' THEN p_identity.pseudonym_email
                                                                 ELSE p_identity.pseudonym END, 'UTF8')
                                FROM v_position FOR length(v_from));
            v_position := position(v_from IN v_result);
        END LOOP;
    END LOOP;
    RETURN v_result;
END
$function$;
COMMENT ON FUNCTION privacy.pseudonymised(bytea,privacy.identity) IS 'The bytes with every exact spelling of the person''s email and names (UTF-8) replaced by the pseudonym''s.';
REVOKE ALL ON FUNCTION privacy.pseudonymised(bytea,privacy.identity) FROM PUBLIC;

CREATE OR REPLACE FUNCTION privacy.pseudonymised(p_value jsonb, p_identity privacy.identity)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- In the JSON text a name with a quote or backslash is escaped: look for that form too.
    SELECT privacy.pseudonymised(p_value::text,
                                 privacy.identity_of(p_identity.identity_key, p_identity.pseudonym,
                                                     ARRAY(SELECT x FROM unnest(p_identity.spellings) x WHERE x LIKE '%@%'),
                                                     ARRAY(SELECT y FROM unnest(p_identity.spellings) x,
                                                                    LATERAL (VALUES (x), (btrim(to_json(x)::text, '"'))) v(y)
                                                            WHERE x NOT LIKE '%@%')))::jsonb
$function$;
COMMENT ON FUNCTION privacy.pseudonymised(jsonb,privacy.identity) IS 'The JSON document with privacy.pseudonymised applied to its text (keys and values alike), JSON-escaped names included.';
REVOKE ALL ON FUNCTION privacy.pseudonymised(jsonb,privacy.identity) FROM PUBLIC;

CREATE OR REPLACE FUNCTION privacy.pseudonymised(p_value text, p_identity privacy.identity)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT CASE WHEN p_identity.name_pattern IS NULL THEN e.value
                ELSE regexp_replace(e.value, p_identity.name_pattern, p_identity.pseudonym, 'gi') END
      FROM (SELECT regexp_replace(p_value, p_identity.email_pattern, p_identity.pseudonym_email, 'gi') AS value) e
$function$;
COMMENT ON FUNCTION privacy.pseudonymised(text,privacy.identity) IS 'The text with every spelling of the person''s email replaced by the pseudonym''s email, then every name by the pseudonym (case-insensitively, whole words).';
REVOKE ALL ON FUNCTION privacy.pseudonymised(text,privacy.identity) FROM PUBLIC;

CREATE OR REPLACE FUNCTION privacy.pseudonymised(p_value text[], p_identity privacy.identity)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT CASE WHEN p_value IS NOT NULL THEN
               ARRAY(SELECT privacy.pseudonymised(u.x, p_identity) FROM unnest(p_value) WITH ORDINALITY u(x, n) ORDER BY u.n)
           END
$function$;
COMMENT ON FUNCTION privacy.pseudonymised(text[],privacy.identity) IS 'The array with privacy.pseudonymised applied to every element, in order.';
REVOKE ALL ON FUNCTION privacy.pseudonymised(text[],privacy.identity) FROM PUBLIC;
