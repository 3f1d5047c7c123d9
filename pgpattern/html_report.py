"""`pgpattern report --format html|svg|png`: the report as one self-contained HTML page, or one chart.

Everything shown comes from the api (the summary view, the insight and developer lists,
and the visualisation functions api.file_tree, api.coupling_graph_*, api.commit_heatmap,
api.commit_months, api.author_weekly_commits, api.author_directories). Charts are Vega
specs (pgpattern.charts) rendered to SVG here and put inline; the page has no external
resource at all, and its only script adds hover tooltips and sortable tables.
"""

from __future__ import annotations

import html
import re
import shlex
from dataclasses import dataclass, field
from datetime import datetime

from psycopg.rows import dict_row

from . import charts
from .errors import PgPatternError
from .report import SUMMARY, api_pages, resolve_project
from .target import connect, require_migrated

INSIGHTS_SHOWN = 25


@dataclass
class Limits:
    max_files: int = 2000      # file nodes of the hotspot and knowledge maps
    max_nodes: int = 100       # files of the coupling graph
    min_strength: str = "weak"
    max_authors: int = 10      # developers in the table and the activity chart


@dataclass
class VisualData:
    project: str
    limits: Limits
    summary: dict
    insights: list[dict] = field(default_factory=list)
    tree: list[dict] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    heatmap: list[dict] = field(default_factory=list)
    months: list[dict] = field(default_factory=list)
    weeks: list[dict] = field(default_factory=list)
    developers: list[dict] = field(default_factory=list)
    directories: list[dict] = field(default_factory=list)


INSIGHTS = """SELECT priority_score, insight_type, risk_level, confidence_score, title, description, recommendations, id
                FROM api.pattern_insights_get(%(project)s, p_limit => %(page)s, p_after => %(after)s)"""
DEVELOPERS = """SELECT author_email, author_name, commit_count, change_velocity, specialization_score,
                       frequent_collaborators, first_commit_date, last_commit_date, id
                  FROM api.pattern_developer_profile(%(project)s, p_limit => %(page)s, p_after => %(after)s)"""


def collect(conninfo: str, project: str | None, limits: Limits) -> VisualData:
    """Everything the page shows, read from the api in one snapshot."""
    with connect(conninfo) as conn:
        require_migrated(conn, "api.file_tree", "visualisation api")
        name = resolve_project(conn, project)
        conn.commit()
        cur = conn.cursor(row_factory=dict_row)
        # One snapshot, so that the charts agree with each other while commits arrive.
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        summary = cur.execute(SUMMARY, {"project": name}).fetchone()
        if summary is None or summary["last_discovery"] is None:
            raise PgPatternError(f"project {name!r} has no completed discovery yet",
                                 hint=f"run pgpattern discover --project {shlex.quote(name)}")
        args = {"project": name, "files": limits.max_files, "nodes": limits.max_nodes,
                "strength": limits.min_strength, "authors": limits.max_authors}
        graph = "(%(project)s, p_min_strength => %(strength)s, p_max_nodes => %(nodes)s)"
        return VisualData(
            project=name, limits=limits, summary=summary,
            insights=api_pages(cur, INSIGHTS, {"project": name}, INSIGHTS_SHOWN),
            tree=cur.execute("SELECT * FROM api.file_tree(%(project)s, p_max_files => %(files)s)", args).fetchall(),
            nodes=cur.execute(f"SELECT * FROM api.coupling_graph_nodes{graph}", args).fetchall(),
            edges=cur.execute(f"SELECT * FROM api.coupling_graph_edges{graph}", args).fetchall(),
            heatmap=cur.execute("SELECT * FROM api.commit_heatmap(%(project)s)", args).fetchall(),
            months=cur.execute("SELECT * FROM api.commit_months(%(project)s)", args).fetchall(),
            weeks=cur.execute("SELECT * FROM api.author_weekly_commits(%(project)s, %(authors)s)", args).fetchall(),
            developers=api_pages(cur, DEVELOPERS, {"project": name}, limits.max_authors),
            directories=cur.execute("SELECT * FROM api.author_directories(%(project)s, %(authors)s)", args).fetchall(),
        )


# The charts by the name --chart takes, each built from the data alone.
CHARTS = {
    "hotspots": lambda d: charts.hotspot_map(d.tree),
    "coupling": lambda d: charts.coupling_graph(d.nodes, d.edges),
    "knowledge": lambda d: charts.knowledge_map(d.tree),
    "heatmap": lambda d: charts.commit_heatmap(d.heatmap),
    "months": lambda d: charts.commit_months(d.months),
    "developers": lambda d: charts.developer_activity(d.weeks),
}


