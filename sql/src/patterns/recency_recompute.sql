CREATE OR REPLACE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency rows of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (their place in time order,
     * patterns.live_commits.ordinal), stamped with their number n(q).
     */
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.file_id = ANY (v_file_ids));
    DELETE FROM patterns.pair_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.query_file_id = ANY (v_file_ids));
    WITH
    aged AS (
        SELECT l.file_id, l.commit_id, c.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_id))::integer AS n
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND c.files <= 30
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
        WINDOW w AS (PARTITION BY l.file_id ORDER BY l.ordinal DESC)
    ),
    keyed AS (
        SELECT g.file_id, a.author_id, g.commit_id, g.age, g.n
          FROM aged g
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, weight, file_id, author_id, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, k.author_id, max(k.n)
          FROM keyed k
         GROUP BY k.file_id, k.author_id
    )
    INSERT INTO patterns.pair_author_recency (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
    SELECT p_project_id, sum(patterns.recency_decay(k.age) ORDER BY k.age), k.file_id, l.file_id, k.author_id, count(*), max(k.n)
      FROM keyed k
      JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = k.commit_id AND l.file_id <> k.file_id
     GROUP BY k.file_id, l.file_id, k.author_id
     ORDER BY k.file_id, l.file_id, k.author_id;
END
$function$;
COMMENT ON FUNCTION patterns.recency_recompute(bigint,text[]) IS 'Recomputes the decayed sums of patterns.file_author_recency and pair_author_recency for these query files of a project (NULL: all) from patterns.live_changes.';
GRANT EXECUTE ON FUNCTION patterns.recency_recompute(bigint,text[]) TO pgpattern_writer;
