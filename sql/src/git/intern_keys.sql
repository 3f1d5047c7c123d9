CREATE OR REPLACE FUNCTION git.intern_keys(p_project_id bigint, p_paths text[], p_authors text[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Numbers for the paths and authors that have none yet (only the missing ones are
    -- inserted: a conflict would still take a number from the sequence).
    INSERT INTO git.paths (project_id, path)
    SELECT DISTINCT p_project_id, u.path FROM unnest(p_paths) u (path)
     WHERE u.path IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.paths g WHERE g.project_id = p_project_id AND g.path = u.path)
    ON CONFLICT DO NOTHING;
    INSERT INTO git.authors (project_id, author_key)
    SELECT DISTINCT p_project_id, u.author_key FROM unnest(p_authors) u (author_key)
     WHERE u.author_key IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.authors a WHERE a.project_id = p_project_id AND a.author_key = u.author_key)
    ON CONFLICT DO NOTHING;
END
$function$;
COMMENT ON FUNCTION git.intern_keys(bigint,text[],text[]) IS 'Gives the paths and author keys of a project that have no number yet one in git.paths and git.authors.';
GRANT EXECUTE ON FUNCTION git.intern_keys(bigint,text[],text[]) TO pgpattern_writer;