def render_chart(data: VisualData, name: str, fmt: str) -> str | bytes:
    return charts.render(CHARTS[name](data), fmt)


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _num(value, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[list], caption: str = "") -> str:
    """A sortable table: columns are (title, 'num' or 'text'); rows hold (shown, sort value) or plain values."""
    head = "".join(f'<th data-type="{kind}" tabindex="0">{_e(title)}</th>' for title, kind in columns)
    body = []
    for row in rows:
        cells = []
        for cell in row:
            shown, key = cell if isinstance(cell, tuple) else (_e(cell), cell)
            cells.append(f'<td data-sort="{_e(key)}">{shown}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (f'<table id="{table_id}" class="sortable">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _header(data: VisualData) -> str:
    s = data.summary
    span = (f"{data.months[0]['month']:%Y-%m} to {data.months[-1]['month']:%Y-%m}" if data.months else "none")
    facts = [("commits", s["total_commits_analyzed"]), ("files", s["total_files_analyzed"]),
             ("authors", s["developer_patterns"]), ("span", span),
             ("last discovery", f"{s['last_discovery']:%Y-%m-%d %H:%M %Z}"),
             ("insights", f"{s['insights']} ({s['critical_insights']} critical, {s['high_risk_insights']} high)")]
    items = "".join(f"<div class=fact><span>{_e(k)}</span><b>{_e(v)}</b></div>" for k, v in facts)
    return f"<header><h1>{_e(data.project)}: development patterns</h1><div class=facts>{items}</div></header>"


def _insights(data: VisualData) -> str:
    if not data.insights:
        return "<section id=insights><h2>Insights</h2><p>No insights in this discovery.</p></section>"
    items = []
    for i in data.insights:
        recs = "".join(f"<li>{_e(r)}</li>" for r in i["recommendations"] or [])
        items.append(
            f'<li class="insight risk-{_e(i["risk_level"])}"><div class=insight-head>'
            f'<span class=priority title="priority">{_e(i["priority_score"])}</span>'
            f'<span class=badge>{_e(i["risk_level"])}</span><h3 class=insight-title>{_e(i["title"])}</h3></div>'
            f'<p>{_e(i["description"])} <small>({_e(i["insight_type"])}, confidence '
            f'{_num(i["confidence_score"])})</small></p><ul class=recs>{recs}</ul></li>')
    more = data.summary["insights"] - len(data.insights)
    note = f"<p class=note>{more} more insights: pgpattern report --format json.</p>" if more > 0 else ""
    return (f"<section id=insights><h2>Insights, by priority</h2><ol class=insights>{''.join(items)}</ol>{note}"
            "</section>")


def _figure(name: str, svg: str, caption: str) -> str:
    return f'<figure class=chart data-chart="{name}">{svg}<figcaption>{caption}</figcaption></figure>'


def _counts(data: VisualData) -> tuple[int, int]:
    files = sum(1 for r in data.tree if r["node_type"] == "file")
    folded = sum(r["files"] for r in data.tree if r["node_type"] == "other")
    return files, folded


def _maps(data: VisualData, svgs: dict) -> str:
    files, folded = _counts(data)
    folded_note = (f" The {folded} files beyond the {files} most changed are folded into one grey circle per "
                   f"directory (--max-files)." if folded else "")
    silos = sum(1 for r in data.tree if r["node_type"] == "file" and r["knowledge_silo"])
    return (
        "<section id=hotspots><h2>Hotspots</h2>"
        + _figure("hotspots", svgs["hotspots"],
                  "Each circle is a file, inside the circles of its directories; area by changes, colour by the "
                  "file's risk level. Hover for details." + folded_note)
        + "</section><section id=knowledge><h2>Knowledge</h2>"
        + _figure("knowledge", svgs["knowledge"],
                  f"Colour by the author of most of the file's changes. {silos} knowledge silos (one author made "
                  "90% or more of 10 or more changes) are ringed." + folded_note)
        + "</section>")


def _coupling(data: VisualData, svg: str) -> str:
    rows = [[(f"<code>{_e(e['file_path_1'])}</code>", e["file_path_1"]),
             (f"<code>{_e(e['file_path_2'])}</code>", e["file_path_2"]),
             e["cooccurrence_count"], (_num(e["confidence_score"]), e["confidence_score"]),
             (_num(e["lift_score"]), e["lift_score"]), e["pattern_strength"]] for e in data.edges]
    table = _table("coupling-table", [("file", "text"), ("file", "text"), ("together", "num"),
                                      ("confidence", "num"), ("lift", "num"), ("strength", "text")], rows,
                   f"{len(data.edges)} pairs among {len(data.nodes)} files (at least {data.limits.min_strength}, "
                   f"at most {data.limits.max_nodes} files); click a heading to sort")
    body = (_figure("coupling", svg, "Files on a circle, grouped and coloured by directory; each edge a pair that "
                                     "changes together, drawn through the directory tree, wider for higher "
                                     "confidence.") + table) if data.edges else "<p>No couplings found.</p>"
    return f"<section id=coupling><h2>Coupling</h2>{body}</section>"


def _when(svgs: dict) -> str:
    return ("<section id=when><h2>When commits happen</h2>"
            + _figure("heatmap", svgs["heatmap"], "Non-merge commits per weekday and hour of the author's own clock.")
            + _figure("months", svgs["months"], "Non-merge commits per month.") + "</section>")


def _developers(data: VisualData, svg: str) -> str:
    dirs: dict[str, list[str]] = {}
    for d in data.directories:
        dirs.setdefault(d["author_email"], []).append(f"{d['directory'] or '(root)'} {d['share']:.0%}")
    rows = [[d["author_name"], (f"<small>{_e(d['author_email'])}</small>", d["author_email"]), d["commit_count"],
             (_num(d["change_velocity"]), d["change_velocity"]),
             (_num(d["specialization_score"]), d["specialization_score"]),
             ", ".join(dirs.get(d["author_email"], [])), ", ".join((d["frequent_collaborators"] or [])[:3]),
             (f"{d['first_commit_date']:%Y-%m-%d} to {d['last_commit_date']:%Y-%m-%d}", d["first_commit_date"])]
            for d in data.developers]
    table = _table("developer-table", [("developer", "text"), ("email", "text"), ("commits", "num"),
                                       ("per week", "num"), ("specialisation", "num"), ("main directories", "text"),
                                       ("collaborators", "text"), ("active", "text")], rows,
                   f"The {len(rows)} developers with the most commits; click a heading to sort")
    return ("<section id=developers><h2>Developers</h2>" + table
            + _figure("developers", svg, "Commits per ISO week of the same developers.") + "</section>")


def _inline(svg: str, prefix: str) -> str:
    """An SVG ready to sit beside others in one page: its ids (gradients, clips) made unique to it."""
    return re.sub(r'(id="|url\(#|href="#)([^")]+)', lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)


def render_html(data: VisualData) -> str:
    svgs = {name: _inline(charts.render(build(data), "svg"), name) for name, build in CHARTS.items()
            if name != "coupling" or data.edges}
    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(data.project)}: development patterns</title>
