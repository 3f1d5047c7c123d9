"""Migrations: apply, roll back, apply again; failures, edits, bad ids, concurrent runs."""

from __future__ import annotations

import re
import subprocess

import psycopg
import pytest

from conftest import PGPATTERN, ROOT, make_home, query, run_cli
from migrator.errors import MigrationError
from migrator.migrations import LOCK_KEY, Migrator
from migrator.server import LocalServer
from migrator.structure import PROJECT_SCHEMAS, schema_dump

ROLES = ["pgpattern_reader", "pgpattern_writer", "pgpattern_admin"]


def leftovers(conninfo: str) -> dict:
    """Everything of the project's that could survive a rollback."""
    return {
        "schemas": query(conninfo, "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", (list(PROJECT_SCHEMAS),)),
        "roles": query(conninfo, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pgpattern%%'"),
        "extensions": query(conninfo, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'"),
        "objects outside": query(conninfo, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relname NOT LIKE '%%yoyo%%'"""),
        "functions": query(conninfo, """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public'"""),
        # Default privileges, the database-wide ones too (pg_dump of the project schemas leaves those out).
        "default privileges": query(conninfo, """
            SELECT defaclrole::regrole::text, defaclnamespace::regnamespace::text, defaclobjtype::text FROM pg_default_acl"""),
    }


@pytest.fixture(scope="module")
def lone_cluster():
    """A cluster of its own: roles belong to the whole server, and no other database may hold them."""
    server = LocalServer(make_home("pgp-lone-") / "home", durable=False)
    server.start()
    yield server
    server.destroy()
    server.home.parent.rmdir()


def test_apply_rollback_apply_gives_the_same_catalog_and_leaves_nothing(lone_cluster):
    cluster, db = lone_cluster, lone_cluster.conninfo()
    with Migrator(db) as m:
        applied = m.migrate()
        assert applied == [mm.id for mm in m.migrations]
        first = schema_dump(cluster, db)
        assert "CREATE TABLE core.projects" in first

        rolled = m.rollback(all_=True)
        assert rolled == list(reversed(applied))
        assert leftovers(db) == {"schemas": [], "roles": [], "extensions": [],
                                 "objects outside": [], "functions": [], "default privileges": []}
        assert query(db, "SELECT count(*) FROM _yoyo_migration") == [(0,)]

        assert m.migrate() == applied
        assert schema_dump(cluster, db) == first


def test_structure_snapshot_matches_what_the_migrations_build(cluster, migrated_db):
    """sql/structure.sql is the readable current definition; `make structure` regenerates it."""
    expected = (ROOT / "sql" / "structure.sql").read_text()
    assert schema_dump(cluster, migrated_db) == expected, \
        "sql/structure.sql is stale: run `make structure` and commit it"


def test_step_by_step_rollback_and_migrate_to(db):
    with Migrator(db) as m:
        ids = [mm.id for mm in m.migrations]
        assert m.migrate(to=ids[2]) == ids[:3]
        assert [s.id for s in m.status() if s.applied_at] == ids[:3]
        assert m.migrate(to=ids[1]) == []  # already past it
        assert m.rollback(steps=2) == [ids[2], ids[1]]
        assert m.migrate() == ids[1:]
        assert m.rollback(to=ids[3]) == list(reversed(ids[4:]))
        assert [s.id for s in m.status() if s.applied_at] == ids[:4]


def test_a_failing_migration_names_file_line_and_statement_and_leaves_nothing(db, migrations_copy):
    (migrations_copy / "0900_broken.sql").write_text(
        "-- A migration that fails halfway.\n"
        "CREATE TABLE core.half_done (id int PRIMARY KEY);\n"
        "COMMENT ON TABLE core.half_done IS 'x';\n"
        "\n"
        "INSERT INTO core.half_done VALUES (1), ('not a number');\n")
    (migrations_copy / "0900_broken.rollback.sql").write_text("DROP TABLE core.half_done;\n")
    with Migrator(db, migrations_copy) as m:
        with pytest.raises(MigrationError) as error:
            m.migrate()
        message = str(error.value)
        assert "0900_broken.sql failed at line 5" in message
        assert 'invalid input syntax for type integer: "not a number"' in message
        assert "INSERT INTO core.half_done" in message
        assert "nothing of this migration was kept" in message
        states = {s.id: s.applied_at for s in m.status()}
    assert states["0900_broken"] is None
    assert all(when is not None for mid, when in states.items() if mid != "0900_broken")
    assert query(db, "SELECT to_regclass('core.half_done')") == [(None,)]
    assert query(db, "SELECT count(*) FROM ops.migration_checksums WHERE migration_id = '0900_broken'") == [(0,)]


def test_a_failing_migration_through_the_cli(db, migrations_copy):
    (migrations_copy / "0900_broken.sql").write_text("SELECT * FROM core.no_such_table;\n")
    (migrations_copy / "0900_broken.rollback.sql").write_text("SELECT 1;\n")
    result = run_cli("migrate", "--dsn", db, env={"PGPATTERN_MIGRATIONS_DIR": str(migrations_copy)})
    assert result.returncode == 1
    assert "Error: applying 0900_broken.sql failed at line 1" in result.stderr
    assert 'relation "core.no_such_table" does not exist' in result.stderr
    assert "Traceback" not in result.stderr


def test_an_applied_migration_edited_afterwards_fails_verify_by_name(migrated_db, migrations_copy):
    ok = run_cli("verify", "--dsn", migrated_db, env={"PGPATTERN_MIGRATIONS_DIR": str(migrations_copy)})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path = migrations_copy / "0006_core.sql"
    path.write_text(path.read_text() + "\n-- a harmless-looking edit\n")
    result = run_cli("verify", "--dsn", migrated_db, "--format", "json",
                     env={"PGPATTERN_MIGRATIONS_DIR": str(migrations_copy)})
    assert result.returncode == 1
    assert '"status": "fail"' in result.stdout
    assert "edited after they were applied: 0006_core" in result.stdout


def test_an_edited_rollback_file_also_counts_as_an_edit(migrated_db, migrations_copy):
    path = migrations_copy / "0002_schemas.rollback.sql"
    path.write_text(path.read_text() + "-- edited\n")
    with Migrator(migrated_db, migrations_copy) as m:
        from migrator.checks import run_checks
        rows = {r[0]: r for r in run_checks(migrated_db, m)}
    assert rows["migration files"][1] == "fail"
    assert "0002_schemas" in rows["migration files"][2]


def test_rollback_past_the_first_migration_is_refused(migrated_db):
    with Migrator(migrated_db) as m:
        n = len(m.migrations)
        with pytest.raises(MigrationError, match=rf"cannot roll back {n + 1} migrations: only {n} are applied, "
                                                 r"and 0001_ops_migration_ledger is the first"):
            m.rollback(steps=n + 1)
        assert all(s.applied_at for s in m.status()), "a refused rollback must change nothing"
        m.rollback(all_=True)
        with pytest.raises(MigrationError, match="only 0 are applied"):
            m.rollback()


def test_unknown_migration_ids_are_refused_with_the_known_ones(db):
    result = run_cli("migrate", "--dsn", db, "--to", "0999_nope")
    assert result.returncode == 1
    assert "Error: unknown migration id '0999_nope'" in result.stderr
    assert "0001_ops_migration_ledger" in result.stderr
    result = run_cli("rollback", "--dsn", db, "--to", "0999_nope")
    assert result.returncode == 1 and "unknown migration id '0999_nope'" in result.stderr
    result = run_cli("rollback", "--dsn", db, "--to", "0002_schemas")
    assert result.returncode == 1 and "cannot roll back to 0002_schemas: it is not applied" in result.stderr


def test_a_second_migrate_waits_for_the_first_then_finds_nothing_to_do(db):
    holder = psycopg.connect(db, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    waiting = subprocess.Popen([PGPATTERN, "migrate", "--dsn", db],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Its first words are that it waits (read as they come: no guess at how long it takes to start).
    first = waiting.stderr.readline()
    assert "waiting for another migration run" in first, first
    assert waiting.poll() is None, "migrate must wait while another run holds the lock"
    holder.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    holder.close()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert re.search(r"applied \d+ migrations", err)


def test_a_second_migrate_gives_up_clearly_after_its_lock_timeout(db):
    with psycopg.connect(db, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        result = run_cli("migrate", "--dsn", db, "--lock-timeout", "1")
    assert result.returncode == 1
    assert "another migration run holds the lock on this database" in result.stderr
    assert query(db, "SELECT to_regclass('_yoyo_migration')") == [(None,)]


def test_two_concurrent_migrates_apply_everything_exactly_once(db):
    procs = [subprocess.Popen([PGPATTERN, "migrate", "--dsn", db],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    assert sorted("nothing to apply" in err for _, err, _ in results) == [False, True]
    with Migrator(db) as m:
        assert query(db, "SELECT count(*) FROM _yoyo_migration") == [(len(m.migrations),)]
        assert query(db, "SELECT count(*) FROM ops.migration_checksums") == [(len(m.migrations),)]

