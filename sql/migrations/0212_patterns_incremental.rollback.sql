DROP FUNCTION patterns.apply_pattern_updates(bigint, bigint[]);
DROP FUNCTION patterns.update_insights(bigint, patterns.pattern_discovery_sessions);
DROP FUNCTION patterns.update_temporal(bigint, patterns.pattern_discovery_sessions);
DROP FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean);
DROP FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions);
DROP FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean);
DROP FUNCTION patterns.update_file_profiles(bigint, text[], boolean);
DROP TABLE patterns.live_synced;
DROP TABLE patterns.file_profiles;
