"""0840-0842: the author counts and the file profiles keyed by git.paths / git.authors ids, and the
current-pattern indexes no query reads dropped. Rolled back, the text-keyed layout comes back
with its rows, equal to what the old code computes from the live state; migrated again, the
rows are as they were and equal to what the new code computes."""

from __future__ import annotations

import psycopg
from test_incremental import differences, full_discovery, live_session, process_all, snapshot

from conftest import run_cli
from gitrepo import GitRepo
from pgpattern.migrations import Migrator

FIRST = "0840_patterns_author_counts_by_id"
ANN, BOB, CY = ("Ann", "ann@example.com"), ("Bob", "bob@example.com"), ("Cy", "cy@example.com")
# The tables as texts, whichever layout they have: (query when keyed by ids, columns when keyed by text).
TABLES = {
    "file_author_counts": ("""SELECT g.path, a.author_key, t.changes FROM patterns.file_author_counts t
                               JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id
                               JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id""",
                           "file_path, author_key, changes"),
    "author_commit_counts": ("""SELECT a.author_key, t.commits, t.files, t.lines FROM patterns.author_commit_counts t
                                 JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id""",
                             "author_key, commits, files, lines"),
    "author_week_counts": ("""SELECT a.author_key, t.week, t.commits FROM patterns.author_week_counts t
                               JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id""",
                           "author_key, week, commits"),
    "file_profiles": ("""SELECT g.path, t.total, t.avg_size, t.max_size, t.first_at, t.last_at, t.volatility,
                                t.active_weeks,
                                ARRAY[t.djf_changes, t.mam_changes, t.jja_changes, t.son_changes]::double precision[],
                                t.statuses, t.diversity, t.net_size
                           FROM patterns.file_profiles t
                           JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id""",
                      "file_path, total, avg_size, max_size, first_at, last_at, volatility, active_weeks, seasons, "
                      "statuses, diversity, net_size"),
    "file_profiles_stale": ("""SELECT g.path FROM patterns.file_profiles_stale t
                                JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id""",
                            "file_path"),
}


def keyed_by_ids(conn: psycopg.Connection) -> bool:
    return conn.execute("""SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_schema = 'patterns'
                            AND table_name = 'file_author_counts' AND column_name = 'file_id')""").fetchone()[0]


def state(conn: psycopg.Connection) -> dict[str, list[tuple]]:
    ids = keyed_by_ids(conn)
    return {table: sorted(conn.execute(by_id if ids else f"SELECT {columns} FROM patterns.{table}").fetchall())
            for table, (by_id, columns) in TABLES.items()}


def recomputed(conn: psycopg.Connection, project_id: int) -> dict[str, list[tuple]]:
    """The state as the installed code computes it from the live changes and commits (nothing kept)."""
    with conn.transaction(force_rollback=True):
        conn.execute("SELECT patterns.live_rebuild(%s)", (project_id,))
        conn.execute("SELECT patterns.update_file_profiles(%s, '{}', true)", (project_id,))
        return state(conn)


def settled(rows: dict[str, list[tuple]], stale: list[tuple]) -> dict[str, list[tuple]]:
    """Everything but the stale list and the profiles it names (computed again by the next update)."""
    return {**rows, "file_profiles": [r for r in rows["file_profiles"] if (r[0],) not in stale],
            "file_profiles_stale": []}


def migrations_before(migrated_db: str) -> str:
    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
    return ids[ids.index(FIRST) - 1]


def test_rolled_back_the_state_is_keyed_by_text_again_with_its_rows_then_by_ids_again(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(12):
        author = (ANN, BOB, CY)[i % 3]
        repo.commit(f"feat: step {i}", author=author, date=f"2024-{i % 12 + 1:02d}-0{i % 9 + 1}T10:00:00",
                    files={"src/a.py": f"{i}\n", f"src/{author[0].lower()}.py": f"{i}\n" * (i + 1),
                           f"docs/{i % 4}.md": f"{i}\n"})
    repo.commit("refactor: move", renames={"src/a.py": "lib/a.py"}, author=BOB)
    assert run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", str(repo.path)).returncode == 0
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        conn.execute("SELECT patterns.discover_patterns('app')")
        repo.commit("fix: a", files={"lib/a.py": "x\n"}, author=CY)  # a profile left stale
        assert run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", str(repo.path)).returncode == 0
        project_id = conn.execute("SELECT project_id FROM core.projects WHERE name = 'app'").fetchone()[0]
        before = state(conn)
        assert all(before[table] for table in TABLES), before
        assert ("lib/a.py",) in before["file_profiles_stale"]

    with Migrator(migrated_db) as m:
        m.rollback(to=migrations_before(migrated_db))
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        assert not keyed_by_ids(conn)
        assert conn.execute("SELECT to_regclass('patterns.magnitude_patterns_category_idx')").fetchone()[0]
        assert state(conn) == before
        # The old code, reading the live state, computes what the rollback wrote.
        stale = before["file_profiles_stale"]
        assert settled(recomputed(conn, project_id), stale) == settled(before, stale)

    with Migrator(migrated_db) as m:
        m.migrate()
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        assert keyed_by_ids(conn)
        assert conn.execute("SELECT to_regclass('patterns.magnitude_patterns_category_idx')").fetchone()[0] is None
        assert state(conn) == before
        assert settled(recomputed(conn, project_id), stale) == settled(before, stale)
        # The queued update of the last commit runs on the migrated state and agrees with a discovery.
        process_all(conn)
        session = live_session(conn, project_id)
        problems = differences(snapshot(conn, project_id, session["id"]), full_discovery(conn, "app", project_id, session))
        assert not problems, "\n".join(problems[:30])
