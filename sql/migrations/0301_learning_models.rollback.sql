DROP FUNCTION learning.append_training_loss(bigint, uuid, double precision, integer);
DROP TABLE learning.model_training_sessions;
DROP FUNCTION learning.model_training_sessions_finish();
DROP TABLE learning.training_datasets;
DROP FUNCTION learning.activate_model(bigint, uuid);
DROP TABLE learning.ml_models;
DROP FUNCTION learning.ml_models_version_rules();
DROP FUNCTION learning.enforce_status_lifecycle();
