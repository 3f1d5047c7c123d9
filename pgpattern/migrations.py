"""Versioned migrations: yoyo SQL files applied one transaction each, with checksums.

yoyo reads the files (statement splitting, directives, dependencies) and keeps its
bookkeeping tables. pgpattern drives the apply loop itself so that a migration's
statements, yoyo's mark and the recorded checksum commit together: yoyo alone applies
on one connection and marks on another, and does not notice an edited file.
Concurrent runs are serialised by a session advisory lock, which the server releases
if the process dies (yoyo's lock table row would stay behind).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from yoyo import read_migrations
from yoyo.backends.core.postgresql import PostgresqlPsycopgBackend
from yoyo.connections import parse_uri
from yoyo.migrations import Migration, default_migration_table, read_sql_migration, topological_sort

from .errors import MigrationError
from .rollback_guard import RoleKeeper, TableRows, count_rows, dropped_by, tables_with_rows
from .target import connect, wait_for_advisory_lock

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "sql" / "migrations"
# pg_advisory_lock key: the bytes of "pgpattrn" as a bigint.
LOCK_KEY = int.from_bytes(b"pgpattrn", "big") - 2**63
CHECKSUM_TABLE = "ops.migration_checksums"


def file_checksum(migration_path: Path) -> str:
    """sha256 over a migration file and its rollback file."""
    digest = hashlib.sha256(migration_path.read_bytes())
    rollback = migration_path.with_suffix(".rollback.sql")
    digest.update(b"\0rollback\0")
    if rollback.exists():
        digest.update(rollback.read_bytes())
    return digest.hexdigest()


class _Backend(PostgresqlPsycopgBackend):
    """yoyo's psycopg backend on a connection opened by pgpattern (clear errors, any libpq target)."""

    def __init__(self, conninfo: str):
        self._conninfo = conninfo
        super().__init__(parse_uri("postgresql+psycopg://"), default_migration_table)

    def connect(self, dburi):
        self.schema = None
        return connect(self._conninfo, autocommit=True)

    def copy(self):
        return _Backend(self._conninfo)


# The baseline: the history folded before the first release, up to and including this
# migration, applied in file order by every database. Migrations after it are numbered in the
# order they land, and `migrate` refuses one numbered below the newest applied.
BASELINE = "0791_patterns_developer_entropy_in_order"


@dataclass
class MigrationState:
    id: str
    path: Path
    applied_at: datetime | None
    checksum: str


Progress = Callable[[str, str, float], None]  # (verb, migration id, seconds)


