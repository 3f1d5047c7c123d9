CREATE OR REPLACE FUNCTION ops.disable_tenant_isolation(p_table regclass)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Undoes ops.enable_tenant_isolation.
    EXECUTE format('REVOKE ALL ON %s FROM pgpattern_app', p_table);
    EXECUTE format('DROP POLICY IF EXISTS full_access ON %s', p_table);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', p_table);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', p_table);
END
$function$;
COMMENT ON FUNCTION ops.disable_tenant_isolation(regclass) IS 'Takes a table out of tenant isolation: drops its two policies, disables row-level security, revokes pgpattern_app''s rights.';
GRANT EXECUTE ON FUNCTION ops.disable_tenant_isolation(regclass) TO pgpattern_admin;
