"""`pgpattern project delete`: remove a tenant completely, after saying what will go.

api.project_rows() counts a project's rows per table and api.project_delete() removes them
in one transaction (migration 0701); both find the tables from the catalog.
"""

from __future__ import annotations

from .target import connect, require_migrated


def project_rows(conninfo: str, project: str) -> list[tuple[str, int]]:
    """(table, rows) of the project in every table that holds some: what a delete removes."""
    with connect(conninfo, autocommit=True) as conn:
        require_migrated(conn, "api.project_delete", "project deletion")
        return [tuple(r) for r in conn.execute("SELECT * FROM api.project_rows(%s)", (project,))]


def delete_project(conninfo: str, project: str) -> list[tuple[str, int]]:
    """Delete every row of the project; (table, rows removed)."""
    with connect(conninfo) as conn:
        require_migrated(conn, "api.project_delete", "project deletion")
        with conn.transaction():
            return [tuple(r) for r in conn.execute("SELECT * FROM api.project_delete(%s)", (project,))]
