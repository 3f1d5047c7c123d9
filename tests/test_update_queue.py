"""The pattern update queue: what ingest queues, how updates are applied, retried, superseded and
shared between workers, and what they record. Real ingests of real repositories where it matters."""

from __future__ import annotations

import re
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from test_incremental import differences, full_discovery, live_session, process_all, snapshot

from conftest import CRON_DATABASE, ROOT, query, run_cli
from gitrepo import GitRepo

sys.path.insert(0, str(ROOT))
from bench.synthetic import generate  # noqa: E402


def ingest(db: str, path: Path, project: str = "app", *extra: str) -> None:
    result = run_cli("ingest", "--dsn", db, "--project", project, "--quiet", *extra, str(path))
    assert result.returncode == 0, result.stderr


def pending(db: str) -> list[tuple]:
    return query(db, "SELECT trigger_type, status FROM patterns.pattern_update_queue WHERE status = 'pending' ORDER BY id")


def assert_live_equals_full(conn: psycopg.Connection, name: str) -> None:
    project_id = conn.execute("SELECT patterns.project_id(%s)", (name,)).fetchone()[0]
    session = live_session(conn, project_id)
    problems = differences(snapshot(conn, project_id, session["id"]), full_discovery(conn, name, project_id, session))
    assert not problems, "\n".join(problems[:30])


