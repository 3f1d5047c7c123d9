"""Discovery benchmark: discover_patterns at 1K, 10K and 100K synthetic commits and on a real
history, api query latency under 50 concurrent clients (pgbench), bytes per 100K commits, and
the bytes the purge of old discovery sessions frees.

    python bench/discovery_bench.py [--sizes 1000,10000,100000] [--real PATH] [--clients 50] [--seconds 30]
                                    [--retention-runs 5]

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

from bench.ingest_bench import (  # noqa: E402
    DEFAULT_REAL,
    apply_updates,
    bench_cluster,
    fresh_database,
    machine,
    real_histories,
    synthetic,
    time_git_log,
    write_report,
)
from pgpattern.ingest import ingest  # noqa: E402
from pgpattern.server import LocalServer  # noqa: E402

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


RETAINED = ("pattern_discovery_sessions", "file_cooccurrence_patterns", "temporal_patterns", "developer_patterns",
            "change_magnitude_patterns", "pattern_insights")


def stored_bytes(conninfo: str, vacuum: str = "VACUUM") -> dict[str, int]:
    """Bytes (tables with their indexes and TOAST) of the history (git), the live state (the rest of
    patterns) and the discovery sessions with their patterns (RETAINED), after a vacuum."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"{vacuum} ANALYZE")
        rows = conn.execute("""
            SELECT CASE WHEN n.nspname = 'git' THEN 'history'
                        WHEN c.relname = ANY (%s) THEN 'patterns' ELSE 'live state' END,
                   sum(pg_total_relation_size(c.oid))
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('git', 'patterns') AND c.relkind IN ('r', 'p')
             GROUP BY 1""", (list(RETAINED),)).fetchall()
    return {part: int(size) for part, size in rows}


def retained_bytes(conn: psycopg.Connection, vacuum: str = "VACUUM") -> dict[str, int]:
    """pg_total_relation_size (heap, indexes, TOAST) of the sessions and pattern tables, after a vacuum."""
    for table in RETAINED:
        conn.execute(f"{vacuum} patterns.{table}")
    rows = conn.execute("""SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
                            WHERE c.relnamespace = 'patterns'::regnamespace AND c.relname = ANY (%s)""",
                        (list(RETAINED),)).fetchall()
    return dict(rows)


