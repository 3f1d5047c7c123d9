-- The incremental state behind real-time pattern updates: the project's transaction set T
-- (unwindowed: every non-merge commit with a file change, files by latest path) and the
-- counts the algorithms need, kept current by statement-level triggers on git.file_changes
-- with transition tables. A statement recomputes only the commits it touched (their rows
-- leave with their counts and come back as they are now), so a new commit costs work in
-- proportion to its own files, and a lineage change (refresh_lineage re-keying the changes
-- of a renamed file) moves exactly the counts of the commits it re-keys.
-- Co-occurrence counts cover the commits with at most 30 files (the default
-- max_changeset_size, which api.suggest_cochanges uses too).

CREATE TABLE patterns.live_commits (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    commit_id    bigint NOT NULL,
    sha          text NOT NULL,
    author_key   text NOT NULL,
    author_name  text NOT NULL,
    authored_at  timestamptz NOT NULL,
    committed_at timestamptz NOT NULL,
    local_time   timestamp NOT NULL,
    commit_type  text NOT NULL,
    files        integer NOT NULL,
    change_size  bigint NOT NULL,
    PRIMARY KEY (project_id, commit_id)
);
COMMENT ON TABLE patterns.live_commits IS 'The commits of each project''s unwindowed transaction set T (non-merge, at least one file change), kept by triggers on git.file_changes.';
COMMENT ON COLUMN patterns.live_commits.local_time IS 'Authored time in the author''s time zone (temporal bins, active days).';
COMMENT ON COLUMN patterns.live_commits.commit_type IS 'patterns.commit_type() of the subject.';
COMMENT ON COLUMN patterns.live_commits.files IS 'Distinct files (latest paths) the commit changes.';
COMMENT ON COLUMN patterns.live_commits.change_size IS 'Lines added + deleted over its files (binary 0).';
CREATE INDEX live_commits_author_idx ON patterns.live_commits (project_id, author_key, authored_at);
COMMENT ON INDEX patterns.live_commits_author_idx IS 'An author''s commits in time order (developer patterns).';
CREATE INDEX live_commits_authored_idx ON patterns.live_commits (project_id, authored_at);
COMMENT ON INDEX patterns.live_commits_authored_idx IS 'The span of T: its first and last authored times.';

CREATE TABLE patterns.live_changes (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    commit_id    bigint NOT NULL,
    file_path    text NOT NULL,
    author_key   text NOT NULL,
    authored_at  timestamptz NOT NULL,
    committed_at timestamptz NOT NULL,
    sha          text NOT NULL,
    local_time   timestamp NOT NULL,
    commit_files integer NOT NULL,
    is_fix       boolean NOT NULL,
    change_size  bigint NOT NULL,
    net_lines    bigint NOT NULL,
    statuses     text[] NOT NULL,
    PRIMARY KEY (project_id, commit_id, file_path)
);
COMMENT ON TABLE patterns.live_changes IS 'The changes of T, one row per (commit, file by latest path), as patterns.transaction_changes() reads them for an unwindowed run; kept by triggers on git.file_changes.';
COMMENT ON COLUMN patterns.live_changes.commit_files IS 'Distinct files of the commit (co-occurrence leaves out commits above max_changeset_size).';
COMMENT ON COLUMN patterns.live_changes.is_fix IS 'The commit is a fix (patterns.commit_type() of its subject).';
COMMENT ON COLUMN patterns.live_changes.change_size IS 'Lines added + deleted over the commit''s rows for this file (binary 0).';
COMMENT ON COLUMN patterns.live_changes.net_lines IS 'Lines added - deleted.';
COMMENT ON COLUMN patterns.live_changes.statuses IS 'The status letters of the rows that map to this file.';
CREATE INDEX live_changes_file_idx ON patterns.live_changes (project_id, file_path, authored_at);
COMMENT ON INDEX patterns.live_changes_file_idx IS 'A file''s changes in time order (its profile, its pairs'' evidence).';
CREATE INDEX live_changes_authored_idx ON patterns.live_changes (project_id, authored_at);
COMMENT ON INDEX patterns.live_changes_authored_idx IS 'The changes of the trailing year (trend).';
CREATE INDEX live_changes_size_idx ON patterns.live_changes (project_id, change_size);
COMMENT ON INDEX patterns.live_changes_size_idx IS 'Changes above a size (anomaly scores).';

CREATE TABLE patterns.file_change_counts (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path    text NOT NULL,
    changes      integer NOT NULL,
    cooc_changes integer NOT NULL,
    fix_changes  integer NOT NULL,
    PRIMARY KEY (project_id, file_path)
);
COMMENT ON TABLE patterns.file_change_counts IS 'Per file (latest path): n(f), the commits of T changing it; cooc_changes, those with at most 30 files; fix_changes, those that are fixes.';

