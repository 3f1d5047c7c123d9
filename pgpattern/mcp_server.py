"""`pgpattern mcp`: the pattern api as a Model Context Protocol server over stdio.

Coding assistants start it as a subprocess and call its tools: the blueprint's six
handlers (pattern_discover, pattern_cooccurrence_search, pattern_temporal_get,
pattern_developer_profile, pattern_risk_files, pattern_insights_get), suggest_cochanges
and list_projects. Each tool is one call of the `api` function of the same name (the
projects view for list_projects), its arguments passed by name, so what the tool does,
its defaults and its errors are the api's; rows come back as JSON, as PostgreSQL's
to_jsonb makes them, a page at a time. Each project's summary and high-risk files are
resources too.

The server acts as pgpattern_reader (SET ROLE after connecting), or as pgpattern_writer
with --allow-writes, which also offers pattern_discover. A database error is a tool
error with the server's message and hint; a lost connection is opened again on the next
call (a read that found it lost is tried once more on the new one).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, unquote

import anyio
import mcp_types as types
import psycopg
from jsonschema import Draft202012Validator
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError
from psycopg import sql

from . import __version__
from .errors import PgPatternError, connection_lost, database_error, one_line
from .target import connect, describe

READER, WRITER = "pgpattern_reader", "pgpattern_writer"
# What a JSON argument is for each SQL type of an api parameter.
JSON_TYPES = {"text": {"type": "string"}, "uuid": {"type": "string", "format": "uuid"},
              "integer": {"type": "integer"}, "double precision": {"type": "number"},
              "boolean": {"type": "boolean"}, "text[]": {"type": "array", "items": {"type": "string"}}}
# The high-risk files resource lists this many at most (api.high_risk_files_summary has no pages).
HIGH_RISK_FILES_SHOWN = 100
RESOURCE_NOT_FOUND = -32002  # the MCP specification's code for an unknown resource


@dataclass(frozen=True)
class Param:
    """A tool argument: the api function's parameter p_<name>, of that SQL type."""

    name: str
    sql_type: str
    description: str
    enum: tuple[str, ...] | None = None
    default: Any = None  # the api's default (documentation: an argument left out is left to the api)
    required: bool = False
    # Offered only where the database's function takes it (a parameter newer than some databases).
    only_if_api_has_it: bool = False

    @property
    def api_name(self) -> str:
        return f"p_{self.name}"

    def schema(self) -> dict:
        schema = {**JSON_TYPES[self.sql_type], "description": self.description}
        if self.enum:
            if self.sql_type == "text[]":
                schema["items"] = {"type": "string", "enum": list(self.enum)}
                schema["uniqueItems"] = True
            else:
                schema["enum"] = list(self.enum)
        if self.default is not None:
            schema["default"] = self.default
        return schema


@dataclass(frozen=True)
class ToolSpec:
    name: str  # and the api function's
    description: str
    params: tuple[Param, ...]
    writes: bool = False

    @property
    def paged(self) -> bool:
        return any(p.name == "after" for p in self.params)


PROJECT = Param("project", "text", "The project's name (list_projects lists them).", required=True)
LIMIT = Param("limit", "integer", "Rows per page, 1 to 1000.", default=100)
AFTER = Param("after", "uuid", "The next page: the next_after of the previous answer (leave out for the first).")
RISK_LEVELS = ("low", "medium", "high", "critical")

