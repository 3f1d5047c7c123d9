"""Ingest benchmark: time against the `git log` it reads, commits per second, peak memory.

    python bench/ingest_bench.py [--real PATH ...] [--commits 10000]

Runs on a throwaway cluster (durable settings, as a user would run it) and writes a
Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import generate  # noqa: E402
from pgpattern.gitlog import Repository  # noqa: E402
from pgpattern.migrations import Migrator  # noqa: E402
from pgpattern.server import LocalServer  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "pgpattern-bench"
PGPATTERN = Path(sys.executable).parent / "pgpattern"
DEFAULT_REAL = Path("/work/.mirror/redis+redis/repo")  # measured when present and no --real is given

# Ingest in a fresh interpreter that reports its own peak RSS (git's processes are not counted).
MEASURE = """
import json, resource, sys, time
from pgpattern.ingest import ingest
started = time.monotonic()
r = ingest(sys.argv[1], sys.argv[2], project=sys.argv[3], batch_size=int(sys.argv[4]))
print(json.dumps({"seconds": time.monotonic() - started, "commits": r.new_commits, "changes": r.new_changes,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{socket.gethostname()}: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.platform()}, {git}"


def real_histories(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The real histories given that are on this machine, and a report note for each that is
    not: CI has no network, so a bench skips them rather than stop."""
    return [p for p in paths if p.exists()], [f"{p}: not on this machine, skipped." for p in paths if not p.exists()]


def write_report(out: Path, kind: str, lines: list[str]) -> Path:
    """bench/results/DATE-HOST-KIND.md: the date and the machine in the name."""
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"{datetime.now(UTC):%Y-%m-%d}-{socket.gethostname()}-{kind}.md"
    report.write_text("\n".join(lines) + "\n")
    print(f"wrote {report}", file=sys.stderr)
    return report


def time_git_log(path: Path) -> float:
    repo = Repository(path)
    command = repo.log_command(repo.resolve("HEAD"), [], "pgpattern-bench-marker")
    started = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - started


def bench_cluster(name: str = "cluster", database: str = "bench") -> LocalServer:
    """The benchmarks' embedded cluster under CACHE (not started), its directory readable by the server user."""
    CACHE.mkdir(parents=True, exist_ok=True)
    CACHE.chmod(0o755)
    return LocalServer(CACHE / name, database=database)


def fresh_database(server: LocalServer, name: str) -> str:
    import psycopg
    with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    conninfo = server.conninfo(name)
    with Migrator(conninfo) as m:
        m.migrate()
    return conninfo


def apply_updates(conninfo: str) -> None:
    """Apply every queued pattern update (a bulk ingest's live-state counting among them)."""
    import psycopg
    with psycopg.connect(conninfo, autocommit=True) as conn:
        while conn.execute("SELECT patterns.process_pattern_updates(10)").fetchone()[0]:
            pass


def measure_ingest(conninfo: str, path: Path, project: str, batch: int) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, conninfo, str(path), project, str(batch)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def synthetic(commits: int) -> Path:
    path = CACHE / f"synthetic-{commits}.git"
    if not (path / "HEAD").exists():
        print(f"generating {path} ...", file=sys.stderr)
        generate(path, commits=commits, files=min(5000, max(1000, commits // 5)), authors=50)
    return path


def one_new_commit(conninfo: str, path: Path, project: str, runs: int = 5) -> list[float]:
    """Wall time of the `pgpattern ingest` a hook starts, for one new commit on top of the history."""
    timings = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for i in range(runs):
        tree = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD^{tree}"], capture_output=True,
                              text=True, check=True).stdout.strip()
        sha = subprocess.run(["git", "-C", str(path), "commit-tree", tree, "-p", "HEAD", "-m", f"bench {i}"],
                             capture_output=True, text=True, check=True,
                             env={**env, "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@x",
                                  "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@x"}).stdout.strip()
        subprocess.run(["git", "-C", str(path), "update-ref", "HEAD", sha], check=True)
        started = time.monotonic()
        subprocess.run([str(PGPATTERN), "ingest", "--quiet", "--dsn", conninfo, "--project", project, str(path)],
                       check=True, env=env)
        timings.append(time.monotonic() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", type=Path, action="append", default=[],
                        help="A real repository to ingest (repeatable). "
                             "Default: /work/.mirror/redis+redis/repo if present.")
    parser.add_argument("--commits", type=int, default=10_000, help="Commits of the synthetic history.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    reals, missing = real_histories(args.real or [p for p in [DEFAULT_REAL] if p.exists()])

    server = bench_cluster()
    server.start()
    lines = [f"# Ingest benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", f"PostgreSQL {server.version()} (durable settings, embedded cluster)", ""]
    try:
        histories = [(f"synthetic {args.commits:,} commits", synthetic(args.commits))] + \
                    [(f"real: {p}", p) for p in reals]
        lines += ["## Ingest against the git log it reads", "",
                  "| history | commits | file changes | git log s | ingest s | ratio | commits/s | peak RSS MB |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for label, path in histories:
            git_seconds = time_git_log(path)
            conninfo = fresh_database(server, "bench_ingest")
            r = measure_ingest(conninfo, path, "bench", 1000)
            lines.append(f"| {label} | {r['commits']:,} | {r['changes']:,} | {git_seconds:.1f} | {r['seconds']:.1f} "
                         f"| {r['seconds'] / git_seconds:.2f} | {r['commits'] / r['seconds']:,.0f} "
                         f"| {r['rss_mb']:.0f} |")
            print(lines[-1], file=sys.stderr)

        lines += ["", "## Peak memory against batch size and history length", "",
                  "| history | batch size | peak RSS MB |", "| --- | --- | --- |"]
        small = synthetic(max(1000, args.commits // 10))
        for label, path, batch in [(f"synthetic {max(1000, args.commits // 10):,}", small, 1000),
                                   (f"synthetic {args.commits:,}", synthetic(args.commits), 100),
                                   (f"synthetic {args.commits:,}", synthetic(args.commits), 1000),
                                   (f"synthetic {args.commits:,}", synthetic(args.commits), 5000)]:
            conninfo = fresh_database(server, "bench_memory")
            r = measure_ingest(conninfo, path, "bench", batch)
            lines.append(f"| {label} | {batch} | {r['rss_mb']:.0f} |")
            print(lines[-1], file=sys.stderr)

        lines += ["", "## One new commit, end to end", "",
                  "The `pgpattern ingest` a hook starts (process start included), for one new commit on top of "
                  f"the ingested synthetic {args.commits:,}-commit history.", ""]
        work = CACHE / "one-commit.git"
        subprocess.run(["rm", "-rf", str(work)], check=True)
        subprocess.run(["git", "clone", "-q", "--bare", str(synthetic(args.commits)), str(work)], check=True)
        conninfo = fresh_database(server, "bench_one")
        measure_ingest(conninfo, work, "bench", 1000)
        timings = one_new_commit(conninfo, work, "bench")
        lines.append(f"5 runs: median {statistics.median(timings):.2f} s, max {max(timings):.2f} s "
                     f"({', '.join(f'{t:.2f}' for t in timings)})")
        print(lines[-1], file=sys.stderr)
    finally:
        server.stop()
    lines += [""] + missing if missing else []
    write_report(args.out, "ingest", lines)


if __name__ == "__main__":
    main()
