CREATE OR REPLACE FUNCTION patterns.time_bins(p_local_time timestamp without time zone)
 RETURNS TABLE(pattern_type text, bin integer)
 LANGUAGE sql
 IMMUTABLE
AS $function$
    VALUES ('hourly', extract(hour FROM p_local_time)::integer),
           ('daily', extract(isodow FROM p_local_time)::integer - 1),
           ('weekly', (extract(day FROM p_local_time)::integer - 1) / 7),
           ('monthly', extract(month FROM p_local_time)::integer - 1),
           ('seasonal', patterns.season(extract(month FROM p_local_time)::integer))
$function$;
COMMENT ON FUNCTION patterns.time_bins(timestamp without time zone) IS 'The temporal bin of a local time for each pattern type of spec section 2 (no search_path of its own, so that it inlines).';
GRANT EXECUTE ON FUNCTION patterns.time_bins(timestamp without time zone) TO pgpattern_writer;
