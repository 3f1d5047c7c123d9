-- Forgotten people stay forgotten in the rows already changed; only the mapping for later
-- ingests (and the secret behind the pseudonyms) goes.
DROP TRIGGER commits_keep_forgotten ON git.commits;
DROP FUNCTION privacy.commits_keep_forgotten();
DROP FUNCTION api.forget_identity(text, text);
DROP FUNCTION privacy.lock_projects(bigint[]);
DROP FUNCTION privacy.refresh_materialized_views();
DROP FUNCTION privacy.forget_rows(bigint[], privacy.identity, boolean);
DROP FUNCTION privacy.mentions(text, privacy.identity);
DROP FUNCTION privacy.pseudonymised(bytea, privacy.identity);
DROP FUNCTION privacy.pseudonymised(jsonb, privacy.identity);
DROP FUNCTION privacy.pseudonymised(text[], privacy.identity);
DROP FUNCTION privacy.pseudonymised(text, privacy.identity);
DROP FUNCTION privacy.identity_of(text, text, text[], text[]);
DROP FUNCTION privacy.regexp_quote(text);
DROP FUNCTION privacy.identity_hash(text);
DROP TYPE privacy.identity;
DROP TABLE privacy.forgotten_identities;
DROP TABLE privacy.secret;
DROP SCHEMA privacy;
