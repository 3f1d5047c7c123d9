CREATE OR REPLACE FUNCTION privacy.commits_keep_forgotten()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION privacy.commits_keep_forgotten() IS 'BEFORE INSERT trigger of git.commits: a commit that names a forgotten person (author, committer, a trailer''s Name <email>) is stored with their pseudonym instead. SECURITY DEFINER: it reads the hashed identities a writer may not.';
REVOKE ALL ON FUNCTION privacy.commits_keep_forgotten() FROM PUBLIC;
