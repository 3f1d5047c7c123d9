CREATE OR REPLACE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_change[], p_new_changes patterns.live_change[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_recompute text[];
    v_append    text[];
BEGIN
    /*
     * Moves the recency rows from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current, the new
     * commits placed in time order: patterns.live_place). A
     * file's items are (commit, author, partner), the file itself a partner standing for
     * the commit. A file that only gained whole commits, all newer than its others, is
     * appended to: its rows decay to the new n(q) and add the new commits' weights.
     * Any other file whose items changed (commits or partners gone or re-keyed, a commit
     * authored before its newest, one that now counts with its 30 files or fewer) is
     * recomputed from the change log.
     */
    WITH
    old_changes AS (SELECT o.commit_id, o.file_path, o.author_key FROM unnest(p_old_changes) o WHERE o.commit_files <= 30),
    new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= 30),
    old_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM old_changes a JOIN old_changes b ON b.commit_id = a.commit_id),
    new_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM new_changes a JOIN new_changes b ON b.commit_id = a.commit_id),
    removed AS (SELECT * FROM old_items EXCEPT SELECT * FROM new_items),
    added AS (SELECT * FROM new_items EXCEPT SELECT * FROM old_items),
    newly AS (SELECT a.file_path, a.commit_id FROM added a WHERE a.partner = a.file_path),
    first_new AS (
        SELECT nw.file_path, g.path_id AS file_id, min(c.ordinal) AS ordinal
          FROM newly nw
          JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = nw.file_path
         GROUP BY nw.file_path, g.path_id
    ),
    recompute AS (
        SELECT r.file_path FROM removed r
        UNION
        SELECT a.file_path FROM added a
         WHERE NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = a.file_path AND nw.commit_id = a.commit_id)
        UNION
        SELECT f.file_path FROM first_new f
         WHERE EXISTS (
                SELECT FROM patterns.live_changes l
                  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = p_project_id AND l.file_id = f.file_id AND l.ordinal > f.ordinal
                   AND c.files <= 30
                   AND NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = f.file_path AND nw.commit_id = l.commit_id))
    )
    SELECT ARRAY(SELECT r.file_path FROM recompute r),
           ARRAY(SELECT DISTINCT nw.file_path FROM newly nw WHERE nw.file_path NOT IN (SELECT r.file_path FROM recompute r))
      INTO v_recompute, v_append;

    IF cardinality(v_append) > 0 THEN
        WITH
        new_changes AS (
            SELECT n.commit_id, n.file_path, g.path_id AS file_id, a.author_id
              FROM unnest(p_new_changes) n
              JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
              JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = n.author_key
             WHERE n.commit_files <= 30
        ),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= 30)
        ),
        aged AS (
            -- The new commits are the file's newest: their ages count from 0 among themselves.
            SELECT nw.file_id, nw.commit_id, nw.author_id, f.cooc_changes AS n,
                   (row_number() OVER (PARTITION BY nw.file_id ORDER BY c.ordinal DESC) - 1)::integer AS age
              FROM newly nw
              JOIN patterns.live_commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
              JOIN patterns.file_change_counts f ON f.project_id = p_project_id AND f.file_path = nw.file_path
        ),
        authors AS (
            INSERT INTO patterns.file_author_recency AS t (project_id, weight, file_id, author_id, stamp)
            SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, a.author_id, max(a.n)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
                   stamp = excluded.stamp
        )
        INSERT INTO patterns.pair_author_recency AS t (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(a.age) ORDER BY a.age), a.file_id, x.file_id, a.author_id, count(*), max(a.n)
          FROM aged a
          JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_id <> a.file_id
         GROUP BY a.file_id, x.file_id, a.author_id
        ON CONFLICT (project_id, query_file_id, file_id, author_id) DO UPDATE
           SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
               changes = t.changes + excluded.changes,
               stamp = excluded.stamp;
    END IF;
    IF cardinality(v_recompute) > 0 THEN
        PERFORM patterns.recency_recompute(p_project_id, v_recompute);
    END IF;
    PERFORM patterns.deleted_refresh(p_project_id, ARRAY(SELECT o.file_path FROM unnest(p_old_changes) o
                                                         UNION SELECT n.file_path FROM unnest(p_new_changes) n));
END
$function$;
COMMENT ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) IS 'Moves a project''s recency rows (file_author_recency, pair_author_recency) from the old changes of T to the new ones: appends commits that are their files'' newest, recomputes the files whose history changed otherwise; refreshes the touched files'' deletion state. Called by patterns.live_count().';
GRANT EXECUTE ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) TO pgpattern_writer;
