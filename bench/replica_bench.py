"""Read replica benchmark: the api query mix at 50 clients against the primary alone, then against the
primary and its hot standby with the clients split between them, side by side.

    python bench/replica_bench.py [--commits 10000] [--clients 50] [--seconds 30]

Both servers share one machine here, so the split shows the mechanism (reads served by a standby,
replay keeping up), not the gain a second machine would bring. Writes a Markdown report to
bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.discovery_bench import (  # noqa: E402
    api_scripts,
    bench_tables,
    discover,
    start_pgbench,
    summarise,
    transaction_latencies,
)
from bench.ingest_bench import apply_updates, bench_cluster, fresh_database, machine, synthetic, write_report  # noqa: E402
from pgpattern.ingest import ingest  # noqa: E402
from pgpattern.replica import LocalReplica, replay_lag, replayed  # noqa: E402
from pgpattern.server import LocalServer  # noqa: E402

DATABASE = "bench_replica"


def run_mix(targets: list[tuple[str, LocalServer, int]], seconds: int, variables: dict[str, int]) -> dict:
    """pgbench on each (label, server, clients) at once; per query p50/p95/calls over all, tps per label."""
    scripts = api_scripts()
    runs = []
    for label, server, clients in targets:
        logs = Path(tempfile.mkdtemp(prefix="pgbench-", dir="/tmp"))
        logs.chmod(0o777)
        runs.append((label, logs, start_pgbench(server, DATABASE, clients, seconds, scripts, variables, logs)))
    latencies: dict[int, list[float]] = {}
    tps = {}
    for label, logs, run in runs:
        out, err = run.communicate()
        if run.returncode != 0:
            raise RuntimeError(err)
        tps[label] = float(re.search(r"tps = ([\d.]+)", out).group(1))
        for index, values in transaction_latencies(logs).items():
            latencies.setdefault(index, []).extend(values)
        shutil.rmtree(logs)
    return {"queries": summarise(scripts, latencies), "tps": tps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()

    primary = bench_cluster("replica-cluster", DATABASE)
    replica = LocalReplica(primary)
    replica.drop()  # a standby of an earlier run's database is of no use
    primary.start()
    try:
        conninfo = fresh_database(primary, DATABASE)
        ingest(conninfo, str(synthetic(args.commits)), project="bench", batch_size=5000)
        discover(conninfo, "bench")
        apply_updates(conninfo)
        variables = bench_tables(conninfo)

        started = time.monotonic()
        replica.create()
        replica.start()
        created = time.monotonic() - started
        while not replayed(primary.conninfo(), replica.conninfo()):
            time.sleep(0.1)

        alone = run_mix([("primary", primary, args.clients)], args.seconds, variables)
        half = args.clients // 2
        split = run_mix([("primary", primary, args.clients - half), ("standby", replica, half)], args.seconds,
                        variables)
        lag = replay_lag(primary.conninfo(), replica.conninfo())
    finally:
        replica.drop()
        primary.stop()

    lines = [f"# Read replica benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", f"PostgreSQL {primary.version()} (durable settings, embedded cluster and "
             "its hot standby made by `pgpattern db replica`)", "",
             f"The api query mix (sql/bench/api_*.sql, picked at random) at {args.clients} concurrent clients "
             f"for {args.seconds} s on a synthetic {args.commits:,}-commit history: first against the primary "
             f"alone, then with {args.clients - half} clients on the primary and {half} on the standby at once.",
             "", "**Both servers run on this one machine** (the cores shown above): the split shows the mechanism "
             "(the standby answers the whole api mix, replay keeps up), not the gain; a standby on its own "
             "machine adds that machine's cores to the reads.", "",
             f"Standby created by pg_basebackup -R and started in {created:.1f} s; replay lag after the run: "
             f"{lag.bytes} bytes, {lag.seconds:.1f} s.", "",
             "| query | primary alone p50 ms | p95 ms | calls | primary + standby p50 ms | p95 ms | calls |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, (p50, p95, calls) in alone["queries"].items():
        s50, s95, scalls = split["queries"].get(name, (0, 0, 0))
        lines.append(f"| {name} | {p50:.2f} | {p95:.2f} | {calls:,} | {s50:.2f} | {s95:.2f} | {scalls:,} |")
    total_alone = sum(alone["tps"].values())
    total_split = sum(split["tps"].values())
    lines += ["", f"Throughput: primary alone {total_alone:.1f} queries/s; primary + standby {total_split:.1f} "
                  f"queries/s ({', '.join(f'{k} {v:.1f}' for k, v in split['tps'].items())})."]
    print("\n".join(lines), file=sys.stderr)
    write_report(args.out, "replica", lines)


if __name__ == "__main__":
    main()
