-- The search indexes of the pattern tables cover the current rows only (issue 12, storage).
-- Every api query reads the active rows (is_active) and finds them through these indexes; a
-- discovery session kept for its history (3 per project by default) is read by its session
-- id. Indexed in full, the kept sessions' rows made most of these indexes (on ansible, two
-- thirds of change_magnitude_patterns' risk and category indexes). The indexes that serve
-- a file's, a pair's or an author's history across runs stay whole.

DROP INDEX patterns.cooccurrence_patterns_files_idx;
CREATE INDEX cooccurrence_patterns_files_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, file_path_1, file_path_2) WHERE is_active;
COMMENT ON INDEX patterns.cooccurrence_patterns_files_idx IS 'A pair, or the pairs of a file as the first path. Current rows (is_active) only.';
DROP INDEX patterns.cooccurrence_patterns_strength_idx;
CREATE INDEX cooccurrence_patterns_strength_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, pattern_strength, confidence_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.cooccurrence_patterns_strength_idx IS 'Pairs by strength and confidence. Current rows (is_active) only.';
DROP INDEX patterns.developer_patterns_specialties_idx;
CREATE INDEX developer_patterns_specialties_idx ON patterns.developer_patterns USING gin (specialty_files) WHERE is_active;
COMMENT ON INDEX patterns.developer_patterns_specialties_idx IS 'Authors specialised in a file. Current rows (is_active) only.';
DROP INDEX patterns.developer_patterns_velocity_idx;
CREATE INDEX developer_patterns_velocity_idx ON patterns.developer_patterns USING btree (project_id, change_velocity DESC, consistency_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.developer_patterns_velocity_idx IS 'Profiles by velocity. Current rows (is_active) only.';
DROP INDEX patterns.insights_description_fts_idx;
CREATE INDEX insights_description_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english'::regconfig, description)) WHERE is_active;
COMMENT ON INDEX patterns.insights_description_fts_idx IS 'Full-text search on descriptions. Current rows (is_active) only.';
DROP INDEX patterns.insights_recommendations_idx;
CREATE INDEX insights_recommendations_idx ON patterns.pattern_insights USING gin (recommendations) WHERE is_active;
COMMENT ON INDEX patterns.insights_recommendations_idx IS 'Insights carrying a recommendation. Current rows (is_active) only.';
DROP INDEX patterns.insights_risk_priority_idx;
CREATE INDEX insights_risk_priority_idx ON patterns.pattern_insights USING btree (project_id, risk_level, priority_score DESC, confidence_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.insights_risk_priority_idx IS 'Insights by risk and priority. Current rows (is_active) only.';
DROP INDEX patterns.insights_title_fts_idx;
CREATE INDEX insights_title_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english'::regconfig, title)) WHERE is_active;
COMMENT ON INDEX patterns.insights_title_fts_idx IS 'Full-text search on titles. Current rows (is_active) only.';
DROP INDEX patterns.insights_type_confidence_idx;
CREATE INDEX insights_type_confidence_idx ON patterns.pattern_insights USING btree (project_id, insight_type, confidence_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.insights_type_confidence_idx IS 'Insights of a type by confidence. Current rows (is_active) only.';
DROP INDEX patterns.magnitude_patterns_category_idx;
CREATE INDEX magnitude_patterns_category_idx ON patterns.change_magnitude_patterns USING btree (project_id, change_category, volatility_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.magnitude_patterns_category_idx IS 'Files by change category and volatility. Current rows (is_active) only.';
DROP INDEX patterns.magnitude_patterns_risk_idx;
CREATE INDEX magnitude_patterns_risk_idx ON patterns.change_magnitude_patterns USING btree (project_id, risk_level, anomaly_score DESC, hotspot_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.magnitude_patterns_risk_idx IS 'Files by risk. Current rows (is_active) only.';
