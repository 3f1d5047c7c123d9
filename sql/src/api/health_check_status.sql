CREATE OR REPLACE VIEW api.health_check_status AS
SELECT DISTINCT ON (c.check_name)
       c.check_name, c.check_category, r.status, r.value, r.detail, r.checked_at, c.check_frequency
  FROM ops.system_health_checks c
  LEFT JOIN ops.health_check_results r ON r.check_name = c.check_name
 WHERE c.enabled
 ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;
COMMENT ON VIEW api.health_check_status IS 'The latest result of each enabled system health check: status (ok, warn, fail, skip; NULL before its first run), value, detail and when.';
GRANT SELECT ON TABLE api.health_check_status TO pgpattern_reader;
