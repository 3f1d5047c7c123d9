"""Learning operations where one transaction is not enough: pg_cron jobs, partition pruning,
concurrent A/B assignment, tenant isolation with real roles, the README example."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from conftest import ROOT, query
from pgpattern.migrations import Migrator

OPS_JOBS = {
    "pgpattern-partition-maintenance": ("23 1 * * *", "SELECT ops.run_partition_maintenance()"),
    "pgpattern-retention": ("53 2 * * *", "CALL ops.run_retention()"),
    "pgpattern-refresh-daily-learning-metrics": (
        "7 * * * *", "REFRESH MATERIALIZED VIEW CONCURRENTLY learning.daily_learning_metrics"),
    "pgpattern-refresh-hourly-performance": (
        "*/15 * * * *", "REFRESH MATERIALIZED VIEW CONCURRENTLY learning.hourly_performance_summary"),
    "pgpattern-health-checks": ("* * * * *", "SELECT count(*) FROM ops.run_health_checks()"),
    "pgpattern-data-quality-checks": ("37 * * * *", "SELECT count(*) FROM ops.run_data_quality_checks()"),
}


def cron_jobs(conninfo: str, names) -> dict:
    rows = query(conninfo, "SELECT jobname, schedule, command FROM cron.job WHERE jobname = ANY(%s)", (list(names),))
    return {name: (schedule, command) for name, schedule, command in rows}


def test_ops_jobs_are_scheduled_run_outside_a_transaction_and_removed_by_rollback(cron_db):
    names = [*OPS_JOBS, "pgpattern-learning-occurrence-partitions"]
    assert cron_jobs(cron_db, names) == OPS_JOBS, "the occurrence-partitions job is subsumed by partition maintenance"
    project = query(cron_db, "INSERT INTO core.projects (name) VALUES ('ops-jobs') RETURNING project_id")[0][0]
    query(cron_db, """INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp, processing_time_ms)
                      VALUES (%s, 'user_feedback', '{}', now() - interval '1 minute', 12),
                             (%s, 'user_feedback', '{}', '2061-02-03', 1)""", (project, project))
    # Each command on its own connection, outside a transaction block, as pg_cron runs it.
    for _, command in OPS_JOBS.values():
        query(cron_db, command)
    assert query(cron_db, "SELECT count(*) FROM learning.learning_events_default") == [(0,)]
    assert query(cron_db, "SELECT event_count FROM api.daily_learning_metrics WHERE project_id = %s", (project,)) == [(1,)]
    assert query(cron_db, "SELECT count(*) > 0 FROM ops.retention_runs") == [(True,)]
    assert query(cron_db, "SELECT count(*) FROM api.health_check_status WHERE status IS NULL") == [(0,)]
    checks = dict(query(cron_db, "SELECT check_name, status FROM ops.validate_schema_integrity()"))
    assert checks["scheduled jobs"] == "ok"
    query(cron_db, "DELETE FROM core.projects WHERE project_id = %s", (project,))

    with Migrator(cron_db) as m:
        m.rollback(to="0306_learning_api")
        assert cron_jobs(cron_db, names) == {"pgpattern-learning-occurrence-partitions": (
            "41 2 * * *", "SELECT learning.create_pattern_occurrence_partitions(now(), now() + interval '4 weeks')")}
        m.migrate()
    assert cron_jobs(cron_db, names) == OPS_JOBS


def _relations(plan: dict) -> set[str]:
    found = {plan["Relation Name"]} if "Relation Name" in plan else set()
    for child in plan.get("Plans", []):
        found |= _relations(child)
    return found


def test_a_query_over_the_last_seven_days_reads_only_the_partitions_it_needs(migrated_db):
    project = query(migrated_db, "INSERT INTO core.projects (name) VALUES ('pruning') RETURNING project_id")[0][0]
    query(migrated_db, """INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp)
                          SELECT %s, 'model_prediction', '{}', now() - d * interval '1 day' FROM generate_series(0, 400) d""",
          (project,))
    query(migrated_db, "SELECT ops.run_partition_maintenance()")
    months = query(migrated_db, """
        SELECT partition_name FROM ops.partitions_of('learning.learning_events')
         WHERE NOT is_default AND range_from < now() AND range_to > now() - interval '7 days'""")
    expected = {name for (name,) in months}
    assert query(migrated_db, "SELECT count(*) FROM ops.partitions_of('learning.learning_events')")[0][0] >= 16
    for statement in (
            "SELECT count(*) FROM learning.learning_events WHERE event_timestamp >= now() - interval '7 days' AND event_timestamp < now()",
            "SELECT count(*) FROM learning.learning_events WHERE event_timestamp >= %s AND event_timestamp < %s"):
        params = None if "%s" not in statement else query(migrated_db, "SELECT now() - interval '7 days', now()")[0]
        with psycopg.connect(migrated_db, autocommit=True) as conn:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + statement, params).fetchone()[0][0]["Plan"]
            touched = _relations(plan)
            assert touched == expected, f"{statement}: read {sorted(touched)}, wanted {sorted(expected)}"
            assert "learning_events_default" not in touched
            assert conn.execute(statement, params).fetchone()[0] in (7, 8)


def test_concurrent_assignments_of_the_same_users_store_one_variant_each(migrated_db):
    experiment = query(migrated_db, """
        WITH p AS (INSERT INTO core.projects (name) VALUES ('ab-race') RETURNING project_id)
        INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, status, traffic_allocation)
        SELECT project_id, 'race', '[{"name": "b"}, {"name": "c"}]', 'running', '{"control": 0.2, "b": 0.15, "c": 0.15}' FROM p
        RETURNING experiment_id""")[0][0]
    users = [f"user-{i}" for i in range(40)]
    sessions = 8
    barrier = threading.Barrier(sessions)

    def assign(i: int) -> dict:
        order = users[i % len(users):] + users[:i % len(users)]
        with psycopg.connect(migrated_db, autocommit=True) as conn:
            barrier.wait()
            return {u: conn.execute("SELECT api.ab_assign(%s, %s)", (experiment, u)).fetchone()[0] for u in order}

    with ThreadPoolExecutor(sessions) as pool:
        results = list(pool.map(assign, range(sessions)))
    assert all(r == results[0] for r in results), "a user got different variants from concurrent calls"
    enrolled = {u: v for u, v in results[0].items() if v is not None}
    # A 50% allocation over 40 users enrols none or all with a chance of 2 in 10^12 (at 90%, all
    # were enrolled in 1.5% of runs).
    assert 0 < len(enrolled) < len(users), "a 50% allocation should enrol some of 40 users, not none or all"
    stored = dict(query(migrated_db, "SELECT user_id, variant FROM learning.ab_testing_assignments"))
    assert stored == enrolled
    assert query(migrated_db, "SELECT current_sample_size FROM learning.ab_testing_experiments") == [(len(enrolled),)]


@pytest.fixture
def tenants(migrated_db):
    """Two projects with learning rows, and login roles: members of the application role, the admin role,
    the reader role, and of both the reader and the application role."""
    suffix = uuid.uuid4().hex[:8]
    app, admin, owner = f"app_{suffix}", f"admin_{suffix}", f"owner_{suffix}"
    reader, reader_app = f"reader_{suffix}", f"reader_app_{suffix}"
    query(migrated_db, f"CREATE ROLE {app} LOGIN IN ROLE pgpattern_app")
    query(migrated_db, f"CREATE ROLE {admin} LOGIN IN ROLE pgpattern_admin")
    query(migrated_db, f"CREATE ROLE {reader} LOGIN IN ROLE pgpattern_reader")
    query(migrated_db, f"CREATE ROLE {reader_app} LOGIN IN ROLE pgpattern_reader, pgpattern_app")
    query(migrated_db, f"CREATE ROLE {owner} NOLOGIN")
    query(migrated_db, f"GRANT USAGE ON SCHEMA learning TO {owner}")
    ids = {}
    for name in ("tenant-a", "tenant-b"):
        project = query(migrated_db, "INSERT INTO core.projects (name) VALUES (%s) RETURNING project_id", (name,))[0][0]
        query(migrated_db, """INSERT INTO learning.ml_models (project_id, name, version, model_type) VALUES (%s, 'm', 'v1', 'prediction')""",
              (project,))
        query(migrated_db, """INSERT INTO learning.learning_events (project_id, event_type, event_data, event_timestamp)
                              VALUES (%s, 'user_feedback', '{}', now()), (%s, 'user_feedback', '{}', '2059-09-09')""",
              (project, project))
        experiment = query(migrated_db, """
            INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, target_metrics, status)
            VALUES (%s, 'e', '[{"name": "b"}]', '{"conv": "conversion"}', 'running') RETURNING experiment_id""", (project,))[0][0]
        ids[name] = (project, experiment)
    yield {"db": migrated_db, "app": app, "admin": admin, "owner": owner, "reader": reader, "reader_app": reader_app, **ids}
    for role in (app, admin, owner, reader, reader_app):
        query(migrated_db, f"DROP OWNED BY {role}")
        query(migrated_db, f"DROP ROLE {role}")


def connect_as(conninfo: str, role: str, tenant: int | str | None = None) -> psycopg.Connection:
    conn = psycopg.connect(conninfo, user=role, autocommit=True)
    if tenant is not None:
        conn.execute("SELECT set_config('pgpattern.tenant', %s, false)", (str(tenant),))
    return conn


def test_a_tenant_reads_and_writes_only_its_own_rows(tenants):
    db, app = tenants["db"], tenants["app"]
    (a, a_experiment), (b, b_experiment) = tenants["tenant-a"], tenants["tenant-b"]
    with connect_as(db, app, a) as conn:
        assert conn.execute("SELECT DISTINCT project_id FROM learning.ml_models").fetchall() == [(a,)]
        assert conn.execute("SELECT DISTINCT project_id FROM learning.learning_events").fetchall() == [(a,)]
        assert conn.execute("SELECT count(*) FROM learning.learning_events").fetchone() == (2,)
        conn.execute("INSERT INTO learning.learning_events (project_id, event_type, event_data) VALUES (%s, 'user_feedback', '{}')", (a,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO learning.learning_events (project_id, event_type, event_data) VALUES (%s, 'user_feedback', '{}')", (b,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE learning.ml_models SET project_id = %s", (b,))
        assert conn.execute("UPDATE learning.ml_models SET framework = 'x' WHERE project_id = %s", (b,)).rowcount == 0
        assert conn.execute("DELETE FROM learning.learning_events WHERE project_id = %s", (b,)).rowcount == 0
        # Partitions, other schemas and the api of other tenants are out of reach.
        partition = query(db, "SELECT partition_name FROM ops.partitions_of('learning.learning_events') WHERE NOT is_default LIMIT 1")[0][0]
        for forbidden in (f"SELECT * FROM learning.{partition}", "SELECT * FROM learning.learning_events_default",
                          "SELECT * FROM core.projects", "SELECT * FROM api.daily_learning_metrics"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)
        assert conn.execute("SELECT api.ab_assign(%s, 'u1')", (a_experiment,)).fetchone()[0] in ("control", "b")
        with pytest.raises(psycopg.errors.NoDataFound):
            conn.execute("SELECT api.ab_assign(%s, 'u1')", (b_experiment,))
        with pytest.raises(psycopg.errors.NoDataFound):
            conn.execute("SELECT * FROM api.ab_results(%s)", (b_experiment,))
        model = query(db, "SELECT model_id FROM learning.ml_models WHERE project_id = %s", (b,))[0][0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM api.model_lineage('tenant-b', %s)", (model,))
    assert query(db, "SELECT count(*) FROM learning.learning_events WHERE project_id = %s", (b,)) == [(2,)]
    assert query(db, "SELECT count(*) FROM learning.ml_models WHERE framework = 'x'") == [(0,)]

    with connect_as(db, app) as conn:
        assert conn.execute("SELECT count(*) FROM learning.ml_models").fetchone() == (0,), "no tenant set, no rows"
    with connect_as(db, app, "a; DROP TABLE x") as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="pgpattern.tenant"):
            conn.execute("SELECT count(*) FROM learning.ml_models")


def ab_state(conninfo: str, experiment) -> list[tuple]:
    """Every assignment and outcome of an experiment, as the superuser sees them."""
    return query(conninfo, """
        SELECT a.user_id, a.variant, o.metric_name, o.value FROM learning.ab_testing_assignments a
          LEFT JOIN learning.ab_testing_outcomes o USING (project_id, experiment_id, user_id)
         WHERE a.experiment_id = %s ORDER BY 1, 3""", (experiment,))


def assign_with_an_outcome(conninfo: str, experiment) -> str:
    """A user of the experiment with an assignment and a conversion of 0, made by the superuser; the user's id."""
    user = next(f"user-{i}" for i in range(100)
                if query(conninfo, "SELECT api.ab_assign(%s, %s)", (experiment, f"user-{i}"))[0][0] is not None)
    query(conninfo, "SELECT api.ab_record_outcome(%s, %s, 'conv', 0)", (experiment, user))
    return user


