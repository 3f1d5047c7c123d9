CREATE OR REPLACE FUNCTION patterns.live_file_changes_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- A counted row goes on counting until its commit is counted again (a bulk statement's
    -- commits are counted later): kept as it was counted. Not for a project being deleted.
    EXECUTE format('INSERT INTO patterns.live_counted_gone (project_id, commit_id, change_no, file_id, lines_added,
                                                           lines_deleted, status)
                    SELECT o.project_id, o.commit_id, o.change_no, o.counted_file_id, o.lines_added, o.lines_deleted,
                           o.status
                      FROM %I o
                     WHERE o.counted_file_id IS NOT NULL
                       AND EXISTS (SELECT FROM core.projects p WHERE p.project_id = o.project_id)
                    ON CONFLICT DO NOTHING', 'deleted_rows');
    EXECUTE format('SELECT patterns.live_changed(o.project_id, array_agg(DISTINCT o.commit_id))
                      FROM %I o GROUP BY o.project_id', 'deleted_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.changes (forgotten history): keeps the counted rows in patterns.live_counted_gone until they are counted out, takes the commits out of the live state and queues the pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_deleted() TO pgpattern_writer;
