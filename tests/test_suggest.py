"""Co-change suggestions (spec section 6): api.suggest_cochanges against the plain-Python reading
in tests/spec_reference.py, after any sequence of ingests.

Hypothesis draws the histories of tests/histories.py (renames, deletes and re-adds, branches,
commits authored before their parents, oversized commits, ...) and stores them in random batches
as ingest does (commits, file changes, then the lineage of the batch), so that the decayed sums
are kept both ways: appended when a batch brings a file's newest commits, recomputed when a
commit lands among older ones or lineage re-keys a file. Then:
- the decayed sums equal a recomputation from the change log (1e-9 relative), the counts and
  each file's and author's commits and their places exactly;
- suggestions for random query paths (current, old, several at once), with and without an
  author, under both rankings, equal the reference computed from scratch: scores to 1e-9, the
  order and the evidence exactly, except where two scores are equal but for rounding.

PGPATTERN_SUGGEST_EXAMPLES overrides the number of histories (default 25);
PGPATTERN_SUGGEST_RANDOM=1 draws new histories instead of the fixed derandomized ones.
"""

from __future__ import annotations

import math
import os
import uuid

import psycopg
import pytest
from histories import cases, store_commits
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from spec_reference import suggest

COLUMNS = ("file_path", "score", "confidence", "cochanges", "query_file", "query_changes", "recent_cochanges",
           "recent_changes", "author_cochanges")


def store_batch(conn: psycopg.Connection, project_id: int, commits: list) -> None:
    ids = store_commits(conn, project_id, commits)
    conn.execute("SELECT git.refresh_lineage(%s, %s)", (project_id, ids))


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-300)


def recency_state(conn: psycopg.Connection, project_id: int) -> dict:
    """The recency state as of now: each pair's sum in each direction decayed to its query file's
    n(q), with n(q, x) and which of q's last 20 counted commits changed x too; each file's and
    author's commits and their places; the deleted files."""
    pairs = {(q, x): (w, n, recent) for q, x, w, n, recent in conn.execute(
        """SELECT gq.path, gx.path, d.weight * patterns.recency_decay(f.cooc_changes - d.stamp), p.cochanges,
                  patterns.recent_window(d.recent, f.cooc_changes - d.stamp)
             FROM patterns.file_pair_counts p
            CROSS JOIN LATERAL (VALUES (p.file_id_1, p.file_id_2, p.weight_1, p.stamp_1, p.recent_1),
                                       (p.file_id_2, p.file_id_1, p.weight_2, p.stamp_2, p.recent_2))
                               d (q, x, weight, stamp, recent)
             JOIN git.paths gq ON gq.project_id = p.project_id AND gq.path_id = d.q
             JOIN git.paths gx ON gx.project_id = p.project_id AND gx.path_id = d.x
             JOIN patterns.file_change_counts f ON f.project_id = p.project_id AND f.file_path = gq.path
            WHERE p.project_id = %s""", (project_id,))}
    files = {(q, a): (places, commits) for q, a, places, commits in conn.execute(
        """SELECT g.path, au.author_key, r.places, r.commit_ids
             FROM patterns.file_author_recency r
             JOIN git.paths g ON g.project_id = r.project_id AND g.path_id = r.file_id
             JOIN git.authors au ON au.project_id = r.project_id AND au.author_id = r.author_id
            WHERE r.project_id = %s""", (project_id,))}
    deleted = {r[0] for r in conn.execute(
        """SELECT g.path FROM patterns.deleted_files d
             JOIN git.paths g ON g.project_id = d.project_id AND g.path_id = d.file_id
            WHERE d.project_id = %s""", (project_id,))}
    return {"pairs": pairs, "files": files, "deleted": deleted}


def state_differences(live: dict, fresh: dict) -> list[str]:
    out = [f"deleted: live {sorted(live['deleted'])}, recomputed {sorted(fresh['deleted'])}"] \
        if live["deleted"] != fresh["deleted"] else []
    for table in ("pairs", "files"):
        for key in live[table].keys() | fresh[table].keys():
            a, b = live[table].get(key), fresh[table].get(key)
            if a is None or b is None or (not close(a[0], b[0]) or a[1:] != b[1:] if table == "pairs" else a != b):
                out.append(f"{table} {key}: live {a}, recomputed {b}")
    return out


