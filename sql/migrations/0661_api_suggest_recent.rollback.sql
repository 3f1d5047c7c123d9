DROP FUNCTION api.suggest_cochanges(text, text[], integer, text, text);

-- 0214's version: confidence only.
CREATE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10)
RETURNS TABLE (file_path text, confidence double precision, cochanges integer, query_file text, query_changes integer)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Its plans look expensive (a loop of subqueries) and run in milliseconds: JIT would add a second.
SET jit = off
AS $$
DECLARE
    v_found      integer := 0;
    v_project_id bigint := patterns.project_id(p_project);
    v_row        record;
BEGIN
    /*
     * Spec section 6: over all ingested non-merge commits changing at most 30 files, every
     * file x that changed with some query file q is a candidate, ranked by the best
     * n(q,x) / n(q); ties by n(q,x), then path. Query paths are mapped through lineage
     * (any path a file had); files deleted as of the latest commit are left out. The
     * counts are the live ones (patterns.file_pair_counts, file_change_counts), kept by
     * ingest: a lookup per query file instead of a pass over its history.
     */
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_row IN
        WITH
        queried AS (
            SELECT DISTINCT fc.latest_path
              FROM git.file_changes fc
             WHERE fc.project_id = v_project_id AND fc.path = ANY (p_files)
        ),
        query_counts AS (
            SELECT f.file_path AS query_file, f.cooc_changes AS n
              FROM patterns.file_change_counts f
             WHERE f.project_id = v_project_id AND f.file_path IN (SELECT q.latest_path FROM queried q)
               AND f.cooc_changes > 0
        ),
        pairs AS (
            -- The pair counts' paths are in "C"; the history's indexes are not.
            SELECT qn.query_file, pc.file_path_2 COLLATE "default" AS candidate, pc.cochanges AS n
              FROM query_counts qn
              JOIN patterns.file_pair_counts pc ON pc.project_id = v_project_id AND pc.file_path_1 = qn.query_file
            UNION ALL
            SELECT qn.query_file, pc.file_path_1 COLLATE "default", pc.cochanges
              FROM query_counts qn
              JOIN patterns.file_pair_counts pc ON pc.project_id = v_project_id AND pc.file_path_2 = qn.query_file
        ),
        ranked AS (
            SELECT DISTINCT ON (p.candidate) p.candidate, p.n::double precision / qn.n AS conf, p.n, p.query_file, qn.n AS qn
              FROM pairs p JOIN query_counts qn USING (query_file)
             WHERE p.candidate NOT IN (SELECT q.latest_path FROM queried q)
             ORDER BY p.candidate, p.n::double precision / qn.n DESC, p.n DESC, p.query_file COLLATE "C"
        )
        SELECT r.* FROM ranked r ORDER BY r.conf DESC, r.n DESC, r.candidate COLLATE "C"
    LOOP
        -- Deleted as of the latest commit: its last change is a delete. Checked one candidate
        -- at a time, best first, until k are found: the file's latest delete (a partial index
        -- finds files with one), then whether a change of it came later (the live changes of
        -- the file, ordered as commits are: committed time, generation, sha).
        CONTINUE WHEN EXISTS (
            SELECT FROM (SELECT c.committed_at, c.generation, c.sha
                           FROM git.file_changes d
                           JOIN git.commits c ON c.project_id = d.project_id AND c.commit_id = d.commit_id
                          WHERE d.project_id = v_project_id AND d.latest_path = v_row.candidate AND d.status = 'D'
                          ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC LIMIT 1) last_delete
             WHERE NOT EXISTS (
                    SELECT FROM patterns.live_changes l
                      JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                     WHERE l.project_id = v_project_id AND l.file_path = v_row.candidate
                       AND l.committed_at >= last_delete.committed_at
                       AND (c.committed_at, c.generation, c.sha) > (last_delete.committed_at, last_delete.generation, last_delete.sha)));
        file_path := v_row.candidate;
        confidence := v_row.conf;
        cochanges := v_row.n;
        query_file := v_row.query_file;
        query_changes := v_row.qn;
        RETURN NEXT;
        v_found := v_found + 1;
        EXIT WHEN v_found >= p_k;
    END LOOP;
END
$$;
COMMENT ON FUNCTION api.suggest_cochanges(text, text[], integer) IS 'Given the files someone is changing (any path they had), the k (default 10) other files most likely to need a change too (spec section 6): file_path, confidence n(q,x)/n(q), cochanges n(q,x), the query_file q behind it and its query_changes n(q). Reads the live pair counts (every pair seen at least once), not the stored patterns.';
GRANT EXECUTE ON FUNCTION api.suggest_cochanges(text, text[], integer) TO pgpattern_reader;
