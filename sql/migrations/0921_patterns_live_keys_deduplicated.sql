-- The live state's indexes, narrower (issue 12, storage), with no change to a row or a query:
-- - patterns.live_changes: its primary key becomes (project_id, file_id, ordinal), the order a
--   file's changes are read in, and replaces live_changes_file_idx, which held the same keys;
--   a commit's changes are found by a plain index on (project_id, commit_id), which B-tree
--   deduplication stores once per commit with its rows (about a third of a unique key with
--   file_id in it). Each commit has one ordinal, so (file_id, ordinal) is unique; the key is
--   checked at the end of each statement (DEFERRABLE INITIALLY IMMEDIATE) because
--   patterns.live_place renumbers later commits in one UPDATE, which passes through
--   duplicates row by row.
-- - patterns.live_commits_author_idx: (project_id, author_key) without authored_at; its
--   readers (the developer patterns, forgetting an identity) take an author's commits whole
--   and order them themselves, and the key without a time is deduplicated per author.
-- Ansible (compacted): 15.5 MiB of these indexes become 8.8; the 100K synthetic history's
-- 35.4 about 19.7 (bench/results/2026-12-08-vm-storage.md).

ALTER TABLE patterns.live_changes DROP CONSTRAINT live_changes_pkey;
DROP INDEX patterns.live_changes_file_idx;
ALTER TABLE patterns.live_changes
    ADD CONSTRAINT live_changes_pkey PRIMARY KEY (project_id, file_id, ordinal) DEFERRABLE INITIALLY IMMEDIATE;
COMMENT ON CONSTRAINT live_changes_pkey ON patterns.live_changes IS
    'A file''s changes in time order (its profile, its pairs'' evidence, the decayed sums); checked at the end of each statement, since patterns.live_place renumbers commits in one UPDATE.';
CREATE INDEX live_changes_commit_idx ON patterns.live_changes USING btree (project_id, commit_id);
COMMENT ON INDEX patterns.live_changes_commit_idx IS 'A commit''s changes (deduplicated: one entry per commit).';

DROP INDEX patterns.live_commits_author_idx;
CREATE INDEX live_commits_author_idx ON patterns.live_commits USING btree (project_id, author_key);
COMMENT ON INDEX patterns.live_commits_author_idx IS 'An author''s commits (developer patterns; deduplicated: one entry per author and leaf page).';