def session_retention(conninfo: str, project: str, runs: int, cycles: int = 3) -> list[str]:
    """Bytes the purge of old discovery sessions frees, as Markdown lines: `runs` discoveries (the tables
    compacted by VACUUM FULL, so that update bloat does not count), the purge (each project keeps its
    newest 3) and a plain VACUUM, `cycles` more discoveries each followed by the purge and VACUUM (the
    size the tables settle at), then VACUUM FULL again."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        done = conn.execute("SELECT count(*) FROM patterns.pattern_discovery_sessions").fetchone()[0]
    for _ in range(runs - done):
        discover(conninfo, project)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        kept = conn.execute("SELECT patterns.discovery_sessions_kept(patterns.project_id(%s))",
                            (project,)).fetchone()[0]
        before = retained_bytes(conn, "VACUUM FULL")
        started = time.monotonic()
        removed = dict(conn.execute("SELECT table_name, rows_removed FROM patterns.purge_discovery_sessions(%s)",
                                    (project,)).fetchall())
        seconds = time.monotonic() - started
        purged = retained_bytes(conn)
    settling = [purged]
    for _ in range(cycles):
        discover(conninfo, project)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("SELECT count(*) FROM patterns.purge_discovery_sessions(%s)", (project,))
            settling.append(retained_bytes(conn))
    with psycopg.connect(conninfo, autocommit=True) as conn:
        full = retained_bytes(conn, "VACUUM FULL")
    columns = [before, purged, settling[-1], full]
    for sizes in (*settling, before, full):
        sizes["total"] = sum(sizes.values())
    removed["patterns.total"] = sum(removed.values())
    mib = 2**20
    lines = ["", f"## Retention of discovery sessions: {runs} runs, then the purge (newest {kept} kept)", "",
             f"The purge removed {removed.get('patterns.pattern_discovery_sessions', 0)} sessions and "
             f"{removed['patterns.total']:,} rows in {seconds:.2f} s, which held "
             f"{(before['total'] - full['total']) / mib:.1f} MiB of the {before['total'] / mib:.1f} MiB "
             f"({runs} runs, compacted): VACUUM FULL returns that to the file system. A plain VACUUM keeps the "
             "space in the tables for the next runs; after each of "
             f"{cycles} more runs, each purged and vacuumed, the tables held "
             + ", ".join(f"{sizes['total'] / mib:.1f}" for sizes in settling[1:])
             + f" MiB (from {purged['total'] / mib:.1f}: the indexes reuse their freed pages a run later).",
             "",
             f"| table | rows removed | {runs} runs, VACUUM FULL MiB | purged, VACUUM MiB "
             f"| {cycles} more runs, each purged, VACUUM MiB | then VACUUM FULL MiB |",
             "| --- | --- | --- | --- | --- | --- |"]
    for table in (*RETAINED, "total"):
        sizes = " | ".join(f"{column[table] / mib:.1f}" for column in columns)
        lines.append(f"| {table} | {removed.get(f'patterns.{table}', 0):,} | {sizes} |")
    return lines


def bytes_table(measured: list[tuple[str, str, str]], vacuum: str = "VACUUM") -> list[str]:
    mib = 2**20
    lines = ["| history | commits | git (history) MiB | live state MiB | patterns MiB | total MiB "
             "| MiB per 100K commits |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, _, conninfo in measured:
        parts = stored_bytes(conninfo, vacuum)
        total = sum(parts.values())
        with psycopg.connect(conninfo) as conn:
            commits = conn.execute("SELECT count(*) FROM git.commits").fetchone()[0]
        lines.append(f"| {label} | {commits:,} | {parts.get('history', 0) / mib:.1f} | "
                     f"{parts.get('live state', 0) / mib:.1f} | {parts.get('patterns', 0) / mib:.1f} | "
                     f"{total / mib:.1f} | {total / commits * 100_000 / mib:.1f} |")
    return lines


def largest_tables(measured: list[tuple[str, str, str]], smallest: float = 0.5) -> list[str]:
    """MiB (with indexes and TOAST) of every table of the history, the live state and the current patterns
    of at least `smallest` MiB in some history, largest first, per history."""
    mib = 2**20
    sizes = []
    for _, _, conninfo in measured:
        with psycopg.connect(conninfo) as conn:
            sizes.append(dict(conn.execute("""
                SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('git', 'patterns') AND c.relkind IN ('r', 'p')""").fetchall()))
    names = sorted((name for name in {name for table in sizes for name in table}
                    if max(t.get(name, 0) for t in sizes) >= smallest * mib),
                   key=lambda n: -max(t.get(n, 0) for t in sizes))
    lines = ["| table | " + " | ".join(f"{label} MiB" for label, _, _ in measured) + " |",
             "| --- | " + " | ".join("---" for _ in measured) + " |"]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(f"{t.get(name, 0) / mib:.1f}" for t in sizes) + " |")
    return lines


def bench_tables(conninfo: str) -> dict[str, int]:
    """The active files and authors the pgbench scripts pick from at random; their counts as pgbench variables."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS public.bench_files, public.bench_authors")
        conn.execute("""CREATE TABLE public.bench_files AS
                        SELECT row_number() OVER (ORDER BY file_path) - 1 AS i, file_path
                          FROM patterns.change_magnitude_patterns WHERE is_active""")
        conn.execute("""CREATE TABLE public.bench_authors AS
                        SELECT row_number() OVER (ORDER BY author_email) - 1 AS i, author_email
                          FROM patterns.developer_patterns WHERE is_active""")
        # Keyed, as an application passes the value: without a key each call scanned the whole
        # table (29K files on ansible: 2 ms a call, more than most of the queries it fed).
        conn.execute("ALTER TABLE public.bench_files ADD PRIMARY KEY (i)")
        conn.execute("ALTER TABLE public.bench_authors ADD PRIMARY KEY (i)")
        files = conn.execute("SELECT count(*) FROM public.bench_files").fetchone()[0]
        authors = conn.execute("SELECT count(*) FROM public.bench_authors").fetchone()[0]
    return {"files": files, "authors": authors}


