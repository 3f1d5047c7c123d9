CREATE OR REPLACE FUNCTION api.pattern_risk_files(p_project text, p_risk_level text DEFAULT NULL::text, p_min_anomaly_score double precision DEFAULT 0, p_file_category text DEFAULT NULL::text, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(file_path text, risk_level text, risk_score double precision, hotspot_score double precision, anomaly_score double precision, stability_score double precision, contributor_diversity_score double precision, volatility_score double precision, change_frequency double precision, change_trend text, change_category text, file_category text, total_changes integer, last_change_date timestamp with time zone, id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_after      patterns.change_magnitude_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('file_category', p_file_category, ARRAY['test', 'docs', 'ci', 'config', 'source']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT m.* INTO v_after FROM patterns.change_magnitude_patterns m WHERE m.project_id = v_project_id AND m.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_risk_files', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT m.file_path, m.risk_level, m.risk_score, m.hotspot_score, m.anomaly_score, m.stability_score,
               m.contributor_diversity_score, m.volatility_score, m.change_frequency, m.change_trend, m.change_category,
               m.file_category, m.total_changes, m.last_change_date, m.id
          FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = v_project_id AND m.is_active
           AND (p_risk_level IS NULL OR m.risk_level = p_risk_level)
           AND m.anomaly_score >= p_min_anomaly_score
           AND (p_file_category IS NULL OR m.file_category = p_file_category)
           AND (p_after IS NULL
                OR (v_after.risk_score, v_after.hotspot_score, m.file_path)
                 > (m.risk_score, m.hotspot_score, v_after.file_path))
         ORDER BY m.risk_score DESC, m.hotspot_score DESC, m.file_path
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.pattern_risk_files(text,text,double precision,text,integer,uuid) IS 'Active change-magnitude patterns of a project, riskiest first, a page at a time. p_risk_level: low, medium, high or critical; p_min_anomaly_score; p_file_category: test, docs, ci, config or source; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE ALL ON FUNCTION api.pattern_risk_files(text,text,double precision,text,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_risk_files(text,text,double precision,text,integer,uuid) TO pgpattern_reader;
