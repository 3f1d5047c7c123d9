"""Audit logging with pgaudit: object auditing of personal and learning data (migration 0703).

The test cluster is started by LocalServer, so it preloads pgaudit as the embedded one does.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import sql

from cliprocess import wait_until
from conftest import query, run_cli
from gitrepo import GitRepo


@pytest.fixture
def login(cluster):
    """Makes login roles that are members of a pgpattern role; drops them after the test."""
    made: list[str] = []

    def make(group: str) -> str:
        name = f"t_{group.removeprefix('pgpattern_')}_{uuid.uuid4().hex[:8]}"
        query(cluster.conninfo("postgres"), sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
            sql.Identifier(name), sql.Identifier(group)))
        made.append(name)
        return name
    yield make
    for name in made:
        query(cluster.conninfo("postgres"), sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.fixture
def audit(cluster, migrated_db):
    """`pgpattern audit --format json` of the test's database, reading the cluster's log."""
    def run(*args: str) -> list[dict]:
        result = run_cli("audit", "--dsn", migrated_db, "--log-file", str(cluster.log_file), "--format", "json", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    return run


def test_reads_and_writes_of_learning_data_are_audited_and_pattern_queries_are_not(migrated_db, login, audit, tmp_path):
    db = migrated_db
    repo = GitRepo(tmp_path / "shop")
    for i in range(6):
        repo.commit(f"feat: {i}", files={"a.py": f"{i}\n", "b.py": f"{i}\n"})
    assert run_cli("analyze", "--dsn", db, str(repo.path), "--min-cooccurrence", "2").returncode == 0
    project_id = query(db, "SELECT project_id FROM core.projects WHERE name = 'shop'")[0][0]
    query(db, "INSERT INTO learning.ml_models (project_id, name, version, model_type) "
              "VALUES (%s, 'risk', '1', 'prediction')", (project_id,))
    started = datetime.now(UTC)

    app, reader = login("pgpattern_app"), login("pgpattern_reader")
    with psycopg.connect(db, user=app, autocommit=True, options=f"-c pgpattern.tenant={project_id}") as conn:
        assert conn.execute("SELECT name FROM learning.ml_models").fetchall() == [("risk",)]
        conn.execute("UPDATE learning.ml_models SET hyperparameters = '{\"depth\": 3}' WHERE name = 'risk'")
    with psycopg.connect(db, user=reader, autocommit=True) as conn:
        for _ in range(20):
            assert conn.execute("SELECT * FROM api.pattern_cooccurrence_search('shop')").fetchall()
            conn.execute("SELECT * FROM api.pattern_risk_files('shop')").fetchall()

    entries = wait_until(lambda: [e for e in audit("--role", app) if e["statement_class"] == "WRITE"]
                         and audit("--role", app), what="the application's audit entries")
    assert [(e["audit_type"], e["statement_class"], e["command"], e["object_type"], e["object"]) for e in entries] == [
        ("OBJECT", "READ", "SELECT", "TABLE", "learning.ml_models"),
        ("OBJECT", "WRITE", "UPDATE", "TABLE", "learning.ml_models")]
    assert "UPDATE learning.ml_models SET hyperparameters" in entries[1]["statement"]
    assert all(e["role"] == app and datetime.fromisoformat(e["logged_at"]) >= started.replace(microsecond=0)
               for e in entries)
    # Forty pattern queries, nothing logged.
    assert audit("--role", reader) == []

    # The filters: an object and a time.
    since = entries[0]["logged_at"].removesuffix("+00:00")
    assert [e["role"] for e in audit("--object", "learning.ml_models", "--since", since)] == [app, app]
    assert audit("--object", "learning.ml_models", "--since", "2999-01-01") == []
    assert audit("--object", "learning.ml_models", "--since", "2999-01-01 00:00") == [], "minutes are enough"

    # DDL is audited too, by whoever runs it.
    query(db, "CREATE TABLE learning.scratch (id integer)")
    ddl = wait_until(lambda: [e for e in audit("--object", "learning.scratch") if e["statement_class"] == "DDL"],
                     what="the DDL's audit entry")
    assert ddl[0]["command"] == "CREATE TABLE" and ddl[0]["role"] == "postgres"


def test_suggestions_read_personal_data_only_to_find_the_author_given(cluster, migrated_db, audit, tmp_path):
    """api.suggest_cochanges counts the author's changes by id: without an author it touches no audited
    column; with one, the lookup of that author's key (git.authors) is its only audited read. (pgaudit
    logs the reads inside the api's SECURITY DEFINER functions for a superuser's session, as here; for
    the api roles it logs none.)"""
    db = migrated_db
    repo = GitRepo(tmp_path / "shop")
    for i in range(6):
        repo.commit(f"feat: {i}", files={"a.py": f"{i}\n", "b.py": f"{i}\n"}, author=("Ann", "ann@example.com"))
    assert run_cli("analyze", "--dsn", db, str(repo.path)).returncode == 0
    admin = f"t_admin_{uuid.uuid4().hex[:8]}"
    query(cluster.conninfo("postgres"), sql.SQL("CREATE ROLE {} LOGIN SUPERUSER").format(sql.Identifier(admin)))
    try:
        with psycopg.connect(db, user=admin, autocommit=True) as conn:
            for _ in range(5):
                assert conn.execute("SELECT file_path FROM api.suggest_cochanges('shop', ARRAY['a.py'])").fetchall() \
                    == [("b.py",)]
            assert conn.execute("SELECT file_path, author_cochanges FROM api.suggest_cochanges('shop', ARRAY['a.py'], "
                                "p_author => 'ann@example.com')").fetchall() == [("b.py", 6)]
        entries = wait_until(lambda: audit("--role", admin), what="the administrator's audit entries")
        assert [(e["statement_class"], e["command"], e["object"]) for e in entries] == [
            ("READ", "SELECT", "git.authors")]
    finally:
        query(cluster.conninfo("postgres"), sql.SQL("DROP ROLE {}").format(sql.Identifier(admin)))


def test_verify_reports_whether_auditing_is_on_and_complete(migrated_db):
    def audit_checks() -> dict:
        result = run_cli("verify", "--dsn", migrated_db, "--format", "json")
        return result.returncode, {r["check"]: (r["status"], r["detail"]) for r in json.loads(result.stdout)
                                   if r["check"].startswith("audit:")}

    code, checks = audit_checks()
    assert checks["audit: pgaudit"][0] == "ok" and checks["audit: settings"][0] == "ok"
    assert checks["audit: coverage"][0] == "ok" and "tables audited" in checks["audit: coverage"][1]

    # A table the audit role lost: verify fails, naming it.
    query(migrated_db, "REVOKE DELETE ON learning.llm_interactions FROM pgpattern_auditor")
    code, checks = audit_checks()
    assert code == 1
    assert checks["audit: coverage"] == ("fail", "not audited: learning.llm_interactions (run SELECT privacy.grant_audit())")
    query(migrated_db, "SELECT privacy.grant_audit()")

    # Without pgaudit: a warning, as for pg_cron, not a failure.
    query(migrated_db, "DROP EXTENSION pgaudit")
    code, checks = audit_checks()
    assert checks["audit: pgaudit"] == (
        "warn", "preloaded but the extension is not created: run pgpattern migrate, or CREATE EXTENSION pgaudit")
