CREATE OR REPLACE FUNCTION privacy.audited_columns()
 RETURNS TABLE(table_name regclass, column_names name[])
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Whole tables (column_names NULL): learning and workflow. Columns: who people are.
    SELECT c.oid::regclass, NULL::name[]
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('learning', 'workflow') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    UNION ALL
    SELECT t.table_name::regclass, t.column_names
      FROM (VALUES ('git.commits', '{author_name,author_email,committer_name,committer_email,message,raw_object}'::name[]),
                   ('git.authors', '{author_key}'),
                   ('patterns.live_commits', '{author_key,author_name}'),
                   ('patterns.developer_patterns', '{author_email,author_name,frequent_collaborators}'),
                   ('core.sessions', '{developer}')) t(table_name, column_names)
     WHERE to_regclass(t.table_name) IS NOT NULL
     ORDER BY 1
$function$;
COMMENT ON FUNCTION privacy.audited_columns() IS 'What pgaudit audits: every learning and workflow table (column_names NULL: all of it, reads and writes) and the personal columns of git, patterns and core (reads and writes of those columns).';
REVOKE ALL ON FUNCTION privacy.audited_columns() FROM PUBLIC;
