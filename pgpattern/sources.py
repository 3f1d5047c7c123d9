"""sql/src: the current definition of every function, procedure and view, one file per name.

Migrations are the history; a source file is where a function's body is read and edited.
`sql/src/<schema>/<name>.sql` holds `CREATE OR REPLACE` of each overload (or of the view),
its COMMENT and its grants; `sql/src/load_order.txt` lists the files in the order they load
(functions, then views after the views they read). Tables, indexes, constraints, triggers,
materialized views, data moves, drops and signature changes stay hand-written migrations.

    python -m pgpattern.sources migration NAME   # a migration from the sources that changed
    python -m pgpattern.sources extract          # write sql/src from what the migrations build

`migration` builds a scratch database from the migrations, loads every source into it, and
writes `NNNN_NAME.sql` with the whole text of each source file whose objects changed and
`NNNN_NAME.rollback.sql` with the definitions they replace (or a DROP for a new object). A test
holds the sources equal to what the migrations build (tests/test_sources.py).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .migrations import MIGRATIONS_DIR
from .structure import PROJECT_SCHEMAS, scratch_server

SOURCES_DIR = Path(__file__).resolve().parent.parent / "sql" / "src"
LOAD_ORDER = "load_order.txt"
# A source is loaded with the bodies of SQL-language functions unchecked, as pg_dump restores
# them: such a body may read a function or view that loads after it.
LOAD_SETTINGS = "SET LOCAL check_function_bodies = off;\n"

_ROUTINES = """
    SELECT p.oid, n.nspname, p.proname, p.prokind, p.oid::regprocedure::text AS signature,
           pg_get_functiondef(p.oid) AS definition,
           obj_description(p.oid, 'pg_proc') AS comment,
           p.proacl IS NOT NULL AS has_acl,
           ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END
                   FROM aclexplode(p.proacl) a
                  WHERE a.grantee <> p.proowner AND a.privilege_type = 'EXECUTE'
                  ORDER BY 1) AS grantees
      FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = ANY (%(schemas)s) AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                                 AND d.deptype = 'e')
