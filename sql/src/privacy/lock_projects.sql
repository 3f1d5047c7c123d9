CREATE OR REPLACE FUNCTION privacy.lock_projects(p_projects bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project bigint;
BEGIN
    -- Waits for the project's ingest ('pgpi', migrator/ingest.py) and discovery ('pdis').
    FOREACH v_project IN ARRAY p_projects LOOP
        PERFORM pg_advisory_xact_lock(core.lock_class('ingest'), v_project::integer);
        PERFORM pg_advisory_xact_lock(core.lock_class('discovery'), v_project::integer);
    END LOOP;
END
$function$;
COMMENT ON FUNCTION privacy.lock_projects(bigint[]) IS 'Takes, until the end of the transaction, the advisory locks an ingest and a discovery of each project take, so that neither writes while a project is forgotten in or deleted.';
REVOKE ALL ON FUNCTION privacy.lock_projects(bigint[]) FROM PUBLIC;
