CREATE OR REPLACE FUNCTION api.commit_heatmap(p_project text)
 RETURNS TABLE(weekday integer, weekday_name text, hour integer, commits bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.commit_heatmap(text) IS 'A project''s non-merge commits per weekday (1 Monday to 7 Sunday, ISO, with weekday_name) and hour (0 to 23) of the author''s local time: all 168 cells, empty ones with 0.
Example: SELECT weekday_name, hour, commits FROM api.commit_heatmap(''shop'') ORDER BY commits DESC LIMIT 3;';
REVOKE ALL ON FUNCTION api.commit_heatmap(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.commit_heatmap(text) TO pgpattern_reader;
