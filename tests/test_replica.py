"""A real primary and hot standby (the embedded database and `pgpattern db replica`), from the installed binaries.

History is ingested and discovered on the primary; once the standby has replayed it, every
read-only api function and view and `pgpattern report` run on the standby, the commands that
write refuse it in one line, and a write that reaches it fails clearly.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import psycopg
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client

from cliprocess import wait_until
from conftest import PGPATTERN, ROOT, make_home, query, run_cli
from gitrepo import GitRepo
from pgpattern.errors import database_error
from pgpattern.replica import SLOT, LocalReplica, replayed
from pgpattern.server import LocalServer

# Every read-only api function and view, called as an application would; each must run on a standby.
# A new api object fails test_every_read_only_api_object_runs_on_the_standby until it is added here.
READS = {
    "api.pattern_cooccurrence_search": "SELECT * FROM api.pattern_cooccurrence_search('shop')",
    "api.pattern_temporal_get": "SELECT * FROM api.pattern_temporal_get('shop')",
    "api.pattern_developer_profile": "SELECT * FROM api.pattern_developer_profile('shop')",
    "api.pattern_risk_files": "SELECT * FROM api.pattern_risk_files('shop')",
    "api.pattern_insights_get": "SELECT * FROM api.pattern_insights_get('shop')",
    "api.suggest_cochanges": "SELECT * FROM api.suggest_cochanges('shop', ARRAY['api/orders.py'])",
    "api.model_lineage": """SELECT * FROM api.model_lineage('demo',
                                                         (SELECT model_id FROM learning.ml_models WHERE name = 'bug-risk'))""",
    "api.prediction_accuracy": """SELECT * FROM api.prediction_accuracy('demo', 'day')""",
    "api.performance_anomalies": "SELECT * FROM api.performance_anomalies()",
    "api.ab_results": """SELECT * FROM api.ab_results(
                             (SELECT experiment_id FROM learning.ab_testing_experiments WHERE experiment_name = 'replica-ab'))""",
    "api.experiment_leaderboard": """SELECT * FROM api.experiment_leaderboard(
                                         'demo',
                                         (SELECT experiment_id FROM learning.evolution_experiments WHERE name = 'faster-parser'))""",
    "api.experiment_convergence": """SELECT * FROM api.experiment_convergence(
                                         'demo',
                                         (SELECT experiment_id FROM learning.evolution_experiments WHERE name = 'faster-parser'))""",
    "api.commit_activity": "SELECT * FROM api.commit_activity",
    "api.files": "SELECT * FROM api.files",
    "api.projects": "SELECT * FROM api.projects",
    "api.file_tree": "SELECT * FROM api.file_tree('shop')",
    "api.coupling_graph_nodes": "SELECT * FROM api.coupling_graph_nodes('shop')",
    "api.coupling_graph_edges": "SELECT * FROM api.coupling_graph_edges('shop')",
    "api.commit_heatmap": "SELECT * FROM api.commit_heatmap('shop')",
    "api.commit_months": "SELECT * FROM api.commit_months('shop')",
    "api.author_weekly_commits": "SELECT * FROM api.author_weekly_commits('shop')",
    "api.author_directories": "SELECT * FROM api.author_directories('shop')",
    "api.project_pattern_summary": "SELECT * FROM api.project_pattern_summary",
    "api.high_risk_files_summary": "SELECT * FROM api.high_risk_files_summary",
    "api.model_performance_summary": "SELECT * FROM api.model_performance_summary",
    "api.daily_learning_metrics": "SELECT * FROM api.daily_learning_metrics",
    "api.hourly_performance_summary": "SELECT * FROM api.hourly_performance_summary",
    "api.system_health_dashboard": "SELECT * FROM api.system_health_dashboard",
    "api.health_check_status": "SELECT * FROM api.health_check_status",
    "api.data_quality_status": "SELECT * FROM api.data_quality_status",
    "api.workflow_patterns_by_day": "SELECT * FROM api.workflow_patterns_by_day",
    "api.operation_patterns_by_savings": "SELECT * FROM api.operation_patterns_by_savings",
    "api.workflow_errors_by_severity": "SELECT * FROM api.workflow_errors_by_severity",
    "api.project_rows": "SELECT * FROM api.project_rows('shop')",
    "api.decrypted": "SELECT api.decrypted('not encrypted')",
    "api.decrypted_json": "SELECT api.decrypted_json('{}')",
}
# What the fixture's data must show on the standby (the rest may be empty here).
NOT_EMPTY = {"api.pattern_cooccurrence_search", "api.pattern_temporal_get", "api.pattern_developer_profile",
             "api.pattern_risk_files", "api.pattern_insights_get", "api.suggest_cochanges", "api.model_lineage",
             "api.prediction_accuracy", "api.ab_results", "api.experiment_leaderboard", "api.experiment_convergence",
             "api.commit_activity", "api.files", "api.project_pattern_summary", "api.model_performance_summary",
             "api.daily_learning_metrics", "api.project_rows"}
# The api functions that write, each with a call that would write; none may run on a standby.
WRITES = {
    "api.pattern_discover": "SELECT * FROM api.pattern_discover('shop', p_force_refresh => true)",
    "api.ab_assign": """SELECT api.ab_assign((SELECT experiment_id FROM learning.ab_testing_experiments
                                              WHERE experiment_name = 'replica-ab'), 'a-new-user')""",
    "api.ab_record_outcome": """SELECT api.ab_record_outcome((SELECT experiment_id FROM learning.ab_testing_experiments
                                                              WHERE experiment_name = 'replica-ab'), 'u1', 'converted', 0)""",
    "api.forget_identity": "SELECT * FROM api.forget_identity('ann@example.com')",
    "api.project_delete": "SELECT * FROM api.project_delete('shop')",
    "api.mark_sensitive": """SELECT api.mark_sensitive('learning.ml_models', 'hyperparameters')
                               FROM (SELECT set_config('pgpattern.encryption_key', 'k', false)) k""",
    "api.rotate_encryption_key": "SELECT * FROM api.rotate_encryption_key('old', 'new', 10)",
}
AB_EXPERIMENT = ["""
    INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, target_metrics, status)
    SELECT project_id, 'replica-ab', '[{"name": "b"}]', '{"converted": "conversion"}', 'running'
      FROM core.projects WHERE name = 'demo'""", """
    SELECT api.ab_assign(experiment_id, 'u' || i)
      FROM learning.ab_testing_experiments, generate_series(1, 20) i WHERE experiment_name = 'replica-ab'""", """
    SELECT api.ab_record_outcome(experiment_id, user_id, 'converted', (length(user_id) % 2)::numeric)
      FROM learning.ab_testing_assignments
     WHERE experiment_id = (SELECT experiment_id FROM learning.ab_testing_experiments WHERE experiment_name = 'replica-ab')"""]


def readme_sql_examples() -> list[str]:
    """The learning store's examples in the README: a model, predictions, an experiment, events."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## The learning store"):readme.index("## Development")]
    blocks = section.split("```sql\n")[1:]
    return [block[:block.index("\n```")] for block in blocks]


