"""pg_cron in the database it runs in: jobs scheduled by the migrations, removed by the rollback, and run."""

from __future__ import annotations

import os
import signal
import time

import pytest

from conftest import query
from pgpattern.migrations import Migrator


def test_migrations_schedule_their_jobs_and_rollback_removes_them(cron_db):
    assert query(cron_db, "SELECT ops.pg_cron_status()") == [("installed",)]
    jobs = query(cron_db, "SELECT jobname, schedule, command, active FROM cron.job ORDER BY jobname")
    assert jobs == query(cron_db, "SELECT job_name, schedule, command, true FROM ops.scheduled_jobs ORDER BY job_name")
    assert ("pgpattern-purge-cron-history", "17 3 * * *", "SELECT ops.purge_cron_history(interval '7 days')",
            True) in jobs
    checks = dict(query(cron_db, "SELECT check_name, status FROM ops.validate_schema_integrity()"))
    assert checks["scheduled jobs"] == "ok" and checks["extension pg_cron"] == "ok"

    # A job removed behind pgpattern's back is a failed check, and sync restores it.
    query(cron_db, "SELECT cron.unschedule('pgpattern-purge-cron-history')")
    detail = query(cron_db, "SELECT status, detail FROM ops.validate_schema_integrity() WHERE check_name = 'scheduled jobs'")
    assert detail[0][0] == "fail" and "pgpattern-purge-cron-history" in detail[0][1]
    assert query(cron_db, "SELECT ops.sync_scheduled_jobs()") == [(len(jobs),)]
    assert query(cron_db, "SELECT count(*) FROM cron.job") == [(len(jobs),)]

    with Migrator(cron_db) as m:
        m.rollback(to="0004_extensions")
        assert query(cron_db, "SELECT count(*) FROM cron.job") == [(0,)]
        m.rollback(to="0003_roles")
        assert query(cron_db, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'") == [(0,)]
        m.migrate()
    assert query(cron_db, "SELECT count(*) FROM cron.job") == [(len(jobs),)]

    # Every scheduled command runs as pg_cron would run it.
    for (command,) in query(cron_db, "SELECT command FROM ops.scheduled_jobs"):
        query(cron_db, command)


def test_a_dba_installed_pg_cron_is_not_dropped_by_rollback(cluster):
    conninfo = cluster.conninfo("pgpattern_cron")
    query(conninfo, "CREATE EXTENSION IF NOT EXISTS pg_cron")
    query(conninfo, "SELECT cron.schedule('dba-own-job', '0 0 * * *', 'SELECT 1')")
    try:
        with Migrator(conninfo) as m:
            m.migrate()
            assert query(conninfo, "SELECT count(*) FROM ops.managed_extensions WHERE extension_name = 'pg_cron'") == [(0,)]
            m.rollback(all_=True)
        assert query(conninfo, "SELECT jobname FROM cron.job") == [("dba-own-job",)]
    finally:
        query(conninfo, "DROP EXTENSION pg_cron")


def test_only_the_pg_cron_database_signals_the_launcher(cron_db, migrated_db):
    assert query(cron_db, "SELECT ops.reload_pg_cron_jobs()") == [(True,)]
    assert query(migrated_db, "SELECT ops.reload_pg_cron_jobs()") == [(False,)]


@pytest.mark.slow
def test_pg_cron_really_runs_jobs_on_the_socket_only_cluster(cron_db):
    """Waits for the next minute tick (at most about 70 s): jobs must run, not only be listed.

    First pg_cron is dropped and created again while its launcher lags behind (stopped, as on a
    loaded machine): it misses the drop of cron.job, and without pgpattern's reload after the
    migrations (0720) it would go on watching the dropped table and never see the probe job.
    """
    launcher = query(cron_db, "SELECT pid FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'")[0][0]
    os.kill(launcher, signal.SIGSTOP)
    try:
        with Migrator(cron_db) as m:
            m.rollback(all_=True, drop_data=True)
            m.migrate()
    finally:
        os.kill(launcher, signal.SIGCONT)
    query(cron_db, "CREATE TABLE public.cron_probe (ran_at timestamptz)")
    try:
        query(cron_db, "SELECT cron.schedule('probe', '* * * * *', 'INSERT INTO public.cron_probe VALUES (now())')")
        deadline = time.monotonic() + 75
        runs = []
        while time.monotonic() < deadline:
            # Only the probe's finished runs: pgpattern's own jobs (health checks every minute) run here too.
            runs = query(cron_db, """SELECT d.status, d.return_message FROM cron.job_run_details d
                                      JOIN cron.job j USING (jobid)
                                     WHERE j.jobname = 'probe' AND d.status IN ('succeeded', 'failed')""")
            if runs:
                break
            time.sleep(1)
        assert runs and runs[0][0] == "succeeded", runs
        assert query(cron_db, "SELECT count(*) FROM public.cron_probe")[0][0] >= 1
    finally:
        query(cron_db, "SELECT cron.unschedule('probe')")
        query(cron_db, "DROP TABLE public.cron_probe")
        query(cron_db, "DELETE FROM cron.job_run_details")
