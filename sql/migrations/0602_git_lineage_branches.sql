-- File lineage on branchy histories (spec/change-patterns.md, Inputs, as of December 2026):
-- only renames move history. A change of path p at commit t belongs to the file that p
-- becomes through every rename after t, in commit order (committed time, then parents
-- before children, then sha; "after" is strict); an add, a delete, a copy to p or a rename
-- into p neither starts nor ends a file by itself. So two branches that each add p, and p
-- deleted and added again, are one file, as `git log -- p` shows them, and a delete walks
-- on with its path. 0102 ended a file at a delete or an add: its changes before the second
-- add of a path were a file of their own.
--
-- Ingest refreshes the lineage of its new commits only (git.refresh_lineage(project,
-- commits)), in proportion to what they touch; git.refresh_lineage(project) recomputes the
-- whole project. This migration recomputes every project: the triggers on git.file_changes
-- re-key the live state of the changes it moves.

CREATE TABLE git.lineage_marks (
    project_id        bigint PRIMARY KEY REFERENCES core.projects (project_id) ON DELETE CASCADE,
    through_commit_id bigint NOT NULL,
    refreshed_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE git.lineage_marks IS 'Per project, how far git.finish_ingest brought the lineage: every commit up to through_commit_id has its latest_path; the next ingest refreshes the commits stored after it.';
COMMENT ON COLUMN git.lineage_marks.through_commit_id IS 'The largest commit_id of the project when its lineage was last refreshed by an ingest.';
COMMENT ON COLUMN git.lineage_marks.refreshed_at IS 'When that ingest refreshed the lineage.';

CREATE INDEX file_changes_renames_into_idx ON git.file_changes (project_id, path) WHERE status = 'R';
COMMENT ON INDEX git.file_changes_renames_into_idx IS 'The renames of a project, by the path they lead to (incremental lineage: which renames land on a path).';

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- The recursive statement looks enormous to the planner: JIT compilation would cost more than
-- the work (measured on a 54,660-commit history: 7.9 s of 11.5 s).
SET jit = off
AS $$
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
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    renames AS MATERIALIZED (
        SELECT row_number() OVER () AS id, fc.old_path AS source, fc.path AS target, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    queries AS (
        -- The changes made at a path some rename leaves.
        SELECT fc.commit_id, fc.change_no, NULL::bigint AS rename_id, fc.path, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND EXISTS (SELECT FROM renames r WHERE r.source = fc.path)
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
        SELECT DISTINCT ON (c.start_id) c.start_id, r.target AS latest_path
          FROM chain c JOIN renames r ON r.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nr.commit_id, nr.change_no, coalesce(d.latest_path, nr.path) AS latest_path
          FROM next_rename nr
          LEFT JOIN destination d ON d.start_id = nr.next_id
         WHERE nr.rename_id IS NULL
        UNION ALL
        -- Changes that no rename reaches (any more) are their own path's.
        SELECT fc.commit_id, fc.change_no, fc.path
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id
           AND fc.latest_path <> fc.path
           AND NOT EXISTS (SELECT FROM renames r WHERE r.source = fc.path)
    )
    UPDATE git.file_changes fc
       SET latest_path = r.latest_path
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.latest_path IS DISTINCT FROM r.latest_path;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;
COMMENT ON FUNCTION git.refresh_lineage(bigint) IS 'Recomputes git.file_changes.latest_path of a whole project from its renames (see spec/change-patterns.md, Inputs: only renames move history); returns the number of rows it changed. Idempotent; a first ingest and a bulk one use it, later ingests git.refresh_lineage(project, commits).';

CREATE FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[])
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- No JIT (see above), and a plan for each call's own commits: a cached generic plan made for
-- a few commits took 27 s for 5,000 (2.3 s with its own plan).
SET jit = off
SET plan_cache_mode = force_custom_plan
AS $$
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
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    news AS MATERIALIZED (
        SELECT c.commit_id, c.committed_at, c.generation, c.sha
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids)
    ),
    spans (path, lo_at, lo_generation, lo_sha, hi_at, hi_generation, hi_sha) AS (
        SELECT r.old_path, prev.committed_at, prev.generation, prev.sha, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.file_changes r ON r.project_id = p_project_id AND r.commit_id = n.commit_id AND r.status = 'R'
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.file_changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path = r.old_path
                   AND (pc.committed_at, pc.generation, pc.sha) < (n.committed_at, n.generation, n.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
        UNION
        SELECT y.old_path, prev.committed_at, prev.generation, prev.sha, yc.committed_at, yc.generation, yc.sha
          FROM spans s
          JOIN git.file_changes y ON y.project_id = p_project_id AND y.path = s.path AND y.status = 'R'
          JOIN git.commits yc ON yc.project_id = y.project_id AND yc.commit_id = y.commit_id
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.file_changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path = y.old_path
                   AND (pc.committed_at, pc.generation, pc.sha) < (yc.committed_at, yc.generation, yc.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
         WHERE (s.lo_at IS NULL
                OR (yc.committed_at, yc.generation, yc.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (yc.committed_at, yc.generation, yc.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    affected AS (
        SELECT fc.commit_id, fc.change_no, fc.path, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.file_changes fc ON fc.project_id = p_project_id AND fc.commit_id = n.commit_id
        UNION
        SELECT fc.commit_id, fc.change_no, fc.path, c.committed_at, c.generation, c.sha
          FROM spans s
          JOIN git.file_changes fc ON fc.project_id = p_project_id AND fc.path = s.path
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
                  FROM git.file_changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path = a.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (a.committed_at, a.generation, a.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx ON true
    ),
    walk (rename_commit, rename_change, path, at, generation, sha, depth) AS (
        SELECT f.rename_commit, f.rename_change, r.path, c.committed_at, c.generation, c.sha, 0
          FROM (SELECT DISTINCT f.rename_commit, f.rename_change FROM firsts f WHERE f.rename_commit IS NOT NULL) f
          JOIN git.file_changes r ON r.project_id = p_project_id AND r.commit_id = f.rename_commit
                                 AND r.change_no = f.rename_change
          JOIN git.commits c ON c.project_id = r.project_id AND c.commit_id = r.commit_id
        UNION ALL
        SELECT w.rename_commit, w.rename_change, nx.path, nx.committed_at, nx.generation, nx.sha, w.depth + 1
          FROM walk w
          CROSS JOIN LATERAL (
                SELECT x.path, xc.committed_at, xc.generation, xc.sha
                  FROM git.file_changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path = w.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (w.at, w.generation, w.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx
    ),
    destination AS (
        SELECT DISTINCT ON (w.rename_commit, w.rename_change) w.rename_commit, w.rename_change, w.path AS latest_path
          FROM walk w
         ORDER BY w.rename_commit, w.rename_change, w.depth DESC
    ),
    resolved AS (
        SELECT f.commit_id, f.change_no, coalesce(d.latest_path, f.path) AS latest_path
          FROM firsts f
          LEFT JOIN destination d ON d.rename_commit = f.rename_commit AND d.rename_change = f.rename_change
    )
    UPDATE git.file_changes fc
       SET latest_path = r.latest_path
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.latest_path IS DISTINCT FROM r.latest_path;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;
COMMENT ON FUNCTION git.refresh_lineage(bigint, bigint[]) IS 'Brings git.file_changes.latest_path up to date after the given commits were stored (the rest of the project as the previous refresh left it): their changes, and the earlier changes whose file one of their renames moves; returns the number of rows it changed. The work follows what the commits touch, not the length of the history; the result is that of git.refresh_lineage(project).';

CREATE OR REPLACE FUNCTION git.finish_ingest(
      p_project_id bigint
    , p_ref text
    , p_tip text
    , p_new_commits bigint DEFAULT 0)
RETURNS TABLE (stored_commits bigint, lineage_rows_changed bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_commits bigint;
    v_lineage bigint;
    v_mark    bigint;
    v_last    bigint;
    v_pending bigint[];
BEGIN
    -- Brings lineage up to date and records where this ingest of p_ref ended.
    IF NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = p_project_id AND c.sha = p_tip) THEN
        RAISE EXCEPTION 'tip % of % was not ingested for project %', p_tip, p_ref, p_project_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'finish_ingest is called after the tip and its history are stored';
    END IF;
    SELECT count(*) INTO v_commits FROM git.commits c WHERE c.project_id = p_project_id;
    -- The commits stored since the last ingest's lineage (an interrupted ingest's too):
    -- refreshed on their own, or the whole project when there is no mark or they are many.
    SELECT m.through_commit_id INTO v_mark FROM git.lineage_marks m WHERE m.project_id = p_project_id;
    SELECT max(c.commit_id) INTO v_last FROM git.commits c WHERE c.project_id = p_project_id;
    v_pending := ARRAY(SELECT c.commit_id FROM git.commits c
                        WHERE c.project_id = p_project_id AND c.commit_id > coalesce(v_mark, 0)
                        ORDER BY c.commit_id);
    IF v_mark IS NULL OR cardinality(v_pending) * 10 >= v_commits THEN
        v_lineage := git.refresh_lineage(p_project_id);
    ELSE
        v_lineage := git.refresh_lineage(p_project_id, v_pending);
    END IF;
    INSERT INTO git.lineage_marks AS m (project_id, through_commit_id)
    VALUES (p_project_id, v_last)
    ON CONFLICT ON CONSTRAINT lineage_marks_pkey DO UPDATE
        SET through_commit_id = excluded.through_commit_id, refreshed_at = now();
    -- After a large ingest, fresh statistics make discovery plan well at once (autovacuum
    -- would catch up, but only after the first discovery ran on stale estimates).
    IF p_new_commits >= 1000 OR p_new_commits * 10 >= v_commits THEN
        ANALYZE git.commits;
        ANALYZE git.file_changes;
    END IF;
    INSERT INTO git.ingested_refs AS r (project_id, ref_name, tip_sha, commits)
    VALUES (p_project_id, p_ref, p_tip, v_commits)
    ON CONFLICT ON CONSTRAINT ingested_refs_pkey DO UPDATE
        SET tip_sha = excluded.tip_sha, commits = excluded.commits, ingested_at = now();
    RETURN QUERY SELECT v_commits, v_lineage;
END
$$;
COMMENT ON FUNCTION git.finish_ingest(bigint, text, text, bigint) IS 'Ends an ingest: refreshes the lineage of the commits stored since the last ingest (git.lineage_marks; the whole project on a first ingest or when they are a tenth of it or more), records the ref''s tip and, after a large ingest (p_new_commits at least 1000 or a tenth of the history), analyzes the history tables; returns the project''s commit count and the lineage rows changed.';

-- Every project's lineage by the corrected reading; the triggers re-key the live state.
SELECT git.refresh_lineage(p.project_id) FROM core.projects p ORDER BY p.project_id;
INSERT INTO git.lineage_marks (project_id, through_commit_id)
SELECT c.project_id, max(c.commit_id) FROM git.commits c GROUP BY c.project_id;
