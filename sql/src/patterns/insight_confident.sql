CREATE OR REPLACE FUNCTION patterns.insight_confident(p_confidence double precision)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT p_confidence >= 0.70
$function$;
COMMENT ON FUNCTION patterns.insight_confident(double precision) IS 'Spec section 5: whether an insight of this confidence is stored (0.70 or more).';
GRANT EXECUTE ON FUNCTION patterns.insight_confident(double precision) TO pgpattern_writer;
