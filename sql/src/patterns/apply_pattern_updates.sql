CREATE OR REPLACE FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[])
 RETURNS TABLE(update_type text, created integer, updated integer, invalidated integer, statements integer)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET work_mem TO '64MB'
AS $function$
DECLARE
    v_algorithms text[];
    v_authors    text[];
    v_counts     integer[] := ARRAY[0, 0, 0];
    v_deferred   bigint[];
    v_files      text[];
    v_full       boolean;
    v_net        integer[] := ARRAY[0, 0, 0, 0];  -- patterns made active less those made inactive, per kind
    v_rescore    boolean;
    v_session    patterns.pattern_discovery_sessions;
    v_step       integer[];
BEGIN
    /*
     * Brings the project's current discovery run (its latest completed one) up to date
     * with the live state, for these queue entries: git_commit entries name the files and
     * authors that changed (or the commits of a bulk statement, counted into the live state
     * here first), and the patterns of those files, their pairs and the committing authors
     * are brought up to date exactly, in time that grows with what the commits touched.
     * What the commits move of every other pattern (the scores that depend on N, the span's
     * end, the percent ranks and the number of directories; the profiles of the other
     * authors of the changed files; the insights) is left to one rescore entry per project,
     * queued at low priority with the files and authors it owes, which runs when no commit
     * is waiting. Any other entry, or a
     * run the live state was not synced with yet, means every pattern is recomputed from
     * the live state (a full refresh). A
     * windowed run is a snapshot and stays as it is; a run with another max_changeset_size
     * than the live counts' 30 is discovered again with its settings.
     */
    statements := 0;
    SELECT bool_or(q.trigger_type NOT IN ('git_commit', 'rescore')), bool_and(q.trigger_type = 'rescore'),
           ARRAY(SELECT DISTINCT f FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'files') f
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'files') = 'array'),
           ARRAY(SELECT DISTINCT a FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'authors') a
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'authors') = 'array'),
           ARRAY(SELECT DISTINCT c::bigint FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'deferred_commits') c
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'deferred_commits') = 'array')
      INTO v_full, v_rescore, v_files, v_authors, v_deferred
      FROM patterns.pattern_update_queue q
     WHERE q.id = ANY (p_entries);
    v_full := coalesce(v_full, false);
    v_rescore := coalesce(v_rescore, false);
    statements := statements + 1;

    -- Commits of bulk statements are counted into the live state first: one by one when
    -- few, else (a tenth of the history or 1000 commits) by rebuilding it whole.
    IF cardinality(v_deferred) >= 1000
       OR cardinality(v_deferred) * 10 >= (SELECT count(*) FROM git.commits c WHERE c.project_id = p_project_id) THEN
        PERFORM patterns.live_rebuild(p_project_id);
        v_full := true;
        statements := statements + 1;
    ELSIF cardinality(v_deferred) > 0 THEN
        SELECT v_files || r.files, v_authors || r.authors INTO v_files, v_authors
          FROM patterns.live_refresh(p_project_id, v_deferred) r;
        statements := statements + 1;
    END IF;

    SELECT s.* INTO v_session
      FROM patterns.pattern_discovery_sessions s
     WHERE s.project_id = p_project_id AND s.status = 'completed'
     ORDER BY s.discovery_timestamp DESC
     LIMIT 1;
    statements := statements + 1;
    IF v_session.id IS NULL
       OR v_session.window_since IS NOT NULL OR v_session.window_until IS NOT NULL OR v_session.window_until_sha IS NOT NULL THEN
        update_type := 'not_maintained';
        created := 0; updated := 0; invalidated := 0;
        RETURN NEXT;
        RETURN;
    END IF;
    IF v_session.max_changeset_size <> patterns.live_max_changeset_size() THEN
        PERFORM patterns.discover_patterns(
            (SELECT p.name FROM core.projects p WHERE p.project_id = p_project_id), v_session.algorithms,
            v_session.confidence_threshold, v_session.min_cooccurrence, v_session.max_changeset_size,
            p_session_id => v_session.session_id);
        update_type := 'rediscovery';
        created := (SELECT s.patterns_discovered FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = p_project_id AND s.status = 'completed'
                     ORDER BY s.discovery_timestamp DESC LIMIT 1);
        updated := 0;
        invalidated := coalesce(v_session.patterns_discovered, 0);
        statements := statements + 1;
        RETURN NEXT;
        RETURN;
    END IF;
    v_full := v_full OR NOT EXISTS (SELECT FROM patterns.live_synced l
                                     WHERE l.project_id = p_project_id AND l.discovery_session_id = v_session.id);
    v_rescore := v_rescore AND NOT v_full;
    IF v_full THEN
        -- A full refresh follows a discovery (or a rebuild): the run's thousands of new rows
        -- would otherwise be planned for as the empty tables the statistics still describe.
        ANALYZE patterns.file_cooccurrence_patterns, patterns.developer_patterns,
                patterns.change_magnitude_patterns, patterns.pattern_insights;
    END IF;
    v_algorithms := v_session.algorithms;
    statements := statements + 1;

    IF 'cooccurrence' = ANY (v_algorithms) THEN
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_cooccurrence(p_project_id, v_session);
        ELSE
            v_step := patterns.update_cooccurrence(p_project_id, v_session, v_files, v_full);
            v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
            v_net[1] := v_step[1] - v_step[3];
        END IF;
        statements := statements + 1;
    END IF;
    IF 'magnitude' = ANY (v_algorithms) THEN
        IF NOT v_rescore THEN
            PERFORM patterns.update_file_profiles(p_project_id, v_files, v_full);
            statements := statements + 1;
        END IF;
        IF v_full THEN
            ANALYZE patterns.file_profiles;  -- rewritten whole: the next statement plans on it
        END IF;
        v_step := patterns.update_magnitude(p_project_id, v_session,
                                            CASE WHEN v_full OR v_rescore THEN NULL ELSE v_files END);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[4] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'developer' = ANY (v_algorithms) THEN
        -- The committers' own rows now; the authors their changes ripple to in the rescore.
        v_step := patterns.update_developers(p_project_id, v_session, v_files, v_authors, v_full, v_full OR v_rescore);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[3] := v_step[1] - v_step[3];
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_developers(p_project_id, v_session);
        END IF;
        statements := statements + 1;
    END IF;
    IF 'temporal' = ANY (v_algorithms) THEN
        v_step := patterns.update_temporal(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[2] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'insights' = ANY (v_algorithms) AND (v_full OR v_rescore) THEN
        v_step := patterns.update_insights(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;

    -- The run's record follows its patterns: counted after a full refresh or a rescore, moved
    -- by what was made active and inactive after a commit (a count is 50-100 ms on ansible).
    WITH span AS (
        SELECT (SELECT count(*) FROM patterns.live_commits c WHERE c.project_id = p_project_id) AS commits,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1) AS first_sha,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1) AS last_sha
    ),
    counts AS (
        SELECT CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.file_cooccurrence_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.cooccurrence_patterns + v_net[1] END AS cooccurrence,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.temporal_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.temporal_patterns + v_net[2] END AS temporal,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.developer_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.developer_patterns + v_net[3] END AS developer,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.change_magnitude_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.magnitude_patterns + v_net[4] END AS magnitude,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.pattern_insights x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.insights END AS insights
    )
    UPDATE patterns.pattern_discovery_sessions s
       SET commit_range_start = span.first_sha, commit_range_end = span.last_sha,
           total_commits_analyzed = span.commits,
           total_files_analyzed = (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id),
           cooccurrence_patterns = counts.cooccurrence, temporal_patterns = counts.temporal,
           developer_patterns = counts.developer, magnitude_patterns = counts.magnitude, insights = counts.insights,
           patterns_discovered = counts.cooccurrence + counts.temporal + counts.developer + counts.magnitude + counts.insights
      FROM span, counts
     WHERE s.project_id = p_project_id AND s.id = v_session.id;
    -- A full refresh computed every specialization afresh: what rescore_developers last left is
    -- no longer what the rows hold.
    INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (p_project_id, v_session.id)
    ON CONFLICT (project_id) DO UPDATE
        SET discovery_session_id = excluded.discovery_session_id, synced_at = now(),
            directories = CASE WHEN v_full THEN NULL ELSE l.directories END;
    statements := statements + 1;

    -- What the commits moved of every other pattern follows when no commit is waiting: one
    -- pending rescore entry per project collects the files and authors it owes.
    IF NOT v_full AND NOT v_rescore THEN
        UPDATE patterns.pattern_update_queue q
           SET trigger_data = jsonb_build_object(
                   'files', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'files') UNION SELECT unnest(v_files))),
                   'authors', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'authors') UNION SELECT unnest(v_authors))))
         WHERE q.project_id = p_project_id AND q.status = 'pending' AND q.trigger_type = 'rescore';
        IF NOT FOUND THEN
            INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
            VALUES (p_project_id, 'rescore', 'low', jsonb_build_object('files', to_jsonb(v_files), 'authors', to_jsonb(v_authors)));
        END IF;
        PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
        statements := statements + 1;
    END IF;

    update_type := CASE WHEN v_full THEN 'full_refresh' WHEN v_rescore THEN 'rescore' ELSE 'incremental' END;
    created := v_counts[1];
    updated := v_counts[2];
    invalidated := v_counts[3];
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION patterns.apply_pattern_updates(bigint,bigint[]) IS 'Brings a project''s current discovery run up to date with its live state for these queue entries (incrementally for git_commit entries, queueing a rescore of the other patterns; every pattern''s N- and rank-dependent scores for a rescore entry; else a full refresh from the live state); returns the kind of update, the patterns created, updated and invalidated, and the statements it ran at its own level (an algorithm''s update counts as one). patterns.process_pattern_updates() calls it.';
GRANT EXECUTE ON FUNCTION patterns.apply_pattern_updates(bigint,bigint[]) TO pgpattern_writer;
