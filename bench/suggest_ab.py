"""Two layouts of the suggestion state side by side: the same history in two databases of the bench
cluster, one migrated to main and one to a branch (make B from A with CREATE DATABASE b TEMPLATE a,
then migrate it). On a shared machine only interleaved runs compare: every measurement alternates
A and B, query by query or run by run.

    python bench/suggest_ab.py --a ans_main --b ans_new [--cluster cluster] [--rounds 3] [--seconds 20] [--label L]

- answers: 500 api.suggest_cochanges calls drawn from A's history (one file with and without its
  author, a hot file, two or three files of one commit; both rankings; k 10 or 30), compared row
  by row: the same files in the same order, every column equal, floats to 1e-12 relative;
- latency, one client, the calls alternating A and B: the bench's three kinds of query;
- latency, pgbench (prepared, 2 threads) with 1 and with 50 clients, A and B runs alternating;
- the upkeep: patterns.live_recency appending one of the 20 newest commits (2 to 30 files) as
  its files' newest, and patterns.recency_recompute of its files, each in a rolled-back
  transaction; a full patterns.recency_recompute;
- bytes of the recency state after VACUUM FULL.

Both databases need suggest_bench.prepare()'s query tables (made here when missing). Writes a
Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.discovery_bench import SCRIPTS, pgbench_latency  # noqa: E402
from bench.ingest_bench import bench_cluster, machine, write_report  # noqa: E402
from bench.suggest_bench import prepare  # noqa: E402

SUGGEST = "SELECT * FROM api.suggest_cochanges('bench', %s, %s, %s, %s)"
# The recency state as either layout has it (a table absent in one counts 0 there).
STATE = ("pair_author_recency", "file_author_recency", "file_pair_counts")


def draw_queries(conn: psycopg.Connection, count: int = 500) -> list[tuple]:
    rng = random.Random(12)
    changes = conn.execute("""SELECT g.path, c.author_key FROM patterns.live_changes l
                                JOIN patterns.live_commits c USING (project_id, commit_id)
                                JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
                               WHERE c.files <= 30 ORDER BY l.commit_id, l.file_id""").fetchall()
    hot = conn.execute("SELECT file_path, author_key FROM public.bench_hot ORDER BY i").fetchall()
    commits = conn.execute("""SELECT array_agg(g.path ORDER BY g.path), min(c.author_key) FROM patterns.live_changes l
                                JOIN patterns.live_commits c USING (project_id, commit_id)
                                JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
                               WHERE c.files BETWEEN 2 AND 6 GROUP BY c.commit_id ORDER BY c.commit_id""").fetchall()
    queries = []
    for i in range(count):
        if i % 5 in (0, 1):
            path, author = rng.choice(changes)
            files = [path]
        elif i % 5 == 2:
            path, author = rng.choice(hot)
            files = [path]
        else:
            paths, author = rng.choice(commits)
            files = rng.sample(paths, min(len(paths), rng.choice([2, 3])))
        queries.append((files, rng.choice([10, 10, 30]), None if rng.random() < 0.35 else author,
                        "recent" if rng.random() < 0.7 else "confidence"))
    return queries


def compare_answers(a: psycopg.Connection, b: psycopg.Connection, queries: list[tuple],
                    rel_tol: float = 1e-12) -> tuple[int, int, float, list]:
    """The calls whose answers differ: other files or order, or a column not equal (floats within
    rel_tol; 0: bit for bit)."""
    rows = 0
    worst = 0.0
    differ = []
    for q in queries:
        got_a, got_b = a.execute(SUGGEST, q).fetchall(), b.execute(SUGGEST, q).fetchall()
        same = [r[0] for r in got_a] == [r[0] for r in got_b]
        for ra, rb in zip(got_a, got_b) if same else ():
            rows += 1
            for x, y in zip(ra, rb):
                if isinstance(x, float):
                    worst = max(worst, abs(x - y) / max(abs(x), 1e-300))
                    same = same and (repr(x) == repr(y) if rel_tol == 0 else math.isclose(x, y, rel_tol=rel_tol))
                else:
                    same = same and x == y
        if not same:
            differ.append(q)
    return len(queries), rows, worst, differ


def interleaved_latency(a: psycopg.Connection, b: psycopg.Connection, count: int) -> dict:
    asks = a.execute("SELECT file_path, author_key FROM public.bench_queries ORDER BY i LIMIT %s", (count,)).fetchall()
    hot = a.execute("SELECT file_path, author_key FROM public.bench_hot ORDER BY i").fetchall()
    kinds = {"one file and its author": [([f], 10, au, "recent") for f, au in asks],
             "hot file and an author": [([f], 10, au, "recent") for f, au in hot] * 10,
             "hot file, no author": [([f], 10, None, "recent") for f, _ in hot] * 10,
             "confidence": [([f], 10, None, "confidence") for f, _ in asks]}
    times: dict = {}
    for kind, calls in kinds.items():
        for i, call in enumerate(calls):
            for side, conn in (("A", a), ("B", b)) if i % 2 == 0 else (("B", b), ("A", a)):
                started = time.perf_counter()
                conn.execute(SUGGEST, call).fetchall()
                times.setdefault((kind, side), []).append((time.perf_counter() - started) * 1000)
    return times


def upkeep(a: psycopg.Connection, b: psycopg.Connection) -> dict:
    commits = [r[0] for r in a.execute("""SELECT commit_id FROM patterns.live_commits WHERE files BETWEEN 2 AND 30
                                            ORDER BY ordinal DESC LIMIT 20""")]
    steps = {"append (live_recency)": "SELECT patterns.live_recency(%(p)s, NULL, "
                                      "ARRAY(SELECT n FROM patterns.live_changes_of(%(p)s, ARRAY[%(c)s]::bigint[]) n))",
             "recompute (recency_recompute)": "SELECT patterns.recency_recompute(%(p)s, ARRAY(SELECT n.file_path "
                                              "FROM patterns.live_changes_of(%(p)s, ARRAY[%(c)s]::bigint[]) n))"}
    times: dict = {}
    for rep in range(2):
        for i, commit in enumerate(commits):
            for side, conn in (("A", a), ("B", b)) if (i + rep) % 2 == 0 else (("B", b), ("A", a)):
                project = conn.execute("SELECT patterns.project_id('bench')").fetchone()[0]
                for step, statement in steps.items():
                    with conn.transaction(force_rollback=True):
                        started = time.perf_counter()
                        conn.execute(statement, {"p": project, "c": commit})
                        times.setdefault((step, side), []).append((time.perf_counter() - started) * 1000)
    for rep in range(2):
        for side, conn in (("A", a), ("B", b)) if rep == 0 else (("B", b), ("A", a)):
            with conn.transaction(force_rollback=True):
                started = time.perf_counter()
                conn.execute("SELECT patterns.recency_recompute(patterns.project_id('bench'), NULL)")
                times.setdefault(("full rebuild (s)", side), []).append(time.perf_counter() - started)
    return times


def state_bytes(conn: psycopg.Connection) -> dict[str, int]:
    present = [r[0] for r in conn.execute("SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                                          "'patterns'::regnamespace AND c.relkind = 'r' AND c.relname = ANY(%s)",
                                          (list(STATE),))]
    for name in present:
        conn.execute(f"VACUUM FULL patterns.{name}")
    return dict(conn.execute("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c WHERE c.relnamespace = "
                             "'patterns'::regnamespace AND c.relname = ANY(%s)", (present,)).fetchall())


def table(times: dict, unit: str = "ms") -> list[str]:
    lines = [f"| measure | side | mean {unit} | p50 | p95 | max | n |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for (kind, side), values in times.items():
        values = sorted(values)
        lines.append(f"| {kind} | {side} | {statistics.mean(values):.2f} | {values[len(values) // 2]:.2f} | "
                     f"{values[int(0.95 * (len(values) - 1))]:.2f} | {values[-1]:.2f} | {len(values)} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", required=True, help="Database A (e.g. at main's migrations).")
    parser.add_argument("--b", required=True, help="Database B: the same history at the branch's migrations.")
    parser.add_argument("--cluster", default="cluster", help="The bench cluster's name under the bench cache.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--label", default="", help="Names the report: DATE-HOST-suggest-ab-LABEL.md.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    server = bench_cluster(args.cluster)
    server.start()
    lines = [f"# Suggestion state A/B, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "", f"Machine: {machine()}",
             f"PostgreSQL {server.version()}; A = `{args.a}`, B = `{args.b}` (same history). "
             f"Load average at the start: {os.getloadavg()[0]:.1f}."]
    defines = {}
    with psycopg.connect(server.conninfo(args.a), autocommit=True) as a, \
            psycopg.connect(server.conninfo(args.b), autocommit=True) as b:
        for name, conn in ((args.a, a), (args.b, b)):
            if conn.execute("SELECT to_regclass('public.bench_hot')").fetchone()[0] is None:
                prepare(server.conninfo(name))
            defines[name] = {"queries": 5000, "hot": 20}
        queries = draw_queries(a)
        asked, rows, worst, differ = compare_answers(a, b, queries)
        lines += ["", "## Answers", "", f"{asked} calls, {rows:,} rows compared; answers that differ: {len(differ)}; "
                  f"largest relative difference of a float column: {worst:.1e}."]
        lines += [f"- differs: {q}" for q in differ[:10]]
        lines += ["", "## Latency, one client, calls alternating A and B", "", *table(interleaved_latency(a, b, 1000))]
    scripts = [SCRIPTS / f"{name}.sql" for name in ("suggest_recent", "suggest_hot", "suggest_confidence")]
    lines += ["", f"## pgbench, {args.rounds} rounds, A and B runs alternating ({args.seconds} s per 50-client run, "
                  "half that for 1 client)", "", "| round | clients | side | query | p50 ms | p95 ms | calls | load |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in range(args.rounds):
        for clients, seconds in ((1, args.seconds // 2), (50, args.seconds)):
            for side, name in (("A", args.a), ("B", args.b)) if r % 2 == 0 else (("B", args.b), ("A", args.a)):
                measured = pgbench_latency(server, name, scripts, clients, seconds, defines[name], ("-M", "prepared"))
                for query, (p50, p95, calls) in measured.items():
                    lines.append(f"| {r + 1} | {clients} | {side} | {query} | {p50:.2f} | {p95:.2f} | {calls:,} | "
                                 f"{os.getloadavg()[0]:.1f} |")
    with psycopg.connect(server.conninfo(args.a), autocommit=True) as a, \
            psycopg.connect(server.conninfo(args.b), autocommit=True) as b:
        times = upkeep(a, b)
        lines += ["", "## Upkeep, one of the 20 newest commits at a time (rolled back), then a full rebuild", ""]
        lines += table({k: v for k, v in times.items() if "full" not in k[0]})
        lines += ["", *[f"- full rebuild {side}: {', '.join(f'{v:.1f}' for v in values)} s"
                        for (kind, side), values in times.items() if "full" in kind]]
        sizes = {"A": state_bytes(a), "B": state_bytes(b)}
    mib = 2**20
    lines += ["", "## Recency state, MiB with indexes after VACUUM FULL", "",
              "| table | A | B |", "| --- | --- | --- |"]
    lines += [f"| patterns.{name} | {sizes['A'].get(name, 0) / mib:.1f} | {sizes['B'].get(name, 0) / mib:.1f} |"
              for name in STATE]
    print("\n".join(lines), file=sys.stderr)
    write_report(args.out, "-".join(filter(None, ("suggest-ab", args.label))), lines)


if __name__ == "__main__":
    main()
