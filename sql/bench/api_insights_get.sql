-- pgbench: the high-risk insights.
SELECT * FROM api.pattern_insights_get('bench', NULL, 0.7, 'high');