class Pair:
    def __init__(self, home, env, repo):
        self.env = env
        self.repo = repo
        self.primary = LocalServer(home)
        self.replica = LocalReplica(self.primary)

    def cli(self, *args, env: dict | None = None):
        return run_cli(*args, env={**self.env, **(env or {})}, timeout=300)

    def wait_for_replay(self) -> None:
        wait_until(lambda: replayed(self.primary.conninfo(), self.replica.conninfo()), timeout=60,
                   what="the standby replaying all the primary wrote")


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    base = make_home("pgp-replica-")
    env = {"PGPATTERN_HOME": str(base / "home")}
    repo = GitRepo(tmp_path_factory.mktemp("git") / "shop")
    for i in range(30):
        files = {"api/orders.py": f"{i}\n", "web/orders.js": f"{i}\n"}
        if i % 3 == 0:
            files["api/models.py"] = f"m{i}\n"
        repo.commit(f"change {i}", files=files, author=[("Ann", "ann@example.com"), ("Bob", "bob@example.com")][i % 2],
                    date=f"2024-{1 + i // 8:02d}-{1 + i % 28:02d}T{9 + i % 9:02d}:00:00+00:00")
    p = Pair(base / "home", env, repo)
    try:
        ok(p.cli("db", "start"))
        ok(p.cli("migrate"))
        ok(p.cli("ingest", str(repo.path), "-q"))
        ok(p.cli("discover", "--min-cooccurrence", "2"))
        with psycopg.connect(p.primary.conninfo(), autocommit=True) as conn:
            for example in readme_sql_examples():
                conn.execute(example)
            for statement in AB_EXPERIMENT:
                conn.execute(statement)
        ok(p.cli("db", "replica", "create"))
        ok(p.cli("db", "replica", "start"))
        p.wait_for_replay()
        yield p
    finally:
        p.cli("db", "replica", "drop")
        p.cli("db", "stop")
        shutil.rmtree(base, ignore_errors=True)


