CREATE OR REPLACE VIEW api.model_performance_summary AS
SELECT project_id, model_id, name, version, model_type,
       prediction_count, validated_predictions, avg_accuracy, last_prediction
  FROM learning.model_performance_summary;
COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version: prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';
GRANT SELECT ON TABLE api.model_performance_summary TO pgpattern_reader;
