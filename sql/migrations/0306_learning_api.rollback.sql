DROP FUNCTION api.prediction_accuracy(bigint, text, timestamptz, timestamptz);
DROP FUNCTION api.experiment_convergence(bigint, uuid);
DROP FUNCTION api.experiment_leaderboard(bigint, uuid, integer);
DROP FUNCTION api.model_lineage(bigint, uuid);
SELECT ops.unschedule_job('pgpattern-learning-refresh-model-performance');
DROP VIEW api.model_performance_summary;
DROP MATERIALIZED VIEW learning.model_performance_summary;
