CREATE OR REPLACE FUNCTION patterns.purge_discovery_sessions(p_project text DEFAULT NULL::text, p_keep integer DEFAULT NULL::integer)
 RETURNS TABLE(project_name text, table_name text, rows_removed bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
        PERFORM pg_advisory_xact_lock(core.lock_class('discovery'), v_project.project_id::integer);  -- 'pdis', as discovery
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
$function$;
COMMENT ON FUNCTION patterns.purge_discovery_sessions(text,integer) IS 'Deletes the discovery sessions of each project (or only p_project) beyond its newest p_keep (at least 1; default NULL: the project''s number in patterns.discovery_retention, 3 unless set), with their patterns and insights; never the current (completed) or a running session, nor one with an active pattern. Waits for a discovery of the project in progress. Returns project_name, table_name and rows_removed for each table of each project that lost sessions. pg_cron runs it daily (pgpattern-purge-discovery-sessions) and pgpattern discover after each run.';
GRANT EXECUTE ON FUNCTION patterns.purge_discovery_sessions(text,integer) TO pgpattern_writer;