<style>{STYLE}</style></head>
<body>
{_header(data)}
<nav><a href="#insights">Insights</a><a href="#hotspots">Hotspots</a><a href="#coupling">Coupling</a>
<a href="#knowledge">Knowledge</a><a href="#when">When</a><a href="#developers">Developers</a></nav>
<main>
{_insights(data)}
{_maps(data, svgs)}
{_coupling(data, svgs.get("coupling", ""))}
{_when(svgs)}
{_developers(data, svgs["developers"])}
</main>
<footer>pgpattern report of {_e(data.project)}, generated {_e(generated)} from the database's api.</footer>
<div id="tip" role="tooltip" hidden></div>
<script>{SCRIPT}</script>
</body></html>
"""


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#23395d;color:#fff;padding:18px 28px}header h1{margin:0 0 10px;font-size:22px}

.facts{display:flex;flex-wrap:wrap;gap:10px 28px}
.fact span{display:block;font-size:11px;opacity:.75;text-transform:uppercase}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 28px;z-index:2}
nav a{margin-right:18px;color:#23395d;text-decoration:none;font-weight:600}
main{padding:0 28px 40px;max-width:1400px}section{margin-top:28px}h2{border-bottom:2px solid #23395d;padding-bottom:4px}
figure.chart{margin:12px 0;background:#fff;border:1px solid #e3e3e3;padding:10px;overflow-x:auto}
figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:13px;margin-top:6px}
ol.insights{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:8px}
.insight{background:#fff;border-left:5px solid #9ecae1;padding:6px 12px}
.risk-medium{border-color:#fdae6b}.risk-high{border-color:#f16913}.risk-critical{border-color:#a50f15}
.insight-head{display:flex;align-items:center;gap:10px}.insight-title{margin:0;font-size:15px}
.priority{background:#23395d;color:#fff;border-radius:12px;min-width:22px;text-align:center;font-weight:700}
.badge{font-size:11px;text-transform:uppercase;color:#555;border:1px solid #bbb;border-radius:3px;padding:0 4px}
.insight p{margin:4px 0;font-size:13px}.recs{margin:2px 0;padding-left:18px;color:#333;font-size:13px}.note{color:#555}
table{border-collapse:collapse;background:#fff;margin:12px 0;font-size:13px}
caption{text-align:left;color:#555;padding:4px 0}
th,td{border:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f6;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}td[data-sort]:not(:first-child){white-space:nowrap}
#tip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:4px 8px;border-radius:4px;font-size:12px;
max-width:480px;z-index:10}footer{color:#777;padding:16px 28px;font-size:12px}
"""

# Hover tooltips from the marks' aria-labels, and tables sorted by a click on a heading.
SCRIPT = """
(function () {
  var tip = document.getElementById('tip');
  document.addEventListener('mousemove', function (e) {
    var mark = e.target.closest && e.target.closest('figure.chart [aria-label]');
    if (!mark || mark.getAttribute('role') !== 'graphics-symbol') { tip.hidden = true; return; }
    tip.textContent = mark.getAttribute('aria-label');
    tip.hidden = false;
    tip.style.left = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = (e.clientY + 14) + 'px';
  });
  document.querySelectorAll('table.sortable th').forEach(function (th, column) {
    function sort() {
      var table = th.closest('table'), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var descending = th.getAttribute('aria-sort') !== 'descending';
      var numeric = th.dataset.type === 'num';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
})();
"""
