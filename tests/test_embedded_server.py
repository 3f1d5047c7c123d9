"""The embedded default database through the CLI: start, status, url, psql, stop, and its errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import make_home, query, run_cli
from pgpattern.server import find_bindir


@pytest.fixture
def home():
    base = make_home("pgp-home-")
    yield base / "home"
    # Whatever a test left running is stopped before its files go.
    run_cli("db", "stop", env={"PGPATTERN_HOME": str(base / "home")})
    shutil.rmtree(base, ignore_errors=True)


def test_start_status_url_psql_migrate_verify_stop(home):
    env = {"PGPATTERN_HOME": str(home)}
    started = run_cli("db", "start", env=env)
    assert started.returncode == 0, started.stderr
    assert "started: postgresql://postgres@/pgpattern?host=" in started.stderr

    status = json.loads(run_cli("db", "status", "--format", "json", env=env).stdout)
    assert status["state"] == "running"
    assert status["home"] == str(home)
    assert status["data_directory"] == str(home / "data")
    assert isinstance(status["port"], int) and status["port"] > 1024
    assert status["version"].startswith(find_bindir().parent.name)
    assert status["pg_cron"] is True

    url = run_cli("db", "url", env=env).stdout.strip()
    assert url.startswith("postgresql://postgres@/pgpattern?host=")
    assert query(url, "SELECT current_setting('cron.database_name'), current_database()") == \
        [("pgpattern", "pgpattern")]

    psql = run_cli("db", "psql", "-At", "-c", "SELECT 40 + 2", env=env)
    assert psql.returncode == 0 and psql.stdout.strip() == "42"

    # With no --dsn, PGPATTERN_DSN or PG* variable, commands use the embedded database.
    migrated = run_cli("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert f"using the embedded database in {home}" in migrated.stderr
    verified = run_cli("verify", "--format", "json", env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    checks = {row["check"]: row["status"] for row in json.loads(verified.stdout)}
    assert checks["extension pg_cron"] == "ok" and checks["scheduled jobs"] == "ok"
    # Readiness for Citus is a warning while tables are keyed without project_id (docs/scale-out.md).
    assert {status for check, status in checks.items() if check != "distributable by project"} == {"ok"}
    assert checks["distributable by project"] in ("ok", "warn")

    stopped = run_cli("db", "stop", env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stderr
    status = json.loads(run_cli("db", "status", "--format", "json", env=env).stdout)
    assert status["state"] == "stopped" and status["pid"] is None

    # Every other command starts it again when needed, on the same data.
    again = run_cli("status", "--format", "json", env=env)
    assert again.returncode == 0, again.stderr
    assert all(row["state"] == "applied" for row in json.loads(again.stdout))


def test_the_server_runs_as_an_unprivileged_user_when_invoked_as_root(home):
    if os.geteuid() != 0:
        pytest.skip("only meaningful as root")
    env = {"PGPATTERN_HOME": str(home)}
    assert run_cli("db", "start", env=env).returncode == 0
    owner = query(run_cli("db", "url", env=env).stdout.strip(),
                  "SELECT pg_read_file('PG_VERSION') IS NOT NULL")  # reachable at all
    assert owner == [(True,)]
    assert (home / "data").stat().st_uid != 0
    pid = int((home / "data" / "postmaster.pid").read_text().split()[0])
    assert os.stat(f"/proc/{pid}").st_uid != 0


def test_a_home_the_server_user_cannot_reach_is_named(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only meaningful as root")
    hidden = Path("/root") / f"pgp-unreachable-{os.getpid()}"
    try:
        result = run_cli("db", "start", env={"PGPATTERN_HOME": str(hidden)})
        assert result.returncode == 1
        assert "cannot reach" in result.stderr and "/root is not searchable" in result.stderr
        assert "PGPATTERN_HOME" in result.stderr
    finally:
        shutil.rmtree(hidden, ignore_errors=True)


def test_missing_postgresql_binaries_name_the_debian_package(home, tmp_path):
    result = run_cli("db", "start", env={"PGPATTERN_HOME": str(home), "PGPATTERN_PG_BINDIR": str(tmp_path)})
    assert result.returncode == 1
    assert "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found" in result.stderr
    assert "postgresql-15" in result.stderr
    assert "Traceback" not in result.stderr
    # A command that needs a database says the same.
    result = run_cli("migrate", env={"PGPATTERN_HOME": str(home), "PGPATTERN_PG_BINDIR": str(tmp_path)})
    assert result.returncode == 1 and "postgresql-15" in result.stderr


def test_missing_pg_cron_names_the_package_and_the_database_still_works(home):
    # Binaries without a library directory holding pg_cron.so.
    fake = home.parent / "bin-without-cron" / "bin"
    fake.mkdir(parents=True)
    for name in ("initdb", "pg_ctl", "postgres", "pg_dump"):
        (fake / name).symlink_to(find_bindir() / name)
    env = {"PGPATTERN_HOME": str(home), "PGPATTERN_PG_BINDIR": str(fake)}
    started = run_cli("db", "start", env=env)
    assert started.returncode == 0, started.stderr
    assert "pg_cron is not installed" in started.stderr and "postgresql-15-cron" in started.stderr
    migrated = run_cli("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    verified = run_cli("verify", "--format", "json", env=env)
    checks = {row["check"]: (row["status"], row["detail"]) for row in json.loads(verified.stdout)}
    url = run_cli("db", "url", env=env).stdout.strip()
    jobs = query(url, "SELECT count(*) FROM ops.scheduled_jobs")[0][0]
    assert verified.returncode == 0
    # The server itself still has the extension files, so the check names what is missing here.
    assert checks["extension pg_cron"] == ("warn", "not in shared_preload_libraries: scheduled jobs do not run")
    assert checks["scheduled jobs"] == ("warn", f"{jobs} jobs wanted, none scheduled (pg_cron: not preloaded)")


def test_an_unreachable_server_is_named_without_its_password():
    result = run_cli("status", "--dsn", "postgresql://alice:s3cret-pw@127.0.0.1:1/somedb")
    assert result.returncode == 1
    assert "cannot connect to the database at host=127.0.0.1 port=1 dbname=somedb user=alice" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_pgpattern_dsn_and_pg_variables_choose_the_target(cluster, db):
    dbname = db.split("dbname=")[1].split()[0]
    by_env = run_cli("migrate", env={"PGPATTERN_DSN": db})
    assert by_env.returncode == 0, by_env.stderr
    assert "embedded" not in by_env.stderr
    pg_vars = {"PGHOST": str(cluster.run_dir), "PGPORT": str(cluster.port), "PGUSER": "postgres",
               "PGDATABASE": dbname}
    status = run_cli("status", "--format", "json", env=pg_vars)
    assert status.returncode == 0, status.stderr
    assert all(row["state"] == "applied" for row in json.loads(status.stdout))
    # --dsn wins over both.
    wrong = run_cli("status", "--dsn", "host=127.0.0.1 port=1 dbname=x", env={"PGPATTERN_DSN": db, **pg_vars})
    assert wrong.returncode == 1 and "port=1" in wrong.stderr


def test_a_malformed_dsn_is_reported():
    result = run_cli("status", "--dsn", "host=")
    assert result.returncode == 1
    result = run_cli("status", "--dsn", "this is not = a dsn '")
    assert result.returncode == 1
    assert "--dsn is not a valid connection string or URL" in result.stderr
