CREATE OR REPLACE VIEW api.model_performance_summary AS
SELECT p.name AS project, m.project_id, m.model_id, m.name, m.version, m.model_type,
       m.prediction_count, m.validated_predictions, m.avg_accuracy, m.last_prediction
  FROM learning.model_performance_summary m
  JOIN core.projects p ON p.project_id = m.project_id;
COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version, with its project (by name and id): prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';
GRANT SELECT ON TABLE api.model_performance_summary TO pgpattern_reader;
