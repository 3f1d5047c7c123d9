"""`pgpattern discover` and `pgpattern report`: run discovery in the database, read the api back.

Discovery is one call of patterns.discover_patterns(); each algorithm raises a NOTICE
as it finishes, which is the progress shown. Then the project's discovery sessions beyond
the number it keeps are purged (patterns.purge_discovery_sessions). The report reads only api functions and
views, the contract applications use too.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import psycopg
from psycopg.rows import dict_row

from .errors import PgPatternError
from .target import connect, require_migrated, wait_for_advisory_lock

ALGORITHMS = ("cooccurrence", "temporal", "developer", "magnitude", "insights")
# pg_advisory_lock(int, int) class of patterns.discover_patterns: one discovery per project ('pdis').
DISCOVERY_LOCK_CLASS = 1885630573  # core.lock_class('discovery')


@dataclass
class DiscoverOptions:
    algorithms: tuple[str, ...] = ALGORITHMS
    confidence_threshold: float = 0.30
    min_cooccurrence: int = 3
    max_changeset_size: int = 30
    since: datetime | None = None
    until: datetime | None = None
    until_sha: str | None = None


def resolve_project(conn: psycopg.Connection, project: str | None) -> str:
    """The project named, or the only one there is."""
    if project is not None:
        return project
    names = [r[0] for r in conn.execute("SELECT name FROM core.projects ORDER BY name").fetchall()]
    if len(names) == 1:
        return names[0]
    if not names:
        raise PgPatternError("there is no project yet", hint="ingest a repository first: pgpattern ingest PATH")
    raise PgPatternError(f"there are {len(names)} projects: say which with --project",
                         hint="projects: " + ", ".join(shlex.quote(n) for n in names))


def discover(conninfo: str, project: str | None, options: DiscoverOptions,
             on_progress: Callable[[str], None] | None = None, on_wait: Callable[[str], None] | None = None,
             lock_timeout: float | None = None) -> dict:
    """Run discovery in one transaction; returns the discovery session row.

    One discovery per project runs at a time (patterns.discover_patterns takes the
    project's advisory lock); this one takes that lock first, so that while another holds
    it, on_wait hears whom it waits for, up to lock_timeout seconds (None: as long as it takes).
    """
    with connect(conninfo, long_running=True) as conn:
        require_migrated(conn, "patterns.discover_patterns", "pattern discovery")
        name = resolve_project(conn, project)
        project_id = conn.execute("SELECT project_id FROM core.projects WHERE name = %s", (name,)).fetchone()
        if project_id:  # else discover_patterns says that the project is unknown
            wait_for_advisory_lock(conn, (DISCOVERY_LOCK_CLASS, project_id[0]),
                                   f"another discovery of project {name!r}", lock_timeout, on_wait,
                                   hint="wait for it to finish, or raise --lock-timeout")
        if on_progress:
            conn.add_notice_handler(lambda diag: on_progress(diag.message_primary or ""))
        session = conn.execute(
            """SELECT patterns.discover_patterns(
                   p_project => %s, p_algorithms => %s, p_confidence_threshold => %s, p_min_cooccurrence => %s,
                   p_max_changeset_size => %s, p_since => %s, p_until => %s, p_until_sha => %s)""",
            (name, list(options.algorithms), options.confidence_threshold, options.min_cooccurrence,
             options.max_changeset_size, options.since, options.until, options.until_sha)).fetchone()[0]
        conn.commit()
        row = conn.cursor(row_factory=dict_row).execute(
            "SELECT * FROM patterns.pattern_discovery_sessions WHERE id = %s", (session,)).fetchone()
        # Then, in a transaction of its own, the project's sessions beyond the number it keeps go.
        purged = conn.cursor(row_factory=dict_row).execute(
            """SELECT coalesce(sum(rows_removed) FILTER (WHERE table_name = 'patterns.pattern_discovery_sessions'), 0)
                          AS purged_sessions,
                      coalesce(sum(rows_removed) FILTER (WHERE table_name <> 'patterns.pattern_discovery_sessions'), 0)
                          AS purged_rows,
                      patterns.discovery_sessions_kept(patterns.project_id(%(project)s)) AS sessions_kept
                 FROM patterns.purge_discovery_sessions(%(project)s)""", {"project": name}).fetchone()
        if project_id:
            conn.execute("SELECT pg_advisory_unlock(%s, %s)", (DISCOVERY_LOCK_CLASS, project_id[0]))
        conn.commit()
    return {"project": name, **row, **purged}


@dataclass
class Report:
    project: str
    sections: dict[str, list[dict]] = field(default_factory=dict)


SUMMARY = """SELECT project, last_discovery, cooccurrence_patterns, temporal_patterns, developer_patterns,
                    magnitude_patterns, insights, critical_insights, high_risk_insights, critical_risk_files,
                    total_commits_analyzed, total_files_analyzed, last_execution_time
               FROM api.project_pattern_summary WHERE project = %(project)s"""

# The api lists come a page at a time: each query takes p_limit => %(page)s and
# p_after => %(after)s (the id of the previous page's last row) and selects that id.
PAGE = 1000
LISTS = {
    # Ranked by together * confidence, not the api's order: every active pair is read, page by page.
    "couplings": ("""SELECT file_path_1, file_path_2, cooccurrence_count AS together,
                            round(confidence_score::numeric, 3) AS confidence,
                            round(lift_score::numeric, 2) AS lift, pattern_strength AS strength,
                            cooccurrence_count * confidence_score AS weight, id
                       FROM api.pattern_cooccurrence_search(%(project)s, p_limit => %(page)s, p_after => %(after)s)""",
                  None),
    "risk_files": ("""SELECT file_path, risk_level, round(risk_score::numeric, 3) AS risk,
                             round(hotspot_score::numeric, 2) AS hotspot,
                             round(anomaly_score::numeric, 2) AS anomaly, total_changes AS changes,
                             change_trend AS trend, id
                        FROM api.pattern_risk_files(%(project)s, p_limit => %(page)s, p_after => %(after)s)""",
                   "limit"),
    "developers": ("""SELECT author_email, author_name, commit_count AS commits,
                             round(change_velocity::numeric, 2) AS per_week,
                             round(consistency_score::numeric, 2) AS consistency,
                             round(specialization_score::numeric, 2) AS specialization,
                             array_to_string(frequent_collaborators[1:3], ', ') AS collaborators, id
                        FROM api.pattern_developer_profile(%(project)s, p_limit => %(page)s, p_after => %(after)s)""",
                   "limit"),
    # The active temporal patterns: one per type, five at most.
    "temporal_peaks": ("""SELECT pattern_type, round(pattern_strength::numeric, 3) AS strength, p_value,
                                 array_to_string(peak_labels, ', ') AS peaks, id
                            FROM api.pattern_temporal_get(%(project)s, p_limit => %(page)s, p_after => %(after)s)""",
                       5),
    "insights": ("""SELECT priority_score AS priority, insight_type, risk_level,
                           round(confidence_score::numeric, 2) AS confidence,
                           title, recommendations[1] AS recommendation, id
                      FROM api.pattern_insights_get(%(project)s, p_limit => %(page)s, p_after => %(after)s)""",
                 "limit"),
}


def api_pages(cursor: psycopg.Cursor, query: str, params: dict, want: int | None) -> list[dict]:
    """The first `want` rows of an api list (every row when None), asked for a page at a time."""
    rows: list[dict] = []
    after = None
    while want is None or len(rows) < want:
        size = PAGE if want is None else min(PAGE, want - len(rows))
        page = cursor.execute(query, {**params, "page": size, "after": after}).fetchall()
        rows += page
        if len(page) < size:
            break
        after = page[-1]["id"]
    return rows


def build_report(conninfo: str, project: str | None, limit: int = 10) -> Report:
    with connect(conninfo, autocommit=True) as conn:
        require_migrated(conn, "api.pattern_cooccurrence_search", "pattern query api")
        name = resolve_project(conn, project)
        cursor = conn.cursor(row_factory=dict_row)
        report = Report(name)
        report.sections["summary"] = cursor.execute(SUMMARY, {"project": name}).fetchall()
        for section, (query, want) in LISTS.items():
            rows = api_pages(cursor, query, {"project": name}, limit if want == "limit" else want)
            if section == "couplings":
                rows = sorted(rows, key=lambda r: (-r["weight"], r["file_path_1"], r["file_path_2"]))[:limit]
            report.sections[section] = [{k: v for k, v in r.items() if k not in ("id", "weight")} for r in rows]
    if not report.sections["summary"] or report.sections["summary"][0]["last_discovery"] is None:
        raise PgPatternError(f"project {name!r} has no completed discovery yet",
                             hint=f"run pgpattern discover --project {shlex.quote(name)}")
    return report
