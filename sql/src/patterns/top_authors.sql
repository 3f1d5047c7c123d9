CREATE OR REPLACE FUNCTION patterns.top_authors(p_project_id bigint, p_max_authors integer)
 RETURNS TABLE(author_key text, author_name text, commits bigint, author_rank integer)
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT c.author_key, (array_agg(c.author_name ORDER BY c.authored_at DESC, c.sha DESC))[1], count(*),
           (row_number() OVER (ORDER BY count(*) DESC, c.author_key))::integer
      FROM git.commits c
     WHERE c.project_id = p_project_id AND NOT c.is_merge
     GROUP BY c.author_key
     ORDER BY count(*) DESC, c.author_key
     LIMIT p_max_authors
$function$;
COMMENT ON FUNCTION patterns.top_authors(bigint,integer) IS 'A project''s p_max_authors authors (lower-cased email) with the most non-merge commits, ties by email, with the name of their newest commit and their rank.';
GRANT EXECUTE ON FUNCTION patterns.top_authors(bigint,integer) TO pgpattern_writer;
