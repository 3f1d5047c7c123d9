DROP INDEX git.commits_roots_idx;
