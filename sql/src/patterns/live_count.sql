CREATE OR REPLACE FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_change[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_change[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
        SELECT c.file_path, sum(c.sign) AS changes, coalesce(sum(c.sign) FILTER (WHERE c.commit_files <= patterns.live_max_changeset_size()), 0) AS cooc,
               coalesce(sum(c.sign) FILTER (WHERE c.is_fix), 0) AS fixes
          FROM changes c GROUP BY c.file_path
        HAVING sum(c.sign) <> 0 OR sum(c.sign) FILTER (WHERE c.commit_files <= patterns.live_max_changeset_size()) <> 0
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
    changes AS (
        SELECT c.sign, c.commit_id, g.path_id
          FROM (SELECT -1 AS sign, o.commit_id, o.file_path FROM unnest(p_old_changes) o WHERE o.commit_files <= patterns.live_max_changeset_size()
                UNION ALL
                SELECT 1, n.commit_id, n.file_path FROM unnest(p_new_changes) n WHERE n.commit_files <= patterns.live_max_changeset_size()) c
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path
    ),
    delta AS (
        SELECT a.path_id AS file_1, b.path_id AS file_2, sum(a.sign) AS n
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND b.sign = a.sign AND a.path_id < b.path_id
         GROUP BY 1, 2
        HAVING sum(a.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_pair_counts t SET cochanges = t.cochanges + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2
    )
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, d.file_1, d.file_2, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_pair_counts t
                        WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2);

    -- 0840: files and authors by their numbers (live_refresh interned the new changes' keys).
    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT g.path_id AS file_id, a.author_id, sum(c.sign) AS n
          FROM changes c
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
         GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_author_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_id = d.file_id AND t.author_id = d.author_id
    )
    INSERT INTO patterns.file_author_counts (project_id, file_id, author_id, changes)
    SELECT p_project_id, d.file_id, d.author_id, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_author_counts t
                        WHERE t.project_id = p_project_id AND t.file_id = d.file_id AND t.author_id = d.author_id);

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
    -- 0840: authors by their numbers; a commit of T without changes may bring a new author.
    PERFORM git.intern_keys(p_project_id, NULL, ARRAY(SELECT c.author_key FROM unnest(p_new_commits) c));
    WITH
    commits AS (
        SELECT c.sign, c.files, c.change_size, a.author_id
          FROM (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n) c
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
    ),
    delta AS (
        SELECT c.author_id, sum(c.sign) AS commits, sum(c.sign * c.files) AS files, sum(c.sign * c.change_size) AS lines
          FROM commits c GROUP BY 1
        HAVING sum(c.sign) <> 0 OR sum(c.sign * c.files) <> 0 OR sum(c.sign * c.change_size) <> 0
    ),
    updated AS (
        UPDATE patterns.author_commit_counts t
           SET commits = t.commits + d.commits, files = t.files + d.files, lines = t.lines + d.lines
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_id = d.author_id
    )
    INSERT INTO patterns.author_commit_counts (project_id, author_id, commits, files, lines)
    SELECT p_project_id, d.author_id, d.commits, d.files, d.lines FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_commit_counts t
                        WHERE t.project_id = p_project_id AND t.author_id = d.author_id);

    WITH
    commits AS (
        SELECT c.sign, c.authored_at, a.author_id
          FROM (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n) c
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key
    ),
    delta AS (
        SELECT c.author_id, patterns.iso_week_start(c.authored_at) AS week, sum(c.sign) AS n
          FROM commits c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.author_week_counts t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_id = d.author_id AND t.week = d.week
    )
    INSERT INTO patterns.author_week_counts (project_id, author_id, week, commits)
    SELECT p_project_id, d.author_id, d.week, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_week_counts t
                        WHERE t.project_id = p_project_id AND t.author_id = d.author_id AND t.week = d.week);

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
           AND t.file_id_1 IN (SELECT g.path_id FROM unnest(p_old_changes) c
                                 JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path);
        DELETE FROM patterns.file_author_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_id IN (SELECT g.path_id FROM unnest(p_old_changes) c
                               JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_old_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_id IN (SELECT a.author_id FROM unnest(p_old_commits) c
                                 JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key);
        DELETE FROM patterns.author_week_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_id IN (SELECT a.author_id FROM unnest(p_old_commits) c
                                 JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = c.author_key);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;

    -- 0660: the decayed sums of the `recent` suggestions, read against the counts just written.
    PERFORM patterns.live_recency(p_project_id, p_old_changes, p_new_changes);
END
$function$;
COMMENT ON FUNCTION patterns.live_count(bigint,patterns.live_commits[],patterns.live_change[],patterns.live_commits[],patterns.live_change[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted. Then moves the recency rows of the `recent` suggestions (patterns.live_recency).';
GRANT EXECUTE ON FUNCTION patterns.live_count(bigint,patterns.live_commits[],patterns.live_change[],patterns.live_commits[],patterns.live_change[]) TO pgpattern_writer;
