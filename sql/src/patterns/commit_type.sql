CREATE OR REPLACE FUNCTION patterns.commit_type(p_subject text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The Conventional Commits type (type, optional (scope), optional !, colon, space);
    -- else fix by keyword; else other.
    SELECT coalesce(
        lower(substring(p_subject FROM '(?i)^(feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\([^)]*\))?!?: ')),
        CASE WHEN p_subject ~* '\m(fix|fixes|fixed|bug|hotfix)\M' THEN 'fix' ELSE 'other' END)
$function$;
COMMENT ON FUNCTION patterns.commit_type(text) IS 'A commit''s type from its subject: feat, fix, docs, style, refactor, perf, test, build, ci, chore or revert as a Conventional Commits prefix (case-insensitive); else fix when a word fix, fixes, fixed, bug or hotfix occurs; else other.';
GRANT EXECUTE ON FUNCTION patterns.commit_type(text) TO pgpattern_writer;
