CREATE OR REPLACE FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[])
 RETURNS SETOF patterns.live_commits
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT p_project_id, c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
           (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset),
           patterns.commit_type(split_part(c.message, E'\n', 1)), f.files, f.size, 0
      FROM git.commits c
      JOIN (SELECT fc.commit_id, count(DISTINCT fc.file_id)::integer AS files,
                   sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS size
              FROM git.changes fc
             WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
             GROUP BY fc.commit_id) f ON f.commit_id = c.commit_id
     WHERE c.project_id = p_project_id AND NOT c.is_merge
       AND c.commit_id = ANY (p_commit_ids)
$function$;
COMMENT ON FUNCTION patterns.live_commits_of(bigint,bigint[]) IS 'The rows of patterns.live_commits for these commits of a project: the non-merge ones with a file change (ordinal 0: not placed yet, see patterns.live_place).';
GRANT EXECUTE ON FUNCTION patterns.live_commits_of(bigint,bigint[]) TO pgpattern_writer;
