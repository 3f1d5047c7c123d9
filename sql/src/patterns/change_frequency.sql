CREATE OR REPLACE FUNCTION patterns.change_frequency(p_changes bigint, p_first_at timestamp with time zone, p_end_at timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT p_changes / greatest(1, extract(epoch FROM p_end_at - p_first_at)::double precision / 604800)
$function$;
COMMENT ON FUNCTION patterns.change_frequency(bigint,timestamp with time zone,timestamp with time zone) IS 'Spec section 4: a file''s changes per week from its first change to the end of the span, at least one week.';
GRANT EXECUTE ON FUNCTION patterns.change_frequency(bigint,timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
