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
     * Moves the recency state from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current, the new
     * commits placed in time order: patterns.live_place). A
     * file's items are (commit, author, partner), the file itself a partner standing for
     * the commit. A file that only gained whole commits, all newer than its others, is
     * appended to: its sums decay to the new n(q) and add the new commits' weights,
     * and its authors' lists of commits get the new ones.
     * Any other file whose items changed (commits or partners gone or re-keyed, a commit
     * authored before its newest, one that now counts with its 30 files or fewer) is
     * recomputed from the change log.
     */
    WITH
    old_changes AS (SELECT o.commit_id, o.file_path, o.author_key FROM unnest(p_old_changes) o WHERE o.commit_files <= patterns.live_max_changeset_size()),
    new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= patterns.live_max_changeset_size()),
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
                   AND c.files <= patterns.live_max_changeset_size()
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
             WHERE n.commit_files <= patterns.live_max_changeset_size()
        ),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= patterns.live_max_changeset_size())
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
            INSERT INTO patterns.file_author_recency AS t (project_id, file_id, author_id, places, commit_ids)
            SELECT p_project_id, a.file_id, a.author_id, array_agg(a.n - a.age ORDER BY a.age DESC),
                   array_agg(a.commit_id ORDER BY a.age DESC)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET places = t.places || excluded.places, commit_ids = t.commit_ids || excluded.commit_ids
        ),
        sums AS (
            SELECT a.file_id AS query_file_id, x.file_id, sum(patterns.recency_decay(a.age) ORDER BY a.age) AS weight,
                   max(a.n) AS stamp, coalesce(bit_or(1 << a.age) FILTER (WHERE a.age < 20), 0) AS recent
              FROM aged a
              JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_id <> a.file_id
             GROUP BY a.file_id, x.file_id
        ),
        pairs AS (
            SELECT least(s.query_file_id, s.file_id) AS file_id_1, greatest(s.query_file_id, s.file_id) AS file_id_2,
                   min(s.weight) FILTER (WHERE s.query_file_id < s.file_id) AS weight_1,
                   min(s.stamp) FILTER (WHERE s.query_file_id < s.file_id) AS stamp_1,
                   min(s.recent) FILTER (WHERE s.query_file_id < s.file_id) AS recent_1,
                   min(s.weight) FILTER (WHERE s.query_file_id > s.file_id) AS weight_2,
                   min(s.stamp) FILTER (WHERE s.query_file_id > s.file_id) AS stamp_2,
                   min(s.recent) FILTER (WHERE s.query_file_id > s.file_id) AS recent_2
              FROM sums s
             GROUP BY 1, 2
        )
        -- A sum decays to the new n(q) and adds the new commits' weights, a window moves to it
        -- and adds the new commits (a pair's first sum: stamp 0, only the new ones).
        UPDATE patterns.file_pair_counts t
           SET weight_1 = CASE WHEN p.stamp_1 IS NULL THEN t.weight_1 WHEN t.stamp_1 = 0 THEN p.weight_1
                               ELSE t.weight_1 * patterns.recency_decay(p.stamp_1 - t.stamp_1) + p.weight_1 END,
               recent_1 = CASE WHEN p.stamp_1 IS NULL THEN t.recent_1 WHEN t.stamp_1 = 0 THEN p.recent_1
                               ELSE patterns.recent_window(t.recent_1, p.stamp_1 - t.stamp_1) | p.recent_1 END,
               stamp_1 = coalesce(p.stamp_1, t.stamp_1),
               weight_2 = CASE WHEN p.stamp_2 IS NULL THEN t.weight_2 WHEN t.stamp_2 = 0 THEN p.weight_2
                               ELSE t.weight_2 * patterns.recency_decay(p.stamp_2 - t.stamp_2) + p.weight_2 END,
               recent_2 = CASE WHEN p.stamp_2 IS NULL THEN t.recent_2 WHEN t.stamp_2 = 0 THEN p.recent_2
                               ELSE patterns.recent_window(t.recent_2, p.stamp_2 - t.stamp_2) | p.recent_2 END,
               stamp_2 = coalesce(p.stamp_2, t.stamp_2)
          FROM pairs p
         WHERE t.project_id = p_project_id AND t.file_id_1 = p.file_id_1 AND t.file_id_2 = p.file_id_2;
    END IF;
    IF cardinality(v_recompute) > 0 THEN
        PERFORM patterns.recency_recompute(p_project_id, v_recompute);
    END IF;
    PERFORM patterns.deleted_refresh(p_project_id, ARRAY(SELECT o.file_path FROM unnest(p_old_changes) o
                                                         UNION SELECT n.file_path FROM unnest(p_new_changes) n));
END
$function$;
COMMENT ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) IS 'Moves the recency state of the `recent` suggestions (the decayed sums and windows of recent commits in patterns.file_pair_counts, patterns.file_author_recency) from the old changes of T to the new ones: appended to for a file whose new commits are its newest, recomputed from the change log otherwise (patterns.recency_recompute); then the deleted files.';
GRANT EXECUTE ON FUNCTION patterns.live_recency(bigint,patterns.live_change[],patterns.live_change[]) TO pgpattern_writer;
