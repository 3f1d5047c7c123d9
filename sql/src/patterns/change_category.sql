CREATE OR REPLACE FUNCTION patterns.change_category(p_avg_lines double precision)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN p_avg_lines < 10 THEN 'small' WHEN p_avg_lines < 50 THEN 'medium'
                WHEN p_avg_lines < 200 THEN 'large' ELSE 'massive' END
$function$;
COMMENT ON FUNCTION patterns.change_category(double precision) IS 'Spec section 4: small, medium, large or massive by a file''s average lines per change.';
GRANT EXECUTE ON FUNCTION patterns.change_category(double precision) TO pgpattern_writer;
