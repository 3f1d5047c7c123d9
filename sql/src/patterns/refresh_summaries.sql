CREATE OR REPLACE FUNCTION patterns.refresh_summaries()
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- CONCURRENTLY keeps the summary readable while it is rebuilt. SECURITY DEFINER: only
    -- the owner may refresh, and writers run discovery.
    REFRESH MATERIALIZED VIEW CONCURRENTLY api.project_pattern_summary;
END
$function$;
COMMENT ON FUNCTION patterns.refresh_summaries() IS 'Refreshes api.project_pattern_summary without blocking its readers (pg_cron runs it every 5 minutes; discovery runs it when it completes).';
GRANT EXECUTE ON FUNCTION patterns.refresh_summaries() TO pgpattern_writer;
