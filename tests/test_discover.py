"""Discovery end to end: `pgpattern analyze|discover|report`, the api functions and their errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import psycopg
import pytest

from cliprocess import CliProcess, wait_until
from conftest import PGPATTERN, query, run_cli
from gitrepo import GitRepo
from pgpattern.report import DISCOVERY_LOCK_CLASS


@pytest.fixture
def history(tmp_path) -> GitRepo:
    """A small history with a coupled pair across directories, a module pair, a rename and a delete."""
    repo = GitRepo(tmp_path / "shop")
    authors = [("Ann", "ann@example.com"), ("Bob", "Bob@Example.com"), ("Cy", "cy@example.com")]
    for i in range(40):
        files = {"api/orders.py": f"{i}\n" * (i % 5 + 1), "web/orders.js": f"{i}\n"}
        if i % 3 == 0:
            files["api/models.py"] = f"m{i}\n"
        if i % 4 == 0:
            files["docs/guide.md"] = f"doc {i}\n"
        if i == 10:
            files["old_name.py"] = "x\n"
        renames = {"old_name.py": "lib/new_name.py"} if i == 20 else None
        if i == 25:
            files["lib/new_name.py"] = "y\n"
        if i == 30:
            files["tmp.txt"] = "t\n"
        deletes = ["tmp.txt"] if i == 31 else None
        message = ("fix: " if i % 5 == 0 else "feat: ") + f"change {i}"
        repo.commit(message, files=files, renames=renames, deletes=deletes, author=authors[i % 3],
                    date=f"2024-{1 + i // 8:02d}-{1 + i % 28:02d}T{9 + i % 9:02d}:00:00+02:00")
    return repo


def test_analyze_migrates_ingests_discovers_and_reports(db, history):
    result = run_cli("analyze", "--dsn", db, str(history.path), "--format", "json", "--min-cooccurrence", "2")
    assert result.returncode == 0, result.stderr
    for step in ("applied", "40 new commits", "cooccurrence:", "temporal:", "developer:", "magnitude:", "insights:"):
        assert step in result.stderr
    report = json.loads(result.stdout)
    assert report["project"] == "shop"
    assert set(report) == {"project", "summary", "couplings", "risk_files", "developers", "temporal_peaks", "insights"}
    assert report["summary"][0]["total_commits_analyzed"] == 40
    pairs = {(c["file_path_1"], c["file_path_2"]) for c in report["couplings"]}
    assert ("api/orders.py", "web/orders.js") in pairs
    assert {d["author_email"] for d in report["developers"]} == {"ann@example.com", "bob@example.com", "cy@example.com"}
    assert any(i["insight_type"] == "file_coupling" for i in report["insights"])
    # The rename is followed: the old path's change counts for the new one.
    assert query(db, "SELECT total_changes FROM patterns.change_magnitude_patterns WHERE file_path = 'lib/new_name.py'") == [(3,)]

    table = run_cli("report", "--dsn", db)
    assert table.returncode == 0, table.stderr
    assert "Strongest couplings" in table.stdout and "api/orders.py" in table.stdout


def test_a_second_discovery_outdates_the_first_and_keeps_its_patterns(db, history):
    assert run_cli("analyze", "--dsn", db, str(history.path)).returncode == 0
    first = query(db, "SELECT id FROM patterns.pattern_discovery_sessions")[0][0]
    second = run_cli("discover", "--dsn", db, "--algorithms", "cooccurrence,magnitude", "--min-cooccurrence", "2")
    assert second.returncode == 0, second.stderr
    assert "temporal:" not in second.stderr
    sessions = dict(query(db, "SELECT id, status FROM patterns.pattern_discovery_sessions"))
    assert sessions[first] == "outdated" and sorted(sessions.values()) == ["completed", "outdated"]
    assert query(db, "SELECT count(*) FROM patterns.change_magnitude_patterns WHERE discovery_session_id = %s AND is_active",
                 (first,)) == [(0,)]
    assert query(db, "SELECT count(*) > 0 FROM patterns.change_magnitude_patterns WHERE discovery_session_id = %s",
                 (first,)) == [(True,)]
    assert query(db, "SELECT count(*) FROM patterns.temporal_patterns WHERE is_active") == [(0,)]
    summary = query(db, "SELECT latest_session_id, temporal_patterns FROM api.project_pattern_summary")
    assert summary[0][0] != first and summary[0][1] == 0


@pytest.mark.parametrize("args, message", [
    (["--project", "nope"], "Error: database error: unknown project 'nope'"),
    (["--algorithms", "cooccurrence,magic"], "Error: database error: unknown algorithm 'magic'"),
    (["--min-confidence", "1.5"], "confidence_threshold must be between 0 and 1, not 1.5"),
    (["--min-confidence", "-0.1"], "confidence_threshold must be between 0 and 1, not -0.1"),
    (["--min-cooccurrence", "0"], "min_cooccurrence must be at least 1, not 0"),
    (["--max-changeset-size", "1"], "max_changeset_size must be at least 2, not 1"),
    (["--since", "2024-05-01", "--until", "2024-01-01"], "must be before until"),
    (["--until-sha", "0" * 40], "is not a commit of project"),
])
def test_bad_discovery_parameters_are_named(migrated_db, history, args, message):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    result = run_cli("discover", "--dsn", migrated_db, *args)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_discovery_sessions") == [(0,)]


def test_discover_with_several_projects_asks_which(migrated_db, history, tmp_path):
    other = GitRepo(tmp_path / "other")
    other.commit(files={"a": "1"})
    for repo in (history, other):
        assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    result = run_cli("discover", "--dsn", migrated_db)
    assert result.returncode == 1 and "there are 2 projects: say which with --project" in result.stderr
    report = run_cli("report", "--dsn", migrated_db, "--project", "other")
    assert report.returncode == 1 and "has no completed discovery yet" in report.stderr


def test_windowed_discovery_analyses_only_the_window(migrated_db, history):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    mid = history.git("rev-list", "--reverse", "HEAD").split()[19]
    result = run_cli("discover", "--dsn", migrated_db, "--until-sha", mid)
    assert result.returncode == 0, result.stderr
    assert query(migrated_db, "SELECT total_commits_analyzed, commit_range_end FROM patterns.pattern_discovery_sessions") == \
        [(20, mid)]
    result = run_cli("discover", "--dsn", migrated_db, "--since", "2024-02-01", "--until", "2024-03-01")
    assert result.returncode == 0, result.stderr
    assert query(migrated_db, "SELECT total_commits_analyzed FROM patterns.pattern_discovery_sessions "
                              "WHERE status = 'completed'") == [(8,)]


def test_the_api_functions_answer_the_reader_and_refuse_bad_filters(migrated_db, history):
    assert run_cli("analyze", "--dsn", migrated_db, str(history.path), "--min-cooccurrence", "2").returncode == 0
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        rows = conn.execute("SELECT file_path_1, file_path_2, cooccurrence_count FROM "
                            "api.pattern_cooccurrence_search('shop', 'web/orders.js')").fetchall()
        assert ("api/orders.py", "web/orders.js", 40) in rows
        assert conn.execute("SELECT count(*) FROM api.pattern_temporal_get('shop', 'hourly')").fetchone() == (1,)
        profile = conn.execute("SELECT author_name, commit_count FROM api.pattern_developer_profile('shop', 'BOB@example.com')").fetchall()
        assert profile == [("Bob", 13)]
        assert conn.execute("SELECT count(*) > 0 FROM api.pattern_risk_files('shop', p_file_category => 'source')").fetchone() == (True,)
        assert conn.execute("SELECT count(*) > 0 FROM api.pattern_insights_get('shop', p_min_confidence => 0.7)").fetchone() == (True,)
        assert conn.execute("SELECT count(*) FROM api.high_risk_files_summary").fetchone()[0] >= 0
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="unknown risk_level 'severe'"):
            conn.execute("SELECT * FROM api.pattern_risk_files('shop', 'severe')")
        with pytest.raises(psycopg.errors.NoDataFound, match="unknown project 'nope'"):
            conn.execute("SELECT * FROM api.pattern_insights_get('nope')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM api.pattern_discover('shop')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM patterns.file_cooccurrence_patterns")
    # The writer may discover; without force_refresh a current run is reused.
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_writer")
        assert conn.execute("SELECT reused FROM api.pattern_discover('shop')").fetchone() == (True,)
        assert conn.execute("SELECT reused FROM api.pattern_discover('shop', true)").fetchone() == (False,)
        assert conn.execute("SELECT patterns.discover_patterns('shop') IS NOT NULL").fetchone() == (True,)


def test_suggest_cochanges_ranks_by_confidence_and_follows_lineage(migrated_db, history):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    rows = query(migrated_db, "SELECT file_path, confidence, cochanges, query_file, query_changes "
                              "FROM api.suggest_cochanges('shop', ARRAY['api/orders.py'], 3, p_ranking => 'confidence')")
    assert rows[0] == ("web/orders.js", 1.0, 40, "api/orders.py", 40)
    assert rows[1][:3] == ("api/models.py", 14 / 40, 14)
    # A file's old path finds it; deleted files are never suggested.
    by_old = query(migrated_db, "SELECT query_file FROM api.suggest_cochanges('shop', ARRAY['old_name.py'])")
    assert by_old and {r[0] for r in by_old} == {"lib/new_name.py"}
    everything = query(migrated_db, "SELECT file_path FROM api.suggest_cochanges('shop', ARRAY['api/orders.py'], 100)")
    assert "tmp.txt" not in {r[0] for r in everything}
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="give at least one file"):
        query(migrated_db, "SELECT * FROM api.suggest_cochanges('shop', ARRAY[]::text[])")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="k must be at least 1, not 0"):
        query(migrated_db, "SELECT * FROM api.suggest_cochanges('shop', ARRAY['a'], 0)")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="unknown ranking 'newest'"):
        query(migrated_db, "SELECT * FROM api.suggest_cochanges('shop', ARRAY['a'], p_ranking => 'newest')")


def test_two_discoveries_of_one_project_take_turns(migrated_db, history):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    procs = [subprocess.Popen([PGPATTERN, "discover", "--dsn", migrated_db], stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert sorted(r[0] for r in query(migrated_db, "SELECT status FROM patterns.pattern_discovery_sessions")) == \
        ["completed", "outdated"]


def test_the_readme_sql_examples_of_change_patterns_run(migrated_db, tmp_path):
    """Every statement of the README's "Change patterns" section, on a project named app."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    start = readme.index("## Change patterns")
    section = readme[start:readme.index("\n## ", start)]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    statements = [s.strip() for block in blocks for s in re.sub(r"--[^\n]*", "", block).split(";") if s.strip()]
    assert len(statements) >= 10
    repo = GitRepo(tmp_path / "app")
    for i in range(12):
        repo.commit(f"fix: change {i}", files={"src/server.c": f"{i}\n", "src/server.h": f"{i}\n"},
                    author=("Ann", "ann@example.com"), date=f"2024-0{1 + i % 6}-1{i % 9}T10:00:00Z")
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM api.suggest_cochanges('app', ARRAY['src/server.c'], 5)").fetchone() == (1,)