"""

_VIEWS = """
    SELECT c.oid, n.nspname, c.relname, format('%%I.%%I', n.nspname, c.relname) AS name,
           pg_get_viewdef(c.oid) AS definition, c.reloptions AS options,
           obj_description(c.oid, 'pg_class') AS comment,
           ARRAY(SELECT format('COMMENT ON COLUMN %%I.%%I.%%I IS %%L;', n.nspname, c.relname, a.attname,
                               col_description(c.oid, a.attnum))
                   FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    AND col_description(c.oid, a.attnum) IS NOT NULL
                  ORDER BY a.attnum) AS column_comments,
           ARRAY(SELECT format('GRANT %%s ON TABLE %%I.%%I TO %%s;', string_agg(a.privilege_type, ', '
                                   ORDER BY a.privilege_type), n.nspname, c.relname,
                               CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END)
                   FROM aclexplode(c.relacl) a
                  WHERE a.grantee <> c.relowner
                  GROUP BY a.grantee ORDER BY 1) AS grants,
           ARRAY(SELECT DISTINCT format('%%I.%%I', dn.nspname, dc.relname)
                   FROM pg_rewrite r
                   JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                   JOIN pg_class dc ON dc.oid = d.refobjid AND dc.relkind = 'v' AND dc.oid <> c.oid
                   JOIN pg_namespace dn ON dn.oid = dc.relnamespace
                  WHERE r.ev_class = c.oid) AS reads
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY (%(schemas)s) AND c.relkind = 'v'
"""


@dataclass(frozen=True)
class SourceObject:
    """One function overload or view as its source file writes it."""

    key: str          # "function patterns.erfc(double precision)", "view api.files"
    file: str         # its file under sql/src, e.g. "patterns/erfc.sql"
    text: str         # CREATE OR REPLACE ..., COMMENT, grants
    drop: str         # the statement that removes it (the rollback of its creation)
    reads: tuple[str, ...] = ()   # views it reads (load order)


def _routine_text(row: dict) -> str:
    kind = "PROCEDURE" if row["prokind"] == "p" else "FUNCTION"
    parts = [row["definition"].rstrip() + ";"]
    if row["comment"] is not None:
        parts.append(f"COMMENT ON {kind} {row['signature']} IS {_literal(row['comment'])};")
    # Grants as the catalog holds them: no ACL means the default (PUBLIC may execute).
    if row["has_acl"] and "PUBLIC" not in row["grantees"]:
        parts.append(f"REVOKE ALL ON {kind} {row['signature']} FROM PUBLIC;")
    parts += [f"GRANT EXECUTE ON {kind} {row['signature']} TO {g};" for g in row["grantees"] if g != "PUBLIC"]
    return "\n".join(parts) + "\n"


def _view_text(row: dict) -> str:
    options = f" WITH ({', '.join(row['options'])})" if row["options"] else ""
    parts = [f"CREATE OR REPLACE VIEW {row['name']}{options} AS\n{row['definition'].rstrip().rstrip(';')};"]
    if row["comment"] is not None:
        parts.append(f"COMMENT ON VIEW {row['name']} IS {_literal(row['comment'])};")
    parts += row["column_comments"] + row["grants"]
    return "\n".join(parts) + "\n"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def catalog_objects(conn: psycopg.Connection) -> dict[str, SourceObject]:
    """Every function, procedure and view of the project schemas, rendered as its source."""
    objects: dict[str, SourceObject] = {}
    params = {"schemas": list(PROJECT_SCHEMAS)}
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        for row in cur.execute(_ROUTINES, params).fetchall():
            kind = "procedure" if row["prokind"] == "p" else "function"
            objects[f"{kind} {row['signature']}"] = SourceObject(
                key=f"{kind} {row['signature']}", file=f"{row['nspname']}/{row['proname']}.sql",
                text=_routine_text(row), drop=f"DROP {kind.upper()} {row['signature']};")
        for row in cur.execute(_VIEWS, params).fetchall():
            objects[f"view {row['name']}"] = SourceObject(
                key=f"view {row['name']}", file=f"{row['nspname']}/{row['relname']}.sql",
                text=_view_text(row), drop=f"DROP VIEW {row['name']};", reads=tuple(sorted(row["reads"])))
    return objects


def load_order(directory: Path = SOURCES_DIR) -> list[str]:
    """The source files in the order they load, as sql/src/load_order.txt lists them."""
    lines = (directory / LOAD_ORDER).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def load_sources(conn: psycopg.Connection, directory: Path = SOURCES_DIR,
                 files: list[str] | None = None) -> None:
    """Runs the source files (all, in load order, or the ones given) in the current transaction."""
    conn.execute(LOAD_SETTINGS)
    for name in files if files is not None else load_order(directory):
        try:
            conn.execute((directory / name).read_text())
        except psycopg.Error as error:
            raise SourceError(f"loading sql/src/{name} failed: {str(error).splitlines()[0]}") from error


class SourceError(Exception):
    """A source file that does not load, or a source tree that does not match the migrations."""


def _file_order(objects: dict[str, SourceObject]) -> list[str]:
    """Functions by name, then each view after the views it reads."""
    routines = sorted({o.file for o in objects.values() if not o.key.startswith("view ")})
    views = {o.key.removeprefix("view "): o for o in objects.values() if o.key.startswith("view ")}
    placed: list[str] = []

    def place(name: str) -> None:
        if views[name].file in placed:
            return
        for read in views[name].reads:
            if read in views:
                place(read)
        placed.append(views[name].file)

    for name in sorted(views):
        place(name)
    return routines + placed


def _view_statement(name: str, migrations: Path) -> str | None:
    """A view's newest CREATE statement as a migration wrote it (its layout and the comment lines
    above it kept), made CREATE OR REPLACE; None when no migration spells it out."""
    schema, _, view = name.partition(".")
    pattern = re.compile(rf"((?:^--[^\n]*\n)*)^CREATE (?:OR REPLACE )?VIEW {schema}\.{view}\b(.*?;)[ \t]*$",
                         re.MULTILINE | re.DOTALL)
    found = None
    for path in sorted(migrations.glob("*.sql")):
        if not path.name.endswith(".rollback.sql"):
            for match in pattern.finditer(path.read_text()):
                found = match
    if found is None:
        return None
    return f"{found.group(1)}CREATE OR REPLACE VIEW {name}{found.group(2)}"


def with_migration_text(objects: dict[str, SourceObject], conn: psycopg.Connection,
                        migrations: Path = MIGRATIONS_DIR) -> dict[str, SourceObject]:
    """Views as their migration wrote them where that text builds the same view (the catalog's
    rendering loses the layout and comments)."""
    result = dict(objects)
    for key, obj in objects.items():
        if not key.startswith("view "):
            continue
        statement = _view_statement(key.removeprefix("view "), migrations)
        if statement is None:
            continue
        text = obj.text.replace(obj.text.split(";\n", 1)[0] + ";\n", statement + "\n", 1)
        with conn.transaction(force_rollback=True):
            conn.execute(LOAD_SETTINGS + text)
            same = catalog_objects(conn).get(key) == obj
        if same:
            result[key] = SourceObject(obj.key, obj.file, text, obj.drop, obj.reads)
    return result


def write_tree(objects: dict[str, SourceObject], directory: Path = SOURCES_DIR) -> list[str]:
    """Writes every object's file (overloads of a name share one) and the load order."""
    by_file: dict[str, list[SourceObject]] = {}
    for obj in sorted(objects.values(), key=lambda o: o.key):
        by_file.setdefault(obj.file, []).append(obj)
    for file, objs in by_file.items():
        path = directory / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(o.text for o in objs))
    order = _file_order(objects)
    (directory / LOAD_ORDER).write_text(
        "# The files of sql/src in the order they load: functions, then each view after the views\n"
        "# it reads. A new source file is added here (tests/test_sources.py checks the list).\n"
        + "\n".join(order) + "\n")
    return order


