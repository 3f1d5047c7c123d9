"""`pgpattern worker`: applies queued pattern updates as soon as they are enqueued.

The database does the work (``patterns.process_pattern_updates``); this loop only
decides when to call it: right away when a NOTIFY on ``pgpattern_pattern_updates``
arrives, else every ``poll`` seconds, for retries that come due and for notifications
sent while it was not listening. Several workers may run at once: the function locks
each project and claims entries with SKIP LOCKED.
"""

from __future__ import annotations

import contextlib
import signal
import time
from collections.abc import Callable

import psycopg
from psycopg.conninfo import conninfo_to_dict

from .errors import ConnectionFailed, PgPatternError
from .output import note
from .target import connect, describe, require_migrated

CHANNEL = "pgpattern_pattern_updates"
FIRST_BACKOFF, MAX_BACKOFF = 1.0, 30.0
# A LISTEN connection idles for long: without keepalives, a server that vanished
# without closing the TCP connection would never be noticed. The DSN's own values win.
CONNECT_DEFAULTS = {"connect_timeout": 10, "keepalives_idle": 30, "keepalives_interval": 10,
                    "keepalives_count": 3}

# The metrics rows of the run this transaction just made: which project, how it went. The
# function holds each project it processed under a transaction-level advisory lock (two
# int keys), and this connection takes no other, so those locks name the projects.
RUNS_OF_THIS_TRANSACTION = """
    SELECT DISTINCT ON (m.project_id)
           p.name, m.queue_entries, m.trigger_type, m.update_type, m.execution_time_ms, m.error_message
      FROM patterns.pattern_update_metrics m JOIN core.projects p USING (project_id)
     WHERE m.started_at >= now()
       AND m.project_id IN (SELECT l.objid::text::bigint FROM pg_locks l
                             WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.pid = pg_backend_pid())
     ORDER BY m.project_id, m.started_at DESC"""


class _Stop(Exception):
    """Raised by the signal handler to cut a wait short (never while a call runs)."""


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _first_line(error: Exception) -> str:
    text = error.args[0] if isinstance(error, PgPatternError) else str(error)
    return (str(text).strip().splitlines() or [type(error).__name__])[0]


class Worker:
    def __init__(self, conninfo: str, poll: float = 10.0, quiet: bool = False,
                 log: Callable[[str], None] = note):
        self.conninfo = conninfo
        self.poll = poll
        self.quiet = quiet
        self.log = log
        self.handled = 0  # entries completed or failed since start
        self.stopping = False
        self._waiting = False

    def info(self, message: str) -> None:
        if not self.quiet:
            self.log(message)

    def run(self, once: bool = False) -> int:
        """Process due entries until SIGTERM/SIGINT (with once: until none is due); entries handled."""
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        conn = None
        try:
            conn = self._connect()  # the first failure is the user's to fix: no retry
            self.info(f"processing what is due at {describe(self.conninfo)}" if once else
                      f"listening on {CHANNEL} at {describe(self.conninfo)} (polling every {self.poll:g} s)")
            while not self.stopping:
                try:
                    self._process(conn)
                    if once:
                        break
                    self._wait(conn)
                except psycopg.Error as e:
                    if once:
                        raise
                    if conn.closed or conn.broken:
                        self.log(f"lost the connection: {_first_line(e)}")
                        conn.close()
                        conn = self._reconnect()
                    else:  # a transient error (deadlock, timeout): try again later
                        self.log(f"error: {_first_line(e)}; trying again in {self.poll:g} s")
                        self._sleep(self.poll)
        except _Stop:
            pass
        finally:
            if conn is not None:
                conn.close()
            for s, handler in previous.items():
                signal.signal(s, handler)
        self.info(f"{'done' if once and not self.stopping else 'stopped'}: {_entries(self.handled)} processed")
        return self.handled

    def _on_signal(self, signum, frame) -> None:
        self.stopping = True
        if self._waiting:
            raise _Stop

    @contextlib.contextmanager
    def _interruptible(self):
        """A wait that SIGTERM/SIGINT cut short; elsewhere they only set `stopping`."""
        self._waiting = True
        try:
            if self.stopping:
                raise _Stop
            yield
        finally:
            self._waiting = False

    def _sleep(self, seconds: float) -> None:
        with self._interruptible():
            time.sleep(seconds)

    def _connect(self) -> psycopg.Connection:
        given = conninfo_to_dict(self.conninfo)
        conn = connect(self.conninfo, long_running=True, autocommit=True,
                       **{k: v for k, v in CONNECT_DEFAULTS.items() if k not in given})
        try:
            require_migrated(conn, "patterns.process_pattern_updates", "pattern update queue")
            # Listen before the first call, so nothing enqueued after that call is missed.
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _reconnect(self) -> psycopg.Connection:
        delay = FIRST_BACKOFF
        while True:
            self._sleep(delay)
            try:
                conn = self._connect()
            except (ConnectionFailed, psycopg.OperationalError) as e:
                delay = min(delay * 2, MAX_BACKOFF)
                self.log(f"{_first_line(e)}; trying again in {delay:g} s")
                continue
            self.log(f"reconnected to {describe(self.conninfo)}")
            return conn

    def _process(self, conn: psycopg.Connection) -> None:
        """Call the database until nothing is due, one transaction per call."""
        while not self.stopping:
            with conn.transaction():
                handled = conn.execute("SELECT patterns.process_pattern_updates(1)").fetchone()[0]
                runs = conn.execute(RUNS_OF_THIS_TRANSACTION).fetchall() if handled else []
            if not handled:
                return
            self.handled += handled
            if not runs:  # the metrics did not name the project: say what is known
                self.info(f"{_entries(handled)} processed")
            for project, entries, triggers, update_type, ms, error in runs:
                what = f"{_entries(entries)} ({triggers})"
                if error is None:
                    self.info(f"{project}: {what}: {update_type} in {ms} ms")
                else:  # the database records the error and retries the entries later
                    self.log(f"{project}: {what}: failed in {ms} ms: {error}")

    def _wait(self, conn: psycopg.Connection) -> None:
        with self._interruptible():
            # One notification is reason enough to look again; the ones queued behind it
            # are swallowed, since the next calls see their entries anyway.
            for _ in conn.notifies(timeout=self.poll, stop_after=1):
                pass
            for _ in conn.notifies(timeout=0):
                pass