def test_a_waiting_discover_says_whom_it_waits_for(migrated_db, history):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    project_id = query(migrated_db, "SELECT project_id FROM core.projects WHERE name = 'shop'")[0][0]
    with psycopg.connect(migrated_db, autocommit=True) as holder:
        # A discovery of the project runs (or a killed one's backend still does).
        holder.execute("SELECT pg_advisory_lock(%s, %s)", (DISCOVERY_LOCK_CLASS, project_id))
        timed_out = run_cli("discover", "--dsn", migrated_db, "--lock-timeout", "0.5")
        assert timed_out.returncode == 1
        assert "Error: another discovery of project 'shop' holds the lock" in timed_out.stderr
        assert "Hint: wait for it to finish, or raise --lock-timeout" in timed_out.stderr
        with CliProcess("discover", "--dsn", migrated_db) as waiting:
            line = waiting.wait_for_line("waiting for")
            assert "another discovery of project 'shop'" in line
            assert f"server pid {holder.info.backend_pid}" in line
            assert waiting.proc.poll() is None
            holder.execute("SELECT pg_advisory_unlock(%s, %s)", (DISCOVERY_LOCK_CLASS, project_id))
            assert waiting.finish() == 0, waiting.stderr
    assert "patterns from" in waiting.stderr


def test_a_killed_discover_ends_on_the_server_too(migrated_db, history):
    assert run_cli("ingest", "--dsn", migrated_db, str(history.path)).returncode == 0
    running = ("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
               "AND query LIKE '%%patterns.discover_patterns(%%' AND state = 'active'")
    with psycopg.connect(migrated_db) as blocker:
        # Discovery stops inside its query: a long run, as far as the server can tell.
        blocker.execute("LOCK TABLE patterns.pattern_discovery_sessions IN ACCESS EXCLUSIVE MODE")
        with CliProcess("discover", "--dsn", migrated_db) as killed:
            backend = wait_until(lambda: query(migrated_db, running), what="discovery running on the server")[0][0]
            killed.proc.kill()
            killed.finish()
        # The server notices that its client is gone and ends the statement, and with it the session.
        wait_until(lambda: query(migrated_db, "SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                 (backend,)) == [(0,)], timeout=90, what="the killed client's backend going away")
        blocker.rollback()
    again = run_cli("discover", "--dsn", migrated_db, "--lock-timeout", "10")
    assert again.returncode == 0, again.stderr


def test_long_running_connections_ask_the_server_to_check_the_client(migrated_db):
    from pgpattern.target import connect
    with connect(migrated_db, long_running=True) as conn:
        assert conn.execute("SHOW client_connection_check_interval").fetchone()[0] != "0"
    with connect(migrated_db) as conn:
        assert conn.execute("SHOW client_connection_check_interval").fetchone()[0] == "0"


def test_the_lock_classes_python_takes_are_the_databases(migrated_db):
    from pgpattern.ingest import INGEST_LOCK_CLASS
    assert query(migrated_db, "SELECT core.lock_class('ingest'), core.lock_class('discovery'), core.lock_class('x')") \
        == [(INGEST_LOCK_CLASS, DISCOVERY_LOCK_CLASS, None)]
