-- Ingested git history. Commits and file changes are keyed by project first (Citus-ready);
-- a file change refers to its commit by a compact id rather than the 40-character sha.
-- What git printed is stored as is; what a text column cannot hold exactly (NUL bytes,
-- bytes that are not UTF-8, offsets no place on Earth has) is stored in a readable
-- form, flagged, and the commit's exact object is kept in raw_object.
CREATE TABLE git.commits (
    project_id        bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    commit_id         bigint GENERATED ALWAYS AS IDENTITY,
    sha               text NOT NULL,
    parent_shas       text[] NOT NULL DEFAULT '{}',
    author_name       text NOT NULL,
    author_email      text NOT NULL,
    author_key        text GENERATED ALWAYS AS (lower(author_email)) STORED,
    authored_at       timestamptz NOT NULL,
    author_utc_offset smallint NOT NULL,
    committer_name    text NOT NULL,
    committer_email   text NOT NULL,
    committed_at      timestamptz NOT NULL,
    message           text NOT NULL,
    generation        integer NOT NULL,
    is_merge          boolean GENERATED ALWAYS AS (cardinality(parent_shas) > 1) STORED,
    flags             text[] NOT NULL DEFAULT '{}',
    raw_object        bytea,
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, commit_id),
    CONSTRAINT commits_sha_unique UNIQUE (project_id, sha),
    CONSTRAINT commits_sha_format CHECK (sha ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'),
    CONSTRAINT commits_offset_range CHECK (author_utc_offset BETWEEN -720 AND 840),
    CONSTRAINT commits_generation_nonnegative CHECK (generation >= 0)
);
COMMENT ON TABLE git.commits IS 'One row per ingested commit of a project, merge commits included.';
COMMENT ON COLUMN git.commits.commit_id IS 'A compact key for the commit within the database (file changes refer to it).';
COMMENT ON COLUMN git.commits.sha IS 'The commit id (40 hex digits, or 64 in a SHA-256 repository).';
COMMENT ON COLUMN git.commits.parent_shas IS 'The parents, in git''s order; empty for a root commit (or the boundary of a shallow clone).';
COMMENT ON COLUMN git.commits.author_name IS 'The author''s name after .mailmap.';
COMMENT ON COLUMN git.commits.author_email IS 'The author''s email after .mailmap.';
COMMENT ON COLUMN git.commits.author_key IS 'The author''s identity: the lower-cased email.';
COMMENT ON COLUMN git.commits.authored_at IS 'When the commit was authored.';
COMMENT ON COLUMN git.commits.author_utc_offset IS 'The author''s UTC offset in minutes (east positive); 0 where the header held an impossible offset (flag invalid_author_offset).';
COMMENT ON COLUMN git.commits.committer_name IS 'The committer''s name after .mailmap.';
COMMENT ON COLUMN git.commits.committer_email IS 'The committer''s email after .mailmap.';
COMMENT ON COLUMN git.commits.committed_at IS 'When the commit was committed.';
COMMENT ON COLUMN git.commits.message IS 'The full message, decoded by the commit''s encoding header.';
COMMENT ON COLUMN git.commits.generation IS 'Longest path from a root among ingested commits (0 for a root): orders parents before children.';
COMMENT ON COLUMN git.commits.is_merge IS 'True for a commit with more than one parent (stored without file changes of its own).';
COMMENT ON COLUMN git.commits.flags IS 'What could not be stored exactly: *_not_utf8, *_has_nul, invalid_author_offset, *_date_out_of_range, unknown_encoding, path_not_utf8.';
COMMENT ON COLUMN git.commits.raw_object IS 'The exact commit object, kept only when a field could not be stored exactly.';
COMMENT ON COLUMN git.commits.ingested_at IS 'When the row was ingested.';
CREATE INDEX commits_project_authored_idx ON git.commits (project_id, authored_at);
COMMENT ON INDEX git.commits_project_authored_idx IS 'Commits of a project by authored time (time windows, activity over time).';
CREATE INDEX commits_project_author_idx ON git.commits (project_id, author_key);
COMMENT ON INDEX git.commits_project_author_idx IS 'Commits of a project by author.';

CREATE TABLE git.file_changes (
    project_id    bigint NOT NULL,
    commit_id     bigint NOT NULL,
    change_no     integer NOT NULL,
    status        char(1) NOT NULL,
    path          text NOT NULL,
    old_path      text,
    lines_added   integer,
    lines_deleted integer,
    old_mode      integer NOT NULL,
    new_mode      integer NOT NULL,
    latest_path   text NOT NULL,
    PRIMARY KEY (project_id, commit_id, change_no),
    FOREIGN KEY (project_id, commit_id) REFERENCES git.commits (project_id, commit_id) ON DELETE CASCADE,
    CONSTRAINT file_changes_status_check CHECK (status IN ('A', 'M', 'D', 'R', 'C', 'T', 'U', 'X', 'B')),
    CONSTRAINT file_changes_old_path_check CHECK ((old_path IS NOT NULL) = (status IN ('R', 'C'))),
    CONSTRAINT file_changes_lines_check CHECK ((lines_added IS NULL) = (lines_deleted IS NULL)
                                               AND lines_added >= 0 AND lines_deleted >= 0)
);
COMMENT ON TABLE git.file_changes IS 'One row per file a non-merge commit changed, as git diff against the first parent shows it (rename detection on, copy detection off).';
COMMENT ON COLUMN git.file_changes.change_no IS 'The position of the change in git''s output for the commit.';
COMMENT ON COLUMN git.file_changes.status IS 'git''s status letter: A added, M modified, D deleted, R renamed, C copied, T type changed.';
COMMENT ON COLUMN git.file_changes.path IS 'The path after the change (for D, the path deleted). Bytes that are not UTF-8 appear as \xNN.';
COMMENT ON COLUMN git.file_changes.old_path IS 'The path before a rename or copy; NULL otherwise.';
COMMENT ON COLUMN git.file_changes.lines_added IS 'Lines added; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.lines_deleted IS 'Lines deleted; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.old_mode IS 'The file mode before (0 when added); 57344 (octal 160000) is a submodule.';
COMMENT ON COLUMN git.file_changes.new_mode IS 'The file mode after (0 when deleted).';
COMMENT ON COLUMN git.file_changes.latest_path IS 'The file this change belongs to: its latest path across renames in the whole ingested history (maintained by git.refresh_lineage).';
CREATE INDEX file_changes_latest_path_idx ON git.file_changes (project_id, latest_path);
COMMENT ON INDEX git.file_changes_latest_path_idx IS 'The changes of a file, by its latest path.';
CREATE INDEX file_changes_path_idx ON git.file_changes (project_id, path);
COMMENT ON INDEX git.file_changes_path_idx IS 'The changes made at a path (lineage lookups from any path a file had).';

CREATE TABLE git.ingested_refs (
    project_id  bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    ref_name    text NOT NULL,
    tip_sha     text NOT NULL,
    commits     bigint NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, ref_name)
);
COMMENT ON TABLE git.ingested_refs IS 'Where each ingest of a project ended: the ref, its tip, and when. The next ingest reads only commits not reachable from the tip.';
COMMENT ON COLUMN git.ingested_refs.ref_name IS 'The ref as given to pgpattern ingest (HEAD by default).';
COMMENT ON COLUMN git.ingested_refs.tip_sha IS 'The commit the ref pointed at when its ingest finished.';
COMMENT ON COLUMN git.ingested_refs.commits IS 'Commits of the project stored when the ingest finished.';
COMMENT ON COLUMN git.ingested_refs.ingested_at IS 'When the ingest finished.';
