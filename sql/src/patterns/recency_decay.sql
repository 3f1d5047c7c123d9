CREATE OR REPLACE FUNCTION patterns.recency_decay(p_steps integer)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT power(2::double precision, -p_steps / 16::double precision)
$function$;
COMMENT ON FUNCTION patterns.recency_decay(integer) IS 'The weight 2^(-steps / 16) of a change that lies steps changes of its file back (half-life 16 changes, spec section 6); no search_path of its own, so that it inlines.';
GRANT EXECUTE ON FUNCTION patterns.recency_decay(integer) TO pgpattern_writer;
