-- The database side of `pgpattern ingest`: the client streams commits and file changes
-- into git.commits and git.file_changes with COPY, one transaction per batch, between
-- git.begin_ingest() and git.finish_ingest().
CREATE FUNCTION git.begin_ingest(
      p_project text
    , p_repository text
    , p_ref text)
RETURNS TABLE (project_id bigint, previous_tip text, stored_commits bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Creates the project on first use and says where its last ingest of p_ref ended.
    IF p_project IS NULL OR p_project !~ '\S' OR length(p_project) > 200 OR p_project ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'invalid project name %: use 1 to 200 characters without control characters',
            coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_ref IS NULL OR p_ref !~ '\S' THEN
        RAISE EXCEPTION 'invalid ref %: name a branch, tag, commit or HEAD', coalesce(quote_literal(p_ref), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO core.projects (name, repository_path) VALUES (p_project, p_repository)
    ON CONFLICT (name) DO UPDATE SET repository_path = coalesce(excluded.repository_path, core.projects.repository_path);
    RETURN QUERY
        SELECT p.project_id, r.tip_sha,
               (SELECT count(*) FROM git.commits c WHERE c.project_id = p.project_id)
          FROM core.projects p
          LEFT JOIN git.ingested_refs r ON r.project_id = p.project_id AND r.ref_name = p_ref
         WHERE p.name = p_project;
END
$$;
COMMENT ON FUNCTION git.begin_ingest(text, text, text) IS 'Starts an ingest: creates the project (name, repository path) if needed and returns its id, the tip its last ingest of the ref ended at (NULL on the first) and how many commits it holds.';

CREATE FUNCTION git.forget_history(p_project_id bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- For a full re-ingest: the project's commits, file changes and ingest marks go.
    DELETE FROM git.ingested_refs r WHERE r.project_id = p_project_id;
    DELETE FROM git.commits c WHERE c.project_id = p_project_id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
COMMENT ON FUNCTION git.forget_history(bigint) IS 'Deletes a project''s ingested history (commits, file changes, ingest marks) and returns how many commits went; the project itself stays.';

CREATE FUNCTION git.finish_ingest(
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
