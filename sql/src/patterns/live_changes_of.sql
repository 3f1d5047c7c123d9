CREATE OR REPLACE FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[])
 RETURNS SETOF patterns.live_change
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    WITH
    commits AS (
        SELECT c.commit_id, c.author_key,
               patterns.commit_type(split_part(c.message, E'\n', 1)) = 'fix' AS is_fix
          FROM git.commits c
         WHERE c.project_id = p_project_id AND NOT c.is_merge
           AND c.commit_id = ANY (p_commit_ids)
    ),
    changes AS (
        SELECT fc.commit_id, fc.file_id,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               string_agg(fc.status::text, '' ORDER BY fc.change_no) AS statuses
          FROM git.changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.file_id
    )
    SELECT c.commit_id, g.path, c.author_key, (count(*) OVER (PARTITION BY c.commit_id))::integer, c.is_fix,
           ch.change_size, ch.net_lines, ch.statuses
      FROM commits c
      JOIN changes ch ON ch.commit_id = c.commit_id
      JOIN git.paths g ON g.project_id = p_project_id AND g.path_id = ch.file_id
$function$;
COMMENT ON FUNCTION patterns.live_changes_of(bigint,bigint[]) IS 'The changes of T among these commits of a project with their commits'' columns (patterns.live_change), computed from git.commits and git.changes.';
GRANT EXECUTE ON FUNCTION patterns.live_changes_of(bigint,bigint[]) TO pgpattern_writer;
