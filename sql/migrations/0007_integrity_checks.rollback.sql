DROP FUNCTION ops.validate_schema_integrity(jsonb);
DROP FUNCTION ops.project_schemas();