def test_a_reader_reads_an_ab_test_but_cannot_write_into_it(tenants):
    db = tenants["db"]
    _, b_experiment = tenants["tenant-b"]
    user = assign_with_an_outcome(db, b_experiment)
    before = ab_state(db, b_experiment)
    with connect_as(db, tenants["reader"]) as conn:
        for statement, params in (("SELECT api.ab_assign(%s, 'reader-made-user')", (b_experiment,)),
                                  ("SELECT api.ab_record_outcome(%s, %s, 'conv', 1)", (b_experiment, user))):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for function"):
                conn.execute(statement, params)
        # Readers read every project through the api, A/B results too.
        assert conn.execute("SELECT sum(assigned) FROM api.ab_results(%s)", (b_experiment,)).fetchone() == (1,)
    assert ab_state(db, b_experiment) == before
    # Nobody gets a write verb of the api through PUBLIC.
    assert query(db, """SELECT p.oid::regprocedure::text FROM pg_proc p
                         WHERE p.pronamespace = 'api'::regnamespace AND has_function_privilege('public', p.oid, 'EXECUTE')""") == []


def test_without_a_tenant_the_application_reads_and_writes_nothing_through_the_api(tenants):
    db, app = tenants["db"], tenants["app"]
    (a, a_experiment), (_, b_experiment) = tenants["tenant-a"], tenants["tenant-b"]
    user = assign_with_an_outcome(db, b_experiment)
    before = ab_state(db, b_experiment)
    no_tenant = "pgpattern.tenant is not set"
    # A fresh login without pgpattern.tenant: the tables show no rows, and the api neither.
    with connect_as(db, app) as conn:
        assert conn.execute("SELECT count(*) FROM learning.ab_testing_experiments").fetchone() == (0,)
        for statement, params in (("SELECT * FROM api.ab_results(%s)", (b_experiment,)),
                                  ("SELECT api.ab_assign(%s, 'app-made-user')", (b_experiment,)),
                                  ("SELECT api.ab_assign(%s, %s)", (b_experiment, user)),
                                  ("SELECT api.ab_record_outcome(%s, %s, 'conv', 1)", (b_experiment, user))):
            with pytest.raises(psycopg.errors.NoDataFound, match=no_tenant) as error:
                conn.execute(statement, params)
            assert error.value.diag.message_hint.startswith("SET pgpattern.tenant")
    # A pooled connection after DISCARD ALL: the tenant it had is gone, and so is its reach.
    with connect_as(db, app, a) as conn:
        assert conn.execute("SELECT api.ab_assign(%s, 'pooled-user')", (a_experiment,)).fetchone()[0] in ("control", "b")
        conn.execute("DISCARD ALL")
        for experiment in (a_experiment, b_experiment):
            with pytest.raises(psycopg.errors.NoDataFound, match=no_tenant):
                conn.execute("SELECT * FROM api.ab_results(%s)", (experiment,))
            with pytest.raises(psycopg.errors.NoDataFound, match=no_tenant):
                conn.execute("SELECT api.ab_assign(%s, 'pooled-user-2')", (experiment,))
    # SET ROLE from a superuser's session is the application too.
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_app")
        with pytest.raises(psycopg.errors.NoDataFound, match=no_tenant):
            conn.execute("SELECT api.ab_assign(%s, 'set-role-user')", (b_experiment,))
    # A reader that is also the application reads every project, but writes only in its tenant.
    with connect_as(db, tenants["reader_app"]) as conn:
        assert conn.execute("SELECT sum(assigned) FROM api.ab_results(%s)", (b_experiment,)).fetchone() == (1,)
        with pytest.raises(psycopg.errors.NoDataFound, match=no_tenant):
            conn.execute("SELECT api.ab_record_outcome(%s, %s, 'conv', 1)", (b_experiment, user))
    assert ab_state(db, b_experiment) == before
    assert query(db, "SELECT count(*) FROM learning.ab_testing_assignments WHERE experiment_id = %s", (a_experiment,)) == [(1,)]
    # Writers keep every project without a tenant.
    with connect_as(db, tenants["admin"]) as conn:
        assert conn.execute("SELECT api.ab_assign(%s, %s)", (b_experiment, user)).fetchone()[0] == before[0][1]
        conn.execute("SELECT api.ab_record_outcome(%s, %s, 'conv', 1)", (b_experiment, user))
    assert ab_state(db, b_experiment) == [(user, before[0][1], "conv", 1)]


