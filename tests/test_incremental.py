"""Real-time pattern updates are correct: after any sequence of ingests applied incrementally, a
project's active patterns equal what a full patterns.discover_patterns computes on the same history.

Hypothesis draws the histories of tests/histories.py (branches that add one path, deletes and
re-adds, renames on one branch while another changes the old path, chains of renames, copies,
merges, oversized commits, ...), stores them in random batches (each batch as an ingest stores it:
commits, their file changes, then the incremental lineage of the batch), runs a full discovery after a random
first batch and processes the update queue after random later ones. Then every column of every
active pattern and insight of the live run is compared with a fresh full discovery of the whole
history (made in a transaction that is rolled back). Floating-point columns agree to 1e-9
(relative): sums taken in another order may differ in the last bits; everything else exactly.

PGPATTERN_INCREMENTAL_EXAMPLES overrides the number of histories (default 25);
PGPATTERN_INCREMENTAL_RANDOM=1 draws new histories instead of the fixed derandomized ones.
"""

from __future__ import annotations

import math
import os
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from histories import cases, store_commits
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from spec_reference import Change, Commit

TABLES = {
    "file_cooccurrence_patterns": ("file_path_1", "file_path_2"),
    "temporal_patterns": ("pattern_type",),
    "developer_patterns": ("author_email",),
    "change_magnitude_patterns": ("file_path",),
    "pattern_insights": ("insight_type", "subject"),
}
NOT_COMPARED = {"id", "project_id", "discovery_session_id", "created_at", "updated_at", "is_active"}
SESSION_COLUMNS = ("commit_range_start", "commit_range_end", "total_commits_analyzed", "total_files_analyzed",
                   "cooccurrence_patterns", "temporal_patterns", "developer_patterns", "magnitude_patterns",
                   "insights", "patterns_discovered")


def store_batch(conn: psycopg.Connection, project_id: int, commits: list) -> None:
    """One ingest batch: the commits, then their file changes (one statement), then the lineage of the batch."""
    ids = store_commits(conn, project_id, commits)
    conn.execute("SELECT git.refresh_lineage(%s, %s)", (project_id, ids))


def process_all(conn: psycopg.Connection, allow_failures: bool = False) -> None:
    """Apply every due update; unless allowed, no update may have failed."""
    while conn.execute("SELECT patterns.process_pattern_updates(10)").fetchone()[0]:
        pass
    if not allow_failures:
        failed = conn.execute("SELECT last_error FROM patterns.pattern_update_queue "
                              "WHERE last_error IS NOT NULL").fetchall()
        assert failed == [], failed


def snapshot(conn: psycopg.Connection, project_id: int, session_id) -> dict:
    """Every active row of a run, by table and key; pattern ids in insights become their keys."""
    keys_by_id = {}
    result = {}
    for table, key in TABLES.items():
        cur = conn.execute(f"SELECT * FROM patterns.{table} WHERE project_id = %s AND discovery_session_id = %s "
                           "AND is_active", (project_id, session_id))
        names = [d.name for d in cur.description]
        rows = {}
        for values in cur.fetchall():
            row = dict(zip(names, values))
            keys_by_id[row["id"]] = (table, *(row[k] for k in key))
            rows[tuple(row[k] for k in key)] = {k: v for k, v in row.items() if k not in NOT_COMPARED}
        result[table] = rows
    for row in result["pattern_insights"].values():
        row["supporting_pattern_ids"] = sorted(keys_by_id.get(i, ("unknown", str(i))) for i in row["supporting_pattern_ids"])
    session = conn.execute(f"SELECT {', '.join(SESSION_COLUMNS)} FROM patterns.pattern_discovery_sessions "
                           "WHERE project_id = %s AND id = %s", (project_id, session_id)).fetchone()
    result["session"] = {(): dict(zip(SESSION_COLUMNS, session))}
    return result


def same(a, b) -> bool:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool) \
            and (isinstance(a, float) or isinstance(b, float)):  # JSON holds 46 where a sum gave 46.000000000000014
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def differences(live: dict, full: dict) -> list[str]:
    out = []
    for table in live:
        for key in sorted(live[table].keys() | full[table].keys(), key=repr):
            if key not in full[table]:
                out.append(f"{table} {key}: only in the live run")
            elif key not in live[table]:
                out.append(f"{table} {key}: only in the full discovery")
            else:
                out += [f"{table} {key} {column}: live {live[table][key][column]!r}, full {value!r}"
                        for column, value in full[table][key].items() if not same(live[table][key][column], value)]
    return out


def full_discovery(conn: psycopg.Connection, name: str, project_id: int, session: dict) -> dict:
    """A discovery that counts its transaction set from the history (a window from -infinity is all of it),
    not from the live state the updates keep: the two engines checked against each other."""
    with conn.transaction(force_rollback=True):
        full_id = conn.execute(
            "SELECT patterns.discover_patterns(%s, p_confidence_threshold => %s::double precision, "
            "p_min_cooccurrence => %s, p_since => '-infinity')",
            (name, session["confidence_threshold"], session["min_cooccurrence"])).fetchone()[0]
        return snapshot(conn, project_id, full_id)


