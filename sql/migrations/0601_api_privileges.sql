-- Who may call what in api, pinned by sql/tests/api_surface.sql. Readers read: the write verbs (VOLATILE: api.pattern_discover,
-- api.ab_assign, api.ab_record_outcome) are granted by name to pgpattern_writer, the A/B
-- ones also to pgpattern_app; PUBLIC may call no api function, neither those made so far
-- nor, by default, those made next.

-- 0407's A/B functions were executable by PUBLIC (made after 0406 revoked PUBLIC from the
-- api functions of its day) and by pgpattern_reader (api's default privileges), so any
-- role using api could write into any project's experiment.
REVOKE EXECUTE ON FUNCTION api.ab_assign(uuid, text, text, text) FROM PUBLIC, pgpattern_reader;
REVOKE EXECUTE ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) FROM PUBLIC, pgpattern_reader;
REVOKE EXECUTE ON FUNCTION api.ab_results(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ab_assign(uuid, text, text, text) TO pgpattern_writer;
GRANT EXECUTE ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) TO pgpattern_writer;

-- PUBLIC's EXECUTE of a new function by default. A per-schema default only adds to the
-- database-wide one (ALTER DEFAULT PRIVILEGES IN SCHEMA api REVOKE EXECUTE ON FUNCTIONS
-- FROM PUBLIC changes nothing), so the database-wide default of the role running the
-- migrations (the owner of what they make) drops PUBLIC, and every other schema there is
-- now (project schemas, public, an extension's) gets PUBLIC back per schema: only api
-- changes. A schema made later starts without it: grant EXECUTE there as needed.
DO $$
DECLARE
    v_schema name;
BEGIN
    FOR v_schema IN
        SELECT n.nspname FROM pg_namespace n
         WHERE n.nspname <> 'api' AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
         ORDER BY n.nspname
    LOOP
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO PUBLIC', v_schema);
    END LOOP;
END
$$;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

