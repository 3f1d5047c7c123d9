-- Encrypted sensitive fields (issue 19): LLM prompts and responses, and the configuration
-- columns a user marks sensitive, are stored encrypted with pgcrypto (pgp_sym_encrypt)
-- under a key the database never stores: the client sets pgpattern.encryption_key on its
-- connection (pgpattern reads PGPATTERN_ENCRYPTION_KEY). A value is stored as
--     pgpattern:v1:<key tag>:<base64 of the PGP message>
-- (a json column holds {"pgpattern_encrypted": that}); the key tag, 8 hex digits of an
-- HMAC of the key, tells which key a value needs, so that a wrong key is a clear error
-- and key rotation knows what it has done (it is resumable).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgcrypto') THEN
        CREATE EXTENSION pgcrypto SCHEMA privacy;
        INSERT INTO ops.managed_extensions (extension_name) VALUES ('pgcrypto');
    END IF;
END
$$;

CREATE TABLE privacy.sensitive_fields (
    table_name  regclass NOT NULL,
    column_name name NOT NULL,
    marked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, column_name)
);
COMMENT ON TABLE privacy.sensitive_fields IS 'The columns stored encrypted (by the trigger privacy.encrypt_sensitive_fields on their table): the LLM prompts and responses from the start, configuration columns as users mark them (api.mark_sensitive).';
COMMENT ON COLUMN privacy.sensitive_fields.table_name IS 'The table.';
COMMENT ON COLUMN privacy.sensitive_fields.column_name IS 'Its text or jsonb column whose values are encrypted.';
COMMENT ON COLUMN privacy.sensitive_fields.marked_at IS 'When it was marked sensitive.';
INSERT INTO privacy.sensitive_fields (table_name, column_name)
VALUES ('learning.llm_interactions', 'prompt_text'), ('learning.llm_interactions', 'response_text');
REVOKE ALL ON privacy.sensitive_fields FROM PUBLIC;

CREATE FUNCTION privacy.session_key()
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT nullif(current_setting('pgpattern.encryption_key', true), '')
$$;
COMMENT ON FUNCTION privacy.session_key() IS 'The encryption key the client set on this connection (pgpattern.encryption_key), or NULL.';

CREATE FUNCTION privacy.key_tag(p_key text)
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
SET search_path = pg_catalog, privacy, public, pg_temp
AS $$
    SELECT left(encode(hmac('pgpattern key tag', p_key, 'sha256'), 'hex'), 8)
$$;
COMMENT ON FUNCTION privacy.key_tag(text) IS 'Which key a value was encrypted under: 8 hex digits of HMAC-SHA256(key, ''pgpattern key tag''). Says nothing usable about the key itself.';

