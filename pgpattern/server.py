"""The embedded default database: a private PostgreSQL cluster that pgpattern owns.

The cluster lives in a home directory (``PGPATTERN_HOME``) with this layout::

    data/               PGDATA, created by initdb
    run/                the Unix socket directory
    log/postgresql.log  the server log
    password            the TCP password of the superuser (mode 0600)
    server.json         the port and binaries last used

The server listens on a Unix socket (trust, reachable only by its owner) and on
127.0.0.1 with a password, on a port that was free when it was first started.
pg_cron and pgaudit are preloaded when their libraries are installed; the log names the
user and database of each line, which `pgpattern audit` reads. PostgreSQL refuses to run as
root, so as root every server binary runs as an unprivileged system user.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pwd
import re
import secrets
import shlex
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from .errors import ServerError, one_line

SERVER_PACKAGE = "postgresql-15"
CRON_PACKAGE = "postgresql-15-cron"
DEFAULT_DATABASE = "pgpattern"
SUPERUSER = "postgres"
# A Unix socket path must fit in sockaddr_un.sun_path (108 bytes with its NUL).
MAX_SOCKET_PATH = 107


def default_home() -> Path:
    """Where the embedded cluster lives unless PGPATTERN_HOME says otherwise."""
    if os.environ.get("PGPATTERN_HOME"):
        return Path(os.environ["PGPATTERN_HOME"]).expanduser().absolute()
    if os.geteuid() == 0:
        # root's home is not searchable by the unprivileged server user.
        return Path("/var/lib/pgpattern")
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "pgpattern"


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and postgres."""
    needed = ("initdb", "pg_ctl", "postgres")
    candidates: list[Path] = []
    if os.environ.get("PGPATTERN_PG_BINDIR"):
        candidates.append(Path(os.environ["PGPATTERN_PG_BINDIR"]))
    else:
        pg_config = shutil.which("pg_config")
        if pg_config:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
            if out.returncode == 0:
                candidates.append(Path(out.stdout.strip()))
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                          key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                          reverse=True)
        candidates.extend(versions)
        initdb = shutil.which("initdb")
        if initdb:
            candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if all((bindir / name).is_file() and os.access(bindir / name, os.X_OK) for name in needed):
            return bindir
    where = candidates[0] if os.environ.get("PGPATTERN_PG_BINDIR") else "PATH and /usr/lib/postgresql"
    raise ServerError(
        f"PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in {where}",
        hint=f"install the Debian package {SERVER_PACKAGE} (apt-get install {SERVER_PACKAGE}), "
        "or set PGPATTERN_PG_BINDIR to the directory that holds them",
    )


def pkglibdir(bindir: Path) -> Path:
    """The directory the server loads extension libraries from."""
    pg_config = bindir / "pg_config"
    if pg_config.is_file():
        out = subprocess.run([str(pg_config), "--pkglibdir"], capture_output=True, text=True)
        if out.returncode == 0:
            return Path(out.stdout.strip())
    return bindir.parent / "lib"


def has_pg_cron(bindir: Path) -> bool:
    return (pkglibdir(bindir) / "pg_cron.so").is_file()


def has_pgaudit(bindir: Path) -> bool:
    return (pkglibdir(bindir) / "pgaudit.so").is_file()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class ServerStatus:
    home: Path
    data_directory: Path
    socket_directory: Path
    port: int | None
    version: str | None
    running: bool
    pid: int | None
    pg_cron: bool
    database: str
    log_file: Path

    def as_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