def test_the_standby_is_a_hot_standby_of_the_embedded_database_streaming_through_its_slot(pair):
    assert query(pair.replica.conninfo(), "SELECT pg_is_in_recovery(), current_setting('port')::int") == [
        (True, pair.replica.port)]
    assert pair.replica.port != pair.primary.port
    assert pair.replica.data == pair.primary.home / "replica" / "data"
    assert query(pair.primary.conninfo(), "SELECT slot_type, active FROM pg_replication_slots WHERE slot_name = %s",
                 (SLOT,)) == [("physical", True)]
    assert query(pair.primary.conninfo(), "SELECT state FROM pg_stat_replication") == [("streaming",)]


def test_status_shows_the_replay_lag_in_bytes_and_seconds(pair):
    def status():
        return json.loads(ok(pair.cli("db", "replica", "status", "--format", "json")).stdout)
    assert status()["state"] == "running" and status()["port"] == pair.replica.port
    # Caught up (the primary's own jobs and autovacuum may write meanwhile: waited for, not assumed).
    wait_until(lambda: (s := status())["replay_lag_bytes"] == 0 and s["replay_lag_seconds"] == 0,
               what="a replay lag of 0 bytes and 0 seconds")
    # With replay paused, what the primary writes is lag the status shows.
    query(pair.replica.conninfo(), "SELECT pg_wal_replay_pause()")
    try:
        wait_until(lambda: query(pair.replica.conninfo(), "SELECT pg_get_wal_replay_pause_state()") == [("paused",)],
                   what="replay paused")
        query(pair.primary.conninfo(), "INSERT INTO core.projects (name) VALUES ('lagging')")
        wait_until(lambda: query(pair.replica.conninfo(),
                                 "SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()") == [(True,)],
                   what="the standby receiving WAL it has not replayed")
        lagging = status()
        assert lagging["replay_lag_bytes"] > 0 and lagging["replay_lag_seconds"] > 0
    finally:
        query(pair.replica.conninfo(), "SELECT pg_wal_replay_resume()")
        query(pair.primary.conninfo(), "DELETE FROM core.projects WHERE name = 'lagging'")
    pair.wait_for_replay()


def test_every_read_only_api_object_runs_on_the_standby(pair):
    objects = query(pair.replica.conninfo(), """
        SELECT 'api.' || p.proname, p.provolatile <> 'v' FROM pg_proc p WHERE p.pronamespace = 'api'::regnamespace
        UNION ALL
        SELECT c.oid::regclass::text, true FROM pg_class c
         WHERE c.relnamespace = 'api'::regnamespace AND c.relkind IN ('v', 'm')""")
    assert {name for name, reads in objects if reads} == set(READS)
    assert {name for name, reads in objects if not reads} == set(WRITES)
    with psycopg.connect(pair.replica.conninfo(), autocommit=True) as conn:
        empty = [name for name, statement in READS.items() if not conn.execute(statement).fetchall()]
    assert not set(empty) & NOT_EMPTY, f"empty on the standby: {sorted(set(empty) & NOT_EMPTY)}"


