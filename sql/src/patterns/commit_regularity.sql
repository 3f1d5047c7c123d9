CREATE OR REPLACE FUNCTION patterns.commit_regularity(p_gaps double precision[])
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- NULL below 3 commits (2 gaps).
    SELECT CASE WHEN cardinality(p_gaps) >= 2 THEN patterns.coefficient_of_variation(p_gaps) END
$function$;
COMMENT ON FUNCTION patterns.commit_regularity(double precision[]) IS 'Spec section 3: the coefficient of variation of the gaps (fractional days) between an author''s consecutive commits; NULL with fewer than 3 commits or a mean gap of 0.';
GRANT EXECUTE ON FUNCTION patterns.commit_regularity(double precision[]) TO pgpattern_writer;