_DEFINES = re.compile(r"^CREATE OR REPLACE (FUNCTION|PROCEDURE|VIEW) ([a-z_]+\.[a-z_0-9]+)", re.MULTILINE)


def undefined(objects: dict[str, SourceObject], directory: Path = SOURCES_DIR) -> list[str]:
    """The objects no source file creates (by kind and name: loading never drops one)."""
    defined = {f"{kind.lower()} {name}" for f in load_order(directory)
               for kind, name in _DEFINES.findall((directory / f).read_text())}
    return sorted(k for k in objects if k.split("(")[0] not in defined)


def changed_objects(conninfo: str, directory: Path = SOURCES_DIR) -> tuple[dict[str, SourceObject],
                                                                          dict[str, SourceObject]]:
    """What the migrations built, and what the sources make of it (loaded, then rolled back)."""
    with psycopg.connect(conninfo) as conn:
        built = catalog_objects(conn)
        load_sources(conn, directory)
        loaded = catalog_objects(conn)
        conn.rollback()
    return built, loaded


def next_migration_number(directory: Path = MIGRATIONS_DIR) -> int:
    numbers = [int(m.group(1)) for p in directory.glob("*.sql") if (m := re.match(r"(\d{4})_", p.name))]
    return max(numbers, default=0) + 1


def write_migration(name: str, conninfo: str, sources: Path = SOURCES_DIR,
                    migrations: Path = MIGRATIONS_DIR) -> tuple[Path, Path] | None:
    """The migration that brings a database built by the migrations to the sources; None if none is needed."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise SourceError(f"migration name {name!r}: use lower-case words joined by _ (e.g. patterns_suggest_key)")
    built, loaded = changed_objects(conninfo, sources)
    missing = undefined(built, sources)
    if missing:
        raise SourceError("no source file defines " + ", ".join(missing)
                          + ": write a migration that drops it, or add its source")
    changed = sorted(k for k in loaded if built.get(k) != loaded[k])
    if not changed:
        return None
    order = load_order(sources)
    files = [f for f in order if any(loaded[k].file == f for k in changed)]
    number = f"{next_migration_number(migrations):04d}_{name}"
    forward = migrations / f"{number}.sql"
    rollback = migrations / f"{number}.rollback.sql"
    header = f"-- Generated by `make migration NAME={name}` from these files of sql/src:\n" \
        + "".join(f"--   {f}\n" for f in files)
    forward.write_text(header + LOAD_SETTINGS + "\n"
                       + "\n".join((sources / f).read_text() for f in files))
    # Newest first: a view is dropped before what it reads, restored after it.
    restore = [built[k].text for k in changed if k in built]
    drops = [loaded[k].drop for k in reversed(changed) if k not in built]
    rollback.write_text(f"-- Restores what {number}.sql replaced (generated with it).\n" + LOAD_SETTINGS + "\n"
                        + "\n".join(drops + restore))
    return forward, rollback


def main(argv: list[str]) -> int:
    if argv[:1] == ["extract"]:
        with scratch_server() as server, psycopg.connect(server.conninfo()) as conn:
            order = write_tree(with_migration_text(catalog_objects(conn), conn))
        print(f"wrote {len(order)} files under {SOURCES_DIR}", file=sys.stderr)
        return 0
    if len(argv) == 2 and argv[0] == "migration":
        try:
            with scratch_server() as server:
                written = write_migration(argv[1], server.conninfo())
        except SourceError as error:
            print(f"Error: {error}", file=sys.stderr)
            return 1
        if written is None:
            print("the sources equal what the migrations build: no migration needed", file=sys.stderr)
        else:
            print("wrote " + " and ".join(str(p) for p in written), file=sys.stderr)
        return 0
    print(__doc__.split("\n\n")[2], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