TOOLS = (
    ToolSpec(
        "pattern_discover",
        "Discover a project's change patterns from its ingested history (writes; can take minutes on a "
        "large history). A completed run with the same settings, newer than the latest ingested commit, is "
        "reused unless force_refresh. Returns the discovery run.",
        (PROJECT,
         Param("force_refresh", "boolean", "Run again even when a fitting completed run exists.", default=False),
         Param("algorithms", "text[]", "Which pattern kinds to discover (default: all).",
               enum=("cooccurrence", "temporal", "developer", "magnitude", "insights")),
         Param("confidence_threshold", "double precision", "Least co-occurrence confidence kept.", default=0.30)),
        writes=True),
    ToolSpec(
        "pattern_cooccurrence_search",
        "Files that change together: active co-occurrence patterns, strongest first (confidence, lift), "
        "with support, lift, p-value and the commits behind each pair.",
        (PROJECT,
         Param("file_path", "text", "Only pairs with this file (its latest path)."),
         Param("min_confidence", "double precision", "Least confidence.", default=0),
         Param("min_lift", "double precision", "Least lift.", default=0),
         Param("pattern_strength", "text", "Only pairs of this strength.",
               enum=("weak", "moderate", "strong", "very_strong")),
         LIMIT, AFTER)),
    ToolSpec(
        "pattern_temporal_get",
        "When commits happen: temporal patterns (hour of day, day of week, ...) with their chi-square test "
        "and peak labels in the authors' local time.",
        (PROJECT,
         Param("pattern_type", "text", "Only this period.", enum=("hourly", "daily", "weekly", "monthly", "seasonal")),
         Param("min_significance", "double precision", "Least significance, as -log10(p).", default=0),
         Param("active_only", "boolean", "Only the latest run's patterns.", default=True),
         LIMIT, AFTER)),
    ToolSpec(
        "pattern_developer_profile",
        "Who works how: developer patterns, most commits first: velocity, consistency, specialisation and "
        "specialty files, and (optionally) collaborators.",
        (PROJECT,
         Param("author_email", "text", "Only this author (any case)."),
         Param("min_specialization", "double precision", "Least specialisation score.", default=0),
         Param("include_collaboration", "boolean", "With collaborators, shared files and overlap.", default=True),
         LIMIT, AFTER)),
    ToolSpec(
        "pattern_risk_files",
        "Risky files: change-magnitude patterns, riskiest first: risk, hotspot, anomaly and volatility "
        "scores, change frequency and trend.",
        (PROJECT,
         Param("risk_level", "text", "Only files at this risk level.", enum=RISK_LEVELS),
         Param("min_anomaly_score", "double precision", "Least anomaly score.", default=0),
         Param("file_category", "text", "Only files of this kind.", enum=("test", "docs", "ci", "config", "source")),
         LIMIT, AFTER)),
    ToolSpec(
        "pattern_insights_get",
        "What the patterns mean: insights, highest priority first, with their statistical support, the "
        "patterns behind them and recommendations.",
        (PROJECT,
         Param("insight_type", "text", "Only insights of this type.",
               enum=("file_coupling", "temporal_patterns", "developer_specialization", "high_risk_files",
                     "change_anomalies", "collaboration_gaps", "architectural_hotspots", "quality_concerns")),
         Param("min_confidence", "double precision", "Least confidence.", default=0),
         Param("risk_level", "text", "Only insights at this risk level.", enum=RISK_LEVELS),
         Param("validation_status", "text", "Only insights in this state.",
               enum=("pending", "validated", "rejected", "implemented")),
         Param("include_recommendations", "boolean", "With recommendations.", default=True),
         LIMIT, AFTER)),
    ToolSpec(
        "suggest_cochanges",
        "What else to change: given the files being changed (any path they had), the files most likely to "
        "need a change too, with the evidence (confidence, times changed together, the query file behind it).",
        (PROJECT,
         Param("files", "text[]", "The files being changed.", required=True),
         Param("k", "integer", "How many suggestions (at least 1).", default=10),
         Param("author", "text", "Who is changing them (their e-mail): their own history weighs more.",
               only_if_api_has_it=True),
         Param("ranking", "text", "recent: co-changes counted by how recent they are in the file's own history "
               "(the default); confidence: the share of the file's changes that changed the other file too.",
               enum=("recent", "confidence"), default="recent", only_if_api_has_it=True))),
)
LIST_PROJECTS = ToolSpec("list_projects",  # reads the view api.projects
                         "The projects in the database: name, where it was ingested from, commits ingested and "
                         "the latest completed discovery run.", ())


class ToolError(Exception):
    """A call the assistant can correct: the tool answers with is_error, the server carries on."""

    def __init__(self, message: str, hint: str | None = None, sqlstate: str | None = None):
        super().__init__(message)
        self.hint = hint
        self.sqlstate = sqlstate

    @classmethod
    def from_database(cls, error: psycopg.Error) -> ToolError:
        translated = database_error(error)
        return cls(str(translated.args[0]), translated.hint, error.sqlstate)

    @property
    def text(self) -> str:
        return str(self) + (f"\nHint: {self.hint}" if self.hint else "")

    def result(self) -> types.CallToolResult:
        """As a tool's answer: an error the assistant reads, the call having been made."""
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=self.text)], is_error=True,
            structured_content={"error": str(self), "hint": self.hint, "sqlstate": self.sqlstate})

    def mcp_error(self, code: int) -> MCPError:
        """As a protocol error, for the requests that have no error result (resources)."""
        return MCPError(code=code, message=self.text, data={"hint": self.hint, "sqlstate": self.sqlstate})


