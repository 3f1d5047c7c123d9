CREATE OR REPLACE FUNCTION patterns.algorithms()
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The five algorithms of docs/spec/change-patterns.md, in the order a discovery runs them.
    SELECT ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights']::text[]
$function$;
COMMENT ON FUNCTION patterns.algorithms() IS 'The algorithms a discovery can run, in the order it runs them: cooccurrence, temporal, developer, magnitude, insights (docs/spec/change-patterns.md sections 1-5). Inlined by the planner.';
