-- Values stay encrypted: decrypt them first (UPDATE ... SET col = api.decrypted(col) with the
-- key set, after dropping the table's encrypt trigger) if they are to be read without pgpattern.
DO $$
DECLARE
    v_trigger record;
BEGIN
    FOR v_trigger IN SELECT g.tgname, g.tgrelid::regclass AS table_name FROM pg_trigger g
                      WHERE g.tgfoid = 'privacy.encrypt_sensitive_fields()'::regprocedure LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', v_trigger.tgname, v_trigger.table_name);
    END LOOP;
END
$$;
DROP FUNCTION api.rotate_encryption_key(text, text, integer);
DROP FUNCTION api.mark_sensitive(text, name);
DROP FUNCTION api.decrypted_json(jsonb);
DROP FUNCTION api.decrypted(text);
DROP FUNCTION privacy.encrypt_sensitive_fields();
DROP FUNCTION privacy.decrypted(text, text);
DROP FUNCTION privacy.encrypted(text, text);
DROP FUNCTION privacy.is_encrypted(text);
DROP FUNCTION privacy.key_tag(text);
DROP FUNCTION privacy.session_key();
DROP TABLE privacy.sensitive_fields;
DO $$
BEGIN
    IF EXISTS (SELECT FROM ops.managed_extensions WHERE extension_name = 'pgcrypto') THEN
        DROP EXTENSION pgcrypto;
        DELETE FROM ops.managed_extensions WHERE extension_name = 'pgcrypto';
    END IF;
END
$$;
