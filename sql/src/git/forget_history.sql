CREATE OR REPLACE FUNCTION git.forget_history(p_project_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_deleted bigint;
BEGIN
    -- For a full re-ingest: the project's commits, file changes and ingest marks go.
    DELETE FROM git.ingested_refs r WHERE r.project_id = p_project_id;
    DELETE FROM git.commits c WHERE c.project_id = p_project_id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$function$;
COMMENT ON FUNCTION git.forget_history(bigint) IS 'Deletes a project''s ingested history (commits, file changes, ingest marks) and returns how many commits went; the project itself stays.';
GRANT EXECUTE ON FUNCTION git.forget_history(bigint) TO pgpattern_writer;
