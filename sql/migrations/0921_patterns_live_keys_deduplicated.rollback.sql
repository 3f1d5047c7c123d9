-- The live state's indexes as 0740 and 0211 made them.

DROP INDEX patterns.live_commits_author_idx;
CREATE INDEX live_commits_author_idx ON patterns.live_commits USING btree (project_id, author_key, authored_at);
COMMENT ON INDEX patterns.live_commits_author_idx IS 'An author''s commits in time order (developer patterns).';

DROP INDEX patterns.live_changes_commit_idx;
ALTER TABLE patterns.live_changes DROP CONSTRAINT live_changes_pkey;
ALTER TABLE patterns.live_changes ADD CONSTRAINT live_changes_pkey PRIMARY KEY (project_id, commit_id, file_id);
CREATE INDEX live_changes_file_idx ON patterns.live_changes USING btree (project_id, file_id, ordinal);
COMMENT ON INDEX patterns.live_changes_file_idx IS 'A file''s changes in time order (its profile, its pairs'' evidence, the decayed sums).';
