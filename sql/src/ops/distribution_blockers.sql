CREATE OR REPLACE FUNCTION ops.distribution_blockers()
 RETURNS TABLE(table_name text, constraint_name text, problem text)
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Project-scoped: a table of pgpattern's schemas with a project_id column, except core.projects,
    -- which defines project_id (a reference table, copied to every node, in a distributed plan).
    -- Partitions follow their parent and are not listed.
    WITH scoped AS (
        SELECT c.oid, a.attnum
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped
         WHERE n.nspname = ANY (ops.project_schemas()) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND c.oid <> 'core.projects'::regclass
    ), unique_keys AS (
        SELECT k.conrelid AS oid, k.conname::text AS name, k.conkey AS cols,
               CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint'
                              ELSE 'exclusion constraint' END AS kind
          FROM pg_constraint k
         WHERE k.contype IN ('p', 'u', 'x') AND k.conrelid IN (SELECT s.oid FROM scoped s)
        UNION ALL
        SELECT i.indrelid, i.indexrelid::regclass::text, i.indkey::int2[], 'unique index'
          FROM pg_index i
         WHERE i.indisunique AND i.indrelid IN (SELECT s.oid FROM scoped s)
           AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
    )
    SELECT u.oid::regclass::text, u.name, format('%s without project_id', u.kind)
      FROM unique_keys u JOIN scoped s USING (oid)
     WHERE NOT s.attnum = ANY (u.cols)
    UNION ALL
    -- A foreign key between two project-scoped tables must match project_id with project_id.
    SELECT f.conrelid::regclass::text, f.conname::text,
           format('foreign key to %s without project_id = project_id', f.confrelid::regclass)
      FROM pg_constraint f
      JOIN scoped s ON s.oid = f.conrelid
      JOIN scoped t ON t.oid = f.confrelid
     WHERE f.contype = 'f'
       AND NOT EXISTS (SELECT FROM generate_subscripts(f.conkey, 1) i
                        WHERE f.conkey[i] = s.attnum AND f.confkey[i] = t.attnum)
    UNION ALL
    -- A table without project_id that references a project-scoped one can be neither a
    -- reference table (it would point into shards) nor distributed (it has no project_id).
    SELECT f.conrelid::regclass::text, f.conname::text,
           format('foreign key to the project-scoped %s from a table without project_id', f.confrelid::regclass)
      FROM pg_constraint f
      JOIN pg_class c ON c.oid = f.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE f.contype = 'f' AND f.confrelid IN (SELECT t.oid FROM scoped t)
       AND f.conrelid NOT IN (SELECT s.oid FROM scoped s) AND NOT c.relispartition
       AND n.nspname = ANY (ops.project_schemas())
$function$;
COMMENT ON FUNCTION ops.distribution_blockers() IS 'What keeps the schema from being distributed by project_id (Citus): per project-scoped table (a table with a project_id column, core.projects aside), each primary key, unique constraint or unique index without project_id, each foreign key to another project-scoped table that does not match project_id with project_id, and each foreign key into a project-scoped table from a table without project_id. Empty when the schema is ready. pgpattern verify reports it as the check "distributable by project".';
GRANT EXECUTE ON FUNCTION ops.distribution_blockers() TO pgpattern_admin;
