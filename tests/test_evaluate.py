"""`pgpattern evaluate`: the replay of spec section 6 (pgpattern/replay.py).

- Each query is answered from the history before its commit only: changing a later commit
  changes no earlier answer (and does change later ones, so the comparison can fail).
- The replay's answers equal the plain-Python reading of section 6 (tests/spec_reference.py)
  asked from scratch over the commits before each test commit, for both rankings.
- The command prints every metric with intervals, as a table or as JSON, and says clearly when
  a project has nothing to replay.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from histories import store_commits

from conftest import run_cli
from gitrepo import GitRepo
from pgpattern import replay
from spec_reference import Change, Commit, suggest

FILES = [f"src/{name}.py" for name in "abcdefghij"] + ["docs/guide.md", "tests/test_a.py", "CHANGELOG.md"]
AUTHORS = ["ann@example.com", "bob@example.com", "cy@example.com"]


def random_history(seed: int, count: int = 120) -> list[Commit]:
    """A line of commits in time order touching a few files each, some deleting one."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    commits, alive = [], set()
    for i in range(count):
        when = start + timedelta(hours=i)
        changes = []
        for path in rng.sample(FILES, rng.choice([1, 2, 2, 3, 3, 4, 6])):
            status = "D" if path in alive and rng.random() < 0.05 else ("M" if path in alive else "A")
            (alive.discard if status == "D" else alive.add)(path)
            changes.append(Change(status, path))
        email = rng.choice(AUTHORS)
        commits.append(Commit(sha=f"{i:08x}{uuid.uuid4().hex}", parents=[commits[-1].sha] if commits else [],
                              author_name=email, author_email=email, authored=when, offset=0, committed=when,
                              message=f"change {i}", generation=i, changes=changes))
    return commits


def stored(conninfo: str, commits: list[Commit]) -> list[replay.Commit]:
    """The history as the replay reads it from a new project holding these commits."""
    name = f"ev-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        store_commits(conn, project_id, commits)
        conn.execute("SELECT git.refresh_lineage(%s)", (project_id,))
        return replay.load_history(conn, name)[1]


def test_a_later_commit_changes_no_earlier_answer(migrated_db):
    commits = random_history(1)
    changed = [*commits]
    at = 105  # a test commit (the last 20% start at 96)
    changed[at] = Commit(**{**vars(commits[at]), "author_email": "dana@example.com",
                            "changes": [Change("M", "src/a.py"), Change("M", "docs/guide.md"), Change("A", "new.py")]})
    before = list(replay.replay(stored(migrated_db, commits)))
    after = list(replay.replay(stored(migrated_db, changed)))
    earlier = [(q.sha, q.file, q.answers) for q in before if q.sha < changed[at].sha]
    assert earlier and earlier == [(q.sha, q.file, q.answers) for q in after if q.sha < changed[at].sha]
    later = {(q.sha, q.file): q.answers for q in before if q.sha > changed[at].sha}
    assert any(later.get((q.sha, q.file)) != q.answers for q in after if q.sha > changed[at].sha)


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_the_replay_answers_as_the_reference_does_from_scratch(migrated_db, seed):
    commits = random_history(seed)
    queries = list(replay.replay(stored(migrated_db, commits)))
    by_sha = {c.sha: i for i, c in enumerate(commits)}
    assert len({q.sha for q in queries}) == sum(1 for c in commits[96:] if len({x.path for x in c.changes}) >= 2)
    for q in queries:
        history = commits[:by_sha[q.sha]]
        for ranking in replay.RANKINGS:
            want = suggest(history, [q.file], 10 ** 6, q.author, ranking)
            scores = {r["file_path"]: (r["score"], r["cochanges"]) for r in want}
            got = q.answers[ranking]
            assert len(got) == min(10, len(want)) and q.candidates[ranking] == len(want)
            # The same files in the same order, but for scores equal up to rounding.
            for place, path in enumerate(got):
                assert math.isclose(scores[path][0], want[place]["score"], rel_tol=1e-9) \
                    and scores[path][1] == want[place]["cochanges"], (q, ranking, place, got, want[:10])


def test_evaluate_prints_every_metric_with_intervals(migrated_db, tmp_path):
    db = migrated_db
    repo = GitRepo(tmp_path / "app")
    rng = random.Random(5)
    for i in range(60):
        files = rng.sample(["api.py", "models.py", "views.py", "api_test.py", "README.md"], rng.choice([1, 2, 3]))
        repo.commit(f"change {i}", files={f: f"{i}\n" for f in files}, author=("Ann", rng.choice(AUTHORS)))
    assert run_cli("ingest", "--dsn", db, str(repo.path)).returncode == 0
    result = run_cli("evaluate", "--dsn", db, "--format", "json", "--resamples", "200")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["project"] == "app" and report["commits"] == 60 and report["history_commits"] == 48
    assert set(report["rankings"]) == {"recent", "confidence"} and list(report["differences"]) == ["recent - confidence"]
    for values in [*report["rankings"].values(), *report["differences"].values()]:
        assert list(values) == list(replay.METRICS)
        for metric in values.values():
            assert metric["low"] <= metric["value"] <= metric["high"] or math.isclose(metric["low"], metric["high"])
    table = run_cli("evaluate", "--dsn", db, "--ranking", "confidence")
    assert table.returncode == 0, table.stderr
    assert "Hit@3" in table.stdout and "MAP@10" in table.stdout and "confidence" in table.stdout
    assert "recent" not in table.stdout


def test_evaluate_says_when_there_is_nothing_to_replay(migrated_db, tmp_path):
    db = migrated_db
    repo = GitRepo(tmp_path / "tiny")
    repo.commit("one", files={"a.py": "1\n"})
    assert run_cli("ingest", "--dsn", db, str(repo.path)).returncode == 0
    result = run_cli("evaluate", "--dsn", db)
    assert result.returncode == 1
    assert "Error: project 'tiny' has no test commits to replay (1 commits)" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_directory_fallback_answers_only_where_recent_has_no_candidate():
    history = [replay.Commit(f"{i}", "ann@example.com", files, [False] * len(files)) for i, files in enumerate(
        [["src/a.py", "src/c.py"], ["docs/x.md"], ["src/b.py"], ["docs/y.md"], ["src/new.py", "src/a.py"]])]
    answers = {q.file: (q.answers, q.candidates) for q in replay.replay(history, (replay.FALLBACK, "recent"))}
    # A new file has no candidate: the files of its directory changed last, newest first.
    assert answers["src/new.py"] == ({"recent+directory": ["src/b.py", "src/a.py", "src/c.py"], "recent": []},
                                     {"recent+directory": 3, "recent": 0})
    # A file with candidates gets recent's answer.
    assert answers["src/a.py"] == ({"recent+directory": ["src/c.py"], "recent": ["src/c.py"]},
                                   {"recent+directory": 1, "recent": 1})