class Database:
    """One connection acting as pgpattern_reader (or writer), opened again when it was lost.

    Calls run one at a time, in a worker thread, so the event loop keeps serving the client.
    """

    def __init__(self, conninfo: str, allow_writes: bool):
        self.conninfo = conninfo
        self.role = WRITER if allow_writes else READER
        self.conn: psycopg.Connection | None = None
        self.lock = threading.Lock()

    def open(self) -> psycopg.Connection:
        conn = connect(self.conninfo, autocommit=True)
        try:
            self._act_as_role(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _act_as_role(self, conn: psycopg.Connection) -> None:
        user, exists = conn.execute("SELECT quote_ident(current_user), to_regrole(%s) IS NOT NULL",
                                    (self.role,)).fetchone()
        if not exists:
            raise PgPatternError(f"the database at {describe(self.conninfo)} has no role {self.role}",
                                 hint="apply the migrations first: pgpattern migrate (with the same --dsn)")
        if not conn.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (self.role,)).fetchone()[0]:
            raise PgPatternError(
                f"role {user} may not act as {self.role}, the rights `pgpattern mcp` runs with"
                + (" (--allow-writes)" if self.role == WRITER else ""),
                hint=f"as an administrator: GRANT {self.role} TO {user}; or connect as a role that has it "
                     "(--dsn 'user=...')")
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(self.role)))

    def run(self, query: sql.Composable, params: dict | None = None, retry: bool = True) -> list:
        """The first column of every row, connecting first when there is no live connection.

        A statement that finds the connection lost is run once more on a new one when retry
        (reads: running them twice does no harm); otherwise the error says the next call reconnects.
        """
        with self.lock:
            for attempt in (1, 2):
                try:
                    if self.conn is None or self.conn.closed or self.conn.broken:
                        self.close()
                        self.conn = self.open()
                    return [row[0] for row in self.conn.execute(query, params).fetchall()]
                except PgPatternError as e:
                    raise ToolError(str(e.args[0]), e.hint) from None
                except psycopg.Error as e:
                    if not connection_lost(e):
                        raise ToolError.from_database(e) from None
                    self.close()
                    if not (retry and attempt == 1):
                        raise ToolError(
                            f"lost the connection to the database: {one_line(str(e))}",
                            hint="the next call connects again; whether a write in progress was committed, "
                                 "the data will tell", sqlstate=e.sqlstate) from None
            raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None


