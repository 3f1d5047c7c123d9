-- Visualisation data in api (issue 15): what a hotspot map, a knowledge map, a coupling
-- graph, a commit heatmap and developer charts need, for any dashboard and for
-- `pgpattern report --format html`. Each function is bounded (a node or author limit), so a
-- picture of a history of 29,000 files stays readable and a call stays small. Risk, hotspot
-- and coupling come from the project's active patterns (its current discovery run);
-- authorship and times come from the ingested history: non-merge commits, files by latest
-- path, times in the author's own time zone as the temporal patterns count them.
-- All are STABLE and SECURITY DEFINER (the reader has no rights on the tables behind).

CREATE FUNCTION core.check_bound(p_name text, p_value integer, p_min integer, p_max integer)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_value IS NULL OR p_value NOT BETWEEN p_min AND p_max THEN
        RAISE EXCEPTION '% must be between % and %, not %', p_name, p_min, p_max, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;
COMMENT ON FUNCTION core.check_bound(text, integer, integer, integer) IS 'Raises invalid_parameter_value (22023) naming the parameter p_name and its value unless it is between p_min and p_max: the node and author limits of the visualisation functions.';

-- Strength names in their order, for "at least this strong".
CREATE FUNCTION patterns.strength_rank(p_strength text)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_position(ARRAY['weak', 'moderate', 'strong', 'very_strong'], p_strength)
$$;
COMMENT ON FUNCTION patterns.strength_rank(text) IS 'The rank of a co-occurrence pattern_strength: weak 1, moderate 2, strong 3, very_strong 4; NULL for anything else.';

CREATE FUNCTION patterns.directory_prefixes(p_directory text)
RETURNS SETOF text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_to_string((string_to_array(nullif(p_directory, ''), '/'))[1:k], '/'), '')
      FROM generate_series(0, coalesce(array_length(string_to_array(nullif(p_directory, ''), '/'), 1), 0)) k
     ORDER BY k
$$;
COMMENT ON FUNCTION patterns.directory_prefixes(text) IS 'A directory and every directory above it, from the root  down to itself: a/b gives , ''a'', ''a/b''.';