def test_owners_admins_and_maintenance_still_see_every_tenant(tenants):
    db = tenants["db"]
    (a, _), (b, _) = tenants["tenant-a"], tenants["tenant-b"]
    with connect_as(db, tenants["admin"]) as conn:
        assert conn.execute("SELECT count(DISTINCT project_id) FROM learning.learning_events").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM ops.run_data_quality_checks()").fetchone()[0] > 0
    query(db, f"ALTER TABLE learning.ml_models OWNER TO {tenants['owner']}")
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"SET ROLE {tenants['owner']}")
        assert conn.execute("SELECT count(DISTINCT project_id) FROM learning.ml_models").fetchone() == (2,)
    query(db, "ALTER TABLE learning.ml_models OWNER TO postgres")
    # pg_cron runs maintenance as the tables' owner: both tenants' stray rows are drained.
    assert query(db, "SELECT count(*) FROM learning.learning_events_default") == [(2,)]
    query(db, "SELECT ops.run_partition_maintenance('learning.learning_events')")
    assert query(db, """SELECT count(*) FROM learning.learning_events_p2059m09 WHERE project_id IN (%s, %s)""", (a, b)) == [(2,)]
    assert query(db, "SELECT count(*) FROM learning.learning_events_default") == [(0,)]


def test_the_readme_example_of_the_learning_operations_runs(migrated_db):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Learning operations"):readme.index("## Development")]
    start = section.index("```sql\n") + len("```sql\n")
    example = section[start:section.index("\n```", start)]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute(example)
    rows = query(migrated_db, """SELECT variant, assigned FROM api.ab_results(
                                   (SELECT experiment_id FROM learning.ab_testing_experiments WHERE experiment_name = 'prompt-v2'))
                                  WHERE metric_name = 'task_success' ORDER BY variant""")
    assert [v for v, _ in rows] == ["control", "treatment"] and sum(n for _, n in rows) == 1000


def test_run_retention_works_off_a_backlog_in_committed_rounds(migrated_db):
    query(migrated_db, """INSERT INTO learning.system_performance_metrics (metric_name, value, metric_timestamp)
                          SELECT 'm', d, date_trunc('day', now()) - d * interval '1 day' FROM generate_series(91, 100) d""")
    query(migrated_db, "SELECT ops.run_partition_maintenance('learning.system_performance_metrics')")
    query(migrated_db, "CALL ops.run_retention(3)")
    rounds = query(migrated_db, """SELECT cardinality(partitions_removed), status FROM ops.retention_runs
                                    WHERE table_name = 'system_performance_metrics' ORDER BY run_id""")
    assert rounds == [(3, "ok"), (3, "ok"), (3, "ok"), (1, "ok")]
    assert query(migrated_db, "SELECT sum(sample_count) FROM learning.system_performance_metrics_daily") == [(10,)]
    assert query(migrated_db, "SELECT count(*) FROM learning.system_performance_metrics") == [(0,)]
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        query(migrated_db, "SELECT ops.apply_retention(p_max_partitions => 0)")
