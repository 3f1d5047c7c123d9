"""`pgpattern ingest` on real repositories built for each case."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import psycopg
import pytest

from conftest import PGPATTERN, query, run_cli
from gitrepo import GitRepo
from pgpattern.gitlog import Repository
from pgpattern.ingest import ingest


def ingest_cli(db: str, path, *args: str):
    return run_cli("ingest", "--dsn", db, str(path), *args)


def commits(db: str, project: str = None):
    return query(db, """SELECT c.sha, c.parent_shas, c.author_name, c.author_email, c.authored_at,
                               c.author_utc_offset, c.committer_email, c.committed_at, c.message, c.generation,
                               c.flags, c.raw_object
                          FROM git.commits c JOIN core.projects p USING (project_id)
                         WHERE p.name = coalesce(%s, p.name) ORDER BY c.sha""", (project,))


def changes(db: str, project: str = None):
    return query(db, """SELECT c.sha, f.change_no, f.status, f.path, f.old_path, f.lines_added, f.lines_deleted,
                               f.old_mode, f.new_mode, f.latest_path
                          FROM git.file_changes f JOIN git.commits c USING (project_id, commit_id)
                          JOIN core.projects p USING (project_id)
                         WHERE p.name = coalesce(%s, p.name) ORDER BY c.sha, f.change_no""", (project,))


@pytest.fixture
def repo(tmp_path):
    return GitRepo(tmp_path / "app")


def test_a_history_is_stored_faithfully_and_a_second_run_adds_only_what_is_new(migrated_db, repo):
    first = repo.commit("feat: start\n\nwith a body", files={"src/a.py": "a\nb\n", "README.md": "hi\n"},
                        author=("Ann", "Ann@Example.com"))
    repo.commit("fix: bug", files={"src/a.py": "a\nc\n"}, author=("Bob", "bob@example.com"))
    result = ingest_cli(migrated_db, repo.path)
    assert result.returncode == 0, result.stderr
    assert "project app: 2 new commits, 3 file changes" in result.stderr
    rows = commits(migrated_db)
    assert [r[8] for r in rows if r[0] == first] == ["feat: start\n\nwith a body\n"]
    assert query(migrated_db, "SELECT author_key, author_name FROM git.commits WHERE sha = %s", (first,)) == \
        [("ann@example.com", "Ann")]
    assert [(c[2], c[3], c[5], c[6]) for c in changes(migrated_db) if c[0] == first] == \
        [("A", "README.md", 1, 0), ("A", "src/a.py", 2, 0)]

    again = ingest_cli(migrated_db, repo.path)
    assert again.returncode == 0 and "0 new commits" in again.stderr
    assert commits(migrated_db) == rows

    repo.commit("docs: more", files={"README.md": "hi\nthere\n"})
    third = ingest_cli(migrated_db, repo.path)
    assert "1 new commits, 1 file changes" in third.stderr and "3 commits stored" in third.stderr
    assert query(migrated_db, "SELECT ref_name, tip_sha, commits FROM git.ingested_refs") == [("HEAD", repo.head(), 3)]


def test_not_a_repository_and_a_missing_path_are_named(migrated_db, tmp_path):
    result = ingest_cli(migrated_db, tmp_path)
    assert result.returncode == 1 and f"Error: {tmp_path} is not a git repository" in result.stderr
    result = ingest_cli(migrated_db, tmp_path / "nope")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_repository_missing_objects_is_named_with_the_commit_and_nothing_is_stored(migrated_db, repo):
    """A partial or damaged clone: git dies listing a commit's line counts; say where and why."""
    repo.commit("first", files={"f": "one\n"})
    second = repo.commit("second", files={"f": "two\n"})
    blob = repo.git("rev-parse", f"{second}:f")
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = ingest_cli(migrated_db, repo.path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"at commit {second}: fatal: unable to read {blob}" in result.stderr
    assert "missing objects" in result.stderr and "fsck" in result.stderr
    assert query(migrated_db, "SELECT count(*) FROM git.commits") == [(0,)]


def test_an_empty_repository_has_nothing_to_ingest(migrated_db, repo):
    result = ingest_cli(migrated_db, repo.path)
    assert result.returncode == 0, result.stderr
    assert "has no commits: nothing to ingest" in result.stderr
    assert query(migrated_db, "SELECT count(*) FROM core.projects") == [(0,)]


def test_an_unknown_ref_is_named(migrated_db, repo):
    repo.commit(files={"a": "1"})
    result = ingest_cli(migrated_db, repo.path, "--ref", "no-such-branch")
    assert result.returncode == 1 and "ref 'no-such-branch' names no commit" in result.stderr


def test_a_shallow_clone_is_ingested_as_far_as_it_goes(migrated_db, repo, tmp_path):
    for i in range(5):
        repo.commit(f"c{i}", files={"f": str(i)})
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.path}", str(shallow)], check=True)
    result = ingest_cli(migrated_db, shallow)
    assert result.returncode == 0, result.stderr
    assert "is a shallow clone" in result.stderr
    assert query(migrated_db, "SELECT count(*), min(generation), max(generation) FROM git.commits") == [(2, 0, 1)]


