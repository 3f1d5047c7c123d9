"""The report's charts as Vega and Vega-Lite specifications, rendered to SVG or PNG by vl-convert.

Each function takes rows of the api visualisation functions (api.file_tree,
api.coupling_graph_nodes/_edges, api.commit_heatmap, api.commit_months,
api.author_weekly_commits) and returns a spec; render() turns a spec into SVG text or
PNG bytes in-process (vl-convert bundles Vega and its JavaScript engine: no browser, no
network). Marks that tests and readers look for carry names, which become SVG classes:
`directories`, `files`, `folded-files`, `silo-markers`, `coupling-nodes`, `edge-lines`; the
Vega-Lite charts' marks are `heatmap_marks`, `months_marks` and `developers_marks`.
Every mark has a `description`, the aria-label a hover tooltip shows.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

VEGA = "https://vega.github.io/schema/vega/v5.json"  # the schema's name; nothing is fetched
VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"

RISK_LEVELS = ["low", "medium", "high", "critical"]
RISK_COLOURS = ["#9ecae1", "#fdd49e", "#f16913", "#a50f15"]
FOLDED_COLOUR = "#d9d9d9"
OTHER_AUTHORS = "other authors"
MAX_AUTHOR_COLOURS = 9  # category10 less its grey
FILE_LABELS = 40  # the biggest file circles get their name
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def render(spec: dict, fmt: str) -> str | bytes:
    """SVG text or PNG bytes of a Vega or Vega-Lite spec."""
    import vl_convert  # a large native module, loaded only when a chart is drawn
    lite = spec.get("$schema") == VEGA_LITE
    if fmt == "svg":
        svg = vl_convert.vegalite_to_svg(spec) if lite else vl_convert.vega_to_svg(spec)
        # A spec that fails while it runs is logged by vl-convert and comes back as an empty picture.
        if "role-mark" not in svg:
            raise RuntimeError(f"Vega could not draw the chart {spec.get('name') or spec.get('title')}")
        return svg
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=2) if lite else vl_convert.vega_to_png(spec, scale=2)
    raise ValueError(f"unknown chart format {fmt!r}")


def _round(field: str) -> dict:
    # One decimal is plenty on screen and keeps the SVG of thousands of circles small.
    return {"signal": f"round(datum.{field} * 10) / 10"}


def _tree_values(tree: list[dict], colour_of) -> list[dict]:
    """api.file_tree rows as stratify input: the root '' becomes '.', a d3 id must not be empty."""
    values = []
    for row in tree:
        path, parent = row["node_path"], row["parent_path"]
        values.append({
            "id": path or ".", "parent": None if parent is None else (parent or "."),
            "name": row["node_name"], "type": row["node_type"],
            "size": row["changes"] if row["node_type"] != "directory" else None,
            "colour": colour_of(row), "silo": bool(row.get("knowledge_silo")),
            "label": _describe(row),
        })
    return values


def _describe(row: dict) -> str:
    path = row["node_path"] or "(root)"
    if row["node_type"] == "directory":
        return f"{path}/: {row['files']} files, {row['changes']} changes"
    if row["node_type"] == "other":
        return f"{path}: {row['node_name']}, {row['changes']} changes"
    share = row["main_author_share"]
    return (f"{path}: {row['changes']} changes, {row['lines_changed']} lines, risk {row['risk_level']} "
            f"({row['risk_score']:.2f}), hotspot {row['hotspot_score']:.2f}, main author "
            f"{row['main_author_name'] or row['main_author']} ({share:.0%})"
            + (", knowledge silo" if row.get("knowledge_silo") else ""))


def _packed_tree(title: str, values: list[dict], colour_scale: dict, legend_title: str, size: int,
                 extra_marks: list[dict] | None = None) -> dict:
    """A circle packing of the directory tree: circle area by changes, fill from the colour field."""
    leaf = {"shape": {"value": "circle"}, "x": _round("x"), "y": _round("y"),
            "size": {"signal": "round(4 * datum.r * datum.r)"}, "description": {"field": "label"}}
    return {
        "$schema": VEGA, "title": {"text": title, "anchor": "start", "font": FONT}, "width": size, "height": size,
        "padding": 5, "autosize": "pad",
        "data": [
            {"name": "tree", "values": values, "transform": [
                {"type": "stratify", "key": "id", "parentKey": "parent"},
                {"type": "pack", "field": "size", "sort": {"field": "value", "order": "descending"},
                 "size": [{"signal": "width"}, {"signal": "height"}], "padding": 1.5}]},
            *({"name": f"{kind}_nodes", "source": "tree",
               "transform": [{"type": "filter", "expr": f"datum.type == '{node_type}'"}]}
              for kind, node_type in (("directory", "directory"), ("file", "file"), ("folded", "other"))),
            {"name": "file_labels", "source": "file_nodes", "transform": [
                {"type": "window", "sort": {"field": "r", "order": "descending"}, "ops": ["row_number"],
                 "as": ["rank"]},
                {"type": "filter", "expr": f"datum.rank <= {FILE_LABELS} && datum.r >= 14"}]},
            {"name": "directory_labels", "source": "directory_nodes", "transform": [
                {"type": "filter", "expr": "datum.depth >= 1 && datum.depth <= 2 && datum.r >= 30"}]},
        ],
        "scales": [colour_scale],
        "legends": [{"fill": "colour", "title": legend_title, "orient": "right", "symbolType": "circle",
                     "labelFont": FONT, "titleFont": FONT, "labelLimit": 220}],
        "marks": [
            {"type": "symbol", "name": "directories", "from": {"data": "directory_nodes"},
             "encode": {"enter": {**leaf, "fill": {"value": "#000"}, "fillOpacity": {"value": 0.035},
                                  "stroke": {"value": "#9e9e9e"}, "strokeWidth": {"value": 0.6}}}},
            {"type": "symbol", "name": "folded-files", "from": {"data": "folded_nodes"},
             "encode": {"enter": {**leaf, "fill": {"value": FOLDED_COLOUR}, "stroke": {"value": "#fff"},
                                  "strokeWidth": {"value": 0.4}}}},
            {"type": "symbol", "name": "files", "from": {"data": "file_nodes"},
             "encode": {"enter": {**leaf, "fill": {"scale": "colour", "field": "colour"},
                                  "stroke": {"value": "#fff"}, "strokeWidth": {"value": 0.4}}}},
            *(extra_marks or []),
            {"type": "text", "name": "directory-labels", "from": {"data": "directory_labels"}, "interactive": False,
             "encode": {"enter": {"x": _round("x"), "y": {"signal": "round((datum.y - datum.r) * 10) / 10 + 11"},
                                  "text": {"field": "name"}, "align": {"value": "center"}, "font": {"value": FONT},
                                  "fontSize": {"value": 11}, "fontWeight": {"value": "bold"}, "fill": {"value": "#444"},
                                  "limit": {"signal": "datum.r * 1.6"}}}},
            {"type": "text", "name": "file-labels", "from": {"data": "file_labels"}, "interactive": False,
             "encode": {"enter": {"x": _round("x"), "y": _round("y"), "text": {"field": "name"},
                                  "align": {"value": "center"}, "baseline": {"value": "middle"},
                                  "font": {"value": FONT}, "fontSize": {"value": 9}, "fill": {"value": "#111"},
                                  "limit": {"signal": "datum.r * 1.8"}}}},
        ],
    }


def hotspot_map(tree: list[dict], size: int = 760) -> dict:
    """Circle packing of the tree, circle area by changes, colour by risk level."""
    values = _tree_values(tree, lambda row: row["risk_level"])
    scale = {"name": "colour", "type": "ordinal", "domain": RISK_LEVELS, "range": RISK_COLOURS}
    return _packed_tree("Hotspots: circle area by changes, colour by risk", values, scale, "risk", size)


def main_authors(tree: list[dict], limit: int = MAX_AUTHOR_COLOURS) -> list[str]:
    """The authors who get a colour of their own: main authors of the most changes."""
    changes = Counter()
    for row in tree:
        if row["node_type"] == "file":
            changes[row["main_author_name"] or row["main_author"]] += row["changes"]
    return [name for name, _ in sorted(changes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def knowledge_map(tree: list[dict], size: int = 760) -> dict:
    """The same circles coloured by main author; knowledge silos (one author, many changes) ringed."""
    coloured = main_authors(tree)

    def colour_of(row):
        name = row["main_author_name"] or row["main_author"]
        return name if name in coloured else OTHER_AUTHORS

    values = _tree_values(tree, colour_of)
    domain = coloured + ([OTHER_AUTHORS] if any(v["colour"] == OTHER_AUTHORS for v in values
                                                if v["type"] == "file") else [])
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"]
    scale = {"name": "colour", "type": "ordinal", "domain": domain,
             "range": palette[:len(coloured)] + ["#7f7f7f"] * (len(domain) - len(coloured))}
    silos = {"type": "symbol", "name": "silo-markers", "from": {"data": "silos"}, "interactive": False,
             "encode": {"enter": {"shape": {"value": "circle"}, "x": _round("x"), "y": _round("y"),
                                  "size": {"signal": "round(4 * (datum.r + 1.5) * (datum.r + 1.5))"},
                                  "fill": {"value": "transparent"}, "stroke": {"value": "#000"},
                                  "strokeWidth": {"value": 2}, "strokeDash": {"value": [3, 2]}}}}
    spec = _packed_tree("Knowledge: colour by main author; dashed rings mark knowledge silos", values, scale,
                        "main author", size, extra_marks=[silos])
    spec["data"].append({"name": "silos", "source": "file_nodes",
                         "transform": [{"type": "filter", "expr": "datum.silo"}]})
    return spec


def coupling_graph(nodes: list[dict], edges: list[dict], size: int = 760, labels: int = 150) -> dict:
    """Files on a circle grouped by directory, edges bundled through the directory tree, width by confidence."""
    directories = sorted({n["directory"] for n in nodes})
    values = [{"id": "(root)", "parent": None, "name": ""}]
    values += [{"id": f"dir:{d}", "parent": "(root)", "name": d or "(root)"} for d in directories]
    values += [{"id": n["file_path"], "parent": f"dir:{n['directory']}", "name": n["file_path"].rsplit("/", 1)[-1],
                "directory": n["directory"] or "(root)", "degree": n["degree"],
                "label": f"{n['file_path']}: {n['changes']} changes, {n['degree']} couplings, risk {n['risk_level']}"}
               for n in nodes]
    links = [{"source": e["file_path_1"], "target": e["file_path_2"], "confidence": e["confidence_score"],
              "label": f"{e['file_path_1']} + {e['file_path_2']}: {e['cooccurrence_count']} commits together, "
                       f"confidence {e['confidence_score']:.2f}, lift {e['lift_score']:.2f}, {e['pattern_strength']}"}
             for e in edges]
    shown_directories = sorted(directories, key=lambda d: -sum(1 for n in nodes if n["directory"] == d))[:10]
    radius = size / 2 - 150
    return {
        "$schema": VEGA, "title": {"text": "Coupling: files that change together, grouped by directory "
                                           "(edge width by confidence)", "anchor": "start", "font": FONT},
        "width": size, "height": size, "padding": 5, "autosize": "pad",
        "signals": [{"name": "radius", "value": radius}, {"name": "cx", "value": size / 2},
                    {"name": "cy", "value": size / 2}],
        "data": [
            {"name": "tree", "values": values, "transform": [
                {"type": "stratify", "key": "id", "parentKey": "parent"},
                {"type": "tree", "method": "cluster", "size": [1, 1], "as": ["alpha", "beta", "depth", "children"]},
                {"type": "formula", "expr": "(360 * datum.alpha + 270) % 360", "as": "angle"},
                {"type": "formula", "expr": "inrange(datum.angle, [90, 270])", "as": "leftside"},
                {"type": "formula", "expr": "cx + radius * datum.beta * cos(PI * datum.angle / 180)", "as": "x"},
                {"type": "formula", "expr": "cy + radius * datum.beta * sin(PI * datum.angle / 180)", "as": "y"}]},
            {"name": "leaves", "source": "tree", "transform": [{"type": "filter", "expr": "!datum.children"}]},
            {"name": "leaf_labels", "source": "leaves", "transform": [
                {"type": "window", "sort": {"field": "degree", "order": "descending"}, "ops": ["row_number"],
                 "as": ["rank"]}, {"type": "filter", "expr": f"datum.rank <= {labels}"}]},
            {"name": "links", "values": links, "transform": [
                {"type": "formula", "expr": "treePath('tree', datum.source, datum.target)", "as": "treepath",
                 "initonly": True}]},
        ],
        "scales": [
            {"name": "colour", "type": "ordinal", "domain": {"data": "leaves", "field": "directory"},
             "range": {"scheme": "tableau20"}},
            {"name": "width", "type": "linear", "domain": [0, 1], "range": [0.5, 4]},
        ],
        "legends": [{"fill": "colour", "title": "directory", "orient": "right", "symbolType": "circle",
                     "values": [d or "(root)" for d in shown_directories], "labelFont": FONT, "titleFont": FONT,
                     "labelLimit": 180}],
        "marks": [
            {"type": "group", "name": "coupling-edges", "from": {"facet": {"name": "path", "data": "links",
                                                                            "field": "treepath"}},
             "marks": [{"type": "line", "name": "edge-lines", "from": {"data": "path"},
                        "encode": {"enter": {
                            "interpolate": {"value": "bundle"}, "tension": {"value": 0.85},
                            "x": _round("x"), "y": _round("y"),
                            "stroke": {"value": "#3366aa"}, "strokeOpacity": {"value": 0.45},
                            "strokeWidth": {"signal": "scale('width', parent.confidence)"},
                            "description": {"signal": "parent.label"}}}}]},
            {"type": "symbol", "name": "coupling-nodes", "from": {"data": "leaves"},
             "encode": {"enter": {"x": _round("x"), "y": _round("y"), "size": {"value": 40},
                                  "fill": {"scale": "colour", "field": "directory"},
                                  "description": {"field": "label"}}}},
            {"type": "text", "name": "coupling-labels", "from": {"data": "leaf_labels"}, "interactive": False,
             "encode": {"enter": {
                 "x": {"signal": "round((cx + (radius + 7) * cos(PI * datum.angle / 180)) * 10) / 10"},
                 "y": {"signal": "round((cy + (radius + 7) * sin(PI * datum.angle / 180)) * 10) / 10"},
                 "text": {"field": "name"}, "angle": {"signal": "datum.leftside ? datum.angle - 180 : datum.angle"},
                 "align": {"signal": "datum.leftside ? 'right' : 'left'"}, "baseline": {"value": "middle"},
                 "font": {"value": FONT}, "fontSize": {"value": 9}, "limit": {"value": 140},
                 "fill": {"scale": "colour", "field": "directory"}}}},
        ],
    }


def commit_heatmap(cells: list[dict]) -> dict:
    """Commits per weekday and hour of the author's local time."""
    return {
        "$schema": VEGA_LITE, "title": {"text": "When commits happen (authors' local time)", "anchor": "start"},
        "config": {"font": FONT}, "width": 620, "height": 190,
        "data": {"values": [{"weekday": c["weekday_name"], "day": c["weekday"], "hour": c["hour"],
                             "commits": c["commits"]} for c in cells]},
        "name": "heatmap", "mark": "rect",
        "encoding": {
            "x": {"field": "hour", "type": "ordinal", "title": "hour"},
            "y": {"field": "weekday", "type": "ordinal", "sort": {"field": "day"}, "title": None},
            "color": {"field": "commits", "type": "quantitative", "scale": {"scheme": "blues"}},
            "description": {"signal": "datum.weekday + ' ' + datum.hour + ':00: ' + datum.commits + ' commits'"},
        },
    }