def live_session(conn: psycopg.Connection, project_id: int) -> dict:
    cur = conn.execute("""SELECT id, confidence_threshold, min_cooccurrence FROM patterns.pattern_discovery_sessions
                           WHERE project_id = %s AND status = 'completed'
                           ORDER BY discovery_timestamp DESC LIMIT 1""", (project_id,))
    return dict(zip([d.name for d in cur.description], cur.fetchone()))


@settings(max_examples=int(os.environ.get("PGPATTERN_INCREMENTAL_EXAMPLES", "25")), deadline=None,
          derandomize=not os.environ.get("PGPATTERN_INCREMENTAL_RANDOM"), phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=cases(), data=st.data())
def test_incremental_updates_equal_a_full_discovery(migrated_db, case, data):
    commits = case.commits
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(commits) - 1)), max_size=6)))
    batches = [commits[a:b] for a, b in zip([0, *cuts], [*cuts, len(commits)]) if commits[a:b]]
    discover_after = data.draw(st.integers(0, len(batches) - 1))
    process_after = data.draw(st.sets(st.integers(0, len(batches) - 1)))
    name = f"inc-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        for number, batch in enumerate(batches):
            store_batch(conn, project_id, batch)
            if number == discover_after:
                conn.execute("SELECT patterns.discover_patterns(%s, p_confidence_threshold => %s::double precision, "
                             "p_min_cooccurrence => %s)",
                             (name, case.params["confidence_threshold"], case.params["min_cooccurrence"]))
                process_all(conn)  # the full refresh that syncs the live state: later updates are incremental
            elif number in process_after:
                process_all(conn)
        process_all(conn)
        # Commits ingested after the discovery were applied incrementally.
        if conn.execute("SELECT count(*) FROM patterns.pattern_update_queue q WHERE q.project_id = %s "
                        "AND q.trigger_type = 'git_commit' AND q.status = 'completed' AND q.enqueued_at > "
                        "(SELECT max(s.discovery_timestamp) FROM patterns.pattern_discovery_sessions s "
                        " WHERE s.project_id = q.project_id)", (project_id,)).fetchone()[0]:
            kinds = conn.execute("SELECT DISTINCT update_type FROM patterns.pattern_update_metrics "
                                 "WHERE project_id = %s", (project_id,)).fetchall()
            assert ("incremental",) in kinds, kinds
        session = live_session(conn, project_id)
        live = snapshot(conn, project_id, session["id"])
        full = full_discovery(conn, name, project_id, session)
    problems = differences(live, full)
    assert not problems, "\n".join([repr(case), f"batches at {cuts}, discovery after {discover_after}, "
                                    f"processed after {sorted(process_after)}", *problems[:40]])



def test_a_rescore_rewrites_specializations_only_when_the_directory_count_moved(migrated_db):
    """patterns.rescore_developers leaves every author's specialization alone when the number of
    directories is the one it last rescored with (patterns.live_synced.directories, NULL after a
    full refresh). Commits that keep the count, then one that adds a directory updated before any
    rescore (commits arriving back to back) and one more: the rows equal a full discovery."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    authors = [("Ann", "ann@example.com"), ("Bob", "bob@example.com"), ("Chen", "chen@example.com")]
    commits, parent = [], []

    def commit(author: int, change: Change) -> None:
        nonlocal parent
        n = len(commits)
        sha = f"{n + 1:040x}"
        when = start + timedelta(hours=7 * n)
        commits.append(Commit(sha, parent, *authors[author], when, 0, when, f"change {n}", n, [change]))
        parent = [sha]

    for i in range(12):  # three authors, three directories
        commit(i % 3, Change("A" if i < 3 else "M", f"{['src', 'docs', 'lib'][i % 3]}/f{i % 3}.py", None, 3, 1))
    name = f"dirs-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        store_batch(conn, project_id, commits)
        conn.execute("SELECT patterns.discover_patterns(%s, p_confidence_threshold => 0.3, p_min_cooccurrence => 2)",
                     (name,))
        process_all(conn)

        def directories():
            return conn.execute("SELECT directories FROM patterns.live_synced WHERE project_id = %s",
                                (project_id,)).fetchone()[0]

        assert directories() is None  # after the full refresh: not known
        for author, change, rescore in [(1, Change("M", "src/f0.py", None, 1, 1), True),   # counted: 3
                                        (0, Change("M", "docs/f1.py", None, 2, 2), True),  # the same: skipped
                                        (0, Change("A", "new/x.py", None, 5, 0), False),   # a directory more...
                                        (2, Change("M", "lib/f2.py", None, 1, 0), True)]:  # ...rescored after this
            commit(author, change)
            store_batch(conn, project_id, commits[-1:])
            if rescore:
                process_all(conn)
                assert directories() == (4 if change.path == "lib/f2.py" else 3)
            else:  # the commit's own update only: its rescore waits behind the next commit
                assert conn.execute("SELECT patterns.process_pattern_updates(1)").fetchone()[0] == 1
                assert directories() == 3
        session = live_session(conn, project_id)
        live = snapshot(conn, project_id, session["id"])
        full = full_discovery(conn, name, project_id, session)
    problems = differences(live, full)
    assert not problems, "\n".join(problems[:40])
