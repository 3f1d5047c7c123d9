-- pgbench: the 20 riskiest files.
SELECT * FROM api.pattern_risk_files('bench', NULL, 0, NULL, 20);
