"""The visualisation api and `pgpattern report --format html|svg|png`, the page checked in headless Chromium."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from conftest import ROOT, query, run_cli
from gitrepo import GitRepo

AUTHORS = [("Ann", "ann@example.com", "+02:00"), ("Bob", "Bob@Example.com", "-05:00"), ("Cy", "cy@example.com", "+00:00")]
COMMITS = 36


def local_times() -> list[tuple[str, datetime]]:
    """Each commit's author (lower-cased email) and local time, as the history below writes them."""
    return [(AUTHORS[i % 3][1].lower(), datetime(2024, 1 + i // 12, 1 + (i % 12) * 2, 8 + i % 10, 30))
            for i in range(COMMITS)]


@pytest.fixture
def shop(tmp_path, db) -> str:
    """A history analysed into db: a pair coupled across directories, a file only Ann changes (a knowledge
    silo), docs now and then, a file added and deleted; three authors in three time zones."""
    repo = GitRepo(tmp_path / "shop")
    for i, (_, at) in enumerate(local_times()):
        name, email, offset = AUTHORS[i % 3]
        files = {"api/orders.py": f"{i}\n" * (i % 4 + 1), "web/orders.js": f"{i}\n"}
        if i % 3 == 0:
            files["core/engine.py"] = f"engine {i}\n"
        if i % 4 == 0:
            files["docs/guide.md"] = f"doc {i}\n"
        if i == 5:
            files["tmp.txt"] = "t\n"
        repo.commit(("fix: " if i % 5 == 0 else "feat: ") + f"change {i}", files=files,
                    deletes=["tmp.txt"] if i == 6 else None, author=(name, email),
                    date=at.strftime("%Y-%m-%dT%H:%M:%S") + offset)
    result = run_cli("analyze", "--dsn", db, str(repo.path), "--min-cooccurrence", "2")
    assert result.returncode == 0, result.stderr
    return db


def reader_rows(db: str, statement: str, params=None) -> list[dict]:
    """Rows as pgpattern_reader sees them: the api is all it may use."""
    with psycopg.connect(db, row_factory=dict_row) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        return conn.execute(statement, params).fetchall()


def test_file_tree_has_directories_files_and_their_authors(shop):
    tree = {r["node_path"]: r for r in reader_rows(shop, "SELECT * FROM api.file_tree('shop')")}
    assert set(tree) == {"", "api", "web", "core", "docs", "api/orders.py", "web/orders.js", "core/engine.py",
                         "docs/guide.md"}  # tmp.txt is deleted: not drawn
    root = tree[""]
    assert (root["parent_path"], root["node_name"], root["node_type"], root["depth"]) == (None, "shop", "directory", 0)
    assert root["files"] == 4 and root["changes"] == 36 + 36 + 12 + 9
    assert (tree["api"]["parent_path"], tree["api"]["files"], tree["api"]["changes"]) == ("", 1, 36)
    risk = {r[0]: r[1:] for r in query(shop, "SELECT file_path, total_changes, risk_level, risk_score, hotspot_score "
                                             "FROM api.pattern_risk_files('shop')")}
    for path in ("api/orders.py", "web/orders.js", "core/engine.py", "docs/guide.md"):
        row = tree[path]
        assert (row["node_type"], row["depth"], row["parent_path"]) == ("file", 2, path.split("/")[0])
        assert (row["changes"], row["risk_level"], row["risk_score"], row["hotspot_score"]) == risk[path]
    engine = tree["core/engine.py"]
    assert (engine["main_author"], engine["main_author_name"], engine["main_author_share"], engine["authors"],
            engine["knowledge_silo"]) == ("ann@example.com", "Ann", 1.0, 1, True)
    orders = tree["api/orders.py"]
    assert (orders["main_author"], orders["main_author_share"], orders["authors"], orders["knowledge_silo"]) == (
        "ann@example.com", 12 / 36, 3, False)  # three authors with 12 each: the first email wins
    assert tree["api/orders.py"]["lines_changed"] > 0


def test_file_tree_folds_the_files_beyond_the_limit_per_directory(shop):
    rows = reader_rows(shop, "SELECT * FROM api.file_tree('shop', p_max_files => 2)")
    kinds = Counter(r["node_type"] for r in rows)
    assert kinds["file"] == 2 and {r["node_path"] for r in rows if r["node_type"] == "file"} == {
        "api/orders.py", "web/orders.js"}
    # core and docs hold no drawn file: their files are one node in the root, and they are no circles.
    other = [r for r in rows if r["node_type"] == "other"]
    assert [(o["node_path"], o["parent_path"], o["node_name"], o["files"], o["changes"]) for o in other] == [
        ("*", "", "2 other files", 2, 12 + 9)]
    assert {r["node_path"] for r in rows if r["node_type"] == "directory"} == {"", "api", "web"}
    assert next(r for r in rows if r["node_path"] == "")["changes"] == 93  # nothing lost by folding


def test_coupling_graph_keeps_the_strongest_pairs_within_the_node_limit(shop):
    edges = reader_rows(shop, "SELECT * FROM api.coupling_graph_edges('shop')")
    nodes = reader_rows(shop, "SELECT * FROM api.coupling_graph_nodes('shop')")
    assert (edges[0]["file_path_1"], edges[0]["file_path_2"]) == ("api/orders.py", "web/orders.js")
    names = {n["file_path"] for n in nodes}
    assert all(e["file_path_1"] in names and e["file_path_2"] in names for e in edges)
    degree = Counter(p for e in edges for p in (e["file_path_1"], e["file_path_2"]))
    assert {n["file_path"]: n["degree"] for n in nodes} == dict(degree)
    assert {n["file_path"]: n["directory"] for n in nodes}["api/orders.py"] == "api"
    assert len(edges) == len(query(shop, "SELECT 1 FROM api.pattern_cooccurrence_search('shop')"))

    two = reader_rows(shop, "SELECT file_path_1, file_path_2 FROM api.coupling_graph_edges('shop', p_max_nodes => 2)")
    assert two == [{"file_path_1": "api/orders.py", "file_path_2": "web/orders.js"}]
    strong = reader_rows(shop, "SELECT pattern_strength FROM api.coupling_graph_edges('shop', 'very_strong')")
    assert strong and {r["pattern_strength"] for r in strong} == {"very_strong"}


def test_commit_times_are_counted_in_the_authors_local_time(shop):
    cells = reader_rows(shop, "SELECT * FROM api.commit_heatmap('shop')")
    assert len(cells) == 168 and (cells[0]["weekday_name"], cells[0]["hour"]) == ("Mon", 0)
    expected = Counter((at.isoweekday(), at.hour) for _, at in local_times())
    assert {(c["weekday"], c["hour"]): c["commits"] for c in cells if c["commits"]} == dict(expected)

    months = reader_rows(shop, "SELECT month::text, commits, authors FROM api.commit_months('shop')")
    assert months == [{"month": f"2024-0{m}-01", "commits": 12, "authors": 3} for m in (1, 2, 3)]


def test_author_weeks_and_directories(shop):
    weeks = reader_rows(shop, "SELECT * FROM api.author_weekly_commits('shop', p_max_authors => 2)")
    per_author = Counter()
    for w in weeks:
        per_author[(w["author_rank"], w["author_email"])] += w["commits"]
    assert per_author == {(1, "ann@example.com"): 12, (2, "bob@example.com"): 12}
    ann_weeks = [w["week"] for w in weeks if w["author_rank"] == 1]
    assert all((b - a).days == 7 for a, b in zip(ann_weeks, ann_weeks[1:]))  # empty weeks included, as 0
    assert all(w.isoweekday() == 1 for w in ann_weeks)

    dirs = reader_rows(shop, "SELECT * FROM api.author_directories('shop', p_max_authors => 1, p_per_author => 3)")
    assert [(d["directory"], d["directory_rank"], d["changes"]) for d in dirs] == [
        ("api", 1, 12), ("core", 2, 12), ("web", 3, 12)]
    ann_docs = sum(1 for i in range(0, COMMITS, 3) if i % 4 == 0)
    assert dirs[0]["share"] == pytest.approx(12 / (36 + ann_docs + 1))  # and her delete of tmp.txt


@pytest.mark.parametrize("call, message", [
    ("api.file_tree('shop', p_max_files => 0)", "p_max_files must be between 1 and 100000, not 0"),
    ("api.coupling_graph_edges('shop', 'huge')", "unknown pattern_strength 'huge'"),
    ("api.coupling_graph_nodes('shop', p_max_nodes => 1)", "p_max_nodes must be between 2 and 2000, not 1"),
    ("api.author_directories('shop', p_per_author => NULL)", "p_per_author must be between 1 and 100, not NULL"),
    ("api.commit_months('nope')", "nope"),
])
def test_bad_arguments_are_named(shop, call, message):
    with pytest.raises(psycopg.Error) as raised:
        reader_rows(shop, f"SELECT * FROM {call}")
    assert message in str(raised.value)
    assert raised.value.sqlstate in ("22023", "P0002")


def test_readme_examples_run_as_reader(shop):
    """Every statement of the README's visualisation example block runs, as pgpattern_reader, and returns rows."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- visualisation examples -->\n```sql\n(.*?)```", readme, re.S)
    assert block, "README lost its visualisation examples"
    statements = [s.strip() for s in block.group(1).split(";\n") if s.strip() and not s.strip().startswith("--")]
    assert len(statements) >= 7
    for statement in statements:
        assert reader_rows(shop, statement), statement


def test_single_charts_as_svg_and_png(shop, tmp_path):
    svg = run_cli("report", "--dsn", shop, "--format", "svg", "--chart", "coupling")
    assert svg.returncode == 0, svg.stderr
    assert svg.stdout.startswith("<svg") and 'class="mark-line role-mark edge-lines"' in svg.stdout
    png = tmp_path / "heatmap.png"
    made = run_cli("report", "--dsn", shop, "--format", "png", "--chart", "heatmap", "-o", str(png))
    assert made.returncode == 0, made.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f"wrote {png}" in made.stderr
    assert not list(tmp_path.glob("*.partial"))
    for args, message in [(["--format", "svg"], "Error: --format svg writes one chart: say which with --chart"),
                          (["--chart", "heatmap"], "Error: --chart goes with --format svg or png"),
                          (["--format", "json", "-o", str(tmp_path / "x")], "Error: -o goes with --format html")]:
        bad = run_cli("report", "--dsn", shop, *args)
        assert bad.returncode == 1 and message in bad.stderr and "Traceback" not in bad.stderr


def test_html_report_in_chromium(shop, tmp_path):
    """The page opens in a real browser offline, with every chart and its marks, and a screenshot to look at."""
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "report.html"
    made = run_cli("report", "--dsn", shop, "--format", "html", "-o", str(page_file))
    assert made.returncode == 0, made.stderr
    html = page_file.read_text()
    assert "url(#heatmap-gradient_0)" in html  # ids made unique per chart
    assert not re.search(r"""(src|href)=["']?(https?:)?//|<link|@import|url\((?!#)""", html), "the page loads nothing"

    tree = query(shop, "SELECT node_type, knowledge_silo FROM api.file_tree('shop')")
    edges = query(shop, "SELECT 1 FROM api.coupling_graph_edges('shop')")
    nodes = query(shop, "SELECT 1 FROM api.coupling_graph_nodes('shop')")
    months = query(shop, "SELECT 1 FROM api.commit_months('shop')")
    titles = [r[0] for r in query(shop, "SELECT title FROM api.pattern_insights_get('shop', p_limit => 25)")]
    assert titles and edges

    chromium = os.environ.get("PGPATTERN_CHROMIUM", "/usr/bin/chromium")
    assert Path(chromium).exists(), "install the Debian package chromium (make test does, as root)"
    with sync_playwright() as p:  # each launch has a fresh profile of its own
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            problems, requests = [], []
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                    else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")

            def marks(chart: str, mark: str) -> int:
                return page.locator(f'figure[data-chart="{chart}"] g.{mark} > path').count()

            assert marks("hotspots", "files") == sum(1 for t, _ in tree if t == "file") == 4
            assert marks("hotspots", "directories") == sum(1 for t, _ in tree if t == "directory") == 5
            assert marks("knowledge", "files") == 4
            assert marks("knowledge", "silo-markers") == sum(1 for _, silo in tree if silo) == 1
            assert marks("coupling", "edge-lines") == len(edges)
            assert marks("coupling", "coupling-nodes") == len(nodes)
            assert marks("heatmap", "heatmap_marks") == 168
            assert marks("months", "months_marks") == len(months) == 3
            assert marks("developers", "developers_marks") == 3
            for title in titles:
                assert page.get_by_text(title, exact=True).first.is_visible(), title

            # The tooltip tells what a circle is; a click on a heading sorts the table.
            page.locator('figure[data-chart="hotspots"] g.files > path').first.hover()
            assert re.match(r"\S+: \d+ changes", page.locator("#tip").inner_text())
            page.locator("#coupling-table th", has_text="together").click()
            together = [int(t) for t in page.locator("#coupling-table tbody td:nth-child(3)").all_inner_texts()]
            assert together == sorted(together, reverse=True)
            page.locator("#coupling-table th", has_text="together").click()
            together = [int(t) for t in page.locator("#coupling-table tbody td:nth-child(3)").all_inner_texts()]
            assert together == sorted(together)

            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the report: {shot}")
        finally:
            browser.close()
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests
