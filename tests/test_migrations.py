"""Migrations: apply, roll back, apply again; failures, edits, bad ids, concurrent runs."""

from __future__ import annotations

import re
import subprocess

import psycopg
import pytest

from cliprocess import CliProcess
from conftest import PGPATTERN, ROOT, make_home, query, run_cli
from gitrepo import GitRepo
from pgpattern.errors import MigrationError
from pgpattern.migrations import BASELINE, LOCK_KEY, Migrator
from pgpattern.server import LocalServer
from pgpattern.structure import PROJECT_SCHEMAS, schema_dump

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
    (migrations_copy / "9000_broken.sql").write_text(
        "-- A migration that fails halfway.\n"
        "CREATE TABLE core.half_done (id int PRIMARY KEY);\n"
        "COMMENT ON TABLE core.half_done IS 'x';\n"
        "\n"
        "INSERT INTO core.half_done VALUES (1), ('not a number');\n")
    (migrations_copy / "9000_broken.rollback.sql").write_text("DROP TABLE core.half_done;\n")
    with Migrator(db, migrations_copy) as m:
        with pytest.raises(MigrationError) as error:
            m.migrate()
        message = str(error.value)
        assert "9000_broken.sql failed at line 5" in message
        assert 'invalid input syntax for type integer: "not a number"' in message
        assert "INSERT INTO core.half_done" in message
        assert "nothing of this migration was kept" in message
        states = {s.id: s.applied_at for s in m.status()}
    assert states["9000_broken"] is None
    assert all(when is not None for mid, when in states.items() if mid != "9000_broken")
    assert query(db, "SELECT to_regclass('core.half_done')") == [(None,)]
    assert query(db, "SELECT count(*) FROM ops.migration_checksums WHERE migration_id = '9000_broken'") == [(0,)]


def test_a_failing_migration_through_the_cli(db, migrations_copy):
    (migrations_copy / "9000_broken.sql").write_text("SELECT * FROM core.no_such_table;\n")
    (migrations_copy / "9000_broken.rollback.sql").write_text("SELECT 1;\n")
    result = run_cli("migrate", "--dsn", db, env={"PGPATTERN_MIGRATIONS_DIR": str(migrations_copy)})
    assert result.returncode == 1
    assert "Error: applying 9000_broken.sql failed at line 1" in result.stderr
    assert 'relation "core.no_such_table" does not exist' in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pending_migration_numbered_below_the_newest_applied_is_refused_naming_both(db, migrations_copy):
    with Migrator(db, migrations_copy) as m:
        m.migrate()
        newest = m.migrations[-1].id
    (migrations_copy / "0150_late.sql").write_text("CREATE TABLE core.late (id int);\n")
    (migrations_copy / "0150_late.rollback.sql").write_text("DROP TABLE core.late;\n")
    env = {"PGPATTERN_MIGRATIONS_DIR": str(migrations_copy)}
    error, hint = error_and_hint(run_cli("migrate", "--dsn", db, env=env))
    assert error == f"Error: pending migration 0150_late is numbered below {newest}, the newest applied one"
    assert f"number it above {newest}" in hint
    assert query(db, "SELECT to_regclass('core.late')") == [(None,)]

    for suffix in (".sql", ".rollback.sql"):
        (migrations_copy / f"0150_late{suffix}").rename(migrations_copy / f"9001_late{suffix}")
    assert run_cli("migrate", "--dsn", db, env=env).returncode == 0
    assert query(db, "SELECT to_regclass('core.late')::text") == [("core.late",)]