CREATE FUNCTION api.file_tree(p_project text, p_max_files integer DEFAULT 2000)
RETURNS TABLE (node_path text, parent_path text, node_name text, node_type text, depth integer, files integer,
               changes bigint, lines_changed bigint, risk_level text, risk_score double precision,
               hotspot_score double precision, main_author text, main_author_name text,
               main_author_share double precision, authors integer, knowledge_silo boolean)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- The project's files as a tree: its directories, its p_max_files most changed files,
    -- and per directory one node standing for the rest of the files below it (path 'dir/*').
    PERFORM core.check_bound('p_max_files', p_max_files, 1, 100000);
    RETURN QUERY
    WITH
    history AS MATERIALIZED (
        -- Per file and author: changes in non-merge commits; the file's newest status.
        SELECT fc.latest_path AS file_path, c.author_key, count(*) AS n,
               (array_agg(c.author_name ORDER BY c.committed_at DESC, c.sha DESC))[1] AS author_name,
               (array_agg(fc.status ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC))[1] AS last_status,
               max(c.committed_at) AS last_at
          FROM git.file_changes fc
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE fc.project_id = v_project_id AND NOT c.is_merge
         GROUP BY fc.latest_path, c.author_key
    ),
    authorship AS (
        SELECT DISTINCT ON (h.file_path) h.file_path, h.author_key, h.author_name,
               h.n::double precision / sum(h.n) OVER (PARTITION BY h.file_path) AS share,
               sum(h.n) OVER (PARTITION BY h.file_path) AS total,
               count(*) OVER (PARTITION BY h.file_path) AS authors,
               first_value(h.last_status) OVER (PARTITION BY h.file_path ORDER BY h.last_at DESC) AS last_status
          FROM history h
         ORDER BY h.file_path, h.n DESC, h.author_key
    ),
    files AS (
        -- The files of the current run that still exist, most changed first.
        SELECT m.file_path, m.total_changes::bigint AS changes,
               round(m.avg_lines_per_change * m.total_changes)::bigint AS lines_changed,
               m.risk_level, m.risk_score, m.hotspot_score,
               a.author_key, a.author_name, a.share, a.authors::integer AS authors,
               (a.total >= 10 AND a.share >= 0.9) AS knowledge_silo,
               patterns.parent_directory(m.file_path) AS directory,
               row_number() OVER (ORDER BY m.total_changes DESC, m.risk_score DESC, m.file_path) AS rank
          FROM patterns.change_magnitude_patterns m
          LEFT JOIN authorship a ON a.file_path = m.file_path
         WHERE m.project_id = v_project_id AND m.is_active AND a.last_status IS DISTINCT FROM 'D'
    ),
    drawn_directories AS (
        SELECT DISTINCT d.dir FROM files f CROSS JOIN LATERAL patterns.directory_prefixes(f.directory) d (dir)
         WHERE f.rank <= p_max_files
    ),
    folded AS (
        -- A file beyond the limit goes to the deepest directory above it that holds a drawn
        -- file, so a subtree with none drawn is one node, not a circle per directory.
        SELECT f.*, (SELECT d.dir FROM patterns.directory_prefixes(f.directory) WITH ORDINALITY d (dir, k)
                      WHERE d.dir IN (SELECT w.dir FROM drawn_directories w) ORDER BY d.k DESC LIMIT 1) AS home
          FROM files f WHERE f.rank > p_max_files
    ),
    leaves AS (
        SELECT f.file_path AS node_path, f.directory AS parent_path,
               regexp_replace(f.file_path, '^.*/', '') AS node_name, 'file' AS node_type, 1 AS files,
               f.changes, f.lines_changed, f.risk_level, f.risk_score, f.hotspot_score, f.author_key,
               f.author_name, f.share, f.authors, f.knowledge_silo
          FROM files f WHERE f.rank <= p_max_files
        UNION ALL
        SELECT concat_ws('/', nullif(f.home, ''), '*'), f.home,
               format('%s other files', count(*)), 'other', count(*)::integer,
               sum(f.changes)::bigint, sum(f.lines_changed)::bigint, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM folded f
         GROUP BY f.home
    ),
    directories AS (
        -- Every directory above a leaf, the root ('') included.
        SELECT d.dir, sum(l.files)::integer AS files, sum(l.changes)::bigint AS changes,
               sum(l.lines_changed)::bigint AS lines_changed
          FROM leaves l CROSS JOIN LATERAL patterns.directory_prefixes(l.parent_path) d (dir)
         GROUP BY d.dir
    )
    SELECT l.node_path, l.parent_path, l.node_name, l.node_type,
           array_length(string_to_array(l.node_path, '/'), 1), l.files, l.changes, l.lines_changed,
           l.risk_level, l.risk_score, l.hotspot_score, l.author_key, l.author_name, l.share, l.authors,
           l.knowledge_silo
      FROM leaves l
    UNION ALL
    SELECT d.dir, CASE WHEN d.dir = '' THEN NULL ELSE patterns.parent_directory(d.dir) END,
           CASE WHEN d.dir = '' THEN p_project ELSE regexp_replace(d.dir, '^.*/', '') END, 'directory',
           coalesce(array_length(string_to_array(nullif(d.dir, ''), '/'), 1), 0), d.files, d.changes,
           d.lines_changed, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM directories d
     ORDER BY 1;
