"""Real-time pattern update benchmark: from a commit's ingest to its patterns being updated.

    python bench/update_bench.py [--sizes 10000,100000] [--real PATH ...] [--commits 20] [--burst 300]
                                 [--replay 50]

For each synthetic history (a copy of the cached one, since commits are added to it): ingest,
a full discovery, and the first update (which counts the bulk ingest into the live state and
syncs the run with it). Then, with `pgpattern worker` running, commits are made one at a time
and ingested as the post-commit hook does; for each, the latency from the queue entry (made by
the ingest's trigger) to its update completing, and from starting `pgpattern ingest` to that;
then the rescore that update queued (what the commit moves of every other pattern), timed on
its own before the next commit. Real histories (`--real PATH`, skipped with a note when absent)
are measured the same way on a bare copy.
With `--replay N`, each real history is also replayed: its default branch is set back N commits
along the first parents, the rest ingested, and then the branch moved forward one first-parent
commit at a time (a merge brings its branch's commits, authored before commits already
ingested: those are placed in time order among them, and every later commit's place moves),
each ingested and its update timed end to end as above.
Last, a burst of commits ingested one per transaction as fast as ingest goes: how many commits
per second the worker keeps up with, and in how many update runs. Runs on the bench cluster
(durable settings) and writes a Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import (  # noqa: E402
    CACHE,
    PGPATTERN,
    apply_updates,
    bench_cluster,
    fresh_database,
    machine,
    real_histories,
    synthetic,
    write_report,
)
from pgpattern.ingest import ingest  # noqa: E402
from pgpattern.server import LocalServer  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def git(repo: Path, *args: str, stdin: str | None = None, env: dict | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, text=True,
                          check=True, env=env or GIT_ENV).stdout.strip()


class Committer:
    """Commits to a bare repository without a work tree: a few of its files changed, each time others."""

    def __init__(self, repo: Path):
        self.repo = repo
        self.files = [f for f in git(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD").split("\0") if f]
        self.index = {**GIT_ENV, "GIT_INDEX_FILE": str(Path(tempfile.mkdtemp()) / "index")}
        self.count = 0

    def commit(self, files: int = 3) -> str:
        self.count += 1
        chosen = [self.files[(self.count * 7919 + i * 104729) % len(self.files)] for i in range(files)]
        git(self.repo, "read-tree", "HEAD", env=self.index)
        for path in chosen:
            blob = git(self.repo, "hash-object", "-w", "--stdin", stdin=f"bench change {self.count} of {path}\n")
            git(self.repo, "update-index", "--cacheinfo", f"100644,{blob},{path}", env=self.index)
        tree = git(self.repo, "write-tree", env=self.index)
        # Dated after HEAD, as a new commit is in a real repository: the synthetic histories
        # end in the future, and a commit older than its parent makes git walk the whole
        # history to list what is new (its clock-skew slop), which is not what is measured.
        when = max(int(time.time()), int(git(self.repo, "log", "-1", "--format=%ct", "HEAD")) + 60)
        dated = {**GIT_ENV, "GIT_AUTHOR_DATE": f"{when} +0000", "GIT_COMMITTER_DATE": f"{when} +0000"}
        sha = git(self.repo, "commit-tree", tree, "-p", "HEAD", "-m", f"feat: bench change {self.count}",
                  env=dated)
        git(self.repo, "update-ref", "HEAD", sha)
        return sha


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wait_for_queue(conninfo: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    with psycopg.connect(conninfo, autocommit=True) as conn:
        while conn.execute("SELECT count(*) FROM patterns.pattern_update_queue WHERE status = 'pending'").fetchone()[0]:
            if time.monotonic() > deadline:
                raise RuntimeError("the queue did not drain")
            time.sleep(0.05)


def real_label(path: Path) -> str:
    """A real history's name: its directory's, or its parent's for a fetched mirror (owner+name/repo)."""
    path = path.resolve()
    return (path.parent.name if path.name in ("repo", ".git") else path.name).removesuffix(".git")


