CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency state of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (their place in time order,
     * patterns.live_commits.ordinal), stamped with their number n(q). Writes the file's
     * rows of patterns.file_author_recency and its direction of its pairs' sums and windows in
     * patterns.file_pair_counts (the pair rows are there: patterns.live_count wrote them).
     */
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.file_id = ANY (v_file_ids));
    WITH
    aged AS (
        SELECT l.file_id, l.commit_id, c.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_id))::integer AS n
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND c.files <= patterns.live_max_changeset_size()
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
        WINDOW w AS (PARTITION BY l.file_id ORDER BY l.ordinal DESC)
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, file_id, author_id, places, commit_ids)
        SELECT p_project_id, g.file_id, a.author_id, array_agg(g.n - g.age ORDER BY g.age DESC),
               array_agg(g.commit_id ORDER BY g.age DESC)
          FROM aged g
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
         GROUP BY g.file_id, a.author_id
    ),
    sums AS (
        SELECT g.file_id AS query_file_id, l.file_id, sum(patterns.recency_decay(g.age) ORDER BY g.age) AS weight,
               max(g.n) AS stamp, coalesce(bit_or(1 << g.age) FILTER (WHERE g.age < 20), 0) AS recent
          FROM aged g
          JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = g.commit_id AND l.file_id <> g.file_id
         GROUP BY g.file_id, l.file_id
    ),
    pairs AS (
        -- Both directions of a pair in one row: an UPDATE writes a row once.
        SELECT least(s.query_file_id, s.file_id) AS file_id_1, greatest(s.query_file_id, s.file_id) AS file_id_2,
               min(s.weight) FILTER (WHERE s.query_file_id < s.file_id) AS weight_1,
               min(s.stamp) FILTER (WHERE s.query_file_id < s.file_id) AS stamp_1,
               min(s.recent) FILTER (WHERE s.query_file_id < s.file_id) AS recent_1,
               min(s.weight) FILTER (WHERE s.query_file_id > s.file_id) AS weight_2,
               min(s.stamp) FILTER (WHERE s.query_file_id > s.file_id) AS stamp_2,
               min(s.recent) FILTER (WHERE s.query_file_id > s.file_id) AS recent_2
          FROM sums s
         GROUP BY 1, 2
    ),
    updated AS (
        -- Some files: their pair rows updated, found by their indexes (else a hot file's
        -- thousands of pairs were matched against a scan of every pair of the project).
        UPDATE patterns.file_pair_counts t
           SET weight_1 = coalesce(p.weight_1, t.weight_1), stamp_1 = coalesce(p.stamp_1, t.stamp_1),
               recent_1 = coalesce(p.recent_1, t.recent_1),
               weight_2 = coalesce(p.weight_2, t.weight_2), stamp_2 = coalesce(p.stamp_2, t.stamp_2),
               recent_2 = coalesce(p.recent_2, t.recent_2)
          FROM pairs p
         WHERE p_files IS NOT NULL AND t.project_id = p_project_id
           AND t.file_id_1 = p.file_id_1 AND t.file_id_2 = p.file_id_2
           AND (t.file_id_1 = ANY (v_file_ids) OR t.file_id_2 = ANY (v_file_ids))
    ),
    gone AS (
        DELETE FROM patterns.file_pair_counts t WHERE p_files IS NULL AND t.project_id = p_project_id
        RETURNING t.file_id_1, t.file_id_2, t.cochanges
    )
    -- Every file: the project's pair rows written again, in key order. (Updated in place,
    -- most rows would move to the end of the table out of order, and reading a file's pairs
    -- would cost a page each: a third slower suggestions for hot files.)
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges, stamp_1, weight_1, weight_2, stamp_2,
                                           recent_1, recent_2)
    SELECT p_project_id, g.file_id_1, g.file_id_2, g.cochanges, coalesce(p.stamp_1, 0), coalesce(p.weight_1, 0),
           coalesce(p.weight_2, 0), coalesce(p.stamp_2, 0), coalesce(p.recent_1, 0), coalesce(p.recent_2, 0)
      FROM gone g
      LEFT JOIN pairs p ON p.file_id_1 = g.file_id_1 AND p.file_id_2 = g.file_id_2
     ORDER BY g.file_id_1, g.file_id_2;
END
$function$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint,text[]) IS 'Recomputes the recency state of these query files of a project (NULL: all) from patterns.live_changes: their rows of patterns.file_author_recency and their direction of the decayed sums and windows of recent commits in patterns.file_pair_counts.';
GRANT EXECUTE ON FUNCTION patterns.recency_recompute(bigint,text[]) TO pgpattern_writer;
