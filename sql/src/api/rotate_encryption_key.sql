CREATE OR REPLACE FUNCTION api.rotate_encryption_key(p_old_key text, p_new_key text, p_batch_size integer DEFAULT 1000)
 RETURNS TABLE(table_name text, column_name name, rotated bigint, remaining bigint)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.rotate_encryption_key(text,text,integer) IS 'Re-encrypts up to p_batch_size sensitive values from the old key to the new one, and returns per field how many it re-encrypted and how many remain under the old key. Resumable: call it again until nothing remains (each call its own transaction). Raises 22023 for a missing or unchanged key, 28P01 when a value is under neither key (the old key is wrong).';
REVOKE ALL ON FUNCTION api.rotate_encryption_key(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.rotate_encryption_key(text,text,integer) TO pgpattern_admin;
