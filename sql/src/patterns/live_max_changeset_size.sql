CREATE OR REPLACE FUNCTION patterns.live_max_changeset_size()
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The live state counts commits of at most this many files (after lineage), as a discovery
    -- with the default max_changeset_size does (spec: Inputs). One SQL expression, so the
    -- planner folds it into a constant: no SET clause.
    SELECT 30
$function$;
COMMENT ON FUNCTION patterns.live_max_changeset_size() IS 'The largest commit (in files after lineage) the live state and the suggestions count: 30, the default max_changeset_size of docs/spec/change-patterns.md. Inlined by the planner.';
