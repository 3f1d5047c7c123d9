"""Differential test: patterns.discover_patterns and git.refresh_lineage against the plain-Python
reading of the spec in tests/spec_reference.py, on random small histories.

Hypothesis draws histories with tests/histories.py (3 to 60 commits on up to four branches: two
branches adding one path, deletes and re-adds, renames on one branch while another changes the old
path, chains of renames, copies, merges, oversized commits, spans of hours to years, ...), inserts
each into git.commits and git.file_changes of a new project, runs the SQL and compares every
column the spec defines. Numbers must agree within 1e-4, texts, arrays and JSON
exactly; a label or a row whose deciding number lies within 1e-9 of its threshold is not held to
one side. On a mismatch the message names the table, the key, the column and both values.

Set PGPATTERN_DIFF_SHRINK=1 to let hypothesis shrink a failing history (slow: a database round trip
per attempt); PGPATTERN_DIFF_EXAMPLES overrides the number of examples (default 40);
PGPATTERN_DIFF_RANDOM=1 draws new histories instead of the fixed derandomized ones.
"""

from __future__ import annotations

import math
import os
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from histories import AUTHORS, Case, cases, store_commits
from hypothesis import HealthCheck, Phase, example, given, settings

from spec_reference import Change, Commit, discover, lineage

DISCOVER_SIGNATURE = ("patterns.discover_patterns(text, text[], double precision, integer, integer, "
                      "timestamptz, timestamptz, text, uuid)")

# ------------------------------------------------------------------------- database side

def insert_history(conn: psycopg.Connection, name: str, commits: list[Commit]) -> int:
    """A new project holding the whole history, its lineage refreshed in full."""
    project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id", (name,)).fetchone()[0]
    store_commits(conn, project_id, commits)
    conn.execute("SELECT git.refresh_lineage(%s)", (project_id,))
    return project_id


def sql_lineage(conn, project_id) -> dict:
    return {(sha, no - 1): latest for sha, no, latest in conn.execute(
        """SELECT c.sha, f.change_no, f.latest_path FROM git.file_changes f
             JOIN git.commits c USING (project_id, commit_id) WHERE f.project_id = %s""", (project_id,))}


def fetch(conn, statement, params) -> list[dict]:
    cur = conn.execute(statement, params)
    names = [d.name for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def run_discovery(conn, name: str, project_id: int, p: dict) -> dict:
    session_id = conn.execute(
        """SELECT patterns.discover_patterns(p_project => %s, p_confidence_threshold => %s::double precision,
                                             p_min_cooccurrence => %s::integer, p_max_changeset_size => %s::integer,
                                             p_since => %s::timestamptz, p_until => %s::timestamptz,
                                             p_until_sha => %s::text)""",
        (name, p["confidence_threshold"], p["min_cooccurrence"], p["max_changeset_size"], p["since"], p["until"],
         p["until_sha"])).fetchone()[0]
    where = "WHERE project_id = %s AND discovery_session_id = %s AND is_active"
    args = (project_id, session_id)
    out = {"session": fetch(conn, "SELECT * FROM patterns.pattern_discovery_sessions WHERE project_id = %s AND id = %s",
                            args)[0]}
    out["cooccurrence"] = {(r["file_path_1"], r["file_path_2"]): r for r in fetch(
        conn, f"SELECT * FROM patterns.file_cooccurrence_patterns {where}", args)}
    out["temporal"] = {r["pattern_type"]: r for r in fetch(conn, f"SELECT * FROM patterns.temporal_patterns {where}", args)}
    out["developer"] = {r["author_email"]: r for r in fetch(conn, f"SELECT * FROM patterns.developer_patterns {where}", args)}
    out["magnitude"] = {r["file_path"]: r for r in fetch(conn, f"SELECT * FROM patterns.change_magnitude_patterns {where}", args)}
    out["insights"] = {(r["insight_type"], r["subject"]): r for r in fetch(conn, f"SELECT * FROM patterns.pattern_insights {where}", args)}
    return out


# ------------------------------------------------------------------------- comparison

LABELS_NEAR = {"cooccurrence": {"pattern_strength"}, "temporal": {"peak_periods"},
               "magnitude": {"change_trend", "risk_level"}}


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-4)
    if isinstance(a, dict) and isinstance(b, dict):
        a = {k: v for k, v in a.items() if v != 0}
        b = {k: v for k, v in b.items() if v != 0}
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a == b
    return a == b