def api_scripts(exclude: tuple[str, ...] = ()) -> list[Path]:
    return sorted(p for p in SCRIPTS.glob("api_*.sql") if p.stem not in exclude)


def start_pgbench(server: LocalServer, dbname: str, clients: int, seconds: int, scripts: list[Path],
                  variables: dict[str, int], logs: Path, options: tuple[str, ...] = ()) -> subprocess.Popen:
    """pgbench running the api scripts at random, logging every transaction under logs/."""
    command = [str(server.bindir / "pgbench"), "-n", "-c", str(clients), "-j", "2", "-T", str(seconds), "-l",
               "--log-prefix", str(logs / "log"), "-h", str(server.run_dir), "-p", str(server.port), "-U", "postgres",
               *options, dbname]
    for name, value in variables.items():
        command += ["-D", f"{name}={value}"]
    for script in scripts:
        command += ["-f", str(script)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=logs)


def transaction_latencies(logs: Path) -> dict[int, list[float]]:
    """Milliseconds per transaction from pgbench's logs, by script index."""
    latencies: dict[int, list[float]] = {}
    for log in logs.glob("log*"):
        for line in log.read_text().splitlines():
            parts = line.split()
            latencies.setdefault(int(parts[3]), []).append(int(parts[2]) / 1000)
    return latencies


def summarise(scripts: list[Path], latencies: dict[int, list[float]]) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 (ms) and count per script."""
    result = {}
    for index, script in enumerate(scripts):
        values = sorted(latencies.get(index, []))
        if values:
            result[script.stem] = (statistics.median(values), values[int(0.95 * (len(values) - 1))], len(values))
    return result


def pgbench_latency(server: LocalServer, dbname: str, scripts: list[Path], clients: int, seconds: int,
                    variables: dict[str, int], options: tuple[str, ...] = ()) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 (ms) and count per script of one pgbench run mixing them, from its per-transaction log."""
    logs = Path(tempfile.mkdtemp(prefix="pgbench-", dir="/tmp"))
    logs.chmod(0o777)
    run = start_pgbench(server, dbname, clients, seconds, scripts, variables, logs, options)
    _, err = run.communicate()
    if run.returncode != 0:
        raise RuntimeError(err)
    latencies = transaction_latencies(logs)
    shutil.rmtree(logs)
    return summarise(scripts, latencies)


