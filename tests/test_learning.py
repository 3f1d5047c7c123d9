"""The learning store where one transaction is not enough: pg_cron jobs, the reader role, concurrent scoring, the README example."""

from __future__ import annotations

import threading
from decimal import Decimal

import psycopg
import pytest

from cliprocess import wait_until
from conftest import ROOT, query
from pgpattern.migrations import Migrator

LEARNING_JOBS = {
    "pgpattern-learning-expire-predictions": ("*/15 * * * *", "SELECT learning.expire_predictions()"),
    "pgpattern-learning-refresh-model-performance": (
        "*/15 * * * *", "REFRESH MATERIALIZED VIEW CONCURRENTLY learning.model_performance_summary"),
}


def learning_cron_jobs(conninfo: str) -> dict:
    rows = query(conninfo, "SELECT jobname, schedule, command FROM cron.job WHERE jobname LIKE 'pgpattern-learning-%%'")
    return {name: (schedule, command) for name, schedule, command in rows}


def test_learning_jobs_are_scheduled_run_and_removed_by_rollback(cron_db):
    assert learning_cron_jobs(cron_db) == LEARNING_JOBS
    checks = dict(query(cron_db, "SELECT check_name, status FROM ops.validate_schema_integrity()"))
    assert checks["scheduled jobs"] == "ok"

    # Each command runs on its own connection outside a transaction block, as pg_cron runs it.
    project = query(cron_db, "INSERT INTO core.projects (name) VALUES ('jobs') RETURNING project_id")[0][0]
    query(cron_db, """
        INSERT INTO learning.ml_models (project_id, name, version, model_type, status)
        VALUES (%s, 'm', 'v1', 'prediction', 'active')""", (project,))
    query(cron_db, """
        INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind, predicted_value,
                                          prediction_horizon, prediction_timestamp)
        SELECT project_id, model_id, 'bug_likelihood', 'numeric', '1', interval '1 hour', now() - interval '2 hours'
          FROM learning.ml_models WHERE project_id = %s""", (project,))
    for _, command in LEARNING_JOBS.values():
        query(cron_db, command)
    assert query(cron_db, "SELECT status FROM learning.predictions") == [("expired",)]
    assert query(cron_db, "SELECT prediction_count FROM api.model_performance_summary WHERE project_id = %s",
                 (project,)) == [(1,)]
    query(cron_db, "DELETE FROM core.projects WHERE project_id = %s", (project,))

    with Migrator(cron_db) as m:
        m.rollback(to="0007_integrity_checks")
        assert learning_cron_jobs(cron_db) == {}
        m.migrate()
    assert learning_cron_jobs(cron_db) == LEARNING_JOBS


def test_the_reader_reads_learning_only_through_the_api(migrated_db):
    model = query(migrated_db, """
        WITH p AS (INSERT INTO core.projects (name) VALUES ('reader') RETURNING project_id)
        INSERT INTO learning.ml_models (project_id, name, version, model_type)
        SELECT project_id, 'm', 'v1', 'prediction' FROM p RETURNING 'reader', model_id""")[0]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        assert conn.execute("SELECT depth, version FROM api.model_lineage(%s, %s)", model).fetchall() == [(0, "v1")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM learning.ml_models")


def test_the_readme_example_of_the_learning_store_runs(migrated_db):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## The learning store"):readme.index("## Development")]
    example = section[section.index("```sql\n") + len("```sql\n"):section.index("\n```", section.index("```sql\n"))]
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute(example)
    assert query(migrated_db, "SELECT name, prediction_count, avg_accuracy FROM api.model_performance_summary") == [
        ("bug-risk", 1, Decimal("0.8000"))]
    assert query(migrated_db, "SELECT best_score FROM learning.evolution_experiments") == [(Decimal("0.7"),)]


def test_concurrent_scoring_of_one_generation_keeps_every_score(migrated_db):
    query(migrated_db, """
        WITH p AS (INSERT INTO core.projects (name) VALUES ('concurrent') RETURNING project_id),
             e AS (INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, objective_function,
                                                               population_size)
                   SELECT project_id, 'e', '{}', '{}', 3 FROM p RETURNING project_id, experiment_id)
        INSERT INTO learning.evolution_generations (project_id, experiment_id, generation_number)
        SELECT project_id, experiment_id, 1 FROM e""")
    query(migrated_db, """
        INSERT INTO learning.evolution_individuals (project_id, experiment_id, generation_number, individual_index, genotype)
        SELECT project_id, experiment_id, 1, i, '{}' FROM learning.evolution_generations, generate_series(1, 3) i""")
    score = ("UPDATE learning.evolution_individuals SET evaluation_status = 'completed', fitness_score = %s"
             " WHERE individual_index = %s")
    with psycopg.connect(migrated_db) as first, psycopg.connect(migrated_db) as second:
        first.execute(score, (0.1, 1))
        waiting = threading.Thread(target=lambda: (second.execute(score, (0.2, 2)), second.commit()))
        waiting.start()
        # The second scorer waits for the first's lock on the generation.
        wait_until(lambda: query(migrated_db, "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                                 (second.info.backend_pid,)) == [(True,)], what="the second scorer waiting for a lock")
        assert waiting.is_alive()
        first.commit()
        waiting.join(10)
    assert query(migrated_db, "SELECT scored_count, max_score FROM learning.evolution_generations") == [
        (2, Decimal("0.2"))]
