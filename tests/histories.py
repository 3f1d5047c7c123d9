"""Random histories for the tests that hold the SQL to the spec, and the one writer that stores them.

`cases()` draws histories of 3 to 60 commits (2 to 6 authors, offsets -12:00..+14:00, files in a
few directories named to hit every file_category rule, spans of hours to years) on up to four
branches at once: side branches fork from any earlier commit, take commits in turn with the main
line and are merged into it later. Each branch has its own files, so the lineage cases of
branchy histories come up: two branches that add the same path and merge later, a path deleted
and added again, a rename on one branch while another still changes the old path (and adds it
again), renames and chains of them, a new file at a path in the very commit that renames it
away or another file renamed into it there (a rotation), copies, binary changes, commits
without files, oversized commits. Drawing order is commit order (committed time, generation,
sha).

`store_commits()` stores commits as an ingest does: the commits, then their file changes in one
statement (latest_path = path), and returns their commit ids; lineage is the caller's.
tests/test_spec_differential.py, tests/test_incremental.py and tests/test_lineage.py use both.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from hypothesis import strategies as st

from pgpattern.ingest import copy_changes
from spec_reference import Change, Commit

DIRS = ["", "", "src", "src/core", "Src", "docs", "tests", ".github/workflows", "lib/spec", "app/__tests__", "Doc",
        ".circleci", "web"]
NAMES = ["main.py", "util.PY", "core.c", "README.md", "notes.TXT", "guide.rst", "x.adoc", "test_api.py",
         "api_test.go", "app.test.js", "app.spec.ts", "config.json", "settings.YAML", "ci.yml", "pyproject.toml",
         "setup.cfg", "app.ini", "nginx.conf", ".env", "poetry.lock", "pom.xml", "Makefile", "Dockerfile",
         ".gitignore", ".gitlab-ci.yml", "LICENSE", ".eslintrc.json", "archive.tar.gz", "logo.png", "test", "spec",
         "makefile", "index.html", "lib.rs", "Zeta.md", "a b.py", "\u00fcber.py", "notes.", "UPPER.JSON"]
ALL_PATHS = sorted({f"{d}/{n}" if d else n for d in DIRS for n in NAMES})
SUBJECTS = ["feat: add parser", "Feat(api)!: drop v1", "fix(core): off by one", "fix: crash", "docs: usage",
            "style: format", "refactor(db): split", "perf: cache", "test: cover edge", "build: bump",
            "ci: matrix", "chore(deps): update", "revert: feat x", "Fixes #12", "hotfix-3 for login",
            "found a bug in io", "fixed the thing", "prefix handling", "debug output", "bugfix", "Update README",
            "featuring stuff", "feat : spaced", "WIP", "Merge branch 'x'", "fix", "doc: typo", "feat:tight",
            "fix!: urgent", "chore(a)(b): nested", "FIX(UI): caps", "  fix: indented", "perf(x)!: y"]
OFFSETS = [-720, -600, -300, -180, 0, 0, 60, 120, 330, 345, 540, 780, 840]
AUTHORS = [("Ann", "ann@example.com"), ("Bob", "Bob@Example.com"), ("Chen Li", "chen@example.org"),
           ("Dana", "dana@example.net"), ("Eve", "eve@x.io"), ("Fritz", "fritz@example.de")]


class Case:
    def __init__(self, commits: list[Commit], params: dict):
        self.commits, self.params = commits, params

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        lines = [f"Case(params={self.params!r}, commits=["]
        for c in self.commits:
            ch = ", ".join(f"{x.status} {x.old_path + ' -> ' if x.old_path else ''}{x.path}"
                           f" {'bin' if x.added is None else f'+{x.added}-{x.deleted}'}" for x in c.changes)
            lines.append(f"  {c.sha[:8]} gen={c.generation} parents={[p[:8] for p in c.parents]} "
                         f"{c.author_email} off={c.offset} a={c.authored:%Y-%m-%d %H:%M:%S} "
                         f"c={c.committed:%Y-%m-%d %H:%M:%S} {c.subject!r}: [{ch}]")
        return "\n".join(lines) + "])"


def lines_strategy(status: str):
    if status == "R":
        return st.one_of(st.just((0, 0)), st.tuples(st.integers(0, 5), st.integers(0, 5)))
    if status == "D":
        return st.one_of(st.integers(0, 80).map(lambda d: (0, d)), st.just((None, None)))
    return st.one_of(st.tuples(st.integers(0, 12), st.integers(0, 8)),
                     st.tuples(st.integers(0, 400), st.integers(0, 150)),
                     st.just((None, None)))


@st.composite
def cases(draw) -> Case:
    n = draw(st.one_of(st.integers(3, 20), st.integers(30, 60)))
    authors = [(name, email, draw(st.one_of(st.sampled_from(OFFSETS), st.integers(-720, 840))))
               for name, email in draw(st.lists(st.sampled_from(AUTHORS), min_size=2, max_size=6, unique=True))]
    pool = draw(st.lists(st.sampled_from(ALL_PATHS), min_size=4, max_size=16, unique=True))
    # hot: files modified often with growing sizes (hotspots); heavy: rare huge changes (anomalies)
    hot = draw(st.lists(st.sampled_from([f"src/core/hot{i}.py" for i in range(6)]), max_size=6, unique=True))
    pool += hot
    heavy = set(draw(st.lists(st.sampled_from(pool), max_size=2, unique=True)))
    subjects = draw(st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=8, unique=True))
    start = datetime(2023, 9, 1, tzinfo=UTC) + timedelta(days=draw(st.integers(0, 150)),
                                                         seconds=draw(st.integers(0, 86399)))
    gap_scale = draw(st.sampled_from([3600, 86400, 4 * 86400, 20 * 86400]))
    commits: list[Commit] = []
    gens: dict[str, int] = {}
    files_after: dict[str, frozenset[str]] = {}  # the files of the tree each commit leaves
    heads: list[str] = []  # the branch tips: heads[0] is the main line, the others side branches
    deleted: set[str] = set()  # paths deleted on some branch
    committed = start
    authored = start
    for i in range(n):
        sha = uuid.UUID(int=draw(st.integers(0, 2 ** 128 - 1))).hex + f"{i:08x}"
        kind = "normal" if i == 0 else draw(st.sampled_from(["normal"] * 9 + ["merge", "empty", "big", "branch"]))
        head = 0  # which head the commit moves on (None: a new side branch)
        if i == 0:
            parents = []
        elif kind == "merge" and len(heads) > 1:
            # a side branch comes home
            side = draw(st.integers(1, len(heads) - 1))
            parents = [heads[0], heads.pop(side)]
        elif kind == "merge" and i >= 2:
            others = [c.sha for c in commits if c.sha != heads[0]]  # a merge of an old commit
            parents = [heads[0], others[draw(st.integers(0, len(others) - 1))]]
        elif kind == "branch" and i >= 2 and len(heads) < 4:
            head = None
            parents = [commits[draw(st.integers(0, i - 2))].sha]
        else:
            if len(heads) > 1 and draw(st.booleans()):
                head = draw(st.integers(1, len(heads) - 1))  # side branches take commits in turn
            parents = [heads[head]]
        if head is None:
            heads.append(sha)
        elif parents:
            heads[head] = sha
        else:
            heads.append(sha)
        gen = max((gens[p] + 1 for p in parents), default=0)
        # Commit order (committed time, generation, sha) must follow the drawing order: equal
        # committed times only where the generation grows.
        if commits and gen > commits[-1].generation and draw(st.integers(0, 9)) == 0:
            pass
        else:
            # sampled, not integers(): hypothesis keeps drawn integers small, and the spans must reach years
            factor = draw(st.sampled_from([0.05, 0.3, 0.7, 1.0, 1.0, 1.5, 2.5]))
            committed = committed + timedelta(seconds=int(gap_scale * factor) + draw(st.integers(1, 3600)))
        authored = draw(st.sampled_from(["lag", "lag", "lag", "same", "tie"]))
        if authored == "tie" and commits:
            authored_at = commits[-1].authored
        elif authored == "same":
            authored_at = committed
        else:
            authored_at = committed - timedelta(seconds=draw(st.integers(0, 3 * 86400)))
        name, email, offset = draw(st.sampled_from(authors))
        if email == "Bob@Example.com" and draw(st.booleans()):
            name, email = "Bobby", "bob@example.com"  # one author, two spellings of the email
        message = draw(st.sampled_from(subjects))
        if draw(st.integers(0, 4)) == 0:
            message += "\n\nfix: not the subject\nbug"
        # The files of this branch: a merge has those of both sides (it changes none itself).
        alive = set().union(*(files_after[p] for p in parents))
        elsewhere = set().union(*(files_after[h] for h in heads if h != sha and h in files_after))
        changes: list[Change] = []
        if kind in ("normal", "big", "branch") or (kind == "merge" and len(parents) < 2):
            touched: set[str] = set()
            vacated: list[str] = []  # paths this commit renamed away: another file may move in (a rotation)
            n_ops = draw(st.integers(5, 12)) if kind == "big" else draw(st.integers(1, 4))
            for _ in range(n_ops):
                free_alive = sorted(alive - touched)
                free_new = sorted(set(pool) - alive - touched)
                parallel = [p for p in free_new if p in elsewhere]  # another branch has it: add it here too
                again = [p for p in free_new if p in deleted]  # deleted before: add it again
                ops = []
                if free_new:
                    ops += ["add"] * 2
                if parallel:
                    ops += ["add_parallel"] * 2
                if again:
                    ops += ["add_again"]
                if free_alive:
                    ops += ["modify"] * 6 + ["delete", "type"]
                if free_alive and free_new:
                    ops += ["rename"] * 3 + ["rename_recreate", "copy"]
                if free_alive and [v for v in vacated if v not in alive]:
                    ops += ["rename_into_vacated"]
                if not ops:
                    break
                op = draw(st.sampled_from(ops))
                if op in ("add", "add_parallel", "add_again"):
                    p = draw(st.sampled_from({"add": free_new, "add_parallel": parallel, "add_again": again}[op]))
                    a, d = draw(lines_strategy("A"))
                    changes.append(Change("A", p, None, a, 0 if a is not None else None))
                    alive.add(p)
                    touched.add(p)
                elif op in ("modify", "type"):
                    hot_alive = [x for x in free_alive if x in hot]
                    # hot files are modified more and more often as the history goes on (a rising trend)
                    p = draw(st.sampled_from(hot_alive if hot_alive and draw(st.integers(0, n)) < i else free_alive))
                    if p in heavy:
                        a, d = draw(st.tuples(st.integers(800, 3000), st.integers(0, 100)))
                    elif p in hot:
                        a, d = draw(st.tuples(st.integers(20, 200), st.integers(0, 20)))
                    else:
                        a, d = draw(lines_strategy("M"))
                    changes.append(Change("M" if op == "modify" else "T", p, None, a, d))
                    touched.add(p)
                elif op == "delete":
                    p = draw(st.sampled_from(free_alive))
                    a, d = draw(lines_strategy("D"))
                    changes.append(Change("D", p, None, a, d))
                    alive.discard(p)
                    deleted.add(p)
                    touched.add(p)
                else:
                    p = draw(st.sampled_from(free_alive))
                    if op == "rename_into_vacated":
                        q = draw(st.sampled_from([v for v in vacated if v not in alive]))
                        op = "rename"
                    else:
                        q = draw(st.sampled_from(free_new))
                    a, d = draw(lines_strategy("R"))
                    if op == "copy":
                        changes.append(Change("C", q, p, a, d))
                        touched.add(q)
                        alive.add(q)
                        continue
                    changes.append(Change("R", q, p, a, d))
                    alive.discard(p)
                    alive.add(q)
                    touched.update((p, q))
                    vacated.append(p)
                    if op == "rename_recreate":
                        a, _ = draw(lines_strategy("A"))
                        changes.append(Change("A", p, None, a, 0 if a is not None else None))
                        alive.add(p)
        gens[sha] = gen
        files_after[sha] = frozenset(alive)
        commits.append(Commit(sha=sha, parents=parents, author_name=name, author_email=email,
                              authored=authored_at, offset=offset, committed=committed, message=message,
                              generation=gen, changes=changes))

    times = sorted(c.authored for c in commits)
    params = {
        "min_cooccurrence": draw(st.sampled_from([1, 2, 3])),
        "confidence_threshold": draw(st.sampled_from([0.0, 0.1, 0.3, 0.6])),
        "max_changeset_size": draw(st.sampled_from([2, 3, 4, 30])),
        "since": None, "until": None, "until_sha": None,
    }
    window = draw(st.sampled_from(["none", "none", "none", "since", "until", "both", "sha"]))
    if window in ("since", "both"):
        params["since"] = times[draw(st.integers(0, len(times) // 4))]
    if window in ("until", "both"):
        params["until"] = times[draw(st.integers(3 * len(times) // 4, len(times) - 1))] + timedelta(seconds=1)
    if window == "sha":
        params["until_sha"] = commits[draw(st.integers(len(commits) // 2, len(commits) - 1))].sha
    return Case(commits, params)


def store_commits(conn: psycopg.Connection, project_id: int, commits: list[Commit]) -> list[int]:
    """Store commits as an ingest batch does (commits, then their file changes in one statement,
    latest_path = path); returns their commit ids. Lineage is left to the caller."""
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO git.commits (project_id, sha, parent_shas, author_name, author_email, authored_at,
                                        author_utc_offset, committer_name, committer_email, committed_at, message,
                                        generation)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            [(project_id, c.sha, c.parents, c.author_name, c.author_email, c.authored, c.offset, c.author_name,
              c.author_email, c.committed, c.message, c.generation) for c in commits])
    ids = dict(conn.execute("SELECT sha, commit_id FROM git.commits WHERE project_id = %s AND sha = ANY(%s)",
                            (project_id, [c.sha for c in commits])).fetchall())
    rows = [(ids[c.sha], i, ch.status, ch.path, ch.old_path, ch.added, ch.deleted,
             0 if ch.status == "A" else 33188, 0 if ch.status == "D" else 33188)
            for c in commits for i, ch in enumerate(c.changes, start=1)]
    if rows and conn.execute("SELECT to_regclass('git.changes')").fetchone()[0]:
        copy_changes(conn, project_id, rows)
    elif rows:  # the text-keyed table of the migrations before 0820
        with conn.cursor().copy("""COPY git.file_changes (project_id, commit_id, change_no, status, path, old_path,
                                   lines_added, lines_deleted, old_mode, new_mode, latest_path) FROM STDIN""") as copy:
            for row in rows:
                copy.write_row((project_id, *row, row[3]))
    return [ids[c.sha] for c in commits]
