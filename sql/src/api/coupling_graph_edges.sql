CREATE OR REPLACE FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text DEFAULT 'weak'::text, p_max_nodes integer DEFAULT 100)
 RETURNS TABLE(file_path_1 text, file_path_2 text, cooccurrence_count integer, confidence_score double precision, lift_score double precision, pattern_strength text, coupling_degree double precision, id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('pattern_strength', p_min_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_bound('p_max_nodes', p_max_nodes, 2, 2000);
    RETURN QUERY
        SELECT g.file_path_1, g.file_path_2, g.cooccurrence_count, g.confidence_score, g.lift_score,
               g.pattern_strength, g.coupling_degree, g.id
          FROM patterns.coupling_graph(v_project_id, coalesce(p_min_strength, 'weak'), p_max_nodes) g;
END
$function$;
COMMENT ON FUNCTION api.coupling_graph_edges(text,text,integer) IS 'The edges of a project''s coupling graph: active co-occurrence pairs at least p_min_strength (weak, moderate, strong or very_strong; default weak) between the graph''s nodes (api.coupling_graph_nodes with the same arguments: at most p_max_nodes files, 2 to 2000, default 100, taken in the order of their strongest pair by cooccurrence_count x confidence), strongest first, with cooccurrence_count, confidence, lift, strength, coupling_degree and the pattern id.
Example: SELECT file_path_1, file_path_2, cooccurrence_count, round(confidence_score::numeric, 2) FROM api.coupling_graph_edges(''shop'', p_min_strength => ''moderate'', p_max_nodes => 50);';
REVOKE ALL ON FUNCTION api.coupling_graph_edges(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.coupling_graph_edges(text,text,integer) TO pgpattern_reader;
