REVOKE ALL ON learning.system_performance_metrics FROM pgpattern_app;
REVOKE ALL ON learning.evolution_experiment_templates FROM pgpattern_app;
SELECT ops.disable_tenant_isolation(c.oid)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'learning' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation');
DROP FUNCTION ops.disable_tenant_isolation(regclass);
DROP FUNCTION ops.enable_tenant_isolation(regclass);
DROP FUNCTION learning.current_tenant();
REVOKE USAGE ON SCHEMA learning, api FROM pgpattern_app;
-- PUBLIC gets back EXECUTE of the api functions the reader may execute (not those revoked from both before).
DO $$
DECLARE
    v_function regprocedure;
BEGIN
    FOR v_function IN
        SELECT p.oid FROM pg_proc p
         WHERE p.pronamespace = 'api'::regnamespace
           AND has_function_privilege('pgpattern_reader', p.oid, 'EXECUTE')
           AND NOT has_function_privilege('public', p.oid, 'EXECUTE')
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', v_function);
    END LOOP;
END
$$;
-- The role belongs to the server: it goes when no other database grants it anything.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pgpattern_app') THEN
        DROP OWNED BY pgpattern_app;
        BEGIN
            DROP ROLE pgpattern_app;
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'role pgpattern_app kept: another database of this server still grants it rights';
        END;
    END IF;
END
$$;
