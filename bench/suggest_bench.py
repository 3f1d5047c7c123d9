"""Co-change suggestion benchmark on a real history (default: ansible, when its mirror is on the
machine) or a synthetic one: api.suggest_cochanges latency for 1 client, 50 clients asking as fast as
they can (closed loop), and 50 clients at a fixed total rate (pgbench, one kind of query per run: a
random change's file with its author and without, one of the 20 most changed files with an author,
the confidence baseline), the floor of an api call on this machine (a function returning one row),
the cost of the decayed sums (a full rebuild, rows and bytes), the author part read from them against
the same part aggregated from the change log at query time, and the time of `pgpattern evaluate`'s
replay.

With --ab-from MIGRATION the same runs compare two databases of the same history in the same
cluster, interleaved run by run (the machine is shared): B migrated to the head, A a copy of B
with MIGRATION and every later one rolled back; their answers are compared first (every column,
floats bit for bit, in order).

    python bench/suggest_bench.py [--real PATH | --synthetic 100000] [--clients 50] [--seconds 30]
                                  [--rate 300,1000] [--ab-from 0920_suggest_one_file_lean] [--reuse]

Writes a Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bench.discovery_bench import SCRIPTS, pgbench_latency  # noqa: E402
from bench.ingest_bench import apply_updates, bench_cluster, fresh_database, machine, synthetic, write_report  # noqa: E402
from pgpattern import replay  # noqa: E402
from pgpattern.ingest import ingest  # noqa: E402
from pgpattern.migrations import Migrator  # noqa: E402

DEFAULT_REAL = Path("/work/.mirror/ansible+ansible/repo")
TARGET_P95_MS = 20.0
# One kind of query per pgbench run (label, script of sql/bench).
KINDS = (("one file and its author", "suggest_recent"), ("one file, no author", "suggest_recent_noauthor"),
         ("a hot file and an author", "suggest_hot"), ("confidence", "suggest_confidence"))
# pgbench logs in as an application reading the api does (pgaudit logs the api's reads of personal
# data for a superuser's session only).
READER = "bench_reader"
# The floor: an api-shaped PL/pgSQL function that reads nothing (sql/bench/trivial_api.sql calls it).
TRIVIAL = """
    CREATE OR REPLACE FUNCTION public.bench_trivial(p_project text, p_files text[], p_k integer DEFAULT 10,
                                                    p_author text DEFAULT NULL)
     RETURNS TABLE (file_path text, score double precision)
     LANGUAGE plpgsql STABLE SECURITY DEFINER
     SET search_path TO 'pg_catalog', 'pg_temp' SET jit TO 'off' SET plan_cache_mode TO 'force_generic_plan'
    AS $$ BEGIN RETURN QUERY SELECT p_files[1], 1::double precision; END $$
"""
STATE_TABLES = ["live_changes", "file_pair_counts", "file_author_recency"]

# The author part of s(q, x) computed from the change log at query time: q's counted commits
# numbered newest first, those of the author, and the other files of those commits. The api
# reads the author's commits of q and their places from patterns.file_author_recency instead
# (AUTHOR_PART_STORED), then the same other files.
AUTHOR_PART_FROM_LOG = """
    WITH aged AS (
        SELECT l.commit_id, c.author_key, row_number() OVER (ORDER BY l.ordinal DESC) - 1 AS age
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = %(p)s AND l.file_id = (SELECT g.path_id FROM git.paths g
                                                     WHERE g.project_id = %(p)s AND g.path = %(q)s)
           AND c.files <= 30)
    SELECT g.path, sum(power(2, -a.age / 16.0))
      FROM aged a
      JOIN patterns.live_changes x ON x.project_id = %(p)s AND x.commit_id = a.commit_id
      JOIN git.paths g ON g.project_id = x.project_id AND g.path_id = x.file_id AND g.path <> %(q)s
     WHERE a.author_key = %(a)s
     GROUP BY g.path
