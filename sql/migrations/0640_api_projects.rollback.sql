DROP VIEW api.projects;
