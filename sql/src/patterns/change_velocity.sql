CREATE OR REPLACE FUNCTION patterns.change_velocity(p_commits bigint, p_first_at timestamp with time zone, p_last_at timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Commits per week between the first and the last, at least one week.
    SELECT p_commits / greatest(1, extract(epoch FROM p_last_at - p_first_at)::double precision / 604800)
$function$;
COMMENT ON FUNCTION patterns.change_velocity(bigint,timestamp with time zone,timestamp with time zone) IS 'Spec section 3: an author''s commits per week (fractional) between their first and last commit, at least one week.';
GRANT EXECUTE ON FUNCTION patterns.change_velocity(bigint,timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
