-- The right to be forgotten (issue 19): api.forget_identity() replaces a person's identity
-- everywhere pgpattern stores it with a stable pseudonym, in one transaction, and a BEFORE
-- INSERT trigger on git.commits maps the same identity to the same pseudonym when the
-- history is ingested again. Forgotten identities are kept only as keyed hashes
-- (SHA-256 over a per-database secret and the lower-cased email), never in clear.
CREATE SCHEMA privacy;
COMMENT ON SCHEMA privacy IS 'Personal data handling: forgotten identities (hashed) and the functions that forget a person or delete a project. Not part of the api.';

CREATE TABLE privacy.secret (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    secret     bytea NOT NULL CHECK (length(secret) >= 16),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE privacy.secret IS 'The per-database key of identity hashes and pseudonyms (one row, written by migration 0700). Whoever knows it can test a guessed email against privacy.forgotten_identities: only the owner reads it.';
COMMENT ON COLUMN privacy.secret.singleton IS 'Always true: the table holds one row.';
COMMENT ON COLUMN privacy.secret.secret IS '32 random bytes (two gen_random_uuid()s, 244 random bits).';
COMMENT ON COLUMN privacy.secret.created_at IS 'When the secret was made.';
INSERT INTO privacy.secret (secret)
VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
REVOKE ALL ON privacy.secret FROM PUBLIC;

CREATE TABLE privacy.forgotten_identities (
    identity_hash text NOT NULL CHECK (identity_hash ~ '^[0-9a-f]{64}$'),
    project_id    bigint REFERENCES core.projects (project_id) ON DELETE CASCADE,
    pseudonym     text NOT NULL,
    forgotten_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT forgotten_identities_once UNIQUE NULLS NOT DISTINCT (identity_hash, project_id)
);
COMMENT ON TABLE privacy.forgotten_identities IS 'People forgotten by api.forget_identity(), by keyed hash of their email: what git.commits'' insert trigger maps to the pseudonym again when their history is ingested later.';
COMMENT ON COLUMN privacy.forgotten_identities.identity_hash IS 'privacy.identity_hash(email): hex SHA-256 of the secret and the lower-cased, trimmed email.';
COMMENT ON COLUMN privacy.forgotten_identities.project_id IS 'The project the person is forgotten in; NULL: in every project, present and future.';
COMMENT ON COLUMN privacy.forgotten_identities.pseudonym IS 'What the person is called instead: forgotten-<12 hex digits of the hash> (the name; the email is the pseudonym @forgotten.invalid).';
COMMENT ON COLUMN privacy.forgotten_identities.forgotten_at IS 'When the person was forgotten.';
REVOKE ALL ON privacy.forgotten_identities FROM PUBLIC;

-- One person as the forgetting functions see it: the spellings to find and what replaces them.
CREATE TYPE privacy.identity AS (
    identity_key    text,    -- the lower-cased email: what author_key columns hold
    pseudonym       text,    -- replaces a name
    pseudonym_email text,    -- replaces an email (and, lower-cased, a key)
    email_pattern   text,    -- a regular expression matching any spelling of the email
    name_pattern    text,    -- one matching any of the names, as whole words; NULL when none
    spellings       text[]   -- every email and name spelling, for byte strings
);
COMMENT ON TYPE privacy.identity IS 'A person to forget: the identity key, the pseudonym (name and email) and the patterns that find their email and names in text (built by privacy.identity_of).';

CREATE FUNCTION privacy.identity_hash(p_email text)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT encode(sha256(s.secret || convert_to(lower(btrim(p_email)), 'UTF8')), 'hex')
      FROM privacy.secret s
$$;
COMMENT ON FUNCTION privacy.identity_hash(text) IS 'The keyed hash of an email (lower-cased and trimmed first): hex SHA-256 of the database''s secret and the email. SECURITY DEFINER so that callers need not read the secret.';
REVOKE EXECUTE ON FUNCTION privacy.identity_hash(text) FROM PUBLIC;

CREATE FUNCTION privacy.regexp_quote(p_text text)
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
SET search_path = pg_catalog, pg_temp
AS $$
    -- Every ASCII punctuation character: a backslash before one is always the character itself.
    SELECT regexp_replace(p_text, '([!-/:-@[-`{-~])', '\\\1', 'g')
$$;
COMMENT ON FUNCTION privacy.regexp_quote(text) IS 'The text as a regular expression that matches it literally (every metacharacter escaped).';

CREATE FUNCTION privacy.identity_of(p_identity_key text, p_pseudonym text, p_emails text[], p_names text[])
RETURNS privacy.identity
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    /*
     * Emails match case-insensitively and not inside a longer address; names as whole
     * words (no letter, digit or underscore on either side). Longer spellings first, so
     * that a name that contains another is replaced whole.
     */
    SELECT ROW(
        p_identity_key,
        p_pseudonym,
        p_pseudonym || '@forgotten.invalid',
        '(?<![[:alnum:]_.+-])(' || e.alternatives || ')(?![[:alnum:]_-]|\.[[:alnum:]])',
        '(?<![[:alnum:]_])(' || n.alternatives || ')(?![[:alnum:]_])',
        e.spellings || coalesce(n.spellings, '{}')
    )::privacy.identity
      FROM (SELECT string_agg(privacy.regexp_quote(x), '|' ORDER BY length(x) DESC, x) AS alternatives,
                   array_agg(x ORDER BY x) AS spellings
              FROM (SELECT DISTINCT x FROM unnest(p_emails || p_identity_key) x WHERE btrim(x) <> '') s) e,
           (SELECT string_agg(privacy.regexp_quote(x), '|' ORDER BY length(x) DESC, x) AS alternatives,
                   array_agg(x ORDER BY x) AS spellings
              FROM (SELECT DISTINCT x FROM unnest(p_names) x WHERE btrim(x) <> '') s) n
$$;
COMMENT ON FUNCTION privacy.identity_of(text, text, text[], text[]) IS 'The privacy.identity of a person: their key (lower-cased email), pseudonym, and the patterns for their email spellings and names.';

CREATE FUNCTION privacy.pseudonymised(p_value text, p_identity privacy.identity)
RETURNS text
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_identity.name_pattern IS NULL THEN e.value
                ELSE regexp_replace(e.value, p_identity.name_pattern, p_identity.pseudonym, 'gi') END
      FROM (SELECT regexp_replace(p_value, p_identity.email_pattern, p_identity.pseudonym_email, 'gi') AS value) e
$$;
COMMENT ON FUNCTION privacy.pseudonymised(text, privacy.identity) IS 'The text with every spelling of the person''s email replaced by the pseudonym''s email, then every name by the pseudonym (case-insensitively, whole words).';

CREATE FUNCTION privacy.pseudonymised(p_value text[], p_identity privacy.identity)
RETURNS text[]
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_value IS NOT NULL THEN
               ARRAY(SELECT privacy.pseudonymised(u.x, p_identity) FROM unnest(p_value) WITH ORDINALITY u(x, n) ORDER BY u.n)
           END
$$;
COMMENT ON FUNCTION privacy.pseudonymised(text[], privacy.identity) IS 'The array with privacy.pseudonymised applied to every element, in order.';

CREATE FUNCTION privacy.pseudonymised(p_value jsonb, p_identity privacy.identity)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- In the JSON text a name with a quote or backslash is escaped: look for that form too.
    SELECT privacy.pseudonymised(p_value::text,
                                 privacy.identity_of(p_identity.identity_key, p_identity.pseudonym,
                                                     ARRAY(SELECT x FROM unnest(p_identity.spellings) x WHERE x LIKE '%@%'),
                                                     ARRAY(SELECT y FROM unnest(p_identity.spellings) x,
                                                                    LATERAL (VALUES (x), (btrim(to_json(x)::text, '"'))) v(y)
                                                            WHERE x NOT LIKE '%@%')))::jsonb
$$;
COMMENT ON FUNCTION privacy.pseudonymised(jsonb, privacy.identity) IS 'The JSON document with privacy.pseudonymised applied to its text (keys and values alike), JSON-escaped names included.';

CREATE FUNCTION privacy.pseudonymised(p_value bytea, p_identity privacy.identity)
RETURNS bytea
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_from     bytea;
    v_position integer;
    v_result   bytea := p_value;
    v_spelling text;
BEGIN
    -- Byte strings (raw commit objects) hold the exact spellings seen in git.commits.
    IF p_value IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH v_spelling IN ARRAY p_identity.spellings LOOP
        v_from := convert_to(v_spelling, 'UTF8');
        v_position := position(v_from IN v_result);
        WHILE v_position > 0 LOOP
            v_result := overlay(v_result PLACING convert_to(CASE WHEN v_spelling LIKE '%@%' THEN p_identity.pseudonym_email
                                                                 ELSE p_identity.pseudonym END, 'UTF8')
                                FROM v_position FOR length(v_from));
            v_position := position(v_from IN v_result);
        END LOOP;
    END LOOP;
    RETURN v_result;
END
$$;
COMMENT ON FUNCTION privacy.pseudonymised(bytea, privacy.identity) IS 'The bytes with every exact spelling of the person''s email and names (UTF-8) replaced by the pseudonym''s.';

CREATE FUNCTION privacy.mentions(p_value text, p_identity privacy.identity)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_value ~* p_identity.email_pattern OR coalesce(p_value ~* p_identity.name_pattern, false)
$$;
COMMENT ON FUNCTION privacy.mentions(text, privacy.identity) IS 'Whether the text holds the person''s email or one of their names (what privacy.pseudonymised would change).';

CREATE FUNCTION privacy.forget_rows(p_projects bigint[], p_identity privacy.identity, p_everywhere boolean)
RETURNS TABLE (table_name text, rows_changed bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_column record;
    v_count  bigint;
    v_key    text := p_identity.identity_key;
    v_new    text := p_identity.pseudonym_email;
    v_sets   text;
    v_table  record;
    v_where  text;
BEGIN
    /*
     * Every place the identity is stored, for the projects p_projects: the one list to keep
     * in step with the schema. Columns that hold the identity as a key or a name get the
     * pseudonym where the key matches; free text gets privacy.pseudonymised where it
     * mentions the person. Tables without a list entry in learning, workflow and archive
     * are swept from the catalog at the end.
     */

    -- git: the history itself; author_key is generated from author_email.
    UPDATE git.commits c
       SET author_name = CASE WHEN lower(c.author_email) = v_key THEN p_identity.pseudonym
                              ELSE privacy.pseudonymised(c.author_name, p_identity) END,
           author_email = CASE WHEN lower(c.author_email) = v_key THEN v_new ELSE c.author_email END,
           committer_name = CASE WHEN lower(c.committer_email) = v_key THEN p_identity.pseudonym
                                 ELSE privacy.pseudonymised(c.committer_name, p_identity) END,
           committer_email = CASE WHEN lower(c.committer_email) = v_key THEN v_new ELSE c.committer_email END,
           message = privacy.pseudonymised(c.message, p_identity),
           raw_object = privacy.pseudonymised(c.raw_object, p_identity)
     WHERE c.project_id = ANY(p_projects)
       AND (lower(c.author_email) = v_key OR lower(c.committer_email) = v_key
            OR privacy.mentions(c.message, p_identity) OR c.raw_object IS NOT NULL);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'git.commits'; rows_changed := v_count; RETURN NEXT;

    -- patterns: the live state (counts keyed by author_key) ...
    UPDATE patterns.live_commits t SET author_key = v_new, author_name = p_identity.pseudonym
     WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.live_commits'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.live_changes t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.live_changes'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.file_author_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.file_author_counts'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.author_commit_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.author_commit_counts'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.author_week_counts t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.author_week_counts'; rows_changed := v_count; RETURN NEXT;

    -- The recency state refers to authors by number (0671): their key is in git.authors.
    UPDATE git.authors t SET author_key = v_new WHERE t.project_id = ANY(p_projects) AND t.author_key = v_key;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'git.authors'; rows_changed := v_count; RETURN NEXT;

    -- ... and what discovery found (developer_hash is generated from author_email).
    UPDATE patterns.developer_patterns t
       SET author_email = CASE WHEN lower(t.author_email) = v_key THEN v_new ELSE t.author_email END,
           author_name = CASE WHEN lower(t.author_email) = v_key THEN p_identity.pseudonym
                              ELSE privacy.pseudonymised(t.author_name, p_identity) END,
           frequent_collaborators = privacy.pseudonymised(t.frequent_collaborators, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND (lower(t.author_email) = v_key OR privacy.mentions(array_to_string(t.frequent_collaborators, E'\n'), p_identity));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.developer_patterns'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.temporal_patterns t
       SET contributing_authors = privacy.pseudonymised(t.contributing_authors, p_identity)
     WHERE t.project_id = ANY(p_projects) AND privacy.mentions(array_to_string(t.contributing_authors, E'\n'), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.temporal_patterns'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_insights t
       SET subject = privacy.pseudonymised(t.subject, p_identity),
           title = privacy.pseudonymised(t.title, p_identity),
           description = privacy.pseudonymised(t.description, p_identity),
           detailed_analysis = privacy.pseudonymised(t.detailed_analysis, p_identity),
           statistical_support = privacy.pseudonymised(t.statistical_support, p_identity),
           risk_factors = privacy.pseudonymised(t.risk_factors, p_identity),
           business_impact = privacy.pseudonymised(t.business_impact, p_identity),
           recommendations = privacy.pseudonymised(t.recommendations, p_identity),
           validation_notes = privacy.pseudonymised(t.validation_notes, p_identity),
           implementation_notes = privacy.pseudonymised(t.implementation_notes, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.subject, t.title, t.description, t.detailed_analysis,
                                      t.statistical_support::text, array_to_string(t.risk_factors, E'\n'),
                                      t.business_impact, array_to_string(t.recommendations, E'\n'),
                                      t.validation_notes, t.implementation_notes), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_insights'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_discovery_sessions t
       SET metadata = privacy.pseudonymised(t.metadata, p_identity),
           error_message = privacy.pseudonymised(t.error_message, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.metadata::text, t.error_message), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_discovery_sessions'; rows_changed := v_count; RETURN NEXT;

    UPDATE patterns.pattern_update_queue t
       SET trigger_data = privacy.pseudonymised(t.trigger_data, p_identity),
           last_error = privacy.pseudonymised(t.last_error, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.trigger_data::text, t.last_error), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'patterns.pattern_update_queue'; rows_changed := v_count; RETURN NEXT;

    -- core: development sessions name their developer.
    UPDATE core.sessions t
       SET developer = privacy.pseudonymised(t.developer, p_identity),
           metadata = privacy.pseudonymised(t.metadata, p_identity)
     WHERE t.project_id = ANY(p_projects)
       AND privacy.mentions(concat_ws(E'\n', t.developer, t.metadata::text), p_identity);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    table_name := 'core.sessions'; rows_changed := v_count; RETURN NEXT;

    /*
     * learning, workflow and archive: free text written by applications (prompts, user ids,
     * created_by, event data) and the rows retention archived. Every text, json, array and
     * bytea column, from the catalog. A table without project_id belongs to no project and
     * is swept only when the person is forgotten everywhere.
     */
    FOR v_table IN
        SELECT c.oid, n.nspname, c.relname,
               EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'project_id'
                                                    AND NOT a.attisdropped) AS has_project
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('learning', 'workflow', 'archive') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         ORDER BY n.nspname, c.relname
    LOOP
        CONTINUE WHEN NOT v_table.has_project AND NOT p_everywhere;
        v_sets := NULL;
        v_where := NULL;
        FOR v_column IN
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS column_type,
                   CASE WHEN t.typname = 'json' THEN 'jsonb'
                        WHEN t.typcategory = 'A' THEN 'text[]'
                        WHEN t.typname = 'bytea' THEN 'bytea' ELSE 'text' END AS kind
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = v_table.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
               AND (t.typname IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', 'bytea')
                    OR (t.typcategory = 'A' AND t.typelem IN ('text'::regtype, 'varchar'::regtype)))
             ORDER BY a.attnum
        LOOP
            v_sets := concat_ws(', ', v_sets,
                                format('%1$I = privacy.pseudonymised(%1$I::%2$s, $1)::%3$s', v_column.attname, v_column.kind,
                                       v_column.column_type));
            v_where := concat_ws(' OR ', v_where,
                                 CASE v_column.kind
                                     WHEN 'bytea' THEN format('%I IS NOT NULL', v_column.attname)
                                     ELSE format('privacy.mentions(%I::text, $1)', v_column.attname) END);
        END LOOP;
        CONTINUE WHEN v_sets IS NULL;
        EXECUTE format('UPDATE %I.%I SET %s WHERE (%s)%s', v_table.nspname, v_table.relname, v_sets, v_where,
                       CASE WHEN v_table.has_project THEN ' AND project_id = ANY($2)' ELSE '' END)
          USING p_identity, p_projects;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        table_name := format('%s.%s', v_table.nspname, v_table.relname); rows_changed := v_count; RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION privacy.forget_rows(bigint[], privacy.identity, boolean) IS 'Replaces the person''s identity by their pseudonym in every table of the projects (p_everywhere: also in the tables that belong to no project) and returns the rows changed per table. The one list of where identities are stored; called by api.forget_identity.';

CREATE FUNCTION privacy.refresh_materialized_views()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_view record;
BEGIN
    -- Materialized views keep copies of rows: after a forget or a delete they are refreshed.
    FOR v_view IN
        SELECT n.nspname, c.relname,
               EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indpred IS NULL) AS has_unique
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm' AND c.relispopulated
           AND n.nspname IN ('core', 'git', 'patterns', 'learning', 'workflow', 'api', 'archive')
         ORDER BY 1, 2
    LOOP
        EXECUTE format('REFRESH MATERIALIZED VIEW %s %I.%I',
                       CASE WHEN v_view.has_unique THEN 'CONCURRENTLY' ELSE '' END, v_view.nspname, v_view.relname);
    END LOOP;
END
$$;
COMMENT ON FUNCTION privacy.refresh_materialized_views() IS 'Refreshes every populated materialized view of the project schemas (CONCURRENTLY where a unique index allows), so that no copy keeps forgotten or deleted rows.';

CREATE FUNCTION privacy.lock_projects(p_projects bigint[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_project bigint;
BEGIN
    -- Waits for the project's ingest ('pgpi', migrator/ingest.py) and discovery ('pdis').
    FOREACH v_project IN ARRAY p_projects LOOP
        PERFORM pg_advisory_xact_lock(1885827177, v_project::integer);
        PERFORM pg_advisory_xact_lock(1885630573, v_project::integer);
    END LOOP;
END
$$;
COMMENT ON FUNCTION privacy.lock_projects(bigint[]) IS 'Takes, until the end of the transaction, the advisory locks an ingest and a discovery of each project take, so that neither writes while a project is forgotten in or deleted.';

CREATE FUNCTION api.forget_identity(p_email text, p_project text DEFAULT NULL)
RETURNS TABLE (table_name text, rows_changed bigint, pseudonym text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_everywhere boolean := p_project IS NULL;
    v_hash       text;
    v_identity   privacy.identity;
    v_key        text := lower(btrim(p_email));
    v_names      text[];
    v_emails     text[];
    v_projects   bigint[];
    v_pseudonym  text;
BEGIN
    IF v_key IS NULL OR v_key = '' THEN
        RAISE EXCEPTION 'the email to forget is empty'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'give the email the person committed with';
    END IF;
    IF v_key LIKE '%@forgotten.invalid' THEN
        RAISE EXCEPTION '% is already a pseudonym', quote_literal(p_email)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'give the email the person committed with';
    END IF;
    v_projects := CASE WHEN v_everywhere THEN ARRAY(SELECT p.project_id FROM core.projects p ORDER BY 1)
                       ELSE ARRAY[patterns.project_id(p_project)] END;
    PERFORM privacy.lock_projects(v_projects);

    v_hash := privacy.identity_hash(v_key);
    v_pseudonym := 'forgotten-' || left(v_hash, 12);
    INSERT INTO privacy.forgotten_identities (identity_hash, project_id, pseudonym)
    VALUES (v_hash, CASE WHEN NOT v_everywhere THEN v_projects[1] END, v_pseudonym)
    ON CONFLICT ON CONSTRAINT forgotten_identities_once DO NOTHING;

    -- Every spelling the person's email and name were stored with.
    SELECT array_agg(DISTINCT s.email), array_agg(DISTINCT s.name) FILTER (WHERE s.name IS NOT NULL)
      INTO v_emails, v_names
      FROM (SELECT c.author_email AS email, c.author_name AS name FROM git.commits c
             WHERE c.project_id = ANY(v_projects) AND lower(c.author_email) = v_key
            UNION
            SELECT c.committer_email, c.committer_name FROM git.commits c
             WHERE c.project_id = ANY(v_projects) AND lower(c.committer_email) = v_key
            UNION
            SELECT l.author_key, l.author_name FROM patterns.live_commits l
             WHERE l.project_id = ANY(v_projects) AND l.author_key = v_key
            UNION
            SELECT d.author_email, d.author_name FROM patterns.developer_patterns d
             WHERE d.project_id = ANY(v_projects) AND lower(d.author_email) = v_key
            UNION
            SELECT btrim(p_email), NULL) s;
    v_identity := privacy.identity_of(v_key, v_pseudonym, v_emails, coalesce(v_names, '{}'));

    RETURN QUERY SELECT f.table_name, f.rows_changed, v_pseudonym FROM privacy.forget_rows(v_projects, v_identity, v_everywhere) f;
    PERFORM privacy.refresh_materialized_views();
END
$$;
COMMENT ON FUNCTION api.forget_identity(text, text) IS 'Forgets a person (the right to be forgotten): in one transaction, replaces their email (any case) and every name they committed under by a stable pseudonym (forgotten-<hex>, email forgotten-<hex>@forgotten.invalid) in every table of the project p_project, or of every project when NULL, and records the hashed identity so that a later ingest maps it to the pseudonym again. Pattern numbers do not change. Returns the rows changed per table, and the pseudonym. Raises 22023 for an empty email, P0002 for an unknown project.';
REVOKE EXECUTE ON FUNCTION api.forget_identity(text, text) FROM PUBLIC, pgpattern_reader;
GRANT EXECUTE ON FUNCTION api.forget_identity(text, text) TO pgpattern_admin;

CREATE FUNCTION privacy.commits_keep_forgotten()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_identity privacy.identity;
    v_person   record;
BEGIN
    -- Nothing forgotten (the usual case): one probe of an empty table per row.
    IF NOT EXISTS (SELECT FROM privacy.forgotten_identities) THEN
        RETURN NEW;
    END IF;
    /*
     * The people a new commit names: its author, its committer and the "Name <email>" of
     * its trailers (Co-authored-by:, Signed-off-by:). Those forgotten in this project get
     * their pseudonym before the row is stored, so their identity never reaches the table.
     */
    FOR v_person IN
        SELECT f.pseudonym, lower(btrim(p.email)) AS identity_key,
               array_agg(DISTINCT p.email) AS emails, array_agg(DISTINCT p.name) FILTER (WHERE p.name <> '') AS names
          FROM (VALUES (NEW.author_email, NEW.author_name), (NEW.committer_email, NEW.committer_name)
                UNION ALL
                SELECT m[2], btrim(m[1])
                  FROM regexp_matches(CASE WHEN NEW.message LIKE '%@%' THEN NEW.message END,
                                      '([^\n<>:]*)<([^<>[:space:]]+@[^<>[:space:]]+)>', 'g') m) p(email, name)
          JOIN privacy.forgotten_identities f ON f.identity_hash = privacy.identity_hash(p.email)
         WHERE f.project_id IS NULL OR f.project_id = NEW.project_id
         GROUP BY f.pseudonym, lower(btrim(p.email))
    LOOP
        v_identity := privacy.identity_of(v_person.identity_key, v_person.pseudonym, v_person.emails,
                                          coalesce(v_person.names, '{}'));
        IF lower(NEW.author_email) = v_identity.identity_key THEN
            NEW.author_name := v_identity.pseudonym;
            NEW.author_email := v_identity.pseudonym_email;
        END IF;
        IF lower(NEW.committer_email) = v_identity.identity_key THEN
            NEW.committer_name := v_identity.pseudonym;
            NEW.committer_email := v_identity.pseudonym_email;
        END IF;
        NEW.author_name := privacy.pseudonymised(NEW.author_name, v_identity);
        NEW.committer_name := privacy.pseudonymised(NEW.committer_name, v_identity);
        NEW.message := privacy.pseudonymised(NEW.message, v_identity);
        NEW.raw_object := privacy.pseudonymised(NEW.raw_object, v_identity);
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION privacy.commits_keep_forgotten() IS 'BEFORE INSERT trigger of git.commits: a commit that names a forgotten person (author, committer, a trailer''s Name <email>) is stored with their pseudonym instead. SECURITY DEFINER: it reads the hashed identities a writer may not.';

CREATE TRIGGER commits_keep_forgotten BEFORE INSERT ON git.commits
    FOR EACH ROW EXECUTE FUNCTION privacy.commits_keep_forgotten();
COMMENT ON TRIGGER commits_keep_forgotten ON git.commits IS 'Stores forgotten people under their pseudonym when their history is ingested again (privacy.commits_keep_forgotten).';
