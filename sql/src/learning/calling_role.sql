CREATE OR REPLACE FUNCTION learning.calling_role()
 RETURNS name
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- Inside a SECURITY DEFINER function current_user is the function's owner: the role
    -- that called it is the session's, the one SET ROLE chose or else the session user.
    SELECT CASE WHEN current_setting('role') = 'none' THEN session_user ELSE current_setting('role')::name END
$function$;
COMMENT ON FUNCTION learning.calling_role() IS 'The role the session acts as: the one SET ROLE chose, else the session user. Unlike current_user, it stays the caller''s inside a SECURITY DEFINER function.';
GRANT EXECUTE ON FUNCTION learning.calling_role() TO pgpattern_writer;
