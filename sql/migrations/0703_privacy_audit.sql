-- Audit logging with pgaudit (issue 19). Object auditing: pgaudit logs a statement that
-- reads or writes a relation (or column) its audit role, pgaudit.role = pgpattern_auditor,
-- holds a privilege on. That role is granted exactly what is audited: every learning and
-- workflow table, and the personal columns of git and patterns; a pattern query touches
-- none of it, so it is not logged. DDL and role changes are logged by session auditing
-- (pgaudit.log = 'ddl, role'). The embedded server sets both (migrator/server.py); another
-- server needs them in its configuration, and privacy.audit_status() (pgpattern verify)
-- says what is missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pgpattern_auditor') THEN
        BEGIN
            CREATE ROLE pgpattern_auditor NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- created meanwhile by a migration of another database
        END;
    END IF;
    -- pgaudit's event triggers (object names of DDL) come with its extension, which the
    -- server accepts only once pgaudit is preloaded.
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgaudit')
       AND string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pgaudit'] THEN
        CREATE EXTENSION pgaudit;
        INSERT INTO ops.managed_extensions (extension_name) VALUES ('pgaudit');
    END IF;
END
$$;
COMMENT ON ROLE pgpattern_auditor IS 'pgpattern: the pgaudit audit role (pgaudit.role). Never used to log in: a statement is audited when it touches a relation or column this role holds a privilege on (privacy.audited_columns()).';

CREATE FUNCTION privacy.audited_columns()
RETURNS TABLE (table_name regclass, column_names name[])
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Whole tables (column_names NULL): learning and workflow. Columns: who people are.
    SELECT c.oid::regclass, NULL::name[]
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('learning', 'workflow') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    UNION ALL
    SELECT t.table_name::regclass, t.column_names
      FROM (VALUES ('git.commits', '{author_name,author_email,committer_name,committer_email,message,raw_object}'::name[]),
                   ('git.authors', '{author_key}'),
                   ('patterns.live_commits', '{author_key,author_name}'),
                   ('patterns.developer_patterns', '{author_email,author_name,frequent_collaborators}'),
                   ('core.sessions', '{developer}')) t(table_name, column_names)
     WHERE to_regclass(t.table_name) IS NOT NULL
     ORDER BY 1
$$;
COMMENT ON FUNCTION privacy.audited_columns() IS 'What pgaudit audits: every learning and workflow table (column_names NULL: all of it, reads and writes) and the personal columns of git, patterns and core (reads and writes of those columns).';

CREATE FUNCTION privacy.grant_audit()
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION privacy.grant_audit() IS 'Grants the audit role pgpattern_auditor what privacy.audited_columns() lists, so that pgaudit logs every access to it; returns the tables granted. Run by migration 0703; new learning and workflow tables get the grants by default privileges.';
SELECT privacy.grant_audit();
ALTER DEFAULT PRIVILEGES IN SCHEMA learning, workflow GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pgpattern_auditor;

CREATE FUNCTION privacy.audit_status()
RETURNS TABLE (check_name text, status text, detail text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION privacy.audit_status() IS 'Whether auditing is on and complete: pgaudit installed (warn when not, as for pg_cron), pgaudit.role and pgaudit.log set, and every table of privacy.audited_columns() granted to the audit role. Rows of check_name, status (ok, warn, fail), detail; pgpattern verify prints them.';
