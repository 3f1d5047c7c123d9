CREATE OR REPLACE FUNCTION patterns.live_changed(p_project_id bigint, p_commit_ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_changed record;
BEGIN
    /*
     * What the triggers on git.file_changes do with the commits a statement touched: up to
     * 200 of them (the commits a hook or a pull brings) are counted into the live state at
     * once and their update is queued naming the files and authors they touched; a bulk
     * statement (the batches of a first ingest) only queues its commits, which the next
     * update counts, so that a long history ingests at the speed git reads it. NOTIFY
     * reaches listening workers when the ingest commits.
     */
    IF cardinality(p_commit_ids) > 200 THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high', jsonb_build_object('deferred_commits', to_jsonb(p_commit_ids)));
    ELSE
        SELECT * INTO STRICT v_changed FROM patterns.live_refresh(p_project_id, p_commit_ids);
        IF cardinality(v_changed.files) = 0 AND cardinality(v_changed.authors) = 0 THEN
            RETURN;
        END IF;
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high',
                jsonb_build_object('files', to_jsonb(v_changed.files), 'authors', to_jsonb(v_changed.authors),
                                   'commits', v_changed.commits));
    END IF;
    PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
END
$function$;
COMMENT ON FUNCTION patterns.live_changed(bigint,bigint[]) IS 'Called by the triggers on git.file_changes for the commits a statement touched: counts up to 200 of them into the live state at once and queues their update (files, authors, commits), or queues a bulk statement''s commits for the next update to count (deferred_commits); notifies pgpattern_pattern_updates.';
GRANT EXECUTE ON FUNCTION patterns.live_changed(bigint,bigint[]) TO pgpattern_writer;
