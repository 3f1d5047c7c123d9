CREATE OR REPLACE FUNCTION api.project_delete(p_project text)
 RETURNS TABLE(table_name text, rows_removed bigint)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_blocked  text;
    v_counts   jsonb;
    v_pending  text[];
    v_progress boolean;
    v_project  bigint := patterns.project_id(p_project);
    v_table    text;
BEGIN
    /*
     * Deletes every row of the project, table by table, then the project. Foreign keys
     * between the tables decide an order the catalog does not give simply (some do not
     * cascade, some form cycles): a table whose rows are still referenced is tried again
     * after the others, until a round removes nothing more. Deleting the history lets the
     * live-state triggers do their work (and queue an update, deleted with the queue), so
     * what is reported is what the project held when the delete began.
     */
    PERFORM privacy.lock_projects(ARRAY[v_project]);
    SELECT jsonb_object_agg(c.table_name, c.row_count) INTO v_counts FROM privacy.project_row_counts(v_project) c;
    v_pending := ARRAY(SELECT t.table_name FROM privacy.project_tables() t);
    LOOP
        v_progress := false;
        FOREACH v_table IN ARRAY v_pending LOOP
            BEGIN
                EXECUTE format('DELETE FROM %s WHERE project_id = $1', v_table::regclass) USING v_project;
                v_pending := array_remove(v_pending, v_table);
                v_progress := true;
            EXCEPTION WHEN foreign_key_violation THEN
                v_blocked := v_table;
            END;
        END LOOP;
        EXIT WHEN cardinality(v_pending) = 0;
        IF NOT v_progress THEN
            RAISE EXCEPTION 'cannot delete project %: the rows of % are still referenced', quote_literal(p_project), v_blocked
                USING ERRCODE = 'foreign_key_violation', HINT = 'a table outside the project refers to them; nothing was deleted';
        END IF;
    END LOOP;
    DELETE FROM core.projects p WHERE p.project_id = v_project;
    PERFORM privacy.refresh_materialized_views();
    RETURN QUERY SELECT e.key, e.value::bigint FROM jsonb_each_text(v_counts) e
                  ORDER BY e.key = 'core.projects', e.key;
END
$function$;
COMMENT ON FUNCTION api.project_delete(text) IS 'Deletes a project completely, in one transaction: its rows in every table with a project_id column (history, live pattern state, discoveries, learning, workflow links, queue entries, archived rows), then the project; refreshes the materialized views. Returns the rows the project held per table, as api.project_rows said beforehand. Raises P0002 for an unknown project.';
REVOKE ALL ON FUNCTION api.project_delete(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.project_delete(text) TO pgpattern_admin;
