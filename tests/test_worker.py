"""`pgpattern worker`: queued pattern updates are applied as they come, through restarts and signals."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time

import pytest

from conftest import PGPATTERN, make_home, query, run_cli
from gitrepo import GitRepo
from pgpattern.migrations import Migrator
from pgpattern.server import LocalServer


class WorkerProcess:
    """`pgpattern worker` as a subprocess, its stderr collected line by line as it comes."""

    def __init__(self, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        self.proc = subprocess.Popen([PGPATTERN, "worker", *args], stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 15.0, after: int = 0) -> int:
        """The index of the first line from `after` on that contains text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, line in enumerate(self.lines[after:], after):
                if text in line:
                    return i
            if self.proc.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} from the worker; it wrote:\n{self.stderr}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self.reader.join(timeout=5)
        return code

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def ingested_project(db: str, tmp_path, name: str = "app") -> GitRepo:
    repo = GitRepo(tmp_path / name)
    for i in range(4):
        repo.commit(f"change {i}", files={"a.py": f"{i}\n", "b.py": f"{i}\n"})
    result = run_cli("ingest", "--dsn", db, "--project", name, "--quiet", str(repo.path))
    assert result.returncode == 0, result.stderr
    return repo


def enqueue(db: str, project: str = "app", trigger: str = "manual") -> int:
    return query(db, "SELECT patterns.enqueue_pattern_update(%s, %s)", (project, trigger))[0][0]


def entry_status(db: str, entry: int) -> str:
    return query(db, "SELECT status FROM patterns.pattern_update_queue WHERE id = %s", (entry,))[0][0]


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def wait_for_status(db: str, entry: int, expected: str = "completed", timeout: float = 10.0) -> str:
    wait_until(lambda: entry_status(db, entry) == expected, timeout)
    return entry_status(db, entry)


def pending(db: str) -> int:
    return query(db, "SELECT count(*) FROM patterns.pattern_update_queue WHERE status = 'pending'")[0][0]


def last_run(db: str) -> tuple:
    return query(db, "SELECT update_type, trigger_type, queue_entries, status FROM patterns.pattern_update_metrics "
                     "ORDER BY started_at DESC LIMIT 1")[0]


def test_enqueued_updates_and_new_commits_are_applied_within_seconds(migrated_db, tmp_path):
    repo = ingested_project(migrated_db, tmp_path)
    query(migrated_db, "SELECT patterns.discover_patterns('app')")  # only a discovered project is maintained
    # A long poll: only a notification can wake the worker in time.
    with WorkerProcess("--dsn", migrated_db, "--poll", "60") as worker:
        worker.wait_for_line("listening on pgpattern_pattern_updates")
        assert wait_until(lambda: pending(migrated_db) == 0)  # what was queued before it started

        started = time.monotonic()
        entry = enqueue(migrated_db)
        assert wait_for_status(migrated_db, entry) == "completed"
        assert time.monotonic() - started < 5
        worker.wait_for_line("app: 1 entry (manual): full_refresh in ")
        assert last_run(migrated_db) == ("full_refresh", "manual", 1, "completed")

        # A new commit, ingested: its git_commit entry is applied incrementally.
        repo.commit("one more", files={"a.py": "new\n", "c.py": "new\n"})
        assert run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", str(repo.path)).returncode == 0
        assert wait_until(lambda: pending(migrated_db) == 0, timeout=5)
        worker.wait_for_line("app: 1 entry (git_commit): incremental in ")
        assert worker.stop() == 0
    assert query(migrated_db, "SELECT attempts, last_error FROM patterns.pattern_update_queue WHERE id = %s",
                 (entry,)) == [(1, None)]
    assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_update_queue "
                              "WHERE status NOT IN ('completed', 'superseded')") == [(0,)]


def prefix_apply(db: str, statement: str) -> str:
    """Put a statement first in patterns.apply_pattern_updates; returns the original definition."""
    original = query(db, "SELECT pg_get_functiondef('patterns.apply_pattern_updates(bigint, bigint[])'::regprocedure)")[0][0]
    query(db, original.replace("BEGIN", f"BEGIN\n    {statement};", 1))
    return original