"""
AUTHOR_PART_STORED = """
    WITH mine AS (
        SELECT q.path_id AS query_file_id, f.cooc_changes - m.place AS age, m.commit_id
          FROM git.paths q
          JOIN patterns.file_change_counts f ON f.project_id = q.project_id AND f.file_path = q.path
          JOIN git.authors a ON a.project_id = q.project_id AND a.author_key = %(a)s
          JOIN patterns.file_author_recency r
            ON r.project_id = q.project_id AND r.file_id = q.path_id AND r.author_id = a.author_id
         CROSS JOIN LATERAL unnest(r.places, r.commit_ids) m (place, commit_id)
         WHERE q.project_id = %(p)s AND q.path = %(q)s)
    SELECT x.path, sum(patterns.recency_decay(m.age) ORDER BY m.age)
      FROM patterns.live_changes l
      JOIN mine m ON m.commit_id = l.commit_id AND m.query_file_id <> l.file_id
      JOIN git.paths x ON x.project_id = l.project_id AND x.path_id = l.file_id
     WHERE l.project_id = %(p)s AND l.commit_id = ANY (ARRAY(SELECT m.commit_id FROM mine m))
     GROUP BY x.path
"""


def prepare(conninfo: str) -> dict[str, int]:
    """The queries pgbench draws: 5,000 random changes (file and author), the 20 most changed files."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS public.bench_queries, public.bench_hot")
        conn.execute("SELECT setseed(0.14)")
        conn.execute("""CREATE TABLE public.bench_queries AS
                        SELECT row_number() OVER () - 1 AS i, l.file_path, l.author_key
                          FROM (SELECT g.path AS file_path, c.author_key
                                  FROM patterns.live_changes x
                                  JOIN patterns.live_commits c
                                    ON c.project_id = x.project_id AND c.commit_id = x.commit_id
                                  JOIN git.paths g ON g.project_id = x.project_id AND g.path_id = x.file_id
                                 WHERE c.files <= 30 ORDER BY random() LIMIT 5000) l""")
        conn.execute("""CREATE TABLE public.bench_hot AS
                        SELECT row_number() OVER () - 1 AS i, h.file_path,
                               (SELECT c.author_key FROM patterns.live_changes l
                                  JOIN patterns.live_commits c
                                    ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                                  JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
                                 WHERE g.path = h.file_path ORDER BY random() LIMIT 1) AS author_key
                          FROM (SELECT file_path FROM patterns.file_change_counts
                                 ORDER BY cooc_changes DESC LIMIT 20) h""")
        conn.execute(TRIVIAL)
        conn.execute(f"""DO $$ BEGIN
                             IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
                                 CREATE ROLE {READER} LOGIN IN ROLE pgpattern_reader;
                             END IF;
                         END $$""")
        conn.execute(f"GRANT SELECT ON public.bench_queries, public.bench_hot TO {READER}")
        conn.execute(f"GRANT EXECUTE ON FUNCTION public.bench_trivial(text, text[], integer, text) TO {READER}")
        conn.execute("ALTER TABLE public.bench_queries ADD PRIMARY KEY (i)")
        conn.execute("ALTER TABLE public.bench_hot ADD PRIMARY KEY (i)")
        conn.execute("VACUUM ANALYZE")
        return {"queries": conn.execute("SELECT count(*) FROM public.bench_queries").fetchone()[0],
                "hot": conn.execute("SELECT count(*) FROM public.bench_hot").fetchone()[0]}


