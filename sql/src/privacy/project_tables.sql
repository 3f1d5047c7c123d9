CREATE OR REPLACE FUNCTION privacy.project_tables()
 RETURNS TABLE(table_oid oid, table_name text)
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Partitioned tables are reached through their parent; core.projects comes last. Tables
    -- no other table refers to go first, so that each reports its own rows (not a cascade's).
    SELECT c.oid, format('%I.%I', n.nspname, c.relname)
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
       AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
       AND c.oid <> 'core.projects'::regclass
     ORDER BY n.nspname <> 'git',
              (SELECT count(*) FROM pg_constraint f WHERE f.confrelid = c.oid AND f.conrelid <> c.oid AND f.contype = 'f'),
              2
$function$;
COMMENT ON FUNCTION privacy.project_tables() IS 'Every table with a project_id column (partitioned ones by their parent, archived copies included) except core.projects: what a project''s deletion reaches, in the order it deletes: git first (the live pattern state follows the history out), tables no other refers to before those referred to.';
REVOKE ALL ON FUNCTION privacy.project_tables() FROM PUBLIC;
