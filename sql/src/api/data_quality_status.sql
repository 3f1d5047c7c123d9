CREATE OR REPLACE VIEW api.data_quality_status AS
SELECT DISTINCT ON (c.check_name)
       c.check_name, format('%s.%s', c.schema_name, c.table_name) AS table_name, c.check_type, c.threshold,
       r.quality_score, r.status, r.rows_checked, r.rows_failed, r.detail, r.checked_at
  FROM ops.data_quality_checks c
  LEFT JOIN ops.data_quality_results r ON r.check_name = c.check_name
 WHERE c.enabled
 ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;
COMMENT ON VIEW api.data_quality_status IS 'The latest result of each enabled data-quality check: quality_score (0 to 100) against threshold, status (passed, failed, error; NULL before its first run), rows checked and failing, detail and when.';
GRANT SELECT ON TABLE api.data_quality_status TO pgpattern_reader;
