r"""An independent, plain-Python reference of docs/spec/change-patterns.md.

Written from the spec text only (not from the SQL implementation), so that a differential
test (tests/test_spec_differential.py) can hold patterns.discover_patterns and
git.refresh_lineage to it. Standard library only; no database.

Readings of the spec (every place where the text left a choice; compare with the SQL):

Lineage
 L1. Commit order is (committed time, generation, sha), all ascending; "after" is strict,
     so a rename in the very commit of a change never moves that change.
 L2. A change of path p at position t (any status: the path after the change, the deleted
     path for D) belongs to the file p becomes through every rename after t: the first
     rename away from p (R whose old path is p) strictly after t carries it on to the new
     path, from that rename's position, and the walk repeats there; when no rename away
     from p follows, p is the latest path. Renames are the only lineage events: an add, a
     delete, a copy to p or a rename into p neither starts nor ends p's file, so two
     branches that each add p, and p deleted and later added again, are one file. A new
     file at a in the commit that renames a -> b (R a -> b with A a) stays at a: that
     rename is not after it.
 L3. A delete (D) is a change of the deleted path like any other: when the path is added
     again and renamed later, the delete walks on with it.
 L4. Copies (C) carry nothing over: the copy's source keeps its history (a C is no event on
     it), and the C row is a change of its new path, which, like an add, neither starts
     nor ends that path's file.
 L5. Two change rows of one commit with one latest path are one change: size = sum of
     their sizes, net size (added - deleted) = sum, and *each row's* status letter counts in
     change_type_distribution (two M rows give M: 2 for that one change).

Transaction set T
 T1. since/until bound authored time, [since, until); until_sha keeps that commit and every
     commit reachable from it through parent links (all parents, merges included); a parent
     that is not ingested is ignored.
 T2. "Changes more than max_changeset_size files" counts distinct files after lineage (latest
     paths), not raw change rows.
 T3. Every algorithm but co-occurrence uses all of T; co-occurrence uses T minus the oversized
     commits, for N and for every n(f) and n(a,b).
 T4. "Latest"/"first" commit orderings on authored time break ties by committed time, then
     sha (ascending = older); the session's commit_range_start/end are the first and last
     commit of T in that order.

Co-occurrence (1)
 C1. contributing_commits: descending (authored, committed, sha), the first 50.
 C2. first/last_observed_date: min/max authored time over all commits changing both.
 C3. statistical_significance = min(99.9999, -log10(p)), p = 0 gives the cap, p = 1 gives 0.

Temporal (2)
 P1. Exposure days are the UTC dates from the UTC date of the earliest to that of the latest
     authored time in T; each is binned by its own (UTC) day of month / month / season. The
     commits themselves are binned in the author's local time, so a commit can fall in a bin
     with d_i = 0: it stays in commit_distribution and in n, but that bin is left out of the
     statistic, k and the peaks.
 P2. contributing_authors: lower-cased emails, most commits in T first, ties by email;
     contributing_files: latest paths, most commits in T first, ties by path. Compared in
     order.
 P3. date_range_start/end = earliest/latest authored time in T.

Developer (3)
 D1. author_name is the name on the author's latest commit in T (order of T4).
 D2. ISO weeks (consistency, temporal overlap) are UTC ISO weeks (calendar units of the
     span are UTC); active days are local dates.
 D3. avg_files_per_commit counts files after lineage (L5).
 D4. specialty_files: ties by path; "at least half" is 2 * author_changes >= n(f), n(f) the
     file's commits in T.
 D5. frequent_collaborators / collaboration_files hold lower-cased emails / latest paths;
     "the file's changes" is n(f) over T.
 D6. commit type: the subject (first line, split on "\n") matches, case-insensitively,
     ^(feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(\([^()\n]*\))?!?:\s
     -> that type (lower-cased); else fix when \m(fix|fixes|fixed|bug|hotfix)\M (word
     characters are letters, digits and _); else other. commit_type_distribution holds the
     types with a count > 0 (zero counts are dropped on both sides when compared).
 D7. specialization: directories are parents of latest paths ('' for the root); the
     author's changes are (commit, file) pairs after lineage.

Magnitude (4)
 M1. Weeks for change_frequency are (end of span - first change) / 7 days, fractional.
 M2. ISO weeks (stability) are UTC ISO weeks, inclusive of both ends.
 M3. Trend periods are half-open (start, end]: the last is (E - 30.4375 d, E], E the end of
     the span, so the latest commit of T is in it. A period is dropped when its end is
     strictly before the file's first change. The regression runs over the kept periods'
     indexes 0..m-1; "at least 5 changes in the window" counts the file's changes inside
     the 12 periods.
 M4. hotspot size uses every change row of the file (latest path) in all ingested non-merge commits,
     binary rows 0; percent_rank is ascending over the files of the run.
 M5. anomaly: percentile_cont(0.95) over the (commit, file) change sizes of T after L5,
     computed exactly as PostgreSQL does (floor/ceil of 0.95 * (n - 1), linear
     interpolation lo + f * (hi - lo)).
 M6. file_category: "segments" are the '/'-separated parts, the base name included;
     glob tests on the base name, case-sensitive (test_*, *_test.*, *.test.*, *.spec.*);
     "ends with .md ..." is tested on the base name, case-insensitively; names
     (Makefile, Dockerfile, .gitignore, .gitlab-ci*) case-sensitively; .github/ and
     .circleci/ mean the first segment with at least one more segment after it;
     .gitlab-ci* means a root file (no '/') whose name starts with ".gitlab-ci".
 M7. file_extension: lower-cased text after the last '.' of the base name; NULL when there is
     no '.', when the only '.' is the first character, or when nothing follows the last '.'.
 M8. seasonal_patterns: [DJF, MAM, JJA, SON] shares of the file's changes, local time.

Insights (5)
 I1. Subjects: a pair is "file_path_1|file_path_2"; a temporal pattern is its pattern_type
     ('hourly' / 'daily'); an author is the lower-cased email; a directory is the direct
     parent of the files ('' for the root); a file is its latest path.
 I2. Only the eight rules of the table produce insights, each stored when its confidence is
     >= 0.70. file_coupling reads the stored pairs (so the run's thresholds apply first).
 I3. collaboration_gaps: the file's top author share (changes by that author / total_changes).
     quality_concerns: fix commits among the file's commits in T / total_changes.
 I4. architectural_hotspots: directories of files in the magnitude results.
 I5. (checked in the differential test, not computed here) supporting_pattern_ids are ids of pattern
     rows of the same run and include the subject's own row(s): the pair, the temporal pattern, the
     developer, the file's magnitude row, or for a directory every magnitude row with hotspot >= 0.8.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

CAP = 99.9999
PERIOD = timedelta(days=30.4375)
MONTH_LABELS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
SEASON_LABELS = ["DJF", "MAM", "JJA", "SON"]
CONVENTIONAL_TYPES = ("feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert")
CONVENTIONAL_RE = re.compile(r"^(" + "|".join(CONVENTIONAL_TYPES) + r")(\([^()\n]*\))?!?:\s", re.IGNORECASE)
FIX_RE = re.compile(r"(?<![A-Za-z0-9_])(fix|fixes|fixed|bug|hotfix)(?![A-Za-z0-9_])", re.IGNORECASE)
EPS = 1e-9  # a value this close to a threshold may fall either way in another float evaluation order


# --------------------------------------------------------------------------- inputs

@dataclass
class Change:
    status: str
    path: str
    old_path: str | None = None
    added: int | None = 0
    deleted: int | None = 0

    @property
    def size(self) -> int:
        return 0 if self.added is None else self.added + self.deleted

    @property
    def net(self) -> int:
        return 0 if self.added is None else self.added - self.deleted


@dataclass
class Commit:
    sha: str
    parents: list[str]
    author_name: str
    author_email: str
    authored: datetime
    offset: int  # minutes east of UTC
    committed: datetime
    message: str
    generation: int
    changes: list[Change] = field(default_factory=list)

    @property
    def author(self) -> str:
        return self.author_email.lower()

    @property
    def local(self) -> datetime:
        return (self.authored + timedelta(minutes=self.offset)).replace(tzinfo=None)

    @property
    def utc_date(self) -> date:
        return self.authored.astimezone(UTC).date()

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def order_key(self):
        return (self.authored, self.committed, self.sha)


@dataclass
class FileChange:
    """One (commit, file) change after lineage: the rows of the commit with that latest path."""
    size: int = 0
    net: int = 0
    statuses: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- statistics

def gammq(a: float, x: float) -> float:
    """Regularized upper incomplete gamma Q(a, x) (Numerical Recipes gser / gcf)."""
    if a <= 0 or x < 0:
        raise ValueError("gammq needs a > 0 and x >= 0")
    if x == 0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1:
        ap, total = a, 1.0 / a
        term = total
        for _ in range(100000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-17:
                break
        return max(0.0, 1.0 - total * math.exp(-x + a * math.log(x) - gln))
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return math.exp(-x + a * math.log(x) - gln) * h


def chi2_sf(x: float, df: int) -> float:
    """Upper-tail p-value of the chi-square distribution."""
    if df <= 0:
        return 1.0
    if x <= 0:
        return 1.0
    if df == 1:
        return math.erfc(math.sqrt(x / 2))
    return gammq(df / 2, x / 2)


def significance(p: float) -> float:
    if p <= 0:
        return CAP
    return min(CAP, max(0.0, -math.log10(p)))


def chi2_2x2(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    a, b, c, d = n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab
    rows, cols = (a + b, c + d), (a + c, b + d)
    if 0 in rows or 0 in cols:
        return 0.0
    return n * (a * d - b * c) ** 2 / (rows[0] * rows[1] * cols[0] * cols[1])


def percent_rank(values: list[float]) -> list[float]:
    """PostgreSQL percent_rank() ascending: (rank - 1) / (n - 1), 0 for a single row."""
    n = len(values)
    if n <= 1:
        return [0.0] * n
    ordered = sorted(values)
    return [bisect.bisect_left(ordered, v) / (n - 1) for v in values]


def percentile_cont(values: list[float], fraction: float) -> float | None:
    """PostgreSQL percentile_cont(fraction) WITHIN GROUP (ORDER BY value), double precision."""
    if not values:
        return None
    ordered = sorted(float(v) for v in values)
    pos = fraction * (len(ordered) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    if lo == hi:
        return ordered[lo]
    proportion = pos - lo
    return ordered[lo] + proportion * (ordered[hi] - ordered[lo])


def cv_population(values: list[float]) -> float | None:
    """Population stddev / mean; None for no values or a mean of 0."""
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean == 0:
        return None
    var = sum((v - mean) ** 2 for v in values) / len(values)
    return math.sqrt(var) / mean


def slope(ys: list[float]) -> float:
    m = len(ys)
    xm = (m - 1) / 2
    ym = sum(ys) / m
    sxx = sum((x - xm) ** 2 for x in range(m))
    sxy = sum((x - xm) * (y - ym) for x, y in zip(range(m), ys))
    return sxy / sxx


def trend_coefficient(counts: list[int]) -> float:
    m = len(counts)
    if m < 3:
        return 0.0
    mean = sum(counts) / m
    if mean == 0:
        return 0.0
    return slope(counts) * (m - 1) / mean


def iso_week(d: date) -> tuple[int, int]:
    y, w, _ = d.isocalendar()
    return (y, w)


def iso_weeks_spanned(first: date, last: date) -> int:
    monday_first = first - timedelta(days=first.isoweekday() - 1)
    monday_last = last - timedelta(days=last.isoweekday() - 1)
    return (monday_last - monday_first).days // 7 + 1


def days(td: timedelta) -> float:
    return td.total_seconds() / 86400


def season_index(month: int) -> int:
    return {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2}.get(month, 3)


def parent_dir(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def top_dir(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else ""


def commit_type(subject: str) -> str:
    m = CONVENTIONAL_RE.match(subject)
    if m:
        return m.group(1).lower()
    if FIX_RE.search(subject):
        return "fix"
    return "other"


def file_extension(path: str) -> str | None:
    base = path.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    if dot <= 0 or dot == len(base) - 1:
        return None
    return base[dot + 1:].lower()


def file_category(path: str) -> str:
    segments = path.split("/")
    base = segments[-1]
    lower = base.lower()
    if (any(s in ("test", "tests", "spec", "__tests__") for s in segments) or base.startswith("test_")
            or "_test." in base or ".test." in base or ".spec." in base):
        return "test"
    if lower.endswith((".md", ".rst", ".txt", ".adoc")) or any(s in ("docs", "doc") for s in segments):
        return "docs"
    if (len(segments) > 1 and segments[0] in (".github", ".circleci")) or (
            len(segments) == 1 and base.startswith(".gitlab-ci")):
        return "ci"
    if lower.endswith((".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".env", ".lock", ".xml")) \
            or base in ("Makefile", "Dockerfile", ".gitignore"):
        return "config"
    return "source"


def near(value: float | None, *thresholds: float) -> bool:
    return value is not None and any(abs(value - t) < EPS for t in thresholds)


# --------------------------------------------------------------------------- lineage

def lineage(commits: list[Commit]) -> dict[tuple[str, int], str]:
    """The latest path of every change row, keyed by (sha, index of the row in commit.changes)."""
    ordered = sorted(commits, key=lambda c: (c.committed, c.generation, c.sha))
    pos = {c.sha: i for i, c in enumerate(ordered)}
    # away[path] = the renames away from path, as (position, new path), in commit order
    away: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in ordered:
        for ch in c.changes:
            if ch.status == "R":
                away[ch.old_path].append((pos[c.sha], ch.path))

    def walk(path: str, at: int) -> str:
        for _ in range(len(ordered) + 1):
            i = _first_after(away.get(path, []), at)
            if i is None:
                return path
            at, path = away[path][i]
        raise AssertionError("lineage walk did not end")

    return {(c.sha, i): walk(ch.path, pos[c.sha]) for c in commits for i, ch in enumerate(c.changes)}


def _first_after(events: list[tuple[int, str]], at: int) -> int | None:
    """Index of the first event strictly after position `at`."""
    lo, hi = 0, len(events)
    while lo < hi:
        mid = (lo + hi) // 2
        if events[mid][0] <= at:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(events) else None


# --------------------------------------------------------------------------- discovery

@dataclass
class Result:
    session: dict
    cooccurrence: dict  # (file_path_1, file_path_2) -> row
    temporal: dict  # pattern_type -> row
    developer: dict  # author_email -> row
    magnitude: dict  # file_path -> row
    insights: dict  # (insight_type, subject) -> {"confidence_score": ...}
    latest: dict  # (sha, row index) -> latest path
    borderline: dict = field(default_factory=lambda: defaultdict(set))  # table -> keys whose presence may go either way


def transaction_set(commits: list[Commit], since=None, until=None, until_sha=None) -> list[Commit]:
    by_sha = {c.sha: c for c in commits}
    reachable = None
    if until_sha is not None:
        reachable, stack = set(), [until_sha]
        while stack:
            s = stack.pop()
            if s in reachable or s not in by_sha:
                continue
            reachable.add(s)
            stack.extend(by_sha[s].parents)
    out = []
    for c in commits:
        if since is not None and c.authored < since:
            continue
        if until is not None and c.authored >= until:
            continue
        if reachable is not None and c.sha not in reachable:
            continue
        if c.is_merge or not c.changes:
            continue
        out.append(c)
    return sorted(out, key=Commit.order_key)


def discover(commits: list[Commit], *, min_cooccurrence: int = 3, confidence_threshold: float = 0.30,
             max_changeset_size: int = 30, since: datetime | None = None, until: datetime | None = None,
             until_sha: str | None = None) -> Result:
    latest = lineage(commits)
    files_of: dict[str, dict[str, FileChange]] = {}
    net_all: Counter = Counter()
    for c in commits:
        fm: dict[str, FileChange] = {}
        for i, ch in enumerate(c.changes):
            f = latest[(c.sha, i)]
            fc = fm.setdefault(f, FileChange())
            fc.size += ch.size
            fc.net += ch.net
            fc.statuses.append(ch.status)
            if not c.is_merge:
                net_all[f] += ch.net
        files_of[c.sha] = fm

    T = transaction_set(commits, since, until, until_sha)
    res = Result(session={}, cooccurrence={}, temporal={}, developer={}, magnitude={}, insights={}, latest=latest)
    all_files = {f for c in T for f in files_of[c.sha]}
    res.session = {
        "total_commits_analyzed": len(T),
        "total_files_analyzed": len(all_files),
        "commit_range_start": T[0].sha if T else None,
        "commit_range_end": T[-1].sha if T else None,
    }
    if not T:
        return res
    span_end = max(c.authored for c in T)
    n_file = Counter(f for c in T for f in files_of[c.sha])

    _cooccurrence(res, T, files_of, min_cooccurrence, confidence_threshold, max_changeset_size)
    _temporal(res, T, files_of, n_file)
    _developer(res, T, files_of, n_file)
    _magnitude(res, T, files_of, n_file, net_all, span_end)
    _insights(res)
    res.session.update({
        "cooccurrence_patterns": len(res.cooccurrence), "temporal_patterns": len(res.temporal),
        "developer_patterns": len(res.developer), "magnitude_patterns": len(res.magnitude),
        "insights": len(res.insights)})
    return res


def _cooccurrence(res, T, files_of, min_co, threshold, max_size):
    Tc = [c for c in T if len(files_of[c.sha]) <= max_size]
    N = len(Tc)
    n = Counter(f for c in Tc for f in files_of[c.sha])
    together: dict[tuple[str, str], list[Commit]] = defaultdict(list)
    for c in Tc:
        fs = sorted(files_of[c.sha])
        for i in range(len(fs)):
            for j in range(i + 1, len(fs)):
                together[(fs[i], fs[j])].append(c)
    for (f1, f2), cs in together.items():
        n_ab = len(cs)
        c12, c21 = n_ab / n[f1], n_ab / n[f2]
        conf = max(c12, c21)
        if n_ab < min_co or conf < threshold:
            continue
        chi = chi2_2x2(n_ab, n[f1], n[f2], N)
        p = 1.0 if chi == 0 else chi2_sf(chi, 1)
        newest = sorted(cs, key=Commit.order_key, reverse=True)
        res.cooccurrence[(f1, f2)] = {
            "cooccurrence_count": n_ab,
            "file_1_changes": n[f1],
            "file_2_changes": n[f2],
            "support_score": n_ab / N,
            "confidence_score": conf,
            "confidence_1_to_2": c12,
            "confidence_2_to_1": c21,
            "lift_score": n_ab * N / (n[f1] * n[f2]),
            "coupling_degree": 2 * n_ab / (n[f1] + n[f2]),
            "pattern_strength": ("very_strong" if conf >= 0.80 else "strong" if conf >= 0.60
                                 else "moderate" if conf >= 0.40 else "weak"),
            "p_value": p,
            "statistical_significance": significance(p),
            "contributing_commits": [c.sha for c in newest[:50]],
            "first_observed_date": min(c.authored for c in cs),
            "last_observed_date": max(c.authored for c in cs),
        }


def _temporal(res, T, files_of, n_file):
    n = len(T)
    if n < 30:
        return
    first_day, last_day = T[0].utc_date, max(c.utc_date for c in T)
    exposure_days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    authors = Counter(c.author for c in T)
    top_authors = [a for a, _ in sorted(authors.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
    top_files = [f for f, _ in sorted(n_file.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
    kinds = {
        "hourly": (24, [f"{h:02d}" for h in range(24)], lambda t: t.hour, None),
        "daily": (7, DAY_LABELS, lambda t: t.isoweekday() - 1, None),
        "weekly": (5, [f"W{i}" for i in range(1, 6)], lambda t: (t.day - 1) // 7, True),
        "monthly": (12, MONTH_LABELS, lambda t: t.month - 1, True),
        "seasonal": (4, SEASON_LABELS, lambda t: season_index(t.month), True),
    }
    for ptype, (bins, labels, bin_of, exposure) in kinds.items():
        observed = [0] * bins
        for c in T:
            observed[bin_of(c.local)] += 1
        if exposure:
            d = [0] * bins
            for day in exposure_days:
                d[bin_of(day)] += 1
            total_d = sum(d)
            expected = [n * di / total_d if di else None for di in d]
        else:
            expected = [n / bins] * bins
        used = [i for i in range(bins) if expected[i] is not None]
        k = len(used)
        if k <= 1:
            chi, p, strength = 0.0, 1.0, 0.0
        else:
            chi = sum((observed[i] - expected[i]) ** 2 / expected[i] for i in used)
            p = chi2_sf(chi, k - 1)
            strength = min(1.0, math.sqrt(chi / (n * (k - 1))))
        peaks = sorted((i for i in used if observed[i] > expected[i] + 2 * math.sqrt(expected[i])),
                       key=lambda i: (-observed[i], i))
        near_peak = any(near(observed[i] - expected[i] - 2 * math.sqrt(expected[i]), 0) for i in used)
        res.temporal[ptype] = {
            "pattern_strength": strength,
            "statistical_significance": 0.0 if k <= 1 else significance(p),
            "p_value": p,
            "chi_square_statistic": chi,
            "degrees_of_freedom": max(k - 1, 0),
            "peak_periods": peaks,
            "commit_distribution": observed,
            "period_labels": labels,
            "contributing_authors": top_authors,
            "contributing_files": top_files,
            "date_range_start": T[0].authored,
            "date_range_end": max(c.authored for c in T),
            "_near": near_peak,
        }


def _developer(res, T, files_of, n_file):
    by_author: dict[str, list[Commit]] = defaultdict(list)
    for c in T:
        by_author[c.author].append(c)
    file_authors: dict[str, set] = defaultdict(set)
    author_file_changes: dict[str, Counter] = defaultdict(Counter)
    for c in T:
        for f in files_of[c.sha]:
            file_authors[f].add(c.author)
            author_file_changes[c.author][f] += 1
    all_dirs = {parent_dir(f) for f in n_file}
    weeks_of = {a: {iso_week(c.utc_date) for c in cs} for a, cs in by_author.items()}

    for a, cs in by_author.items():
        cs = sorted(cs, key=Commit.order_key)
        first, last = cs[0].authored, max(c.authored for c in cs)
        weeks = days(last - first) / 7
        gaps = [days(cs[i + 1].authored - cs[i].authored) for i in range(len(cs) - 1)]
        regularity = cv_population(gaps) if len(cs) >= 3 else None
        mine = author_file_changes[a]
        specialty = sorted((f for f, k in mine.items() if k >= 3 and 2 * k >= n_file[f]),
                           key=lambda f: (-mine[f], f))[:20]
        if len(all_dirs) <= 1:
            spec = 1.0
        else:
            dir_counts = Counter()
            for f, k in mine.items():
                dir_counts[parent_dir(f)] += k
            total = sum(dir_counts.values())
            H = -sum(k / total * math.log(k / total) for k in dir_counts.values())
            spec = 1 - H / math.log(len(all_dirs))
        shared: Counter = Counter()
        for f in mine:
            for other in file_authors[f]:
                if other != a:
                    shared[other] += 1
        collaborators = [o for o, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        collab_files = sorted((f for f in mine if len(file_authors[f]) > 1),
                              key=lambda f: (-len(file_authors[f]), -n_file[f], f))[:20]
        if collaborators:
            overlap = sum(len(weeks_of[a] & weeks_of[o]) / len(weeks_of[a] | weeks_of[o])
                          for o in collaborators) / len(collaborators)
        else:
            overlap = None
        types = Counter(commit_type(c.subject) for c in cs)
        res.developer[a] = {
            "author_name": max(cs, key=Commit.order_key).author_name,
            "commit_count": len(cs),
            "specialty_files": specialty,
            "specialization_score": spec,
            "change_velocity": len(cs) / max(1.0, weeks),
            "consistency_score": len(weeks_of[a]) / iso_weeks_spanned(cs[0].utc_date, max(c.utc_date for c in cs)),
            "commit_regularity_coefficient": regularity,
            "avg_files_per_commit": sum(len(files_of[c.sha]) for c in cs) / len(cs),
            "avg_lines_per_commit": sum(fc.size for c in cs for fc in files_of[c.sha].values()) / len(cs),
            "commit_type_distribution": dict(types),
            "frequent_collaborators": collaborators,
            "collaboration_files": collab_files,
            "temporal_overlap_score": overlap,
            "first_commit_date": first,
            "last_commit_date": last,
            "active_days_count": len({c.local.date() for c in cs}),
        }


def _magnitude(res, T, files_of, n_file, net_all, span_end):
    changes: dict[str, list[tuple[Commit, FileChange]]] = defaultdict(list)
    for c in T:
        for f, fc in files_of[c.sha].items():
            changes[f].append((c, fc))
    all_sizes = [fc.size for c in T for fc in files_of[c.sha].values()]
    p95 = percentile_cont(all_sizes, 0.95)
    files = sorted(changes)
    pr_total = dict(zip(files, percent_rank([len(changes[f]) for f in files])))
    pr_size = dict(zip(files, percent_rank([max(0, net_all[f]) for f in files])))
    span_end_week_date = span_end.astimezone(UTC).date()
    period_ends = [span_end - (11 - j) * PERIOD for j in range(12)]
    for f in files:
        ch = changes[f]
        sizes = [fc.size for _, fc in ch]
        total = len(ch)
        first = min(c.authored for c, _ in ch)
        last = max(c.authored for c, _ in ch)
        avg = sum(sizes) / total
        vol = cv_population([float(s) for s in sizes]) if total > 1 else None
        vol = vol or 0.0
        active_weeks = {iso_week(c.utc_date) for c, _ in ch}
        stability = 1 - len(active_weeks) / iso_weeks_spanned(first.astimezone(UTC).date(),
                                                               span_end_week_date)
        kept = [e for e in period_ends if not e < first]
        counts = [sum(1 for c, _ in ch if e - PERIOD < c.authored <= e) for e in kept]
        in_window = sum(counts)
        coef = trend_coefficient(counts)
        if in_window >= 5 and coef > 0.5:
            trend = "increasing"
        elif in_window >= 5 and coef < -0.5:
            trend = "decreasing"
        elif vol > 1.5:
            trend = "volatile"
        else:
            trend = "stable"
        authors = Counter(c.author for c, _ in ch)
        diversity = 1 - sum((k / total) ** 2 for k in authors.values())
        hotspot = math.sqrt(pr_total[f] * pr_size[f])
        anomaly = sum(1 for s in sizes if s > p95) / total
        r = 0.35 * hotspot + 0.25 * anomaly + 0.20 * (1 - stability) + 0.20 * diversity
        seasons = Counter(season_index(c.local.month) for c, _ in ch)
        statuses = Counter(s for _, fc in ch for s in fc.statuses)
        res.magnitude[f] = {
            "file_extension": file_extension(f),
            "file_category": file_category(f),
            "change_category": ("small" if avg < 10 else "medium" if avg < 50 else "large" if avg < 200
                                else "massive"),
            "avg_lines_per_change": avg,
            "max_lines_changed": max(sizes),
            "change_frequency": total / max(1.0, days(span_end - first) / 7),
            "volatility_score": vol,
            "stability_score": stability,
            "change_trend": trend,
            "trend_coefficient": coef,
            "risk_score": r,
            "risk_level": "critical" if r >= 0.55 else "high" if r >= 0.45 else "medium" if r >= 0.30 else "low",
            "anomaly_score": anomaly,
            "hotspot_score": hotspot,
            "contributor_diversity_score": diversity,
            "change_type_distribution": dict(statuses),
            "seasonal_patterns": [seasons[i] / total for i in range(4)],
            "first_change_date": first,
            "last_change_date": last,
            "total_changes": total,
            "lifespan_days": days(last - first),
            "_near": near(coef, 0.5, -0.5) or near(vol, 1.5) or near(r, 0.55, 0.45, 0.30),
            "_authors": authors,
            "_fix_share": sum(1 for c, _ in ch if commit_type(c.subject) == "fix") / total,
        }


def _insights(res):
    out, border = res.insights, res.borderline["insights"]

    def add(kind, subject, conf, *edges):
        key = (kind, subject)
        if any(edges):
            border.add(key)
        if conf >= 0.70:
            out[key] = {"confidence_score": conf}

    for (f1, f2), row in res.cooccurrence.items():
        conf = row["confidence_score"]
        if top_dir(f1) == top_dir(f2):
            continue
        if row["pattern_strength"] in ("strong", "very_strong"):
            add("file_coupling", f"{f1}|{f2}", conf)
    for ptype in ("hourly", "daily"):
        row = res.temporal.get(ptype)
        if not row:
            continue
        edge = near(row["p_value"], 0.01) or row["_near"]
        if row["p_value"] <= 0.01 and row["peak_periods"]:
            add("temporal_patterns", ptype, 1 - row["p_value"], edge)
        elif edge:
            border.add(("temporal_patterns", ptype))
    for a, row in res.developer.items():
        if row["commit_count"] < 20:
            continue
        edge = near(row["specialization_score"], 0.8)
        if row["specialization_score"] >= 0.80:
            add("developer_specialization", a, row["specialization_score"], edge)
        elif edge:
            border.add(("developer_specialization", a))
    by_dir: dict[str, list[float]] = defaultdict(list)
    near_dirs = set()
    for f, row in res.magnitude.items():
        total = row["total_changes"]
        if total >= 10:
            top_share = max(row["_authors"].values()) / total
            if top_share >= 0.90:
                add("collaboration_gaps", f, top_share)
        edge = near(row["risk_score"], 0.45)
        if row["risk_level"] in ("high", "critical"):
            add("high_risk_files", f, 0.5 + row["risk_score"] / 2, edge)
        elif edge:
            border.add(("high_risk_files", f))
        if total >= 5 and row["anomaly_score"] >= 0.5:
            add("change_anomalies", f, max(row["anomaly_score"], 0.7))
        if total >= 5 and row["_fix_share"] >= 0.5:
            add("quality_concerns", f, row["_fix_share"])
        if row["hotspot_score"] >= 0.8:
            by_dir[parent_dir(f)].append(row["hotspot_score"])
        if near(row["hotspot_score"], 0.8):
            near_dirs.add(parent_dir(f))
    for d, scores in by_dir.items():
        if len(scores) >= 3:
            add("architectural_hotspots", d, sum(scores) / len(scores), d in near_dirs)
    for d in near_dirs:
        border.add(("architectural_hotspots", d))


# --------------------------------------------------------------------------- suggestions (section 6)
#
# Readings of section 6:
#  S1. "Newest" orders commits by authored time, then commit order (committed time,
#      generation, sha), as the replay sorts them.
#  S2. A query path names every file one of its changes belongs to: the latest path of each
#      change at the path and of each rename away from it.
#  S3. Deleted as of the latest commit: the file's last change in commit order is a delete
#      (a D among the rows of that commit that map to it).
#  S4. The contributing query file of a candidate is the q of its largest term s(q,x)/S(q)
#      (confidence: n(q,x)/n(q)), ties by n(q,x) descending, then q's path.
#  S5. The evidence of a row: of q's last 20 counted changes (newest by S1), how many
#      changed the candidate too, and how many of those were the author's.

HALF_LIFE = 16
AUTHOR_WEIGHT = 2
RECENT_WINDOW = 20


def newest_key(c: Commit):
    return (c.authored, c.committed, c.generation, c.sha)


def suggest(commits: list[Commit], files: list[str], k: int = 10, author: str | None = None,
            ranking: str = "recent", max_changeset_size: int = 30) -> list[dict]:
    """api.suggest_cochanges from scratch: every candidate row, best first, then the first k."""
    latest = lineage(commits)
    queries = {latest[(c.sha, i)] for c in commits for i, ch in enumerate(c.changes)
               if ch.path in files or (ch.status == "R" and ch.old_path in files)}
    files_of: dict[str, set[str]] = {}
    statuses: dict[str, dict[str, list[str]]] = {}
    for c in commits:
        if c.is_merge or not c.changes:
            continue
        fm: dict[str, list[str]] = defaultdict(list)
        for i, ch in enumerate(c.changes):
            fm[latest[(c.sha, i)]].append(ch.status)
        statuses[c.sha] = fm
        files_of[c.sha] = set(fm)
    last_change: dict[str, Commit] = {}
    for c in sorted((c for c in commits if c.sha in files_of), key=lambda c: (c.committed, c.generation, c.sha)):
        for f in files_of[c.sha]:
            last_change[f] = c
    deleted = {f for f, c in last_change.items() if "D" in statuses[c.sha][f]}
    counted = sorted((c for c in commits if c.sha in files_of and len(files_of[c.sha]) <= max_changeset_size),
                     key=newest_key, reverse=True)
    a = author.lower() if author else None
    beta = AUTHOR_WEIGHT if a else 0
    terms: dict[str, list[tuple]] = defaultdict(list)  # candidate -> (term, nqx, q, n)
    recent: dict[str, list[Commit]] = {}
    for q in queries:
        history = [c for c in counted if q in files_of[c.sha]]
        if not history:
            continue
        recent[q] = history[:RECENT_WINDOW]
        weights = [2 ** (-j / HALF_LIFE) * (1 + beta * (c.author == a)) for j, c in enumerate(history)]
        total = sum(weights)
        s: dict[str, float] = defaultdict(float)
        nqx: Counter = Counter()
        for w, c in zip(weights, history):
            for x in files_of[c.sha] - {q}:
                s[x] += w
                nqx[x] += 1
        for x in s:
            if x in queries:
                continue
            term = s[x] / total if ranking == "recent" else nqx[x] / len(history)
            terms[x].append((term, nqx[x], q, len(history)))
    rows = []
    for x, ts in terms.items():
        if x in deleted:
            continue
        ordered = sorted(ts, key=lambda t: (-t[0], -t[1], t[2]))
        term, n_qx, q, n = ordered[0]
        # Whether another q's term equals the best but for rounding (which q contributes is then open).
        tied = len(ordered) > 1 and math.isclose(ordered[1][0], term, rel_tol=1e-9)
        score = sum(t[0] for t in ts) if ranking == "recent" else term
        shared = [c for c in recent[q] if x in files_of[c.sha]]
        rows.append({"file_path": x, "score": score, "confidence": n_qx / n, "cochanges": n_qx, "query_file": q,
                     "query_changes": n, "recent_cochanges": len(shared), "recent_changes": len(recent[q]),
                     "author_cochanges": sum(c.author == a for c in shared) if a else None, "tied": tied})
    rows.sort(key=lambda r: (-r["score"], -r["cochanges"], r["file_path"]))
    return rows[:k]
