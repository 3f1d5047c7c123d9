-- The root commits of a project (no parents) by index. A clone that was shallow when it
-- was ingested has its boundary commits stored as roots; every ingest asks git whether
-- those now have parents (the clone was deepened or unshallowed) and if so reads the
-- history again in full. A project has one root or a few, so the index is tiny.
CREATE INDEX commits_roots_idx ON git.commits (project_id) WHERE cardinality(parent_shas) = 0;
COMMENT ON INDEX git.commits_roots_idx IS 'Commits of a project without parents: its roots, and the boundary commits of a shallow clone (ingest checks whether git now knows their parents).';