def test_a_commit_queues_its_files_and_authors_and_one_update_brings_the_patterns_up_to_date(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(6):
        repo.commit(f"feat: step {i}", files={"src/a.py": f"{i}\n", "src/b.py": f"{i}\n", "docs/c.md": f"{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('app')")
        process_all(conn)
        before = conn.execute("SELECT id, cooccurrence_count, updated_at FROM patterns.file_cooccurrence_patterns "
                              "WHERE file_path_1 = 'src/a.py' AND file_path_2 = 'src/b.py'").fetchone()

    repo.commit("fix: both", files={"src/a.py": "x\n", "src/b.py": "y\n"}, author=("Bea", "Bea@Example.com"))
    ingest(migrated_db, repo.path)
    entry = query(migrated_db, "SELECT trigger_type, priority, status, trigger_data FROM patterns.pattern_update_queue "
                               "WHERE status = 'pending'")
    assert len(entry) == 1
    trigger_type, priority, status, data = entry[0]
    assert (trigger_type, priority, status) == ("git_commit", "high", "pending")
    assert sorted(data["files"]) == ["src/a.py", "src/b.py"] and data["authors"] == ["bea@example.com"]
    assert data["commits"] == 1

    with psycopg.connect(migrated_db, autocommit=True) as conn:
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        after = conn.execute("SELECT id, cooccurrence_count, updated_at FROM patterns.file_cooccurrence_patterns "
                             "WHERE file_path_1 = 'src/a.py' AND file_path_2 = 'src/b.py' AND is_active").fetchone()
        assert after[0] == before[0] and after[1] == before[1] + 1 and after[2] > before[2]
        metrics = conn.execute("SELECT update_type, trigger_type, queue_entries, status, patterns_created, "
                               "patterns_updated, execution_time_ms FROM patterns.pattern_update_metrics "
                               "ORDER BY completed_at DESC LIMIT 1").fetchone()
        assert metrics[:4] == ("incremental", "git_commit", 1, "completed")
        assert metrics[4] >= 1  # bea's developer profile
        assert metrics[5] >= 3 and metrics[6] >= 0
        # What the commit moves of every other pattern is owed by one rescore entry, which
        # brings the run back to what a full discovery finds.
        rescore = conn.execute("SELECT trigger_type, priority, status, trigger_data FROM patterns.pattern_update_queue "
                               "ORDER BY id DESC LIMIT 1").fetchone()
        assert rescore[:3] == ("rescore", "low", "pending")
        assert sorted(rescore[3]["files"]) == ["src/a.py", "src/b.py"] and rescore[3]["authors"] == ["bea@example.com"]
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        metrics = conn.execute("SELECT update_type, trigger_type, status FROM patterns.pattern_update_metrics "
                               "ORDER BY completed_at DESC LIMIT 1").fetchone()
        assert metrics == ("rescore", "rescore", "completed")
        assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_update_queue WHERE status = 'pending'") == [(0,)]
        assert_live_equals_full(conn, "app")


def test_a_rescore_waits_for_the_commits_and_collects_what_they_owe(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(6):
        repo.commit(f"feat: step {i}", files={"src/a.py": f"{i}\n", "src/b.py": f"{i}\n", "docs/c.md": f"{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('app')")
        process_all(conn)
        repo.commit("fix: a", files={"src/a.py": "x\n"}, author=("Bea", "bea@example.com"))
        ingest(migrated_db, repo.path)
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        repo.commit("docs: c", files={"docs/c.md": "y\n"}, author=("Cy", "cy@example.com"))
        ingest(migrated_db, repo.path)
        assert pending(migrated_db) == [("rescore", "pending"), ("git_commit", "pending")]
        # The commit goes first, alone; the rescore waits and now owes both commits' files and authors.
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        assert pending(migrated_db) == [("rescore", "pending")]
        owed = query(migrated_db, "SELECT trigger_data FROM patterns.pattern_update_queue WHERE status = 'pending'")[0][0]
        assert sorted(owed["files"]) == ["docs/c.md", "src/a.py"]
        assert sorted(owed["authors"]) == ["bea@example.com", "cy@example.com"]
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        assert pending(migrated_db) == []
        assert_live_equals_full(conn, "app")


def test_patterns_below_threshold_become_inactive_and_come_back(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(3):
        repo.commit(f"pair {i}", files={"a.txt": f"{i}\n", "b.txt": f"{i}\n"})
    ingest(migrated_db, repo.path)
    pair = ("SELECT id, is_active, confidence_score FROM patterns.file_cooccurrence_patterns "
            "WHERE file_path_1 = 'a.txt' AND file_path_2 = 'b.txt'")
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('app')")
        process_all(conn)
        pattern_id, active, confidence = conn.execute(pair).fetchone()
        assert active and confidence == 1.0
    for i in range(8):  # confidence 3/11 both ways: below 0.30
        repo.commit(f"alone a {i}", files={"a.txt": f"a{i}\n"})
        repo.commit(f"alone b {i}", files={"b.txt": f"b{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert conn.execute(pair).fetchone()[:2] == (pattern_id, False)  # inactive, not deleted
        assert_live_equals_full(conn, "app")
    for i in range(6):  # 9/17
        repo.commit(f"together again {i}", files={"a.txt": f"t{i}\n", "b.txt": f"t{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert conn.execute(pair).fetchone()[:2] == (pattern_id, True)
        assert_live_equals_full(conn, "app")


def test_a_rename_moves_the_counts_to_the_new_path(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(4):
        repo.commit(f"c{i}", files={"old/x.py": f"{i}\n", "y.py": f"{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('app')")
        process_all(conn)
    repo.commit("move", renames={"old/x.py": "new/x.py"})
    ingest(migrated_db, repo.path)
    counts = query(migrated_db, "SELECT file_path, changes FROM patterns.file_change_counts ORDER BY 1")
    assert counts == [("new/x.py", 5), ("y.py", 4)]
    assert query(migrated_db, """SELECT least(a.path, b.path), greatest(a.path, b.path), c.cochanges FROM patterns.file_pair_counts c
                                   JOIN git.paths a ON a.project_id = c.project_id AND a.path_id = c.file_id_1
                                   JOIN git.paths b ON b.project_id = c.project_id AND b.path_id = c.file_id_2""") == [
        ("new/x.py", "y.py", 4)]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert conn.execute("SELECT file_path_1, is_active FROM patterns.file_cooccurrence_patterns "
                            "ORDER BY is_active, file_path_1").fetchall() == [("old/x.py", False), ("new/x.py", True)]
        assert_live_equals_full(conn, "app")


def test_a_bulk_ingest_is_counted_by_the_next_update_and_later_commits_one_by_one(migrated_db, tmp_path):
    path = generate(tmp_path / "bulk.git", commits=700, files=120, authors=6)
    ingest(migrated_db, path, "bulk", "--batch-size", "350")
    # Statements of more than 200 commits only queue them (ingest stays as fast as git log); the
    # lineage update after them re-keys fewer commits, which are counted at once.
    assert query(migrated_db, "SELECT count(*) < 350 FROM patterns.live_commits") == [(True,)]
    assert query(migrated_db, "SELECT count(*) >= 2 FROM patterns.pattern_update_queue "
                              "WHERE trigger_data ? 'deferred_commits'") == [(True,)]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('bulk')")
        process_all(conn)
        assert conn.execute("SELECT update_type FROM patterns.pattern_update_metrics").fetchall() == [("full_refresh",)]
        assert conn.execute("SELECT count(*) FROM patterns.live_commits").fetchone()[0] > 600
        assert_live_equals_full(conn, "bulk")
    # Three more commits on the bare repository, ingested as a hook would: counted at once.
    env = {"GIT_AUTHOR_NAME": "New", "GIT_AUTHOR_EMAIL": "new@example.com", "GIT_COMMITTER_NAME": "New",
           "GIT_COMMITTER_EMAIL": "new@example.com"}
    repo = GitRepo.__new__(GitRepo)
    repo.path = path
    for i in range(3):
        files = repo.git("ls-tree", "-r", "--name-only", "HEAD").splitlines()[i * 7: i * 7 + 3]
        blobs = [repo.git("hash-object", "-w", "--stdin", input=f"new {i} {f}\n".encode()) for f in files]
        repo.git("read-tree", "HEAD", env={"GIT_INDEX_FILE": str(tmp_path / "index")})
        for f, blob in zip(files, blobs, strict=True):
            repo.git("update-index", "--cacheinfo", f"100644,{blob},{f}", env={"GIT_INDEX_FILE": str(tmp_path / "index")})
        tree = repo.git("write-tree", env={"GIT_INDEX_FILE": str(tmp_path / "index")})
        sha = repo.git("commit-tree", tree, "-p", "HEAD", "-m", f"fix: new {i}", env=env)
        repo.git("update-ref", "HEAD", sha)
        ingest(migrated_db, path, "bulk")
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        kinds = conn.execute("SELECT update_type FROM patterns.pattern_update_metrics ORDER BY started_at").fetchall()
        assert kinds[-2:] == [("incremental",), ("rescore",)]
        assert_live_equals_full(conn, "bulk")


def test_a_failed_update_is_retried_with_its_error_and_given_up_after_max_attempts(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(3):
        repo.commit(f"c{i}", files={"a.txt": f"{i}\n", "b.txt": f"{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SELECT patterns.discover_patterns('app')")
        process_all(conn)
        repo.commit("c3", files={"a.txt": "3\n"})
        ingest(migrated_db, repo.path)
        # Make the update fail: file profiles refuse rows for a while.
        conn.execute("ALTER TABLE patterns.file_profiles ADD CONSTRAINT broken CHECK (total < 0) NOT VALID")
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        status, attempts, error, due = conn.execute(
            "SELECT status, attempts, last_error, next_attempt_at > clock_timestamp() FROM patterns.pattern_update_queue "
            "ORDER BY id DESC LIMIT 1").fetchone()
        assert (status, attempts, due) == ("pending", 1, True) and "broken" in error
        assert conn.execute("SELECT status, error_message LIKE '%broken%' FROM patterns.pattern_update_metrics "
                            "ORDER BY started_at DESC LIMIT 1").fetchone() == ("failed", True)
        # Nothing of the failed update was kept, and it is not due yet.
        assert conn.execute("SELECT total_changes FROM patterns.change_magnitude_patterns "
                            "WHERE file_path = 'a.txt' AND is_active").fetchone() == (3,)
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 0
        # Due again: retried, and fails for good at max_attempts.
        conn.execute("UPDATE patterns.pattern_update_queue SET next_attempt_at = clock_timestamp(), max_attempts = 2 "
                     "WHERE status = 'pending'")
        assert conn.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        assert conn.execute("SELECT status, attempts FROM patterns.pattern_update_queue ORDER BY id DESC LIMIT 1"
                            ).fetchone() == ("failed", 2)
        # Once the cause is gone, a manual update (a full refresh) brings everything back.
        conn.execute("ALTER TABLE patterns.file_profiles DROP CONSTRAINT broken")
        conn.execute("SELECT patterns.enqueue_pattern_update('app')")
        process_all(conn, allow_failures=True)
        assert conn.execute("SELECT total_changes FROM patterns.change_magnitude_patterns "
                            "WHERE file_path = 'a.txt' AND is_active").fetchone() == (4,)
        assert_live_equals_full(conn, "app")


def test_discovery_supersedes_what_was_queued_before_it_and_sessions_queue_an_update(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.txt": "1\n"})
    ingest(migrated_db, repo.path)
    assert pending(migrated_db) == [("git_commit", "pending")]
    query(migrated_db, "SELECT patterns.discover_patterns('app')")
    # The run scored the live state: nothing to refresh after it.
    assert query(migrated_db, "SELECT trigger_type, status, priority FROM patterns.pattern_update_queue ORDER BY id") == [
        ("git_commit", "superseded", "high")]
    # A windowed run is a snapshot: nothing to keep up to date, nothing queued for it.
    query(migrated_db, "SELECT patterns.discover_patterns('app', p_since => now() - interval '100 years')")
    assert pending(migrated_db) == []
    project_id = query(migrated_db, "SELECT patterns.project_id('app')")[0][0]
    query(migrated_db, "INSERT INTO core.sessions (project_id, developer) VALUES (%s, 'ann')", (project_id,))
    query(migrated_db, "UPDATE core.sessions SET status = 'ended', ended_at = now()")
    assert pending(migrated_db) == [("session_end", "pending")]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert conn.execute("SELECT update_type FROM patterns.pattern_update_metrics").fetchall() == [("not_maintained",)]


def test_enqueue_names_what_is_wrong(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.txt": "1\n"})
    ingest(migrated_db, repo.path)
    for call, message in [
        ("patterns.enqueue_pattern_update('nope')", "unknown project 'nope'"),
        ("patterns.enqueue_pattern_update('app', 'push')", "unknown trigger_type 'push'"),
        ("patterns.enqueue_pattern_update('app', 'manual', 'urgent')", "unknown priority 'urgent'"),
        ("patterns.enqueue_pattern_update('app', p_trigger_data => '[1]')", "trigger_data must be a JSON object"),
        ("patterns.enqueue_pattern_update('app', p_algorithms => ARRAY['magic'])", "algorithms must be some of"),
        ("patterns.process_pattern_updates(0)", "max_projects must be at least 1"),
    ]:
        with pytest.raises(psycopg.Error, match=message):
            query(migrated_db, f"SELECT {call}")
    assert query(migrated_db, "SELECT count(*) FROM patterns.pattern_update_queue WHERE trigger_type = 'manual'") == [(0,)]


def test_enqueue_notifies_listeners(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.txt": "1\n"})
    with psycopg.connect(migrated_db, autocommit=True) as listener:
        listener.execute("LISTEN pgpattern_pattern_updates")
        ingest(migrated_db, repo.path)
        project_id = str(query(migrated_db, "SELECT patterns.project_id('app')")[0][0])
        received = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    # The trigger notifies when the batch commits, the ingest again when it releases its lock.
    assert received and set(received) == {project_id}


def test_two_workers_never_apply_one_project_at_once(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(3):
        repo.commit(f"c{i}", files={"a.txt": f"{i}\n", "b.txt": f"{i}\n"})
    ingest(migrated_db, repo.path)
    query(migrated_db, "SELECT patterns.discover_patterns('app')")
    query(migrated_db, "SELECT patterns.enqueue_pattern_update('app')")
    first = psycopg.connect(migrated_db)
    try:
        # The first worker's update is under way (its transaction is open): the second skips the project.
        assert first.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 1
        with psycopg.connect(migrated_db, autocommit=True) as second:
            assert second.execute("SELECT patterns.process_pattern_updates()").fetchone()[0] == 0
        done = threading.Event()

        def discover_waits():  # discovery waits for the update instead of failing
            query(migrated_db, "SELECT patterns.discover_patterns('app')")
            done.set()
        waiter = threading.Thread(target=discover_waits)
        waiter.start()
        assert not done.wait(1.0)
        first.commit()
        waiter.join(10)
        assert done.is_set()
    finally:
        first.close()
    assert query(migrated_db, "SELECT status, attempts FROM patterns.pattern_update_queue WHERE trigger_type = 'manual' "
                              "ORDER BY id LIMIT 1") == [("completed", 1)]


def test_pg_cron_applies_the_queue_every_minute(cron_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.txt": "1\n"})
    ingest(cron_db, repo.path)
    assert query(cron_db, "SELECT command FROM cron.job WHERE jobname = 'pgpattern-process-pattern-updates' "
                          "AND database = %s", (CRON_DATABASE,)) == [("SELECT patterns.process_pattern_updates(100)",)]
    deadline = time.monotonic() + 75
    while time.monotonic() < deadline and pending(cron_db):
        time.sleep(1)
    assert pending(cron_db) == []
    assert query(cron_db, "SELECT status FROM patterns.pattern_update_queue") == [("completed",)]


def test_the_readme_real_time_examples_run(migrated_db, tmp_path):
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Real-time updates")
    blocks = re.findall(r"```sql\n(.*?)```", readme[start:readme.index("\n## ", start)], re.S)
    statements = [s.strip() for block in blocks for s in re.sub(r"--[^\n]*", "", block).split(";") if s.strip()]
    assert len(statements) == 4
    repo = GitRepo(tmp_path / "app")
    for i in range(3):
        repo.commit(f"c{i}", files={"a.txt": f"{i}\n", "b.txt": f"{i}\n"})
    ingest(migrated_db, repo.path)
    query(migrated_db, "SELECT patterns.discover_patterns('app')")
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        results = [conn.execute(statement).fetchall() for statement in statements]
    assert results[1] == [(1,)]  # the manual entry (the discovery scored the live state: it queued nothing)
    assert [row[1:4] for row in results[2]][:1] == [("manual", "medium", "completed")]
    assert results[3][0][0] == "full_refresh" and results[3][0][-1] == "completed"


def test_a_run_with_another_changeset_limit_is_discovered_again_with_its_settings(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(4):
        repo.commit(f"c{i}", files={"a.txt": f"{i}\n", "b.txt": f"{i}\n"})
    ingest(migrated_db, repo.path)
    query(migrated_db, "SELECT patterns.discover_patterns('app', p_max_changeset_size => 10, p_min_cooccurrence => 2)")
    assert pending(migrated_db) == []  # the live counts (30) do not cover this run: no refresh queued
    repo.commit("c4", files={"a.txt": "4\n", "b.txt": "4\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert conn.execute("SELECT update_type FROM patterns.pattern_update_metrics").fetchall() == [("rediscovery",)]
        runs = conn.execute("SELECT status, max_changeset_size, min_cooccurrence, total_commits_analyzed "
                            "FROM patterns.pattern_discovery_sessions ORDER BY discovery_timestamp").fetchall()
        assert runs == [("outdated", 10, 2, 4), ("completed", 10, 2, 5)]
        assert conn.execute("SELECT cooccurrence_count FROM patterns.file_cooccurrence_patterns WHERE is_active"
                            ).fetchall() == [(5,)]


def test_an_unwindowed_discovery_scores_the_live_state_and_no_full_refresh_follows(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(8):
        repo.commit(f"feat: step {i}", files={"src/a.py": f"{i}\n", "src/b.py": f"{i}\n", f"docs/{i % 3}.md": f"{i}\n"})
    ingest(migrated_db, repo.path)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        notices = []
        conn.add_notice_handler(lambda notice: notices.append(notice.message_primary))
        session = conn.execute("SELECT patterns.discover_patterns('app')").fetchone()[0]
        assert notices[0].startswith("transaction set: 8 commits, 24 file changes (live state)")
        assert query(migrated_db, "SELECT discovery_session_id FROM patterns.live_synced") == [(session,)]
        assert pending(migrated_db) == []  # the run is the live state's: nothing to refresh
        assert_live_equals_full(conn, "app")  # against a run that counts its transaction set
        notices.clear()
        conn.execute("SELECT patterns.discover_patterns('app', p_since => '2000-01-01')")
        assert notices[0].startswith("transaction set: 8 commits, 24 file changes in")


def test_a_discovery_of_the_live_state_computes_again_only_the_file_profiles_whose_changes_moved(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    for i in range(8):
        repo.commit(f"feat: step {i}", files={"src/a.py": f"{i}\n", "src/b.py": f"{i}\n", f"docs/{i % 3}.md": f"{i}\n"})
    ingest(migrated_db, repo.path)

    def stale() -> list[str]:
        return [path for path, in query(migrated_db, "SELECT g.path FROM patterns.file_profiles_stale s "
                                                     "JOIN git.paths g ON g.project_id = s.project_id "
                                                     "AND g.path_id = s.file_id ORDER BY 1")]

    with psycopg.connect(migrated_db, autocommit=True) as conn:
        assert stale() == ["docs/0.md", "docs/1.md", "docs/2.md", "src/a.py", "src/b.py"]  # no profile yet
        conn.execute("SELECT patterns.discover_patterns('app')")
        assert stale() == []
        repo.commit("fix: a", files={"src/a.py": "x\n"})
        ingest(migrated_db, repo.path)  # its update stays queued: the discovery below supersedes it
        assert stale() == ["src/a.py"]
        with conn.transaction(force_rollback=True):
            # A profile whose file did not change is not computed again: this wrong one stays.
            conn.execute("UPDATE patterns.file_profiles f SET total = 1000 FROM git.paths g "
                         "WHERE g.project_id = f.project_id AND g.path_id = f.file_id AND g.path = 'src/b.py'")
            conn.execute("SELECT patterns.discover_patterns('app')")
            assert conn.execute("SELECT file_path, total_changes FROM patterns.change_magnitude_patterns "
                                "WHERE is_active AND file_path LIKE 'src/%' ORDER BY 1").fetchall() \
                == [("src/a.py", 9), ("src/b.py", 1000)]
        conn.execute("SELECT patterns.discover_patterns('app')")
        assert stale() == []
        assert_live_equals_full(conn, "app")  # against a run that counts its transaction set
        # Forgetting the history marks every file again; removing the project removes its marks.
        ingest(migrated_db, repo.path, "app", "--full")
        assert stale() == ["docs/0.md", "docs/1.md", "docs/2.md", "src/a.py", "src/b.py"]
        conn.execute("DELETE FROM core.projects WHERE name = 'app'")
        assert stale() == []


def test_the_update_functions_plan_each_call_for_its_own_arguments(migrated_db):
    # Called for a few files and for all of them: a cached generic plan made for a few files ran the
    # all-files call 40 times slower on a real history (0670).
    configs = query(migrated_db, """SELECT p.proname, p.proconfig FROM pg_proc p
                                     WHERE p.pronamespace = 'patterns'::regnamespace
                                       AND p.proname IN ('update_cooccurrence', 'update_file_profiles',
                                                         'update_magnitude', 'update_developers')
                                     ORDER BY 1""")
    assert [name for name, _ in configs] == ["update_cooccurrence", "update_developers", "update_file_profiles",
                                             "update_magnitude"]
    assert all("plan_cache_mode=force_custom_plan" in config for _, config in configs), configs
