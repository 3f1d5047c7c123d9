CREATE OR REPLACE VIEW api.files AS
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
GRANT SELECT ON TABLE api.files TO pgpattern_reader;
