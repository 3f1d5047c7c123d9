DROP INDEX git.file_changes_deletes_idx;
DROP FUNCTION api.suggest_cochanges(text, text[], integer);
DROP FUNCTION api.pattern_insights_get(text, text, double precision, text, text, boolean);
DROP FUNCTION api.pattern_risk_files(text, text, double precision, text, integer);
DROP FUNCTION api.pattern_developer_profile(text, text, double precision, boolean);
DROP FUNCTION api.pattern_temporal_get(text, text, double precision, boolean);
DROP FUNCTION api.pattern_cooccurrence_search(text, text, double precision, double precision, text, integer);
DROP FUNCTION api.pattern_discover(text, boolean, text[], double precision);
DROP FUNCTION patterns.check_choice(text, text, text[]);
