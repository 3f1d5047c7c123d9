"""Learning-operations benchmark: learning events by COPY and by single-row inserts, a
seven-day query's partition pruning, and retention over two years of daily metric partitions.

    python bench/learning_bench.py [--events 1000000] [--single 100000] [--clients 1] [--days 730]

Single-row inserts are durable commits, each waiting for its WAL flush: a million of them
from one client take a quarter of an hour on a small VM, so the default is 100,000 on top
of the million copied (the latency distribution is what matters; pass --single 1000000 for all).
The latencies are measured from one client by default: Python threads share one interpreter
lock, which would add its own waits to the numbers.

Runs on a throwaway cluster (durable settings, as a user would run it) and writes a
Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import write_report  # noqa: E402
from pgpattern.migrations import Migrator  # noqa: E402
from pgpattern.server import LocalServer  # noqa: E402

EVENT_TYPES = ["model_prediction", "pattern_detection", "user_feedback", "system_optimization"]
SOURCES = ["openevolve", "pattern_analyzer", "user_interface"]
COPY = """COPY learning.learning_events (project_id, event_type, event_timestamp, source_system, entity_type, entity_id,
                                        event_data, user_id, session_id, processing_time_ms) FROM STDIN"""
INSERT = """INSERT INTO learning.learning_events (project_id, event_type, event_timestamp, source_system, entity_type,
                                                   entity_id, event_data, user_id, session_id, processing_time_ms)
            VALUES (%s, %s, %s, %s, 'model', %s, %s, %s, %s, %s)"""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{socket.gethostname()}: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.platform()}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def copy_events(conninfo: str, projects: list[int], count: int, now: datetime) -> float:
    """COPY count events spread over the last 60 days, in chunks of 100k rows of COPY text."""
    rng = random.Random(1)
    started = time.monotonic()
    with psycopg.connect(conninfo) as conn:
        with conn.cursor().copy(COPY) as copy:
            buffer = io.StringIO()
            for i in range(count):
                at = now - timedelta(seconds=rng.randrange(60 * 86400))
                buffer.write(f"{projects[i % len(projects)]}\t{EVENT_TYPES[i % 4]}\t{at.isoformat()}\t"
                             f"{SOURCES[i % 3]}\tmodel\tm{i % 500}\t{{\"n\": {i}}}\tu{i % 10000}\ts{i // 20}\t"
                             f"{rng.randrange(1, 200)}\n")
                if i % 100_000 == 99_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        conn.commit()
    return time.monotonic() - started


def single_row_inserts(conninfo: str, projects: list[int], count: int, clients: int) -> tuple[float, list[float]]:
    """count single-row inserts, each its own transaction, from `clients` connections.

    Returns the wall time and the latency of each insert in milliseconds.
    """
    latencies: list[list[float]] = [[] for _ in range(clients)]
    barrier = threading.Barrier(clients)

    def work(k: int) -> None:
        rng = random.Random(k)
        mine = latencies[k]
        with psycopg.connect(conninfo, autocommit=True) as conn:
            barrier.wait()
            for i in range(k, count, clients):
                at = datetime.now(UTC) - timedelta(seconds=rng.randrange(3600))
                t0 = time.perf_counter()
                row = (projects[i % len(projects)], EVENT_TYPES[i % 4], at, SOURCES[i % 3], f"m{i % 500}",
                       f'{{"n": {i}}}', f"u{i % 10000}", f"s{i // 20}", rng.randrange(1, 200))
                conn.execute(INSERT, row)
                mine.append((time.perf_counter() - t0) * 1000)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started, [x for part in latencies for x in part]


def relations(plan: dict) -> set[str]:
    found = {plan["Relation Name"]} if "Relation Name" in plan else set()
    for child in plan.get("Plans", []):
        found |= relations(child)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="Events loaded by COPY.")
    parser.add_argument("--single", type=int, default=100_000, help="Events inserted one row per transaction.")
    parser.add_argument("--clients", type=int, default=1, help="Connections doing the single-row inserts.")
    parser.add_argument("--days", type=int, default=730, help="Days of daily metric partitions for retention.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="pgp-learning-bench-", dir="/tmp"))
    base.chmod(0o755)
    server = LocalServer(base / "home", database="bench")
    server.start()
    lines = [f"# Learning-operations benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}",
             f"PostgreSQL {server.version()} (durable settings, throwaway embedded cluster)", ""]

    def say(line: str) -> None:
        lines.append(line)
        print(line, file=sys.stderr)

    try:
        conninfo = server.conninfo("bench")
        with Migrator(conninfo) as m:
            m.migrate()
        with psycopg.connect(conninfo, autocommit=True) as conn:
            projects = [conn.execute("INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id",
                                     (f"p{i}",)).fetchone()[0] for i in range(10)]
            now = conn.execute("SELECT now()").fetchone()[0]
            conn.execute("SELECT ops.run_partition_maintenance()")
            # Partitions for the 60 days the copied events span (maintenance makes them ahead, not behind).
            conn.execute("""
                SELECT ops.create_partition('learning.learning_events', 'month', m)
                  FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC' - interval '60 days'),
                                       date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month') m""")

        say("## Learning events: COPY and single-row inserts")
        say("")
        say("Events carry 10 columns and the table has its 6 indexes "
            "(key, type/time, entity, user, session, BRIN time).")
        say("")
        seconds = copy_events(conninfo, projects, args.events, now)
        say(f"- COPY of {args.events:,} events spread over 60 days: {seconds:.1f} s, "
            f"{args.events / seconds:,.0f} rows/s.")
        wall, latencies = single_row_inserts(conninfo, projects, args.single, args.clients)
        say(f"- {args.single:,} single-row inserts, each its own transaction (durable commit), from {args.clients} "
            f"connections: {wall:.1f} s, {args.single / wall:,.0f} rows/s; latency per insert p50 "
            f"{statistics.median(latencies):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms, p99 "
            f"{percentile(latencies, 0.99):.2f} ms, max {max(latencies):.1f} ms (target: p95 under 10 ms).")

        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("ANALYZE learning.learning_events")
            total = conn.execute("SELECT count(*) FROM learning.learning_events").fetchone()[0]
            size = conn.execute(
                "SELECT pg_size_pretty(sum(pg_total_relation_size(format('learning.%I', p.partition_name))))"
                " FROM ops.partitions_of('learning.learning_events') p").fetchone()[0]
            say(f"- Table after both: {total:,} events, {size} with indexes.")
            say("")
            say("## A query over the last 7 days")
            say("")
            query = ("SELECT event_type, count(*), avg(processing_time_ms) FROM learning.learning_events "
                     "WHERE event_timestamp >= now() - interval '7 days' AND event_timestamp < now() "
                     "GROUP BY event_type")
            plan = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query).fetchone()[0][0]
            partitions = conn.execute(
                "SELECT count(*) FROM ops.partitions_of('learning.learning_events')").fetchone()[0]
            touched = sorted(relations(plan["Plan"]))
            say(f"`{query}`")
            say("")
            say(f"- Reads {len(touched)} of {partitions} partitions ({', '.join(touched)}); "
                f"execution {plan['Execution Time']:.0f} ms, planning {plan['Planning Time']:.1f} ms.")
            t0 = time.monotonic()
            conn.execute("SELECT count(*) FROM ops.run_partition_maintenance()")
            say(f"- Partition maintenance over the loaded tables (nothing to create): {time.monotonic() - t0:.2f} s.")
            say("")

            say(f"## Retention over {args.days} days of daily metric partitions")
            say("")
            conn.execute("""
                INSERT INTO learning.system_performance_metrics (metric_name, metric_category, source_component, value,
                                                                 unit, metric_timestamp)
                SELECT 'api_latency_ms', 'api', 'gateway', 50 + random() * 50, 'ms',
                       date_trunc('day', now()) - d * interval '1 day' + h * interval '1 hour'
                  FROM generate_series(1, %s) d, generate_series(0, 23) h""", (args.days,))
            rows = conn.execute("SELECT count(*) FROM learning.system_performance_metrics").fetchone()[0]
            t0 = time.monotonic()
            made = conn.execute("SELECT partitions_created, rows_drained "
                                "FROM ops.run_partition_maintenance('learning.system_performance_metrics')").fetchone()
            say(f"- {rows:,} hourly samples over {args.days} days, stored first in the default partition: maintenance "
                f"made {made[0]} daily partitions and moved {made[1]:,} rows into them in "
                f"{time.monotonic() - t0:.1f} s.")
            t0 = time.monotonic()
            first = conn.execute("SELECT coalesce(max(run_id), 0) FROM ops.retention_runs").fetchone()[0]
            conn.execute("CALL ops.run_retention()")
            wall = time.monotonic() - t0
            run = conn.execute("""
                SELECT sum(cardinality(partitions_removed)), sum(rows_removed), sum(rows_summarized), count(*),
                       string_agg(DISTINCT status || coalesce(': ' || detail, ''), '; ')
                  FROM ops.retention_runs WHERE run_id > %s AND table_name = 'system_performance_metrics'""",
                               (first,)).fetchone()
            say(f"- `CALL ops.run_retention()` with the 90-day summarize policy ({run[4]}): {run[0]} partitions "
                f"summarized and dropped, {run[1]:,} rows, in {run[3]} committed rounds of at most 50, {wall:.1f} s "
                f"({wall * 1000 / max(run[0], 1):.1f} ms per partition).")
            daily = conn.execute("SELECT count(*) FROM learning.system_performance_metrics_daily").fetchone()[0]
            left = conn.execute("SELECT count(*) FROM ops.partitions_of('learning.system_performance_metrics') "
                                "WHERE NOT is_default").fetchone()[0]
            say(f"- Left: {left} daily partitions; {daily} daily aggregate rows in "
                "learning.system_performance_metrics_daily.")
            conn.execute("UPDATE ops.data_retention_policies SET strategy = 'delete', summary_function = NULL "
                         "WHERE table_name = 'system_performance_metrics'")
            conn.execute("""INSERT INTO learning.system_performance_metrics (metric_name, value, metric_timestamp)
                            SELECT 'probe', 1, date_trunc('day', now()) - d * interval '1 day'
                              FROM generate_series(91, %s) d""", (args.days,))
            conn.execute("SELECT ops.run_partition_maintenance('learning.system_performance_metrics')")
            t0 = time.monotonic()
            first = conn.execute("SELECT coalesce(max(run_id), 0) FROM ops.retention_runs").fetchone()[0]
            conn.execute("CALL ops.run_retention()")
            run = conn.execute("""
                SELECT sum(cardinality(partitions_removed)), string_agg(DISTINCT status, ', ')
                  FROM ops.retention_runs WHERE run_id > %s AND table_name = 'system_performance_metrics'""",
                               (first,)).fetchone()
            say(f"- The same with strategy delete ({run[1]}): {run[0]} partitions dropped in "
                f"{time.monotonic() - t0:.1f} s.")
    finally:
        server.destroy()
        try:
            base.rmdir()
        except OSError:
            pass
    write_report(args.out, "learning", lines)


if __name__ == "__main__":
    main()