def suggestion_differences(got: list[dict], want: list[dict], k: int) -> list[str]:
    """got (SQL, the first k) against want (the reference, every candidate)."""
    out = []
    if len(got) != min(k, len(want)):
        out.append(f"{len(got)} rows, the reference has {min(k, len(want))}")
    by_path = {r["file_path"]: r for r in want}
    for i, row in enumerate(got[:len(want)]):
        ref = by_path.get(row["file_path"])
        if ref is None:
            out.append(f"row {i} {row['file_path']}: not a candidate of the reference")
            continue
        # The row at place i ranks as the reference's row at place i: the same file, or one
        # whose score equals it but for rounding (with the same tie-breaking count, unless which
        # query file contributes is itself a tie).
        if not (close(ref["score"], want[i]["score"])
                and (ref["cochanges"] == want[i]["cochanges"] or ref["tied"] or want[i]["tied"])):
            out.append(f"row {i}: {row['file_path']} where the reference has {want[i]['file_path']}")
        for column in COLUMNS[1:]:
            if column == "score":
                same = close(row[column], ref[column])
            elif column == "query_file" or ref["tied"]:
                same = ref["tied"] or row[column] == ref[column]
            else:
                same = row[column] == ref[column] or column == "confidence" and close(row[column], ref[column])
            if not same:
                out.append(f"row {i} {row['file_path']} {column}: {row[column]!r}, reference {ref[column]!r}")
    return out


@settings(max_examples=int(os.environ.get("PGPATTERN_SUGGEST_EXAMPLES", "25")), deadline=None,
          derandomize=not os.environ.get("PGPATTERN_SUGGEST_RANDOM"), phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=cases(), data=st.data())
def test_suggestions_after_any_ingests_equal_the_reference(migrated_db, case, data):
    commits = case.commits
    # A few batches (a pull) or one commit at a time (a hook).
    cuts = sorted(data.draw(st.one_of(st.sets(st.integers(1, max(1, len(commits) - 1)), max_size=6),
                                      st.just(set(range(1, len(commits)))))))
    batches = [commits[a:b] for a, b in zip([0, *cuts], [*cuts, len(commits)]) if commits[a:b]]
    paths = sorted({ch.path for c in commits for ch in c.changes} | {ch.old_path for c in commits
                                                                     for ch in c.changes if ch.old_path})
    authors = sorted({c.author_email for c in commits})
    asks = data.draw(st.lists(st.tuples(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True),
                                        st.sampled_from([None, *authors]), st.sampled_from(["recent", "confidence"]),
                                        st.sampled_from([1, 3, 1000])), min_size=3, max_size=8)) if paths else []
    name = f"sug-{uuid.uuid4().hex[:8]}"
    problems = []
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                  (name,)).fetchone()[0]
        for batch in batches:
            store_batch(conn, project_id, batch)
        live = recency_state(conn, project_id)
        with conn.transaction(force_rollback=True):
            conn.execute("SELECT patterns.recency_recompute(%s, NULL), patterns.deleted_refresh(%s, NULL)",
                         (project_id, project_id))
            fresh = recency_state(conn, project_id)
        problems += state_differences(live, fresh)
        for files, author, ranking, k in asks:
            cur = conn.execute("SELECT * FROM api.suggest_cochanges(%s, %s, %s, %s, %s)",
                               (name, files, k, author, ranking))
            got = [dict(zip(COLUMNS, row)) for row in cur.fetchall()]
            want = suggest(commits, files, 10 ** 9, author, ranking)
            problems += [f"{files} {author} {ranking} k={k}: {p}" for p in suggestion_differences(got, want, k)]
    assert not problems, "\n".join([repr(case), f"batches at {cuts}", *problems[:40]])


@pytest.fixture
def project(migrated_db):
    """A hand-made history whose recent and confidence rankings disagree, with two authors."""
    from datetime import UTC, datetime, timedelta

    from spec_reference import Change, Commit

    start = datetime(2024, 1, 1, tzinfo=UTC)
    commits = []
    # Long ago core.py changed with old.py ten times (Ann), then 40 times alone (Cy); lately with
    # new.py three times (Bob), last with mine.py (Ann).
    plan = [("ann@example.com", ["core.py", "old.py"])] * 10 + [("cy@example.com", ["core.py"])] * 40 \
        + [("bob@example.com", ["core.py", "new.py"])] * 3 + [("ann@example.com", ["core.py", "mine.py"])]
    for i, (email, files) in enumerate(plan):
        when = start + timedelta(days=i)
        commits.append(Commit(sha=f"{i:040x}", parents=[commits[-1].sha] if commits else [], author_name=email,
                              author_email=email, authored=when, offset=0, committed=when, message=f"change {i}",
                              generation=i, changes=[Change("M", f) for f in files]))
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES ('demo') RETURNING project_id").fetchone()[0]
        store_batch(conn, project_id, commits)
    return migrated_db