def compare_table(table: str, ref: dict, got: dict, borderline: set, out: list[str]) -> None:
    for key in sorted(set(ref) | set(got), key=repr):
        if key not in got:
            if key not in borderline:
                out.append(f"{table} {key!r}: in the reference, missing from SQL")
            continue
        if key not in ref:
            if key not in borderline:
                out.append(f"{table} {key!r}: in SQL, not in the reference")
            continue
        r, g = ref[key], got[key]
        for col, expected in r.items():
            if col.startswith("_"):
                continue
            if r.get("_near") and col in LABELS_NEAR.get(table, ()):
                continue
            if col not in g:
                out.append(f"{table} {key!r}: SQL has no column {col}")
            elif not same(expected, g[col]):
                out.append(f"{table} {key!r} {col}: reference {expected!r}, SQL {g[col]!r}")


def compare(ref, got, params) -> list[str]:
    out: list[str] = []
    for col, expected in ref.session.items():
        if not same(expected, got["session"][col]):
            out.append(f"pattern_discovery_sessions {col}: reference {expected!r}, SQL {got['session'][col]!r}")
    if got["session"]["status"] != "completed":
        out.append(f"pattern_discovery_sessions status: {got['session']['status']!r}, not 'completed'")
    for table in ("cooccurrence", "temporal", "developer", "magnitude", "insights"):
        compare_table(table, getattr(ref, table), got[table], ref.borderline.get(table, set()), out)
    out += check_session_and_support(got, params)
    return out


def check_session_and_support(got, params) -> list[str]:
    """The run records what it was given, and each insight names the pattern rows it rests on (reading I5)."""
    out = []
    session = got["session"]
    for col, given_value in (("confidence_threshold", params["confidence_threshold"]),
                             ("min_cooccurrence", params["min_cooccurrence"]),
                             ("max_changeset_size", params["max_changeset_size"]),
                             ("window_since", params["since"]), ("window_until", params["until"]),
                             ("window_until_sha", params["until_sha"])):
        if not same(given_value, session[col]):
            out.append(f"pattern_discovery_sessions {col}: given {given_value!r}, stored {session[col]!r}")
    counts = sum(session[c] for c in ("cooccurrence_patterns", "temporal_patterns", "developer_patterns",
                                      "magnitude_patterns", "insights"))
    if session["patterns_discovered"] != counts:
        out.append(f"pattern_discovery_sessions patterns_discovered {session['patterns_discovered']} != {counts}")
    ids = {r["id"] for t in ("cooccurrence", "temporal", "developer", "magnitude") for r in got[t].values()}
    for (kind, subject), row in got["insights"].items():
        supporting = set(row["supporting_pattern_ids"])
        if not supporting or not supporting <= ids:
            out.append(f"insights {(kind, subject)!r} supporting_pattern_ids: {sorted(map(str, supporting))} "
                       "are not all patterns of this run (or none)")
        if kind == "file_coupling":
            wanted = [got["cooccurrence"].get(tuple(subject.split("|", 1)))]
        elif kind == "temporal_patterns":
            wanted = [got["temporal"].get(subject)]
        elif kind == "developer_specialization":
            wanted = [got["developer"].get(subject)]
        elif kind == "architectural_hotspots":
            wanted = [r for f, r in got["magnitude"].items()
                      if (f.rsplit("/", 1)[0] if "/" in f else "") == subject and r["hotspot_score"] >= 0.8]
        else:
            wanted = [got["magnitude"].get(subject)]
        missing = [w for w in wanted if w is None or w["id"] not in supporting]
        if missing:
            out.append(f"insights {(kind, subject)!r} supporting_pattern_ids lack the pattern(s) of the subject")
    return out


