"""Errors a user can act on: each message names what was wrong and what to do."""


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
