CREATE OR REPLACE FUNCTION privacy.audit_status()
 RETURNS TABLE(check_name text, status text, detail text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_log     text := current_setting('pgaudit.log', true);
    v_missing text[];
    v_role    text := current_setting('pgaudit.role', true);
BEGIN
    -- Without pgaudit the audit is off: a warning, as for pg_cron.
    check_name := 'audit: pgaudit';
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'pgaudit') THEN
        status := 'ok';
        detail := format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'pgaudit'));
    ELSIF NOT (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pgaudit']) THEN
        status := 'warn';
        detail := CASE WHEN EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pgaudit')
                       THEN 'not in shared_preload_libraries: nothing is audited (add pgaudit, restart, pgpattern migrate)'
                       ELSE 'not on this server (Debian package postgresql-15-pgaudit): nothing is audited' END;
    ELSE
        status := 'warn';
        detail := 'preloaded but the extension is not created: run pgpattern migrate, or CREATE EXTENSION pgaudit';
    END IF;
    RETURN NEXT;

    check_name := 'audit: settings';
    IF v_role IS DISTINCT FROM 'pgpattern_auditor' THEN
        status := CASE WHEN v_role IS NULL THEN 'warn' ELSE 'fail' END;
        detail := format('pgaudit.role is %s, not pgpattern_auditor: reads and writes of personal data are not logged',
                         coalesce(quote_literal(v_role), 'unset'));
    ELSIF NOT (string_to_array(replace(lower(v_log), ' ', ''), ',') @> ARRAY['ddl', 'role']) THEN
        status := 'fail';
        detail := format('pgaudit.log is %s: it should include ddl and role', quote_literal(v_log));
    ELSE
        status := 'ok';
        detail := format('pgaudit.role = pgpattern_auditor, pgaudit.log = %s', quote_literal(v_log));
    END IF;
    RETURN NEXT;

    -- Complete: every table that should be audited is (the audit role holds its privileges).
    check_name := 'audit: coverage';
    SELECT array_agg(a.table_name::text ORDER BY a.table_name::text) INTO v_missing
      FROM privacy.audited_columns() a
     WHERE CASE WHEN a.column_names IS NULL
                THEN EXISTS (SELECT FROM unnest('{SELECT,INSERT,UPDATE,DELETE}'::text[]) p
                              WHERE NOT has_table_privilege('pgpattern_auditor', a.table_name, p))
                ELSE EXISTS (SELECT FROM unnest(a.column_names) c, unnest('{SELECT,INSERT,UPDATE}'::text[]) p
                              WHERE NOT has_column_privilege('pgpattern_auditor', a.table_name, c, p)) END;
    status := CASE WHEN v_missing IS NULL THEN 'ok' ELSE 'fail' END;
    detail := CASE WHEN v_missing IS NULL
                   THEN format('%s tables audited', (SELECT count(*) FROM privacy.audited_columns()))
                   ELSE format('not audited: %s (run SELECT privacy.grant_audit())', array_to_string(v_missing, ', ')) END;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION privacy.audit_status() IS 'Whether auditing is on and complete: pgaudit installed (warn when not, as for pg_cron), pgaudit.role and pgaudit.log set, and every table of privacy.audited_columns() granted to the audit role. Rows of check_name, status (ok, warn, fail), detail; pgpattern verify prints them.';
REVOKE ALL ON FUNCTION privacy.audit_status() FROM PUBLIC;
