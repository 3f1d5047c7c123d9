"""What the privacy tests look with: every stored value of a database, from the catalog."""

from __future__ import annotations

import psycopg

# Every table and materialized view outside the system schemas.
RELATIONS = """
    SELECT n.nspname, c.relname, c.oid
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
       AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
     ORDER BY 1, 2"""

COLUMNS = """
    SELECT a.attname, t.typname, t.typcategory
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
     WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped
       AND (t.typcategory IN ('S', 'A') OR t.typname IN ('json', 'jsonb', 'bytea'))"""


def find_everywhere(conninfo: str, needles: list[str]) -> dict[str, int]:
    """{"schema.table.column": rows} for every text, json, array and bytea column holding a needle.

    Case-insensitive for text; byte strings are searched for the UTF-8 bytes as given and lower-cased.
    """
    found: dict[str, int] = {}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for schema, table, oid in conn.execute(RELATIONS).fetchall():
            for column, type_name, _category in conn.execute(COLUMNS, (oid,)).fetchall():
                ident = psycopg.sql.Identifier
                if type_name == "bytea":
                    condition = psycopg.sql.SQL(" OR ").join(
                        psycopg.sql.SQL("position(convert_to({}, 'UTF8') IN {}) > 0").format(
                            psycopg.sql.Literal(v), ident(column)) for n in needles for v in {n, n.lower()})
                else:
                    condition = psycopg.sql.SQL(" OR ").join(
                        psycopg.sql.SQL("strpos(lower({}::text), lower({})) > 0").format(
                            ident(column), psycopg.sql.Literal(n)) for n in needles)
                count = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}.{} WHERE {}").format(
                    ident(schema), ident(table), condition)).fetchone()[0]
                if count:
                    found[f"{schema}.{table}.{column}"] = count
    return found


def project_rows_everywhere(conninfo: str, project_id: int) -> dict[str, int]:
    """{"schema.table": rows} of every table or materialized view with a project_id column holding the project."""
    found: dict[str, int] = {}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for schema, table, oid in conn.execute(RELATIONS).fetchall():
            has = conn.execute("SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = %s AND attname = 'project_id' "
                               "AND NOT attisdropped)", (oid,)).fetchone()[0]
            if not has:
                continue
            count = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}.{} WHERE project_id = %s").format(
                psycopg.sql.Identifier(schema), psycopg.sql.Identifier(table)), (project_id,)).fetchone()[0]
            if count:
                found[f"{schema}.{table}"] = count
    return found
