CREATE OR REPLACE FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean DEFAULT false, p_algorithms text[] DEFAULT NULL::text[], p_confidence_threshold double precision DEFAULT 0.30)
 RETURNS TABLE(discovery_session_id uuid, reused boolean, status text, total_commits_analyzed integer, patterns_discovered integer, execution_time_ms integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
    v_session    uuid;
    v_reused     boolean := false;
BEGIN
    -- Without p_force_refresh, the latest completed run is reused when no commit arrived since.
    IF NOT p_force_refresh THEN
        SELECT s.id INTO v_session
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.status = 'completed'
           AND s.confidence_threshold = p_confidence_threshold
           AND (p_algorithms IS NULL OR s.algorithms @> p_algorithms)
           AND s.window_since IS NULL AND s.window_until IS NULL AND s.window_until_sha IS NULL
           AND s.discovery_timestamp >= (SELECT max(c.ingested_at) FROM git.commits c WHERE c.project_id = v_project_id)
         ORDER BY s.discovery_timestamp DESC LIMIT 1;
        v_reused := v_session IS NOT NULL;
    END IF;
    IF v_session IS NULL THEN
        v_session := patterns.discover_patterns(
            p_project, coalesce(p_algorithms, patterns.algorithms()),
            p_confidence_threshold);
    END IF;
    RETURN QUERY
        SELECT s.id, v_reused, s.status, s.total_commits_analyzed, s.patterns_discovered, s.execution_time_ms
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
END
$function$;
COMMENT ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) IS 'Discovers a project''s patterns (patterns.discover_patterns) unless a completed run with these settings is newer than its latest ingested commit and p_force_refresh is false. p_algorithms: cooccurrence, temporal, developer, magnitude, insights (default all). Returns the run.';
REVOKE ALL ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_discover(text,boolean,text[],double precision) TO pgpattern_writer;
