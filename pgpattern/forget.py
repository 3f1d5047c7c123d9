"""`pgpattern forget`: replace a person's identity everywhere with a stable pseudonym.

The work is api.forget_identity() (migration 0700), one transaction. The email is sent as
a bound parameter, so it does not appear in the statement text the server may log.
"""

from __future__ import annotations

from dataclasses import dataclass

from .target import connect, require_migrated


@dataclass
class ForgetResult:
    pseudonym: str
    changed: list[tuple[str, int]]  # (table, rows changed), tables with changes only

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.changed)


def forget(conninfo: str, email: str, project: str | None = None) -> ForgetResult:
    with connect(conninfo) as conn:
        require_migrated(conn, "api.forget_identity", "right-to-be-forgotten support")
        with conn.transaction():
            rows = conn.execute("SELECT table_name, rows_changed, pseudonym FROM api.forget_identity(%s, %s)",
                                (email, project)).fetchall()
    return ForgetResult(rows[0][2], [(t, n) for t, n, _ in rows if n])
