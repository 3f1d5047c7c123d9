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

CREATE TABLE patterns.author_week_counts (
    project_id bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    author_key text NOT NULL,
    week       date NOT NULL,
    commits    integer NOT NULL,
    PRIMARY KEY (project_id, author_key, week)
);
COMMENT ON TABLE patterns.author_week_counts IS 'Per author and ISO week (UTC, its Monday), the commits of T: the active weeks behind consistency and temporal overlap.';

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

-- T of some commits, as patterns.transaction_changes() reads it for an
-- unwindowed run: the rows patterns.live_changes and patterns.live_commits hold.
CREATE FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[])
RETURNS SETOF patterns.live_changes
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               patterns.commit_type(split_part(c.message, E'\n', 1)) = 'fix' AS is_fix
          FROM git.commits c
         WHERE c.project_id = p_project_id AND NOT c.is_merge
           AND c.commit_id = ANY (p_commit_ids)
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.latest_path
    )
    SELECT p_project_id, c.commit_id, ch.file_path, c.author_key, c.authored_at, c.committed_at, c.sha, c.local_time,
           (count(*) OVER (PARTITION BY c.commit_id))::integer, c.is_fix, ch.change_size, ch.net_lines, ch.statuses
      FROM commits c JOIN changes ch ON ch.commit_id = c.commit_id
$$;
COMMENT ON FUNCTION patterns.live_changes_of(bigint, bigint[]) IS 'The rows of patterns.live_changes for these commits of a project, computed from git.commits and git.file_changes.';

CREATE FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[])
RETURNS SETOF patterns.live_commits
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_project_id, c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
           (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset),
           patterns.commit_type(split_part(c.message, E'\n', 1)), f.files, f.size
      FROM git.commits c
      JOIN (SELECT fc.commit_id, count(DISTINCT fc.latest_path)::integer AS files,
                   sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS size
              FROM git.file_changes fc
             WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
             GROUP BY fc.commit_id) f ON f.commit_id = c.commit_id
     WHERE c.project_id = p_project_id AND NOT c.is_merge
       AND c.commit_id = ANY (p_commit_ids)
$$;
COMMENT ON FUNCTION patterns.live_commits_of(bigint, bigint[]) IS 'The rows of patterns.live_commits for these commits of a project: the non-merge ones with a file change.';

CREATE FUNCTION patterns.time_bins(p_local_time timestamp)
RETURNS TABLE (pattern_type text, bin integer)
LANGUAGE sql
IMMUTABLE
AS $$
    VALUES ('hourly', extract(hour FROM p_local_time)::integer),
           ('daily', extract(isodow FROM p_local_time)::integer - 1),
           ('weekly', (extract(day FROM p_local_time)::integer - 1) / 7),
           ('monthly', extract(month FROM p_local_time)::integer - 1),
           ('seasonal', patterns.season(extract(month FROM p_local_time)::integer))
$$;
COMMENT ON FUNCTION patterns.time_bins(timestamp) IS 'The temporal bin of a local time for each pattern type of spec section 2 (no search_path of its own, so that it inlines).';

CREATE FUNCTION patterns.live_count(
      p_project_id bigint
    , p_old_commits patterns.live_commits[]
    , p_old_changes patterns.live_changes[]
    , p_new_commits patterns.live_commits[]
    , p_new_changes patterns.live_changes[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    /*
     * Moves the count tables from what the old rows counted for to what the new rows
     * count for. Only net differences are written (a lineage change leaves most of its
     * commits' pairs as they were): existing counts by a set-based UPDATE, new ones by an
     * INSERT of the keys the table did not hold (faster than ON CONFLICT row by row;
     * ingest of a project is serialised by its advisory lock, so no other writer adds the
     * same keys meanwhile). Counts that reach 0 are deleted.
     */
    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, sum(c.sign) AS changes, coalesce(sum(c.sign) FILTER (WHERE c.commit_files <= 30), 0) AS cooc,
               coalesce(sum(c.sign) FILTER (WHERE c.is_fix), 0) AS fixes
          FROM changes c GROUP BY c.file_path
        HAVING sum(c.sign) <> 0 OR sum(c.sign) FILTER (WHERE c.commit_files <= 30) <> 0
            OR sum(c.sign) FILTER (WHERE c.is_fix) <> 0
    ),
    updated AS (
        UPDATE patterns.file_change_counts t
           SET changes = t.changes + d.changes, cooc_changes = t.cooc_changes + d.cooc, fix_changes = t.fix_changes + d.fixes
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path
    )
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, d.file_path, d.changes, d.cooc, d.fixes FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.file_path = d.file_path);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT a.file_path COLLATE "C" AS file_1, b.file_path COLLATE "C" AS file_2, sum(a.sign) AS n
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND b.sign = a.sign AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
         WHERE a.commit_files <= 30
         GROUP BY 1, 2
        HAVING sum(a.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_pair_counts t SET cochanges = t.cochanges + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path_1 = d.file_1 AND t.file_path_2 = d.file_2
    )
    INSERT INTO patterns.file_pair_counts (project_id, file_path_1, file_path_2, cochanges)
    SELECT p_project_id, d.file_1, d.file_2, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_pair_counts t
                        WHERE t.project_id = p_project_id AND t.file_path_1 = d.file_1 AND t.file_path_2 = d.file_2);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, c.author_key, sum(c.sign) AS n FROM changes c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_author_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key
    )
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, d.file_path, d.author_key, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_author_counts t
                        WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (SELECT c.change_size, sum(c.sign) AS n FROM changes c GROUP BY 1 HAVING sum(c.sign) <> 0),
    updated AS (
        UPDATE patterns.change_size_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.change_size = d.change_size
    )
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, d.change_size, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.change_size_counts t
                        WHERE t.project_id = p_project_id AND t.change_size = d.change_size);

    -- Commits: a lineage change re-counts a commit as it was, so these nets are often zero.
    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, sum(c.sign) AS commits, sum(c.sign * c.files) AS files, sum(c.sign * c.change_size) AS lines
          FROM commits c GROUP BY 1
        HAVING sum(c.sign) <> 0 OR sum(c.sign * c.files) <> 0 OR sum(c.sign * c.change_size) <> 0
    ),
    updated AS (
        UPDATE patterns.author_commit_counts t
           SET commits = t.commits + d.commits, files = t.files + d.files, lines = t.lines + d.lines
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key
    )
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, d.author_key, d.commits, d.files, d.lines FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_commit_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, patterns.iso_week_start(c.authored_at) AS week, sum(c.sign) AS n
          FROM commits c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.author_week_counts t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week
    )
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, d.author_key, d.week, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_week_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT b.pattern_type, b.bin, sum(c.sign) AS n
          FROM commits c
         CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
         GROUP BY 1, 2
        HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.commit_time_bins t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin
    )
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, d.pattern_type, d.bin, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.commit_time_bins t
                        WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin);

    IF p_old_changes IS NOT NULL THEN
        DELETE FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.file_pair_counts t WHERE t.project_id = p_project_id AND t.cochanges = 0
           AND t.file_path_1 IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.file_author_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_old_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.author_week_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;
