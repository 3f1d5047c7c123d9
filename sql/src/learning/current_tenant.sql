CREATE OR REPLACE FUNCTION learning.current_tenant()
 RETURNS bigint
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION learning.current_tenant() IS 'The project the session acts for: the setting pgpattern.tenant as a project_id, NULL when unset; raises 22023 when it is not a positive integer. The row-level security policies of the learning tables compare project_id with it.';
GRANT EXECUTE ON FUNCTION learning.current_tenant() TO pgpattern_writer;