def slug_of(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label)


def mirror(source: Path, repo: Path) -> None:
    subprocess.run(["rm", "-rf", str(repo)], check=True)
    # --mirror keeps refs/replace: a real history whose snapshot lacks a few blobs can
    # stand them in with `git replace` and still be measured.
    subprocess.run(["git", "clone", "-q", "--mirror", str(source), str(repo)], check=True, env=ENV)


def prepared_database(server: LocalServer, name: str, repo: Path) -> tuple[str, dict]:
    """A fresh database with the repository ingested, discovered and its live state counted."""
    conninfo = fresh_database(server, name)
    seconds = {}
    started = time.monotonic()
    ingest(conninfo, str(repo), project="bench", batch_size=5000)
    seconds["ingest_s"] = time.monotonic() - started
    with psycopg.connect(conninfo, autocommit=True) as conn:
        started = time.monotonic()
        conn.execute("SELECT patterns.discover_patterns('bench')")
        seconds["discover_s"] = time.monotonic() - started
    started = time.monotonic()
    apply_updates(conninfo)
    seconds["sync_s"] = time.monotonic() - started
    return conninfo, seconds


def ingest_and_wait(conn: psycopg.Connection, conninfo: str, repo: Path) -> tuple:
    """Runs `pgpattern ingest` as the hook does; returns when the update it queued completed:
    (the time ingest started, the update's queue entry: completed_at, enqueued_at)."""
    before = conn.execute("SELECT coalesce(max(id), 0) FROM patterns.pattern_update_queue").fetchone()[0]
    wall = conn.execute("SELECT clock_timestamp()").fetchone()[0]
    subprocess.run([str(PGPATTERN), "ingest", "--quiet", "--dsn", conninfo, "--project", "bench", str(repo)],
                   check=True, env=ENV)
    while not (row := conn.execute(
            """SELECT q.completed_at, q.enqueued_at FROM patterns.pattern_update_queue q
                WHERE q.id > %s AND q.status = 'completed' AND q.trigger_type = 'git_commit'
                ORDER BY q.id LIMIT 1""", (before,)).fetchone()):
        time.sleep(0.01)
    return wall, *row


def last_run_ms(conn: psycopg.Connection, update_type: str) -> int:
    return conn.execute("SELECT execution_time_ms FROM patterns.pattern_update_metrics WHERE update_type = %s "
                        "ORDER BY completed_at DESC LIMIT 1", (update_type,)).fetchone()[0]


def bench_history(server: LocalServer, label: str, source: Path, commits: int, burst: int) -> dict:
    repo = CACHE / f"update-{slug_of(label)}.git"
    mirror(source, repo)
    conninfo, setup = prepared_database(server, f"bench_update_{slug_of(label)}", repo)

    worker = subprocess.Popen([str(PGPATTERN), "worker", "--dsn", conninfo, "--quiet"], env=ENV)
    try:
        time.sleep(1)
        committer = Committer(repo)
        queue_ms, end_to_end_ms, update_ms, rescore_ms = [], [], [], []
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for _ in range(commits):
                committer.commit()
                wall, completed, enqueued = ingest_and_wait(conn, conninfo, repo)
                queue_ms.append((completed - enqueued).total_seconds() * 1000)
                end_to_end_ms.append((completed - wall).total_seconds() * 1000)
                update_ms.append(last_run_ms(conn, "incremental"))
                wait_for_queue(conninfo)
                rescore_ms.append(last_run_ms(conn, "rescore"))

            result = {"label": label, **setup, "queue_ms": queue_ms, "end_to_end_ms": end_to_end_ms,
                      "update_ms": update_ms, "rescore_ms": rescore_ms, "burst": burst}
            if not burst:
                return result
            # A burst: commits made first, then ingested one per transaction as fast as ingest goes.
            for _ in range(burst):
                committer.commit()
            runs_before = conn.execute("SELECT count(*) FROM patterns.pattern_update_metrics").fetchone()[0]
            first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM patterns.pattern_update_queue").fetchone()[0]
            started = time.monotonic()
            ingest(conninfo, str(repo), project="bench", batch_size=1)
            ingest_burst_s = time.monotonic() - started
            wait_for_queue(conninfo)
            span = conn.execute(
                """SELECT extract(epoch FROM max(completed_at) - min(enqueued_at)), count(*)
                     FROM patterns.pattern_update_queue WHERE id >= %s""", (first_id,)).fetchone()
            runs = conn.execute("SELECT count(*) FROM patterns.pattern_update_metrics").fetchone()[0] - runs_before
            failed = conn.execute(
                "SELECT count(*) FROM patterns.pattern_update_queue WHERE status = 'failed'").fetchone()[0]
    finally:
        worker.terminate()
        worker.wait(30)
    return result | {"burst_ingest_s": ingest_burst_s, "burst_span_s": float(span[0]), "burst_entries": span[1],
                     "burst_runs": runs, "failed": failed}


