-- Deleting a tenant (issue 19): every row of a project in every table that has a
-- project_id column, found from the catalog (so tables added later are included, archived
-- rows too), then the project itself. api.project_rows() says first what would go.
CREATE FUNCTION privacy.project_tables()
RETURNS TABLE (table_oid oid, table_name text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Partitioned tables are reached through their parent; core.projects comes last. Tables
    -- no other table refers to go first, so that each reports its own rows (not a cascade's).
    SELECT c.oid, format('%I.%I', n.nspname, c.relname)
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
       AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
       AND c.oid <> 'core.projects'::regclass
     ORDER BY n.nspname <> 'git',
              (SELECT count(*) FROM pg_constraint f WHERE f.confrelid = c.oid AND f.conrelid <> c.oid AND f.contype = 'f'),
              2
$$;
COMMENT ON FUNCTION privacy.project_tables() IS 'Every table with a project_id column (partitioned ones by their parent, archived copies included) except core.projects: what a project''s deletion reaches, in the order it deletes: git first (the live pattern state follows the history out), tables no other refers to before those referred to.';

CREATE FUNCTION privacy.project_row_counts(p_project_id bigint)
RETURNS TABLE (table_name text, row_count bigint)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_table record;
BEGIN
    -- The tables holding rows of the project, and how many (core.projects last).
    FOR v_table IN SELECT * FROM privacy.project_tables() LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE project_id = $1', v_table.table_name::regclass)
          INTO row_count USING p_project_id;
        CONTINUE WHEN row_count = 0;
        table_name := v_table.table_name;
        RETURN NEXT;
    END LOOP;
    table_name := 'core.projects';
    SELECT count(*) INTO row_count FROM core.projects p WHERE p.project_id = p_project_id;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION privacy.project_row_counts(bigint) IS 'The rows of a project per table that holds any, over every table with a project_id column, core.projects last.';

CREATE FUNCTION api.project_rows(p_project text)
RETURNS TABLE (table_name text, row_count bigint)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM privacy.project_row_counts(patterns.project_id(p_project))
$$;
COMMENT ON FUNCTION api.project_rows(text) IS 'The rows of a project per table, in every table with a project_id column: what api.project_delete(p_project) would remove. Raises P0002 for an unknown project.';
REVOKE EXECUTE ON FUNCTION api.project_rows(text) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.project_rows(text) TO pgpattern_admin;

CREATE FUNCTION api.project_delete(p_project text)
RETURNS TABLE (table_name text, rows_removed bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION api.project_delete(text) IS 'Deletes a project completely, in one transaction: its rows in every table with a project_id column (history, live pattern state, discoveries, learning, workflow links, queue entries, archived rows), then the project; refreshes the materialized views. Returns the rows the project held per table, as api.project_rows said beforehand. Raises P0002 for an unknown project.';
REVOKE EXECUTE ON FUNCTION api.project_delete(text) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.project_delete(text) TO pgpattern_admin;
