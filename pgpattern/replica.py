"""The embedded database's hot standby: PostgreSQL's own streaming replication, nothing home-made.

It lives in ``replica/`` inside the embedded home, with the primary's layout (its own
data directory, socket directory, log and port on 127.0.0.1). ``create`` copies the
running primary with ``pg_basebackup -R`` (which writes standby.signal) through a
physical replication slot, so the primary keeps the WAL the standby has not replayed
yet (at most max_slot_wal_keep_size). Its connection to the primary is written at
every start, since the primary's port may change between starts.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import psycopg

from .errors import ServerError
from .server import SUPERUSER, LocalServer

SLOT = "pgpattern_replica"
APPLICATION_NAME = "pgpattern_replica"

LAG_ON_STANDBY = """
    SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
           -- Nothing received is left to replay: not behind, however long ago the last commit was.
           -- Behind: since the last replayed commit was made on the primary, or (none replayed since
           -- the standby started) since the standby started.
           CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                ELSE extract(epoch FROM now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()))
           END::float8,
           pg_last_xact_replay_timestamp()"""


@dataclass
class ReplayLag:
    """How far a standby is behind its primary."""
    replay_lsn: str | None
    bytes: int | None  # None when the primary cannot be reached
    seconds: float | None
    last_replayed_commit: object  # the primary's commit time of the last replayed transaction


def replay_lag(primary_conninfo: str, standby_conninfo: str) -> ReplayLag:
    """The standby's replay lag: bytes of WAL the primary wrote that the standby has not replayed, and
    seconds since the last replayed commit happened on the primary (0 when all it received is replayed;
    since the standby started when it has replayed no commit yet)."""
    with psycopg.connect(standby_conninfo, autocommit=True) as conn:
        recovering, replay_lsn, seconds, replayed_at = conn.execute(LAG_ON_STANDBY).fetchone()
    if not recovering:
        raise ServerError("the replica is not in recovery: it is no standby (was it promoted?)",
                          hint="drop it (pgpattern db replica drop) and create it again")
    try:
        with psycopg.connect(primary_conninfo, autocommit=True, connect_timeout=5) as conn:
            lag = conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s::pg_lsn)::bigint",
                               (replay_lsn,)).fetchone()[0]
    except psycopg.OperationalError:
        lag = None
    return ReplayLag(replay_lsn, lag, seconds, replayed_at)


def replayed(primary_conninfo: str, standby_conninfo: str) -> bool:
    """Whether the standby has replayed all WAL the primary has written so far."""
    with psycopg.connect(primary_conninfo, autocommit=True) as conn:
        written = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
    with psycopg.connect(standby_conninfo, autocommit=True) as conn:
        return conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (written,)).fetchone()[0]


class LocalReplica(LocalServer):
    """A hot standby of an embedded primary, in the primary's home under replica/."""

    def __init__(self, primary: LocalServer):
        super().__init__(primary.home / "replica", database=primary.database,
                         cron_database=primary.cron_database, durable=primary.durable)
        self.primary = primary
        # A copy of the primary: the same roles and passwords.
        self.password_file = primary.password_file

    def init(self) -> bool:
        self._require_created()
        return super().init()

    def _require_created(self) -> None:
        if not self.is_initialized():
            raise ServerError(f"there is no replica in {self.home}",
                              hint="create it first: pgpattern db replica create")

    def create(self) -> bool:
        """Copy the running primary into a new standby (it stays stopped). Returns False when it exists."""
        self.primary.start()
        with self._locked():
            if self.is_initialized():
                return False
            self.home.chmod(0o755 if self.server_user else 0o700)
            self._check_reachable()
            for directory in (self.data, self.run_dir, self.log_file.parent):
                self._own(directory)
            self._drop_slot()  # left by a replica whose directory was deleted by hand
            command = [str(self.bindir / "pg_basebackup"), "-D", str(self.data), "-h", str(self.primary.run_dir),
                       "-p", str(self.primary.port), "-U", SUPERUSER, "-R", "-X", "stream", "-C", "-S", SLOT,
                       "-c", "fast"]
            if not self.durable:
                command.append("--no-sync")
            try:
                self._run(command, "pg_basebackup", timeout=3600)
            except ServerError:
                shutil.rmtree(self.data, ignore_errors=True)
                raise
            # pg_basebackup -R wrote primary_conninfo here; it is written at every start instead.
            auto = self.data / "postgresql.auto.conf"
            auto.write_text("".join(line for line in auto.read_text().splitlines(keepends=True)
                                    if not line.startswith("primary_conninfo")))
            return True

    def _settings(self, port: int) -> dict:
        primary = psycopg.conninfo.make_conninfo(host=str(self.primary.run_dir), port=self.primary.port,
                                                 user=SUPERUSER, application_name=APPLICATION_NAME)
        return super()._settings(port) | {
            "primary_conninfo": primary,
            "primary_slot_name": SLOT,
            "hot_standby": "on",
            # Long reads are not cancelled by the primary's vacuum removing rows they still see.
            "hot_standby_feedback": "on",
        }

    def start(self) -> bool:
        """Start the standby (and its primary first). Returns True when it was started now."""
        self._require_created()
        self.primary.start()
        return super().start()

    def _after_start(self) -> None:
        pass  # a standby creates nothing: its databases are the primary's

    def drop(self) -> bool:
        """Stop the standby, delete it and its slot on the primary. Returns False when there was none."""
        existed = self.home.exists()
        if self.is_running():
            self.stop()
        shutil.rmtree(self.home, ignore_errors=True)
        if self.primary.is_running():
            self._drop_slot()
        return existed

    def _drop_slot(self) -> None:
        with psycopg.connect(self.primary.conninfo("postgres"), autocommit=True) as conn:
            conn.execute("""SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
                             WHERE slot_name = %s AND NOT active""", (SLOT,))

    def lag(self) -> ReplayLag:
        return replay_lag(self.primary.conninfo(), self.conninfo())