CREATE FUNCTION privacy.is_encrypted(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_value ~ '^pgpattern:v1:[0-9a-f]{8}:'
$$;
COMMENT ON FUNCTION privacy.is_encrypted(text) IS 'Whether a stored text is an encrypted value (pgpattern:v1:<key tag>:<base64>).';

CREATE FUNCTION privacy.encrypted(p_value text, p_key text)
RETURNS text
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog, privacy, public, pg_temp
AS $$
    SELECT CASE WHEN p_value IS NULL OR privacy.is_encrypted(p_value) THEN p_value
                ELSE 'pgpattern:v1:' || privacy.key_tag(p_key) || ':'
                     || translate(encode(pgp_sym_encrypt(p_value, p_key, 'cipher-algo=aes256'), 'base64'), E'\n', '')
           END
$$;
COMMENT ON FUNCTION privacy.encrypted(text, text) IS 'The text encrypted under the key (pgp_sym_encrypt, AES-256) in pgpattern''s stored form; NULL and already encrypted values unchanged.';

CREATE FUNCTION privacy.decrypted(p_value text, p_key text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, privacy, public, pg_temp
AS $$
BEGIN
    -- Clear values (written before the field was marked) read as they are; without a key, NULL.
    IF p_value IS NULL OR NOT privacy.is_encrypted(p_value) THEN
        RETURN p_value;
    END IF;
    IF p_key IS NULL THEN
        RETURN NULL;
    END IF;
    IF split_part(p_value, ':', 3) <> privacy.key_tag(p_key) THEN
        RAISE EXCEPTION 'the encryption key does not open this value: it was encrypted under another key (tag %)',
                        split_part(p_value, ':', 3)
            USING ERRCODE = 'invalid_password',
                  HINT = 'set pgpattern.encryption_key (PGPATTERN_ENCRYPTION_KEY) to the key it was written with';
    END IF;
    RETURN pgp_sym_decrypt(decode(split_part(p_value, ':', 4), 'base64'), p_key);
END
$$;
COMMENT ON FUNCTION privacy.decrypted(text, text) IS 'The clear text of a stored value: as it is when not encrypted, NULL without a key, an invalid_password (28P01) error when the key is not the one it was encrypted under.';

CREATE FUNCTION privacy.encrypt_sensitive_fields()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION privacy.encrypt_sensitive_fields() IS 'BEFORE INSERT OR UPDATE trigger of a table with sensitive fields: encrypts each new clear value of a column in privacy.sensitive_fields under the session''s key (pgpattern.encryption_key), and refuses the write (55000) without one. Values already encrypted, and unchanged ones, pass as they are. SECURITY DEFINER: writers need no rights in schema privacy.';

CREATE TRIGGER llm_interactions_encrypt BEFORE INSERT OR UPDATE ON learning.llm_interactions
    FOR EACH ROW EXECUTE FUNCTION privacy.encrypt_sensitive_fields();
COMMENT ON TRIGGER llm_interactions_encrypt ON learning.llm_interactions IS 'Stores prompts and responses encrypted (privacy.encrypt_sensitive_fields).';

CREATE FUNCTION api.decrypted(p_value text)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT privacy.decrypted(p_value, privacy.session_key())
$$;
COMMENT ON FUNCTION api.decrypted(text) IS 'A sensitive text field in clear, under the key this connection set (pgpattern.encryption_key): e.g. SELECT api.decrypted(prompt_text) FROM learning.llm_interactions. NULL without a key; 28P01 when the key is not the one it was written with; a value that is not encrypted as it is.';
REVOKE EXECUTE ON FUNCTION api.decrypted(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.decrypted(text) TO pgpattern_reader, pgpattern_app;

CREATE FUNCTION api.decrypted_json(p_value jsonb)
RETURNS jsonb
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_value ? 'pgpattern_encrypted'
                THEN privacy.decrypted(p_value ->> 'pgpattern_encrypted', privacy.session_key())::jsonb
                ELSE p_value END
$$;
COMMENT ON FUNCTION api.decrypted_json(jsonb) IS 'A sensitive json field (a marked configuration column) in clear, under the key this connection set: e.g. SELECT api.decrypted_json(hyperparameters) FROM learning.ml_models; as api.decrypted(text).';
REVOKE EXECUTE ON FUNCTION api.decrypted_json(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.decrypted_json(jsonb) TO pgpattern_reader, pgpattern_app;

CREATE FUNCTION api.mark_sensitive(p_table_name text, p_column name)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_encrypted bigint;
    v_table     regclass := to_regclass(p_table_name);
    v_type      text;
BEGIN
    /*
     * Marks a learning or workflow column sensitive: from now on it is stored encrypted, and
     * its values stored so far are encrypted now, under the session's key.
     */
    SELECT t.typname INTO v_type
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attrelid = v_table AND a.attname = p_column AND a.attnum > 0 AND NOT a.attisdropped
       AND n.nspname IN ('learning', 'workflow');
    IF v_type IS NULL OR v_type NOT IN ('text', 'jsonb') THEN
        RAISE EXCEPTION 'cannot mark %.% sensitive: %', p_table_name, p_column,
                        CASE WHEN v_type IS NULL THEN 'no such table or column in the learning or workflow schema'
                             ELSE format('it is of type %s, not text or jsonb', v_type) END
            USING ERRCODE = 'invalid_parameter_value', HINT = 'mark a text or jsonb column of a learning or workflow table';
    END IF;
    IF privacy.session_key() IS NULL THEN
        RAISE EXCEPTION 'marking %.% sensitive needs the encryption key: its stored values are encrypted now', v_table, p_column
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'set pgpattern.encryption_key on the connection (PGPATTERN_ENCRYPTION_KEY for the pgpattern command)';
    END IF;
    INSERT INTO privacy.sensitive_fields (table_name, column_name) VALUES (v_table, p_column) ON CONFLICT DO NOTHING;
    IF NOT EXISTS (SELECT FROM pg_trigger g WHERE g.tgrelid = v_table AND g.tgfoid = 'privacy.encrypt_sensitive_fields()'::regprocedure) THEN
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION privacy.encrypt_sensitive_fields()',
                       (SELECT c.relname FROM pg_class c WHERE c.oid = v_table) || '_encrypt', v_table);
    END IF;
    -- The values stored so far (unchanged values pass the trigger as they are).
    IF v_type = 'jsonb' THEN
        EXECUTE format('UPDATE %s t SET %I = jsonb_build_object(''pgpattern_encrypted'', privacy.encrypted(t.%I::text, $1))
                         WHERE t.%I IS NOT NULL AND NOT t.%I ? ''pgpattern_encrypted''',
                       v_table, p_column, p_column, p_column, p_column)
          USING privacy.session_key();
    ELSE
        EXECUTE format('UPDATE %s t SET %I = privacy.encrypted(t.%I, $1) WHERE t.%I IS NOT NULL AND NOT privacy.is_encrypted(t.%I)',
                       v_table, p_column, p_column, p_column, p_column)
          USING privacy.session_key();
    END IF;
    EXECUTE format('SELECT count(*) FROM %s WHERE %I IS NOT NULL', v_table, p_column) INTO v_encrypted;
    RETURN v_encrypted;
END
$$;
COMMENT ON FUNCTION api.mark_sensitive(text, name) IS 'Marks a text or jsonb column of a learning or workflow table sensitive (e.g. learning.ml_models.hyperparameters): its values are encrypted now, and from then on as they are written, under the session''s key (needed). Returns how many values it holds.';
REVOKE EXECUTE ON FUNCTION api.mark_sensitive(text, name) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.mark_sensitive(text, name) TO pgpattern_admin;

CREATE FUNCTION api.rotate_encryption_key(p_old_key text, p_new_key text, p_batch_size integer DEFAULT 1000)
RETURNS TABLE (table_name text, column_name name, rotated bigint, remaining bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_budget   integer := p_batch_size;
    v_field    record;
    v_is_json  boolean;
    v_new_tag  text := privacy.key_tag(p_new_key);
    v_old_tag  text := privacy.key_tag(p_old_key);
    v_previous text := current_setting('pgpattern.encryption_key', true);
    v_stranger bigint;
BEGIN
    /*
     * Re-encrypts up to p_batch_size values under the new key: those still under the old
     * key's tag, so a call after an interruption goes on where the last one stopped. Call it
     * until every remaining is 0 (pgpattern encryption rotate commits after each call).
     */
    IF coalesce(p_new_key, '') = '' OR coalesce(p_old_key, '') = '' OR p_new_key = p_old_key THEN
        RAISE EXCEPTION 'key rotation needs the old key and a new, different one'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'the batch size must be at least 1, not %', coalesce(p_batch_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('pgpattern.encryption_key', p_new_key, true);
    FOR v_field IN
        SELECT f.table_name, f.column_name, t.typname = 'jsonb' AS is_json
          FROM privacy.sensitive_fields f
          JOIN pg_attribute a ON a.attrelid = f.table_name AND a.attname = f.column_name
          JOIN pg_type t ON t.oid = a.atttypid
         ORDER BY f.table_name::text, f.column_name
    LOOP
        v_is_json := v_field.is_json;
        table_name := v_field.table_name::text;
        column_name := v_field.column_name;
        rotated := 0;
        -- A value under neither key: the old key given is not the one in use.
        EXECUTE format($f$SELECT count(*) FROM %1$s t
                         WHERE split_part(CASE WHEN $3 THEN t.%2$I::jsonb ->> 'pgpattern_encrypted' ELSE t.%2$I::text END, ':', 3)
                               NOT IN ($1, $2)
                           AND privacy.is_encrypted(CASE WHEN $3 THEN t.%2$I::jsonb ->> 'pgpattern_encrypted' ELSE t.%2$I::text END)$f$,
                       v_field.table_name, v_field.column_name)
          INTO v_stranger USING v_old_tag, v_new_tag, v_is_json;
        IF v_stranger > 0 THEN
            RAISE EXCEPTION 'the old key does not open % values of %.%: they are encrypted under another key',
                            v_stranger, v_field.table_name, v_field.column_name
                USING ERRCODE = 'invalid_password', HINT = 'give the key the values were written with as the old key';
        END IF;
        IF v_budget > 0 THEN
            -- The trigger re-encrypts under the new key (the session's, for this transaction).
            EXECUTE format($f$
                WITH todo AS (
                    SELECT t.ctid FROM %1$s t
                     WHERE split_part(CASE WHEN $3 THEN t.%2$I::jsonb ->> 'pgpattern_encrypted' ELSE t.%2$I::text END, ':', 3) = $1
                     LIMIT $2 FOR UPDATE)
                UPDATE %1$s t
                   SET %2$I = CASE WHEN $3 THEN privacy.decrypted(t.%2$I::jsonb ->> 'pgpattern_encrypted', $4)::jsonb::%3$s
                                   ELSE privacy.decrypted(t.%2$I::text, $4)::%3$s END
                  FROM todo WHERE t.ctid = todo.ctid$f$,
                v_field.table_name, v_field.column_name, CASE WHEN v_is_json THEN 'jsonb' ELSE 'text' END)
              USING v_old_tag, v_budget, v_is_json, p_old_key;
            GET DIAGNOSTICS rotated = ROW_COUNT;
            v_budget := v_budget - rotated::integer;
        END IF;
        EXECUTE format($f$SELECT count(*) FROM %1$s t
                         WHERE split_part(CASE WHEN $2 THEN t.%2$I::jsonb ->> 'pgpattern_encrypted' ELSE t.%2$I::text END, ':', 3) = $1$f$,
                       v_field.table_name, v_field.column_name)
          INTO remaining USING v_old_tag, v_is_json;
        RETURN NEXT;
    END LOOP;
    PERFORM set_config('pgpattern.encryption_key', coalesce(v_previous, ''), true);
END
$$;
COMMENT ON FUNCTION api.rotate_encryption_key(text, text, integer) IS 'Re-encrypts up to p_batch_size sensitive values from the old key to the new one, and returns per field how many it re-encrypted and how many remain under the old key. Resumable: call it again until nothing remains (each call its own transaction). Raises 22023 for a missing or unchanged key, 28P01 when a value is under neither key (the old key is wrong).';
REVOKE EXECUTE ON FUNCTION api.rotate_encryption_key(text, text, integer) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.rotate_encryption_key(text, text, integer) TO pgpattern_admin;