CREATE TABLE patterns.file_pair_counts (
    project_id  bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path_1 text COLLATE "C" NOT NULL,
    file_path_2 text COLLATE "C" NOT NULL,
    cochanges   integer NOT NULL,
    PRIMARY KEY (project_id, file_path_1, file_path_2),
    CONSTRAINT file_pair_counts_order CHECK (file_path_1 < file_path_2)
);
COMMENT ON TABLE patterns.file_pair_counts IS 'Per pair of files, n(a,b): the commits of T with at most 30 files that change both (every pair seen at least once; co-occurrence patterns and api.suggest_cochanges read it).';
CREATE INDEX file_pair_counts_file_2_idx ON patterns.file_pair_counts (project_id, file_path_2);
COMMENT ON INDEX patterns.file_pair_counts_file_2_idx IS 'The pairs of a file as the second path (the primary key serves the first).';

CREATE TABLE patterns.file_author_counts (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path  text NOT NULL,
    author_key text NOT NULL,
    changes    integer NOT NULL,
    PRIMARY KEY (project_id, file_path, author_key)
);
COMMENT ON TABLE patterns.file_author_counts IS 'Per file and author, the commits of T in which the author changed the file (specialties, collaboration, diversity, knowledge silos).';
CREATE INDEX file_author_counts_author_idx ON patterns.file_author_counts (project_id, author_key);
COMMENT ON INDEX patterns.file_author_counts_author_idx IS 'The files of an author.';

CREATE TABLE patterns.author_commit_counts (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    author_key text NOT NULL,
    commits    integer NOT NULL,
    files      bigint NOT NULL,
    lines      bigint NOT NULL,
    PRIMARY KEY (project_id, author_key)
);
COMMENT ON TABLE patterns.author_commit_counts IS 'Per author, the commits of T, the sum of their file counts and of their lines changed.';

CREATE TABLE patterns.change_size_counts (
    project_id  bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    change_size bigint NOT NULL,
    changes     integer NOT NULL,
    PRIMARY KEY (project_id, change_size)
);
COMMENT ON TABLE patterns.change_size_counts IS 'How many changes of T have each size: the distribution whose 95th percentile separates anomalous changes.';

CREATE TABLE patterns.commit_time_bins (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    pattern_type text NOT NULL,
    bin          integer NOT NULL,
    commits      integer NOT NULL,
    PRIMARY KEY (project_id, pattern_type, bin)
);
COMMENT ON TABLE patterns.commit_time_bins IS 'The commits of T per temporal bin (hourly, daily, weekly, monthly, seasonal; author''s local time), the observed counts of spec section 2.';

CREATE FUNCTION patterns.live_count(
      p_project_id bigint
    , p_sign integer
    , p_commits patterns.live_commits[]
    , p_changes patterns.live_changes[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Adds (p_sign 1) or takes away (-1) the counts of these commits and changes; counts
    -- that reach 0 go.
    WITH
    changes AS (SELECT * FROM unnest(p_changes)),
    commits AS (SELECT * FROM unnest(p_commits)),
    files AS (
        INSERT INTO patterns.file_change_counts AS t (project_id, file_path, changes, cooc_changes, fix_changes)
        SELECT p_project_id, c.file_path, p_sign * count(*), p_sign * count(*) FILTER (WHERE c.commit_files <= 30),
               p_sign * count(*) FILTER (WHERE c.is_fix)
          FROM changes c GROUP BY c.file_path
        ON CONFLICT (project_id, file_path) DO UPDATE
           SET changes = t.changes + excluded.changes, cooc_changes = t.cooc_changes + excluded.cooc_changes,
               fix_changes = t.fix_changes + excluded.fix_changes
    ),
    pairs AS (
        INSERT INTO patterns.file_pair_counts AS t (project_id, file_path_1, file_path_2, cochanges)
        SELECT p_project_id, a.file_path, b.file_path, p_sign * count(*)
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
         WHERE a.commit_files <= 30
         GROUP BY a.file_path, b.file_path
        ON CONFLICT (project_id, file_path_1, file_path_2) DO UPDATE SET cochanges = t.cochanges + excluded.cochanges
    ),
    file_authors AS (
        INSERT INTO patterns.file_author_counts AS t (project_id, file_path, author_key, changes)
        SELECT p_project_id, c.file_path, c.author_key, p_sign * count(*) FROM changes c GROUP BY c.file_path, c.author_key
        ON CONFLICT (project_id, file_path, author_key) DO UPDATE SET changes = t.changes + excluded.changes
    ),
    authors AS (
        INSERT INTO patterns.author_commit_counts AS t (project_id, author_key, commits, files, lines)
        SELECT p_project_id, c.author_key, p_sign * count(*), p_sign * sum(c.files), p_sign * sum(c.change_size)
          FROM commits c GROUP BY c.author_key
        ON CONFLICT (project_id, author_key) DO UPDATE
           SET commits = t.commits + excluded.commits, files = t.files + excluded.files, lines = t.lines + excluded.lines
    ),
    sizes AS (
        INSERT INTO patterns.change_size_counts AS t (project_id, change_size, changes)
        SELECT p_project_id, c.change_size, p_sign * count(*) FROM changes c GROUP BY c.change_size
        ON CONFLICT (project_id, change_size) DO UPDATE SET changes = t.changes + excluded.changes
    )
    INSERT INTO patterns.commit_time_bins AS t (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, p_sign * count(*)
      FROM commits c
     CROSS JOIN LATERAL (VALUES ('hourly', extract(hour FROM c.local_time)::integer),
                                ('daily', extract(isodow FROM c.local_time)::integer - 1),
                                ('weekly', (extract(day FROM c.local_time)::integer - 1) / 7),
                                ('monthly', extract(month FROM c.local_time)::integer - 1),
                                ('seasonal', patterns.season(extract(month FROM c.local_time)::integer))) b(pattern_type, bin)
     GROUP BY b.pattern_type, b.bin
    ON CONFLICT (project_id, pattern_type, bin) DO UPDATE SET commits = t.commits + excluded.commits;

    IF p_sign < 0 THEN
        DELETE FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_changes) c);
        DELETE FROM patterns.file_pair_counts t WHERE t.project_id = p_project_id AND t.cochanges = 0
           AND t.file_path_1 IN (SELECT c.file_path FROM unnest(p_changes) c);
        DELETE FROM patterns.file_author_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_commits) c);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_changes) c);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;
