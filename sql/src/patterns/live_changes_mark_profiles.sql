CREATE OR REPLACE FUNCTION patterns.live_changes_mark_profiles()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_rows text;
BEGIN
    FOREACH v_rows IN ARRAY TG_ARGV LOOP
        -- Not for a project being deleted (its rows go with it).
        EXECUTE format('INSERT INTO patterns.file_profiles_stale (project_id, file_id)
                        SELECT DISTINCT r.project_id, r.file_id FROM %I r
                         WHERE EXISTS (SELECT FROM core.projects p WHERE p.project_id = r.project_id)
                        ON CONFLICT DO NOTHING', v_rows);
    END LOOP;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION patterns.live_changes_mark_profiles() IS 'After a write of patterns.live_changes: records the files of the rows written (transition tables named by the trigger''s arguments) in patterns.file_profiles_stale.';
GRANT EXECUTE ON FUNCTION patterns.live_changes_mark_profiles() TO pgpattern_writer;
