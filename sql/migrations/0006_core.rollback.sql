DROP TABLE core.sessions;
DROP TABLE core.projects;
DROP FUNCTION core.touch_updated_at();