class LocalServer:
    """A PostgreSQL cluster in a directory of its own, started from the installed binaries."""

    def __init__(self, home: Path | None = None, *, database: str = DEFAULT_DATABASE,
                 cron_database: str | None = None, durable: bool = True):
        self.home = (home or default_home()).absolute()
        self.database = database
        self.cron_database = cron_database or database
        # Throwaway test clusters trade crash safety for speed.
        self.durable = durable
        self.data = self.home / "data"
        self.run_dir = self.home / "run"
        self.log_file = self.home / "log" / "postgresql.log"
        self.state_file = self.home / "server.json"
        self.password_file = self.home / "password"
        self._bindir: Path | None = None

    # -- the unprivileged user ------------------------------------------------
    @property
    def server_user(self) -> pwd.struct_passwd | None:
        """The system user the server runs as when pgpattern runs as root."""
        if os.geteuid() != 0:
            return None
        name = os.environ.get("PGPATTERN_SERVER_USER", "postgres")
        try:
            return pwd.getpwnam(name)
        except KeyError:
            raise ServerError(
                f"PostgreSQL refuses to run as root and the system user {name!r} does not exist",
                hint=f"install {SERVER_PACKAGE} (it creates the user 'postgres'), create one with "
                "'useradd --system pgpattern', or set PGPATTERN_SERVER_USER to an existing user",
            ) from None

    def _as_server_user(self, cmd: list[str]) -> list[str]:
        user = self.server_user
        return ["runuser", "-u", user.pw_name, "--", *cmd] if user else cmd

    def _run(self, cmd: list[str], what: str, timeout: int = 120) -> subprocess.CompletedProcess:
        proc = subprocess.run(self._as_server_user(cmd), capture_output=True, text=True,
                              cwd="/", timeout=timeout)
        if proc.returncode != 0:
            output = one_line(proc.stderr or proc.stdout)
            hint = (f"see the server log {self.log_file}" if self.log_file.is_file() else
                    f"check the PostgreSQL binaries in {self.bindir} and that {self.home} is writable")
            raise ServerError(f"{what} failed (exit {proc.returncode}): {output}", hint=hint)
        return proc

    def _writable_by_server(self, path: Path) -> bool:
        user = self.server_user
        if user is None:
            return os.access(path, os.W_OK)
        return subprocess.run(["runuser", "-u", user.pw_name, "--", "test", "-w", str(path)], cwd="/").returncode == 0

    def _check_writable(self) -> None:
        """Before a start: the server must write its data directory, socket directory and log."""
        paths = [self.data, self.run_dir, self.log_file.parent]
        if self.log_file.exists():
            paths.append(self.log_file)
        blocked = [str(p) for p in paths if not self._writable_by_server(p)]
        if blocked:
            who = f"the server user {self.server_user.pw_name!r}" if self.server_user else "this user"
            raise ServerError(f"{who} cannot write to {', '.join(blocked)}: the embedded database cannot start",
                              hint=f"make the home writable again (chmod -R u+w {shlex.quote(str(self.home))}), "
                                   "or set PGPATTERN_HOME to another directory")

    def _own(self, path: Path, mode: int = 0o700) -> None:
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)
        user = self.server_user
        if user:
            os.chown(path, user.pw_uid, user.pw_gid)

    # -- binaries ---------------------------------------------------------------
    @property
    def bindir(self) -> Path:
        if self._bindir is None:
            self._bindir = find_bindir()
        return self._bindir

    def version(self) -> str:
        out = subprocess.run([str(self.bindir / "postgres"), "--version"],
                             capture_output=True, text=True).stdout
        match = re.search(r"(\d+(?:\.\d+)?)", out)
        return match.group(1) if match else out.strip()

    @property
    def pg_cron_available(self) -> bool:
        return has_pg_cron(self.bindir)

    # -- state ------------------------------------------------------------------
    def _state(self) -> dict:
        try:
            return json.loads(self.state_file.read_text())
        except (FileNotFoundError, ValueError):
            return {}

    def _save_state(self, **values) -> None:
        state = self._state() | values
        self.state_file.write_text(json.dumps(state, indent=2) + "\n")

    @property
    def port(self) -> int | None:
        return self._state().get("port")

    @contextlib.contextmanager
    def _locked(self):
        """One pgpattern process at a time creates, starts or stops this cluster."""
        existed = self.home.is_dir()
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            lock = open(self.home / ".lock", "w")
        except OSError as e:
            raise self._home_error(e, existed) from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def _home_error(self, error: OSError, existed: bool) -> ServerError:
        home = shlex.quote(str(self.home))
        if existed:
            return ServerError(f"cannot write to {self.home} (the embedded database's home): {error.strerror}",
                               hint=f"make it writable (chmod u+w {home}), or set PGPATTERN_HOME to a "
                                    "directory you can write")
        return ServerError(f"cannot create {self.home} (the embedded database's home): {error.strerror}",
                           hint=f"set PGPATTERN_HOME to a directory you can write, or create {home} yourself")

    # -- lifecycle --------------------------------------------------------------
    def is_initialized(self) -> bool:
        return (self.data / "PG_VERSION").is_file()

    def is_running(self) -> bool:
        if not self.is_initialized():
            return False
        proc = subprocess.run(self._as_server_user([str(self.bindir / "pg_ctl"), "status",
                                                    "-D", str(self.data)]),
                              capture_output=True, text=True, cwd="/")
        return proc.returncode == 0

    def pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None

    def _check_reachable(self) -> None:
        user = self.server_user
        if not user:
            return
        probe = subprocess.run(["runuser", "-u", user.pw_name, "--", "test", "-x", str(self.home)],
                               cwd="/")
        if probe.returncode != 0:
            blocking = next((p for p in [*reversed(self.home.parents), self.home]
                             if p.exists() and not (p.stat().st_mode & 0o001)), self.home)
            raise ServerError(
                f"the server user {user.pw_name!r} cannot reach {self.home}: "
                f"{blocking} is not searchable by other users",
                hint="set PGPATTERN_HOME to a directory outside root's home, e.g. /var/lib/pgpattern",
            )

    def _check_socket_path(self, port: int) -> None:
        path = self.run_dir / f".s.PGSQL.{port}"
        if len(str(path).encode()) > MAX_SOCKET_PATH:
            raise ServerError(f"the socket path {path} is longer than {MAX_SOCKET_PATH} bytes",
                              hint="set PGPATTERN_HOME to a shorter path")

    def init(self) -> bool:
        """Create the cluster if it does not exist yet. Returns True when it was created."""
        if self.is_initialized():
            major = (self.data / "PG_VERSION").read_text().strip()
            if major != self.version().split(".")[0]:
                raise ServerError(
                    f"the data directory {self.data} was created by PostgreSQL {major}, "
                    f"but the binaries in {self.bindir} are PostgreSQL {self.version()}",
                    hint="set PGPATTERN_PG_BINDIR to the matching binaries, or PGPATTERN_HOME to a new directory",
                )
            return False
        self.home.mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o755 if self.server_user else 0o700)
        self._check_reachable()
        for directory in (self.data, self.run_dir, self.log_file.parent):
            self._own(directory)
        password = secrets.token_urlsafe(24)
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
        pwfile = self.home / "run" / ".initdb-password"
        pwfile.write_text(password + "\n")
        user = self.server_user
        if user:
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        try:
            cmd = [str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                   "--encoding=UTF8", "--locale=C.UTF-8", "--auth-local=trust",
                   "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
            if not self.durable:
                cmd.append("--no-sync")
            self._run(cmd, "initdb")
        finally:
            pwfile.unlink(missing_ok=True)
        conf = self.data / "postgresql.conf"
        with conf.open("a") as f:
            f.write("\n# Written by pgpattern at every start.\ninclude_if_exists = 'pgpattern.conf'\n")
        return True

    def _settings(self, port: int) -> dict:
        """The server settings pgpattern writes at every start."""
        settings = {
            "port": port,
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.run_dir),
            "unix_socket_permissions": "0700",
            "max_worker_processes": 20,
            "logging_collector": "off",
            # Who and where, on every line: pgaudit's lines name neither (pgpattern audit reads them).
            "log_line_prefix": "%m [%p] %q%u@%d ",
            "log_timezone": "UTC",
            # Streaming replication to a hot standby (pgpattern db replica): the WAL it needs,
            # senders and slots for it, and a cap on the WAL a slot of a stopped standby keeps.
            "wal_level": "replica",
            "max_wal_senders": 10,
            "max_replication_slots": 10,
            "max_slot_wal_keep_size": "1GB",
        }
        preload = []
        if self.pg_cron_available:
            preload.append("pg_cron")
            settings |= {
                "cron.database_name": self.cron_database,
                # Jobs run in background workers, so they need no libpq connection
                # (a socket-only server would refuse pg_cron's default localhost).
                "cron.use_background_workers": "on",
                "cron.host": str(self.run_dir),
            }
        if has_pgaudit(self.bindir):
            preload.append("pgaudit")
            settings |= {
                # Object auditing (migration 0703): what the audit role may touch is logged,
                # with DDL and role changes; never the statements' parameters (emails, keys).
                "pgaudit.role": "pgpattern_auditor",
                "pgaudit.log": "ddl, role",
                "pgaudit.log_catalog": "off",
                "pgaudit.log_parameter": "off",
            }
        if preload:
            settings["shared_preload_libraries"] = ",".join(preload)
        if not self.durable:
            settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
        return settings

    def _write_settings(self, port: int) -> None:
        settings = self._settings(port)

        def quoted(value) -> str:
            return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"

        text = "# Generated by pgpattern at every start; edits here are overwritten.\n"
        text += "".join(f"{name} = {quoted(value)}\n" for name, value in settings.items())
        target = self.data / "pgpattern.conf"
        target.write_text(text)
        user = self.server_user
        if user:
            os.chown(target, user.pw_uid, user.pw_gid)
        self._allow_local_replication()

    def _allow_local_replication(self) -> None:
        """The superuser may stream WAL over the Unix socket (initdb writes this line; older homes may lack it)."""
        hba = self.data / "pg_hba.conf"
        lines = hba.read_text().splitlines()
        if not any(line.split()[:2] == ["local", "replication"] for line in lines):
            hba.write_text("\n".join([*lines, "# Written by pgpattern: the hot standby (pgpattern db replica).",
                                       f"local   replication     {SUPERUSER}   trust", ""]))

    def start(self) -> bool:
        """Create and start the cluster if needed. Returns True when it was started now."""
        with self._locked():
            self.init()
            if self.is_running():
                return False
            self._own(self.run_dir)
            self._check_writable()
            port = self.port if self.port and port_is_free(self.port) else free_port()
            self._check_socket_path(port)
            self._write_settings(port)
            self._save_state(port=port, bindir=str(self.bindir))
            self._run([str(self.bindir / "pg_ctl"), "start", "-D", str(self.data), "-w", "-t", "60",
                       "-l", str(self.log_file)], "starting PostgreSQL")
            self._after_start()
            return True

    def _after_start(self) -> None:
        self._ensure_database(self.database)
        if self.cron_database != self.database:
            self._ensure_database(self.cron_database)

    def stop(self) -> bool:
        """Stop the cluster. Returns False when it was not running."""
        with self._locked():
            if not self.is_running():
                return False
            self._run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"],
                      "stopping PostgreSQL")
            return True

    def destroy(self) -> None:
        """Stop the cluster and delete its home (used by the tests' throwaway clusters)."""
        if self.is_running():
            self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def _ensure_database(self, name: str) -> None:
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    # -- addresses --------------------------------------------------------------
    def conninfo(self, database: str | None = None) -> str:
        return psycopg.conninfo.make_conninfo(host=str(self.run_dir), port=self.port,
                                              dbname=database or self.database, user=SUPERUSER)

    def url(self, database: str | None = None) -> str:
        from urllib.parse import quote
        return (f"postgresql://{SUPERUSER}@/{quote(database or self.database)}"
                f"?host={quote(str(self.run_dir))}&port={self.port}")

    def status(self) -> ServerStatus:
        running = self.is_running()
        return ServerStatus(
            home=self.home, data_directory=self.data, socket_directory=self.run_dir,
            port=self.port, version=self.version(), running=running,
            pid=self.pid() if running else None, pg_cron=self.pg_cron_available,
            database=self.database, log_file=self.log_file,
        )
