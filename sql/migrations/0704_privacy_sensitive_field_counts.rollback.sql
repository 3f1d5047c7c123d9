DROP FUNCTION privacy.sensitive_field_counts();
