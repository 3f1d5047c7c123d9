"""sql/structure.sql: a schema-only dump of what the migrations build.

The migrations are the history; this file is the current definition of every table,
view and function in one readable place. A test holds it equal to a fresh migrate;
`make structure` (python -m pgpattern.structure) writes it again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from .migrations import Migrator
from .server import LocalServer

PROJECT_SCHEMAS = ("core", "git", "patterns", "learning", "workflow", "ops", "api", "privacy")
# Lines that differ between runs or pg_dump minor versions, not between structures.
VOLATILE_PREFIXES = ("-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict")
# Partitions named after their period (<table>_p<year>...) depend on the day the
# migrations ran: they are data, not structure (their parent and its default partition stay).
DATED_PARTITIONS = "*.*_p[0-9][0-9][0-9][0-9]*"


def schema_dump(server: LocalServer, conninfo: str) -> str:
    dbname = conninfo_to_dict(conninfo)["dbname"]
    out = subprocess.run(
        [str(server.bindir / "pg_dump"), "--schema-only", "--no-owner",
         *[f"--schema={s}" for s in PROJECT_SCHEMAS], f"--exclude-table={DATED_PARTITIONS}",
         "-h", str(server.run_dir), "-p", str(server.port), "-U", "postgres", dbname],
        capture_output=True, text=True, check=True).stdout
    lines = [line for line in out.splitlines() if not line.startswith(VOLATILE_PREFIXES)]
    return "\n".join(lines).strip() + "\n"


@contextmanager
def scratch_server() -> Iterator[LocalServer]:
    """A throwaway cluster migrated to the newest migration (its database: server.conninfo())."""
    base = Path(tempfile.mkdtemp(prefix="pgp-scratch-", dir="/tmp"))
    base.chmod(0o755)
    server = LocalServer(base / "home", durable=False)
    try:
        server.start()
        with Migrator(server.conninfo()) as m:
            m.migrate()
        yield server
    finally:
        server.destroy()
        base.rmdir()


def main(target: str) -> None:
    with scratch_server() as server:
        Path(target).write_text(schema_dump(server, server.conninfo()))
    print(f"wrote {target}", file=sys.stderr)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sql/structure.sql")
