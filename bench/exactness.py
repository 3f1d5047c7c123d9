"""Exactness of a change to how patterns are stored or computed (issue 12, item 7): dump what a
database found, then compare two dumps (one from a main-built database, one from the branch's).

    python bench/exactness.py dump CONNINFO OUT.json [--project bench] [--suggestions 420]
    python bench/exactness.py compare A.json B.json [--tolerance 1e-9]

The dump holds every column of every active pattern and insight (row ids, session ids and times
aside; rows keyed by what they are about), the live state's rows (file and author numbers as
their paths and keys) and the answers of api.suggest_cochanges for a sample of files: every k-th
file of the active magnitude profiles with both rankings, a tenth with an author. compare prints
each difference (floats equal within the relative tolerance) and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import psycopg

SKIP = {"id", "discovery_session_id", "created_at", "updated_at", "supporting_pattern_ids"}

# Each current-pattern table with the columns that name what a row is about.
PATTERNS = {
    "file_cooccurrence_patterns": "r->>'pattern_hash'",
    "temporal_patterns": "r->>'pattern_type'",
    "developer_patterns": "r->>'developer_hash'",
    "change_magnitude_patterns": "r->>'file_path'",
    "pattern_insights": "concat_ws(' ', r->>'insight_type', r->>'subject')",
}

# The live state: each table's rows as JSON with numbers replaced by the paths and keys they stand for
# (each query is completed by the project's WHERE clause on t).
LIVE = {
    "live_commits": "SELECT t.commit_id::text, to_jsonb(t) - 'project_id' FROM patterns.live_commits t",
    "live_changes": """SELECT t.commit_id || ' ' || g.path, to_jsonb(t) - 'project_id' - 'file_id'
                         FROM patterns.live_changes t
                         JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id""",
    "file_pair_counts": """SELECT least(a.path, b.path) || ' ' || greatest(a.path, b.path),
                                  jsonb_build_object('cochanges', t.cochanges)
                                  || CASE WHEN a.path < b.path
                                          THEN jsonb_build_object('w1', t.weight_1, 's1', t.stamp_1,
                                                                  'w2', t.weight_2, 's2', t.stamp_2)
                                          ELSE jsonb_build_object('w1', t.weight_2, 's1', t.stamp_2,
                                                                  'w2', t.weight_1, 's2', t.stamp_1) END
                             FROM patterns.file_pair_counts t
                             JOIN git.paths a ON a.project_id = t.project_id AND a.path_id = t.file_id_1
                             JOIN git.paths b ON b.project_id = t.project_id AND b.path_id = t.file_id_2""",
    "file_change_counts": "SELECT t.file_path, to_jsonb(t) - 'project_id' FROM patterns.file_change_counts t",
    "file_author_counts": """SELECT g.path || ' ' || a.author_key, jsonb_build_object('changes', t.changes)
                               FROM patterns.file_author_counts t
                               JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id
                               JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id""",
    "file_author_recency": """SELECT g.path || ' ' || a.author_key, jsonb_build_object('places', t.places,
                                                                                    'commits', t.commit_ids)
                                FROM patterns.file_author_recency t
                                JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id
                                JOIN git.authors a ON a.project_id = t.project_id AND a.author_id = t.author_id""",
    "file_profiles": """SELECT g.path, to_jsonb(t) - 'project_id' - 'file_id' FROM patterns.file_profiles t
                          JOIN git.paths g ON g.project_id = t.project_id AND g.path_id = t.file_id""",
}


def dump(conninfo: str, project: str, suggestions: int) -> dict:
    out: dict[str, dict] = {}
    with psycopg.connect(conninfo) as conn:
        for table, key in PATTERNS.items():
            rows = conn.execute(f"""SELECT {key}, r FROM (SELECT to_jsonb(t) AS r FROM patterns.{table} t
                                     WHERE t.is_active AND t.project_id = patterns.project_id(%s)) x""",
                                (project,)).fetchall()
            out[table] = {k: {c: v for c, v in r.items() if c not in SKIP} for k, r in rows}
        for table, query in LIVE.items():
            where = " WHERE t.project_id = patterns.project_id(%s)"
            out[table] = dict(conn.execute(query + where, (project,)).fetchall())
        files = [r[0] for r in conn.execute(
            """SELECT file_path FROM patterns.change_magnitude_patterns
                WHERE is_active AND project_id = patterns.project_id(%s) ORDER BY file_path""", (project,))]
        authors = [r[0] for r in conn.execute(
            """SELECT author_email FROM patterns.developer_patterns
                WHERE is_active AND project_id = patterns.project_id(%s) ORDER BY commit_count DESC LIMIT 50""",
            (project,))]
        step = max(1, len(files) // max(1, suggestions // 2))
        calls = {}
        for i, path in enumerate(files[::step]):
            for ranking in ("recent", "confidence"):
                author = authors[i % len(authors)] if authors and i % 10 == 0 else None
                rows = conn.execute("SELECT to_jsonb(s) FROM api.suggest_cochanges(%s, %s, 10, %s, %s) s",
                                    (project, [path], author, ranking)).fetchall()
                calls[f"{ranking} {author or '-'} {path}"] = [r[0] for r in rows]
        out["suggest_cochanges"] = calls
    return out


def differ(a, b, tolerance: float) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return True
        return not math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() != b.keys() or any(differ(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) != len(b) or any(differ(x, y, tolerance) for x, y in zip(a, b))
    return a != b


def compare(a: dict, b: dict, tolerance: float) -> int:
    differences = 0
    for table in sorted(a.keys() | b.keys()):
        left, right = a.get(table, {}), b.get(table, {})
        bad = [k for k in left.keys() | right.keys() if differ(left.get(k), right.get(k), tolerance)]
        print(f"{table}: {len(left):,} / {len(right):,} rows, {len(bad)} differ")
        for k in sorted(bad)[:3]:
            x, y = left.get(k), right.get(k)
            if isinstance(x, dict) and isinstance(y, dict):  # the fields that differ
                fields = [f for f in x.keys() | y.keys() if differ(x.get(f), y.get(f), tolerance)]
                x, y = ({f: row.get(f) for f in fields} for row in (x, y))
            print(f"  {k}:\n    {str(x)[:300]}\n    {str(y)[:300]}")
        differences += len(bad)
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("conninfo")
    d.add_argument("out")
    d.add_argument("--project", default="bench")
    d.add_argument("--suggestions", type=int, default=420)
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    if args.command == "dump":
        with open(args.out, "w") as f:
            json.dump(dump(args.conninfo, args.project, args.suggestions), f)
    else:
        with open(args.a) as fa, open(args.b) as fb:
            sys.exit(compare(json.load(fa), json.load(fb), args.tolerance))


if __name__ == "__main__":
    main()
