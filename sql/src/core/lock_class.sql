CREATE OR REPLACE FUNCTION core.lock_class(p_lock text)
 RETURNS integer
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    /*
     * The first key of the two-key advisory locks taken per project (the second is the
     * project id), four ASCII letters read as an integer so that pg_locks shows which is
     * which. pgpattern/ingest.py and pgpattern/report.py take the ingest and discovery locks
     * from Python with the same numbers (a test holds them equal).
     */
    RETURN CASE p_lock
        WHEN 'discovery' THEN 1885630573  -- 'pdis': one discovery or update run per project
        WHEN 'ingest' THEN 1885827177     -- 'pgpi': an ingest writes the project's history
        WHEN 'live' THEN 1819702885       -- 'live': the live state is counted
        WHEN 'lineage' THEN 1818848865    -- 'lina': the lineage is refreshed
    END;
END
$function$;
COMMENT ON FUNCTION core.lock_class(text) IS 'The class (first key) of the per-project advisory locks: discovery (''pdis''), ingest (''pgpi''), live (''live''), lineage (''lina''); the second key is the project id. NULL for any other name.';
