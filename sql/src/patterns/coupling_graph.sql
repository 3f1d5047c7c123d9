CREATE OR REPLACE FUNCTION patterns.coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer)
 RETURNS SETOF patterns.file_cooccurrence_patterns
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Pairs ranked by together x confidence; nodes enter in the order of their best pair
    -- until p_max_nodes; the graph is every qualifying pair between two of those nodes.
    WITH pairs AS (
        SELECT c.id, c.file_path_1, c.file_path_2,
               row_number() OVER (ORDER BY c.cooccurrence_count * c.confidence_score DESC,
                                           c.file_path_1, c.file_path_2) AS rank
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.is_active
           AND patterns.strength_rank(c.pattern_strength) >= patterns.strength_rank(p_min_strength)
    ),
    nodes AS (
        SELECT e.file_path FROM pairs p CROSS JOIN LATERAL (VALUES (p.file_path_1), (p.file_path_2)) e (file_path)
         GROUP BY e.file_path ORDER BY min(p.rank), e.file_path LIMIT p_max_nodes
    )
    SELECT c.*
      FROM pairs p
      JOIN patterns.file_cooccurrence_patterns c ON c.project_id = p_project_id AND c.id = p.id
     WHERE p.file_path_1 IN (SELECT n.file_path FROM nodes n) AND p.file_path_2 IN (SELECT n.file_path FROM nodes n)
     ORDER BY p.rank
$function$;
COMMENT ON FUNCTION patterns.coupling_graph(bigint,text,integer) IS 'The active co-occurrence patterns of a coupling graph (api.coupling_graph_edges and _nodes): pairs at least p_min_strength, ranked by cooccurrence_count x confidence; files enter as nodes in the order of their best pair, up to p_max_nodes; every such pair between two nodes, in rank order.';
GRANT EXECUTE ON FUNCTION patterns.coupling_graph(bigint,text,integer) TO pgpattern_writer;
