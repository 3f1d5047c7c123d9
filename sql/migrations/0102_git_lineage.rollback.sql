DROP INDEX git.file_changes_renames_idx;
DROP FUNCTION git.refresh_lineage(bigint);
