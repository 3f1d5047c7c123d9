CREATE OR REPLACE FUNCTION api.pattern_cooccurrence_search(p_project text, p_file_path text DEFAULT NULL::text, p_min_confidence double precision DEFAULT 0, p_min_lift double precision DEFAULT 0, p_pattern_strength text DEFAULT NULL::text, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(file_path_1 text, file_path_2 text, cooccurrence_count integer, support_score double precision, confidence_score double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision, lift_score double precision, coupling_degree double precision, pattern_strength text, p_value double precision, statistical_significance double precision, first_observed_date timestamp with time zone, last_observed_date timestamp with time zone, contributing_commits text[], id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_after      patterns.file_cooccurrence_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_strength', p_pattern_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT c.* INTO v_after FROM patterns.file_cooccurrence_patterns c WHERE c.project_id = v_project_id AND c.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_cooccurrence_search', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset: a row comes after the cursor row in the order below, which ends in the pair, unique
    -- among the active rows (a pair of an earlier run is the same pair: it is not repeated). In the
    -- row comparison the descending keys take the cursor's value on the left, the ascending ones the row's.
    RETURN QUERY
        SELECT c.file_path_1, c.file_path_2, c.cooccurrence_count, c.support_score, c.confidence_score,
               c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
               c.p_value, c.statistical_significance, c.first_observed_date, c.last_observed_date, c.contributing_commits,
               c.id
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = v_project_id AND c.is_active
           AND (p_file_path IS NULL OR p_file_path IN (c.file_path_1, c.file_path_2))
           AND c.confidence_score >= p_min_confidence AND c.lift_score >= p_min_lift
           AND (p_pattern_strength IS NULL OR c.pattern_strength = p_pattern_strength)
           AND (p_after IS NULL
                OR (v_after.confidence_score, v_after.lift_score, c.file_path_1, c.file_path_2)
                 > (c.confidence_score, c.lift_score, v_after.file_path_1, v_after.file_path_2))
         ORDER BY c.confidence_score DESC, c.lift_score DESC, c.file_path_1, c.file_path_2
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.pattern_cooccurrence_search(text,text,double precision,double precision,text,integer,uuid) IS 'Active file co-occurrence patterns of a project, strongest first (confidence, lift, paths), a page at a time. p_file_path: pairs with this file (latest path); p_min_confidence, p_min_lift; p_pattern_strength: weak, moderate, strong or very_strong; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE ALL ON FUNCTION api.pattern_cooccurrence_search(text,text,double precision,double precision,text,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_cooccurrence_search(text,text,double precision,double precision,text,integer,uuid) TO pgpattern_reader;
