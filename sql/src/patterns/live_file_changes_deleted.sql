CREATE OR REPLACE FUNCTION patterns.live_file_changes_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(o.project_id, array_agg(DISTINCT o.commit_id))
                      FROM %I o GROUP BY o.project_id', 'deleted_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.changes (forgotten history): takes the commits out of the live state and queues the pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_deleted() TO pgpattern_writer;
