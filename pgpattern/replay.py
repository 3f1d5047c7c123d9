"""`pgpattern evaluate`: the replay of spec section 6 that judges a ranking of co-change suggestions.

The project's non-merge commits with files, by authored time (ties: commit order): the first 80%
are history, the later 20% that change 2..30 files are the test commits. For each test commit C,
in order, every file q of C is asked alone, with C's author, against the history before C (every
earlier commit, test commits included); the other files of C are the expected answer. Files are
named by their latest path, as ingest stores them.

The replay runs here, in one pass over the history in memory, instead of calling
api.suggest_cochanges once per query: that reads the state as of the latest commit, and the
replay needs it as of every test commit. The state is the one the database keeps (0660): per file
q and author, decayed sums of q's counted commits and of those shared with each other file, each
stored with the n(q) it was written at, so that a commit costs its own pairs and a query its own
candidates. Deleted files (a D in their last change before C) are never suggested.

Metrics per query, averaged over queries: P@k and R@k (k = 1, 3, 5, 10), Hit@3, MAP@10 (average
precision over the top 10 divided by the number of expected files), NoSugg (no candidate at
all). 95% intervals: percentile bootstrap over test commits (their queries go together); two
rankings are compared by the paired difference on the same resamples.
"""

from __future__ import annotations

import heapq
import posixpath
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

import psycopg

from .errors import PgPatternError
from .report import resolve_project
from .target import connect

RANKINGS = ("recent", "confidence")
# Replayed only (not in api.suggest_cochanges): recent, and for a file with no candidate at all the
# files of its directory changed most recently (the spec's open question of new files).
FALLBACK = "recent+directory"
REPLAYED = (*RANKINGS, FALLBACK)
HALF_LIFE = 16
AUTHOR_WEIGHT = 2
MAX_CHANGESET = 30
HISTORY_SHARE = 0.8
TOP = 10
METRICS = ("P@1", "P@3", "P@5", "P@10", "R@1", "R@3", "R@5", "R@10", "Hit@3", "MAP@10", "NoSugg")

HISTORY = """
    SELECT c.sha, c.author_key, array_agg(fc.latest_path ORDER BY fc.latest_path) AS files,
           array_agg(fc.deleted ORDER BY fc.latest_path) AS deleted
      FROM git.commits c
      JOIN (SELECT f.commit_id, f.latest_path, bool_or(f.status = 'D') AS deleted
              FROM git.file_changes f WHERE f.project_id = %(project_id)s
             GROUP BY f.commit_id, f.latest_path) fc ON fc.commit_id = c.commit_id
     WHERE c.project_id = %(project_id)s AND NOT c.is_merge
     GROUP BY c.project_id, c.commit_id
     ORDER BY c.authored_at, c.committed_at, c.generation, c.sha COLLATE "C"
"""


@dataclass
class Commit:
    sha: str
    author: str
    files: list[str]
    deleted: list[bool]


@dataclass
class Query:
    """One asked file of a test commit: what was expected and what each ranking answered."""
    commit: int  # index of the test commit
    sha: str
    file: str
    author: str
    expected: frozenset[str]
    answers: dict[str, list[str]] = field(default_factory=dict)  # ranking -> the top files
    candidates: dict[str, int] = field(default_factory=dict)  # ranking -> how many files it could suggest