def state_costs(conninfo: str) -> list[str]:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        project = conn.execute("SELECT patterns.project_id('bench')").fetchone()[0]
        rows = dict(conn.execute("""SELECT c.relname, c.reltuples::bigint FROM pg_class c
                                     WHERE c.relnamespace = 'patterns'::regnamespace
                                       AND c.relname = ANY(%s)""", (STATE_TABLES,)).fetchall())
        sizes = dict(conn.execute("""SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
                                      WHERE c.relnamespace = 'patterns'::regnamespace
                                        AND c.relname = ANY(%s)""", (STATE_TABLES,)).fetchall())
        started = time.monotonic()
        with conn.transaction(force_rollback=True):
            conn.execute("SELECT patterns.recency_recompute(%s, NULL)", (project,))
            rebuild = time.monotonic() - started
        # The author part both ways, for 300 random (file, author) queries.
        asks = conn.execute("SELECT file_path, author_key FROM public.bench_queries ORDER BY i LIMIT 300").fetchall()
        timings = {}
        for label, statement in (("the author's commits (file_author_recency)", AUTHOR_PART_STORED),
                                 ("from the change log", AUTHOR_PART_FROM_LOG)):
            values = []
            for q, a in asks:
                started = time.monotonic()
                conn.execute(statement, {"p": project, "q": q, "a": a}).fetchall()
                values.append((time.monotonic() - started) * 1000)
            values.sort()
            timings[label] = (statistics.mean(values), values[int(0.95 * (len(values) - 1))], values[-1])
    mib = 2**20
    lines = ["", "## The recency state (migration 0800: pair sums on file_pair_counts, authors' commits)", "",
             f"Full rebuild (patterns.recency_recompute of every file): {rebuild:.1f} s.", "",
             "| table | rows | MiB with indexes |", "| --- | --- | --- |"]
    for name in STATE_TABLES:
        lines.append(f"| patterns.{name} | {rows.get(name, 0):,} | {sizes.get(name, 0) / mib:.1f} |")
    lines += ["", "The author part of s(q, x), one client, 300 random (file, author) queries:", "",
              "| read | mean ms | p95 ms | max ms |", "| --- | --- | --- | --- |"]
    for label, (mean, p95, top) in timings.items():
        lines.append(f"| {label} | {mean:.2f} | {p95:.2f} | {top:.2f} |")
    return lines


def replay_time(conninfo: str) -> list[str]:
    result = replay.evaluate(conninfo, "bench")
    metrics = " ".join(f"{m} {v['value']:.3f}" for m, v in result.rankings["recent"].items()
                       if m in ("Hit@3", "MAP@10", "NoSugg"))
    diff = result.differences["recent - confidence"]
    return ["", "## pgpattern evaluate (the replay of spec section 6, 1,000 bootstrap resamples)", "",
            f"{result.queries:,} queries from {result.test_commits:,} test commits of {result.commits:,} commits "
            f"in {result.seconds:.1f} s. recent: {metrics}; recent - confidence: Hit@3 "
            f"{diff['Hit@3']['value']:+.3f} [{diff['Hit@3']['low']:+.3f}, {diff['Hit@3']['high']:+.3f}], MAP@10 "
            f"{diff['MAP@10']['value']:+.3f} [{diff['MAP@10']['low']:+.3f}, {diff['MAP@10']['high']:+.3f}]."]


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def baseline(server, conninfo: str, name: str, migration: str) -> str:
    """A copy of the database with `migration` and every one applied after it rolled back."""
    with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{psycopg.conninfo.conninfo_to_dict(conninfo)["dbname"]}"')
    copy = server.conninfo(name)
    with Migrator(copy) as m:
        applied = [state.id for state in m.status() if state.applied_at]  # in id order, as applied
        if migration not in applied:
            raise SystemExit(f"--ab-from: {migration} is not applied in the bench database")
        m.rollback(steps=len(applied) - applied.index(migration))
    return copy