def bench_replay(server: LocalServer, label: str, source: Path, steps: int) -> dict:
    """The history's last `steps` first-parent commits ingested one at a time, as they landed."""
    repo = CACHE / f"replay-{slug_of(label)}.git"
    mirror(source, repo)
    branch = git(repo, "symbolic-ref", "HEAD")
    landed = list(reversed(git(repo, "rev-list", "--first-parent", "-n", str(steps), "HEAD").split()))
    git(repo, "update-ref", branch, f"{landed[0]}^1")
    conninfo, _ = prepared_database(server, f"bench_replay_{slug_of(label)}", repo)

    worker = subprocess.Popen([str(PGPATTERN), "worker", "--dsn", conninfo, "--quiet"], env=ENV)
    rows = []
    try:
        time.sleep(1)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for sha in landed:
                git(repo, "update-ref", branch, sha)
                newest, last_id = conn.execute("SELECT max(authored_at), max(commit_id) FROM git.commits").fetchone()
                wall, completed, _ = ingest_and_wait(conn, conninfo, repo)
                commits, late, earliest_late = conn.execute(
                    """SELECT count(*), count(*) FILTER (WHERE authored_at < %s),
                              min(authored_at) FILTER (WHERE authored_at < %s)
                         FROM git.commits WHERE commit_id > %s""", (newest, newest, last_id)).fetchone()
                moved = conn.execute("SELECT count(*) FROM patterns.live_commits WHERE authored_at > %s",
                                     (earliest_late,)).fetchone()[0] if late else 0
                update_ms = last_run_ms(conn, "incremental")
                wait_for_queue(conninfo)
                rows.append({"commits": commits, "late": late, "moved": moved, "update_ms": update_ms,
                             "rescore_ms": last_run_ms(conn, "rescore"),
                             "end_to_end_ms": (completed - wall).total_seconds() * 1000})
    finally:
        worker.terminate()
        worker.wait(30)
    return {"label": label, "steps": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--real", type=Path, action="append", default=[],
                        help="A real repository to measure too (a clone or a bare mirror; skipped when absent).")
    parser.add_argument("--commits", type=int, default=20, help="Single commits timed per history.")
    parser.add_argument("--burst", type=int, default=300, help="Commits of the throughput burst.")
    parser.add_argument("--replay", type=int, default=50,
                        help="First-parent commits of each real history replayed one at a time (0: none).")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    server = bench_cluster()
    server.start()
    results, replays = [], []
    reals, notes = real_histories(args.real)
    histories = [(f"synthetic {int(s):,}", synthetic(int(s))) for s in args.sizes.split(",") if s]
    histories += [(real_label(path), path) for path in reals]
    try:
        for label, source in histories:
            results.append(bench_history(server, label, source, args.commits, args.burst))
            print(results[-1], file=sys.stderr)
        for path in reals if args.replay else []:
            replays.append(bench_replay(server, real_label(path), path, args.replay))
            print(replays[-1], file=sys.stderr)
    finally:
        server.stop()

    lines = [f"# Real-time pattern update benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}",
             "PostgreSQL (durable settings, embedded cluster); `pgpattern worker` running.", "",
             "## Setting up: bulk ingest, full discovery, first update (counts the bulk ingest, syncs the run)", "",
             "| history | ingest s | discovery s | first update s |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['label']} | {r['ingest_s']:.1f} | {r['discover_s']:.1f} | {r['sync_s']:.1f} |"
              for r in results]
    lines += ["", "## One commit (3 files) at a time, ingested as the post-commit hook does", "",
              "Queued to updated: from the ingest trigger's queue entry to the update completing (target p95 < 1 s). "
              "End to end: from starting `pgpattern ingest` (a new process) to the update completing. "
              "Update: the update's own run time (pattern_update_metrics.execution_time_ms). "
              "Rescore: the run time of the rescore entry the update queued (every other pattern's N-, span- and "
              "rank-dependent scores, the other authors of the changed files, the insights), which runs when no "
              "commit is waiting.", "",
              "| history | commits | queued to updated p50 / p95 ms | end to end p50 / p95 ms | update p50 / p95 ms "
              "| rescore p50 / p95 ms |", "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        cells = [f"{statistics.median(r[k]):.0f} / {percentile(r[k], 0.95):.0f}"
                 for k in ("queue_ms", "end_to_end_ms", "update_ms", "rescore_ms")]
        lines.append(f"| {r['label']} | {len(r['queue_ms'])} | {' | '.join(cells)} |")
    if any(r["burst"] for r in results):
        lines += ["", "## Throughput: a burst of commits ingested one per transaction", "",
                  "| history | commits | ingest s | first queued to last updated s | commits/s kept up with "
                  "| update runs | failed |", "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {r['label']} | {r['burst']} | {r['burst_ingest_s']:.1f} | {r['burst_span_s']:.1f} | "
                  f"{r['burst'] / r['burst_span_s']:.1f} | {r['burst_runs']} | {r['failed']} |"
                  for r in results if r["burst"]]
    if replays:
        lines += ["", "## Replay: the last first-parent commits of a real history, ingested one at a time", "",
                  "Each step moves the default branch one first-parent commit forward and ingests: a merge brings "
                  "its branch's commits. Late: commits authored before the newest already ingested (placed among "
                  "them in time order); moved: the commits authored after the earliest late one, whose place in "
                  "time order moved. End to end as above.", "",
                  "| history | steps | commits per step, max | late commits | steps with late commits | "
                  "moved per such step, p50 / max | end to end p50 / p95 / max ms | update p50 / p95 ms "
                  "| rescore p50 / p95 ms |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for r in replays:
            steps = r["steps"]
            late_steps = [s for s in steps if s["late"]]
            moved = [s["moved"] for s in late_steps] or [0]
            e2e = [s["end_to_end_ms"] for s in steps]
            upd = [s["update_ms"] for s in steps]
            rescore = [s["rescore_ms"] for s in steps]
            lines.append(f"| {r['label']} | {len(steps)} | {max(s['commits'] for s in steps)} | "
                         f"{sum(s['late'] for s in steps)} | {len(late_steps)} | "
                         f"{statistics.median(moved):.0f} / {max(moved)} | {statistics.median(e2e):.0f} / "
                         f"{percentile(e2e, 0.95):.0f} / {max(e2e):.0f} | {statistics.median(upd):.0f} / "
                         f"{percentile(upd, 0.95):.0f} | {statistics.median(rescore):.0f} / "
                         f"{percentile(rescore, 0.95):.0f} |")
    lines += [""] + notes if notes else []
    write_report(args.out, "updates", lines)


if __name__ == "__main__":
    main()
