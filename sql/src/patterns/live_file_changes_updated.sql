CREATE OR REPLACE FUNCTION patterns.live_file_changes_updated()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    /*
     * Only what is counted matters: the file (lineage re-keys changes: refresh_lineage), the
     * lines and the status. Marking rows counted or placing them (counted_file_id, ordinal:
     * patterns.live_refresh, live_place) does not count again. A counted row whose lines or
     * status changed is kept as it was counted (patterns.live_counted_gone) until its commit
     * is counted again; one re-keyed still says the file it counted for (counted_file_id).
     * Rows keep their key: git.file_changes_write moves a change by a DELETE and an INSERT.
     */
    EXECUTE format('INSERT INTO patterns.live_counted_gone (project_id, commit_id, change_no, file_id, lines_added,
                                                           lines_deleted, status)
                    SELECT o.project_id, o.commit_id, o.change_no, o.counted_file_id, o.lines_added, o.lines_deleted,
                           o.status
                      FROM %I o
                      JOIN %I n ON n.project_id = o.project_id AND n.commit_id = o.commit_id AND n.change_no = o.change_no
                     WHERE o.counted_file_id IS NOT NULL
                       AND (n.lines_added, n.lines_deleted, n.status) IS DISTINCT FROM (o.lines_added, o.lines_deleted, o.status)
                    ON CONFLICT DO NOTHING', 'old_rows', 'updated_rows');
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n
                      JOIN %I o ON o.project_id = n.project_id AND o.commit_id = n.commit_id AND o.change_no = n.change_no
                     WHERE (n.file_id, n.lines_added, n.lines_deleted, n.status)
                           IS DISTINCT FROM (o.file_id, o.lines_added, o.lines_deleted, o.status)
                     GROUP BY n.project_id', 'updated_rows', 'old_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.changes: counts again the commits whose rows changed file (lineage), lines or status, keeping the counted rows whose lines or status changed in patterns.live_counted_gone until then, and queues their pattern update; marking and placing counted rows count nothing.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_updated() TO pgpattern_writer;