def test_a_failed_update_is_logged_and_retried_when_due(migrated_db, tmp_path):
    ingested_project(migrated_db, tmp_path)
    query(migrated_db, "SELECT patterns.discover_patterns('app')")
    with WorkerProcess("--dsn", migrated_db, "--poll", "1") as worker:
        worker.wait_for_line("listening on")
        assert wait_until(lambda: pending(migrated_db) == 0)
        original = prefix_apply(migrated_db, "RAISE EXCEPTION 'disk on fire'")
        entry = enqueue(migrated_db)
        worker.wait_for_line("app: 1 entry (manual): failed in ")
        assert "disk on fire" in worker.stderr
        assert query(migrated_db, "SELECT status, attempts, last_error, next_attempt_at > now() "
                                  "FROM patterns.pattern_update_queue WHERE id = %s", (entry,)) == \
            [("pending", 1, "disk on fire", True)]

        # Repaired, and due now without a notification: the poll finds it.
        query(migrated_db, original)
        query(migrated_db, "UPDATE patterns.pattern_update_queue SET next_attempt_at = now() WHERE id = %s", (entry,))
        assert wait_for_status(migrated_db, entry, timeout=5) == "completed"
        assert worker.stop() == 0
    assert query(migrated_db, "SELECT attempts FROM patterns.pattern_update_queue WHERE id = %s", (entry,)) == [(2,)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_worker_promptly(migrated_db, sig):
    with WorkerProcess("--dsn", migrated_db, "--poll", "60") as worker:
        worker.wait_for_line("listening on")
        started = time.monotonic()
        assert worker.stop(sig) == 0
        assert time.monotonic() - started < 3, "a waiting worker must not sit out its poll interval"
    assert "stopped" in worker.lines[-1]
    assert "Traceback" not in worker.stderr


def test_a_signal_during_a_call_lets_it_finish(migrated_db, tmp_path):
    ingested_project(migrated_db, tmp_path)
    query(migrated_db, "SELECT patterns.discover_patterns('app')")
    with WorkerProcess("--dsn", migrated_db, "--poll", "60") as worker:
        worker.wait_for_line("listening on")
        assert wait_until(lambda: pending(migrated_db) == 0)
        prefix_apply(migrated_db, "PERFORM pg_sleep(2)")
        entry = enqueue(migrated_db)
        in_call = ("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' "
                   "AND query = 'SELECT patterns.process_pattern_updates(1)'")
        assert wait_until(lambda: query(migrated_db, in_call) == [(1,)])
        assert entry_status(migrated_db, entry) == "pending"
        assert worker.stop(signal.SIGTERM) == 0
    assert entry_status(migrated_db, entry) == "completed"
    assert worker.lines[-2].startswith("app: 1 entry (manual): full_refresh in ")
    assert worker.lines[-1] == "stopped: 1 entry processed"


def test_the_worker_survives_a_server_restart(tmp_path):
    # A cluster of its own, stopped and started under the worker. The database is not
    # pg_cron's, so only the worker can complete the entries.
    base = make_home("pgp-worker-")
    server = LocalServer(base / "home", database="pgpattern_worker", cron_database="pgpattern_cron",
                         durable=False)
    try:
        server.start()
        db = server.conninfo()
        with Migrator(db) as m:
            m.migrate()
        ingested_project(db, tmp_path)
        with WorkerProcess("--dsn", db, "--poll", "60") as worker:
            worker.wait_for_line("listening on")
            port = server.port
            server.stop()
            lost = worker.wait_for_line("lost the connection")
            worker.wait_for_line("trying again in", after=lost)  # a reconnect failed meanwhile
            server.start()
            assert server.port == port
            queued_meanwhile = enqueue(db)  # probably before the worker is back: found on reconnect
            worker.wait_for_line("reconnected", timeout=20, after=lost)
            assert wait_for_status(db, queued_meanwhile) == "completed"
            notified = enqueue(db)
            assert wait_for_status(db, notified, timeout=5) == "completed"
            worker.wait_for_line("app: 1 entry (manual): not_maintained", after=lost)
            assert worker.stop() == 0
        assert "Traceback" not in worker.stderr
    finally:
        server.destroy()
        shutil.rmtree(base, ignore_errors=True)


def test_once_processes_what_is_pending_and_exits(migrated_db, tmp_path):
    # No discovery yet: the entries are completed, with nothing to maintain.
    ingested_project(migrated_db, tmp_path)
    entries = [enqueue(migrated_db), enqueue(migrated_db, trigger="session_end")]
    assert pending(migrated_db) == 3  # with the ingest's git_commit entry
    result = run_cli("worker", "--dsn", migrated_db, "--once")
    assert result.returncode == 0, result.stderr
    assert [entry_status(migrated_db, e) for e in entries] == ["completed", "completed"]
    assert pending(migrated_db) == 0
    assert "app: 3 entries (git_commit,manual,session_end): not_maintained in " in result.stderr
    assert result.stderr.splitlines()[-1] == "done: 3 entries processed"
    assert last_run(migrated_db) == ("not_maintained", "git_commit,manual,session_end", 3, "completed")

    enqueue(migrated_db)
    quiet = run_cli("worker", "--dsn", migrated_db, "--once", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert pending(migrated_db) == 0


def test_a_bad_dsn_is_a_clear_error(migrated_db):
    refused = run_cli("worker", "--dsn", "postgresql://alice:secret@127.0.0.1:1/app", "--once")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Error: cannot connect to the database at host=127.0.0.1 port=1 dbname=app")
    assert "secret" not in refused.stderr and "Traceback" not in refused.stderr

    garbled = run_cli("worker", "--dsn", "not a dsn", "--once")
    assert garbled.returncode == 1 and "--dsn is not a valid connection string" in garbled.stderr

    # The long-running worker refuses just as clearly (it retries only once it has connected).
    refused = run_cli("worker", "--dsn", "postgresql://127.0.0.1:1/app", timeout=20)
    assert refused.returncode == 1 and "Error: cannot connect" in refused.stderr


def test_an_unmigrated_database_is_named(db):
    result = run_cli("worker", "--dsn", db, "--once")
    assert result.returncode == 1
    assert "has no pattern update queue" in result.stderr and "pgpattern migrate" in result.stderr