def commit_months(months: list[dict]) -> dict:
    """Commits per month, with the number of authors behind them."""
    return {
        "$schema": VEGA_LITE, "title": {"text": "Commits per month", "anchor": "start"},
        "config": {"font": FONT}, "width": 620, "height": 180,
        "data": {"values": [{"month": _iso(m["month"]), "commits": m["commits"], "authors": m["authors"]}
                            for m in months]},
        "name": "months", "mark": {"type": "bar", "color": "#3366aa"},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None},
            "y": {"field": "commits", "type": "quantitative"},
            "description": {"signal": "timeFormat(datum.month, '%Y-%m') + ': ' + datum.commits + ' commits by '"
                                      " + datum.authors + ' authors'"},
        },
    }


def developer_activity(weeks: list[dict]) -> dict:
    """Commits per week of the authors with the most commits, one line each."""
    return {
        "$schema": VEGA_LITE, "title": {"text": "Commits per week, by author", "anchor": "start"},
        "config": {"font": FONT}, "width": 620, "height": 200,
        "data": {"values": [{"author": w["author_name"], "rank": w["author_rank"], "week": _iso(w["week"]),
                             "commits": w["commits"]} for w in weeks]},
        "name": "developers", "mark": {"type": "line", "strokeWidth": 1.5},
        "encoding": {
            "x": {"field": "week", "type": "temporal", "title": None},
            "y": {"field": "commits", "type": "quantitative"},
            "color": {"field": "author", "type": "nominal", "sort": {"field": "rank"},
                      "scale": {"scheme": "category10"}, "legend": {"labelLimit": 180}},
        },
    }


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
