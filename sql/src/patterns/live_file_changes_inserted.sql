CREATE OR REPLACE FUNCTION patterns.live_file_changes_inserted()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'inserted_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_inserted() IS 'After an INSERT into git.changes: brings the live state of the new commits up to date and queues their pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_inserted() TO pgpattern_writer;
