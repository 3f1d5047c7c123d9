"""0954: the live state's changes are git.changes' rows marked as counted (counted_file_id, and the
commit's place on the first row of each commit and file); patterns.live_changes is a view of them.
A bulk statement (more than 200 commits) only queues its commits, which a later update counts by
subtracting what they counted for before: a lineage that re-keys their rows meanwhile leaves the
file they were counted for on them, and a DELETE or a change of lines keeps the rows as counted
(patterns.live_counted_gone) until then. After each such statement is counted, the live state
equals one rebuilt from the history and the patterns a full discovery."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from histories import store_commits
from test_incremental import differences, full_discovery, live_session, process_all, snapshot
from test_lineage import assert_live_state_is_a_rebuild

from pgpattern.migrations import Migrator
from spec_reference import Change, Commit

START = datetime(2024, 1, 1, tzinfo=UTC)
AUTHORS = [("Ann", "ann@example.com"), ("Bob", "bob@example.com"), ("Chen", "chen@example.com")]


def history() -> list[Commit]:
    """2,100 commits over a few files (a bulk statement of a tenth of them or more rebuilds the live
    state instead: patterns.apply_pattern_updates). Commit 5 changes a.py and adds b.py; a.py is
    deleted and b.py renamed to a.py later, so both of commit 5's rows are the file a.py (one change
    of T, 'MA'). hot.py is changed by 205 commits."""
    commits: list[Commit] = []

    def commit(*changes: Change) -> None:
        n = len(commits)
        when = START + timedelta(hours=5 * n)
        commits.append(Commit(f"{n + 1:040x}", [commits[-1].sha] if commits else [], *AUTHORS[n % 3], when, 0, when,
                              ("fix: " if n % 4 == 0 else "feat: ") + str(n), n, list(changes)))

    commit(Change("A", "a.py", None, 10, 0), Change("A", "core.py", None, 5, 0), Change("A", "docs/x.md", None, 1, 0))
    for n in range(1, 2100):
        if n == 5:
            commit(Change("M", "a.py", None, 2, 1), Change("A", "b.py", None, 4, 0))
        elif n == 6:
            commit(Change("D", "a.py", None, 0, 12))
        elif n == 7:
            commit(Change("R", "a.py", "b.py", 1, 1), Change("M", "core.py", None, 1, 1))
        elif 1000 <= n < 1205:
            commit(Change("M", "core.py", None, n % 7, n % 3), Change("A" if n == 1000 else "M", "hot.py", None, 2, 1))
        else:
            commit(Change("M", "core.py", None, n % 7, n % 3),
                   Change("M", ["docs/x.md", "a.py", "lib.py"][n % 3] if n > 7 else "docs/x.md", None, 1, n % 2))
    return commits


def counted(conn: psycopg.Connection, project_id: int) -> dict[str, int]:
    return dict(conn.execute("""SELECT g.path, count(*) FROM patterns.live_changes l
                                  JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
                                 WHERE l.project_id = %s GROUP BY g.path""", (project_id,)).fetchall())


def gone(conn: psycopg.Connection, project_id: int) -> int:
    return conn.execute("SELECT count(*) FROM patterns.live_counted_gone WHERE project_id = %s",
                        (project_id,)).fetchone()[0]


def assert_counted_exactly(conn: psycopg.Connection, name: str, project_id: int) -> None:
    process_all(conn)
    assert gone(conn, project_id) == 0
    assert_live_state_is_a_rebuild(conn, project_id)
    session = live_session(conn, project_id)
    assert differences(snapshot(conn, project_id, session["id"]), full_discovery(conn, name, project_id, session)) == []


def test_bulk_statements_are_counted_out_as_they_were_counted(migrated_db):
    commits = history()
    name = f"fold-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        ids = store_commits(conn, project_id, commits)  # one statement: queued, counted by the update
        conn.execute("SELECT git.refresh_lineage(%s, %s)", (project_id, ids))
        conn.execute("SELECT patterns.discover_patterns(%s, p_confidence_threshold => 0.3, p_min_cooccurrence => 2)",
                     (name,))
        assert_counted_exactly(conn, name, project_id)
        fifth = conn.execute("""SELECT l.statuses, l.change_size, l.net_lines FROM patterns.live_changes l
                                  JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                                 WHERE l.project_id = %s AND c.message = 'feat: 5'""", (project_id,)).fetchall()
        assert fifth == [("MA", 7, 5)]  # a.py's two rows of commit 5, one change of T

        # Lines changed in bulk: the old lines count out, the new ones in.
        conn.execute("""UPDATE git.changes SET lines_added = lines_added + 3
                         WHERE project_id = %s AND lines_added > 0 AND commit_id = ANY (%s)""", (project_id, ids[300:505]))
        assert gone(conn, project_id) > 205
        assert_counted_exactly(conn, name, project_id)

        # A rename that re-keys more than 200 commits' changes of hot.py: until they are counted
        # again, the live changes say the file they were counted for.
        before = counted(conn, project_id)
        n = len(commits)
        when = START + timedelta(hours=5 * n)
        renamed = Commit(f"{n + 1:040x}", [commits[-1].sha], *AUTHORS[0], when, 0, when, "feat: move core", n,
                         [Change("R", "src/hot.py", "hot.py", 0, 0)])
        store_commits(conn, project_id, [renamed])  # counted at once: its own change
        assert conn.execute("SELECT git.refresh_lineage(%s)", (project_id,)).fetchone()[0] > 200
        queued = conn.execute("""SELECT count(*) FROM patterns.pattern_update_queue
                                  WHERE project_id = %s AND status = 'pending' AND trigger_data ? 'deferred_commits'""",
                              (project_id,)).fetchone()[0]
        assert queued == 1
        during = counted(conn, project_id)
        assert during["hot.py"] == before["hot.py"] == 205 and during["src/hot.py"] == 1
        assert_counted_exactly(conn, name, project_id)
        assert "hot.py" not in counted(conn, project_id) and counted(conn, project_id)["src/hot.py"] == 206

        # Forgotten history, in one statement: the counted rows are kept until the update counts them out.
        before = counted(conn, project_id)
        rows = conn.execute("""DELETE FROM git.changes WHERE project_id = %s AND commit_id = ANY (%s)
                               RETURNING commit_id""", (project_id, ids[10:215])).fetchall()
        assert len({r[0] for r in rows}) == 205
        assert gone(conn, project_id) == len(rows)
        assert_counted_exactly(conn, name, project_id)
        assert sum(counted(conn, project_id).values()) < sum(before.values())

        # A change moved to another commit through git.file_changes: out of one, into the other.
        conn.execute("""UPDATE git.file_changes f SET commit_id = %s, change_no = 9
                         WHERE f.project_id = %s AND f.commit_id = %s AND f.change_no = 1""",
                     (ids[3], project_id, ids[4]))
        assert_counted_exactly(conn, name, project_id)


def test_the_migration_marks_the_counted_rows_and_counts_nothing_again(migrated_db):
    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
        m.rollback(to=ids[ids.index("0954_patterns_live_changes_folded") - 1])
    commits = history()[:300]
    name = f"fold-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        store_commits(conn, project_id, commits)
        conn.execute("SELECT git.refresh_lineage(%s)", (project_id,))
        conn.execute("SELECT patterns.discover_patterns(%s, p_confidence_threshold => 0.3, p_min_cooccurrence => 2)",
                     (name,))
        process_all(conn)
        before = conn.execute("SELECT * FROM patterns.live_changes WHERE project_id = %s ORDER BY file_id, ordinal",
                              (project_id,)).fetchall()
    with Migrator(migrated_db) as m:
        m.migrate()
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM patterns.pattern_update_queue WHERE status = 'pending'").fetchone()[0] == 0
        assert conn.execute("SELECT * FROM patterns.live_changes WHERE project_id = %s ORDER BY file_id, ordinal",
                            (project_id,)).fetchall() == before
        assert_counted_exactly(conn, name, project_id)
