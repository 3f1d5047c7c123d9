"""MCP server benchmark: what `pgpattern mcp` adds to an api call, and how long it takes to start.

    python bench/mcp_bench.py [--size 10000] [--calls 30]

On a synthetic history, ingested and discovered: the time from spawning `pgpattern mcp` to
its tool list (what a client waits for when it starts the server), then, for each read tool
with its default arguments (a page of 100 rows), the round trip through the SDK's stdio
client against the same api call made directly on a kept connection, and the size of the
answer. Runs on the bench cluster and writes a Markdown report to bench/results/ named by
date and machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import anyio
import psycopg
from mcp import ClientSession, StdioServerParameters, stdio_client
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import (  # noqa: E402
    PGPATTERN,
    apply_updates,
    bench_cluster,
    fresh_database,
    machine,
    synthetic,
    write_report,
)
from bench.update_bench import ENV, percentile  # noqa: E402


def calls_for(conninfo: str) -> list[tuple[str, dict]]:
    with psycopg.connect(conninfo) as conn:
        # A file of the strongest coupling: one with files to suggest.
        [top] = conn.execute("SELECT file_path_1 FROM api.pattern_cooccurrence_search('synthetic', p_limit => 1)"
                             ).fetchone()
    return [("list_projects", {}),
            ("pattern_cooccurrence_search", {"project": "synthetic"}),
            ("pattern_temporal_get", {"project": "synthetic"}),
            ("pattern_developer_profile", {"project": "synthetic"}),
            ("pattern_risk_files", {"project": "synthetic"}),
            ("pattern_insights_get", {"project": "synthetic"}),
            ("suggest_cochanges", {"project": "synthetic", "files": [top]})]


def direct(conn: psycopg.Connection, name: str, arguments: dict) -> list:
    if name == "list_projects":
        return conn.execute("SELECT to_jsonb(p) FROM api.projects p ORDER BY p.project").fetchall()
    named = sql.SQL(", ").join(sql.SQL("{} => {}").format(sql.Identifier(f"p_{k}"), sql.Placeholder(k))
                               for k in arguments)
    return conn.execute(sql.SQL("SELECT to_jsonb(r) FROM api.{}({}) r").format(sql.Identifier(name), named),
                        arguments).fetchall()


async def measure(conninfo: str, calls: list[tuple[str, dict]], repeat: int, starts: int) -> dict:
    server = StdioServerParameters(command=str(PGPATTERN), args=["mcp", "--dsn", conninfo])
    start_ms = []
    for _ in range(starts):
        began = time.perf_counter()
        async with stdio_client(server) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            await client.list_tools()
            start_ms.append((time.perf_counter() - began) * 1000)
    per_tool = {}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        async with stdio_client(server) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            for name, arguments in calls:
                mcp_ms, api_ms = [], []
                for _ in range(repeat):
                    began = time.perf_counter()
                    result = await client.call_tool(name, arguments)
                    mcp_ms.append((time.perf_counter() - began) * 1000)
                    assert not result.is_error, result.content[0].text
                    began = time.perf_counter()
                    rows = direct(conn, name, arguments)
                    api_ms.append((time.perf_counter() - began) * 1000)
                assert len(rows) == len(result.structured_content["rows"])
                per_tool[name] = {"mcp_ms": mcp_ms, "api_ms": api_ms, "rows": len(rows),
                                  "bytes": len(json.dumps(result.structured_content))}
    return {"start_ms": start_ms, "tools": per_tool}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000, help="Commits of the synthetic history.")
    parser.add_argument("--calls", type=int, default=30, help="Calls timed per tool.")
    parser.add_argument("--starts", type=int, default=5, help="Server starts timed.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    server = bench_cluster()
    server.start()
    try:
        conninfo = fresh_database(server, "bench_mcp")
        for command in (["ingest", str(synthetic(args.size)), "--project", "synthetic", "--quiet"],
                        ["discover", "--project", "synthetic"]):
            done = subprocess.run([str(PGPATTERN), *command, "--dsn", conninfo], env=ENV, capture_output=True,
                                  text=True)
            if done.returncode:
                raise SystemExit(f"pgpattern {command[0]} failed: {done.stderr}")
        apply_updates(conninfo)  # the live pair counts suggest_cochanges reads
        load = os.getloadavg()[0]
        result = anyio.run(measure, conninfo, calls_for(conninfo), args.calls, args.starts)
        load = max(load, os.getloadavg()[0])
    finally:
        server.stop()

    start = result["start_ms"]
    lines = [f"# MCP server benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}",
             f"PostgreSQL (durable settings, embedded cluster); synthetic history of {args.size:,} commits, "
             f"ingested and discovered; the server acts as pgpattern_reader. Load average (1 min) up to {load:.1f} "
             "while measuring (the machine is shared).", "",
             "## Start: spawning `pgpattern mcp` to its tool list", "",
             f"{len(start)} starts: median {statistics.median(start):.0f} ms, max {max(start):.0f} ms.", "",
             "## A call: through the SDK's stdio client, and the same api call made directly", "",
             f"Default arguments (a page of at most 100 rows); {args.calls} calls each; the direct call reads "
             "the same rows as JSON on a kept connection.", "",
             "| tool | rows | answer KiB | MCP p50 / p95 ms | direct p50 / p95 ms |", "| --- | --- | --- | --- | --- |"]
    for name, r in result["tools"].items():
        lines.append(f"| {name} | {r['rows']} | {r['bytes'] / 1024:.1f} | "
                     f"{statistics.median(r['mcp_ms']):.1f} / {percentile(r['mcp_ms'], 0.95):.1f} | "
                     f"{statistics.median(r['api_ms']):.1f} / {percentile(r['api_ms'], 0.95):.1f} |")
    write_report(args.out, "mcp", lines)


if __name__ == "__main__":
    main()
