DROP FUNCTION api.project_delete(text);
DROP FUNCTION api.project_rows(text);
DROP FUNCTION privacy.project_row_counts(bigint);
DROP FUNCTION privacy.project_tables();
