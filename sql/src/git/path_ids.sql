CREATE OR REPLACE FUNCTION git.path_ids(p_project_id bigint, p_paths text[])
 RETURNS TABLE(path text, path_id integer)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    PERFORM git.intern_keys(p_project_id, p_paths, ARRAY[]::text[]);
    -- A statement of its own: it sees the numbers another transaction gave meanwhile. A join,
    -- not g.path = ANY (p_paths): that compares each path of the project with the whole array.
    RETURN QUERY SELECT g.path, g.path_id
                   FROM (SELECT DISTINCT u.path FROM unnest(p_paths) u (path)) u
                   JOIN git.paths g ON g.project_id = p_project_id AND g.path = u.path;
END
$function$;
COMMENT ON FUNCTION git.path_ids(bigint,text[]) IS 'The numbers of these paths of a project in git.paths, given to those that have none yet (the ingest writes git.changes with them).';
GRANT EXECUTE ON FUNCTION git.path_ids(bigint,text[]) TO pgpattern_writer;