@pytest.mark.parametrize("function", sorted(WRITES))
def test_a_write_that_reaches_the_standby_fails_clearly(pair, function):
    with psycopg.connect(pair.replica.conninfo(), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction) as raised:
            conn.execute(WRITES[function])
    error = str(database_error(raised.value))
    assert error.startswith("the database is read-only (a hot standby, or a read-only transaction): cannot execute")
    assert "Hint: this writes, so it needs the primary" in error and len(error.splitlines()) == 2


def test_report_reads_from_the_running_replica_or_the_read_dsn(pair):
    embedded = ok(pair.cli("report", "--project", "shop", "--format", "json"))
    assert f"reading from the embedded replica in {pair.replica.home}" in embedded.stderr
    assert json.loads(embedded.stdout)["summary"][0]["total_commits_analyzed"] == 30
    # Replay paused: a second project is discovered on the primary only, so whether the report
    # finds it shows where it reads.
    query(pair.replica.conninfo(), "SELECT pg_wal_replay_pause()")
    try:
        wait_until(lambda: query(pair.replica.conninfo(), "SELECT pg_get_wal_replay_pause_state()") == [("paused",)],
                   what="replay paused")
        ok(pair.cli("ingest", str(pair.repo.path), "--project", "second", "-q"))
        ok(pair.cli("discover", "--project", "second"))
        primary = ok(pair.cli("report", "--project", "second", "--dsn", pair.primary.url(), "--format", "json"))
        assert json.loads(primary.stdout)["project"] == "second"
        for how in ([], ["--read-dsn", pair.replica.url()], ["--dsn", pair.primary.url(), "--read-dsn",
                                                            pair.replica.url()]):
            on_standby = pair.cli("report", "--project", "second", *how)
            assert on_standby.returncode == 1 and "Error: " in on_standby.stderr, on_standby.stderr
            assert json.loads(ok(pair.cli("report", "--project", "shop", "--format", "json", *how)).stdout)["project"] \
                == "shop"
        from_env = pair.cli("report", "--project", "second", env={"PGPATTERN_READ_DSN": pair.replica.url()})
        assert "(PGPATTERN_READ_DSN)" in from_env.stderr and from_env.returncode == 1
    finally:
        query(pair.replica.conninfo(), "SELECT pg_wal_replay_resume()")
    pair.wait_for_replay()
    ok(pair.cli("report", "--project", "second"))  # replayed: the standby has it now
    query(pair.primary.conninfo(), "DELETE FROM core.projects WHERE name = 'second'")
    pair.wait_for_replay()


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def mcp_projects(pair: Pair, *args: str) -> tuple[list[str], str]:
    """The projects `pgpattern mcp ARGS` lists, and what it said on stderr."""
    with tempfile.TemporaryFile("w+") as errlog:
        server = StdioServerParameters(command=PGPATTERN, args=["mcp", *args], env={**os.environ, **pair.env})
        async with stdio_client(server, errlog=errlog) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            result = await session.call_tool("list_projects", {})
        errlog.seek(0)
        rows = json.loads(result.content[0].text)["rows"]
        return sorted(row["project"] for row in rows), errlog.read()


@pytest.mark.anyio
async def test_the_mcp_server_reads_from_the_standby_unless_it_may_write(pair):
    query(pair.replica.conninfo(), "SELECT pg_wal_replay_pause()")
    try:
        wait_until(lambda: query(pair.replica.conninfo(), "SELECT pg_get_wal_replay_pause_state()") == [("paused",)],
                   what="replay paused")
        query(pair.primary.conninfo(), "INSERT INTO core.projects (name) VALUES ('primary-only')")
        projects, said = await mcp_projects(pair)  # the embedded replica runs: it reads there
        assert "primary-only" not in projects and "shop" in projects
        assert f"reading from the embedded replica in {pair.replica.home}" in said
        projects, said = await mcp_projects(pair, "--read-dsn", pair.replica.url(), "--dsn", pair.primary.url())
        assert "primary-only" not in projects and "(--read-dsn)" in said
        projects, _ = await mcp_projects(pair, "--allow-writes")  # it may write: the primary
        assert "primary-only" in projects
    finally:
        query(pair.replica.conninfo(), "SELECT pg_wal_replay_resume()")
        query(pair.primary.conninfo(), "DELETE FROM core.projects WHERE name = 'primary-only'")
    pair.wait_for_replay()


