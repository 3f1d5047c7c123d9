-- DROP OWNED BY revokes the roles' rights and default privileges in this database.
-- A role still granted rights in another database of the server stays, with a notice.
DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['pgpattern_admin', 'pgpattern_writer', 'pgpattern_reader'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            EXECUTE format('DROP OWNED BY %I', v_role);
            BEGIN
                EXECUTE format('DROP ROLE %I', v_role);
            EXCEPTION WHEN dependent_objects_still_exist THEN
                RAISE NOTICE 'role % kept: another database of this server still grants it rights', v_role;
            END;
        END IF;
    END LOOP;
END
$$;
