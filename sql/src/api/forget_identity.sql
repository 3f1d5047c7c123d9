CREATE OR REPLACE FUNCTION api.forget_identity(p_email text, p_project text DEFAULT NULL::text)
 RETURNS TABLE(table_name text, rows_changed bigint, pseudonym text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION api.forget_identity(text,text) IS 'Forgets a person (the right to be forgotten): in one transaction, replaces their email (any case) and every name they committed under by a stable pseudonym (forgotten-<hex>, email forgotten-<hex>@forgotten.invalid) in every table of the project p_project, or of every project when NULL, and records the hashed identity so that a later ingest maps it to the pseudonym again. Pattern numbers do not change. Returns the rows changed per table, and the pseudonym. Raises 22023 for an empty email, P0002 for an unknown project.';
REVOKE ALL ON FUNCTION api.forget_identity(text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.forget_identity(text,text) TO pgpattern_admin;
