CREATE OR REPLACE FUNCTION patterns.live_file_changes_updated()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Lineage re-keys changes (refresh_lineage); their commits are counted again.
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'updated_rows');
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.changes (lineage): counts the commits of the changed rows again and queues their pattern update.';
GRANT EXECUTE ON FUNCTION patterns.live_file_changes_updated() TO pgpattern_writer;
