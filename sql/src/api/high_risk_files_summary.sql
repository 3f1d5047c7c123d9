CREATE OR REPLACE VIEW api.high_risk_files_summary AS
SELECT m.project_id,
       p.name AS project,
       m.file_path,
       m.risk_level,
       m.risk_score,
       m.anomaly_score,
       m.hotspot_score,
       m.change_frequency,
       m.volatility_score,
       m.change_category,
       m.total_changes,
       m.updated_at AS last_analyzed
  FROM patterns.change_magnitude_patterns m
  JOIN core.projects p ON p.project_id = m.project_id
 WHERE m.is_active AND m.risk_level IN ('high', 'critical')
 ORDER BY CASE m.risk_level WHEN 'critical' THEN 1 ELSE 2 END, m.anomaly_score DESC, m.hotspot_score DESC;
COMMENT ON VIEW api.high_risk_files_summary IS 'Active files at high or critical risk across projects, critical first, then by anomaly and hotspot score. A plain view: the risk index makes it cheap.';
GRANT SELECT ON TABLE api.high_risk_files_summary TO pgpattern_reader;
