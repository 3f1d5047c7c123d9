"""`pgpattern mcp` end to end: the server as a subprocess, spoken to by the MCP SDK's own stdio client.

Every answer is checked against the same api call made directly; bad arguments come back
as tool errors and the server answers on; a terminated backend is replaced on the next call.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from contextlib import asynccontextmanager

import psycopg
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError
from psycopg import sql
from psycopg.conninfo import make_conninfo

from cliprocess import wait_until
from conftest import PGPATTERN, ROOT, make_home, query, run_cli
from gitrepo import GitRepo
from test_error_form import assert_error_form

pytestmark = pytest.mark.anyio

READ_TOOLS = {"list_projects", "pattern_cooccurrence_search", "pattern_temporal_get", "pattern_developer_profile",
              "pattern_risk_files", "pattern_insights_get", "suggest_cochanges"}
# The JSON types an api parameter's SQL type is offered as.
JSON_TYPE_OF = {"text": "string", "uuid": "string", "integer": "integer", "double precision": "number",
                "boolean": "boolean", "text[]": "array"}


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def shop(cluster, migrated_template, tmp_path_factory):
    """A database with two projects: shop (ingested and discovered) and empty (ingested, one commit)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    query(cluster.conninfo("postgres"),
          sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(migrated_template)))
    conninfo = cluster.conninfo(name)
    repo = GitRepo(tmp_path_factory.mktemp("mcp") / "shop")
    authors = [("Ann", "ann@example.com"), ("Bob", "bob@example.com"), ("Cy", "cy@example.com")]
    for i in range(40):
        files = {"api/orders.py": f"{i}\n" * (i % 5 + 1), "web/orders.js": f"{i}\n"}
        if i % 3 == 0:
            files["api/models.py"] = f"m{i}\n"
        if i % 4 == 0:
            files["docs/guide.md"] = f"doc {i}\n"
        if i % 7 == 0:
            files["tests/test_orders.py"] = "t\n" * i
        repo.commit(("fix: " if i % 5 == 0 else "feat: ") + f"change {i}", files=files, author=authors[i % 3],
                    date=f"2024-{1 + i // 8:02d}-{1 + i % 28:02d}T{9 + i % 9:02d}:00:00+02:00")
    empty = GitRepo(tmp_path_factory.mktemp("mcp") / "empty")
    empty.commit("start", files={"a.txt": "a\n"})
    for args in (("ingest", str(repo.path)), ("ingest", str(empty.path)), ("discover", "--project", "shop",
                                                                               "--min-cooccurrence", "2")):
        result = run_cli(*args, "--dsn", conninfo)
        assert result.returncode == 0, result.stderr
    yield conninfo
    query(cluster.conninfo("postgres"), sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@asynccontextmanager
async def mcp_client(conninfo: str, *args: str):
    """`pgpattern mcp --dsn CONNINFO ARGS` as a subprocess, with an initialized client session."""
    with tempfile.TemporaryFile("w+") as errlog:
        server = StdioServerParameters(command=PGPATTERN, args=["mcp", "--dsn", conninfo, *args])
        async with stdio_client(server, errlog=errlog) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            session.errlog = errlog
            yield session


def api_rows(conninfo: str, function: str, **arguments) -> list[dict]:
    """The rows of an api function called directly (by name, as the reader), each as to_jsonb makes it."""
    named = sql.SQL(", ").join(sql.SQL("{} => {}").format(sql.Identifier(f"p_{k}"), sql.Placeholder(k))
                               for k in arguments)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        return [r[0] for r in conn.execute(
            sql.SQL("SELECT to_jsonb(r) FROM api.{}({}) r").format(sql.Identifier(function), named),
            arguments).fetchall()]


def answer(result) -> dict:
    """A successful tool answer: its structured content, which its text content repeats."""
    assert not result.is_error, result.content[0].text
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


def error_of(result) -> str:
    """A tool error's text (message, then the hint)."""
    assert result.is_error, result.structured_content
    return result.content[0].text


def api_parameters(conninfo: str, function: str) -> dict[str, tuple[str, bool, object]]:
    """An api function's input parameters: name -> (SQL type, whether it has a default, that default as JSON)."""
    arguments = query(conninfo, """SELECT pg_get_function_arguments(p.oid) FROM pg_proc p
                                    WHERE p.pronamespace = 'api'::regnamespace AND p.proname = %s""", (function,))
    found = {}
    for argument in re.split(r", (?=p_)", arguments[0][0]):
        name, rest = argument.split(" ", 1)
        sql_type, _, default = rest.partition(" DEFAULT ")
        value = query(conninfo, f"SELECT to_jsonb({default})")[0][0] if default else None
        found[name.removeprefix("p_")] = (sql_type, bool(default), value)
    return found


async def test_tools_are_the_blueprint_handlers_with_the_api_parameters_and_defaults(shop):
    async with mcp_client(shop) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == READ_TOOLS  # pattern_discover writes: absent without --allow-writes
        client.errlog.seek(0)
        assert "pgpattern mcp: serving 7 tools" in client.errlog.read()
    for name, tool in tools.items():
        assert tool.annotations.read_only_hint is True
        schema = tool.input_schema
        assert schema["additionalProperties"] is False
        if name == "list_projects":
            assert schema["properties"] == {}
            continue
        api = api_parameters(shop, name)
        # Every parameter of the api function, under its name without p_, of its type and with its default;
        # a parameter without a default is required.
        assert set(schema["properties"]) == set(api), name
        for param, (sql_type, _, default) in api.items():
            offered = schema["properties"][param]
            assert offered["type"] == JSON_TYPE_OF[sql_type], (name, param)
            assert offered.get("default") == default, (name, param)
        assert set(schema["required"]) == {p for p, (_, has_default, _) in api.items() if not has_default}
    # The blueprint's enums.
    props = {n: t.input_schema["properties"] for n, t in tools.items()}
    assert props["pattern_cooccurrence_search"]["pattern_strength"]["enum"] == ["weak", "moderate", "strong", "very_strong"]
    assert props["pattern_temporal_get"]["pattern_type"]["enum"] == ["hourly", "daily", "weekly", "monthly", "seasonal"]
    assert props["pattern_risk_files"]["risk_level"]["enum"] == ["low", "medium", "high", "critical"]
    assert props["pattern_insights_get"]["validation_status"]["enum"] == ["pending", "validated", "rejected", "implemented"]
    assert len(props["pattern_insights_get"]["insight_type"]["enum"]) == 8


async def test_every_read_tool_answers_as_its_api_function(shop):
    calls = [
        ("pattern_cooccurrence_search", {"project": "shop"}),
        ("pattern_cooccurrence_search", {"project": "shop", "file_path": "web/orders.js", "min_confidence": 0.5,
                                         "min_lift": 1, "pattern_strength": "very_strong", "limit": 5}),
        ("pattern_temporal_get", {"project": "shop"}),
        ("pattern_temporal_get", {"project": "shop", "pattern_type": "hourly", "min_significance": 0,
                                  "active_only": False}),
        ("pattern_developer_profile", {"project": "shop"}),
        ("pattern_developer_profile", {"project": "shop", "author_email": "ANN@example.com",
                                       "min_specialization": 0, "include_collaboration": False}),
        ("pattern_risk_files", {"project": "shop"}),
        ("pattern_risk_files", {"project": "shop", "file_category": "source", "min_anomaly_score": 0, "limit": 2}),
        ("pattern_insights_get", {"project": "shop"}),
        ("pattern_insights_get", {"project": "shop", "insight_type": "file_coupling", "min_confidence": 0.1,
                                  "include_recommendations": False}),
        ("suggest_cochanges", {"project": "shop", "files": ["api/orders.py"]}),
        ("suggest_cochanges", {"project": "shop", "files": ["api/orders.py", "docs/guide.md"], "k": 2}),
    ]
    async with mcp_client(shop) as client:
        for name, arguments in calls:
            rows = answer(await client.call_tool(name, arguments))["rows"]
            assert rows == api_rows(shop, name, **arguments), (name, arguments)
        # Something was found, so the comparisons compared rows.
        found = {name: len(answer(await client.call_tool(name, args))["rows"]) for name, args in calls}
        assert all(found.values()), found
        projects = answer(await client.call_tool("list_projects", {}))["rows"]
    assert projects == [r[0] for r in query(shop, "SELECT to_jsonb(p) FROM api.projects p ORDER BY project")]
    assert [(p["project"], p["commits"], p["last_discovery"] is not None) for p in projects] == \
        [("empty", 1, False), ("shop", 40, True)]


async def test_lists_come_a_page_at_a_time_like_the_api(shop):
    everything = api_rows(shop, "pattern_cooccurrence_search", project="shop")
    assert len(everything) > 3
    async with mcp_client(shop) as client:
        pages, after = [], None
        while True:
            page = answer(await client.call_tool("pattern_cooccurrence_search",
                                                 {"project": "shop", "limit": 2, **({"after": after} if after else {})}))
            pages.append(page["rows"])
            after = page["next_after"]
            if after is None:
                break
            assert after == page["rows"][-1]["id"]
    assert [row for page in pages for row in page] == everything
    assert all(len(page) == 2 for page in pages[:-1]) and len(pages[-1]) <= 2


async def test_bad_arguments_are_tool_errors_with_message_and_hint(shop):
    unknown_key = str(uuid.uuid4())
    cases = [
        # The database's own errors: message and hint as it raised them.
        ("pattern_risk_files", {"project": "nope"}, ["unknown project 'nope'", "Hint: ingest its history first"]),
        ("pattern_cooccurrence_search", {"project": "shop", "limit": 0},
         ["p_limit must be between 1 and 1000, not 0", "Hint: ask for at most 1000 rows"]),
        ("pattern_insights_get", {"project": "shop", "after": unknown_key},
         [f"p_after {unknown_key} is not a row of api.pattern_insights_get", "Hint: start again from the first page"]),
        ("pattern_temporal_get", {"project": "shop", "after": "not-a-uuid"}, ['invalid input syntax for type uuid']),
        ("suggest_cochanges", {"project": "shop", "files": []}, ["give at least one file"]),
        ("suggest_cochanges", {"project": "shop", "files": ["api/orders.py"], "k": 0}, ["k must be at least 1, not 0"]),
        # The input schema's: the argument named.
        ("pattern_cooccurrence_search", {"project": "shop", "pattern_strength": "strongest"},
         ["pattern_strength: 'strongest' is not one of ['weak', 'moderate', 'strong', 'very_strong']"]),
        ("pattern_risk_files", {"project": "shop", "limit": "ten"}, ["limit: 'ten' is not of type 'integer'"]),
        ("pattern_developer_profile", {"project": "shop", "colour": "blue"},
         ["Additional properties are not allowed ('colour' was unexpected)"]),
        ("pattern_temporal_get", {}, ["'project' is a required property"]),
        ("list_projects", {"project": "shop"}, ["Additional properties are not allowed ('project' was unexpected)"]),
        ("pattern_discover", {"project": "shop"}, ["unknown tool 'pattern_discover'", "only when started with --allow-writes"]),
    ]
    async with mcp_client(shop) as client:
        for name, arguments, expected in cases:
            text = error_of(await client.call_tool(name, arguments))
            for part in expected:
                assert part in text, (name, arguments, text)
        # Still serving.
        assert len(answer(await client.call_tool("list_projects", {}))["rows"]) == 2


async def test_a_terminated_backend_is_replaced_on_the_next_call(shop):
    def server_backends():
        return [r[0] for r in query(shop, """SELECT pid FROM pg_stat_activity
                                             WHERE datname = current_database() AND application_name = 'pgpattern'""")]

    async with mcp_client(shop) as client:
        expected = api_rows(shop, "pattern_risk_files", project="shop")
        assert answer(await client.call_tool("pattern_risk_files", {"project": "shop"}))["rows"] == expected
        [first] = wait_until(lambda: server_backends() if len(server_backends()) == 1 else None,
                             what="one backend of the server")
        query(shop, "SELECT pg_terminate_backend(%s)", (first,))
        wait_until(lambda: first not in server_backends(), what="the backend to end")
        assert answer(await client.call_tool("pattern_risk_files", {"project": "shop"}))["rows"] == expected
        [second] = server_backends()
        assert second != first


async def test_allow_writes_offers_discover_and_a_lost_write_is_reported_not_retried(shop):
    async with mcp_client(shop, "--allow-writes", "--project", "shop") as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == READ_TOOLS | {"pattern_discover"}
        discover = tools["pattern_discover"]
        assert discover.annotations.read_only_hint is False
        assert discover.input_schema["properties"]["algorithms"]["items"]["enum"] == \
            ["cooccurrence", "temporal", "developer", "magnitude", "insights"]
        # --project: the project may be left out.
        assert "project" not in discover.input_schema["required"]
        assert discover.input_schema["properties"]["project"]["default"] == "shop"

        latest = query(shop, """SELECT id::text FROM patterns.pattern_discovery_sessions
                                 WHERE status = 'completed' ORDER BY discovery_timestamp DESC LIMIT 1""")[0][0]
        [reused] = answer(await client.call_tool("pattern_discover", {}))["rows"]
        assert (reused["discovery_session_id"], reused["reused"]) == (latest, True)

        bad = error_of(await client.call_tool("pattern_discover", {"algorithms": ["cooccurrence", "astrology"]}))
        assert "algorithms.1: 'astrology' is not one of" in bad

        [fresh] = answer(await client.call_tool("pattern_discover", {"force_refresh": True,
                                                                      "algorithms": ["cooccurrence", "magnitude"]}))["rows"]
        assert fresh["reused"] is False and fresh["status"] == "completed"
        assert query(shop, "SELECT status, algorithms FROM patterns.pattern_discovery_sessions WHERE id = %s",
                     (fresh["discovery_session_id"],)) == [("completed", ["cooccurrence", "magnitude"])]

        # A write is not run twice behind the assistant's back: the lost connection is reported ...
        [pid] = [r[0] for r in query(shop, """SELECT pid FROM pg_stat_activity
                                              WHERE datname = current_database() AND application_name = 'pgpattern'""")]
        query(shop, "SELECT pg_terminate_backend(%s)", (pid,))
        wait_until(lambda: not query(shop, "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)),
                   what="the backend to end")
        lost = error_of(await client.call_tool("pattern_discover", {}))
        assert "lost the connection to the database" in lost and "Hint: the next call connects again" in lost
        # ... and the next call connects again.
        assert answer(await client.call_tool("pattern_discover", {}))["rows"][0]["reused"] is True


async def test_the_summary_and_high_risk_files_are_resources(shop):
    async with mcp_client(shop) as client:
        resources = {r.uri: r for r in (await client.list_resources()).resources}
        assert set(map(str, resources)) == {f"pgpattern://projects/{p}/{kind}" for p in ("empty", "shop")
                                            for kind in ("summary", "high-risk-files")}
        templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
        assert templates == {"pgpattern://projects/{project}/summary", "pgpattern://projects/{project}/high-risk-files"}

        summary = json.loads((await client.read_resource("pgpattern://projects/shop/summary")).contents[0].text)
        assert summary["project"] == query(shop, "SELECT to_jsonb(p) FROM api.projects p WHERE project = 'shop'")[0][0]
        assert summary["latest_discovery"] == query(
            shop, "SELECT to_jsonb(s) FROM api.project_pattern_summary s WHERE project = 'shop'")[0][0]
        assert summary["latest_discovery"]["total_commits_analyzed"] == 40
        never = json.loads((await client.read_resource("pgpattern://projects/empty/summary")).contents[0].text)
        assert never["project"]["last_discovery"] is None

        risky = json.loads((await client.read_resource("pgpattern://projects/shop/high-risk-files")).contents[0].text)
        assert risky["rows"] == [r[0] for r in query(
            shop, "SELECT to_jsonb(h) FROM api.high_risk_files_summary h WHERE project = 'shop'")]

        with pytest.raises(MCPError, match="unknown project 'nope'"):
            await client.read_resource("pgpattern://projects/nope/summary")
        with pytest.raises(MCPError, match="unknown resource"):
            await client.read_resource("pgpattern://elsewhere")
        # The server answers on.
        assert answer(await client.call_tool("list_projects", {}))["rows"]
    async with mcp_client(shop, "--project", "empty") as client:
        assert {str(r.uri) for r in (await client.list_resources()).resources} == \
            {"pgpattern://projects/empty/summary", "pgpattern://projects/empty/high-risk-files"}


def test_it_refuses_to_start_saying_what_is_missing(shop, db):
    def start(conninfo: str, *args: str) -> subprocess.CompletedProcess:
        """The server with nothing on its stdin: it stops at once, having started or not."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run([PGPATTERN, "mcp", "--dsn", conninfo, *args], input="", capture_output=True,
                              text=True, env=env, timeout=60)

    error, hint = assert_error_form(start(db))
    assert error.startswith("Error: the database at") and "is not migrated far enough: it has no api.projects" in error
    assert hint == "Hint: apply the migrations first: pgpattern migrate (with the same --dsn)"

    assert assert_error_form(start(shop, "--project", "nope")) == \
        ("Error: unknown project 'nope'", "Hint: projects: empty, shop")

    # A login role may serve only with the rights it has.
    stranger, reader = f"mcp_stranger_{uuid.uuid4().hex[:8]}", f"mcp_reader_{uuid.uuid4().hex[:8]}"
    query(shop, f"CREATE ROLE {stranger} LOGIN")
    query(shop, f"CREATE ROLE {reader} LOGIN IN ROLE pgpattern_reader")
    try:
        assert assert_error_form(start(make_conninfo(shop, user=stranger))) == (
            f"Error: role {stranger} may not act as pgpattern_reader, the rights `pgpattern mcp` runs with",
            f"Hint: as an administrator: GRANT pgpattern_reader TO {stranger}; or connect as a role that has it "
            "(--dsn 'user=...')")
        error, _ = assert_error_form(start(make_conninfo(shop, user=reader), "--allow-writes"))
        assert error == f"Error: role {reader} may not act as pgpattern_writer, the rights `pgpattern mcp` runs with (--allow-writes)"
        served = start(make_conninfo(shop, user=reader))  # stdin is empty: it serves, then ends with it
        assert served.returncode == 0, served.stderr
        assert "as pgpattern_reader" in served.stderr
    finally:
        for role in (stranger, reader):
            query(shop, f"DROP ROLE {role}")


@pytest.fixture
def embedded_home():
    base = make_home("pgp-mcp-home-")
    yield base / "home"
    run_cli("db", "stop", env={"PGPATTERN_HOME": str(base / "home")})
    shutil.rmtree(base, ignore_errors=True)


async def test_the_readme_configuration_serves_the_embedded_database(embedded_home, tmp_path):
    """The README's client configuration, as a client runs it: no --dsn, so the embedded database."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Coding assistants (MCP)"):]
    config = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))["mcpServers"]["pgpattern"]
    assert config == {"command": "pgpattern", "args": ["mcp"]}
    repo = GitRepo(tmp_path / "app")
    for i in range(6):
        repo.commit(f"change {i}", files={"src/server.c": f"{i}\n", "src/server.h": f"{i}\n"})
    env = {"PGPATTERN_HOME": str(embedded_home)}
    analyzed = run_cli("analyze", str(repo.path), env=env)
    assert analyzed.returncode == 0, analyzed.stderr

    server = StdioServerParameters(command=PGPATTERN, args=config["args"], env=env)
    with tempfile.TemporaryFile("w+") as errlog:
        async with stdio_client(server, errlog=errlog) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            [project] = answer(await client.call_tool("list_projects", {}))["rows"]
            assert (project["project"], project["commits"]) == ("app", 6)
            suggested = answer(await client.call_tool("suggest_cochanges", {"project": "app", "files": ["src/server.c"]}))
            assert [r["file_path"] for r in suggested["rows"]] == ["src/server.h"]
        errlog.seek(0)
        assert f"using the embedded database in {embedded_home}" in errlog.read()


