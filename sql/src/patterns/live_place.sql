CREATE OR REPLACE FUNCTION patterns.live_place(p_project_id bigint, p_commit_ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_first record;
    v_base  integer;
BEGIN
    /*
     * Numbers the commits among these that have no place yet (ordinal 0) in T's time
     * order. Commits arrive mostly newest: then they are numbered on after the newest.
     * One that lands before others is numbered among them, and the commits after it are
     * numbered on (with their counted changes), so the numbers stay in time order; a commit that
     * was counted before keeps its number (patterns.live_refresh passes it on).
     */
    SELECT l.authored_at, l.committed_at, c.generation, l.sha INTO v_first
      FROM patterns.live_commits l
      JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
     WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids) AND l.ordinal = 0
     ORDER BY l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C"
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- The number of the commit just before the first unplaced one (0: none): the newest
    -- of those before it, found from the time index backwards.
    SELECT l.ordinal INTO v_base
      FROM patterns.live_commits l
      JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
     WHERE l.project_id = p_project_id AND l.ordinal > 0 AND l.authored_at <= v_first.authored_at
       AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
         < (v_first.authored_at, v_first.committed_at, v_first.generation, v_first.sha COLLATE "C")
     ORDER BY l.authored_at DESC, l.ordinal DESC
     LIMIT 1;
    v_base := coalesce(v_base, 0);
    WITH
    after AS (
        SELECT l.commit_id, l.ordinal,
               v_base + (row_number() OVER (ORDER BY l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C"))::integer
                   AS placed
          FROM patterns.live_commits l
          JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND l.authored_at >= v_first.authored_at
           AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
            >= (v_first.authored_at, v_first.committed_at, v_first.generation, v_first.sha COLLATE "C")
    ),
    moved AS (
        UPDATE patterns.live_commits l SET ordinal = a.placed
          FROM after a
         WHERE l.project_id = p_project_id AND l.commit_id = a.commit_id AND l.ordinal <> a.placed
        RETURNING l.commit_id, l.ordinal
    )
    UPDATE git.changes x SET ordinal = m.ordinal
      FROM moved m
     WHERE x.project_id = p_project_id AND x.commit_id = m.commit_id AND x.ordinal IS NOT NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_place(bigint,bigint[]) IS 'Gives the commits among these that have no place yet in patterns.live_commits (ordinal 0) their place in T''s time order, numbering on the commits after the first of them (and their counted changes in git.changes) when it lands before them.';
GRANT EXECUTE ON FUNCTION patterns.live_place(bigint,bigint[]) TO pgpattern_writer;
