DROP VIEW api.files;
DROP VIEW api.commit_activity;