END
$$;
COMMENT ON FUNCTION api.file_tree(text, integer) IS 'A project''s files as a tree, for hotspot and knowledge maps: one row per node (node_path, parent_path NULL for the root '''', node_name, node_type directory, file or other, depth). Files are those of the active change-magnitude patterns whose last change is not a delete: changes and lines_changed, risk_level, risk_score and hotspot_score of their pattern; main_author (email, lower case), main_author_name and main_author_share of the file''s non-merge commits; authors; knowledge_silo when the main author made at least 90% of 10 or more changes (the knowledge-silo insight''s rule). Only the p_max_files (1 to 100000, default 2000) most changed files are nodes; the others are one node of type other at ''dir/*'' per directory dir, the deepest above them that holds a drawn file, with their count and sums. Directories sum files, changes and lines_changed of everything below them.
Example: SELECT node_path, node_type, changes, risk_level, main_author FROM api.file_tree(''shop'', p_max_files => 500) WHERE node_type <> ''directory'' ORDER BY changes DESC LIMIT 10;';

CREATE FUNCTION patterns.coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer)
RETURNS SETOF patterns.file_cooccurrence_patterns
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION patterns.coupling_graph(bigint, text, integer) IS 'The active co-occurrence patterns of a coupling graph (api.coupling_graph_edges and _nodes): pairs at least p_min_strength, ranked by cooccurrence_count x confidence; files enter as nodes in the order of their best pair, up to p_max_nodes; every such pair between two nodes, in rank order.';

CREATE FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text DEFAULT 'weak', p_max_nodes integer DEFAULT 100)
RETURNS TABLE (file_path_1 text, file_path_2 text, cooccurrence_count integer, confidence_score double precision,
               lift_score double precision, pattern_strength text, coupling_degree double precision, id uuid)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.coupling_graph_edges(text, text, integer) IS 'The edges of a project''s coupling graph: active co-occurrence pairs at least p_min_strength (weak, moderate, strong or very_strong; default weak) between the graph''s nodes (api.coupling_graph_nodes with the same arguments: at most p_max_nodes files, 2 to 2000, default 100, taken in the order of their strongest pair by cooccurrence_count x confidence), strongest first, with cooccurrence_count, confidence, lift, strength, coupling_degree and the pattern id.
Example: SELECT file_path_1, file_path_2, cooccurrence_count, round(confidence_score::numeric, 2) FROM api.coupling_graph_edges(''shop'', p_min_strength => ''moderate'', p_max_nodes => 50);';

CREATE FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text DEFAULT 'weak', p_max_nodes integer DEFAULT 100)
RETURNS TABLE (file_path text, directory text, changes integer, risk_level text, degree integer,
               max_confidence double precision)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.coupling_graph_nodes(text, text, integer) IS 'The nodes of a project''s coupling graph (see api.coupling_graph_edges, same arguments): each file with its directory (for grouping), its changes, its risk_level (NULL without a magnitude pattern), its degree (edges in the graph) and the highest confidence among them; by directory, then path.
Example: SELECT directory, count(*) AS files, sum(degree) AS ends FROM api.coupling_graph_nodes(''shop'') GROUP BY directory;';

CREATE FUNCTION api.commit_heatmap(p_project text)
RETURNS TABLE (weekday integer, weekday_name text, hour integer, commits bigint)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    RETURN QUERY
    WITH local AS (
        SELECT (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS at
          FROM git.commits c WHERE c.project_id = v_project_id AND NOT c.is_merge
    ),
    cells AS (
        SELECT extract(isodow FROM l.at)::integer AS weekday, extract(hour FROM l.at)::integer AS hour, count(*) AS n
          FROM local l GROUP BY 1, 2
    )
    SELECT d, (ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[d], h, coalesce(c.n, 0)
      FROM generate_series(1, 7) d CROSS JOIN generate_series(0, 23) h
      LEFT JOIN cells c ON c.weekday = d AND c.hour = h
     ORDER BY d, h;
END
$$;
COMMENT ON FUNCTION api.commit_heatmap(text) IS 'A project''s non-merge commits per weekday (1 Monday to 7 Sunday, ISO, with weekday_name) and hour (0 to 23) of the author''s local time: all 168 cells, empty ones with 0.
Example: SELECT weekday_name, hour, commits FROM api.commit_heatmap(''shop'') ORDER BY commits DESC LIMIT 3;';

CREATE FUNCTION api.commit_months(p_project text)
RETURNS TABLE (month date, commits bigint, authors bigint)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    RETURN QUERY
    WITH per_month AS (
        SELECT date_trunc('month', (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset))::date AS month,
               count(*) AS commits, count(DISTINCT c.author_key) AS authors
          FROM git.commits c WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1
    )
    SELECT m::date, coalesce(p.commits, 0), coalesce(p.authors, 0)
      FROM generate_series((SELECT min(month) FROM per_month)::timestamp, (SELECT max(month) FROM per_month)::timestamp,
                           interval '1 month') m
      LEFT JOIN per_month p ON p.month = m::date
     ORDER BY 1;
END
$$;
COMMENT ON FUNCTION api.commit_months(text) IS 'A project''s non-merge commits and distinct authors per month of the author''s local time, every month from the first to the last (empty ones with 0).
Example: SELECT month, commits, authors FROM api.commit_months(''shop'') ORDER BY month DESC LIMIT 12;';

-- The authors of the two author functions: most non-merge commits first.
CREATE FUNCTION patterns.top_authors(p_project_id bigint, p_max_authors integer)
RETURNS TABLE (author_key text, author_name text, commits bigint, author_rank integer)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.author_key, (array_agg(c.author_name ORDER BY c.authored_at DESC, c.sha DESC))[1], count(*),
           (row_number() OVER (ORDER BY count(*) DESC, c.author_key))::integer
      FROM git.commits c
     WHERE c.project_id = p_project_id AND NOT c.is_merge
     GROUP BY c.author_key
     ORDER BY count(*) DESC, c.author_key
     LIMIT p_max_authors
$$;
COMMENT ON FUNCTION patterns.top_authors(bigint, integer) IS 'A project''s p_max_authors authors (lower-cased email) with the most non-merge commits, ties by email, with the name of their newest commit and their rank.';

CREATE FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer DEFAULT 10)
RETURNS TABLE (author_email text, author_name text, author_rank integer, week date, commits bigint)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM core.check_bound('p_max_authors', p_max_authors, 1, 1000);
    RETURN QUERY
    WITH authors AS (SELECT * FROM patterns.top_authors(v_project_id, p_max_authors)),
    weeks AS (
        SELECT c.author_key, patterns.iso_week_start(c.authored_at) AS week, count(*) AS n
          FROM git.commits c JOIN authors a ON a.author_key = c.author_key
         WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1, 2
    )
    SELECT a.author_key, a.author_name, a.author_rank, w::date, coalesce(x.n, 0)
      FROM authors a
     CROSS JOIN LATERAL generate_series((SELECT min(week) FROM weeks WHERE weeks.author_key = a.author_key)::timestamp,
                                        (SELECT max(week) FROM weeks WHERE weeks.author_key = a.author_key)::timestamp,
                                        interval '1 week') w
      LEFT JOIN weeks x ON x.author_key = a.author_key AND x.week = w::date
     ORDER BY a.author_rank, 4;
END
$$;
COMMENT ON FUNCTION api.author_weekly_commits(text, integer) IS 'Commits per ISO week (its Monday, UTC, as the developer patterns count weeks) of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits (author_rank 1 most), every week from each author''s first to last (empty ones with 0).
Example: SELECT author_email, week, commits FROM api.author_weekly_commits(''shop'', p_max_authors => 3) WHERE commits > 0;';

CREATE FUNCTION api.author_directories(p_project text, p_max_authors integer DEFAULT 10, p_per_author integer DEFAULT 3)
RETURNS TABLE (author_email text, author_name text, author_rank integer, directory text, directory_rank integer,
               changes bigint, share double precision)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM core.check_bound('p_max_authors', p_max_authors, 1, 1000);
    PERFORM core.check_bound('p_per_author', p_per_author, 1, 100);
    RETURN QUERY
    WITH authors AS (SELECT * FROM patterns.top_authors(v_project_id, p_max_authors)),
    per_directory AS (
        SELECT c.author_key, patterns.parent_directory(fc.latest_path) AS directory, count(*) AS n
          FROM git.commits c
          JOIN authors a ON a.author_key = c.author_key
          JOIN git.file_changes fc ON fc.project_id = c.project_id AND fc.commit_id = c.commit_id
         WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1, 2
    ),
    ranked AS (
        SELECT d.*, row_number() OVER (PARTITION BY d.author_key ORDER BY d.n DESC, d.directory)::integer AS r,
               d.n::double precision / sum(d.n) OVER (PARTITION BY d.author_key) AS share
          FROM per_directory d
    )
    SELECT a.author_key, a.author_name, a.author_rank, r.directory, r.r, r.n, r.share
      FROM ranked r JOIN authors a ON a.author_key = r.author_key
     WHERE r.r <= p_per_author
     ORDER BY a.author_rank, r.r;
END
$$;
COMMENT ON FUNCTION api.author_directories(text, integer, integer) IS 'The main directories of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits: each author''s p_per_author (1 to 100, default 3) directories (the directory holding the file, '''' for the root) with the most file changes, their changes and share of the author''s file changes.
Example: SELECT author_email, directory, changes, round(share::numeric, 2) FROM api.author_directories(''shop'', p_per_author => 2);';

REVOKE EXECUTE ON FUNCTION api.file_tree(text, integer), api.coupling_graph_edges(text, text, integer),
    api.coupling_graph_nodes(text, text, integer), api.commit_heatmap(text), api.commit_months(text),
    api.author_weekly_commits(text, integer), api.author_directories(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.file_tree(text, integer), api.coupling_graph_edges(text, text, integer),
    api.coupling_graph_nodes(text, text, integer), api.commit_heatmap(text), api.commit_months(text),
    api.author_weekly_commits(text, integer), api.author_directories(text, integer, integer) TO pgpattern_reader;
