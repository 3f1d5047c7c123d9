-- 0211's live_count and live_rebuild, without the recency rows.
CREATE OR REPLACE FUNCTION patterns.live_count(
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

CREATE OR REPLACE FUNCTION patterns.live_rebuild(p_project_id bigint)
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

DROP FUNCTION patterns.live_recency(bigint, patterns.live_changes[], patterns.live_changes[]);
DROP FUNCTION patterns.recency_recompute(bigint, text[]);
DROP FUNCTION patterns.deleted_refresh(bigint, text[]);
DROP TABLE patterns.deleted_files;
DROP TABLE patterns.pair_author_recency;
DROP TABLE patterns.file_author_recency;
DROP FUNCTION patterns.recency_decay(integer);