@pytest.mark.parametrize("command", [["ingest", "{repo}"], ["discover"], ["migrate"], ["rollback"],
                                     ["worker", "--once"], ["analyze", "{repo}"]])
def test_commands_that_write_refuse_a_standby_in_one_line(pair, command):
    args = [a.format(repo=pair.repo.path) for a in command]
    result = pair.cli(*args, "--dsn", pair.replica.url())
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: the database at host={pair.replica.run_dir} port={pair.replica.port} dbname=pgpattern "
                      f"user=postgres is a standby (read-only, in recovery): pgpattern {command[0]} writes, "
                      "so it needs the primary"]
    assert "Traceback" not in result.stderr and "read-only transaction" not in result.stderr


def test_verify_on_the_standby_says_so_and_runs_every_check(pair):
    result = pair.cli("verify", "--dsn", pair.replica.url(), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    checks = {row["check"]: (row["status"], row["detail"]) for row in json.loads(result.stdout)}
    assert checks["server role"][1].startswith("a hot standby (read-only")
    assert "none is skipped" in checks["server role"][1]
    assert checks["scheduled jobs"][0] == "ok" and "pg_cron runs none on a standby" in checks["scheduled jobs"][1]
    primary = {row["check"]: row for row in json.loads(ok(pair.cli("verify", "--format", "json")).stdout)}
    assert set(checks) == set(primary) and primary["server role"]["detail"] == "a primary (read-write)"


def test_pg_cron_runs_jobs_on_the_primary_only(pair):
    # The jobs are replicated, but pg_cron's launcher starts only when recovery has finished.
    jobs = "SELECT jobname, schedule, command FROM cron.job ORDER BY jobname"
    assert query(pair.replica.conninfo(), jobs) == query(pair.primary.conninfo(), jobs) != []
    launcher = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'"
    wait_until(lambda: query(pair.primary.conninfo(), launcher) == [(1,)], what="pg_cron's launcher on the primary")
    assert query(pair.replica.conninfo(), launcher) == [(0,)]


def test_stopped_the_replica_leaves_reads_to_the_primary_and_catches_up_when_started(pair):
    ok(pair.cli("db", "replica", "stop"))
    assert json.loads(ok(pair.cli("db", "replica", "status", "--format", "json")).stdout)["state"] == "stopped"
    report = ok(pair.cli("report", "--project", "shop", "--format", "json"))
    assert report.stderr.startswith(f"using the embedded database in {pair.primary.home} (port {pair.primary.port})")
    query(pair.primary.conninfo(), "INSERT INTO core.projects (name) VALUES ('while-stopped')")
    ok(pair.cli("db", "replica", "start"))
    pair.wait_for_replay()
    assert query(pair.replica.conninfo(), "SELECT count(*) FROM core.projects WHERE name = 'while-stopped'") == [(1,)]
    query(pair.primary.conninfo(), "DELETE FROM core.projects WHERE name = 'while-stopped'")
    pair.wait_for_replay()


def test_replica_commands_name_what_is_missing(tmp_path):
    base = make_home("pgp-noreplica-")
    env = {"PGPATTERN_HOME": str(base / "home")}
    try:
        result = run_cli("db", "replica", "start", env=env)
        assert result.returncode == 1
        assert f"Error: there is no replica in {base / 'home' / 'replica'}" in result.stderr
        assert "pgpattern db replica create" in result.stderr
        status = json.loads(ok(run_cli("db", "replica", "status", "--format", "json", env=env)).stdout)
        assert status["state"] == "not created"
    finally:
        run_cli("db", "stop", env=env)
        shutil.rmtree(base, ignore_errors=True)
