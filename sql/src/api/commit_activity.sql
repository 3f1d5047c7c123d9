CREATE OR REPLACE VIEW api.commit_activity AS
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
GRANT SELECT ON TABLE api.commit_activity TO pgpattern_reader;