def compare_lineage(ref: dict, got: dict, commits: list[Commit]) -> list[str]:
    rows = {(c.sha, i): ch for c in commits for i, ch in enumerate(c.changes)}
    return [f"git.file_changes {sha[:8]} row {i + 1} ({rows[(sha, i)].status} {rows[(sha, i)].path}): "
            f"reference latest_path {ref[(sha, i)]!r}, SQL {got.get((sha, i))!r}"
            for sha, i in sorted(ref) if ref[(sha, i)] != got.get((sha, i))]


def report(title: str, case: Case, mismatches: list[str]) -> str:
    shown = mismatches[:60]
    more = f"\n... and {len(mismatches) - len(shown)} more" if len(mismatches) > len(shown) else ""
    return f"{title}: {len(mismatches)} mismatches\n" + "\n".join(shown) + more + f"\n{case!r}"


# ------------------------------------------------------------------------- handmade cases

def _commit(i, changes, *, at, committed=None, author=("Ann", "ann@example.com"), offset=0, parents=None,
            gen=None, message="change"):
    return Commit(sha=f"{i:040x}", parents=[f"{i - 1:040x}"] if parents is None and i else (parents or []),
                  author_name=author[0], author_email=author[1], authored=at, offset=offset,
                  committed=committed or at, message=message, generation=i if gen is None else gen,
                  changes=[Change(*c) for c in changes])


def _params(**kw):
    return {"min_cooccurrence": 1, "confidence_threshold": 0.0, "max_changeset_size": 30, "since": None,
            "until": None, "until_sha": None, **kw}


T0 = datetime(2024, 1, 1, 12, tzinfo=UTC)


def case_changeset_counts_files_after_lineage() -> Case:
    # c0 has 3 rows but 2 files (y becomes x after x is deleted): inside max_changeset_size 2 (reading T2)
    return Case([
        _commit(0, [("A", "x", None, 1, 0), ("A", "y", None, 1, 0), ("A", "z", None, 1, 0)], at=T0),
        _commit(1, [("D", "x", None, 0, 1)], at=T0 + timedelta(days=1)),
        _commit(2, [("R", "x", "y", 0, 0)], at=T0 + timedelta(days=2)),
        _commit(3, [("M", "x", None, 2, 1), ("M", "z", None, 5, 0)], at=T0 + timedelta(days=3)),
    ], _params(max_changeset_size=2))


def case_ties() -> Case:
    # equal authored times: latest name, contributing_commits and the commit range go by committed time, then sha
    bob, bobby = ("Bob", "Bob@Example.com"), ("Bobby", "bob@example.com")
    at = T0 + timedelta(days=3)
    return Case([
        _commit(0, [("A", "src/a.py", None, 5, 0), ("A", "docs/b.md", None, 5, 0)], at=at, author=bob,
                committed=at + timedelta(hours=1)),
        _commit(1, [("M", "src/a.py", None, 1, 1), ("M", "docs/b.md", None, 1, 0)], at=at, author=bobby,
                committed=at + timedelta(hours=3), message="fix: x"),
        _commit(2, [("M", "src/a.py", None, 1, 1), ("M", "docs/b.md", None, 1, 0)], at=at, author=bob,
                committed=at + timedelta(hours=2), gen=2),
        _commit(3, [("M", "src/a.py", None, 9, 0)], at=at, author=("Ann", "ann@example.com"),
                committed=at + timedelta(hours=2), gen=3, message="fix(io): y"),
    ], _params())


