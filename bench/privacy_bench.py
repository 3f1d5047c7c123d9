"""Privacy benchmark: what forgetting costs (at ingest and when asked), and deleting a project.

    python bench/privacy_bench.py [--commits 10000 100000]

On each synthetic history (50 authors), each case on a fresh database of the benchmarks' cluster:
- ingest with the commits_keep_forgotten trigger dropped, with nobody forgotten, and with one
  of the authors forgotten beforehand (every commit hashed and looked up, 1/50 rewritten);
- api.forget_identity of one author after the ingest and its live-state counting;
- api.project_delete of the whole project.
Writes a Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import (  # noqa: E402
    apply_updates,
    bench_cluster,
    fresh_database,
    machine,
    measure_ingest,
    synthetic,
    write_report,
)


def timed(conninfo: str, statement: str, params: tuple) -> tuple[float, list]:
    with psycopg.connect(conninfo) as conn:
        started = time.monotonic()
        rows = conn.execute(statement, params).fetchall()
        conn.commit()
        return time.monotonic() - started, rows


def run(server, commits: int) -> list[str]:
    path = synthetic(commits)
    ingests = {}
    for case in ("no trigger", "nobody forgotten", "one of 50 forgotten"):
        conninfo = fresh_database(server, "privacy_bench")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            if case == "no trigger":
                conn.execute("DROP TRIGGER commits_keep_forgotten ON git.commits")
            if case == "one of 50 forgotten":
                conn.execute("SELECT api.forget_identity('dev07@example.com')").fetchall()
        ingests[case] = measure_ingest(conninfo, path, "synthetic", 1000)
        print(f"{commits}: ingest, {case}: {ingests[case]['seconds']:.1f} s", file=sys.stderr)

    apply_updates(conninfo)
    forget_s, changed = timed(conninfo, "SELECT * FROM api.forget_identity(%s)", ("dev03@example.com",))
    rows = sum(r[1] for r in changed)
    print(f"{commits}: forget: {forget_s:.2f} s, {rows} rows", file=sys.stderr)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        held = sum(r[1] for r in conn.execute("SELECT * FROM api.project_rows('synthetic')"))
    delete_s, _ = timed(conninfo, "SELECT * FROM api.project_delete(%s)", ("synthetic",))
    print(f"{commits}: project delete: {delete_s:.2f} s, {held} rows", file=sys.stderr)

    base = ingests["no trigger"]["seconds"]
    lines = [f"## Synthetic, {commits} commits", "",
             "| what | seconds | against no trigger |", "| --- | ---: | ---: |"]
    lines += [f"| ingest, {case} | {r['seconds']:.1f} | {r['seconds'] / base - 1:+.1%} |"
              for case, r in ingests.items()]
    return lines + [f"| forget one author ({rows} rows changed, live state counted) | {forget_s:.2f} | |",
                    f"| project delete ({held} rows) | {delete_s:.2f} | |", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    server = bench_cluster()
    server.start()
    lines = ["# Privacy: what forgetting costs at ingest and when asked; deleting a project", "",
             f"Machine: {machine()}", ""]
    for commits in args.commits:
        lines += run(server, commits)
    lines.append("One run each on a 2-core machine shared with other work: differences of a few percent are noise.")
    write_report(args.out, "privacy", lines)


if __name__ == "__main__":
    main()
