"""`pgpattern verify`: the database's own integrity checks, given the migration files on disk."""

from __future__ import annotations

import json

from .migrations import Migrator
from .target import connect


def run_checks(conninfo: str, migrator: Migrator) -> list[tuple[str, str, str]]:
    """Rows of (check_name, status, detail) from ops.validate_schema_integrity()."""
    with connect(conninfo, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT to_regprocedure('ops.validate_schema_integrity(jsonb)') IS NOT NULL").fetchone()[0]
        if not exists:
            pending = len(migrator.migrations)
            return [("migrations recorded", "fail",
                     f"the database is not migrated ({pending} migrations pending): run pgpattern migrate")]
        rows = conn.execute("SELECT check_name, status, detail FROM ops.validate_schema_integrity(%s::jsonb)",
                            (json.dumps(migrator.file_checksums()),)).fetchall()
        # Whether pgaudit audits what it should (migration 0703).
        if conn.execute("SELECT to_regprocedure('privacy.audit_status()') IS NOT NULL").fetchone()[0]:
            rows += conn.execute("SELECT check_name, status, detail FROM privacy.audit_status()").fetchall()
    return [tuple(r) for r in rows]
