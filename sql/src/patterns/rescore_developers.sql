CREATE OR REPLACE FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_moved       integer;
    v_directories bigint;
BEGIN
    /*
     * The specialization of a run's active developer patterns, which moves with the number
     * of directories the project has: spec section 3 as patterns.update_developers()
     * computes it. Nothing to do when that number is the one the rows were last rescored
     * with (patterns.live_synced.directories): an author's own entropy moves only with its
     * commits, whose update (and the rescore's ripple) computed it with the current number.
     * Returns the rows rewritten.
     */
    v_directories := patterns.live_directories(p_project_id);
    IF v_directories = (SELECT l.directories FROM patterns.live_synced l
                         WHERE l.project_id = p_project_id AND l.discovery_session_id = p_session.id) THEN
        RETURN 0;
    END IF;
    WITH
    entropy AS (
        -- Summed in share order, as patterns.update_developers() sums it (0791).
        SELECT x.author_id, -sum(x.share * ln(x.share) ORDER BY x.share) AS h
          FROM (SELECT fa.author_id,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_id) AS share
                  FROM patterns.file_author_counts fa
                  JOIN git.paths g ON g.project_id = fa.project_id AND g.path_id = fa.file_id
                 WHERE fa.project_id = p_project_id
                 GROUP BY fa.author_id, patterns.parent_directory(g.path)) x
         GROUP BY x.author_id
    ),
    wanted AS (
        SELECT a.author_key, patterns.specialization_score(e.h, v_directories) AS specialization
          FROM entropy e
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_id = e.author_id
    )
    UPDATE patterns.developer_patterns p
       SET specialization_score = w.specialization, updated_at = now()
      FROM wanted w
     WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
       AND p.author_email = w.author_key AND p.specialization_score IS DISTINCT FROM w.specialization;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    UPDATE patterns.live_synced l SET directories = v_directories
     WHERE l.project_id = p_project_id AND l.discovery_session_id = p_session.id;
    RETURN v_moved;
END
$function$;
COMMENT ON FUNCTION patterns.rescore_developers(bigint,patterns.pattern_discovery_sessions) IS 'Rewrites the specialization of a run''s active developer patterns for the project''s current number of directories, unless the rows were last rescored with that number (patterns.live_synced.directories); returns the rows rewritten. The rescore pass of a pattern update.';
GRANT EXECUTE ON FUNCTION patterns.rescore_developers(bigint,patterns.pattern_discovery_sessions) TO pgpattern_writer;