def query_latency(server: LocalServer, dbname: str, clients: int, seconds: int,
                  exclude: tuple[str, ...] = ()) -> dict[str, tuple[float, float, int]]:
    """The api scripts (but those excluded) mixed, on the database's active files and authors."""
    variables = bench_tables(server.conninfo(dbname))
    return pgbench_latency(server, dbname, api_scripts(exclude), clients, seconds, variables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--real", type=Path, action="append", default=[])
    parser.add_argument("--clients", type=int, default=50, help="0: no api latency runs")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--retention-runs", type=int, default=5,
                        help="discovery runs before the purge is measured on the largest synthetic history (0: skip)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    reals, missing = real_histories(args.real or [p for p in [DEFAULT_REAL] if p.exists()])

    server = bench_cluster()
    server.start()
    lines = [f"# Discovery benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", f"PostgreSQL {server.version()} (durable settings, embedded cluster)", "",
             "## discover_patterns (all five algorithms, default parameters)", "",
             "Three steps per history, right after its first (bulk) ingest: a discovery that counts its transaction "
             "set from the history (the bulk ingest's counting is still queued), the update that counts the "
             "history into the live state and syncs the run with it, then a discovery of the live state (what "
             "every later `pgpattern discover` does).", "",
             "| history | commits in T | files | git log s | discovery, T counted s | live state counted s "
             "| discovery of the live state s | target s | pairs | developers | files profiled | insights |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    largest, measured = None, []
    try:
        histories = [(f"synthetic {n:,}", synthetic(n), n) for n in sizes] + [(f"real: {p}", p, None) for p in reals]
        for number, (label, path, size) in enumerate(histories):
            dbname = f"bench_discovery_{size or f'real_{number}'}"
            conninfo = fresh_database(server, dbname)
            ingest(conninfo, str(path), project="bench", batch_size=5000)
            git_seconds = time_git_log(Path(path))
            seconds, counts = discover(conninfo, "bench")
            started = time.monotonic()
            apply_updates(conninfo)  # counts the bulk ingest into the live state, syncs the run with it
            counted = time.monotonic() - started
            live_seconds, _ = discover(conninfo, "bench")
            target = TARGETS.get(size) if size else REAL_TARGET
            lines.append(f"| {label} | {counts['commits']:,} | {counts['files']:,} | {git_seconds:.1f} | "
                         f"{seconds:.1f} | {counted:.1f} | {live_seconds:.1f} | "
                         f"{target if target else '-'} | {counts['cooccurrence']:,} | {counts['developer']:,} | "
                         f"{counts['magnitude']:,} | {counts['insights']:,} |")
            print(lines[-1], file=sys.stderr)
            measured.append((label, dbname, conninfo))
            if size and (largest is None or size > largest[0]):
                largest = (size, dbname, conninfo)
        lines += ["", "## Bytes stored per history", "",
                  "Tables with their indexes and TOAST, after VACUUM, with the two runs above kept; per 100K "
                  "commits of the history (target: under 250 MB for the history, the live state and the current "
                  "patterns: see the next table for them alone).", ""]
        lines += bytes_table(measured)
        print("\n".join(lines[-len(measured):]), file=sys.stderr)
        for label, dbname, _ in measured if args.clients else []:
            for title, exclude in (("all api queries", ()),
                                   ("the pattern queries alone (no suggest_cochanges)", ("api_suggest_cochanges",))):
                latency = query_latency(server, dbname, args.clients, args.seconds, exclude)
                lines += ["", f"## api query latency, {title}: {args.clients} concurrent clients, {args.seconds} s, "
                          f"{label} (pgbench, 2 threads)", "",
                          "| query | p50 ms | p95 ms | calls |", "| --- | --- | --- | --- |"]
                for name, (p50, p95, calls) in latency.items():
                    lines.append(f"| {name} | {p50:.2f} | {p95:.2f} | {calls:,} |")
                    print(lines[-1], file=sys.stderr)
        for _, _, conninfo in measured:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute("SELECT count(*) FROM patterns.purge_discovery_sessions('bench', 1)")
        compacted = len(lines)
        lines += ["", "## Bytes of the history, the live state and the current patterns alone", "",
                  "The same databases after the purge kept only the newest session and VACUUM FULL compacted "
                  "every table (what the storage target counts).", ""]
        lines += bytes_table(measured, "VACUUM FULL")
        lines += ["", "Their tables of 0.5 MiB or more (the current patterns' among them):", ""]
        lines += largest_tables(measured)
        print("\n".join(lines[compacted:]), file=sys.stderr)
        if largest:
            size, dbname, conninfo = largest
            if args.retention_runs:
                lines += session_retention(conninfo, "bench", args.retention_runs)
                print("\n".join(lines[-10:]), file=sys.stderr)
    finally:
        server.stop()
    lines += [""] + missing if missing else []
    write_report(args.out, "discovery", lines)


if __name__ == "__main__":
    main()
