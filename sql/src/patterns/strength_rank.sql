CREATE OR REPLACE FUNCTION patterns.strength_rank(p_strength text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT array_position(ARRAY['weak', 'moderate', 'strong', 'very_strong'], p_strength)
$function$;
COMMENT ON FUNCTION patterns.strength_rank(text) IS 'The rank of a co-occurrence pattern_strength: weak 1, moderate 2, strong 3, very_strong 4; NULL for anything else.';
GRANT EXECUTE ON FUNCTION patterns.strength_rank(text) TO pgpattern_writer;
