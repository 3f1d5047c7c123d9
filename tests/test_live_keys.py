"""0921: patterns.live_changes keyed by (project_id, file_id, ordinal), its commits found by a
deduplicated index; 0954: the same rows are git.changes' counted rows (patterns.live_changes a
view), a file's in time order by git.changes_counted_idx. A commit that lands before commits
already counted moves their places, and their changes of the same file with them. Rolled back
past 0921 and migrated again, the rows stay as they were."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg

from conftest import query, run_cli
from gitrepo import GitRepo
from pgpattern.migrations import Migrator

KEYS = "0921_patterns_live_keys_deduplicated"
# A file's changes newest first, with their commits' places: what the key orders.
PLACES = """SELECT g.path, c.sha, l.ordinal, c.ordinal
              FROM patterns.live_changes l
              JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
              JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
             ORDER BY g.path, l.ordinal"""


def key_columns(conninfo: str) -> list[tuple]:
    return query(conninfo, """SELECT pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred
                                FROM pg_constraint k WHERE k.conname = 'live_changes_pkey'""")


def counted_index(conninfo: str) -> list[tuple]:
    return query(conninfo, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'git' AND indexname = 'changes_counted_idx'")


def test_a_commit_placed_before_counted_ones_moves_their_changes_of_the_same_file(migrated_db, tmp_path):
    assert key_columns(migrated_db) == []  # patterns.live_changes is a view (0954)
    assert counted_index(migrated_db) == [("CREATE INDEX changes_counted_idx ON git.changes USING btree "
                                           "(project_id, counted_file_id, ordinal) WHERE (ordinal IS NOT NULL)",)]
    repo = GitRepo(tmp_path / "app")
    start = datetime(2024, 3, 1, tzinfo=UTC)
    for day in range(1, 7):
        repo.commit(f"feat: {day}", files={"core.py": f"{day}\n", f"doc{day % 2}.md": f"{day}\n"},
                    date=(start + timedelta(days=day)).isoformat())
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    before = query(migrated_db, PLACES)
    assert [place for path, _, place, _ in before if path == "core.py"] == [1, 2, 3, 4, 5, 6]

    # Authored before all of them, committed last: it takes place 1, the six move on by one.
    early = repo.commit("fix: early", files={"core.py": "0\n", "doc0.md": "0\n"}, date=start.isoformat())
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    after = query(migrated_db, PLACES)
    core = [(sha, place, commit_place) for path, sha, place, commit_place in after if path == "core.py"]
    assert [place for _, place, _ in core] == [1, 2, 3, 4, 5, 6, 7]
    assert core[0][0] == early and all(place == commit_place for _, place, commit_place in core)
    assert [sha for sha, _, _ in core[1:]] == [sha for path, sha, _, _ in before if path == "core.py"]
    with psycopg.connect(migrated_db) as conn, conn.transaction(force_rollback=True):
        conn.execute("SELECT patterns.live_rebuild(project_id) FROM core.projects")  # counted from scratch
        assert conn.execute(PLACES).fetchall() == after

    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
        m.rollback(to=ids[ids.index(KEYS) - 1])  # no --drop-data: nothing is lost
    assert key_columns(migrated_db) == [("PRIMARY KEY (project_id, commit_id, file_id)", False, False)]
    assert counted_index(migrated_db) == []
    assert query(migrated_db, PLACES) == after
    with Migrator(migrated_db) as m:
        m.migrate()
    assert query(migrated_db, PLACES) == after
