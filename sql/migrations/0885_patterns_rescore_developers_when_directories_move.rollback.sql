-- Restores what 0885_patterns_rescore_developers_when_directories_move.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

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
    INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (p_project_id, v_session.id)
    ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
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

CREATE OR REPLACE FUNCTION patterns.discover_patterns(p_project text, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text], p_confidence_threshold double precision DEFAULT 0.30, p_min_cooccurrence integer DEFAULT 3, p_max_changeset_size integer DEFAULT 30, p_since timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until_sha text DEFAULT NULL::text, p_session_id uuid DEFAULT NULL::uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
 SET work_mem TO '128MB'
AS $function$
DECLARE
    v_algorithm  text;
    v_changes    integer;
    v_count      integer;
    v_counts     integer[] := ARRAY[0, 0, 0, 0, 0];
    v_first_sha  text;
    v_known      text[] := patterns.algorithms();
    v_last_sha   text;
    v_live       boolean;
    v_run        patterns.pattern_discovery_sessions;
    v_step       integer[];
    v_project_id bigint;
    v_session    uuid;
    v_started    timestamptz := clock_timestamp();
    v_step_started timestamptz;
    v_commits    integer;
    v_files      integer;
    v_unknown    text[];
BEGIN
    /*
     * Runs the chosen algorithms of docs/spec/change-patterns.md on the project's transaction
     * set, records the run, and makes it the project's current one: earlier runs become
     * outdated and their patterns inactive (never deleted). One run per project at a
     * time: a second one waits for the first to commit.
     *
     * An unwindowed run with max_changeset_size 30 is T as the live state already counts
     * it (0211, kept by ingest), unless a bulk ingest's counting is still queued: such a
     * run scores the live counts with the functions updates use in full (one engine, no
     * second counting of the history) and leaves the live state synced with it, so no
     * full refresh follows. Other runs count their window of T from the history.
     */
    v_project_id := patterns.project_id(p_project);
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0 THEN
        RAISE EXCEPTION 'no algorithm given: choose among %', array_to_string(v_known, ', ')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_unknown := ARRAY(SELECT a FROM unnest(p_algorithms) a WHERE a IS NULL OR NOT a = ANY (v_known));
    IF cardinality(v_unknown) > 0 THEN
        RAISE EXCEPTION 'unknown algorithm %', coalesce(quote_literal(v_unknown[1]), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(v_known, ', '));
    END IF;
    IF p_confidence_threshold IS NULL OR NOT p_confidence_threshold BETWEEN 0 AND 1 THEN
        RAISE EXCEPTION 'confidence_threshold must be between 0 and 1, not %', coalesce(p_confidence_threshold::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_min_cooccurrence IS NULL OR p_min_cooccurrence < 1 THEN
        RAISE EXCEPTION 'min_cooccurrence must be at least 1, not %', coalesce(p_min_cooccurrence::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_max_changeset_size IS NULL OR p_max_changeset_size < 2 THEN
        RAISE EXCEPTION 'max_changeset_size must be at least 2, not %', coalesce(p_max_changeset_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_since >= p_until THEN
        RAISE EXCEPTION 'since (%) must be before until (%)', p_since, p_until
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_until_sha IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = v_project_id AND c.sha = p_until_sha) THEN
        RAISE EXCEPTION 'until_sha % is not a commit of project %', p_until_sha, p_project
            USING ERRCODE = 'invalid_parameter_value', HINT = 'give a full 40-character sha of an ingested commit';
    END IF;

    PERFORM pg_advisory_xact_lock(core.lock_class('discovery'), v_project_id::integer);  -- 'pdis': one discovery per project

    INSERT INTO patterns.pattern_discovery_sessions AS s (
        project_id, session_id, algorithms, window_since, window_until, window_until_sha,
        confidence_threshold, min_cooccurrence, max_changeset_size)
    VALUES (v_project_id, p_session_id, ARRAY(SELECT DISTINCT a FROM unnest(p_algorithms) a ORDER BY 1),
            p_since, p_until, p_until_sha, p_confidence_threshold, p_min_cooccurrence, p_max_changeset_size)
    RETURNING s.id INTO v_session;

    v_live := p_since IS NULL AND p_until IS NULL AND p_until_sha IS NULL AND p_max_changeset_size = 30
              AND NOT EXISTS (SELECT FROM patterns.pattern_update_queue q
                               WHERE q.project_id = v_project_id AND q.status = 'pending'
                                 AND q.trigger_data ? 'deferred_commits');
    IF v_live THEN
        -- Not while an ingest of the project writes the live state (its lock, as updates take it).
        PERFORM pg_advisory_xact_lock_shared(core.lock_class('ingest'), v_project_id::integer);  -- 'pgpi'
        SELECT s.* INTO STRICT v_run FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
        SELECT count(*) INTO v_commits FROM patterns.live_commits c WHERE c.project_id = v_project_id;
        SELECT count(*) INTO v_changes FROM patterns.live_changes c WHERE c.project_id = v_project_id;
        RAISE NOTICE 'transaction set: % commits, % file changes (live state) in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            CASE v_algorithm
                WHEN 'cooccurrence' THEN
                    v_step := patterns.update_cooccurrence(v_project_id, v_run, '{}', true);
                WHEN 'temporal' THEN
                    v_step := patterns.update_temporal(v_project_id, v_run);
                WHEN 'developer' THEN
                    v_step := patterns.update_developers(v_project_id, v_run, '{}', '{}', true, true);
                WHEN 'magnitude' THEN
                    -- Only the profiles whose files changed since are computed again.
                    IF patterns.update_file_profiles(v_project_id, '{}', true) * 10
                       > (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = v_project_id) THEN
                        ANALYZE patterns.file_profiles;  -- rewritten in bulk: the next statement plans on it
                    END IF;
                    v_step := patterns.update_magnitude(v_project_id, v_run, NULL);
                ELSE
                    v_step := patterns.update_insights(v_project_id, v_run);
            END CASE;
            v_counts[array_position(v_known, v_algorithm)] := v_step[1];
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_step[1],
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;
        SELECT count(*) INTO v_files FROM patterns.file_change_counts f WHERE f.project_id = v_project_id;
        SELECT c.sha INTO v_first_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1;
        SELECT c.sha INTO v_last_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1;
        INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (v_project_id, v_session)
        ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
    ELSE
        -- T once, for every algorithm (dynamic SQL: the table exists only from here to commit).
        IF to_regclass('pg_temp.discovery_workspace') IS NOT NULL THEN
            EXECUTE 'DROP TABLE pg_temp.discovery_workspace';  -- an earlier run in this transaction
        END IF;
        EXECUTE 'CREATE TEMPORARY TABLE discovery_workspace ON COMMIT DROP AS
                 SELECT * FROM patterns.transaction_changes($1, $2)' USING v_project_id, v_session;
        EXECUTE 'ANALYZE pg_temp.discovery_workspace';
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(*) FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_changes;
        RAISE NOTICE 'transaction set: % commits, % file changes in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        -- Each algorithm reports as it finishes (pgpattern discover shows these as progress).
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            -- Dynamic on purpose: a SQL function caches its plan in the calling expression, and a
            -- second run in one transaction must not reuse a plan of the dropped workspace.
            EXECUTE format('SELECT patterns.%I($1, $2)', CASE v_algorithm
                    WHEN 'cooccurrence' THEN 'discover_cooccurrence' WHEN 'temporal' THEN 'discover_temporal'
                    WHEN 'developer' THEN 'discover_developers' WHEN 'magnitude' THEN 'discover_magnitude'
                    ELSE 'discover_insights' END)
               INTO v_count
              USING v_project_id, v_session;
            v_counts[array_position(v_known, v_algorithm)] := v_count;
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_count,
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;

        -- format() keeps plpgsql_check from resolving a table that exists only at run time.
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(DISTINCT t.file_path),
                               (array_agg(t.sha ORDER BY t.authored_at, t.committed_at, t.sha))[1],
                               (array_agg(t.sha ORDER BY t.authored_at DESC, t.committed_at DESC, t.sha DESC))[1]
                          FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_files, v_first_sha, v_last_sha;
        EXECUTE 'DROP TABLE pg_temp.discovery_workspace';
    END IF;

    v_step_started := clock_timestamp();
    UPDATE patterns.pattern_discovery_sessions s SET status = 'outdated'
     WHERE s.project_id = v_project_id AND s.id <> v_session AND s.status IN ('completed', 'running');
    UPDATE patterns.file_cooccurrence_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.temporal_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.developer_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.change_magnitude_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.pattern_insights x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;

    UPDATE patterns.pattern_discovery_sessions s
       SET status = 'completed',
           commit_range_start = v_first_sha,
           commit_range_end = v_last_sha,
           total_commits_analyzed = v_commits,
           total_files_analyzed = v_files,
           cooccurrence_patterns = v_counts[1],
           temporal_patterns = v_counts[2],
           developer_patterns = v_counts[3],
           magnitude_patterns = v_counts[4],
           insights = v_counts[5],
           patterns_discovered = v_counts[1] + v_counts[2] + v_counts[3] + v_counts[4] + v_counts[5],
           execution_time_ms = (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer
     WHERE s.project_id = v_project_id AND s.id = v_session;
    PERFORM patterns.refresh_summaries();
    RAISE NOTICE 'earlier runs outdated, summary refreshed in % ms',
        round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
    RETURN v_session;
END
$function$;
COMMENT ON FUNCTION patterns.discover_patterns(text,text[],double precision,integer,integer,timestamp with time zone,timestamp with time zone,text,uuid) IS 'Runs pattern discovery for a project (docs/spec/change-patterns.md) in the caller''s transaction and returns the discovery session id; an unwindowed run with max_changeset_size 30 scores the live state. p_algorithms: any of cooccurrence, temporal, developer, magnitude, insights (default all); p_confidence_threshold (0.30), p_min_cooccurrence (3), p_max_changeset_size (30); optional window p_since (inclusive) and p_until (exclusive) on authored time; p_until_sha: only that commit and its ancestors; p_session_id: the core.sessions row it belongs to. Earlier runs become outdated and their patterns inactive. One run per project at a time.';
GRANT EXECUTE ON FUNCTION patterns.discover_patterns(text,text[],double precision,integer,integer,timestamp with time zone,timestamp with time zone,text,uuid) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_moved integer;
BEGIN
    /*
     * The specialization of a run's active developer patterns, which moves with the number
     * of directories the project has: spec section 3 as patterns.update_developers()
     * computes it. Returns the rows rewritten.
     */
    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
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
        SELECT a.author_key, patterns.specialization_score(e.h, d.d) AS specialization
          FROM entropy e
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_id = e.author_id
         CROSS JOIN directories d
    )
    UPDATE patterns.developer_patterns p
       SET specialization_score = w.specialization, updated_at = now()
      FROM wanted w
     WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
       AND p.author_email = w.author_key AND p.specialization_score IS DISTINCT FROM w.specialization;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$function$;
COMMENT ON FUNCTION patterns.rescore_developers(bigint,patterns.pattern_discovery_sessions) IS 'Rewrites the specialization of a run''s active developer patterns for the project''s current number of directories; returns the rows rewritten. The rescore pass of a pattern update.';
GRANT EXECUTE ON FUNCTION patterns.rescore_developers(bigint,patterns.pattern_discovery_sessions) TO pgpattern_writer;