@dataclass
class PatternServer:
    """The tools and resources, bound to a database, a default project and the rights to write."""

    db: Database
    project: str | None = None
    allow_writes: bool = False
    tools: dict[str, ToolSpec] = field(default_factory=dict)

    def prepare(self) -> None:
        """Check the database once before serving; what it lacks (migrations, rights) stops the start."""
        if not self.db.run(sql.SQL("SELECT to_regclass('api.projects') IS NOT NULL"), retry=False)[0]:
            raise PgPatternError(f"the database at {describe(self.db.conninfo)} is not migrated far enough: "
                                 "it has no api.projects",
                                 hint="apply the migrations first: pgpattern migrate (with the same --dsn)")
        api_args = {name: set(args or ()) for name, args in self.db.run(
            sql.SQL("""SELECT jsonb_build_array(p.proname, p.proargnames) FROM pg_catalog.pg_proc p
                        WHERE p.pronamespace = 'api'::regnamespace"""), retry=False)}
        offered = [t for t in TOOLS if self.allow_writes or not t.writes]
        for spec in offered:
            have = api_args.get(spec.name)
            missing = [p.api_name for p in spec.params if not p.only_if_api_has_it and p.api_name not in (have or ())]
            if have is None or missing:
                raise PgPatternError(
                    f"the database at {describe(self.db.conninfo)} is not migrated far enough: "
                    f"api.{spec.name} " + ("is missing" if have is None else f"has no {', '.join(missing)}"),
                    hint="apply the migrations first: pgpattern migrate (with the same --dsn)")
            params = tuple(p for p in spec.params if not p.only_if_api_has_it or p.api_name in have)
            self.tools[spec.name] = replace(spec, params=params)
        self.tools[LIST_PROJECTS.name] = LIST_PROJECTS
        if self.project is not None:
            self._require_project(self.project)

    # -- tools ------------------------------------------------------------------------

    def input_schema(self, spec: ToolSpec) -> dict:
        properties, required = {}, []
        for param in spec.params:
            schema = param.schema()
            if param.name == "project" and self.project is not None:
                schema["default"] = self.project
            elif param.required:
                required.append(param.name)
            properties[param.name] = schema
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}

    def tool_list(self) -> list[types.Tool]:
        output = {"type": "object", "required": ["rows"],
                  "properties": {"rows": {"type": "array", "items": {"type": "object"}},
                                 "next_after": {"type": ["string", "null"]}}}
        return [types.Tool(name=spec.name, description=spec.description, input_schema=self.input_schema(spec),
                           output_schema=output,
                           annotations=types.ToolAnnotations(read_only_hint=not spec.writes,
                                                             destructive_hint=False if spec.writes else None,
                                                             open_world_hint=False))
                for spec in self.tools.values()]

    def call(self, name: str, arguments: dict | None) -> dict:
        spec = self.tools.get(name)
        if spec is None:
            hidden = next((t for t in TOOLS if t.name == name and t.writes), None)
            raise ToolError(f"unknown tool {name!r}",
                            hint="pgpattern mcp offers the tools that write only when started with --allow-writes"
                            if hidden else f"the tools are: {', '.join(self.tools)}")
        arguments = dict(arguments or {})
        problems = sorted(Draft202012Validator(self.input_schema(spec)).iter_errors(arguments),
                          key=lambda e: list(e.path))
        if problems:
            first = problems[0]
            where = ".".join(str(p) for p in first.path)
            raise ToolError(f"{name}: {where + ': ' if where else ''}{first.message}",
                            hint="the tool's input schema (tools/list) says what each argument takes")
        if spec is LIST_PROJECTS:
            rows = self.db.run(sql.SQL("SELECT to_jsonb(p) FROM api.projects p ORDER BY p.project"))
            return {"rows": rows, "next_after": None}
        if "project" in {p.name for p in spec.params}:
            arguments.setdefault("project", self.project)
        named = [sql.SQL("{} => {}::{}").format(sql.Identifier(p.api_name), sql.Placeholder(p.name),
                                                 sql.SQL(p.sql_type))
                 for p in spec.params if p.name in arguments]
        # The api's own order, kept by the ordinality; each row as to_jsonb makes it (ISO times, numbers).
        query = sql.SQL("SELECT to_jsonb(r) - 'ordinality' FROM api.{}({}) WITH ORDINALITY r ORDER BY r.ordinality"
                        ).format(sql.Identifier(spec.name), sql.SQL(", ").join(named))
        rows = self.db.run(query, arguments, retry=not spec.writes)
        limit = arguments.get("limit", LIMIT.default)
        more = spec.paged and rows and len(rows) == limit
        return {"rows": rows, "next_after": rows[-1]["id"] if more else None}

    # -- resources ------------------------------------------------------------------

    RESOURCES = {
        "summary": ("{project}: pattern summary", "The project, its ingested commits and what its latest completed "
                    "discovery run found (pattern counts, critical insights and files)."),
        "high-risk-files": ("{project}: high-risk files", f"Active files at high or critical risk, critical first "
                            f"(at most {HIGH_RISK_FILES_SHOWN})."),
    }
    URI = re.compile(r"^pgpattern://projects/([^/]+)/(summary|high-risk-files)$")

    def resource_list(self) -> list[types.Resource]:
        projects = [self.project] if self.project is not None else self.db.run(
            sql.SQL("SELECT project FROM api.projects ORDER BY project"))
        return [types.Resource(uri=f"pgpattern://projects/{quote(project, safe='')}/{kind}",
                               name=title.format(project=project), description=description,
                               mime_type="application/json")
                for project in projects for kind, (title, description) in self.RESOURCES.items()]

    def resource_templates(self) -> list[types.ResourceTemplate]:
        return [types.ResourceTemplate(uri_template=f"pgpattern://projects/{{project}}/{kind}",
                                       name=title.format(project="any project"), description=description,
                                       mime_type="application/json")
                for kind, (title, description) in self.RESOURCES.items()]

    def read(self, uri: str) -> dict:
        match = self.URI.match(uri)
        if not match:
            raise MCPError(code=RESOURCE_NOT_FOUND, message=f"unknown resource {uri!r}",
                           data={"hint": "the resources are pgpattern://projects/{project}/summary and "
                                         "pgpattern://projects/{project}/high-risk-files"})
        project, kind = unquote(match.group(1)), match.group(2)
        try:
            found = self._require_project(project)
            if kind == "summary":
                latest = self.db.run(sql.SQL("""SELECT to_jsonb(s) FROM api.project_pattern_summary s
                                                 WHERE s.project = %(project)s"""), {"project": project})
                return {"project": found, "latest_discovery": latest[0] if latest else None}
            rows = self.db.run(sql.SQL("""SELECT to_jsonb(h) FROM api.high_risk_files_summary h
                                           WHERE h.project = %(project)s LIMIT %(shown)s"""),
                               {"project": project, "shown": HIGH_RISK_FILES_SHOWN})
            return {"project": project, "rows": rows}
        except ToolError as e:
            raise e.mcp_error(RESOURCE_NOT_FOUND if e.sqlstate == "P0002" else types.INTERNAL_ERROR) from None

    def _require_project(self, project: str) -> dict:
        found = self.db.run(sql.SQL("SELECT to_jsonb(p) FROM api.projects p WHERE p.project = %(project)s"),
                            {"project": project})
        if not found:
            names = self.db.run(sql.SQL("SELECT project FROM api.projects ORDER BY project"))
            raise ToolError(f"unknown project {project!r}",
                            hint=("projects: " + ", ".join(names)) if names
                            else "ingest its history first: pgpattern ingest PATH --project NAME", sqlstate="P0002")
        return found[0]

    # -- the MCP server ---------------------------------------------------------------

    def mcp_server(self) -> Server:
        async def list_tools(ctx, params) -> types.ListToolsResult:
            return types.ListToolsResult(tools=self.tool_list())

        async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
            try:
                answer = await anyio.to_thread.run_sync(self.call, params.name, params.arguments)
            except ToolError as e:
                return e.result()
            return types.CallToolResult(content=[types.TextContent(type="text", text=json.dumps(answer))],
                                        structured_content=answer)

        async def list_resources(ctx, params) -> types.ListResourcesResult:
            try:
                resources = await anyio.to_thread.run_sync(self.resource_list)
            except ToolError as e:
                raise e.mcp_error(types.INTERNAL_ERROR) from None
            return types.ListResourcesResult(resources=resources)

        async def list_resource_templates(ctx, params) -> types.ListResourceTemplatesResult:
            return types.ListResourceTemplatesResult(resource_templates=self.resource_templates())

        async def read_resource(ctx, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
            answer = await anyio.to_thread.run_sync(self.read, str(params.uri))
            return types.ReadResourceResult(contents=[types.TextResourceContents(
                uri=str(params.uri), mime_type="application/json", text=json.dumps(answer))])

        rights = "reads and discovers" if self.allow_writes else "reads"
        return Server(
            "pgpattern", version=__version__,
            instructions=("pgpattern's change patterns of git histories, mined in PostgreSQL: files that change "
                          "together, when commits happen, who works on what, risky files, insights, and what else "
                          f"to change with a set of files. This server {rights}. Start with list_projects"
                          + (f"; the default project is {self.project!r}." if self.project else ".")
                          + " Lists come a page at a time: pass an answer's next_after as `after` for the next."),
            on_list_tools=list_tools, on_call_tool=call_tool, on_list_resources=list_resources,
            on_list_resource_templates=list_resource_templates, on_read_resource=read_resource)


def serve(conninfo: str, project: str | None, allow_writes: bool, on_ready=None) -> None:
    """Check the database, then serve MCP on stdin and stdout until the client closes them."""
    db = Database(conninfo, allow_writes)
    server = PatternServer(db, project, allow_writes)
    try:
        server.prepare()
    except ToolError as e:
        raise PgPatternError(str(e), e.hint) from None
    if on_ready:
        on_ready(f"pgpattern mcp: serving {len(server.tools)} tools on {describe(conninfo)} as {db.role}"
                 + (f", default project {project!r}" if project else ""))
    mcp = server.mcp_server()

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await mcp.run(read_stream, write_stream, mcp.create_initialization_options())

    try:
        anyio.run(run)
    finally:
        db.close()
