DROP TABLE git.ingested_refs;
DROP TABLE git.file_changes;
DROP TABLE git.commits;