def case_exposure_and_single_bins() -> Case:
    # 30 commits on January days at noon UTC, and one at 23:30 UTC on Jan 31 by an author at +01:00
    # (Feb 1 local): February holds a commit and no exposure; monthly and seasonal have k = 1
    commits = [_commit(i, [("M" if i else "A", "a.py", None, 3, 1), ("M" if i else "A", f"d{i % 3}/b.txt", None, 1, 0)],
                       at=T0 + timedelta(days=1 + i % 29, hours=i % 5), author=AUTHORS[i % 3][:2])
               for i in range(30)]
    commits[3].changes = [Change("M", "a.py", None, 3, 1)]
    commits.append(_commit(30, [("M", "a.py", None, 1, 1)], at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC), offset=60))
    commits.append(_commit(31, [("M", "a.py", None, 1, 1)], at=datetime(2024, 1, 31, 23, 40, tzinfo=UTC), offset=60,
                           message="x"))
    commits[-1].authored = commits[-2].authored  # a gap of 0
    return Case(commits, _params(min_cooccurrence=3, confidence_threshold=0.3))


def case_lineage_and_windows() -> Case:
    # a -> b -> c with a new a in the commit renaming a away; x deleted and created again; a copy renamed;
    # a side branch (until_sha) and a since bound
    def d(n):
        return T0 + timedelta(days=n)
    commits = [
        _commit(1, [("A", "a", None, 4, 0), ("A", "x", None, 2, 0)], at=d(1), parents=[]),
        _commit(2, [("M", "a", None, 1, 1), ("M", "x", None, 1, 1)], at=d(2)),
        _commit(3, [("R", "b", "a", 0, 0), ("A", "a", None, 7, 0)], at=d(3)),
        _commit(4, [("R", "c", "b", 1, 0)], at=d(3), gen=4),
        _commit(5, [("M", "a", None, 1, 0), ("C", "x2", "x", 2, 0), ("D", "x", None, 0, 3)], at=d(4)),
        _commit(6, [("A", "x", None, None, None), ("R", "y", "x2", 0, 0)], at=d(5)),
        _commit(7, [("M", "x", None, 1, 1), ("M", "c", None, 1, 1)], at=d(6), parents=[f"{5:040x}"], gen=5),
        _commit(8, [], at=d(7), parents=[f"{6:040x}", f"{7:040x}"], gen=7),
        _commit(9, [("M", "c", None, 2, 2), ("M", "y", None, 1, 0)], at=d(8), gen=8),
    ]
    commits[0].sha = f"{1:040x}"
    return Case(commits, _params(until_sha=f"{7:040x}", since=d(2)))


def case_lineage_on_branches() -> Case:
    # Maintenance branches: both add CHANGES (c2, c3) and setup.py is deleted and added again (c4, c6)
    # before renames carry them (c8); X renames lib.py -> core.py (c5) while Y still changes lib.py (c7)
    def d(n):
        return T0 + timedelta(days=n)
    main, x, y = f"{1:040x}", f"{2:040x}", f"{3:040x}"
    return Case([
        _commit(1, [("A", "base.py", None, 3, 0), ("A", "setup.py", None, 9, 0), ("A", "lib.py", None, 5, 0)],
                at=d(1), parents=[]),
        _commit(2, [("A", "CHANGES", None, 2, 0), ("M", "lib.py", None, 1, 1)], at=d(2), parents=[main], gen=1),
        _commit(3, [("A", "CHANGES", None, 4, 0), ("M", "base.py", None, 1, 0)], at=d(3), parents=[main], gen=1),
        _commit(4, [("D", "setup.py", None, 0, 9), ("M", "CHANGES", None, 1, 0)], at=d(4), parents=[x], gen=2),
        _commit(5, [("R", "core.py", "lib.py", 0, 0), ("M", "CHANGES", None, 2, 1)], at=d(5), parents=[y], gen=2),
        _commit(6, [("A", "setup.py", None, 7, 0), ("M", "base.py", None, 2, 0)], at=d(6), parents=[f"{4:040x}"],
                gen=3),
        _commit(7, [("M", "lib.py", None, 3, 3), ("M", "CHANGES", None, 1, 0)], at=d(7), parents=[f"{6:040x}"],
                gen=4),
        _commit(8, [("R", "CHANGELOG", "CHANGES", 0, 0), ("R", "pyproject.py", "setup.py", 1, 1),
                    ("M", "core.py", None, 1, 0)], at=d(8), parents=[f"{5:040x}"], gen=3),
        _commit(9, [], at=d(9), parents=[f"{8:040x}", f"{7:040x}"], gen=5),
        _commit(10, [("M", "CHANGELOG", None, 1, 0), ("M", "pyproject.py", None, 1, 0), ("M", "lib.py", None, 1, 0)],
                at=d(10), gen=6),
    ], _params(until_sha=f"{8:040x}"))


