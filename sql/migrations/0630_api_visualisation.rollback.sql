-- The visualisation functions go; nothing else used them.
DROP FUNCTION api.author_directories(text, integer, integer);
DROP FUNCTION api.author_weekly_commits(text, integer);
DROP FUNCTION patterns.top_authors(bigint, integer);
DROP FUNCTION api.commit_months(text);
DROP FUNCTION api.commit_heatmap(text);
DROP FUNCTION api.coupling_graph_nodes(text, text, integer);
DROP FUNCTION api.coupling_graph_edges(text, text, integer);
DROP FUNCTION patterns.coupling_graph(bigint, text, integer);
DROP FUNCTION api.file_tree(text, integer);
DROP FUNCTION patterns.directory_prefixes(text);
DROP FUNCTION patterns.strength_rank(text);
DROP FUNCTION core.check_bound(text, integer, integer, integer);
