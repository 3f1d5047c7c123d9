"""Lineage on branchy histories (spec, Inputs: only renames move history).

- The incremental refresh, git.refresh_lineage(project, commits), ends where the full one does:
  random histories of tests/histories.py stored in random batches, in commit order or shuffled
  (a batch may hold commits before those already stored, renames among them), each batch
  followed by the incremental refresh of its commits (sometimes naming refreshed commits
  again), then held to the plain-Python reading of the spec after every batch.
- `pgpattern ingest` on a real repository with maintenance branches: the second ingest refreshes
  the lineage of its own commits only (a stale row elsewhere stays stale), and it is right.
- Migration 0602 re-keys histories stored under 0102's lineage; the live state follows it (equal
  to a rebuild), the patterns stay those of a full discovery, and its rollback restores the old
  latest paths.

PGPATTERN_LINEAGE_EXAMPLES overrides the number of random histories (default 60);
PGPATTERN_LINEAGE_RANDOM=1 draws new histories instead of the fixed derandomized ones.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import psycopg
import pytest
from histories import cases, store_commits
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from test_incremental import differences, full_discovery, live_session, process_all, snapshot
from test_spec_differential import case_lineage_and_windows, case_lineage_on_branches, compare_lineage, sql_lineage

from conftest import run_cli
from gitrepo import START, GitRepo
from pgpattern.migrations import Migrator
from spec_reference import Change, Commit, lineage

MIGRATION = "0602_git_lineage_branches"
# Compared row by row in whole-row order (their keys changed with 0671: paths and authors by number).
LIVE_TABLES = ("live_commits", "live_changes", "file_change_counts", "file_pair_counts", "file_author_counts",
               "author_commit_counts", "author_week_counts", "change_size_counts", "commit_time_bins")
QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture,
         HealthCheck.large_base_example]


def new_project(conn: psycopg.Connection, prefix: str) -> tuple[str, int]:
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    return name, conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                              (name,)).fetchone()[0]


# ------------------------------------------------------------------ incremental = full, at random

@settings(max_examples=int(os.environ.get("PGPATTERN_LINEAGE_EXAMPLES", "60")), deadline=None,
          derandomize=not os.environ.get("PGPATTERN_LINEAGE_RANDOM"), phases=[Phase.explicit, Phase.generate],
          suppress_health_check=QUIET)
@example(case=case_lineage_on_branches(), data=None)
@example(case=case_lineage_and_windows(), data=None)
@given(case=cases(), data=st.data())
def test_the_incremental_lineage_of_each_batch_ends_where_the_full_one_does(migrated_db, case, data):
    commits = case.commits
    if data is None:  # the handmade cases: one commit at a time, newest first (every rename re-keys)
        order, cuts, again = list(reversed(range(len(commits)))), list(range(1, len(commits))), False
    else:
        order = list(range(len(commits)))
        if data.draw(st.booleans(), label="shuffled"):
            order = data.draw(st.permutations(order), label="order")
        cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(commits) - 1)), max_size=8), label="cuts"))
        again = data.draw(st.booleans(), label="name refreshed commits again")
    batches = [[commits[k] for k in order[a:b]] for a, b in zip([0, *cuts], [*cuts, len(commits)]) if order[a:b]]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        _, project_id = new_project(conn, "inc-lineage")
        stored, ids = [], []
        for number, batch in enumerate(batches):
            new_ids = store_commits(conn, project_id, batch)
            conn.execute("SELECT git.refresh_lineage(%s, %s)", (project_id, new_ids + (ids[::2] if again else [])))
            stored += batch
            ids += new_ids
            mismatches = compare_lineage(lineage(stored), sql_lineage(conn, project_id), stored)
            assert not mismatches, "\n".join([f"after batch {number} of {[len(b) for b in batches]}",
                                              *mismatches[:30], repr(case)])
        assert conn.execute("SELECT git.refresh_lineage(%s)", (project_id,)).fetchone()[0] == 0


def test_the_incremental_refresh_of_nothing_changes_nothing(migrated_db):
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        _, project_id = new_project(conn, "empty")
        assert conn.execute("SELECT git.refresh_lineage(%s, '{}')", (project_id,)).fetchone()[0] == 0
        assert conn.execute("SELECT git.refresh_lineage(%s, NULL)", (project_id,)).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.NullValueNotAllowed, match="project id must not be NULL"):
            conn.execute("SELECT git.refresh_lineage(NULL, '{1}')")


# ------------------------------------------------------------------ a real repository

def merge(repo: GitRepo, branch: str) -> None:
    repo.tick += 1
    when = (START + timedelta(minutes=repo.tick)).isoformat()
    env = {"GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@example.com", "GIT_AUTHOR_DATE": when,
           "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@example.com", "GIT_COMMITTER_DATE": when}
    repo.git("merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch, env=env)


def latest_paths(conn: psycopg.Connection, project: str) -> dict[tuple[str, int], str]:
    return {(m, n): latest for m, n, latest in conn.execute(
        """SELECT rtrim(c.message, E'\\n'), f.change_no, f.latest_path FROM git.file_changes f
             JOIN git.commits c USING (project_id, commit_id) JOIN core.projects p USING (project_id)
            WHERE p.name = %s""", (project,))}


def by_file(paths: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for (message, _), latest in paths.items():
        out.setdefault(latest, set()).add(message)
    return out


def test_an_ingest_refreshes_the_lineage_its_commits_touch_on_a_branchy_history(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("base", files={"lib.py": "1\n2\n3\n4\n", "setup.py": "setup()\n", "README": "r\n"})
    for i in range(60):
        repo.commit(f"filler {i}", files={"README": f"r{i}\n"})
    repo.git("branch", "maint")
    repo.commit("main adds CHANGES", files={"CHANGES": "1.0\n", "lib.py": "1\n2\n3\n4\n5\n"})
    repo.git("checkout", "-q", "maint")
    repo.commit("maint adds CHANGES", files={"CHANGES": "1.0\n"})
    repo.commit("maint deletes setup.py", deletes=["setup.py"])
    assert run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", "--ref", "maint",
                   str(repo.path)).returncode == 0
    repo.git("checkout", "-q", "main")
    assert run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", str(repo.path)).returncode == 0
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("SELECT project_id FROM core.projects WHERE name = 'app'").fetchone()[0]
        mark = conn.execute("SELECT through_commit_id FROM git.lineage_marks WHERE project_id = %s",
                            (project_id,)).fetchone()[0]
        assert mark == conn.execute("SELECT max(commit_id) FROM git.commits WHERE project_id = %s",
                                    (project_id,)).fetchone()[0]
        # A row the next ingests do not touch, made stale on purpose: only a full refresh would mend it.
        conn.execute("""UPDATE git.file_changes f SET latest_path = 'stale' FROM git.commits c
                         WHERE c.project_id = f.project_id AND c.commit_id = f.commit_id AND c.message = E'filler 3\\n'""")

    repo.git("checkout", "-q", "maint")
    repo.commit("maint adds setup.py again", files={"setup.py": "setup()\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("main renames lib.py", renames={"lib.py": "core.py"})
    repo.git("checkout", "-q", "maint")
    repo.commit("maint still changes lib.py", files={"lib.py": "0\n1\n2\n3\n4\n"})
    repo.git("checkout", "-q", "main")
    merge(repo, "maint")
    repo.commit("renames after the merge", renames={"CHANGES": "CHANGELOG", "setup.py": "pyproject.py"})
    result = run_cli("ingest", "--dsn", migrated_db, "--project", "app", "--quiet", str(repo.path))
    assert result.returncode == 0, result.stderr

    with psycopg.connect(migrated_db, autocommit=True) as conn:
        paths = latest_paths(conn, "app")
        files = by_file(paths)
        assert files["CHANGELOG"] == {"main adds CHANGES", "maint adds CHANGES", "renames after the merge"}
        assert files["pyproject.py"] == {"base", "maint deletes setup.py", "maint adds setup.py again",
                                         "renames after the merge"}
        assert files["core.py"] == {"base", "main adds CHANGES", "main renames lib.py"}
        # maint's change of lib.py comes after the rename in commit order: a file of its own,
        # which the merge brings into core.py's content but not into its history.
        assert files["lib.py"] == {"maint still changes lib.py"}
        assert files["stale"] == {"filler 3"}, "an ingest refreshed a row its commits do not touch"
        # Everything else is what a full refresh computes, which mends the stale row too.
        assert conn.execute("SELECT git.refresh_lineage(patterns.project_id('app'))").fetchone()[0] == 1
        assert {k: v for k, v in latest_paths(conn, "app").items() if v != "README"} == \
            {k: v for k, v in paths.items() if v not in ("README", "stale")}


def test_commits_an_interrupted_ingest_left_are_refreshed_by_the_next_one(migrated_db):
    case = case_lineage_on_branches()
    first = case.commits[0]
    filler = [Commit(sha=f"{1000 + i:040x}", parents=[f"{999 + i:040x}"] if i else [], author_name="Ann",
                     author_email="ann@example.com", authored=first.authored - timedelta(days=200 - i), offset=0,
                     committed=first.committed - timedelta(days=200 - i), message="filler", generation=i,
                     changes=[Change("M" if i else "A", "filler.txt", None, 1, 0)]) for i in range(100)]
    history = filler + case.commits
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        _, project_id = new_project(conn, "interrupted")
        store_commits(conn, project_id, filler)
        conn.execute("SELECT * FROM git.finish_ingest(%s, 'HEAD', %s, 100)", (project_id, filler[-1].sha))
        # Two batches stored without their finish (the ingest was killed), then one that finishes:
        # 10 commits of 110, refreshed on their own.
        store_commits(conn, project_id, case.commits[:4])
        store_commits(conn, project_id, case.commits[4:8])
        store_commits(conn, project_id, case.commits[8:])
        conn.execute("SELECT * FROM git.finish_ingest(%s, 'HEAD', %s, %s)",
                     (project_id, case.commits[-1].sha, len(case.commits) - 8))
        mismatches = compare_lineage(lineage(history), sql_lineage(conn, project_id), history)
        assert not mismatches, mismatches


# ------------------------------------------------------------------ the migration

def live_state(conn: psycopg.Connection, project_id: int) -> dict:
    # The commits' places in time order (ordinal, 0740) compare by rank: commits that left T leave gaps.
    return {table: conn.execute(f"""SELECT r.row, r.place
                                      FROM (SELECT to_jsonb(t) - 'ordinal' AS row,
                                                   dense_rank() OVER (ORDER BY to_jsonb(t) -> 'ordinal') AS place
                                              FROM patterns.{table} t WHERE project_id = %s) r
                                     ORDER BY r.row::text""" if table in ("live_commits", "live_changes") else
                                f"SELECT * FROM patterns.{table} t WHERE project_id = %s ORDER BY t",
                                (project_id,)).fetchall()
            for table in LIVE_TABLES}


def assert_live_state_is_a_rebuild(conn: psycopg.Connection, project_id: int) -> None:
    live = live_state(conn, project_id)
    with conn.transaction(force_rollback=True):
        conn.execute("SELECT patterns.live_rebuild(%s)", (project_id,))
        rebuilt = live_state(conn, project_id)
    for table in LIVE_TABLES:
        assert live[table] == rebuilt[table], f"patterns.{table} differs from a rebuild"


@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=QUIET)
@example(case=case_lineage_on_branches())
@given(case=cases())
def test_the_migration_rekeys_stored_histories_and_the_live_state_follows(migrated_db, case):
    with Migrator(migrated_db) as m:
        ids = [mm.id for mm in m.migrations]
        # Examples share the database: 0602's git.lineage_marks may hold an earlier one's rows.
        m.rollback(to=ids[ids.index(MIGRATION) - 1], drop_data=True)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        name, project_id = new_project(conn, "migrated")
        store_commits(conn, project_id, case.commits)
        conn.execute("SELECT git.refresh_lineage(%s)", (project_id,))  # 0102's reading
        conn.execute("SELECT patterns.discover_patterns(%s, p_min_cooccurrence => 1)", (name,))
        process_all(conn)
        old = sql_lineage(conn, project_id)
    with Migrator(migrated_db) as m:
        m.migrate()
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        mismatches = compare_lineage(lineage(case.commits), sql_lineage(conn, project_id), case.commits)
        assert not mismatches, mismatches
        assert conn.execute("SELECT through_commit_id FROM git.lineage_marks WHERE project_id = %s",
                            (project_id,)).fetchone()[0] == max(
            conn.execute("SELECT max(commit_id) FROM git.commits WHERE project_id = %s", (project_id,)).fetchone())
        assert_live_state_is_a_rebuild(conn, project_id)
        session = live_session(conn, project_id)
        problems = differences(snapshot(conn, project_id, session["id"]),
                               full_discovery(conn, name, project_id, session))
        assert not problems, "\n".join(problems[:30])
    with Migrator(migrated_db) as m:
        # 0602's only table, git.lineage_marks, holds rows now: the rollback must be told.
        m.rollback(to=ids[ids.index(MIGRATION) - 1], drop_data=True)
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        process_all(conn)
        assert sql_lineage(conn, project_id) == old
        assert_live_state_is_a_rebuild(conn, project_id)
    with Migrator(migrated_db) as m:
        m.migrate()