def same_answers(a: str, b: str) -> str:
    """500+ calls drawn from the history (suggest_ab.draw_queries, the hot files with k 1, 10, 30),
    their answers compared in full: every column, floats bit for bit, rows in order."""
    from bench.suggest_ab import compare_answers, draw_queries
    with psycopg.connect(a, autocommit=True) as ca, psycopg.connect(b, autocommit=True) as cb:
        calls = draw_queries(ca, 600)
        hot = ca.execute("SELECT file_path, author_key FROM public.bench_hot").fetchall()
        calls += [([f], k, au, "recent") for f, author in hot for k in (1, 10, 30) for au in (author, None)]
        asked, rows, _, differ = compare_answers(ca, cb, calls, rel_tol=0)
    return f"Answers: {asked - len(differ)} of {asked} calls ({rows:,} rows) identical in A and B."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--synthetic", type=int, help="A generated history of this many commits instead of --real.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rate", default="300,1000", help="Paced runs: requests per second in all.")
    parser.add_argument("--ab-from", help="Compare with a copy that has this migration and the later ones rolled back.")
    parser.add_argument("--reuse", action="store_true", help="Keep the bench database when it holds the history.")
    parser.add_argument("--skip-costs", action="store_true", help="Only the latency (no state costs, no replay).")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    history = synthetic(args.synthetic) if args.synthetic else args.real
    if not history.exists():
        print(f"skipped: {history} is not on this machine (give another history with --real)", file=sys.stderr)
        return
    server = bench_cluster()
    server.start()
    dbname = "bench_suggest_synthetic" if args.synthetic else "bench_suggest"
    lines = [f"# Co-change suggestion benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", f"PostgreSQL {server.version()} (durable settings, embedded cluster)",
             f"History: {history}", f"Machine load when the bench began: {load()} (1, 5, 15 min)."]
    try:
        conninfo = server.conninfo(dbname)
        if not args.reuse or not _holds_bench(server, dbname):
            conninfo = fresh_database(server, dbname)
            started = time.monotonic()
            ingest(conninfo, str(history), project="bench", batch_size=5000)
            apply_updates(conninfo)  # counts the bulk ingest into the live state, the decayed sums with it
            lines.append(f"Ingest and live state: {time.monotonic() - started:.0f} s.")
        else:
            with Migrator(conninfo) as m:
                m.migrate()
        defines = prepare(conninfo)
        sides = {"": dbname}
        if args.ab_from:
            a = baseline(server, conninfo, dbname + "_a", args.ab_from)
            sides = {"A": dbname + "_a", "B": dbname}
            lines += ["", f"A/B: A = B with {args.ab_from} and every later migration rolled back, B = the head; "
                          "each run is made on A and on B in turn (the order alternating), the same history.",
                      "", same_answers(a, conninfo)]
        lines += ["", f"## api.suggest_cochanges latency, {args.seconds} s per run (pgbench, 2 threads, prepared "
                      f"statements; target p95 {TARGET_P95_MS:g} ms with {args.clients} clients for one query file)",
                  "", "One kind of query per run: a random change's file (files come as often as they change) with "
                  "its author, the same without author, one of the 20 most changed files with one of its authors, "
                  "and the confidence baseline. Closed loop: each client asks again as soon as it has its answer, "
                  "so the 2 cores are always busy and the latency is mostly queueing; paced: the clients ask "
                  f"{' or '.join(args.rate.split(','))} times per second in all (pgbench --rate; the latency "
                  "counts from the scheduled start, so it includes any wait). `floor`: a PL/pgSQL function of "
                  "the api's shape that returns one row and reads nothing. pgbench logs in as a member of "
                  "pgpattern_reader, as an application would. Load: the 1-minute load average as "
                  "the run began (other engineers share the cores).", "",
                  "| query | run | side | p50 ms | p95 ms | calls | calls/s | load |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        rates = [int(r) for r in args.rate.split(",") if r]
        runs = (("1 client", 1, ()), (f"{args.clients} clients", args.clients, ()),
                *((f"{args.clients} clients, {rate}/s", args.clients, ("-R", str(rate))) for rate in rates))
        kinds = [*KINDS, ("floor", "trivial_api")]
        turn = 0
        for kind, script in kinds:
            for label, clients, options in runs if script != "trivial_api" else runs[1:2]:
                order = list(sides.items()) if turn % 2 == 0 else list(reversed(sides.items()))
                turn += 1
                for side, db in order:
                    before = os.getloadavg()[0]
                    latency = pgbench_latency(server, db, [SCRIPTS / f"{script}.sql"], clients, args.seconds,
                                              defines, ("-M", "prepared", "-U", READER, *options))
                    for p50, p95, calls in latency.values():
                        lines.append(f"| {kind} | {label} | {side} | {p50:.2f} | {p95:.2f} | {calls:,} | "
                                     f"{calls / args.seconds:,.0f} | {before:.1f} |")
                    print(lines[-1], file=sys.stderr)
        if not args.skip_costs:
            lines += state_costs(conninfo)
            lines += replay_time(conninfo)
    finally:
        server.stop()
    write_report(args.out, "suggest" + (f"-synthetic-{args.synthetic // 1000}k" if args.synthetic else ""), lines)


def _holds_bench(server, dbname: str) -> bool:
    try:
        with psycopg.connect(server.conninfo(dbname), autocommit=True) as conn:
            return conn.execute("SELECT EXISTS (SELECT FROM core.projects WHERE name = 'bench')").fetchone()[0]
    except psycopg.Error:
        return False


if __name__ == "__main__":
    main()
