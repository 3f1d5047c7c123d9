"""Errors a user can act on: each message names what was wrong and what to do.

The CLI prints every error as one ``Error: ...`` line and one ``Hint: ...`` line (exit
code 1, never a traceback); the helpers here give each error its one-line message and
its hint.
"""

from __future__ import annotations

import psycopg

# SQLSTATEs of a connection that went away: the server stopped, crashed or was restarted,
# or an administrator ended the session.
CONNECTION_LOST = ("57P01", "57P02", "57P03")
# An object that a migration makes is missing: the database is not migrated (far enough).
NOT_MIGRATED = ("3F000", "42P01", "42883")
# A write in a read-only transaction: on a hot standby, every transaction is one.
READ_ONLY = "25006"


class PgPatternError(Exception):
    """An error the CLI prints as a message, without a traceback."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}\nHint: {self.hint}" if self.hint else text


class ServerError(PgPatternError):
    """The embedded PostgreSQL server could not be found, created or started."""


class ConnectionFailed(PgPatternError):
    """A database server could not be reached."""


class MigrationError(PgPatternError):
    """A migration could not be applied or rolled back."""


class NotMigrated(PgPatternError):
    """The database lacks what a command needs: the migrations were not applied (far enough)."""

    def __init__(self, where: str, what: str, missing: str):
        super().__init__(f"the database at {where} is not migrated: it has no {what} ({missing} is missing)",
                         hint="apply the migrations first: pgpattern migrate (with the same --dsn)")


def one_line(text: str) -> str:
    """Text as one line: its lines joined by spaces, blank ones dropped."""
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


def connection_lost(error: psycopg.Error) -> bool:
    """Whether the error means the connection is gone (not that a statement failed)."""
    if error.sqlstate in CONNECTION_LOST or (error.sqlstate or "").startswith("08"):
        return True
    return isinstance(error, psycopg.OperationalError) and error.sqlstate is None


def database_error(error: psycopg.Error) -> PgPatternError:
    """A database error as one message and a hint: the server's own hint when it gave one."""
    diag = error.diag
    message = one_line(diag.message_primary or str(error) or type(error).__name__)
    if diag.message_detail:
        message += f" ({one_line(diag.message_detail)})"
    if connection_lost(error):
        return PgPatternError(
            f"lost the connection to the database: {message}",
            hint="check that the server is running (the embedded one: pgpattern db start), then run the "
                 "command again: what was committed before stays")
    if error.sqlstate == READ_ONLY:
        return PgPatternError(
            f"the database is read-only (a hot standby, or a read-only transaction): {message}",
            hint="this writes, so it needs the primary: point --dsn (or PGPATTERN_DSN) at it; "
                 "a standby serves reads only (--read-dsn)")
    hint = one_line(diag.message_hint) if diag.message_hint else None
    if not hint and error.sqlstate in NOT_MIGRATED:
        hint = "the database may not be migrated (far enough): pgpattern migrate"
    if not hint:
        where = f"SQLSTATE {error.sqlstate}" if error.sqlstate else "the error"
        hint = f"the server log may say more ({where}); nothing of the failed statement was kept"
    return PgPatternError(f"database error: {message}", hint=hint)
