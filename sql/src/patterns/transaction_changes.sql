CREATE OR REPLACE FUNCTION patterns.transaction_changes(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS TABLE(commit_id bigint, sha text, author_key text, author_name text, authored_at timestamp with time zone, committed_at timestamp with time zone, local_time timestamp without time zone, subject text, commit_files integer, file_path text, change_size bigint, net_lines bigint, statuses text[])
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    WITH RECURSIVE
    run AS (
        SELECT s.window_since, s.window_until, s.window_until_sha
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = p_project_id AND s.id = p_discovery_session_id
    ),
    ancestry AS (
        SELECT c.sha, c.parent_shas
          FROM git.commits c, run
         WHERE c.project_id = p_project_id AND c.sha = run.window_until_sha
        UNION
        SELECT c.sha, c.parent_shas
          FROM ancestry a
          JOIN git.commits c ON c.project_id = p_project_id AND c.sha = ANY (a.parent_shas)
    ),
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               split_part(c.message, E'\n', 1) AS subject
          FROM git.commits c, run
         WHERE c.project_id = p_project_id
           AND NOT c.is_merge
           AND (run.window_since IS NULL OR c.authored_at >= run.window_since)
           AND (run.window_until IS NULL OR c.authored_at < run.window_until)
           AND (run.window_until_sha IS NULL OR c.sha IN (SELECT a.sha FROM ancestry a))
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id
           AND fc.commit_id IN (SELECT c.commit_id FROM commits c)
         GROUP BY fc.commit_id, fc.latest_path
    )
    SELECT c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at, c.local_time,
           c.subject, (count(*) OVER (PARTITION BY c.commit_id))::integer, ch.file_path, ch.change_size,
           ch.net_lines, ch.statuses
      FROM commits c
      JOIN changes ch ON ch.commit_id = c.commit_id
$function$;
COMMENT ON FUNCTION patterns.transaction_changes(bigint,uuid) IS 'The changes of a discovery run''s transaction set T, one row per (commit, file by latest path), with the commit''s author, times (author''s local time too), subject and number of files changed, and the change''s size (lines added + deleted, binary 0), net lines and status letters.';
GRANT EXECUTE ON FUNCTION patterns.transaction_changes(bigint,uuid) TO pgpattern_writer;