def test_awkward_paths_are_stored(migrated_db, repo):
    names = ["with space.txt", "with\ttab.txt", "with\nnewline.txt", 'quote"d.txt', "it's.txt",
             "ünïcödé.txt", b"latin-\xe9.txt"]
    repo.commit(files={n: "x\n" for n in names})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    stored = sorted(r[3] for r in changes(migrated_db))
    assert stored == sorted([n for n in names if isinstance(n, str)] + ["latin-\\xe9.txt"])
    assert commits(migrated_db)[0][10] == ["path_not_utf8"]


def test_bad_bytes_in_messages_and_names_are_stored_readably_with_the_exact_object(migrated_db, repo):
    repo.commit(files={"a": "1"})
    sha = repo.raw_commit(b"Bad\xffName <bad@example.com> 1700000000 +0100", b"nul \x00 and latin \xe9\n")
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    row = [r for r in commits(migrated_db) if r[0] == sha][0]
    assert row[2] == "Bad\ufffdName"
    assert row[8] == "nul \ufffd and latin \ufffd\n"
    assert sorted(row[10]) == ["author_name_not_utf8", "message_has_nul", "message_not_utf8"]
    assert bytes(row[11]).endswith(b"\n\nnul \x00 and latin \xe9\n")
    assert row[5] == 60


def test_a_declared_encoding_is_decoded(migrated_db, repo):
    sha = repo.raw_commit(b"Ren\xe9 <r@example.com> 1700000000 +0000", b"caf\xe9\n", b"encoding ISO-8859-1\n")
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    row = commits(migrated_db)[0]
    assert row[0] == sha and row[8] == "café\n" and row[10] == [] and row[11] is None
    assert row[2] == "René"


@pytest.mark.parametrize("header, minutes, flags", [
    (b"-1200", -720, []), (b"+1400", 840, []), (b"+0530", 330, []), (b"-0000", 0, []),
    (b"+1401", 0, ["invalid_author_offset"]), (b"-1230", 0, ["invalid_author_offset"]),
    (b"+0575", 0, ["invalid_author_offset"]), (b"+9999", 0, ["invalid_author_offset"]),
])
def test_author_offsets_from_minus_12_to_plus_14_and_broken_ones(migrated_db, repo, header, minutes, flags):
    repo.raw_commit(b"Tz <tz@example.com> 1700000000 " + header, b"tz\n")
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    row = commits(migrated_db)[0]
    assert (row[5], row[10]) == (minutes, flags)
    assert row[4].timestamp() == 1700000000
    assert (row[11] is not None) == bool(flags)


def test_empty_commits_merges_binary_files_and_submodules(migrated_db, repo, tmp_path):
    repo.commit("base", files={"a.txt": "1\n", "img.bin": b"\x00\x01\x02"})
    empty = repo.commit("nothing", allow_empty=True)
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("side", files={"b.txt": "b\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("main", files={"a.txt": "2\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side",
             env={"GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": "m@x", "GIT_COMMITTER_NAME": "M",
                  "GIT_COMMITTER_EMAIL": "m@x", "GIT_AUTHOR_DATE": "2024-02-01T00:00:00Z",
                  "GIT_COMMITTER_DATE": "2024-02-01T00:00:00Z"})
    merge = repo.head()
    sub = GitRepo(tmp_path / "sub")
    sub.commit(files={"s": "s"})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.path), "vendor/sub")
    repo.commit("add submodule")
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    by_sha = {r[0]: r for r in commits(migrated_db)}
    assert len(by_sha[merge][1]) == 2 and query(
        migrated_db, "SELECT is_merge FROM git.commits WHERE sha = %s", (merge,)) == [(True,)]
    fc = changes(migrated_db)
    assert [c for c in fc if c[0] in (merge, empty)] == []
    assert [(c[5], c[6]) for c in fc if c[3] == "img.bin"] == [(None, None)]
    assert [(c[2], c[8]) for c in fc if c[3] == "vendor/sub"] == [("A", 0o160000)]
    assert query(migrated_db, "SELECT count(*) FROM api.commit_activity WHERE merge_commits > 0") == [(1,)]


def test_a_commit_of_ten_thousand_files(migrated_db, repo):
    repo.commit("big", files={f"d{i % 50}/f{i}.txt": f"{i}\n" for i in range(10_000)})
    result = ingest_cli(migrated_db, repo.path)
    assert result.returncode == 0, result.stderr
    assert query(migrated_db, "SELECT count(*), sum(lines_added) FROM git.file_changes") == [(10_000, 10_000)]


