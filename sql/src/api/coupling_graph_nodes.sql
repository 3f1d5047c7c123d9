CREATE OR REPLACE FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text DEFAULT 'weak'::text, p_max_nodes integer DEFAULT 100)
 RETURNS TABLE(file_path text, directory text, changes integer, risk_level text, degree integer, max_confidence double precision)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('pattern_strength', p_min_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_bound('p_max_nodes', p_max_nodes, 2, 2000);
    RETURN QUERY
        SELECT e.file_path, patterns.parent_directory(e.file_path), max(e.changes), m.risk_level,
               count(*)::integer, max(g.confidence_score)
          FROM patterns.coupling_graph(v_project_id, coalesce(p_min_strength, 'weak'), p_max_nodes) g
         CROSS JOIN LATERAL (VALUES (g.file_path_1, g.file_1_changes), (g.file_path_2, g.file_2_changes)) e (file_path, changes)
          LEFT JOIN patterns.change_magnitude_patterns m
                 ON m.project_id = v_project_id AND m.file_path = e.file_path AND m.is_active
         GROUP BY e.file_path, m.risk_level
         ORDER BY patterns.parent_directory(e.file_path), e.file_path;
END
$function$;
COMMENT ON FUNCTION api.coupling_graph_nodes(text,text,integer) IS 'The nodes of a project''s coupling graph (see api.coupling_graph_edges, same arguments): each file with its directory (for grouping), its changes, its risk_level (NULL without a magnitude pattern), its degree (edges in the graph) and the highest confidence among them; by directory, then path.
Example: SELECT directory, count(*) AS files, sum(degree) AS ends FROM api.coupling_graph_nodes(''shop'') GROUP BY directory;';
REVOKE ALL ON FUNCTION api.coupling_graph_nodes(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.coupling_graph_nodes(text,text,integer) TO pgpattern_reader;
