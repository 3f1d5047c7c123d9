-- Back to 0102's lineage (a delete or an add ends a file) and 0103's ingest end, and every
-- project's lineage recomputed by it (the triggers re-key the live state).
DROP FUNCTION git.refresh_lineage(bigint, bigint[]);
DROP INDEX git.file_changes_renames_into_idx;
DROP TABLE git.lineage_marks;

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_changed bigint;
    v_reset   bigint;
BEGIN
    /*
     * Only paths a rename moved a file away from can map elsewhere; every other change
     * keeps its own path. For those, each change looks for the next lineage boundary on
     * its path strictly after its commit: a rename away (follow it to the target, from
     * that commit on), a delete or a new file at the path (the chain ends: the path is
     * the file's latest). Boundaries of one commit are ordered away/delete before add.
     */
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    events AS MATERIALIZED (
        SELECT fc.commit_id, fc.change_no, fc.status, fc.path, fc.old_path, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND fc.path IN (SELECT r.old_path FROM git.file_changes r
                            WHERE r.project_id = p_project_id AND r.status = 'R'
                            UNION
                           SELECT r.path FROM git.file_changes r
                            WHERE r.project_id = p_project_id AND r.status = 'R')
        UNION ALL
        -- The rename rows once more, seen from the path they leave.
        SELECT fc.commit_id, fc.change_no, 'away', fc.old_path, fc.path, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    boundaries AS MATERIALIZED (
        SELECT row_number() OVER () AS id, e.path, e.pos,
               CASE WHEN e.status IN ('away', 'D') THEN 0 ELSE 1 END AS sub,
               e.status = 'away' AS away,
               CASE WHEN e.status = 'away' THEN e.old_path END AS target
          FROM events e
         WHERE e.status IN ('away', 'D', 'A', 'C', 'R')
    ),
    queries AS (
        -- Changes whose file may lie further along a rename chain (deletes end theirs).
        SELECT e.commit_id, e.change_no, NULL::bigint AS away_id, e.path, e.pos
          FROM events e
         WHERE e.status NOT IN ('away', 'D')
           AND e.path IN (SELECT b.path FROM boundaries b WHERE b.away)
        UNION ALL
        -- Each rename, looking for what comes after it on its target path.
        SELECT NULL, NULL, b.id, b.target, b.pos FROM boundaries b WHERE b.away
    ),
    nexts AS (
        -- Walking each path backwards, the smallest boundary seen so far is the next one.
        SELECT x.*
          FROM (SELECT u.is_query, u.commit_id, u.change_no, u.away_id, u.path,
                       min(u.boundary_key) FILTER (WHERE NOT u.is_query) OVER (
                           PARTITION BY u.path ORDER BY u.pos DESC, u.is_query DESC, u.sub DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_key
                  FROM (SELECT false AS is_query, NULL::bigint AS commit_id, NULL::integer AS change_no,
                               NULL::bigint AS away_id, b.path, b.pos, b.sub, b.pos * 2 + b.sub AS boundary_key
                          FROM boundaries b
                        UNION ALL
                        SELECT true, q.commit_id, q.change_no, q.away_id, q.path, q.pos, 2, NULL
                          FROM queries q) u) x
         WHERE x.is_query
    ),
    next_boundary AS (
        SELECT DISTINCT ON (n.commit_id, n.change_no, n.away_id)
               n.commit_id, n.change_no, n.away_id, n.path, b.id AS next_id, coalesce(b.away, false) AS next_away
          FROM nexts n
          LEFT JOIN boundaries b ON b.path = n.path AND b.pos * 2 + b.sub = n.next_key
         ORDER BY n.commit_id, n.change_no, n.away_id, b.away DESC
    ),
    chain AS (
        SELECT b.id AS start_id, b.id AS current_id, 0 AS depth
          FROM boundaries b WHERE b.away
        UNION ALL
        SELECT c.start_id, nb.next_id, c.depth + 1
          FROM chain c
          JOIN next_boundary nb ON nb.away_id = c.current_id
         WHERE nb.next_away
    ),
    away_latest AS (
        SELECT DISTINCT ON (c.start_id) c.start_id, b.target AS latest_path
          FROM chain c JOIN boundaries b ON b.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nb.commit_id, nb.change_no,
               CASE WHEN nb.next_away THEN a.latest_path ELSE nb.path END AS latest_path
          FROM next_boundary nb
          LEFT JOIN away_latest a ON a.start_id = nb.next_id
         WHERE nb.away_id IS NULL
    )
    UPDATE git.file_changes fc
       SET latest_path = r.latest_path
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.latest_path IS DISTINCT FROM r.latest_path;
    GET DIAGNOSTICS v_changed = ROW_COUNT;

    -- Changes that no rename chain reaches (any more) are their own path's.
    UPDATE git.file_changes fc
       SET latest_path = fc.path
     WHERE fc.project_id = p_project_id
       AND fc.latest_path <> fc.path
       AND (fc.status = 'D'
            OR NOT EXISTS (SELECT FROM git.file_changes r
                            WHERE r.project_id = p_project_id AND r.status = 'R' AND r.old_path = fc.path));
    GET DIAGNOSTICS v_reset = ROW_COUNT;
    RETURN v_changed + v_reset;
END
$$;
COMMENT ON FUNCTION git.refresh_lineage(bigint) IS 'Recomputes git.file_changes.latest_path of a project from its renames (see spec/change-patterns.md, Inputs); returns the number of rows it changed. Ingest calls it; it is idempotent.';

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
BEGIN
    -- Brings lineage up to date and records where this ingest of p_ref ended.
    IF NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = p_project_id AND c.sha = p_tip) THEN
        RAISE EXCEPTION 'tip % of % was not ingested for project %', p_tip, p_ref, p_project_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'finish_ingest is called after the tip and its history are stored';
    END IF;
    v_lineage := git.refresh_lineage(p_project_id);
    SELECT count(*) INTO v_commits FROM git.commits c WHERE c.project_id = p_project_id;
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
COMMENT ON FUNCTION git.finish_ingest(bigint, text, text, bigint) IS 'Ends an ingest: refreshes file lineage, records the ref''s tip and, after a large ingest (p_new_commits at least 1000 or a tenth of the history), analyzes the history tables; returns the project''s commit count and the lineage rows changed.';

SELECT git.refresh_lineage(p.project_id) FROM core.projects p ORDER BY p.project_id;