def test_a_bare_repositorys_mailmap_is_applied(migrated_db, repo, tmp_path):
    repo.commit("one", files={"a": "1", ".mailmap": "Ann Real <ann@real.org> <ann@example.com>\n"})
    bare = tmp_path / "app.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    assert ingest_cli(migrated_db, bare).returncode == 0
    assert query(migrated_db, "SELECT p.name, c.author_name, c.author_email FROM git.commits c "
                              "JOIN core.projects p USING (project_id)") == [("app", "Ann Real", "ann@real.org")]


def test_a_rewritten_history_is_reported_and_full_ingests_it_again(migrated_db, repo):
    repo.commit("one", files={"a": "1"})
    repo.commit("two", files={"a": "2"})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    repo.git("reset", "-q", "--hard", "HEAD~1")
    replaced = repo.commit("two, again", files={"a": "3", "b": "1"})
    result = ingest_cli(migrated_db, repo.path)
    assert result.returncode == 1
    assert "was rewritten since the last ingest" in result.stderr and "--full" in result.stderr
    full = ingest_cli(migrated_db, repo.path, "--full")
    assert full.returncode == 0, full.stderr
    assert sorted(r[8] for r in commits(migrated_db)) == ["one\n", "two, again\n"]
    assert query(migrated_db, "SELECT tip_sha FROM git.ingested_refs") == [(replaced,)]


def test_rename_lineage_follows_chains_and_starts_new_files_at_old_paths(migrated_db, repo):
    repo.commit("create a", files={"a.txt": "1\n2\n3\n4\n5\n"})
    repo.commit("edit a", files={"a.txt": "1\n2\n3\n4\n5\n6\n"})
    repo.commit("a to b", renames={"a.txt": "b.txt"})
    repo.commit("edit b", files={"b.txt": "1\n2\n3\n4\n5\n6\n7\n"})
    repo.commit("b to c and a new a", renames={"b.txt": "c.txt"}, files={"a.txt": "new\n"})
    repo.commit("edit new a", files={"a.txt": "new\nnewer\n"})
    repo.commit("x", files={"x.txt": "x1\nx2\nx3\nx4\n"})
    repo.commit("x to y", renames={"x.txt": "y.txt"})
    repo.commit("delete y", deletes=["y.txt"])
    repo.commit("a new x", files={"x.txt": "other\n"})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    got = [(c[2], c[3], c[9]) for c in sorted(changes(migrated_db), key=lambda c: c[0])]
    lineage = {}
    for status, path, latest in got:
        lineage.setdefault(latest, set()).add((status, path))
    assert lineage["c.txt"] == {("A", "a.txt"), ("M", "a.txt"), ("R", "b.txt"), ("M", "b.txt"), ("R", "c.txt")}
    assert lineage["a.txt"] == {("A", "a.txt"), ("M", "a.txt")}
    assert query(migrated_db, "SELECT count(*) FROM git.file_changes WHERE latest_path = 'a.txt'") == [(2,)]
    assert lineage["y.txt"] == {("A", "x.txt"), ("R", "y.txt"), ("D", "y.txt")}
    assert lineage["x.txt"] == {("A", "x.txt")}
    files = {r[0]: r[1:] for r in query(migrated_db, "SELECT latest_path, paths, changes, deleted FROM api.files")}
    assert files["c.txt"] == (["a.txt", "b.txt", "c.txt"], 5, False)
    assert files["y.txt"] == (["x.txt", "y.txt"], 3, True)


def test_lineage_is_kept_right_when_a_rename_arrives_in_a_later_ingest(migrated_db, repo):
    repo.commit("create", files={"old.py": "1\n2\n3\n"})
    repo.commit("edit", files={"old.py": "1\n2\n3\n4\n"})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    repo.commit("rename", renames={"old.py": "new.py"})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    assert query(migrated_db, "SELECT DISTINCT latest_path FROM git.file_changes") == [("new.py",)]


