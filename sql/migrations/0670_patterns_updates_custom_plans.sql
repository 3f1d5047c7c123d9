-- The update functions are called with arguments of two shapes: a few files or authors (a
-- commit's own update) and all of them (the rescore, a full refresh, a discovery of the
-- live state). PL/pgSQL caches a generic plan after five calls; planned for a few files,
-- the all-files call ran 53 s instead of 1.3 s on ansible (update_magnitude), and the
-- update benchmark's rescores 131 s. Each call is planned for its own arguments.
ALTER FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean)
    SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION patterns.update_file_profiles(bigint, text[], boolean)
    SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions, text[])
    SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean, boolean)
    SET plan_cache_mode = force_custom_plan;
