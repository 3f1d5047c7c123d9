CREATE OR REPLACE FUNCTION api.file_tree(p_project text, p_max_files integer DEFAULT 2000)
 RETURNS TABLE(node_path text, parent_path text, node_name text, node_type text, depth integer, files integer, changes bigint, lines_changed bigint, risk_level text, risk_score double precision, hotspot_score double precision, main_author text, main_author_name text, main_author_share double precision, authors integer, knowledge_silo boolean)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.file_tree(text,integer) IS 'A project''s files as a tree, for hotspot and knowledge maps: one row per node (node_path, parent_path NULL for the root '''', node_name, node_type directory, file or other, depth). Files are those of the active change-magnitude patterns whose last change is not a delete: changes and lines_changed, risk_level, risk_score and hotspot_score of their pattern; main_author (email, lower case), main_author_name and main_author_share of the file''s non-merge commits; authors; knowledge_silo when the main author made at least 90% of 10 or more changes (the knowledge-silo insight''s rule). Only the p_max_files (1 to 100000, default 2000) most changed files are nodes; the others are one node of type other at ''dir/*'' per directory dir, the deepest above them that holds a drawn file, with their count and sums. Directories sum files, changes and lines_changed of everything below them.
Example: SELECT node_path, node_type, changes, risk_level, main_author FROM api.file_tree(''shop'', p_max_files => 500) WHERE node_type <> ''directory'' ORDER BY changes DESC LIMIT 10;';
REVOKE ALL ON FUNCTION api.file_tree(text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.file_tree(text,integer) TO pgpattern_reader;