class Migrator:
    def __init__(self, conninfo: str, directory: Path | None = None, lock_timeout: float = 300.0):
        self.conninfo = conninfo
        self.directory = Path(directory or MIGRATIONS_DIR)
        self.lock_timeout = lock_timeout
        if not self.directory.is_dir():
            raise MigrationError(f"the migrations directory {self.directory} does not exist")
        self.migrations = list(topological_sort(sorted(read_migrations(str(self.directory)),
                                                       key=lambda m: m.id)))
        self.by_id = {m.id: m for m in self.migrations}
        self._backend: _Backend | None = None

    # -- connection and lock --------------------------------------------------
    @property
    def backend(self) -> _Backend:
        if self._backend is None:
            self._backend = _Backend(self.conninfo)
        return self._backend

    def close(self) -> None:
        if self._backend is not None:
            self._backend.connection.close()
            self._backend = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _lock(self, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the migration lock, waiting up to lock_timeout seconds for another run."""
        wait_for_advisory_lock(self.backend.connection, (LOCK_KEY,), "another migration run", self.lock_timeout,
                               on_wait, hint="wait for it to finish, or raise --lock-timeout")

    def _ensure_bookkeeping(self) -> None:
        """yoyo's own tables; created on the first migrate, under the advisory lock."""
        self.backend.create_lock_table()
        self.backend.ensure_internal_schema_updated()

    def _reload_pg_cron(self) -> None:
        """Make pg_cron re-read its jobs once the migrations committed (0720: it can miss changes made during DDL)."""
        conn = self.backend.connection
        if conn.execute("SELECT to_regprocedure('ops.reload_pg_cron_jobs()')").fetchone()[0] is not None:
            conn.execute("SELECT ops.reload_pg_cron_jobs()")

    def _unlock(self) -> None:
        self.backend.connection.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))

    # -- state ----------------------------------------------------------------
    def _applied(self) -> dict[str, datetime]:
        """Applied migration ids with when, read from yoyo's table (none before the first run)."""
        conn = self.backend.connection
        if conn.execute("SELECT to_regclass(%s)", (default_migration_table,)).fetchone()[0] is None:
            return {}
        rows = self.backend.connection.execute(
            f"SELECT migration_id, applied_at_utc FROM {default_migration_table} ORDER BY applied_at_utc"
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def status(self) -> list[MigrationState]:
        applied = self._applied()
        states = [MigrationState(m.id, Path(m.path), applied.get(m.id), file_checksum(Path(m.path)))
                  for m in self.migrations]
        # Applied migrations whose files are gone still show, so nobody is surprised.
        for mid, when in applied.items():
            if mid not in self.by_id:
                states.append(MigrationState(mid, self.directory / f"{mid}.sql", when, ""))
        return states

    def file_checksums(self) -> dict[str, str]:
        return {m.id: file_checksum(Path(m.path)) for m in self.migrations}

    def _require_known(self, migration_id: str) -> Migration:
        if migration_id not in self.by_id:
            known = ", ".join(m.id for m in self.migrations) or "none"
            raise MigrationError(f"unknown migration id {migration_id!r}", hint=f"the migrations are: {known}")
        return self.by_id[migration_id]

    # -- apply ----------------------------------------------------------------
    def migrate(self, to: str | None = None, progress: Progress | None = None,
                on_wait: Callable[[str], None] | None = None) -> list[str]:
        """Apply pending migrations in order, up to and including ``to``."""
        if to is not None:
            self._require_known(to)
        self._lock(on_wait)
        try:
            self._ensure_bookkeeping()
            applied = self._applied()
            if to is not None and to in applied:
                return []
            pending = [m for m in self.migrations if m.id not in applied]
            self._refuse_out_of_order(pending, applied)
            if to is not None:
                pending = pending[: [m.id for m in pending].index(to) + 1]
            done = []
            for migration in pending:
                started = time.monotonic()
                self._apply_one(migration)
                done.append(migration.id)
                if progress:
                    progress("applied", migration.id, time.monotonic() - started)
            if done:
                self._reload_pg_cron()
            return done
        finally:
            self._unlock()

    @staticmethod
    def _refuse_out_of_order(pending: list[Migration], applied: dict[str, datetime]) -> None:
        """Numbers are the order every database applies migrations in: one numbered below the
        newest applied would run here after migrations a fresh database runs after it."""
        newest = max(applied, default=None)
        late = [m.id for m in pending if newest is not None and m.id < newest]
        if late:
            raise MigrationError(
                f"pending migration {late[0]} is numbered below {newest}, the newest applied one",
                hint=f"number it above {newest} (a new migration takes the next number), "
                     f"or roll back to below {late[0]} first")

    def _run_statements(self, migration: Migration, statements: list[str], path: Path, verb: str,
                        kept: str | None = None) -> None:
        conn = self.backend.connection
        kept = kept or ("nothing of this migration was kept" if migration.use_transactions else
                        "this migration is not transactional: the statements before this one stayed applied")
        for statement in statements:
            try:
                conn.execute(statement)
            except psycopg.Error as e:
                remedy = ("it needs more locks than max_locks_per_transaction allows: roll back fewer migrations "
                          "at a time (--steps N or --to ID), or raise max_locks_per_transaction"
                          if e.sqlstate == "53200" else "fix the file and run again")
                raise MigrationError(
                    f"{verb} {path.name} failed at line {_line_of(path, statement)}: "
                    f"{_first_line(e)}\nstatement:\n{_excerpt(statement)}",
                    hint=f"{kept}; {remedy}",
                ) from None

    def _apply_one(self, migration: Migration) -> None:
        path = Path(migration.path)
        migration.load()
        _, _, statements = read_sql_migration(str(path))
        checksum = file_checksum(path)
        if not migration.use_transactions:
            # CREATE INDEX CONCURRENTLY and friends: statements run one by one; the mark follows.
            self._run_statements(migration, statements, path, "applying")
            with self.backend.transaction():
                self._mark(migration, checksum)
            return
        with self.backend.transaction():
            self._run_statements(migration, statements, path, "applying")
            self._mark(migration, checksum)

    def _mark(self, migration: Migration, checksum: str) -> None:
        self.backend.mark_one(migration, log=False)
        self.backend.log_migration(migration, "apply")
        self.backend.connection.execute(
            f"INSERT INTO {CHECKSUM_TABLE} (migration_id, checksum) VALUES (%s, %s)",
            (migration.id, checksum))

    # -- rollback -------------------------------------------------------------
    def rollback(self, to: str | None = None, steps: int | None = None, all_: bool = False,
                 progress: Progress | None = None, on_wait: Callable[[str], None] | None = None,
                 drop_data: bool = False, on_note: Callable[[str], None] | None = None) -> list[str]:
        """Roll back the newest migrations: ``steps`` of them, all after ``to``, or all.

        Refused, changing nothing, when it would drop tables holding rows, unless drop_data
        (see rollback_guard); on_note hears what is dropped and which roles are kept.
        """
        if sum(x is not None and x is not False for x in (to, steps, all_ or None)) > 1:
            raise MigrationError("give at most one of --to, --steps and --all")
        if to is not None:
            self._require_known(to)
        self._lock(on_wait)
        try:
            self._ensure_bookkeeping()
            # Newest last, in the order they were applied (a later file may have run first).
            order = list(self._applied())
            missing = [mid for mid in order if mid not in self.by_id]
            if missing:
                raise MigrationError(f"applied migration {missing[0]} has no file in {self.directory}",
                                     hint="restore the file before rolling back")
            if to is not None:
                if to not in order:
                    raise MigrationError(f"cannot roll back to {to}: it is not applied",
                                         hint=f"applied: {', '.join(order) or 'none'}")
                targets = order[order.index(to) + 1:]
            elif all_:
                targets = order
            else:
                n = 1 if steps is None else steps
                if n < 1:
                    raise MigrationError(f"--steps must be at least 1, not {n}")
                if n > len(order):
                    first = order[0] if order else "none"
                    raise MigrationError(
                        f"cannot roll back {n} migration{'s' if n != 1 else ''}: only {len(order)} "
                        f"{'is' if len(order) == 1 else 'are'} applied, and {first} is the first",
                        hint="use --all to roll back everything")
                targets = order[len(order) - n:]
            lost = self._rows_lost([self.by_id[mid] for mid in reversed(targets)])
            if lost and not drop_data:
                raise MigrationError(
                    f"rolling back would drop {_tables(len(lost))} holding rows: {', '.join(map(str, lost))}",
                    hint="nothing was rolled back; pass --drop-data to roll back anyway and lose these rows "
                         "(save them first, e.g. with pg_dump)")
            if lost and on_note:
                on_note(f"dropping {_tables(len(lost))} holding rows: {', '.join(map(str, lost))}")
            done = []
            for mid in reversed(targets):
                started = time.monotonic()
                for role, members in self._rollback_one(self.by_id[mid]):
                    if on_note:
                        on_note(f"kept role {role} for its members {', '.join(members)} "
                                "(its rights in this database are gone; migrate grants them again)")
                done.append(mid)
                if progress:
                    progress("rolled back", mid, time.monotonic() - started)
            if done:
                self._reload_pg_cron()
            return done
        finally:
            self._unlock()

    def _rollback_statements(self, migration: Migration) -> tuple[Path, list[str]]:
        path = Path(migration.path).with_suffix(".rollback.sql")
        if not path.exists():
            raise MigrationError(f"{Path(migration.path).name} has no rollback file {path.name}")
        migration.load()
        return path, read_sql_migration(str(path))[2]

    def _rows_lost(self, migrations: list[Migration]) -> list[TableRows]:
        """The tables holding rows that rolling these back (in this order) drops, with their rows."""
        conn = self.backend.connection
        holding = tables_with_rows(conn)
        if not holding:
            return []
        steps = [(m, *self._rollback_statements(m)) for m in migrations]

        def run():
            for migration, path, statements in steps:
                self._run_statements(migration, statements, path, "rolling back",
                                     kept="nothing was rolled back (this failed while finding out what would be)")
        return count_rows(conn, dropped_by(conn, run, holding))

    def _rollback_one(self, migration: Migration) -> list[tuple[str, list[str]]]:
        """Roll back one migration in one transaction; the roles it dropped but kept for their members."""
        path, statements = self._rollback_statements(migration)
        conn = self.backend.connection
        with self.backend.transaction():
            # The ledger row goes first: the first migration's rollback drops the ledger itself.
            conn.execute(f"DELETE FROM {CHECKSUM_TABLE} WHERE migration_id = %s", (migration.id,))
            roles = RoleKeeper(conn)
            self._run_statements(migration, statements, path, "rolling back")
            kept = roles.keep()
            self.backend.unmark_one(migration, log=False)
            self.backend.log_migration(migration, "rollback")
        return kept


def _tables(n: int) -> str:
    return f"{n} table{'' if n == 1 else 's'}"


def _first_line(error: psycopg.Error) -> str:
    diag = error.diag
    text = diag.message_primary or str(error).splitlines()[0]
    if diag.message_detail:
        text += f" ({diag.message_detail})"
    return text


def _line_of(path: Path, statement: str) -> int:
    source = path.read_text()
    head = statement.strip().splitlines()[0] if statement.strip() else ""
    index = source.find(statement.strip()) if statement.strip() else -1
    if index < 0 and head:
        index = source.find(head)
    return source.count("\n", 0, index) + 1 if index >= 0 else 0


def _excerpt(statement: str, lines: int = 8) -> str:
    body = statement.strip().splitlines()
    shown = body[:lines] + (["..."] if len(body) > lines else [])
    return "\n".join("  " + line for line in shown)
