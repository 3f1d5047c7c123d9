DROP FUNCTION privacy.audit_status();
DROP FUNCTION privacy.grant_audit();
DROP FUNCTION privacy.audited_columns();
ALTER DEFAULT PRIVILEGES IN SCHEMA learning, workflow REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM pgpattern_auditor;
DO $$
BEGIN
    IF EXISTS (SELECT FROM ops.managed_extensions WHERE extension_name = 'pgaudit') THEN
        DROP EXTENSION pgaudit;
        DELETE FROM ops.managed_extensions WHERE extension_name = 'pgaudit';
    END IF;
    -- The role belongs to the server: it goes when no other database grants it anything.
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pgpattern_auditor') THEN
        DROP OWNED BY pgpattern_auditor;
        BEGIN
            DROP ROLE pgpattern_auditor;
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'role pgpattern_auditor kept: another database of this server still grants it rights';
        END;
    END IF;
END
$$;
