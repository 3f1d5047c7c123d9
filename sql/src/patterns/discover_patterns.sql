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
        ON CONFLICT (project_id) DO UPDATE
            SET discovery_session_id = excluded.discovery_session_id, synced_at = now(), directories = NULL;
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
