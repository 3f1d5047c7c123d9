"""The plain-Python reference of the change-pattern spec, checked on hand-computed cases."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from spec_reference import (
    Change,
    Commit,
    chi2_2x2,
    chi2_sf,
    commit_type,
    discover,
    file_category,
    file_extension,
    gammq,
    iso_weeks_spanned,
    lineage,
    percent_rank,
    percentile_cont,
    significance,
    trend_coefficient,
)

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def commit(i, changes, *, at=None, committed=None, gen=None, parents=None, author=("Ann", "ann@example.com"),
           message="change", offset=0):
    at = at or T0 + timedelta(days=i)
    return Commit(sha=f"{i:040x}", parents=parents if parents is not None else ([f"{i - 1:040x}"] if i else []),
                  author_name=author[0], author_email=author[1], authored=at, offset=offset,
                  committed=committed or at, message=message, generation=i if gen is None else gen,
                  changes=[Change(*c) if isinstance(c, tuple) else c for c in changes])


# ---------------------------------------------------------------- statistics

@pytest.mark.parametrize("x, df, p", [
    (3.841458820694124, 1, 0.05), (6.634896601021214, 1, 0.01), (5.991464547107979, 2, 0.05),
    (12.591587243743977, 6, 0.05), (35.17246162690806, 23, 0.05), (0.0, 3, 1.0),
    (1.0, 4, 0.9097959895689501), (100.0, 11, 4.2320854444842385e-16),
])
def test_chi_square_upper_tail(x, df, p):
    assert chi2_sf(x, df) == pytest.approx(p, rel=1e-9, abs=1e-12)


def test_gamma_q_agrees_with_erfc_for_one_degree_of_freedom():
    for x in (0.01, 0.5, 1.0, 2.0, 3.84, 10.0, 50.0):
        assert gammq(0.5, x / 2) == pytest.approx(math.erfc(math.sqrt(x / 2)), abs=1e-12)


def test_two_by_two_chi_square_by_hand():
    # [10, 5; 5, 30], N = 50: chi = 50 (10*30 - 5*5)^2 / (15 * 35 * 15 * 35)
    chi = chi2_2x2(10, 15, 15, 50)
    assert chi == pytest.approx(50 * 275 ** 2 / (15 * 35 * 15 * 35))
    assert chi2_sf(chi, 1) == pytest.approx(math.erfc(math.sqrt(chi / 2)))
    assert chi2_2x2(3, 3, 3, 3) == 0.0  # a zero row total: statistic 0, p 1
    assert significance(1.0) == 0.0 and significance(0.01) == pytest.approx(2.0)
    assert significance(0.0) == 99.9999 and significance(1e-200) == 99.9999


def test_percent_rank_and_percentile_cont_as_postgres():
    assert percent_rank([1, 2, 2, 5]) == [0.0, 1 / 3, 1 / 3, 1.0]
    assert percent_rank([7]) == [0.0]
    assert percentile_cont([0, 10], 0.95) == pytest.approx(9.5)
    assert percentile_cont(list(range(21)), 0.95) == 19.0
    assert percentile_cont([5], 0.95) == 5.0
    assert percentile_cont([1, 2, 3, 4], 0.95) == pytest.approx(3.85)


def test_iso_weeks_across_a_year_boundary():
    assert iso_weeks_spanned(date(2020, 12, 28), date(2021, 1, 4)) == 2  # 2020-W53, 2021-W01
    assert iso_weeks_spanned(date(2024, 12, 29), date(2024, 12, 30)) == 2  # Sun of W52, Mon of 2025-W01
    assert iso_weeks_spanned(date(2024, 12, 30), date(2025, 1, 5)) == 1  # all of 2025-W01
    assert iso_weeks_spanned(date(2024, 1, 1), date(2024, 1, 1)) == 1


def test_trend_coefficient_on_a_handmade_series():
    # x 0..4, y 0,0,1,2,3: slope 0.8, mean 1.2, coefficient 0.8 * 4 / 1.2
    assert trend_coefficient([0, 0, 1, 2, 3]) == pytest.approx(0.8 * 4 / 1.2)
    assert trend_coefficient([3, 3]) == 0.0  # m < 3
    assert trend_coefficient([0, 0, 0]) == 0.0  # mean 0
    assert trend_coefficient([2, 2, 2, 2]) == 0.0


# ---------------------------------------------------------------- classifiers

@pytest.mark.parametrize("subject, kind", [
    ("feat: add x", "feat"), ("Feat(api)!: breaking", "feat"), ("fix(core): y", "fix"), ("chore!: z", "chore"),
    ("docs: readme", "docs"), ("Fixes #12", "fix"), ("a hotfix-1", "fix"), ("found a bug", "fix"),
    ("prefix thing", "other"), ("debug output", "other"), ("bugfix", "other"), ("fixed_it", "other"),
    ("feat : spaced", "other"), ("featuring x", "other"), ("feat: fix a bug", "feat"), ("fix", "fix"),
    ("revert(x): y", "revert"), ("doc: no", "other"),
])
def test_commit_type(subject, kind):
    assert commit_type(subject) == kind


@pytest.mark.parametrize("path, category, ext", [
    ("tests/x.py", "test", "py"), ("src/test_a.py", "test", "py"), ("a_test.go", "test", "go"),
    ("web/app.test.js", "test", "js"), ("web/app.spec.ts", "test", "ts"), ("lib/spec/x.rb", "test", "rb"),
    ("app/__tests__/a.js", "test", "js"), ("test", "test", None), ("README.MD", "docs", "md"),
    ("docs/conf.py", "docs", "py"), ("notes.txt", "docs", "txt"), (".github/workflows/ci.yml", "ci", "yml"),
    (".circleci/config.yml", "ci", "yml"), (".gitlab-ci.yml", "ci", "yml"), ("sub/.gitlab-ci.yml", "config", "yml"),
    ("pyproject.toml", "config", "toml"), (".env", "config", None), ("Makefile", "config", None),
    ("makefile", "source", None), ("Dockerfile", "config", None), (".gitignore", "config", None),
    ("src/main.PY", "source", "py"), ("archive.tar.gz", "source", "gz"), (".eslintrc.json", "config", "json"),
    ("Doc/x.c", "source", "c"), ("src/Tests/x.c", "source", "c"), (".github", "source", None),
])
def test_file_category_and_extension(path, category, ext):
    assert file_category(path) == category
    assert file_extension(path) == ext


# ---------------------------------------------------------------- lineage

def test_lineage_follows_the_spec_cases():
    # The cases of sql/tests/git_lineage.sql, written again from the spec.
    def d(n):
        return T0 + timedelta(days=n)
    history = [
        commit(1, [("A", "a"), ("A", "x")], at=d(1)),
        commit(2, [("M", "a"), ("M", "x")], at=d(2)),
        commit(4, [("R", "c", "b")], at=d(3), gen=3),
        commit(3, [("R", "b", "a"), ("A", "a")], at=d(3), gen=2),
        commit(5, [("M", "a"), ("C", "x2", "x"), ("D", "x")], at=d(4)),
        commit(6, [("A", "x"), ("R", "y", "x2")], at=d(5)),
        commit(7, [("M", "x")], at=d(6)),
    ]
    latest = lineage(history)
    named = {}
    for c in history:
        for i, ch in enumerate(c.changes):
            named.setdefault(latest[(c.sha, i)], set()).add(f"c{int(c.sha, 16)}:{ch.path}")
    assert named == {"c": {"c1:a", "c2:a", "c3:b", "c4:c"}, "a": {"c3:a", "c5:a"},
                     "x": {"c1:x", "c2:x", "c5:x", "c6:x", "c7:x"}, "y": {"c5:x2", "c6:y"}}


def _named(history) -> dict[str, set[str]]:
    latest = lineage(history)
    named: dict[str, set[str]] = {}
    for c in history:
        for i, ch in enumerate(c.changes):
            named.setdefault(latest[(c.sha, i)], set()).add(f"c{int(c.sha, 16)}:{ch.status}:{ch.path}")
    return named


def test_lineage_parallel_adds_of_one_path_are_one_file():
    # Two maintenance branches each add CHANGES (c2 on one, c3 on the other), merged in c5;
    # a later rename carries both adds and everything between them.
    history = [
        commit(1, [("A", "base")]),
        commit(2, [("A", "CHANGES")], parents=[f"{1:040x}"], gen=1),
        commit(3, [("A", "CHANGES"), ("M", "base")], parents=[f"{1:040x}"], gen=1),
        commit(4, [("M", "CHANGES")], parents=[f"{2:040x}"], gen=2),
        commit(5, [], parents=[f"{4:040x}", f"{3:040x}"], gen=3),
        commit(6, [("R", "CHANGELOG", "CHANGES")], gen=4),
    ]
    assert _named(history) == {"CHANGELOG": {"c2:A:CHANGES", "c3:A:CHANGES", "c4:M:CHANGES", "c6:R:CHANGELOG"},
                               "base": {"c1:A:base", "c3:M:base"}}


def test_lineage_delete_and_add_again_is_one_file_the_delete_included():
    history = [
        commit(1, [("A", "setup.py")]),
        commit(2, [("M", "setup.py")]),
        commit(3, [("D", "setup.py")]),
        commit(4, [("A", "setup.py")]),
        commit(5, [("R", "pyproject.py", "setup.py")]),
        commit(6, [("M", "pyproject.py")]),
    ]
    assert set(_named(history)) == {"pyproject.py"}


def test_lineage_a_rename_into_a_path_or_a_copy_to_it_ends_nothing():
    history = [
        commit(1, [("A", "old.cfg"), ("A", "new.cfg"), ("A", "dst.c"), ("A", "src.c")]),
        commit(2, [("D", "old.cfg"), ("D", "dst.c")]),
        commit(3, [("R", "old.cfg", "new.cfg"), ("C", "dst.c", "src.c")]),
        commit(4, [("R", "final.cfg", "old.cfg"), ("R", "moved.c", "dst.c")]),
    ]
    assert _named(history) == {
        "final.cfg": {"c1:A:old.cfg", "c1:A:new.cfg", "c2:D:old.cfg", "c3:R:old.cfg", "c4:R:final.cfg"},
        "moved.c": {"c1:A:dst.c", "c2:D:dst.c", "c3:C:dst.c", "c4:R:moved.c"},
        "src.c": {"c1:A:src.c"}}


def test_lineage_a_rename_on_one_branch_while_another_changes_the_old_path():
    # X renames lib.py -> core.py in c3; branch Y changed lib.py before (c2) and after (c4) it
    # in commit order: c2 is carried to core.py, c4 is lib.py's (a new file at the old path).
    history = [
        commit(1, [("A", "lib.py")]),
        commit(2, [("M", "lib.py")], parents=[f"{1:040x}"], gen=1),
        commit(3, [("R", "core.py", "lib.py")], parents=[f"{1:040x}"], gen=1),
        commit(4, [("M", "lib.py")], parents=[f"{2:040x}"], gen=2),
        commit(5, [], parents=[f"{3:040x}", f"{4:040x}"], gen=3),
        commit(6, [("M", "core.py"), ("M", "lib.py")], gen=4),
    ]
    assert _named(history) == {"core.py": {"c1:A:lib.py", "c2:M:lib.py", "c3:R:core.py", "c6:M:core.py"},
                               "lib.py": {"c4:M:lib.py", "c6:M:lib.py"}}


def test_two_rows_of_one_commit_on_one_file_are_one_change():
    history = [
        commit(0, [("A", "x", None, 3, 0), ("A", "y", None, 4, 0)]),
        commit(1, [("D", "x", None, 0, 3)]),
        commit(2, [("R", "x", "y", 1, 1)]),
    ]
    res = discover(history, min_cooccurrence=1, confidence_threshold=0.0)
    assert set(res.magnitude) == {"x"}
    m = res.magnitude["x"]
    assert m["total_changes"] == 3
    assert m["max_lines_changed"] == 7
    assert m["change_type_distribution"] == {"A": 2, "D": 1, "R": 1}
    assert res.developer["ann@example.com"]["avg_files_per_commit"] == 1.0


# ---------------------------------------------------------------- algorithms

def test_cooccurrence_by_hand():
    # a and b together 3 times, a alone once, c alone twice: N = 6
    history = [commit(i, ch) for i, ch in enumerate([
        [("M", "a"), ("M", "src/b")], [("M", "a"), ("M", "src/b")], [("M", "a"), ("M", "src/b")],
        [("M", "a")], [("M", "c")], [("M", "c")]])]
    res = discover(history)
    assert set(res.cooccurrence) == {("a", "src/b")}
    row = res.cooccurrence[("a", "src/b")]
    assert row["support_score"] == pytest.approx(0.5)
    assert (row["confidence_1_to_2"], row["confidence_2_to_1"], row["confidence_score"]) == (0.75, 1.0, 1.0)
    assert row["lift_score"] == pytest.approx(3 * 6 / (4 * 3))
    assert row["coupling_degree"] == pytest.approx(6 / 7)
    assert row["pattern_strength"] == "very_strong"
    chi = 6 * (3 * 2 - 1 * 0) ** 2 / (4 * 2 * 3 * 3)
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(chi / 2)))
    assert row["contributing_commits"] == [history[2].sha, history[1].sha, history[0].sha]
    assert res.insights[("file_coupling", "a|src/b")]["confidence_score"] == 1.0
    # an oversized commit leaves co-occurrence only
    res = discover(history + [commit(6, [("M", "a"), ("M", "src/b"), ("M", "c")])], max_changeset_size=2)
    assert res.cooccurrence[("a", "src/b")]["cooccurrence_count"] == 3
    assert res.magnitude["a"]["total_changes"] == 5


def test_temporal_cramers_v_and_peaks():
    history = [commit(i, [("M", "a")], at=T0 + timedelta(days=i, hours=10)) for i in range(30)]
    res = discover(history)
    hourly = res.temporal["hourly"]
    assert hourly["commit_distribution"][10] == 30
    assert hourly["chi_square_statistic"] == pytest.approx(23 * 1.25 + (30 - 1.25) ** 2 / 1.25)
    assert hourly["pattern_strength"] == pytest.approx(1.0)
    assert hourly["peak_periods"] == [10] and hourly["degrees_of_freedom"] == 23
    # January only: monthly has k = 1
    monthly = res.temporal["monthly"]
    assert (monthly["chi_square_statistic"], monthly["p_value"], monthly["degrees_of_freedom"]) == (0.0, 1.0, 0)
    assert res.insights[("temporal_patterns", "hourly")]["confidence_score"] == pytest.approx(1.0)
    assert "hourly" not in discover(history[:29]).temporal


def test_local_time_bins_and_exposure():
    # 23:30 UTC on Jan 31 is Feb 1 at UTC+1: the commit counts for February, whose exposure is 0 days
    history = [commit(i, [("M", "a")], at=T0 + timedelta(days=i % 30, hours=12)) for i in range(29)]
    history.append(commit(29, [("M", "a")], at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC), offset=60))
    monthly = discover(history).temporal["monthly"]
    assert monthly["commit_distribution"][:2] == [29, 1]
    assert monthly["degrees_of_freedom"] == 0 and monthly["peak_periods"] == []


def test_developer_profile_by_hand():
    ann, bob = ("Ann", "Ann@Example.com"), ("Bob", "bob@example.com")
    history = [
        commit(0, [("A", "src/a.py", None, 10, 0)], author=ann, message="feat: a"),
        commit(1, [("M", "src/a.py", None, 2, 1), ("M", "docs/x.md", None, 1, 0)], author=ann, message="fix bug"),
        commit(2, [("M", "src/a.py", None, 1, 1)], author=("Ann B", "ann@example.com"), at=T0 + timedelta(days=8)),
        commit(3, [("M", "docs/x.md", None, 4, 0)], author=bob),
    ]
    res = discover(history)
    a = res.developer["ann@example.com"]
    assert a["author_name"] == "Ann B" and a["commit_count"] == 3
    assert a["change_velocity"] == pytest.approx(3 / (8 / 7))
    assert a["consistency_score"] == pytest.approx(2 / 2)  # Mon Jan 1 .. Tue Jan 9: ISO weeks 1 and 2
    gaps = [1, 7]
    assert a["commit_regularity_coefficient"] == pytest.approx(3 / 4)  # std 3, mean 4
    assert a["avg_files_per_commit"] == pytest.approx(4 / 3) and a["avg_lines_per_commit"] == pytest.approx(16 / 3)
    assert a["specialty_files"] == ["src/a.py"]
    p = 3 / 4
    assert a["specialization_score"] == pytest.approx(1 - (-(p * math.log(p) + (1 - p) * math.log(1 - p))) / math.log(2))
    assert a["commit_type_distribution"] == {"feat": 1, "fix": 1, "other": 1}
    assert a["frequent_collaborators"] == ["bob@example.com"] and a["collaboration_files"] == ["docs/x.md"]
    assert a["temporal_overlap_score"] == pytest.approx(1 / 2)
    assert a["active_days_count"] == 3
    assert gaps
