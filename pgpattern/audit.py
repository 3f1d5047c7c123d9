"""`pgpattern audit`: pgaudit's entries read back from the server log as rows.

pgaudit (migration 0703) writes one log line per audited statement and relation:
``AUDIT: OBJECT,2,1,WRITE,UPDATE,TABLE,learning.ml_models,"update ...",<not logged>``, after
the prefix the embedded server configures (``%m [%p] %q%u@%d``: time in UTC, process, user,
database). A statement over several lines continues on the lines that follow.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import PgPatternError
from .target import Target, connect

LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) (\S+) \[(\d+)\] (\S*)@(\S*) (\w+):  (.*)$")
AUDIT_FIELDS = ("audit_type", "statement_id", "substatement_id", "statement_class", "command", "object_type",
                "object", "statement", "parameter")


@dataclass
class AuditEntry:
    logged_at: datetime
    role: str
    database: str
    audit_type: str  # SESSION (DDL, role changes) or OBJECT (reads and writes of audited data)
    statement_class: str  # READ, WRITE, DDL, ROLE, ...
    command: str
    object_type: str
    object: str
    statement: str

    def as_dict(self) -> dict:
        return asdict(self) | {"logged_at": self.logged_at.isoformat()}


def _records(lines: Iterable[str]) -> Iterator[tuple[re.Match, str]]:
    """(the prefix match, the message with its continuation lines) of every log record."""
    current: re.Match | None = None
    message: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        match = LINE.match(line)
        if match:
            if current:
                yield current, "\n".join(message)
            current, message = match, [match.group(7)]
        elif current:
            message.append(line)
    if current:
        yield current, "\n".join(message)


def parse(lines: Iterable[str]) -> Iterator[AuditEntry]:
    for match, message in _records(lines):
        if match.group(6) != "LOG" or not message.startswith("AUDIT: "):
            continue
        fields = next(csv.reader(io.StringIO(message[len("AUDIT: "):])), [])
        if len(fields) < len(AUDIT_FIELDS) - 1:
            continue
        audit = dict(zip(AUDIT_FIELDS, fields))
        logged_at = datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)
        yield AuditEntry(logged_at, match.group(4), match.group(5), audit["audit_type"], audit["statement_class"],
                         audit["command"], audit["object_type"], audit["object"], audit["statement"])


def _log_lines(target: Target, log_file: Path | None) -> Iterable[str]:
    """The server log: the file given, the embedded server's, else what the server will hand out."""
    path = log_file or (target.server.log_file if target.server else None)
    if path:
        try:
            return path.read_text(errors="replace").splitlines()
        except OSError as e:
            raise PgPatternError(f"cannot read the server log {path}: {e.strerror}",
                                 hint="run as the server's user, or give a readable copy with --log-file") from None
    with connect(target.conninfo, autocommit=True) as conn:
        try:
            text = conn.execute("SELECT pg_read_file(pg_current_logfile())").fetchone()[0]
        except Exception:
            text = None
    if not text:
        raise PgPatternError(f"cannot read the server log of {target.display}",
                             hint="give it with --log-file (the server must log with log_line_prefix "
                                  "'%m [%p] %q%u@%d ' and log_timezone UTC, see docs/privacy.md)")
    return text.splitlines()


def audit_entries(target: Target, since: datetime | None = None, role: str | None = None,
                  object_name: str | None = None, log_file: Path | None = None) -> list[AuditEntry]:
    """The audit entries of the target's database, oldest first, filtered as asked."""
    with connect(target.conninfo, autocommit=True) as conn:
        database = conn.execute("SELECT current_database()").fetchone()[0]
    if since and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return [e for e in parse(_log_lines(target, log_file))
            if e.database == database
            and (since is None or e.logged_at >= since)
            and (role is None or e.role == role)
            and (object_name is None or object_name in e.object)]
