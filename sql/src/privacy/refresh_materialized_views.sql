CREATE OR REPLACE FUNCTION privacy.refresh_materialized_views()
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_view record;
BEGIN
    -- Materialized views keep copies of rows: after a forget or a delete they are refreshed.
    FOR v_view IN
        SELECT n.nspname, c.relname,
               EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indpred IS NULL) AS has_unique
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm' AND c.relispopulated
           AND n.nspname IN ('core', 'git', 'patterns', 'learning', 'workflow', 'api', 'archive')
         ORDER BY 1, 2
    LOOP
        EXECUTE format('REFRESH MATERIALIZED VIEW %s %I.%I',
                       CASE WHEN v_view.has_unique THEN 'CONCURRENTLY' ELSE '' END, v_view.nspname, v_view.relname);
    END LOOP;
END
$function$;
COMMENT ON FUNCTION privacy.refresh_materialized_views() IS 'Refreshes every populated materialized view of the project schemas (CONCURRENTLY where a unique index allows), so that no copy keeps forgotten or deleted rows.';
REVOKE ALL ON FUNCTION privacy.refresh_materialized_views() FROM PUBLIC;
