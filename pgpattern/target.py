"""Which database a command talks to, and connecting to it with errors a user can read.

The order: ``--dsn``, else ``PGPATTERN_DSN``, else libpq's ``PG*`` variables, else the
embedded default cluster (started when needed).

Commands that only read may read from a standby instead (``read_target``): ``--read-dsn``,
else ``PGPATTERN_READ_DSN``, else the embedded replica while it runs (when the primary is
the embedded database), else the primary itself. Commands that write call
``require_primary`` and refuse a standby with one clear line.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from .errors import ConnectionFailed, NotMigrated, PgPatternError, one_line
from .replica import LocalReplica
from .server import LocalServer

# How often the server looks whether the client of a long-running statement is still there.
CLIENT_CHECK_INTERVAL_MS = 5000
# The libpq variables that name a server; any of them means "use libpq's defaults".
LIBPQ_TARGET_VARIABLES = ("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE")
# The key of the encrypted fields (migration 0702): sent as the session setting
# pgpattern.encryption_key in the startup packet, never in a statement the server may log.
ENCRYPTION_KEY_VARIABLE = "PGPATTERN_ENCRYPTION_KEY"


@dataclass
class Target:
    conninfo: str
    # "--dsn", "PGPATTERN_DSN", "PG* variables" or "embedded"; for reads also
    # "--read-dsn", "PGPATTERN_READ_DSN" or "embedded replica"
    source: str
    server: LocalServer | None = None

    @property
    def display(self) -> str:
        return describe(self.conninfo)


def describe(conninfo: str) -> str:
    """The connection target as text, never with its password."""
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "(an unparsable connection string)"
    # Fill in what libpq would take from the environment, so the message names the real target.
    env = {"host": "PGHOST", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER"}
    for key, var in env.items():
        if key not in params and os.environ.get(var):
            params[key] = os.environ[var]
    keys = ("host", "hostaddr", "port", "dbname", "user", "service")
    return " ".join(f"{k}={params[k]}" for k in keys if params.get(k)) or "libpq defaults"


def resolve(dsn: str | None) -> Target:
    if dsn:
        return Target(_checked(dsn, "--dsn"), "--dsn")
    if os.environ.get("PGPATTERN_DSN"):
        return Target(_checked(os.environ["PGPATTERN_DSN"], "PGPATTERN_DSN"), "PGPATTERN_DSN")
    if any(os.environ.get(var) for var in LIBPQ_TARGET_VARIABLES):
        return Target("", "PG* variables")
    server = LocalServer()
    server.start()
    return Target(server.conninfo(), "embedded", server)


def read_target(dsn: str | None = None, read_dsn: str | None = None) -> Target:
    """Where a command that only reads reads from: a standby when there is one, else the primary.

    --read-dsn (read_dsn), else PGPATTERN_READ_DSN, else the embedded replica while it runs
    and the primary is the embedded database, else the primary as resolve(dsn) finds it.
    For every read-only command (report, suggest, evaluate's reads, the MCP server).
    """
    if read_dsn:
        return Target(_checked(read_dsn, "--read-dsn"), "--read-dsn")
    if os.environ.get("PGPATTERN_READ_DSN"):
        return Target(_checked(os.environ["PGPATTERN_READ_DSN"], "PGPATTERN_READ_DSN"), "PGPATTERN_READ_DSN")
    if not dsn and not os.environ.get("PGPATTERN_DSN") and not any(os.environ.get(v) for v in LIBPQ_TARGET_VARIABLES):
        replica = LocalReplica(LocalServer())
        if replica.is_running():
            return Target(replica.conninfo(), "embedded replica", replica)
    return resolve(dsn)


def require_primary(conninfo: str, command: str) -> None:
    """A clear error unless the database is a primary: `command` writes, and a standby is read-only."""
    with connect(conninfo, autocommit=True) as conn:
        standby = conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
    if standby:
        raise PgPatternError(
            f"the database at {describe(conninfo)} is a standby (read-only, in recovery): "
            f"pgpattern {command} writes, so it needs the primary",
            hint="point --dsn (or PGPATTERN_DSN) at the primary; a standby serves reads through "
                 "--read-dsn / PGPATTERN_READ_DSN")


def _checked(dsn: str, where: str) -> str:
    try:
        return make_conninfo(dsn)
    except psycopg.ProgrammingError as e:
        raise PgPatternError(f"{where} is not a valid connection string or URL: {one_line(str(e))}",
                             hint="give key=value pairs (host=... port=... dbname=... user=...) "
                                  "or a URL (postgresql://user@host:port/dbname)") from None


def connect(conninfo: str, long_running: bool = False, **kwargs) -> psycopg.Connection:
    """Connect, turning a failure into a message that names the target but not its password.

    A long-running connection (ingest, discover, the worker) asks the server to notice
    when the client is gone: otherwise a killed command's statement runs on, holding its locks.
    """
    key = os.environ.get(ENCRYPTION_KEY_VARIABLE)
    if key and "options" not in kwargs:
        kwargs["options"] = with_setting(_conninfo_options(conninfo), "pgpattern.encryption_key", key)
    try:
        conn = psycopg.connect(conninfo, fallback_application_name="pgpattern", **kwargs)
    except psycopg.OperationalError as e:
        lines = str(e).strip().splitlines() or ["unknown error"]
        detail = re.sub(r"^connection (failed|is bad): ", "", lines[0].strip())
        raise ConnectionFailed(
            f"cannot connect to the database at {describe(conninfo)}: {detail}",
            hint="check that the server is running and reachable, or pass --dsn / set PGPATTERN_DSN",
        ) from None
    if long_running:
        _check_client_while_running(conn)
    return conn


def with_setting(options: str, name: str, value: str) -> str:
    """libpq options with one more -c name=value (backslashes and spaces escaped as libpq wants)."""
    escaped = value.replace("\\", "\\\\").replace(" ", "\\ ")
    return f"{options} -c {name}={escaped}".strip()


def _conninfo_options(conninfo: str) -> str:
    try:
        return conninfo_to_dict(conninfo).get("options") or os.environ.get("PGOPTIONS", "")
    except psycopg.ProgrammingError:
        return ""


def _check_client_while_running(conn: psycopg.Connection) -> None:
    """client_connection_check_interval for this session (PostgreSQL 14+, where the platform has it).

    The server then polls the client's socket every few seconds while a statement runs and
    ends the session when the client has gone; without it, it notices only when it next
    writes to the client, which for a discovery may be minutes later.
    """
    if conn.info.server_version < 140000:
        return
    try:
        with conn.transaction():
            conn.execute("SELECT set_config('client_connection_check_interval', %s, false)",
                         (f"{CLIENT_CHECK_INTERVAL_MS}ms",))
    except psycopg.errors.InvalidParameterValue:
        pass  # "must be set to 0 on this platform": the server cannot tell, so it is left as it is


def require_migrated(conn: psycopg.Connection, function: str, what: str) -> None:
    """NotMigrated unless the schema-qualified function exists: the one check before a command's work."""
    schema, _, name = function.partition(".")
    found = conn.execute("""SELECT EXISTS (SELECT FROM pg_catalog.pg_proc p
                                             JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                                            WHERE n.nspname = %s AND p.proname = %s)""", (schema, name)).fetchone()[0]
    if not conn.autocommit:
        conn.commit()
    if not found:
        raise NotMigrated(describe(conn.info.dsn), what, f"{function}()")


def wait_for_advisory_lock(conn: psycopg.Connection, key: tuple[int, ...], holder: str, timeout: float | None,
                           on_wait: Callable[[str], None] | None = None, hint: str | None = None) -> None:
    """Take a session advisory lock (one bigint or two int keys), waiting up to timeout seconds.

    The server releases a session lock when its process dies, unlike a lock row. holder
    names who would hold it ("another migration run"), for the wait note and the error.
    A timeout of None waits as long as it takes.
    """
    args = ", ".join(["%s"] * len(key))
    if len(key) == 1:
        classid, objid, objsubid = (key[0] >> 32) & 0xFFFFFFFF, key[0] & 0xFFFFFFFF, 1
    else:
        classid, objid, objsubid = key[0] & 0xFFFFFFFF, key[1] & 0xFFFFFFFF, 2
    deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
    told = False
    while True:
        taken = conn.execute(f"SELECT pg_try_advisory_lock({args})", key).fetchone()[0]
        if not taken:
            row = conn.execute(
                """SELECT a.pid, concat_ws(', ', coalesce(a.client_addr::text, 'local'), nullif(a.application_name, ''))
                     FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s::oid AND l.objid = %s::oid
                      AND l.objsubid = %s
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                (classid, objid, objsubid)).fetchone()
        if not conn.autocommit:
            conn.commit()
        if taken:
            return
        who = f"server pid {row[0]} ({row[1]})" if row else "another session"
        if time.monotonic() > deadline:
            raise PgPatternError(f"{holder} holds the lock on this database ({who}); gave up after {timeout:g} s",
                                 hint=hint)
        if on_wait and not told:
            on_wait(f"waiting for {holder} ({who}) to finish")
            told = True
        time.sleep(0.2)
