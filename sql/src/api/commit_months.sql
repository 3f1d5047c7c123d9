CREATE OR REPLACE FUNCTION api.commit_months(p_project text)
 RETURNS TABLE(month date, commits bigint, authors bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.commit_months(text) IS 'A project''s non-merge commits and distinct authors per month of the author''s local time, every month from the first to the last (empty ones with 0).
Example: SELECT month, commits, authors FROM api.commit_months(''shop'') ORDER BY month DESC LIMIT 12;';
REVOKE ALL ON FUNCTION api.commit_months(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.commit_months(text) TO pgpattern_reader;
