CREATE OR REPLACE FUNCTION workflow.load_pattern(p_pattern_id text)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT workflow.pattern_document(p) FROM workflow.patterns p WHERE p.pattern_id = p_pattern_id
$function$;
COMMENT ON FUNCTION workflow.load_pattern(text) IS 'The pattern document with this pattern_id, or NULL.';
GRANT EXECUTE ON FUNCTION workflow.load_pattern(text) TO pgpattern_writer;
