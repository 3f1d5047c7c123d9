CREATE OR REPLACE FUNCTION git.finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint DEFAULT 0)
 RETURNS TABLE(stored_commits bigint, lineage_rows_changed bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
        ANALYZE git.changes;
    END IF;
    INSERT INTO git.ingested_refs AS r (project_id, ref_name, tip_sha, commits)
    VALUES (p_project_id, p_ref, p_tip, v_commits)
    ON CONFLICT ON CONSTRAINT ingested_refs_pkey DO UPDATE
        SET tip_sha = excluded.tip_sha, commits = excluded.commits, ingested_at = now();
    RETURN QUERY SELECT v_commits, v_lineage;
END
$function$;
COMMENT ON FUNCTION git.finish_ingest(bigint,text,text,bigint) IS 'Ends an ingest: refreshes the lineage of the commits stored since the last ingest (git.lineage_marks; the whole project on a first ingest or when they are a tenth of it or more), records the ref''s tip and, after a large ingest (p_new_commits at least 1000 or a tenth of the history), analyzes the history tables; returns the project''s commit count and the lineage rows changed.';
GRANT EXECUTE ON FUNCTION git.finish_ingest(bigint,text,text,bigint) TO pgpattern_writer;
