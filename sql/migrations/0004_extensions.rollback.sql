DO $$
DECLARE
    v_extension name;
BEGIN
    FOR v_extension IN SELECT extension_name FROM ops.managed_extensions LOOP
        EXECUTE format('DROP EXTENSION IF EXISTS %I', v_extension);
    END LOOP;
END
$$;
DROP FUNCTION ops.pg_cron_status();
DROP TABLE ops.managed_extensions;
