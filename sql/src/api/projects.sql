-- The projects a database holds, as the api shows them (issue 16: the MCP server's
-- list_projects tool and its resources, which connect as pgpattern_reader and so cannot
-- read core.projects). api.project_pattern_summary lists projects too, but it is a
-- materialized view refreshed by discovery and every 5 minutes: a project ingested a
-- moment ago is missing from it. This view reads the tables as they are, with the
-- owner's rights (readers get SELECT by api's default privileges, PUBLIC nothing).
CREATE OR REPLACE VIEW api.projects AS
SELECT p.name AS project, p.project_id, p.repository_path, p.description, p.created_at,
       c.commits, c.first_commit_at, c.last_commit_at,
       d.discovery_timestamp AS last_discovery, d.id AS last_discovery_session_id
  FROM core.projects p
  LEFT JOIN LATERAL (SELECT count(*) AS commits, min(gc.authored_at) AS first_commit_at,
                            max(gc.authored_at) AS last_commit_at
                       FROM git.commits gc
                      WHERE gc.project_id = p.project_id) c ON true
  LEFT JOIN LATERAL (SELECT s.id, s.discovery_timestamp
                       FROM patterns.pattern_discovery_sessions s
                      WHERE s.project_id = p.project_id AND s.status = 'completed'
                      ORDER BY s.discovery_timestamp DESC
                      LIMIT 1) d ON true;
COMMENT ON VIEW api.projects IS 'Every project, by name (the p_project of the pattern api) and id (the p_project_id of the learning api): where it was ingested from, its ingested commits (count, first and last authored time) and its latest completed discovery run (none yet: NULL). Read live, unlike api.project_pattern_summary.';
COMMENT ON COLUMN api.projects.project IS 'The project''s name: what the pattern api functions take as p_project.';
COMMENT ON COLUMN api.projects.commits IS 'Commits ingested (git.commits), merges included.';
COMMENT ON COLUMN api.projects.last_discovery IS 'When its latest completed discovery run started; NULL before the first.';
GRANT SELECT ON TABLE api.projects TO pgpattern_reader;
