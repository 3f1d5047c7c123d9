CREATE OR REPLACE FUNCTION patterns.specialization_score(p_entropy double precision, p_directories bigint)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- 1 - H / ln(D); 1 when D <= 1.
    SELECT CASE WHEN p_directories <= 1 THEN 1 ELSE greatest(0, least(1, 1 - p_entropy / ln(p_directories))) END
$function$;
COMMENT ON FUNCTION patterns.specialization_score(double precision,bigint) IS 'Spec section 3: an author''s specialization from the Shannon entropy (natural log) of their changes over directories and the number of directories changed in T.';
GRANT EXECUTE ON FUNCTION patterns.specialization_score(double precision,bigint) TO pgpattern_writer;
