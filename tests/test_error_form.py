"""Errors are one `Error: ...` line with a `Hint:`, exit code 1, never a traceback: every case the campaign found."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sysconfig

import psycopg
import pytest

from cliprocess import CliProcess, wait_until
from conftest import ROOT, make_home, query, run_cli
from gitrepo import GitRepo
from pgpattern.migrations import Migrator
from pgpattern.server import LocalServer

HOSTILE = "x'); drop table git.commits; --"


def assert_error_form(result: subprocess.CompletedProcess) -> tuple[str, str]:
    """Exit code 1 and stderr ending in exactly one Error line and one Hint line; returns the two."""
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "" not in lines, f"an empty line in:\n{result.stderr}"
    errors = [line for line in lines if line.startswith("Error:")]
    hints = [line for line in lines if line.startswith("Hint:")]
    assert len(errors) == 1 and len(hints) == 1, result.stderr
    assert lines[-2:] == [errors[0], hints[0]], result.stderr
    return errors[0], hints[0]


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.py": "1\n", "b.py": "1\n"})
    repo.commit("two", files={"a.py": "2\n", "b.py": "2\n"})
    return repo


@pytest.fixture
def throwaway_server():
    """A cluster of its own, for the cases that kill or lock down a server."""
    base = make_home("pgp-form-")
    # pg_cron runs its jobs in another database: only the command under test uses this one.
    server = LocalServer(base / "home", cron_database="pgpattern_cron", durable=False)
    yield server
    subprocess.run(["chmod", "-R", "u+w", str(base)], check=False)
    wait_until(lambda: server.pid() is None or not os.path.exists(f"/proc/{server.pid()}")
               or server.is_running(), what="the server's processes ending or running")
    server.destroy()
    shutil.rmtree(base, ignore_errors=True)


def run_as_nobody(*args: str, env: dict) -> subprocess.CompletedProcess:
    """The pgpattern command as the unprivileged user nobody (the venv's interpreter is not theirs to run)."""
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    purelib = sysconfig.get_paths()["purelib"]
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
               python or "python3", "-c", "from pgpattern.cli import main; main()"]
    full_env = {"PATH": os.environ["PATH"], "PYTHONPATH": f"{ROOT}:{purelib}", "HOME": "/nonexistent", **env}
    probe = subprocess.run([*command, "--version"], capture_output=True, text=True, env=full_env)
    if os.geteuid() != 0 or python is None or probe.returncode != 0:
        pytest.skip(f"cannot run pgpattern as nobody here: {probe.stderr.strip()[-200:]}")
    return subprocess.run([*command, *args], capture_output=True, text=True, env=full_env, timeout=120)


# -- the cases ---------------------------------------------------------------------

def missing_path(db, tmp_path, repo):
    return run_cli("ingest", "--dsn", db, str(tmp_path / "no-such-dir")), "does not exist"


def file_as_path(db, tmp_path, repo):
    return run_cli("ingest", "--dsn", db, str(repo.path / "a.py")), "is a file, not a git repository"


def dsn_garbage(db, tmp_path, repo):
    return run_cli("status", "--dsn", "garbage"), "--dsn is not a valid connection string or URL"


def project_with_a_tab(db, tmp_path, repo):
    return run_cli("ingest", "--dsn", db, "--project", "a\tb", str(repo.path)), "invalid project name"


def project_too_long(db, tmp_path, repo):
    return run_cli("ingest", "--dsn", db, "--project", "p" * 250, str(repo.path)), "invalid project name"


def project_empty(db, tmp_path, repo):
    return run_cli("ingest", "--dsn", db, "--project", "", str(repo.path)), "invalid project name ''"


def discover_unknown_project(db, tmp_path, repo):
    return run_cli("discover", "--dsn", db, "--project", "nope"), "unknown project 'nope'"


def report_hint_quotes_the_project(db, tmp_path, repo):
    assert run_cli("ingest", "--dsn", db, "--project", HOSTILE, str(repo.path)).returncode == 0
    return run_cli("report", "--dsn", db, "--project", HOSTILE), "has no completed discovery yet"


