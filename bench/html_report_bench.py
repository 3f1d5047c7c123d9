"""HTML report benchmark: how long the api calls, the page and the browser take, and how big the page is.

    python bench/html_report_bench.py --dsn DSN --project NAME [--max-files 2000 ...]

For a project already analysed (ingested and discovered; ansible is the size the issue names):
the time of each visualisation api call, of reading all the data, of rendering the page, its
size, and the time headless Chromium takes to open it (navigation to the load event, every
chart in the DOM). Writes a Markdown report to bench/results/ named by date and machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import machine, write_report  # noqa: E402
from pgpattern import html_report  # noqa: E402

CALLS = {
    "api.file_tree": "SELECT count(*) FROM api.file_tree(%(p)s, %(files)s)",
    "api.coupling_graph_edges": "SELECT count(*) FROM api.coupling_graph_edges(%(p)s, p_max_nodes => %(nodes)s)",
    "api.coupling_graph_nodes": "SELECT count(*) FROM api.coupling_graph_nodes(%(p)s, p_max_nodes => %(nodes)s)",
    "api.commit_heatmap": "SELECT count(*) FROM api.commit_heatmap(%(p)s)",
    "api.commit_months": "SELECT count(*) FROM api.commit_months(%(p)s)",
    "api.author_weekly_commits": "SELECT count(*) FROM api.author_weekly_commits(%(p)s)",
    "api.author_directories": "SELECT count(*) FROM api.author_directories(%(p)s)",
}


def timed(func):
    started = time.monotonic()
    result = func()
    return result, time.monotonic() - started


def open_in_chromium(page_file: Path) -> float:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.monotonic()
            page.goto(page_file.as_uri(), wait_until="load")
            page.locator('figure[data-chart="developers"] svg').wait_for()
            return time.monotonic() - started
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--max-files", type=int, default=html_report.Limits.max_files)
    parser.add_argument("--max-nodes", type=int, default=html_report.Limits.max_nodes)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()

    params = {"p": args.project, "files": args.max_files, "nodes": args.max_nodes}
    with psycopg.connect(args.dsn, autocommit=True) as conn:
        commits = conn.execute("SELECT total_commits_analyzed, total_files_analyzed FROM api.project_pattern_summary "
                               "WHERE project = %s", (args.project,)).fetchone()
        calls = [(name, *timed(lambda q=q: conn.execute(q, params).fetchone()[0])) for name, q in CALLS.items()]
    limits = html_report.Limits(max_files=args.max_files, max_nodes=args.max_nodes)
    data, read_s = timed(lambda: html_report.collect(args.dsn, args.project, limits))
    page, render_s = timed(lambda: html_report.render_html(data))
    page_file = Path(tempfile.mkdtemp()) / "report.html"
    page_file.write_text(page)
    open_s = open_in_chromium(page_file)

    lines = [f"# HTML report benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}", "",
             f"Project {args.project}: {commits[0]:,} commits and {commits[1]:,} files analysed; "
             f"--max-files {args.max_files}, --max-nodes {args.max_nodes}.", "",
             "| api call | rows | s |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {rows:,} | {seconds:.2f} |" for name, rows, seconds in calls]
    lines += ["", "| step | result |", "| --- | --- |",
              f"| read everything (`pgpattern report --format html`'s queries) | {read_s:.2f} s |",
              f"| render the page (Vega to SVG, HTML) | {render_s:.2f} s |",
              f"| page size | {len(page.encode()) / 1e6:.2f} MB |",
              f"| Chromium: open to load, every chart there | {open_s:.2f} s |"]
    print("\n".join(lines))
    write_report(args.out, "html-report", lines)


if __name__ == "__main__":
    main()
