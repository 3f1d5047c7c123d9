CREATE OR REPLACE FUNCTION privacy.encrypt_sensitive_fields()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_changes jsonb := '{}'::jsonb;
    v_field   record;
    v_key     text := privacy.session_key();
    v_new     jsonb := to_jsonb(NEW);
    v_old     jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
    v_value   jsonb;
BEGIN
    -- BEFORE INSERT OR UPDATE: a sensitive column's new clear value is stored encrypted.
    FOR v_field IN
        SELECT f.column_name, t.typname = 'jsonb' AS is_json
          FROM privacy.sensitive_fields f
          JOIN pg_attribute a ON a.attrelid = f.table_name AND a.attname = f.column_name
          JOIN pg_type t ON t.oid = a.atttypid
         WHERE f.table_name = TG_RELID
    LOOP
        v_value := v_new -> v_field.column_name;
        CONTINUE WHEN v_value IS NULL OR v_value = 'null'::jsonb
                   OR v_value IS NOT DISTINCT FROM v_old -> v_field.column_name
                   OR privacy.is_encrypted(CASE WHEN v_field.is_json THEN v_value ->> 'pgpattern_encrypted'
                                                ELSE v_value #>> '{}' END);
        IF v_key IS NULL THEN
            RAISE EXCEPTION '%.% is encrypted: writing it needs the encryption key', TG_TABLE_NAME, v_field.column_name
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'set pgpattern.encryption_key on the connection (the pgpattern command reads PGPATTERN_ENCRYPTION_KEY)';
        END IF;
        v_changes := v_changes || jsonb_build_object(v_field.column_name,
            CASE WHEN v_field.is_json
                 THEN jsonb_build_object('pgpattern_encrypted', privacy.encrypted(v_value::text, v_key))
                 ELSE to_jsonb(privacy.encrypted(v_value #>> '{}', v_key)) END);
    END LOOP;
    IF v_changes <> '{}'::jsonb THEN
        NEW := jsonb_populate_record(NEW, v_changes);
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION privacy.encrypt_sensitive_fields() IS 'BEFORE INSERT OR UPDATE trigger of a table with sensitive fields: encrypts each new clear value of a column in privacy.sensitive_fields under the session''s key (pgpattern.encryption_key), and refuses the write (55000) without one. Values already encrypted, and unchanged ones, pass as they are. SECURITY DEFINER: writers need no rights in schema privacy.';
REVOKE ALL ON FUNCTION privacy.encrypt_sensitive_fields() FROM PUBLIC;