END
$$;
COMMENT ON FUNCTION patterns.live_count(bigint, patterns.live_commits[], patterns.live_changes[], patterns.live_commits[], patterns.live_changes[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted.';

CREATE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[])
RETURNS TABLE (files text[], authors text[], commits integer)
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
     * Returns the files and authors whose counts moved and the commits added (negative
     * when removed). One writer of a project's live state at a time. A project being
     * deleted has nothing to keep (its live rows go with it).
     */
    files := '{}';
    authors := '{}';
    commits := 0;
    IF NOT EXISTS (SELECT FROM core.projects p WHERE p.project_id = p_project_id) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
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

    WITH
    new_changes AS (
        INSERT INTO patterns.live_changes
        SELECT * FROM patterns.live_changes_of(p_project_id, p_commit_ids)
        RETURNING *
    ),
    new_commits AS (
        INSERT INTO patterns.live_commits
        SELECT * FROM patterns.live_commits_of(p_project_id, p_commit_ids)
        RETURNING *
    )
    SELECT (SELECT array_agg(n::patterns.live_changes) FROM new_changes n),
           (SELECT array_agg(n::patterns.live_commits) FROM new_commits n)
      INTO v_new_changes, v_new_commits;
    IF v_old_commits IS NULL AND v_new_commits IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION patterns.live_refresh(bigint, bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';

CREATE FUNCTION patterns.live_rebuild(p_project_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_commits bigint;
    v_ids     bigint[];
BEGIN
    /*
     * The whole live state of a project, recomputed from its history in set-based passes:
     * what a bulk ingest (a first ingest of a long history) uses instead of counting
     * commit by commit. Returns the commits of T.
     */
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
    DELETE FROM patterns.live_changes l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.live_commits l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_change_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_pair_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_author_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_commit_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.change_size_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.commit_time_bins l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_week_counts l WHERE l.project_id = p_project_id;

    v_ids := ARRAY(SELECT c.commit_id FROM git.commits c WHERE c.project_id = p_project_id);
    INSERT INTO patterns.live_changes SELECT * FROM patterns.live_changes_of(p_project_id, v_ids);
    INSERT INTO patterns.live_commits SELECT * FROM patterns.live_commits_of(p_project_id, v_ids);
    GET DIAGNOSTICS v_commits = ROW_COUNT;
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, l.file_path, count(*), count(*) FILTER (WHERE l.commit_files <= 30), count(*) FILTER (WHERE l.is_fix)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path;
    INSERT INTO patterns.file_pair_counts (project_id, file_path_1, file_path_2, cochanges)
    SELECT p_project_id, a.file_path, b.file_path, count(*)
      FROM patterns.live_changes a
      JOIN patterns.live_changes b ON b.project_id = a.project_id AND b.commit_id = a.commit_id
                                  AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
     WHERE a.project_id = p_project_id AND a.commit_files <= 30
     GROUP BY a.file_path, b.file_path;
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, l.file_path, l.author_key, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path, l.author_key;
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, l.change_size, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.change_size;
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, c.author_key, count(*), sum(c.files), sum(c.change_size)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY c.author_key;
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, count(*)
      FROM patterns.live_commits c
     CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
     WHERE c.project_id = p_project_id
     GROUP BY b.pattern_type, b.bin;
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, c.author_key, patterns.iso_week_start(c.authored_at), count(*)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY 2, 3;
    -- The update that follows in this transaction plans on these statistics: without them it
    -- would take the tables for as empty as they were (minutes instead of seconds at 10K commits).
    ANALYZE patterns.live_commits, patterns.live_changes, patterns.file_change_counts, patterns.file_pair_counts,
            patterns.file_author_counts, patterns.author_commit_counts, patterns.author_week_counts,
            patterns.change_size_counts;
    RETURN v_commits;
END
$$;
COMMENT ON FUNCTION patterns.live_rebuild(bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Serialised per project with patterns.live_refresh().';
