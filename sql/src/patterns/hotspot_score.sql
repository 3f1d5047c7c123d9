CREATE OR REPLACE FUNCTION patterns.hotspot_score(p_changes_rank double precision, p_size_rank double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT sqrt(p_changes_rank * p_size_rank)
$function$;
COMMENT ON FUNCTION patterns.hotspot_score(double precision,double precision) IS 'Spec section 4: the geometric mean of a file''s percent ranks (among the run''s files) of its changes and of its size.';
GRANT EXECUTE ON FUNCTION patterns.hotspot_score(double precision,double precision) TO pgpattern_writer;
