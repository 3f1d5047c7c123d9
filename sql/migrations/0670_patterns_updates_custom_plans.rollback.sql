-- Back to PL/pgSQL's own choice between custom and generic plans.
ALTER FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean)
    RESET plan_cache_mode;
ALTER FUNCTION patterns.update_file_profiles(bigint, text[], boolean)
    RESET plan_cache_mode;
ALTER FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions, text[])
    RESET plan_cache_mode;
ALTER FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean, boolean)
    RESET plan_cache_mode;
