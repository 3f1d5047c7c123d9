CREATE OR REPLACE FUNCTION privacy.forget_rows(p_projects bigint[], p_identity privacy.identity, p_everywhere boolean)
 RETURNS TABLE(table_name text, rows_changed bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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

    -- The recency state (0671) and the author counts (0840) refer to authors by number:
    -- their key is in git.authors.
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
$function$;
COMMENT ON FUNCTION privacy.forget_rows(bigint[],privacy.identity,boolean) IS 'Replaces the person''s identity by their pseudonym in every table of the projects (p_everywhere: also in the tables that belong to no project) and returns the rows changed per table. The one list of where identities are stored; called by api.forget_identity.';
REVOKE ALL ON FUNCTION privacy.forget_rows(bigint[],privacy.identity,boolean) FROM PUBLIC;
