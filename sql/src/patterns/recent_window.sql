CREATE OR REPLACE FUNCTION patterns.recent_window(p_recent integer, p_steps integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Bit j: the commit j steps back. Moved p_steps newer, bits past the 20th drop (and a
    -- shift of 32 or more would wrap around: << takes the count modulo 32).
    SELECT CASE WHEN p_steps >= 20 THEN 0 ELSE (p_recent << p_steps) & 1048575 END
$function$;
COMMENT ON FUNCTION patterns.recent_window(integer,integer) IS 'A window of a file''s last 20 counted commits (bit j: the commit j steps back, spec section 6''s evidence) as it stands p_steps commits later; no search_path of its own, so that it inlines.';
GRANT EXECUTE ON FUNCTION patterns.recent_window(integer,integer) TO pgpattern_writer;
