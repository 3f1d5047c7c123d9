DROP FUNCTION ops.reload_pg_cron_jobs();
