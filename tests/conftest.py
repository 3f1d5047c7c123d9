"""Test fixtures: one throwaway PostgreSQL cluster per test session, a fresh database per test.

The cluster is started by pgpattern's own LocalServer (the code the embedded default
uses), with pg_cron preloaded for the database ``pgpattern_cron``. Other databases of
the cluster have no pg_cron, which exercises the degraded mode.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pgpattern.migrations import Migrator
from pgpattern.server import LocalServer

ROOT = Path(__file__).resolve().parent.parent
CRON_DATABASE = "pgpattern_cron"
# The pgpattern command installed beside the Python running the tests.
PGPATTERN = str(Path(sys.executable).parent / "pgpattern")


def make_home(prefix: str) -> Path:
    """A directory the unprivileged server user can reach (pytest's tmp_path is 0700 under root)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def cluster():
    server = LocalServer(make_home("pgp-test-") / "home", database=CRON_DATABASE, durable=False)
    server.start()
    yield server
    server.destroy()
    server.home.parent.rmdir()


def _create_database(cluster: LocalServer) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def _drop_database(cluster: LocalServer, name: str) -> None:
    with psycopg.connect(cluster.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def db(cluster):
    """The conninfo of a new, empty database, dropped after the test."""
    name = _create_database(cluster)
    yield cluster.conninfo(name)
    _drop_database(cluster, name)


@pytest.fixture(scope="session")
def migrated_template(cluster):
    """A database migrated once per session, copied for each test that needs one."""
    name = _create_database(cluster)
    with Migrator(cluster.conninfo(name)) as m:
        m.migrate()
    yield name
    _drop_database(cluster, name)


@pytest.fixture
def migrated_db(cluster, migrated_template):
    """A new database with every migration applied (a copy of the migrated template)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name),
                                                                      sql.Identifier(migrated_template)))
    yield cluster.conninfo(name)
    _drop_database(cluster, name)


@pytest.fixture
def cron_db(cluster):
    """The database pg_cron runs in, migrated for the test and rolled back after it."""
    conninfo = cluster.conninfo(CRON_DATABASE)
    with Migrator(conninfo) as m:
        m.migrate()
    yield conninfo
    with Migrator(conninfo) as m:
        m.rollback(all_=True, drop_data=True)


@pytest.fixture
def migrations_copy(tmp_path):
    """A private copy of sql/migrations that a test may add to or edit."""
    target = tmp_path / "migrations"
    target.mkdir()
    for path in (ROOT / "sql" / "migrations").glob("*.sql"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def run_cli(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the installed `pgpattern` command as a user would."""
    # The test decides the target: no PG* or PGPATTERN_* variable leaks in from the caller.
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    full_env.update(env or {})
    return subprocess.run([PGPATTERN, *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout)


def query(conninfo: str, statement: str, params=None) -> list[tuple] | None:
    """Run one statement in its own connection; its rows, or None for a statement without any."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else None
