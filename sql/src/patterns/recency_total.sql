CREATE OR REPLACE FUNCTION patterns.recency_total(p_changes integer)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Past 16,000 changes 2^(-n / 16) is below rounding (and power() would underflow).
    SELECT (1 - power(2::double precision, -least(p_changes, 16000) / 16::double precision))
           / (1 - power(2::double precision, -1 / 16::double precision))
$function$;
COMMENT ON FUNCTION patterns.recency_total(integer) IS 'S(q) without author: the sum of 2^(-(j - 1) / 16) over j = 1 .. n(q) (spec section 6), in closed form; no search_path of its own, so that it inlines.';
GRANT EXECUTE ON FUNCTION patterns.recency_total(integer) TO pgpattern_writer;
