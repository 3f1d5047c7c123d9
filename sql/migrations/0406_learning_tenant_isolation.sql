-- Learning operations, tenant isolation by row-level security, as seed 001 sketches it for
-- ml_models, on every project-scoped learning table. The tenant is the project:
-- pgpattern_app is the application's role, and a session acting as it sees and writes
-- only the rows whose project_id is the value of the setting pgpattern.tenant (none while
-- it is not set). The application sets it per request or connection
-- (SET pgpattern.tenant = '42', or set_config in a transaction): the role is trusted to
-- set it, as a connection pool is. pgpattern_app is not a member of pgpattern_writer or
-- pgpattern_reader: it has the learning tables (through their policies) and the api's
-- tenant-aware A/B functions, nothing else; it cannot reach a partition directly.
-- pgpattern_writer (and so pgpattern_admin) keep every row through a permissive policy;
-- table owners and superusers bypass row-level security, so migrations, pg_cron jobs and
-- the SECURITY DEFINER api functions are unaffected.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pgpattern_app') THEN
        BEGIN
            CREATE ROLE pgpattern_app NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- created meanwhile by a migration of another database
        END;
    END IF;
END
$$;
COMMENT ON ROLE pgpattern_app IS 'pgpattern: the application acting for one tenant (project): reads and writes the learning tables, row-level security limiting it to the project named by the setting pgpattern.tenant; calls the tenant-aware api functions.';
GRANT USAGE ON SCHEMA learning, api TO pgpattern_app;
-- The api functions so far are SECURITY DEFINER and take any project_id: pgpattern_app, which
-- may use the api schema for the tenant-aware A/B functions, must not call them. Functions
-- are executable by PUBLIC by default; the api's readers have EXECUTE of their own.
DO $$
DECLARE
    v_function regprocedure;
BEGIN
    FOR v_function IN
        SELECT p.oid FROM pg_proc p
         WHERE p.pronamespace = 'api'::regnamespace
           AND has_function_privilege('public', p.oid, 'EXECUTE')
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', v_function);
    END LOOP;
END
$$;

CREATE FUNCTION learning.current_tenant()
RETURNS bigint
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_setting text := current_setting('pgpattern.tenant', true);
BEGIN
    -- The project the session acts for: the setting pgpattern.tenant, NULL when it is not set.
    IF v_setting IS NULL OR v_setting = '' THEN
        RETURN NULL;
    END IF;
    IF v_setting !~ '^[0-9]{1,18}$' THEN
        RAISE EXCEPTION 'pgpattern.tenant must be a project_id (a positive integer), not %', quote_literal(v_setting)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'SET pgpattern.tenant = ''<project_id>'' (SELECT project_id FROM core.projects names them)';
    END IF;
    RETURN v_setting::bigint;
END
$$;
COMMENT ON FUNCTION learning.current_tenant() IS 'The project the session acts for: the setting pgpattern.tenant as a project_id, NULL when unset; raises 22023 when it is not a positive integer. The row-level security policies of the learning tables compare project_id with it.';

CREATE FUNCTION ops.enable_tenant_isolation(p_table regclass)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION ops.enable_tenant_isolation(regclass) IS 'Puts a table with project_id under tenant isolation: row-level security with a tenant_isolation policy for pgpattern_app (project_id = learning.current_tenant()) and a full_access policy for pgpattern_writer; grants pgpattern_app the table.';

CREATE FUNCTION ops.disable_tenant_isolation(p_table regclass)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Undoes ops.enable_tenant_isolation.
    EXECUTE format('REVOKE ALL ON %s FROM pgpattern_app', p_table);
    EXECUTE format('DROP POLICY IF EXISTS full_access ON %s', p_table);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', p_table);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', p_table);
END
$$;
COMMENT ON FUNCTION ops.disable_tenant_isolation(regclass) IS 'Takes a table out of tenant isolation: drops its two policies, disables row-level security, revokes pgpattern_app''s rights.';

SELECT ops.enable_tenant_isolation(c.oid)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'learning' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped)
 ORDER BY c.relname;

-- Shared reference data and system telemetry: the templates are read, metrics only written.
GRANT SELECT ON learning.evolution_experiment_templates TO pgpattern_app;
GRANT INSERT ON learning.system_performance_metrics TO pgpattern_app;
