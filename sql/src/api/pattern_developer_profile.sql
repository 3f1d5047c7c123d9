CREATE OR REPLACE FUNCTION api.pattern_developer_profile(p_project text, p_author_email text DEFAULT NULL::text, p_min_specialization double precision DEFAULT 0, p_include_collaboration boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(author_email text, author_name text, commit_count integer, change_velocity double precision, consistency_score double precision, commit_regularity_coefficient double precision, specialization_score double precision, specialty_files text[], avg_files_per_commit double precision, avg_lines_per_commit double precision, commit_type_distribution jsonb, frequent_collaborators text[], collaboration_files text[], temporal_overlap_score double precision, first_commit_date timestamp with time zone, last_commit_date timestamp with time zone, active_days_count integer, id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
    v_after      patterns.developer_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT d.* INTO v_after FROM patterns.developer_patterns d WHERE d.project_id = v_project_id AND d.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_developer_profile', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT d.author_email, d.author_name, d.commit_count, d.change_velocity, d.consistency_score,
               d.commit_regularity_coefficient, d.specialization_score, d.specialty_files, d.avg_files_per_commit,
               d.avg_lines_per_commit, d.commit_type_distribution,
               CASE WHEN p_include_collaboration THEN d.frequent_collaborators END,
               CASE WHEN p_include_collaboration THEN d.collaboration_files END,
               CASE WHEN p_include_collaboration THEN d.temporal_overlap_score END,
               d.first_commit_date, d.last_commit_date, d.active_days_count, d.id
          FROM patterns.developer_patterns d
         WHERE d.project_id = v_project_id AND d.is_active
           AND (p_author_email IS NULL OR d.author_email = lower(p_author_email))
           AND d.specialization_score >= p_min_specialization
           AND (p_after IS NULL
                OR (v_after.commit_count, d.author_email) > (d.commit_count, v_after.author_email))
         ORDER BY d.commit_count DESC, d.author_email
         LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.pattern_developer_profile(text,text,double precision,boolean,integer,uuid) IS 'Active developer patterns of a project, most commits first, a page at a time. p_author_email (any case); p_min_specialization; p_include_collaboration (true): with collaborators, shared files and overlap; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';
REVOKE ALL ON FUNCTION api.pattern_developer_profile(text,text,double precision,boolean,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.pattern_developer_profile(text,text,double precision,boolean,integer,uuid) TO pgpattern_reader;
