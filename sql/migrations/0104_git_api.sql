-- What applications read of the ingested history.
CREATE VIEW api.commit_activity AS
SELECT p.name AS project,
       (c.authored_at AT TIME ZONE 'UTC')::date AS day,
       count(*) AS commits,
       count(*) FILTER (WHERE c.is_merge) AS merge_commits,
       count(DISTINCT c.author_key) AS authors,
       coalesce(sum(s.files), 0)::bigint AS files_changed,
       coalesce(sum(s.lines_added), 0)::bigint AS lines_added,
       coalesce(sum(s.lines_deleted), 0)::bigint AS lines_deleted
  FROM git.commits c
  JOIN core.projects p ON p.project_id = c.project_id
  LEFT JOIN LATERAL (
        SELECT count(*) AS files, sum(fc.lines_added) AS lines_added, sum(fc.lines_deleted) AS lines_deleted
          FROM git.file_changes fc
         WHERE fc.project_id = c.project_id AND fc.commit_id = c.commit_id) s ON true
 GROUP BY p.name, (c.authored_at AT TIME ZONE 'UTC')::date;
COMMENT ON VIEW api.commit_activity IS 'Commits per project and UTC day (by authored time): commits, merges, distinct authors, files changed and lines added and deleted (binary files count as 0 lines).';

CREATE VIEW api.files AS
SELECT p.name AS project,
       f.latest_path,
       f.paths,
       f.changes,
       f.first_changed_at,
       f.last_changed_at,
       f.last_status = 'D' AS deleted
  FROM (SELECT fc.project_id, fc.latest_path,
               array_agg(DISTINCT fc.path ORDER BY fc.path) AS paths,
               count(*) AS changes,
               min(c.authored_at) AS first_changed_at,
               max(c.authored_at) AS last_changed_at,
               (array_agg(fc.status ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC))[1] AS last_status
          FROM git.file_changes fc
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         GROUP BY fc.project_id, fc.latest_path) f
  JOIN core.projects p ON p.project_id = f.project_id;
COMMENT ON VIEW api.files IS 'Files of each project by their latest path across renames: every path the file has had, how often it changed, when first and last, and whether it is deleted as of its last change.';
