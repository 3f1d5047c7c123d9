CREATE OR REPLACE FUNCTION patterns.jaccard_index(p_shared bigint, p_size_1 bigint, p_size_2 bigint)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- |A n B| / |A u B| from the sizes of A, B and A n B.
    SELECT p_shared::double precision / (p_size_1 + p_size_2 - p_shared)
$function$;
COMMENT ON FUNCTION patterns.jaccard_index(bigint,bigint,bigint) IS 'The Jaccard index of two sets from their sizes and the size of their intersection (spec section 3: temporal overlap of two authors'' active ISO weeks).';
GRANT EXECUTE ON FUNCTION patterns.jaccard_index(bigint,bigint,bigint) TO pgpattern_writer;
