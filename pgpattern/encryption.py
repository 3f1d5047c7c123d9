"""`pgpattern encryption`: sensitive fields stored encrypted with pgcrypto (migration 0702).

The key is never stored: PGPATTERN_ENCRYPTION_KEY reaches the server as the session setting
pgpattern.encryption_key (target.connect). Rotation takes the new key from
PGPATTERN_NEW_ENCRYPTION_KEY and re-encrypts in batches, one transaction each, so that an
interrupted rotation goes on where it stopped when run again.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .errors import PgPatternError
from .target import ENCRYPTION_KEY_VARIABLE, connect, require_migrated

NEW_KEY_VARIABLE = "PGPATTERN_NEW_ENCRYPTION_KEY"


def _key(variable: str, purpose: str) -> str:
    key = os.environ.get(variable)
    if not key:
        raise PgPatternError(f"{variable} is not set: {purpose}",
                             hint=f"export {variable}=... (the key is never stored in the database)")
    return key


def sensitive_fields(conninfo: str) -> list[tuple[str, str, int, int]]:
    """(table, column, encrypted values, clear values) of every sensitive field."""
    with connect(conninfo, autocommit=True) as conn:
        require_migrated(conn, "privacy.sensitive_field_counts", "encrypted fields")
        return [tuple(r) for r in conn.execute("SELECT * FROM privacy.sensitive_field_counts()")]


def mark_sensitive(conninfo: str, table: str, column: str) -> int:
    _key(ENCRYPTION_KEY_VARIABLE, "marking a field sensitive encrypts its values now")
    with connect(conninfo) as conn:
        require_migrated(conn, "api.mark_sensitive", "encrypted fields")
        with conn.transaction():
            return conn.execute("SELECT api.mark_sensitive(%s, %s)", (table, column)).fetchone()[0]


def rotate(conninfo: str, batch_size: int, on_batch: Callable[[int, int], None] | None = None) -> int:
    """Re-encrypt every sensitive value under the new key; returns how many were re-encrypted."""
    old = _key(ENCRYPTION_KEY_VARIABLE, "rotation needs the key the values are encrypted under")
    new = _key(NEW_KEY_VARIABLE, "rotation needs the new key")
    if batch_size < 1:
        raise PgPatternError(f"--batch-size must be at least 1, not {batch_size}")
    total = 0
    with connect(conninfo, long_running=True) as conn:
        require_migrated(conn, "api.rotate_encryption_key", "encrypted fields")
        while True:
            with conn.transaction():
                rows = conn.execute("SELECT rotated, remaining FROM api.rotate_encryption_key(%s, %s, %s)",
                                    (old, new, batch_size)).fetchall()
            done = sum(r[0] for r in rows)
            remaining = sum(r[1] for r in rows)
            total += done
            if on_batch:
                on_batch(done, remaining)
            if remaining == 0:
                return total
