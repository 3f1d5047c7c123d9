CREATE OR REPLACE FUNCTION core.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- Keeps updated_at true without trusting every writer to set it.
    NEW.updated_at := now();
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION core.touch_updated_at() IS 'BEFORE UPDATE trigger function: sets updated_at to now().';
GRANT EXECUTE ON FUNCTION core.touch_updated_at() TO pgpattern_writer;
