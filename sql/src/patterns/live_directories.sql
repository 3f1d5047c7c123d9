CREATE OR REPLACE FUNCTION patterns.live_directories(p_project_id bigint)
 RETURNS bigint
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The number of directories changed in T (spec section 3's D), from the live counts.
    SELECT count(DISTINCT patterns.parent_directory(f.file_path))
      FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
$function$;
COMMENT ON FUNCTION patterns.live_directories(bigint) IS 'The number of directories the files of a project''s transaction set T are in (spec section 3), from patterns.file_change_counts: what every live developer specialization is scored with (patterns.update_developers, patterns.rescore_developers).';
GRANT EXECUTE ON FUNCTION patterns.live_directories(bigint) TO pgpattern_writer;
