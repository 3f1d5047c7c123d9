"""Discovery benchmark: discover_patterns at 1K, 10K and 100K synthetic commits and on a real
history, api query latency under 50 concurrent clients (pgbench), and bytes per 100K commits.

    python bench/discovery_bench.py [--sizes 1000,10000,100000] [--real PATH] [--clients 50] [--seconds 30]

Writes a Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bench.ingest_bench import CACHE, apply_updates, fresh_database, machine, synthetic, time_git_log, write_report  # noqa: E402
from migrator.ingest import ingest  # noqa: E402
from migrator.server import LocalServer  # noqa: E402

SCRIPTS = ROOT / "sql" / "bench"
# Issue 12: 10 s for a 100K-commit history and for a real one of ansible's size (49K commits in T).
TARGETS = {1_000: None, 10_000: 5.0, 100_000: 10.0}
REAL_TARGET = 10.0


def discover(conninfo: str, project: str) -> tuple[float, dict]:
    with psycopg.connect(conninfo) as conn:
        started = time.monotonic()
        session = conn.execute("SELECT patterns.discover_patterns(%s)", (project,)).fetchone()[0]
        conn.commit()
        seconds = time.monotonic() - started
        row = conn.execute("""SELECT total_commits_analyzed, total_files_analyzed, cooccurrence_patterns,
                                     temporal_patterns, developer_patterns, magnitude_patterns, insights
                                FROM patterns.pattern_discovery_sessions WHERE id = %s""", (session,)).fetchone()
    keys = ("commits", "files", "cooccurrence", "temporal", "developer", "magnitude", "insights")
    return seconds, dict(zip(keys, row))


def stored_bytes(conninfo: str) -> dict:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        rows = conn.execute("""
            SELECT n.nspname, sum(pg_total_relation_size(c.oid))
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('git', 'patterns') AND c.relkind IN ('r', 'p')
             GROUP BY n.nspname""").fetchall()
    return {schema: int(size) for schema, size in rows}


def query_latency(server: LocalServer, dbname: str, clients: int, seconds: int,
                  exclude: tuple[str, ...] = ()) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 (ms) and count per api query, from pgbench's per-transaction log."""
    conninfo = server.conninfo(dbname)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS public.bench_files, public.bench_authors")
        conn.execute("""CREATE TABLE public.bench_files AS
                        SELECT row_number() OVER (ORDER BY file_path) - 1 AS i, file_path
                          FROM patterns.change_magnitude_patterns WHERE is_active""")
        conn.execute("""CREATE TABLE public.bench_authors AS
                        SELECT row_number() OVER (ORDER BY author_email) - 1 AS i, author_email
                          FROM patterns.developer_patterns WHERE is_active""")
        files = conn.execute("SELECT count(*) FROM public.bench_files").fetchone()[0]
        authors = conn.execute("SELECT count(*) FROM public.bench_authors").fetchone()[0]
    logs = Path(tempfile.mkdtemp(prefix="pgbench-", dir="/tmp"))
    logs.chmod(0o777)
    scripts = sorted(p for p in SCRIPTS.glob("api_*.sql") if p.stem not in exclude)
    command = [str(server.bindir / "pgbench"), "-n", "-c", str(clients), "-j", "2", "-T", str(seconds), "-l",
               "--log-prefix", str(logs / "log"), "-D", f"files={files}", "-D", f"authors={authors}",
               "-h", str(server.run_dir), "-p", str(server.port), "-U", "postgres", dbname]
    for script in scripts:
        command += ["-f", str(script)]
    subprocess.run(command, check=True, capture_output=True, cwd=logs)
    latencies: dict[int, list[float]] = {}
    for log in logs.glob("log*"):
        for line in log.read_text().splitlines():
            parts = line.split()
            latencies.setdefault(int(parts[3]), []).append(int(parts[2]) / 1000)
    shutil.rmtree(logs)
    result = {}
    for index, script in enumerate(scripts):
        values = sorted(latencies.get(index, []))
        if values:
            result[script.stem] = (statistics.median(values), values[int(0.95 * (len(values) - 1))], len(values))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--real", type=Path, action="append", default=[])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    reals = args.real or [p for p in [Path("/work/.mirror/redis+redis/repo")] if p.exists()]

    CACHE.mkdir(parents=True, exist_ok=True)
    CACHE.chmod(0o755)
    server = LocalServer(CACHE / "cluster", database="bench")
    server.start()
    lines = [f"# Discovery benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", f"PostgreSQL {server.version()} (durable settings, embedded cluster)", "",
             "## discover_patterns (all five algorithms, default parameters)", "",
             "| history | commits in T | files | git log s | discovery s | target s | pairs | developers "
             "| files profiled | insights |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    largest = None
    try:
        histories = [(f"synthetic {n:,}", synthetic(n), n) for n in sizes] + [(f"real: {p}", p, None) for p in reals]
        for label, path, size in histories:
            dbname = f"bench_discovery_{size or 'real'}"
            conninfo = fresh_database(server, dbname)
            ingest(conninfo, str(path), project="bench", batch_size=5000)
            git_seconds = time_git_log(Path(path))
            seconds, counts = discover(conninfo, "bench")
            apply_updates(conninfo)  # counts the bulk ingest into the live state that suggestions read
            target = TARGETS.get(size) if size else REAL_TARGET
            lines.append(f"| {label} | {counts['commits']:,} | {counts['files']:,} | {git_seconds:.1f} | "
                         f"{seconds:.1f} | "
                         f"{target if target else '-'} | {counts['cooccurrence']:,} | {counts['developer']:,} | "
                         f"{counts['magnitude']:,} | {counts['insights']:,} |")
            print(lines[-1], file=sys.stderr)
            if size and (largest is None or size > largest[0]):
                largest = (size, dbname, conninfo)
        if largest:
            size, dbname, conninfo = largest
            sizes_by_schema = stored_bytes(conninfo)
            total = sum(sizes_by_schema.values())
            lines += ["", f"## Bytes stored for the synthetic {size:,}-commit history", "",
                      f"git (history): {sizes_by_schema.get('git', 0) / 2**20:.1f} MiB, "
                      f"patterns: {sizes_by_schema.get('patterns', 0) / 2**20:.1f} MiB, "
                      f"total {total / 2**20:.1f} MiB = {total / size * 100_000 / 2**20:.1f} MiB per 100K commits "
                      "(target: under 250 MB), tables with their indexes and TOAST, after VACUUM."]
            print(lines[-1], file=sys.stderr)
            for title, exclude in (("all api queries", ()),
                                   ("the pattern queries alone (no suggest_cochanges)", ("api_suggest_cochanges",))):
                latency = query_latency(server, dbname, args.clients, args.seconds, exclude)
                lines += ["", f"## api query latency, {title}: {args.clients} concurrent clients, {args.seconds} s, "
                          f"synthetic {size:,} commits (pgbench, 2 threads)", "",
                          "| query | p50 ms | p95 ms | calls |", "| --- | --- | --- | --- |"]
                for name, (p50, p95, calls) in latency.items():
                    lines.append(f"| {name} | {p50:.2f} | {p95:.2f} | {calls:,} |")
                    print(lines[-1], file=sys.stderr)
    finally:
        server.stop()
    write_report(args.out, "discovery", lines)


if __name__ == "__main__":
    main()
