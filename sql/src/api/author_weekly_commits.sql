CREATE OR REPLACE FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer DEFAULT 10)
 RETURNS TABLE(author_email text, author_name text, author_rank integer, week date, commits bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.author_weekly_commits(text,integer) IS 'Commits per ISO week (its Monday, UTC, as the developer patterns count weeks) of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits (author_rank 1 most), every week from each author''s first to last (empty ones with 0).
Example: SELECT author_email, week, commits FROM api.author_weekly_commits(''shop'', p_max_authors => 3) WHERE commits > 0;';
REVOKE ALL ON FUNCTION api.author_weekly_commits(text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.author_weekly_commits(text,integer) TO pgpattern_reader;
