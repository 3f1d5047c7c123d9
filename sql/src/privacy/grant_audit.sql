CREATE OR REPLACE FUNCTION privacy.grant_audit()
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_granted integer := 0;
    v_target  record;
BEGIN
    -- Grants pgpattern_auditor what privacy.audited_columns() lists (pgaudit's object audit).
    FOR v_target IN SELECT * FROM privacy.audited_columns() LOOP
        IF v_target.column_names IS NULL THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO pgpattern_auditor', v_target.table_name);
        ELSE
            EXECUTE format('GRANT SELECT (%2$s), INSERT (%2$s), UPDATE (%2$s) ON %1$s TO pgpattern_auditor', v_target.table_name,
                           (SELECT string_agg(quote_ident(c), ', ') FROM unnest(v_target.column_names) c));
        END IF;
        v_granted := v_granted + 1;
    END LOOP;
    RETURN v_granted;
END
$function$;
COMMENT ON FUNCTION privacy.grant_audit() IS 'Grants the audit role pgpattern_auditor what privacy.audited_columns() lists, so that pgaudit logs every access to it; returns the tables granted. Run by migration 0703; new learning and workflow tables get the grants by default privileges.';
REVOKE ALL ON FUNCTION privacy.grant_audit() FROM PUBLIC;
