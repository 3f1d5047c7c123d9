"""What a rollback would take away, known before it does, and the role memberships it keeps.

**Tables holding rows.** A rollback drops the tables its migrations made, and their rows
with them. Which tables a rollback drops is found by doing it: every rollback statement
runs in one transaction that is then rolled back, and the tables of the data schemas
that are gone by its end are the ones it drops. The rows counted are everything in
them except the migrations' own reference rows (REFERENCE_TABLES: rows written by the
transaction of a migration, known by their xmin being that of the migration's ledger
row; a row added or changed later counts). The ops schema is not data: its settings,
ledger and logs go without asking.

**Roles.** The group roles (``pgpattern_reader``, ``pgpattern_app``, ...) belong to the
whole server, and login roles are granted them. The landed rollbacks drop them, which
would take those memberships away for good: a later migrate makes new, empty roles.
So when a rollback step drops a role that still has members that stay, the step makes
it again in the same transaction, with its attributes, comment and memberships; only its
rights in this database are gone (the next migrate grants them again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import sql

# Schemas whose tables hold data: what rollback refuses to drop unless told.
DATA_SCHEMAS = ("core", "git", "patterns", "learning", "workflow", "archive", "privacy")
# Tables that migrations fill with rows of their own (definitions, not data).
REFERENCE_TABLES = ("workflow.pattern_fields", "patterns.discovery_retention", "privacy.secret",
                    "privacy.sensitive_fields")

TABLES = """
    SELECT c.oid, n.nspname, c.relname
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY 2, 3"""


@dataclass(frozen=True)
class Table:
    schema: str
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}"


# Tables a rollback drops after moving their rows into another table of the old layout: not a loss
# when that table holds at least their rows by the rollback's end (0820's rollback puts git.changes
# back into the text-keyed git.file_changes).
MOVED_INTO = {"git.changes": Table("git", "file_changes")}


@dataclass(frozen=True)
class TableRows:
    table: Table
    rows: int

    def __str__(self) -> str:
        return f"{self.table} ({self.rows:,} row{'' if self.rows == 1 else 's'})"


def _migration_xids(conn: psycopg.Connection) -> list[str]:
    """The transactions that applied migrations (frozen rows, xmin 2, cannot be told apart)."""
    if conn.execute("SELECT to_regclass('ops.migration_checksums')").fetchone()[0] is None:
        return []
    rows = conn.execute("SELECT DISTINCT xmin::text FROM ops.migration_checksums").fetchall()
    return [r[0] for r in rows if int(r[0]) > 2]


def _rows(conn: psycopg.Connection, table: Table, xids: list[str], count: bool) -> int:
    """The table's rows (or whether it has any), leaving out the migrations' own rows of a reference table."""
    reference = str(table) in REFERENCE_TABLES
    query = sql.SQL("SELECT count(*) FROM {}{}" if count else "SELECT EXISTS (SELECT FROM {}{})").format(
        sql.Identifier(table.schema, table.name), sql.SQL(" WHERE xmin::text <> ALL(%s)" if reference else ""))
    return conn.execute(query, (xids,) if reference else ()).fetchone()[0]


def _tables(conn: psycopg.Connection) -> dict[int, Table]:
    return {oid: Table(schema, name) for oid, schema, name in conn.execute(TABLES, (list(DATA_SCHEMAS),))}


def tables_with_rows(conn: psycopg.Connection) -> dict[int, Table]:
    """The tables of the data schemas that hold rows (partitioned ones by their parent), by oid."""
    xids = _migration_xids(conn)
    return {oid: table for oid, table in _tables(conn).items() if _rows(conn, table, xids, count=False)}


def count_rows(conn: psycopg.Connection, tables: dict[int, Table]) -> list[TableRows]:
    xids = _migration_xids(conn)
    return [TableRows(table, _rows(conn, table, xids, count=True)) for table in sorted(tables.values(), key=str)]


def dropped_by(conn: psycopg.Connection, run: Callable[[], None], tables: dict[int, Table]) -> dict[int, Table]:
    """Which of these tables run() drops, run in a transaction that is rolled back. A table dropped and made
    again by the same name with at least its rows (a rollback that moves them into the old layout), or
    whose rows move into the table MOVED_INTO names, is not."""
    xids = _migration_xids(conn)
    with conn.transaction(force_rollback=True):
        run()
        left = _tables(conn)
        names = set(left.values())
        remade = {oid: _rows(conn, MOVED_INTO.get(str(table), table), xids, count=True)
                  for oid, table in tables.items()
                  if oid not in left and MOVED_INTO.get(str(table), table) in names}
    return {oid: table for oid, table in tables.items()
            if oid not in left and (oid not in remade or remade[oid] < _rows(conn, table, xids, count=True))}


# -- roles ----------------------------------------------------------------------------------

ROLES = """
    SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
           r.rolreplication, r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil,
           pg_catalog.shobj_description(r.oid, 'pg_authid')
      FROM pg_catalog.pg_roles r"""
MEMBERSHIPS = """
    SELECT g.rolname, m.rolname, a.admin_option
      FROM pg_catalog.pg_auth_members a
      JOIN pg_catalog.pg_roles g ON g.oid = a.roleid
      JOIN pg_catalog.pg_roles m ON m.oid = a.member"""
# pg_roles attribute -> (the option when true, when false), and its default.
ATTRIBUTES = {"rolsuper": ("SUPERUSER", "NOSUPERUSER", False), "rolinherit": ("INHERIT", "NOINHERIT", True),
              "rolcreaterole": ("CREATEROLE", "NOCREATEROLE", False), "rolcreatedb": ("CREATEDB", "NOCREATEDB", False),
              "rolcanlogin": ("LOGIN", "NOLOGIN", False), "rolreplication": ("REPLICATION", "NOREPLICATION", False),
              "rolbypassrls": ("BYPASSRLS", "NOBYPASSRLS", False)}


class RoleKeeper:
    """Roles as they were before a rollback step; keep() makes those it dropped again if members stay."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.roles = {row[0]: row[1:] for row in conn.execute(ROLES).fetchall()}
        self.memberships = conn.execute(MEMBERSHIPS).fetchall()

    def keep(self) -> list[tuple[str, list[str]]]:
        """Roles the step dropped that had members left: made again. (role, its members) each."""
        left = {row[0] for row in self.conn.execute("SELECT rolname FROM pg_catalog.pg_roles").fetchall()}
        gone = set(self.roles) - left
        kept: set[str] = set()
        while True:  # a role with a kept member is kept too (pgpattern_writer is a member of pgpattern_reader)
            more = {g for g, m, _ in self.memberships if g in gone - kept and m in left | kept}
            if not more:
                break
            kept |= more
        for role in sorted(kept):
            self._create(role)
        for group, member, admin in self.memberships:
            if (group in kept or member in kept) and group in left | kept and member in left | kept:
                self.conn.execute(sql.SQL("GRANT {} TO {}{}").format(
                    sql.Identifier(group), sql.Identifier(member), sql.SQL(" WITH ADMIN OPTION" if admin else "")))
        return [(role, sorted(m for g, m, _ in self.memberships if g == role and m in left | kept))
                for role in sorted(kept)]

    def _create(self, role: str) -> None:
        values = dict(zip(("rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin",
                           "rolreplication", "rolbypassrls", "rolconnlimit", "rolvaliduntil", "comment"),
                          self.roles[role]))
        options = [sql.SQL(on if values[attr] else off) for attr, (on, off, default) in ATTRIBUTES.items()
                   if values[attr] != default]
        if values["rolconnlimit"] != -1:
            options.append(sql.SQL("CONNECTION LIMIT {}").format(sql.Literal(values["rolconnlimit"])))
        if values["rolvaliduntil"] is not None:
            options.append(sql.SQL("VALID UNTIL {}").format(sql.Literal(values["rolvaliduntil"].isoformat())))
        self.conn.execute(sql.SQL("CREATE ROLE {} {}").format(sql.Identifier(role), sql.SQL(" ").join(options)))
        if values["comment"] is not None:
            self.conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(role),
                                                                       sql.Literal(values["comment"])))