END
$$;
COMMENT ON FUNCTION patterns.live_count(bigint, integer, patterns.live_commits[], patterns.live_changes[]) IS 'Adds (p_sign 1) or takes away (-1) the counts of these commits and changes of T in the live count tables; counts that reach 0 are deleted.';

CREATE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[], p_trigger_type text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_old_commits patterns.live_commits[];
    v_old_changes patterns.live_changes[];
    v_new_commits patterns.live_commits[];
    v_new_changes patterns.live_changes[];
BEGIN
    /*
     * Brings the live state of these commits up to date with git.commits and
     * git.file_changes: what they counted for goes, what they count for now comes in.
     * Then the pattern update queue learns which files and authors changed. A project
     * being deleted has nothing to keep (its live rows go with it).
     */
    IF NOT EXISTS (SELECT FROM core.projects p WHERE p.project_id = p_project_id) THEN
        RETURN;
    END IF;
    WITH gone AS (
        DELETE FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_changes) INTO v_old_changes FROM gone g;
    WITH gone AS (
        DELETE FROM patterns.live_commits l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_commits) INTO v_old_commits FROM gone g;
    IF v_old_commits IS NOT NULL THEN
        PERFORM patterns.live_count(p_project_id, -1, v_old_commits, v_old_changes);
    END IF;

    -- The same reading as patterns.transaction_changes() for an unwindowed run.
    WITH
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               patterns.commit_type(split_part(c.message, E'\n', 1)) AS commit_type
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids) AND NOT c.is_merge
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.latest_path
    ),
    rows AS (
        SELECT c.*, ch.file_path, ch.change_size, ch.net_lines, ch.statuses,
               (count(*) OVER (PARTITION BY c.commit_id))::integer AS commit_files,
               sum(ch.change_size) OVER (PARTITION BY c.commit_id) AS commit_size
          FROM commits c JOIN changes ch ON ch.commit_id = c.commit_id
    ),
    new_changes AS (
        INSERT INTO patterns.live_changes (project_id, commit_id, file_path, author_key, authored_at, committed_at, sha,
                                           local_time, commit_files, is_fix, change_size, net_lines, statuses)
        SELECT p_project_id, r.commit_id, r.file_path, r.author_key, r.authored_at, r.committed_at, r.sha, r.local_time,
               r.commit_files, r.commit_type = 'fix', r.change_size, r.net_lines, r.statuses
          FROM rows r
        RETURNING *
    ),
    new_commits AS (
        INSERT INTO patterns.live_commits (project_id, commit_id, sha, author_key, author_name, authored_at, committed_at,
                                           local_time, commit_type, files, change_size)
        SELECT DISTINCT ON (r.commit_id) p_project_id, r.commit_id, r.sha, r.author_key, r.author_name, r.authored_at,
               r.committed_at, r.local_time, r.commit_type, r.commit_files, r.commit_size
          FROM rows r
        RETURNING *
    )
    SELECT (SELECT array_agg(n::patterns.live_changes) FROM new_changes n),
           (SELECT array_agg(n::patterns.live_commits) FROM new_commits n)
      INTO v_new_changes, v_new_commits;
    IF v_new_commits IS NOT NULL THEN
        PERFORM patterns.live_count(p_project_id, 1, v_new_commits, v_new_changes);
    END IF;

    IF v_old_commits IS NOT NULL OR v_new_commits IS NOT NULL THEN
        PERFORM patterns.enqueue_live_update(p_project_id, p_trigger_type,
            ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c),
            ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c),
            coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0));
    END IF;
END
$$;
COMMENT ON FUNCTION patterns.live_refresh(bigint, bigint[], text) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes, and queues a pattern update naming the files and authors it touched. The triggers on git.file_changes call it.';
