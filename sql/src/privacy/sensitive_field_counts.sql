CREATE OR REPLACE FUNCTION privacy.sensitive_field_counts()
 RETURNS TABLE(table_name text, column_name name, encrypted bigint, clear bigint)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_field record;
    v_stored bigint;
BEGIN
    FOR v_field IN
        SELECT n.nspname, c.relname, f.column_name
          FROM privacy.sensitive_fields f
          JOIN pg_class c ON c.oid = f.table_name
          JOIN pg_namespace n ON n.oid = c.relnamespace
         ORDER BY 1, 2, 3
    LOOP
        -- A json field holds {"pgpattern_encrypted": <stored text>}; a text field the stored text.
        EXECUTE format($q$SELECT count(*) FILTER (WHERE privacy.is_encrypted(s.v)), count(s.v)
                            FROM (SELECT coalesce(to_jsonb(t.%1$I) ->> 'pgpattern_encrypted',
                                                  to_jsonb(t.%1$I) #>> '{}') AS v
                                    FROM %2$I.%3$I t) s$q$,
                       v_field.column_name, v_field.nspname, v_field.relname)
           INTO encrypted, v_stored;
        table_name := format('%s.%s', v_field.nspname, v_field.relname);
        column_name := v_field.column_name;
        clear := v_stored - encrypted;
        RETURN NEXT;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION privacy.sensitive_field_counts() IS 'Per sensitive field (privacy.sensitive_fields): its table, column, and how many of its values are stored encrypted and in clear. `pgpattern encryption status` prints it.';
REVOKE ALL ON FUNCTION privacy.sensitive_field_counts() FROM PUBLIC;
