-- Projects and development sessions, which every project-scoped table references.
-- Every project-scoped key starts with project_id, so the schema can be distributed
-- by project on Citus (core.projects would be a reference table).
CREATE FUNCTION core.touch_updated_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Keeps updated_at true without trusting every writer to set it.
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION core.touch_updated_at() IS 'BEFORE UPDATE trigger function: sets updated_at to now().';

CREATE TABLE core.projects (
    project_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL UNIQUE
                    CONSTRAINT projects_name_check CHECK (name ~ '\S' AND length(name) <= 200 AND name !~ '[[:cntrl:]]'),
    repository_path text,
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE core.projects IS 'A project whose history and patterns pgpattern keeps; created on first ingest.';
COMMENT ON COLUMN core.projects.project_id IS 'The project key; the leading column of every project-scoped key.';
COMMENT ON COLUMN core.projects.name IS 'A unique, human-chosen name: 1 to 200 characters, no control characters.';
COMMENT ON COLUMN core.projects.repository_path IS 'Where the repository was last ingested from (path or URL), if known.';
COMMENT ON COLUMN core.projects.description IS 'Free text.';
COMMENT ON COLUMN core.projects.created_at IS 'When the project was created.';
COMMENT ON COLUMN core.projects.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE TRIGGER projects_touch_updated_at BEFORE UPDATE ON core.projects
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();

CREATE TABLE core.sessions (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    session_id   uuid NOT NULL DEFAULT gen_random_uuid(),
    developer    text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz,
    status       text NOT NULL DEFAULT 'active',
    metadata     jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, session_id),
    CONSTRAINT sessions_status_check CHECK (status IN ('active', 'ended', 'abandoned')),
    CONSTRAINT sessions_end_after_start CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT sessions_ended_has_end CHECK ((status = 'active') = (ended_at IS NULL)),
    CONSTRAINT sessions_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE core.sessions IS 'Development sessions of a project: a span of work by a developer that discovery runs and patterns can refer to.';
COMMENT ON COLUMN core.sessions.project_id IS 'The project the session belongs to.';
COMMENT ON COLUMN core.sessions.session_id IS 'The session key within its project.';
COMMENT ON COLUMN core.sessions.developer IS 'Who worked in the session: an author identity (lower-cased email) or a free name.';
COMMENT ON COLUMN core.sessions.started_at IS 'When the session began.';
COMMENT ON COLUMN core.sessions.ended_at IS 'When the session ended; NULL while active.';
COMMENT ON COLUMN core.sessions.status IS 'active, ended or abandoned; only an active session has no end time.';
COMMENT ON COLUMN core.sessions.metadata IS 'Free-form attributes of the session (a JSON object).';
COMMENT ON COLUMN core.sessions.created_at IS 'When the row was created.';
COMMENT ON COLUMN core.sessions.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX sessions_project_started_idx ON core.sessions (project_id, started_at DESC);
COMMENT ON INDEX core.sessions_project_started_idx IS 'A project''s sessions, newest first.';
CREATE TRIGGER sessions_touch_updated_at BEFORE UPDATE ON core.sessions
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();
