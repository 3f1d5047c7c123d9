SELECT ops.unschedule_job('pgpattern-learning-expire-predictions');
DROP FUNCTION learning.expire_predictions(timestamptz);
DROP TABLE learning.predictions;
DROP FUNCTION learning.predictions_record_outcome();
DROP FUNCTION learning.prediction_accuracy(text, jsonb, jsonb);
