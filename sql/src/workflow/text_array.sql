CREATE OR REPLACE FUNCTION workflow.text_array(p_value jsonb)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT coalesce(array_agg(e.value ORDER BY e.ordinality), '{}')
      FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_value) = 'array' THEN p_value END)
           WITH ORDINALITY AS e (value, ordinality)
$function$;
COMMENT ON FUNCTION workflow.text_array(jsonb) IS 'A JSON array of strings as text[]; empty for anything else.';
GRANT EXECUTE ON FUNCTION workflow.text_array(jsonb) TO pgpattern_writer;
