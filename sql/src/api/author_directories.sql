CREATE OR REPLACE FUNCTION api.author_directories(p_project text, p_max_authors integer DEFAULT 10, p_per_author integer DEFAULT 3)
 RETURNS TABLE(author_email text, author_name text, author_rank integer, directory text, directory_rank integer, changes bigint, share double precision)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.author_directories(text,integer,integer) IS 'The main directories of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits: each author''s p_per_author (1 to 100, default 3) directories (the directory holding the file, '''' for the root) with the most file changes, their changes and share of the author''s file changes.
Example: SELECT author_email, directory, changes, round(share::numeric, 2) FROM api.author_directories(''shop'', p_per_author => 2);';
REVOKE ALL ON FUNCTION api.author_directories(text,integer,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.author_directories(text,integer,integer) TO pgpattern_reader;
