CREATE OR REPLACE FUNCTION api.model_lineage(p_project text, p_model_id uuid)
 RETURNS TABLE(depth integer, model_id uuid, name text, version text, model_type text, status text, parent_model_id uuid, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- The model version (depth 0), its parent (depth 1), and so on up to the root.
    IF NOT EXISTS (SELECT FROM learning.ml_models m WHERE m.project_id = v_project_id AND m.model_id = p_model_id) THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', coalesce(p_model_id::text, 'NULL'), quote_literal(p_project)
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
    WITH RECURSIVE lineage AS (
        SELECT 0 AS lineage_depth, m.*
          FROM learning.ml_models m
         WHERE m.project_id = v_project_id AND m.model_id = p_model_id
        UNION ALL
        SELECT l.lineage_depth + 1, m.*
          FROM lineage l
          JOIN learning.ml_models m ON m.project_id = l.project_id AND m.model_id = l.parent_model_id
    )
    SELECT l.lineage_depth, l.model_id, l.name, l.version, l.model_type, l.status, l.parent_model_id, l.created_at
      FROM lineage l
     ORDER BY l.lineage_depth;
END
$function$;
COMMENT ON FUNCTION api.model_lineage(text,uuid) IS 'A model version''s lineage: the version itself (depth 0), the version it was derived from (depth 1), and so on to the root. Raises no_data_found (P0002) for an unknown model.';
REVOKE ALL ON FUNCTION api.model_lineage(text,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.model_lineage(text,uuid) TO pgpattern_reader;
