CREATE OR REPLACE FUNCTION learning.reaches_every_tenant(p_table regclass, p_writing boolean)
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    /*
     * Whether learning.calling_role() reaches every project's rows of p_table without
     * pgpattern.tenant, as row-level security lets it: a superuser, a role with BYPASSRLS,
     * the table's owner or pgpattern_writer (policy full_access), and for reading also
     * pgpattern_reader, which reads every project through api. Not pgpattern_app, and not
     * a role unknown here (fail closed).
     */
    SELECT coalesce(bool_or(r.rolsuper OR r.rolbypassrls
                            OR pg_has_role(r.oid, c.relowner, 'USAGE')
                            OR pg_has_role(r.oid, 'pgpattern_writer', 'USAGE')
                            OR (NOT p_writing AND pg_has_role(r.oid, 'pgpattern_reader', 'USAGE'))), false)
      FROM pg_roles r, pg_class c
     WHERE r.rolname = learning.calling_role() AND c.oid = p_table
$function$;
COMMENT ON FUNCTION learning.reaches_every_tenant(regclass,boolean) IS 'Whether the calling role (learning.calling_role()) reaches every project''s rows of the table without pgpattern.tenant: superuser, BYPASSRLS, the table''s owner or pgpattern_writer; for reading (p_writing false) also pgpattern_reader. False for pgpattern_app.';
GRANT EXECUTE ON FUNCTION learning.reaches_every_tenant(regclass,boolean) TO pgpattern_writer;