def test_recent_ranks_lately_changed_files_first_and_weighs_the_author(project):
    def ranked(*args):
        with psycopg.connect(project) as conn:
            return [r[0] for r in conn.execute("SELECT file_path FROM api.suggest_cochanges('demo', ARRAY['core.py'], "
                                               "10, %s, %s)", args)]

    assert ranked(None, "confidence") == ["old.py", "new.py", "mine.py"]
    assert ranked(None, "recent") == ["new.py", "old.py", "mine.py"]  # 3 recent changes beat 10 older ones
    # Ann's own changes count three times: hers first.
    assert ranked("Ann@Example.com", "recent") == ["old.py", "mine.py", "new.py"]
    with psycopg.connect(project) as conn:
        row = conn.execute("SELECT * FROM api.suggest_cochanges('demo', ARRAY['core.py'], 1, 'bob@example.com')").fetchone()
    assert row[0] == "new.py" and row[3:] == (3, "core.py", 54, 3, 20, 3)


@pytest.fixture
def hot_project(migrated_db):
    """hot.py changed in 3,000 commits, partners in fixed groups (exact ties), some of them deleted."""
    import random
    from datetime import UTC, datetime, timedelta

    from spec_reference import Change, Commit

    rng = random.Random(14)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    groups = [[f"g{g:02d}/{name}" for name in ("b.py", "a.py", "C.py")] for g in range(40)]
    authors = ["ann@example.com", "bob@example.com", "cy@example.com"]
    commits: list = []
    gone: set[str] = set()
    for i in range(3000):
        group = rng.choice(groups[:8] if i > 2900 else groups)  # lately the first groups only
        files = [f for f in group if f not in gone]
        changes = [Change("M", "hot.py")] + [Change("M", f) for f in files]
        if i % 500 == 499:  # now and then a group is deleted, later re-added
            changes = [Change("M", "hot.py")] + [Change("D", f) for f in files]
            gone |= set(files)
        elif rng.random() < 0.02:
            gone -= set(group)
        when = start + timedelta(hours=i)
        commits.append(Commit(sha=f"{i:040x}", parents=[commits[-1].sha] if commits else [],
                              author_name="x", author_email=rng.choice(authors), authored=when, offset=0,
                              committed=when, message=f"change {i}", generation=i, changes=changes))
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        project_id = conn.execute("INSERT INTO core.projects (name) VALUES ('hot') RETURNING project_id").fetchone()[0]
        # Bulk batches (counted by the queued update: a rebuild), then commits one at a time (appended).
        for at in range(0, 3000, 1000):
            store_batch(conn, project_id, commits[at:at + 1000] if at < 2000 else commits[at:at + 950])
        while conn.execute("SELECT patterns.process_pattern_updates(10)").fetchone()[0]:
            pass
        for commit in commits[2950:]:
            store_batch(conn, project_id, [commit])
    return migrated_db, commits


@pytest.mark.parametrize("author", [None, "ann@example.com", "cy@example.com"])
@pytest.mark.parametrize("ranking", ["recent", "confidence"])
def test_a_file_of_thousands_of_commits_ranks_as_the_reference_ties_in_path_order(hot_project, author, ranking):
    conninfo, commits = hot_project
    # With g03/b.py too, g03's other files score a sum of two equal terms each: equal still.
    for files in (["hot.py"], ["hot.py", "g03/b.py"]):
        want = suggest(commits, files, 10 ** 9, author, ranking)
        assert len(want) > 60
        with psycopg.connect(conninfo) as conn:
            for k in (1, 2, 10, 25):  # k = 2, 25 cut a group of three equal files
                got = [dict(zip(COLUMNS, row)) for row in conn.execute(
                    "SELECT * FROM api.suggest_cochanges('hot', %s, %s, %s, %s)", (files, k, author, ranking))]
                problems = suggestion_differences(got, want, k)
                assert problems == [], "\n".join(problems)
                # Files of one group changed in the same commits: equal scores, then path order ("C": upper
                # case first).
                for a, b in zip(got, got[1:]):
                    if a["file_path"].split("/")[0] == b["file_path"].split("/")[0]:
                        assert a["file_path"].encode() < b["file_path"].encode(), (files, k)
                assert [r["file_path"] for r in got] == [r["file_path"] for r in want[:k]], (files, k)