class State:
    """What the history before a commit knows: the counted commits' decayed sums, per file."""

    def __init__(self) -> None:
        self.n: dict[str, int] = defaultdict(int)
        self.total: dict[str, list] = {}  # q -> [weight, stamp] over all authors
        self.total_by: dict[tuple[str, str], list] = {}  # (q, author) -> [weight, stamp]
        self.pairs: dict[str, dict[str, list]] = defaultdict(dict)  # q -> x -> [weight, stamp, n(q,x)]
        self.pairs_by: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)  # (q, author) -> x -> [w, stamp]
        self.deleted: set[str] = set()
        self.changed_in: dict[str, dict[str, int]] = defaultdict(dict)  # directory -> file -> its last commit
        self.commits = 0
        self.decay = [2 ** (-d / HALF_LIFE) for d in range(4096)]

    def _decay(self, steps: int) -> float:
        return self.decay[steps] if steps < len(self.decay) else 2 ** (-steps / HALF_LIFE)

    def _add(self, row: list | None, n: int) -> list:
        if row is None:
            return [1.0, n]
        row[0] = row[0] * self._decay(n - row[1]) + 1.0
        row[1] = n
        return row

    def add(self, commit: Commit) -> None:
        self.commits += 1
        for f, gone in zip(commit.files, commit.deleted):
            (self.deleted.add if gone else self.deleted.discard)(f)
            self.changed_in[posixpath.dirname(f)][f] = self.commits
        if len(commit.files) > MAX_CHANGESET:
            return
        a = commit.author
        for q in commit.files:
            self.n[q] += 1
            n = self.n[q]
            self.total[q] = self._add(self.total.get(q), n)
            self.total_by[(q, a)] = self._add(self.total_by.get((q, a)), n)
            pairs, mine = self.pairs[q], self.pairs_by[(q, a)]
            for x in commit.files:
                if x != q:
                    row = pairs.get(x)
                    if row is None:
                        pairs[x] = [1.0, n, 1]
                    else:
                        self._add(row, n)
                        row[2] += 1
                    mine[x] = self._add(mine.get(x), n)

    def ask(self, q: str, author: str | None, ranking: str) -> tuple[list[str], int]:
        """The top files for q alone (and how many candidates there were)."""
        if ranking == FALLBACK:
            top, candidates = self.ask(q, author, "recent")
            if candidates:
                return top, candidates
            near = self.changed_in.get(posixpath.dirname(q), {})
            eligible = [(-when, f) for f, when in near.items() if f != q and f not in self.deleted]
            return [f for _, f in heapq.nsmallest(TOP, eligible)], len(eligible)  # ties: path
        n = self.n.get(q, 0)
        if not n:
            return [], 0
        pairs = self.pairs[q]
        deleted = self.deleted
        if ranking == "confidence":
            scored = ((row[2] / n, row[2], x) for x, row in pairs.items() if x not in deleted)
        else:
            decay = self._decay
            beta = AUTHOR_WEIGHT if author else 0
            mine = self.pairs_by.get((q, author), {}) if author else {}
            w, stamp = self.total[q]
            total = w * decay(n - stamp)
            own = self.total_by.get((q, author)) if author else None
            if own:
                total += beta * own[0] * decay(n - own[1])
            scored = []
            for x, (w, stamp, nqx) in pairs.items():
                if x in deleted:
                    continue
                s = w * decay(n - stamp)
                m = mine.get(x)
                if m:
                    s += beta * m[0] * decay(n - m[1])
                scored.append((s / total, nqx, x))
        scored = list(scored)
        top = heapq.nsmallest(TOP, scored, key=lambda t: (-t[0], -t[1], t[2]))
        return [x for _, _, x in top], len(scored)


def load_history(conn: psycopg.Connection, project: str | None) -> tuple[str, list[Commit]]:
    name = resolve_project(conn, project)
    row = conn.execute("SELECT project_id FROM core.projects WHERE name = %s", (name,)).fetchone()
    if row is None:
        raise PgPatternError(f"no project named {name!r}", hint="see the projects with pgpattern status --format json")
    rows = conn.execute(HISTORY, {"project_id": row[0]}).fetchall()
    return name, [Commit(sha, author, files, deleted) for sha, author, files, deleted in rows]


def replay(commits: list[Commit], rankings: tuple[str, ...] = RANKINGS,
           progress: Callable[[int, int], None] | None = None) -> Iterator[Query]:
    """Every query of the replay, in order, with each ranking's answer (the history before its commit only)."""
    start = int(len(commits) * HISTORY_SHARE)
    tests = sum(1 for c in commits[start:] if 2 <= len(c.files) <= MAX_CHANGESET)
    state = State()
    done = 0
    for index, commit in enumerate(commits):
        if index >= start and 2 <= len(commit.files) <= MAX_CHANGESET:
            files = frozenset(commit.files)
            for q in commit.files:
                query = Query(done, commit.sha, q, commit.author, files - {q})
                for ranking in rankings:
                    query.answers[ranking], query.candidates[ranking] = state.ask(q, commit.author, ranking)
                yield query
            done += 1
            if progress:
                progress(done, tests)
        state.add(commit)