def test_a_database_at_the_baseline_migrated_to_the_head_equals_a_fresh_build(cluster, db, migrated_db):
    with Migrator(db) as m:
        assert m.migrate(to=BASELINE)[-1] == BASELINE
        m.migrate()
    assert schema_dump(cluster, db) == schema_dump(cluster, migrated_db)


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
        from pgpattern.checks import run_checks
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
    with psycopg.connect(db, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        with CliProcess("migrate", "--dsn", db) as waiting:
            line = waiting.wait_for_line("waiting for another migration run")
            assert f"server pid {holder.info.backend_pid}" in line
            assert waiting.proc.poll() is None, "migrate must wait while another run holds the lock"
            holder.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
            assert waiting.finish(timeout=60) == 0, waiting.stderr
    assert re.search(r"applied \d+ migrations", waiting.stderr)


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



def error_and_hint(result) -> tuple[str, str]:
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert [line for line in lines if line.startswith(("Error:", "Hint:"))] == lines[-2:], result.stderr
    return lines[-2], lines[-1]


def test_a_rollback_that_would_drop_rows_refuses_naming_the_tables_until_told(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.py": "1\n"})
    repo.commit("two", files={"a.py": "2\n", "b.py": "1\n"})
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    applied = query(migrated_db, "SELECT count(*) FROM _yoyo_migration")

    error, hint = error_and_hint(run_cli("rollback", "--dsn", migrated_db, "--all"))
    assert "would drop" in error and "tables holding rows" in error
    for table in ("core.projects (1 row)", "git.commits (2 rows)", "git.changes (3 rows)"):
        assert table in error
    assert "workflow.pattern_fields" not in error, "the migrations' own rows are not data"
    assert "--drop-data" in hint
    assert query(migrated_db, "SELECT count(*) FROM _yoyo_migration") == applied, "a refusal changes nothing"
    assert query(migrated_db, "SELECT count(*) FROM git.commits") == [(2,)]

    error, _ = error_and_hint(run_cli("rollback", "--dsn", migrated_db, "--to", "0104_git_api"))
    assert "patterns." in error and "git.commits" not in error, "the git history stays: only later tables count"

    # 0671's rollback moves the pair counts and recency rows back into tables keyed by text: no
    # row of them is lost, only the dictionaries of numbers are.
    error, _ = error_and_hint(run_cli("rollback", "--dsn", migrated_db, "--to", "0670_patterns_updates_custom_plans"))
    assert "git.paths (2 rows)" in error and "git.authors (1 row)" in error
    assert "file_pair_counts" not in error and "pair_author_recency" not in error, error

    dropped = run_cli("rollback", "--dsn", migrated_db, "--all", "--drop-data")
    assert dropped.returncode == 0, dropped.stderr
    assert "git.commits (2 rows)" in dropped.stderr
    assert query(migrated_db, "SELECT count(*) FROM _yoyo_migration") == [(0,)]


def test_rows_added_to_a_table_the_migrations_fill_count_as_data(migrated_db):
    query(migrated_db, """INSERT INTO workflow.pattern_fields (scope, field, position, value_type, description)
                          VALUES ('context', 'team', 99, 'string', 'the team')""")
    error, hint = error_and_hint(run_cli("rollback", "--dsn", migrated_db, "--all"))
    assert "workflow.pattern_fields (1 row)" in error
    with Migrator(migrated_db) as m:
        with pytest.raises(MigrationError, match="would drop 1 table holding rows"):
            m.rollback(all_=True)
        assert m.rollback(all_=True, drop_data=True)


def test_group_roles_keep_their_members_through_a_rollback_and_migrate(lone_cluster):
    db = lone_cluster.conninfo()
    members = """SELECT g.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid
                   JOIN pg_roles m ON m.oid = a.member WHERE m.rolname IN ('app_login', 'reader_login') ORDER BY 1"""
    try:
        assert run_cli("migrate", "--dsn", db).returncode == 0
        query(db, "CREATE ROLE app_login LOGIN IN ROLE pgpattern_app")
        query(db, "CREATE ROLE reader_login LOGIN IN ROLE pgpattern_reader")
        granted = [("pgpattern_app", "app_login"), ("pgpattern_reader", "reader_login")]
        assert query(db, members) == granted

        rolled = run_cli("rollback", "--dsn", db, "--all")
        assert rolled.returncode == 0, rolled.stderr
        assert "kept role pgpattern_app for its members app_login" in rolled.stderr
        assert "kept role pgpattern_reader for its members reader_login" in rolled.stderr
        assert query(db, members) == granted
        assert query(db, "SELECT rolname FROM pg_roles WHERE rolname IN ('pgpattern_writer', 'pgpattern_admin')") == []
        assert query(db, "SELECT has_schema_privilege('reader_login', 'pg_catalog', 'USAGE')") == [(True,)]

        assert run_cli("migrate", "--dsn", db).returncode == 0
        assert query(db, members) == granted
        assert query(db, """SELECT has_schema_privilege('reader_login', 'api', 'USAGE'),
                                   has_table_privilege('app_login', 'learning.learning_events', 'SELECT'),
                                   shobj_description('pgpattern_reader'::regrole, 'pg_authid') LIKE 'pgpattern:%%'""") == \
            [(True, True, True)]
    finally:
        query(db, "DROP ROLE IF EXISTS app_login")
        query(db, "DROP ROLE IF EXISTS reader_login")
        with Migrator(db) as m:
            m.rollback(all_=True, drop_data=True)
    assert query(db, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pgpattern%%'") == []


SLIM = "0740_patterns_live_changes_slim"
# The changes of T with their commits' columns, in either layout of patterns.live_changes.
CHANGES_SLIM = """SELECT l.commit_id, g.path, c.author_key, c.authored_at, c.sha, c.files, c.commit_type = 'fix',
                         l.change_size::bigint, l.net_lines::bigint, l.statuses
                    FROM patterns.live_changes l
                    JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                    JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
                   ORDER BY 1, 2"""
CHANGES_TEXT = """SELECT commit_id, file_path, author_key, authored_at, sha, commit_files, is_fix, change_size, net_lines,
                         array_to_string(statuses, '')
                    FROM patterns.live_changes ORDER BY 1, 2"""


def test_0740_rollback_moves_the_changes_back_into_the_text_keyed_layout_and_again(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("feat: one", files={"a.py": "1\n", "b.py": "1\n"})
    repo.commit("fix: two", files={"a.py": "2\n"}, renames={"b.py": "lib/b.py"}, author=("Bo", "bo@example.com"))
    repo.commit("chore: three", files={"c.md": "x\n"}, deletes=["a.py"])
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    slim = query(migrated_db, CHANGES_SLIM)
    assert len(slim) == 6 and {row[-1] for row in slim} == {"A", "M", "R", "D"}
    places = query(migrated_db, "SELECT sha, ordinal FROM patterns.live_commits ORDER BY authored_at")
    assert [place for _, place in places] == [1, 2, 3]

    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
        m.rollback(to=ids[ids.index(SLIM) - 1])  # no --drop-data: nothing is lost
    assert query(migrated_db, CHANGES_TEXT) == slim
    with psycopg.connect(migrated_db) as conn, conn.transaction(force_rollback=True):
        # What the old layout's own writer computes from the history.
        conn.execute("SELECT patterns.live_rebuild(project_id) FROM core.projects")
        assert conn.execute(CHANGES_TEXT).fetchall() == slim

    with Migrator(migrated_db) as m:
        m.migrate()
    assert query(migrated_db, CHANGES_SLIM) == slim
    assert query(migrated_db, "SELECT sha, ordinal FROM patterns.live_commits ORDER BY authored_at") == places


IDS = "0820_git_file_changes_ids"
HISTORY = """SELECT c.sha, f.change_no, f.status, f.path, f.old_path, f.lines_added, f.lines_deleted, f.old_mode,
                    f.new_mode, f.latest_path
               FROM git.file_changes f JOIN git.commits c ON c.project_id = f.project_id AND c.commit_id = f.commit_id
              ORDER BY 1, 2"""


def test_0820_rollback_moves_the_history_back_into_the_text_keyed_table_and_again(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("feat: one", files={"a.py": "1\n", "b.py": "1\n"})
    repo.commit("fix: two", files={"a.py": "2\n"}, renames={"b.py": "lib/b.py"})
    repo.commit("chore: three", files={"c.md": "x\n"}, deletes=["a.py"])
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    # The ingest detects no copies: one written through the view, as a hand fix would.
    query(migrated_db, """INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path,
                                                         lines_added, lines_deleted, old_mode, new_mode, latest_path)
                          SELECT project_id, commit_id, 9, 'C', 'copy.py', 'c.md', 1, 0, 33188, 33188, 'copy.py'
                            FROM git.commits WHERE message LIKE 'chore%%'""")
    history = query(migrated_db, HISTORY)
    assert {row[2] for row in history} == {"A", "M", "R", "D", "C"}
    assert [row[3:5] + row[-1:] for row in history if row[2] == "R"] == [("lib/b.py", "b.py", "lib/b.py")]
    assert [row[-1] for row in history if row[3] == "b.py"] == ["lib/b.py"], "the lineage of the renamed file"
    stored = query(migrated_db, "SELECT count(*), count(old_path_id) FROM git.changes")

    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
        m.rollback(to=ids[ids.index(IDS) - 1])  # no --drop-data: nothing is lost
    assert query(migrated_db, "SELECT relkind FROM pg_class WHERE oid = 'git.file_changes'::regclass") == [("r",)]
    assert query(migrated_db, "SELECT to_regclass('git.changes')") == [(None,)]
    assert query(migrated_db, HISTORY) == history
    with Migrator(migrated_db) as m:
        m.migrate()
    assert query(migrated_db, HISTORY) == history
    assert query(migrated_db, "SELECT count(*), count(old_path_id) FROM git.changes") == stored == [(7, 2)]
