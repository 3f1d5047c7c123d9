CREATE OR REPLACE FUNCTION api.experiment_convergence(p_project text, p_experiment_id uuid, p_limit integer DEFAULT 100, p_after integer DEFAULT NULL::integer)
 RETURNS TABLE(generation_number integer, scored_count integer, min_score numeric, max_score numeric, mean_score numeric, stddev_score numeric, best_so_far numeric, improvement_over_window numeric, generation_start timestamp with time zone, generation_end timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- One row per generation: its statistics, the best score so far and what the convergence test compares.
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = v_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), quote_literal(p_project)
            USING ERRCODE = 'no_data_found';
    END IF;
    -- The window runs over every generation; the page (keyset on generation_number) is cut after it.
    RETURN QUERY
    SELECT w.generation_number, w.scored_count, w.min_score, w.max_score, w.mean_score, w.stddev_score,
           w.best_so_far, w.improvement, w.generation_start, w.generation_end
      FROM (SELECT c.generation_number, c.scored_count, c.min_score, c.max_score, c.mean_score, c.stddev_score,
                   c.best_so_far, c.best_so_far - lag(c.best_so_far, 5) OVER (ORDER BY c.generation_number) AS improvement,
                   c.generation_start, c.generation_end
              FROM (SELECT g.*, max(g.max_score) OVER (ORDER BY g.generation_number) AS best_so_far
                      FROM learning.evolution_generations g
                     WHERE g.project_id = v_project_id AND g.experiment_id = p_experiment_id) c) w
     WHERE p_after IS NULL OR w.generation_number > p_after
     ORDER BY w.generation_number
     LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.experiment_convergence(text,uuid,integer,integer) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends); a page at a time: p_limit rows (1 to 1000, default 100), p_after: the generation_number of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE ALL ON FUNCTION api.experiment_convergence(text,uuid,integer,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_convergence(text,uuid,integer,integer) TO pgpattern_reader;