def measures(answer: list[str], expected: frozenset[str], candidates: int) -> list[float]:
    """The metrics of METRICS for one query."""
    hits = [x in expected for x in answer[:TOP]]
    found = [sum(hits[:k]) for k in (1, 3, 5, 10)]
    precision_sum, seen = 0.0, 0
    for i, hit in enumerate(hits):
        if hit:
            seen += 1
            precision_sum += seen / (i + 1)
    e = len(expected)
    return [found[0] / 1, found[1] / 3, found[2] / 5, found[3] / 10,
            *(f / e for f in found), float(found[1] > 0), precision_sum / e, float(candidates == 0)]


@dataclass
class Evaluation:
    project: str
    commits: int
    history_commits: int
    test_commits: int
    queries: int
    seconds: float
    rankings: dict[str, dict[str, dict[str, float]]]  # ranking -> metric -> value, low, high
    differences: dict[str, dict[str, dict[str, float]]]  # "a - b" -> metric -> value, low, high


def evaluate(conninfo: str, project: str | None, rankings: tuple[str, ...] = RANKINGS, resamples: int = 1000,
             seed: int = 0, progress: Callable[[int, int], None] | None = None) -> Evaluation:
    started = time.monotonic()
    with connect(conninfo, autocommit=True) as conn:
        name, commits = load_history(conn, project)
    # Per test commit and ranking, the sum of each metric over its queries; and its query count.
    sums: dict[str, list[list[float]]] = {r: [] for r in rankings}
    counts: list[int] = []
    for query in replay(commits, rankings, progress):
        if query.commit == len(counts):
            counts.append(0)
            for r in rankings:
                sums[r].append([0.0] * len(METRICS))
        counts[-1] += 1
        for r in rankings:
            row = sums[r][-1]
            for i, value in enumerate(measures(query.answers[r], query.expected, query.candidates[r])):
                row[i] += value
    if not counts:
        raise PgPatternError(f"project {name!r} has no test commits to replay ({len(commits)} commits)",
                             hint="the replay needs a history whose later 20% has commits of 2 to 30 files")
    columns = {r: [[row[i] for row in sums[r]] for i in range(len(METRICS))] for r in rankings}
    queries = sum(counts)
    # The same resamples of test commits for every ranking and metric (paired differences).
    rng = random.Random(seed)
    resampled = {r: [[] for _ in METRICS] for r in rankings}
    for _ in range(resamples):
        draw = rng.choices(range(len(counts)), k=len(counts))
        pick = itemgetter(*draw) if len(draw) > 1 else (lambda xs, i=draw[0]: (xs[i],))
        n = sum(pick(counts))
        for r in rankings:
            for i, column in enumerate(columns[r]):
                resampled[r][i].append(sum(pick(column)) / n)

    def interval(values: list[float]) -> tuple[float, float]:
        values = sorted(values)
        return values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]

    result: dict[str, dict[str, dict[str, float]]] = {}
    for r in rankings:
        result[r] = {}
        for i, metric in enumerate(METRICS):
            low, high = interval(resampled[r][i])
            result[r][metric] = {"value": sum(columns[r][i]) / queries, "low": low, "high": high}
    differences: dict[str, dict[str, dict[str, float]]] = {}
    first = rankings[0]
    for other in rankings[1:]:
        label = f"{first} - {other}"
        differences[label] = {}
        for i, metric in enumerate(METRICS):
            low, high = interval([a - b for a, b in zip(resampled[first][i], resampled[other][i])])
            differences[label][metric] = {"value": result[first][metric]["value"] - result[other][metric]["value"],
                                          "low": low, "high": high}
    return Evaluation(name, len(commits), int(len(commits) * HISTORY_SHARE), len(counts), queries,
                      time.monotonic() - started, result, differences)
