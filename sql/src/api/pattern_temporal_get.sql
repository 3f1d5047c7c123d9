CREATE OR REPLACE FUNCTION api.pattern_temporal_get(p_project text, p_pattern_type text DEFAULT NULL::text, p_min_significance double precision DEFAULT 0, p_active_only boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(pattern_type text, pattern_strength double precision, statistical_significance double precision, p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer, period_labels text[], commit_distribution integer[], peak_periods integer[], peak_labels text[], contributing_authors text[], contributing_files text[], date_range_start timestamp with time zone, date_range_end timestamp with time zone, is_active boolean, discovered_at timestamp with time zone, id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_after      patterns.temporal_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_type', p_pattern_type, ARRAY['hourly', 'daily', 'weekly', 'monthly', 'seasonal']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT t.* INTO v_after FROM patterns.temporal_patterns t WHERE t.project_id = v_project_id AND t.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_temporal_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search; inactive rows of earlier runs may be listed too,
    -- so the order ends in the row's id.
    RETURN QUERY
        SELECT t.pattern_type, t.pattern_strength, t.statistical_significance, t.p_value, t.chi_square_statistic,
               t.degrees_of_freedom, t.period_labels, t.commit_distribution, t.peak_periods,
               ARRAY(SELECT t.period_labels[p + 1] FROM unnest(t.peak_periods) WITH ORDINALITY u(p, o) ORDER BY o),
               t.contributing_authors, t.contributing_files, t.date_range_start, t.date_range_end, t.is_active, t.created_at,
               t.id
          FROM patterns.temporal_patterns t
         WHERE t.project_id = v_project_id
           AND (NOT p_active_only OR t.is_active)
           AND (p_pattern_type IS NULL OR t.pattern_type = p_pattern_type)
           AND t.statistical_significance >= p_min_significance
           AND (p_after IS NULL
                OR (v_after.is_active, v_after.created_at, v_after.statistical_significance, t.pattern_type, t.id)
                 > (t.is_active, t.created_at, t.statistical_significance, v_after.pattern_type, v_after.id))
         ORDER BY t.is_active DESC, t.created_at DESC, t.statistical_significance DESC, t.pattern_type, t.id
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.pattern_temporal_get(text,text,double precision,boolean,integer,uuid) IS 'Temporal patterns of a project with their peak labels, active and newest first, a page at a time. p_pattern_type: hourly, daily, weekly, monthly or seasonal; p_min_significance (-log10 p); p_active_only (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE ALL ON FUNCTION api.pattern_temporal_get(text,text,double precision,boolean,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_temporal_get(text,text,double precision,boolean,integer,uuid) TO pgpattern_reader;