CASES = [missing_path, file_as_path, dsn_garbage, project_with_a_tab, project_too_long, project_empty,
         discover_unknown_project, report_hint_quotes_the_project]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_an_error_is_one_error_line_and_one_hint(case, migrated_db, tmp_path, repo):
    result, expected = case(migrated_db, tmp_path, repo)
    error, hint = assert_error_form(result)
    assert expected in error
    if case is report_hint_quotes_the_project:
        assert hint == f"Hint: run pgpattern discover --project {shlex.quote(HOSTILE)}"
    assert query(migrated_db, "SELECT count(*) FROM core.projects WHERE name <> %s", (HOSTILE,)) == [(0,)]


@pytest.mark.parametrize("command", ["ingest", "discover"])
def test_a_database_that_was_never_migrated_says_to_migrate(command, db, repo):
    args = ["ingest", "--dsn", db, str(repo.path)] if command == "ingest" else ["discover", "--dsn", db]
    error, hint = assert_error_form(run_cli(*args))
    assert "is not migrated" in error
    assert "pgpattern migrate" in hint


@pytest.mark.parametrize("command", ["ingest", "discover"])
def test_a_postmaster_exit_during_a_command_is_one_error_line(command, throwaway_server, repo):
    server = throwaway_server
    server.start()
    db = server.conninfo()
    with Migrator(db) as m:
        m.migrate()
    if command == "discover":
        assert run_cli("ingest", "--dsn", db, str(repo.path)).returncode == 0
    # The command blocks on a table another session holds, so the postmaster dies in the middle of it.
    table = "git.commits" if command == "ingest" else "patterns.pattern_discovery_sessions"
    holder = psycopg.connect(db)
    holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    args = [command, "--dsn", db] + ([str(repo.path)] if command == "ingest" else [])
    with CliProcess(*args) as proc:
        wait_until(lambda: query(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND pid <> %s", (holder.info.backend_pid,)) == [(1,)],
                   what=f"{command} waiting for the lock")
        postmaster = server.pid()
        os.kill(postmaster, signal.SIGKILL)
        proc.finish()
    holder.close()
    wait_until(lambda: not os.path.exists(f"/proc/{postmaster}"), what="the killed postmaster going away")
    result = subprocess.CompletedProcess(args, proc.proc.returncode, proc.stdout, proc.stderr)
    error, hint = assert_error_form(result)
    assert "lost the connection to the database" in error
    assert "run the command again" in hint


def test_a_read_only_home_as_another_user(tmp_path):
    base = make_home("pgp-ro-")
    try:
        read_only = base / "ro"
        read_only.mkdir(mode=0o555)
        read_only.chmod(0o555)
        error, hint = assert_error_form(run_as_nobody("status", env={"PGPATTERN_HOME": str(read_only)}))
        assert f"cannot write to {read_only}" in error and "PGPATTERN_HOME" in hint
        error, hint = assert_error_form(run_as_nobody("db", "start", env={"PGPATTERN_HOME": str(read_only / "sub")}))
        assert f"cannot create {read_only / 'sub'}" in error and "PGPATTERN_HOME" in hint
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_read_only_home_as_root(throwaway_server):
    if os.geteuid() != 0:
        pytest.skip("only meaningful as root")
    server = throwaway_server
    server.start()
    server.stop()
    subprocess.run(["chmod", "-R", "a-w", str(server.home)], check=True)
    error, hint = assert_error_form(run_cli("status", env={"PGPATTERN_HOME": str(server.home)}))
    assert "cannot write to" in error and str(server.home) in error
    assert "PGPATTERN_HOME" in hint and "see the server log" not in hint


def test_quiet_says_nothing_about_the_embedded_database(throwaway_server, repo):
    env = {"PGPATTERN_HOME": str(throwaway_server.home)}
    assert run_cli("migrate", env=env).returncode == 0
    quiet = run_cli("ingest", "-q", str(repo.path), env=env)
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_cli("ingest", str(repo.path), env=env)
    assert "using the embedded database in" in loud.stderr


def test_a_slow_ingest_prints_a_sensible_rate(migrated_db, repo):
    from pgpattern.output import rate
    assert rate(2, 5.8) == "2.9 s per commit"
    assert rate(0, 5.8) == ""
    assert rate(1500, 0.5) == "3,000 commits/s"
    assert rate(7, 2.0) == "3.5 commits/s"
    result = run_cli("ingest", "--dsn", migrated_db, str(repo.path))
    assert result.returncode == 0 and " 0 commits/s" not in result.stderr
