-- ops.scheduled_jobs as desired state, in a database where pg_cron does not run
-- (the tests' databases; tests/test_scheduler.py covers the pg_cron database).
BEGIN;
SELECT plan(10);

SELECT is(ops.pg_cron_status(), 'other database', 'Check that pg_cron is reported as running in another database');
SELECT results_eq($$SELECT job_name, schedule FROM ops.scheduled_jobs WHERE job_name LIKE 'pgpattern-purge-%' ORDER BY job_name$$,
                  $$VALUES ('pgpattern-purge-cron-history', '17 3 * * *')$$,
                  'Check that the migrations want the cron-history purge job');
SELECT lives_ok($$SELECT ops.schedule_job('pgpattern-tap-probe', '*/5 * * * *', 'SELECT 1', 'a probe')$$,
                'Check that a job can be wanted without pg_cron');
SELECT is((SELECT schedule FROM ops.scheduled_jobs WHERE job_name = 'pgpattern-tap-probe'), '*/5 * * * *',
          'Check that the wanted job is recorded');
SELECT lives_ok($$SELECT ops.schedule_job('pgpattern-tap-probe', '0 * * * *', 'SELECT 2', 'a probe, hourly')$$,
                'Check that wanting a job again updates it');
SELECT is((SELECT schedule || ' ' || command FROM ops.scheduled_jobs WHERE job_name = 'pgpattern-tap-probe'),
          '0 * * * * SELECT 2', 'Check that the update replaced schedule and command');
SELECT is(ops.sync_scheduled_jobs(), 0, 'Check that sync schedules nothing without pg_cron');
SELECT throws_ok($$SELECT ops.schedule_job('pgpattern-bad', 'every minute', 'SELECT 1', 'x')$$, '23514', NULL,
                 'Check that a schedule that is not five cron fields is refused');
SELECT throws_ok($$SELECT ops.purge_cron_history(interval '-1 day')$$, '22023',
                 'p_keep must be a non-negative interval, not -1 days',
                 'Check that a negative history window is refused with its value');
SELECT ops.unschedule_job('pgpattern-tap-probe');
SELECT is((SELECT count(*) FROM ops.scheduled_jobs WHERE job_name = 'pgpattern-tap-probe'), 0::bigint,
          'Check that an unscheduled job is forgotten');

SELECT * FROM finish();
ROLLBACK;