def case_exact_thresholds() -> Case:
    # confidence exactly 0.8 and 0.6; a file whose commits are fixes exactly 7 times in 10
    commits = []
    for i in range(10):
        files = [("M" if i else "A", "src/q.py", None, 2, 0)]
        if i < 4:
            files.append(("M" if i else "A", "lib/p.py", None, 1, 0))
        if i < 3:
            files.append(("M" if i else "A", "lib/r.py", None, 1, 0))
        commits.append(_commit(i, files, at=T0 + timedelta(days=i),
                               message="fix: it" if i < 7 else "feat: more"))
    commits.append(_commit(10, [("M", "lib/p.py", None, 1, 0), ("M", "lib/r.py", None, 1, 0)],
                           at=T0 + timedelta(days=10)))
    commits.append(_commit(11, [("M", "lib/r.py", None, 1, 0)], at=T0 + timedelta(days=11)))
    return Case(commits, _params(confidence_threshold=0.6, min_cooccurrence=3))


HANDMADE = [case_changeset_counts_files_after_lineage, case_ties, case_exposure_and_single_bins,
            case_lineage_and_windows, case_lineage_on_branches, case_exact_thresholds]


# ------------------------------------------------------------------------- tests

PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target] + (
    [Phase.shrink] if os.environ.get("PGPATTERN_DIFF_SHRINK") else [])
SETTINGS = settings(max_examples=int(os.environ.get("PGPATTERN_DIFF_EXAMPLES", "40")), deadline=None,
                    derandomize=not os.environ.get("PGPATTERN_DIFF_RANDOM"), phases=PHASES, print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


def with_handmade(test):
    for make in reversed(HANDMADE):
        test = example(case=make())(test)
    return test


@SETTINGS
@with_handmade
@given(case=cases())
def test_lineage_matches_reference(migrated_db, case):
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = insert_history(conn, f"lineage-{uuid.uuid4().hex[:12]}", case.commits)
        mismatches = compare_lineage(lineage(case.commits), sql_lineage(conn, project_id), case.commits)
    assert not mismatches, report("git.refresh_lineage differs from the spec reference", case, mismatches)


@SETTINGS
@with_handmade
@given(case=cases())
def test_discover_patterns_matches_reference(migrated_db, case):
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regprocedure(%s) IS NOT NULL", (DISCOVER_SIGNATURE,)).fetchone()[0]
        if not exists:
            pytest.fail(f"{DISCOVER_SIGNATURE} does not exist: the differential test needs it (no skip by design)")
        name = f"diff-{uuid.uuid4().hex[:12]}"
        project_id = insert_history(conn, name, case.commits)
        ref = discover(case.commits, **case.params)
        mismatches = compare_lineage(ref.latest, sql_lineage(conn, project_id), case.commits)
        got = run_discovery(conn, name, project_id, case.params)
        mismatches += compare(ref, got, case.params)
    assert not mismatches, report("patterns.discover_patterns differs from the spec reference", case, mismatches)
