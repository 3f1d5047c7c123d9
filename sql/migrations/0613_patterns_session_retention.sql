-- Retention of discovery sessions (issue 12, item 5): every discovery run kept its patterns
-- forever (548 MB of patterns after two runs on ansible). Now each project keeps its newest
-- N runs (default 3; patterns.discovery_retention says N per project, or for all), and
-- patterns.purge_discovery_sessions() deletes older ones with their patterns and insights:
-- daily by pg_cron, after each `pgpattern discover`, or on demand. The current run (the
-- latest completed one, which updates maintain and the api reads) is never deleted, nor
-- a run that still has an active pattern. ops.data_retention_policies is not used: its
-- policies keep rows for a period and ops.apply_retention deletes by age, which would
-- take a project's current run once it is old enough; this rule counts runs instead.
-- Nothing else points at a run: the update queue names one only in its trigger_data
-- (informative), patterns.live_synced names the run it synced (the current one, or an
-- older one that forces the next update to a full refresh anyway), and
-- api.project_pattern_summary shows the latest completed run.
CREATE TABLE patterns.discovery_retention (
    setting_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    bigint REFERENCES core.projects (project_id) ON DELETE CASCADE,
    keep_sessions integer CONSTRAINT discovery_retention_keep_check CHECK (keep_sessions >= 1),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT discovery_retention_one_per_project UNIQUE NULLS NOT DISTINCT (project_id)
);
COMMENT ON TABLE patterns.discovery_retention IS 'How many discovery sessions each project keeps: one row per project that has its own number, and the row with project_id NULL for every other project (3 unless changed). patterns.purge_discovery_sessions() applies it.';
COMMENT ON COLUMN patterns.discovery_retention.setting_id IS 'The row''s key.';
COMMENT ON COLUMN patterns.discovery_retention.project_id IS 'The project the number is for; NULL: the default for projects without a row of their own.';
COMMENT ON COLUMN patterns.discovery_retention.keep_sessions IS 'Keep the newest this many discovery sessions (at least 1; the current one is always kept); NULL: keep every session.';
COMMENT ON COLUMN patterns.discovery_retention.updated_at IS 'When the row last changed (maintained by a trigger).';
COMMENT ON CONSTRAINT discovery_retention_one_per_project ON patterns.discovery_retention IS 'One row per project and one default row (project_id NULL); also the index behind the foreign key.';
CREATE TRIGGER discovery_retention_touch_updated_at BEFORE UPDATE ON patterns.discovery_retention
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();
INSERT INTO patterns.discovery_retention (project_id, keep_sessions) VALUES (NULL, 3);

CREATE FUNCTION patterns.discovery_sessions_kept(p_project_id bigint)
RETURNS integer
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The project's own row, else the default row; NULL (keep all) when neither says a number.
    SELECT r.keep_sessions
      FROM patterns.discovery_retention r
     WHERE r.project_id = p_project_id OR r.project_id IS NULL
     ORDER BY r.project_id NULLS LAST
     LIMIT 1
$$;
COMMENT ON FUNCTION patterns.discovery_sessions_kept(bigint) IS 'How many discovery sessions a project keeps (patterns.discovery_retention: its own row, else the default row); NULL: all.';

CREATE FUNCTION patterns.purge_discovery_sessions(p_project text DEFAULT NULL, p_keep integer DEFAULT NULL)
RETURNS TABLE (project_name text, table_name text, rows_removed bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_keep     integer;
    v_only     bigint;
    v_project  record;
    v_sessions uuid[];
BEGIN
    /*
     * For each project (or only p_project), deletes the discovery sessions older than its
     * newest p_keep (default: its number in patterns.discovery_retention), with their
     * patterns and insights. Never the current run (status completed) or a running one,
     * nor a run with an active pattern or insight left. Each project is purged under the
     * advisory lock discovery and updates take, so it waits for a discovery in progress.
     * Returns, per project that lost sessions, the rows removed from each table.
     */
    IF p_keep IS NOT NULL AND p_keep < 1 THEN
        RAISE EXCEPTION 'p_keep must be at least 1, not %', p_keep
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'p_keep counts the sessions kept per project, the current one included.',
                  HINT = 'give 1 to keep only the current session, or NULL for each project''s number in patterns.discovery_retention';
    END IF;
    IF p_project IS NOT NULL THEN
        v_only := patterns.project_id(p_project);
    END IF;
    FOR v_project IN
        SELECT p.project_id, p.name FROM core.projects p
         WHERE v_only IS NULL OR p.project_id = v_only
         ORDER BY p.project_id
    LOOP
        v_keep := coalesce(p_keep, patterns.discovery_sessions_kept(v_project.project_id));
        CONTINUE WHEN v_keep IS NULL
                   OR (SELECT count(*) FROM patterns.pattern_discovery_sessions s
                        WHERE s.project_id = v_project.project_id) <= v_keep;
        PERFORM pg_advisory_xact_lock(1885630573, v_project.project_id::integer);  -- 'pdis', as discovery
        v_sessions := ARRAY(
            SELECT r.id
              FROM (SELECT s.id, s.status,
                           row_number() OVER (ORDER BY s.discovery_timestamp DESC, s.id DESC) AS newest
                      FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = v_project.project_id) r
             WHERE r.newest > v_keep AND r.status IN ('outdated', 'failed')
               AND NOT EXISTS (SELECT FROM patterns.file_cooccurrence_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.temporal_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.developer_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.change_magnitude_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.pattern_insights x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active));
        CONTINUE WHEN cardinality(v_sessions) = 0;
        project_name := v_project.name;
        -- Each table by itself, to count its rows (the foreign keys would cascade the same).
        table_name := 'patterns.pattern_insights';
        DELETE FROM patterns.pattern_insights x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.file_cooccurrence_patterns';
        DELETE FROM patterns.file_cooccurrence_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.temporal_patterns';
        DELETE FROM patterns.temporal_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.developer_patterns';
        DELETE FROM patterns.developer_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.change_magnitude_patterns';
        DELETE FROM patterns.change_magnitude_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.pattern_discovery_sessions';
        DELETE FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project.project_id AND s.id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION patterns.purge_discovery_sessions(text, integer) IS 'Deletes the discovery sessions of each project (or only p_project) beyond its newest p_keep (at least 1; default NULL: the project''s number in patterns.discovery_retention, 3 unless set), with their patterns and insights; never the current (completed) or a running session, nor one with an active pattern. Waits for a discovery of the project in progress. Returns project_name, table_name and rows_removed for each table of each project that lost sessions. pg_cron runs it daily (pgpattern-purge-discovery-sessions) and pgpattern discover after each run.';

SELECT ops.schedule_job('pgpattern-purge-discovery-sessions', '47 3 * * *',
    'SELECT count(*) FROM patterns.purge_discovery_sessions()',
    'Daily at 03:47 UTC: delete the discovery sessions each project keeps no more (patterns.discovery_retention, newest 3 by default), with their patterns and insights.');
