-- The three group roles applications and people are granted.
-- Roles belong to the whole server, so they are created only when missing
-- (another database of the same server may already have them).
DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['pgpattern_reader', 'pgpattern_writer', 'pgpattern_admin'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
            EXCEPTION WHEN duplicate_object THEN
                NULL;  -- created meanwhile by a migration of another database
            END;
        END IF;
    END LOOP;
END
$$;
COMMENT ON ROLE pgpattern_reader IS 'pgpattern: reads the api schema (views and functions) and nothing else.';
COMMENT ON ROLE pgpattern_writer IS 'pgpattern: a reader that also writes the data schemas (core, git, patterns, learning, workflow).';
COMMENT ON ROLE pgpattern_admin IS 'pgpattern: a writer that also runs the ops schema (checks, retention, maintenance).';
GRANT pgpattern_reader TO pgpattern_writer;
GRANT pgpattern_writer TO pgpattern_admin;

GRANT USAGE ON SCHEMA api TO pgpattern_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA api GRANT SELECT ON TABLES TO pgpattern_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA api GRANT EXECUTE ON FUNCTIONS TO pgpattern_reader;

GRANT USAGE ON SCHEMA core, git, patterns, learning, workflow TO pgpattern_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA core, git, patterns, learning, workflow
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pgpattern_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA core, git, patterns, learning, workflow
    GRANT USAGE, SELECT ON SEQUENCES TO pgpattern_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA core, git, patterns, learning, workflow
    GRANT EXECUTE ON FUNCTIONS TO pgpattern_writer;

GRANT USAGE ON SCHEMA ops TO pgpattern_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA ops GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pgpattern_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA ops GRANT USAGE, SELECT ON SEQUENCES TO pgpattern_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA ops GRANT EXECUTE ON FUNCTIONS TO pgpattern_admin;