async def test_suggest_cochanges_takes_an_author_where_the_api_function_does(migrated_db):
    """`author` is offered, and passed as p_author, as api.suggest_cochanges has it (issue 14 added it)."""
    async with mcp_client(migrated_db) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert tools["suggest_cochanges"].input_schema["properties"]["author"]["type"] == "string"
    # A stand-in with the same parameters, answering with what it was given.
    query(migrated_db, "DROP FUNCTION api.suggest_cochanges(text, text[], integer, text, text)")
    query(migrated_db, """CREATE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10,
                                                                p_author text DEFAULT NULL, p_ranking text DEFAULT 'recent')
                          RETURNS TABLE (file_path text, k integer, author text) LANGUAGE sql
                          SET search_path = pg_catalog, pg_temp
                          AS $$ SELECT p_files[1] || ' of ' || p_project, p_k, p_author $$""")
    async with mcp_client(migrated_db) as client:
        rows = answer(await client.call_tool("suggest_cochanges", {"project": "app", "files": ["a.c"],
                                                                   "author": "ann@example.com"}))["rows"]
        assert rows == [{"file_path": "a.c of app", "k": 10, "author": "ann@example.com"}]
        rows = answer(await client.call_tool("suggest_cochanges", {"project": "app", "files": ["a.c"], "k": 3}))["rows"]
        assert rows == [{"file_path": "a.c of app", "k": 3, "author": None}]
