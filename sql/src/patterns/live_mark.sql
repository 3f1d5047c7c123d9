CREATE OR REPLACE FUNCTION patterns.live_mark(p_project_id bigint, p_commit_ids bigint[])
 RETURNS void
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The rows of these commits (NULL: of every commit of the project) as the live state now
    -- counts them: the rows of a commit of T say the file they count for, the first row of each
    -- (commit, file) its commit's place (patterns.live_changes reads those); the others none.
    -- Rows already so are left alone.
    UPDATE git.changes r
       SET counted_file_id = m.file_id, ordinal = m.ordinal
      FROM (SELECT x.commit_id, x.change_no, CASE WHEN c.commit_id IS NOT NULL THEN x.file_id END AS file_id,
                   CASE WHEN c.commit_id IS NOT NULL
                             AND x.change_no = min(x.change_no) OVER (PARTITION BY x.commit_id, x.file_id)
                        THEN c.ordinal END AS ordinal
              FROM git.changes x
              LEFT JOIN patterns.live_commits c ON c.project_id = x.project_id AND c.commit_id = x.commit_id
             WHERE x.project_id = p_project_id AND (p_commit_ids IS NULL OR x.commit_id = ANY (p_commit_ids))) m
     WHERE r.project_id = p_project_id AND r.commit_id = m.commit_id AND r.change_no = m.change_no
       AND (r.counted_file_id IS DISTINCT FROM m.file_id OR r.ordinal IS DISTINCT FROM m.ordinal)
$function$;
COMMENT ON FUNCTION patterns.live_mark(bigint,bigint[]) IS 'Marks the rows of git.changes of these commits of a project (NULL: all) as the live state counts them after patterns.live_refresh or live_rebuild: counted_file_id on the rows of T''s commits, ordinal (the commit''s place) on the first row of each (commit, file).';
GRANT EXECUTE ON FUNCTION patterns.live_mark(bigint,bigint[]) TO pgpattern_writer;