def test_an_ingest_killed_midway_and_run_again_ends_with_the_rows_of_an_uninterrupted_run(migrated_db, repo):
    for i in range(300):
        repo.commit(f"c{i}", files={f"f{i % 7}.txt": f"{i}\n", "common.txt": f"{i}\n"},
                    renames={"r0.txt": "r1.txt"} if i == 150 else None) if i != 100 else \
            repo.commit("add r0", files={"r0.txt": "r\n"})
    clean = ingest_cli(migrated_db, repo.path, "--project", "clean")
    assert clean.returncode == 0, clean.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    proc = subprocess.Popen([PGPATTERN, "ingest", "--dsn", migrated_db, "--project", "killed", "--batch-size", "10",
                             str(repo.path)], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        stored = query(migrated_db, "SELECT count(*) FROM git.commits c JOIN core.projects p USING (project_id) "
                                    "WHERE p.name = 'killed'")[0][0]
        if stored >= 50:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = query(migrated_db, "SELECT count(*) FROM git.commits c JOIN core.projects p USING (project_id) "
                                 "WHERE p.name = 'killed'")[0][0]
    assert 0 < partial < 300 and partial % 10 == 0, "whole batches only"
    again = ingest_cli(migrated_db, repo.path, "--project", "killed")
    assert again.returncode == 0, again.stderr

    def strip(rows):
        return sorted(tuple(r) for r in rows)
    assert strip(commits(migrated_db, "killed")) == strip(commits(migrated_db, "clean"))
    assert strip(changes(migrated_db, "killed")) == strip(changes(migrated_db, "clean"))


def test_two_ingests_of_one_project_take_turns(migrated_db, repo):
    for i in range(50):
        repo.commit(f"c{i}", files={"a": str(i)})
    procs = [subprocess.Popen([PGPATTERN, "ingest", "--dsn", migrated_db,
                               "--batch-size", "5", str(repo.path)], stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert query(migrated_db, "SELECT count(*) FROM git.commits") == [(50,)]


def test_the_reader_can_read_the_api_views_but_not_the_tables(migrated_db, repo):
    repo.commit(files={"a": "1\n"})
    assert ingest_cli(migrated_db, repo.path).returncode == 0
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        assert conn.execute("SELECT project, commits FROM api.commit_activity").fetchall() == [("app", 1)]
        assert conn.execute("SELECT project, latest_path FROM api.files").fetchall() == [("app", "a")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM git.commits")


def test_ingest_as_a_library_call(migrated_db, repo):
    repo.commit(files={"a": "1\n"})
    result = ingest(migrated_db, str(repo.path), project="lib")
    assert (result.project, result.new_commits, result.new_changes, result.stored_commits) == ("lib", 1, 1, 1)
    assert Repository(repo.path).count(repo.head(), []) == 1
    assert json.dumps(result.__dict__, default=str)


def test_a_deepened_then_unshallowed_clone_is_completed_with_the_rows_of_a_fresh_ingest(migrated_db, repo, tmp_path):
    repo.commit("base", files={"old.py": "1\n2\n3\n4\n", "a.txt": "0\n"})
    for i in range(3):
        repo.commit(f"early {i}", files={"a.txt": f"early {i}\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("side", files={"side.txt": "s\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("main meanwhile", files={"a.txt": "main\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side",
             env={"GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": "m@x", "GIT_COMMITTER_NAME": "M",
                  "GIT_COMMITTER_EMAIL": "m@x", "GIT_AUTHOR_DATE": "2024-02-01T00:00:00Z",
                  "GIT_COMMITTER_DATE": "2024-02-01T00:00:00Z"})
    repo.commit("rename", renames={"old.py": "new.py"})
    for i in range(3):
        repo.commit(f"late {i}", files={"new.py": f"1\n2\n3\n4\n{i}\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.path}", str(clone)], check=True)

    def same_as_a_fresh_ingest(name: str) -> None:
        fresh = ingest_cli(migrated_db, clone, "--project", f"{name}-fresh")
        assert fresh.returncode == 0, fresh.stderr
        assert sorted(commits(migrated_db, name)) == sorted(commits(migrated_db, f"{name}-fresh"))
        assert sorted(changes(migrated_db, name)) == sorted(changes(migrated_db, f"{name}-fresh"))

    assert ingest_cli(migrated_db, clone, "--project", "c").returncode == 0
    assert query(migrated_db, "SELECT count(*) FROM git.commits") == [(2,)]

    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--deepen", "3"], check=True)
    deepened = ingest_cli(migrated_db, clone, "--project", "c")
    assert deepened.returncode == 0, deepened.stderr
    assert "holds more history than when it was last ingested" in deepened.stderr
    same_as_a_fresh_ingest("c")

    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    completed = ingest_cli(migrated_db, clone, "--project", "c")
    assert completed.returncode == 0, completed.stderr
    assert "holds more history than when it was last ingested" in completed.stderr
    assert "11 commits stored" in completed.stderr
    query(migrated_db, "DELETE FROM core.projects WHERE name = 'c-fresh'")
    same_as_a_fresh_ingest("c")
    assert query(migrated_db, """SELECT c.generation FROM git.commits c JOIN core.projects p USING (project_id)
                                  WHERE p.name = 'c' AND c.message = 'late 2\n'""") == [(9,)]
    again = ingest_cli(migrated_db, clone, "--project", "c")
    assert "0 new commits" in again.stderr and "holds more history" not in again.stderr
