CREATE OR REPLACE FUNCTION git.begin_ingest(p_project text, p_repository text, p_ref text)
 RETURNS TABLE(project_id bigint, previous_tip text, stored_commits bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Creates the project on first use and says where its last ingest of p_ref ended.
    IF p_project IS NULL OR p_project !~ '\S' OR length(p_project) > 200 OR p_project ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'invalid project name %: use 1 to 200 characters without control characters',
            coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_ref IS NULL OR p_ref !~ '\S' THEN
        RAISE EXCEPTION 'invalid ref %: name a branch, tag, commit or HEAD', coalesce(quote_literal(p_ref), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO core.projects (name, repository_path) VALUES (p_project, p_repository)
    ON CONFLICT (name) DO UPDATE SET repository_path = coalesce(excluded.repository_path, core.projects.repository_path);
    RETURN QUERY
        SELECT p.project_id, r.tip_sha,
               (SELECT count(*) FROM git.commits c WHERE c.project_id = p.project_id)
          FROM core.projects p
          LEFT JOIN git.ingested_refs r ON r.project_id = p.project_id AND r.ref_name = p_ref
         WHERE p.name = p_project;
END
$function$;
COMMENT ON FUNCTION git.begin_ingest(text,text,text) IS 'Starts an ingest: creates the project (name, repository path) if needed and returns its id, the tip its last ingest of the ref ended at (NULL on the first) and how many commits it holds.';
GRANT EXECUTE ON FUNCTION git.begin_ingest(text,text,text) TO pgpattern_writer;
