DROP TABLE patterns.pattern_insights;
DROP TABLE patterns.change_magnitude_patterns;
DROP TABLE patterns.developer_patterns;
DROP TABLE patterns.temporal_patterns;
DROP TABLE patterns.file_cooccurrence_patterns;
DROP TABLE patterns.pattern_discovery_sessions;
DROP FUNCTION patterns.sha256_hex(text);
