"""Retention of discovery sessions: each project keeps its newest N runs, never the current one."""

from __future__ import annotations

import psycopg
import pytest

from conftest import query, run_cli
from gitrepo import GitRepo

TABLES = ("patterns.file_cooccurrence_patterns", "patterns.temporal_patterns", "patterns.developer_patterns",
          "patterns.change_magnitude_patterns", "patterns.pattern_insights")


def make_project(conninfo: str, path, name: str) -> None:
    repo = GitRepo(path)
    authors = [("Ann", "ann@example.com"), ("Bob", "bob@example.com")]
    for i in range(32):  # temporal patterns need 30 commits
        repo.commit(f"fix: change {i}", files={"a.py": f"{i}\n", "b.py": f"{i}\n", f"c{i % 3}.py": f"{i}\n"},
                    author=authors[i % 2], date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z")
    assert run_cli("ingest", "--dsn", conninfo, str(repo.path), "--project", name).returncode == 0


def discover(conninfo: str, project: str, times: int) -> list:
    """Discovery runs, each in a transaction of its own; their ids, oldest first."""
    return [query(conninfo, "SELECT patterns.discover_patterns(%s)", (project,))[0][0] for _ in range(times)]


def rows_of(conninfo: str, sessions: list) -> dict[str, int]:
    counts = {t: query(conninfo, f"SELECT count(*) FROM {t} WHERE discovery_session_id = ANY (%s)", (sessions,))[0][0]
              for t in TABLES}
    counts["patterns.pattern_discovery_sessions"] = query(
        conninfo, "SELECT count(*) FROM patterns.pattern_discovery_sessions WHERE id = ANY (%s)", (sessions,))[0][0]
    return counts


def active(conninfo: str) -> list:
    return [query(conninfo, f"SELECT count(*) FROM {t} WHERE is_active")[0][0] for t in TABLES]


def sessions_left(conninfo: str) -> list:
    return [r[0] for r in query(conninfo, "SELECT id FROM patterns.pattern_discovery_sessions ORDER BY discovery_timestamp")]


def test_a_purge_keeps_the_newest_three_and_says_what_it_removed(migrated_db, tmp_path):
    make_project(migrated_db, tmp_path / "shop", "shop")
    runs = discover(migrated_db, "shop", 5)
    expected = rows_of(migrated_db, runs[:2])
    assert all(expected.values()), expected  # every table has rows of the two oldest runs
    before = active(migrated_db)
    # An update queued naming a run the purge removes (discoveries of the live state queue none themselves).
    query(migrated_db, "SELECT patterns.enqueue_pattern_update('shop', p_trigger_data => jsonb_build_object("
                       "'discovery_session_id', %s::uuid))", (runs[0],))

    removed = query(migrated_db, "SELECT project_name, table_name, rows_removed FROM patterns.purge_discovery_sessions()")
    assert {t: n for p, t, n in removed} == expected and {p for p, _, _ in removed} == {"shop"}
    assert sessions_left(migrated_db) == runs[2:]
    assert rows_of(migrated_db, runs[:2]) == dict.fromkeys(expected, 0)
    assert active(migrated_db) == before  # the current run's patterns, untouched
    assert query(migrated_db, "SELECT status FROM patterns.pattern_discovery_sessions WHERE id = %s", (runs[-1],)) == \
        [("completed",)]
    # Nothing left to do: a second purge removes nothing.
    assert query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions()") == []

    # What points at runs still works: the summary, the queued updates (one names a purged run), the api.
    query(migrated_db, "SELECT patterns.refresh_summaries()")
    assert query(migrated_db, "SELECT latest_session_id FROM api.project_pattern_summary") == [(runs[-1],)]
    assert query(migrated_db, "SELECT patterns.process_pattern_updates(10)")[0][0] >= 1
    assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_update_metrics WHERE status = 'failed'") == [(0,)]
    assert query(migrated_db, "SELECT discovery_session_id FROM patterns.live_synced") == [(runs[-1],)]
    assert query(migrated_db, "SELECT count(*) > 0 FROM api.pattern_risk_files('shop')") == [(True,)]


def test_the_current_session_is_never_purged(migrated_db, tmp_path):
    make_project(migrated_db, tmp_path / "shop", "shop")
    runs = discover(migrated_db, "shop", 4)
    # The current run is not the newest by its timestamp (a discovery that waited for another).
    query(migrated_db, "UPDATE patterns.pattern_discovery_sessions SET discovery_timestamp = '2000-01-01' WHERE id = %s",
          (runs[-1],))
    query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions('shop', p_keep => 1)")
    assert sorted(sessions_left(migrated_db)) == sorted([runs[-1], runs[-2]])
    # p_keep 1 keeps the current run only.
    query(migrated_db, "UPDATE patterns.pattern_discovery_sessions SET discovery_timestamp = now() WHERE id = %s",
          (runs[-1],))
    query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions('shop', p_keep => 1)")
    assert sessions_left(migrated_db) == [runs[-1]]
    assert query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions('shop', p_keep => 1)") == []


def test_a_session_with_active_patterns_is_kept(migrated_db, tmp_path):
    make_project(migrated_db, tmp_path / "shop", "shop")
    runs = discover(migrated_db, "shop", 3)
    query(migrated_db, """UPDATE patterns.change_magnitude_patterns SET is_active = true
                          WHERE id = (SELECT min(id::text)::uuid FROM patterns.change_magnitude_patterns
                                       WHERE discovery_session_id = %s)""", (runs[0],))
    query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions(p_keep => 1)")
    assert sessions_left(migrated_db) == [runs[0], runs[2]]


def test_each_project_keeps_its_own_number(migrated_db, tmp_path):
    for name in ("one", "two", "three"):
        make_project(migrated_db, tmp_path / name, name)
    runs = {name: discover(migrated_db, name, 4) for name in ("one", "two", "three")}
    assert query(migrated_db, "SELECT project_id, keep_sessions FROM patterns.discovery_retention") == [(None, 3)]
    query(migrated_db, "UPDATE patterns.discovery_retention SET keep_sessions = 2 WHERE project_id IS NULL")
    query(migrated_db, """INSERT INTO patterns.discovery_retention (project_id, keep_sessions)
                          SELECT project_id, CASE name WHEN 'one' THEN 1 END FROM core.projects
                           WHERE name IN ('one', 'three')""")
    removed = query(migrated_db, """SELECT project_name, rows_removed FROM patterns.purge_discovery_sessions()
                                     WHERE table_name = 'patterns.pattern_discovery_sessions'""")
    assert removed == [("one", 3), ("two", 2)]
    left = set(sessions_left(migrated_db))
    assert left == {runs["one"][-1], *runs["two"][-2:], *runs["three"]}  # three: NULL keeps every session
    with pytest.raises(psycopg.errors.UniqueViolation):
        query(migrated_db, "INSERT INTO patterns.discovery_retention (project_id, keep_sessions) VALUES (NULL, 5)")
    with pytest.raises(psycopg.errors.CheckViolation):
        query(migrated_db, "UPDATE patterns.discovery_retention SET keep_sessions = 0 WHERE project_id IS NULL")


def test_bad_purge_arguments_are_named(migrated_db):
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="p_keep must be at least 1, not 0") as error:
        query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions(p_keep => 0)")
    assert "discovery_retention" in error.value.diag.message_hint
    with pytest.raises(psycopg.errors.NoDataFound, match="unknown project 'nope'"):
        query(migrated_db, "SELECT * FROM patterns.purge_discovery_sessions('nope')")


def test_discover_purges_what_the_project_keeps_no_more(migrated_db, tmp_path):
    make_project(migrated_db, tmp_path / "shop", "shop")
    for _ in range(3):
        result = run_cli("discover", "--dsn", migrated_db)
        assert result.returncode == 0 and "removed" not in result.stderr, result.stderr
    result = run_cli("discover", "--dsn", migrated_db)
    assert result.returncode == 0, result.stderr
    assert "project shop: removed 1 older discovery session with " in result.stderr
    assert "it keeps its newest 3: patterns.discovery_retention" in result.stderr
    assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_discovery_sessions") == [(3,)]


def test_the_purge_is_a_daily_job(migrated_db):
    assert query(migrated_db, """SELECT schedule, command FROM ops.scheduled_jobs
                                  WHERE job_name = 'pgpattern-purge-discovery-sessions'""") == \
        [("47 3 * * *", "SELECT count(*) FROM patterns.purge_discovery_sessions()")]
    assert query(migrated_db, "SELECT count(*) FROM patterns.purge_discovery_sessions()") == [(0,)]
