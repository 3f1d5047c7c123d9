CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
AS $function$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * The whole project at once. Only changes at a path some rename leaves can belong to
     * another path: each looks for the first rename away from its path strictly after its
     * commit (walking each path backwards, the earliest rename seen so far is the next),
     * and each rename likewise from its new path on, which chains renames to the file's
     * latest path. Every other change is its own path's.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    PERFORM pg_advisory_xact_lock(core.lock_class('lineage'), p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    renames AS MATERIALIZED (
        SELECT row_number() OVER () AS id, fc.old_path_id AS source, fc.path_id AS target, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    queries AS (
        -- The changes made at a path some rename leaves.
        SELECT fc.commit_id, fc.change_no, NULL::bigint AS rename_id, fc.path_id AS path, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
        UNION ALL
        -- Each rename, looking on from its new path.
        SELECT NULL, NULL, r.id, r.target, r.pos
          FROM renames r
         WHERE EXISTS (SELECT FROM renames a WHERE a.source = r.target)
    ),
    nexts AS (
        -- At one commit the queries come first: a rename is only next when strictly after.
        SELECT x.commit_id, x.change_no, x.rename_id, x.path, x.next_pos
          FROM (SELECT u.is_query, u.commit_id, u.change_no, u.rename_id, u.path,
                       min(u.pos) FILTER (WHERE NOT u.is_query) OVER (
                           PARTITION BY u.path ORDER BY u.pos DESC, u.is_query DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_pos
                  FROM (SELECT false AS is_query, NULL::bigint AS commit_id, NULL::integer AS change_no,
                               NULL::bigint AS rename_id, r.source AS path, r.pos
                          FROM renames r
                        UNION ALL
                        SELECT true, q.commit_id, q.change_no, q.rename_id, q.path, q.pos
                          FROM queries q) u) x
         WHERE x.is_query
    ),
    next_rename AS (
        SELECT DISTINCT ON (n.commit_id, n.change_no, n.rename_id)
               n.commit_id, n.change_no, n.rename_id, n.path, r.id AS next_id
          FROM nexts n
          LEFT JOIN renames r ON r.source = n.path AND r.pos = n.next_pos
         ORDER BY n.commit_id, n.change_no, n.rename_id, r.id
    ),
    chain AS (
        SELECT r.id AS start_id, r.id AS current_id, 0 AS depth
          FROM renames r
        UNION ALL
        SELECT c.start_id, nr.next_id, c.depth + 1
          FROM chain c
          JOIN next_rename nr ON nr.rename_id = c.current_id
         WHERE nr.next_id IS NOT NULL
    ),
    destination AS (
        SELECT DISTINCT ON (c.start_id) c.start_id, r.target AS file_id
          FROM chain c JOIN renames r ON r.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nr.commit_id, nr.change_no, coalesce(d.file_id, nr.path) AS file_id
          FROM next_rename nr
          LEFT JOIN destination d ON d.start_id = nr.next_id
         WHERE nr.rename_id IS NULL
        UNION ALL
        -- Changes that no rename reaches (any more) are their own path's.
        SELECT fc.commit_id, fc.change_no, fc.path_id
          FROM git.changes fc
         WHERE fc.project_id = p_project_id
           AND fc.file_id <> fc.path_id
           AND NOT EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$function$;
COMMENT ON FUNCTION git.refresh_lineage(bigint) IS 'Recomputes git.changes.file_id (the latest path, git.file_changes.latest_path) of a whole project from its renames (see docs/spec/change-patterns.md, Inputs: only renames move history); returns the number of rows it changed. Idempotent; a first ingest and a bulk one use it, later ingests git.refresh_lineage(project, commits).';
GRANT EXECUTE ON FUNCTION git.refresh_lineage(bigint) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[])
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * After new commits were stored: their changes get their latest paths, and so do the
     * earlier changes whose file one of their renames moves; nothing else can change, since
     * only renames move history. The other commits' lineage must be that of the history
     * without these commits (as the previous refresh left it); naming commits that were
     * refreshed already costs time, not correctness.
     *
     * A new rename of p at position t takes over every walk that reaches p in [s, t), s the
     * previous rename away from p (or the start): the changes of p in that span, and the
     * renames into p landing in it, with the span of their own old path before them, and so
     * on backwards. Then each change to recompute looks up the first rename away from its
     * path after its commit, which is followed to the end of its chain.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    IF p_commit_ids IS NULL OR cardinality(p_commit_ids) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(core.lock_class('lineage'), p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    news AS MATERIALIZED (
        SELECT c.commit_id, c.committed_at, c.generation, c.sha
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids)
    ),
    spans (path, lo_at, lo_generation, lo_sha, hi_at, hi_generation, hi_sha) AS (
        SELECT r.old_path_id, prev.committed_at, prev.generation, prev.sha, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = n.commit_id AND r.status = 'R'
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = r.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (n.committed_at, n.generation, n.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
        UNION
        SELECT y.old_path_id, prev.committed_at, prev.generation, prev.sha, yc.committed_at, yc.generation, yc.sha
          FROM spans s
          JOIN git.changes y ON y.project_id = p_project_id AND y.path_id = s.path AND y.status = 'R'
          JOIN git.commits yc ON yc.project_id = y.project_id AND yc.commit_id = y.commit_id
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = y.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (yc.committed_at, yc.generation, yc.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
         WHERE (s.lo_at IS NULL
                OR (yc.committed_at, yc.generation, yc.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (yc.committed_at, yc.generation, yc.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    affected AS (
        SELECT fc.commit_id, fc.change_no, fc.path_id AS path, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.commit_id = n.commit_id
        UNION
        SELECT fc.commit_id, fc.change_no, fc.path_id, c.committed_at, c.generation, c.sha
          FROM spans s
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.path_id = s.path
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE (s.lo_at IS NULL OR (c.committed_at, c.generation, c.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (c.committed_at, c.generation, c.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    firsts AS MATERIALIZED (
        -- The first rename away from the change's path after its commit, if any.
        SELECT a.commit_id, a.change_no, a.path, nx.commit_id AS rename_commit, nx.change_no AS rename_change
          FROM affected a
          LEFT JOIN LATERAL (
                SELECT x.commit_id, x.change_no
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = a.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (a.committed_at, a.generation, a.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx ON true
    ),
    walk (rename_commit, rename_change, path, at, generation, sha, depth) AS (
        SELECT f.rename_commit, f.rename_change, r.path_id, c.committed_at, c.generation, c.sha, 0
          FROM (SELECT DISTINCT f.rename_commit, f.rename_change FROM firsts f WHERE f.rename_commit IS NOT NULL) f
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = f.rename_commit
                                 AND r.change_no = f.rename_change
          JOIN git.commits c ON c.project_id = r.project_id AND c.commit_id = r.commit_id
        UNION ALL
        SELECT w.rename_commit, w.rename_change, nx.path, nx.committed_at, nx.generation, nx.sha, w.depth + 1
          FROM walk w
          CROSS JOIN LATERAL (
                SELECT x.path_id AS path, xc.committed_at, xc.generation, xc.sha
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = w.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (w.at, w.generation, w.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx
    ),
    destination AS (
        SELECT DISTINCT ON (w.rename_commit, w.rename_change) w.rename_commit, w.rename_change, w.path AS file_id
          FROM walk w
         ORDER BY w.rename_commit, w.rename_change, w.depth DESC
    ),
    resolved AS (
        SELECT f.commit_id, f.change_no, coalesce(d.file_id, f.path) AS file_id
          FROM firsts f
          LEFT JOIN destination d ON d.rename_commit = f.rename_commit AND d.rename_change = f.rename_change
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$function$;
COMMENT ON FUNCTION git.refresh_lineage(bigint,bigint[]) IS 'Brings git.changes.file_id (the latest path) up to date after the given commits were stored (the rest of the project as the previous refresh left it): their changes, and the earlier changes whose file one of their renames moves; returns the number of rows it changed. The work follows what the commits touch, not the length of the history; the result is that of git.refresh_lineage(project).';
GRANT EXECUTE ON FUNCTION git.refresh_lineage(bigint,bigint[]) TO pgpattern_writer;
