CREATE OR REPLACE FUNCTION api.mark_sensitive(p_table_name text, p_column name)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.mark_sensitive(text,name) IS 'Marks a text or jsonb column of a learning or workflow table sensitive (e.g. learning.ml_models.hyperparameters): its values are encrypted now, and from then on as they are written, under the session''s key (needed). Returns how many values it holds.';
REVOKE ALL ON FUNCTION api.mark_sensitive(text,name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.mark_sensitive(text,name) TO pgpattern_admin;
