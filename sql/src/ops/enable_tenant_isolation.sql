CREATE OR REPLACE FUNCTION ops.enable_tenant_isolation(p_table regclass)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    /*
     * Row-level security on a project-scoped table: pgpattern_app reaches the rows of
     * learning.current_tenant() only (policy tenant_isolation, for reading and
     * writing), pgpattern_writer every row (policy full_access). Grants pgpattern_app
     * SELECT, INSERT, UPDATE and DELETE on the table (not on its partitions).
     */
    IF NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = 'project_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table % has no project_id column to isolate tenants by', p_table
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO pgpattern_app
                        USING (project_id = (SELECT learning.current_tenant()))
                        WITH CHECK (project_id = (SELECT learning.current_tenant()))', p_table);
    EXECUTE format('COMMENT ON POLICY tenant_isolation ON %s IS %L', p_table,
                   'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.');
    EXECUTE format('CREATE POLICY full_access ON %s AS PERMISSIVE FOR ALL TO pgpattern_writer USING (true) WITH CHECK (true)',
                   p_table);
    EXECUTE format('COMMENT ON POLICY full_access ON %s IS %L', p_table,
                   'pgpattern_writer and pgpattern_admin keep every row.');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO pgpattern_app', p_table);
END
$function$;
COMMENT ON FUNCTION ops.enable_tenant_isolation(regclass) IS 'Puts a table with project_id under tenant isolation: row-level security with a tenant_isolation policy for pgpattern_app (project_id = learning.current_tenant()) and a full_access policy for pgpattern_writer; grants pgpattern_app the table.';
GRANT EXECUTE ON FUNCTION ops.enable_tenant_isolation(regclass) TO pgpattern_admin;
