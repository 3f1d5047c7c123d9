-- The indexes of the current-pattern tables that no query reads (issue 12, storage): no api
-- function, report, HTML or MCP path, update function or the retention purge uses them
-- (measured on ansible with pg_stat_user_indexes over the api calls with each filter and page
-- key, the incremental updates, a discovery and the purge; EXPLAINs in
-- bench/results/2026-12-07-vm-state-ids.md). A run's rows are found by the unique per-session
-- indexes, whose leading columns (project_id, discovery_session_id) are those of the
-- *_session_idx indexes they duplicated (the foreign keys to the run use them the same way).
-- The only reader of magnitude_patterns_file_idx reads a file's active row (the coupling
-- graph's nodes): it becomes a partial index of the current rows without updated_at.

DROP INDEX patterns.cooccurrence_patterns_active_idx;
DROP INDEX patterns.cooccurrence_patterns_commits_idx;
DROP INDEX patterns.cooccurrence_patterns_hash_idx;
DROP INDEX patterns.cooccurrence_patterns_session_idx;
DROP INDEX patterns.temporal_patterns_authors_idx;
DROP INDEX patterns.temporal_patterns_session_idx;
DROP INDEX patterns.developer_patterns_session_idx;
DROP INDEX patterns.developer_patterns_specialization_idx;
DROP INDEX patterns.developer_patterns_specialties_idx;
DROP INDEX patterns.developer_patterns_velocity_idx;
DROP INDEX patterns.magnitude_patterns_category_idx;
DROP INDEX patterns.magnitude_patterns_session_idx;
DROP INDEX patterns.insights_active_recent_idx;
DROP INDEX patterns.insights_description_fts_idx;
DROP INDEX patterns.insights_recommendations_idx;
DROP INDEX patterns.insights_session_idx;
DROP INDEX patterns.insights_title_fts_idx;
DROP INDEX patterns.insights_type_confidence_idx;

DROP INDEX patterns.magnitude_patterns_file_idx;
CREATE INDEX magnitude_patterns_file_idx ON patterns.change_magnitude_patterns USING btree (project_id, file_path) WHERE is_active;
COMMENT ON INDEX patterns.magnitude_patterns_file_idx IS 'A file''s active profile (api.coupling_graph_nodes). Current rows (is_active) only.';
