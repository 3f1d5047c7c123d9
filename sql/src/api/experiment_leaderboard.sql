CREATE OR REPLACE FUNCTION api.experiment_leaderboard(p_project text, p_experiment_id uuid, p_limit integer DEFAULT 10, p_after uuid DEFAULT NULL::uuid)
 RETURNS TABLE(rank bigint, individual_id uuid, generation_number integer, individual_index integer, fitness_score numeric, evaluation_time_ms integer, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
    v_after learning.evolution_individuals;
BEGIN
    -- The best scored individuals of an experiment, best first; equal scores share a rank.
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = v_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), quote_literal(p_project)
            USING ERRCODE = 'no_data_found';
    END IF;
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM learning.evolution_individuals i
         WHERE i.project_id = v_project_id AND i.experiment_id = p_experiment_id AND i.individual_id = p_after
           AND i.fitness_score IS NOT NULL;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.experiment_leaderboard', format('experiment %s', p_experiment_id));
        END IF;
    END IF;
    -- Ranks over every scored individual, then the page after the cursor's place (keyset).
    RETURN QUERY
    SELECT r.rnk, r.individual_id, r.generation_number, r.individual_index, r.fitness_score, r.evaluation_time_ms, r.created_at
      FROM (SELECT rank() OVER (ORDER BY i.fitness_score DESC) AS rnk, i.individual_id, i.generation_number,
                   i.individual_index, i.fitness_score, i.evaluation_time_ms, i.created_at
              FROM learning.evolution_individuals i
             WHERE i.project_id = v_project_id AND i.experiment_id = p_experiment_id AND i.fitness_score IS NOT NULL) r
     WHERE p_after IS NULL
        OR (v_after.fitness_score, r.generation_number, r.individual_index)
         > (r.fitness_score, v_after.generation_number, v_after.individual_index)
     ORDER BY r.fitness_score DESC, r.generation_number, r.individual_index
     LIMIT p_limit;
END
$function$;
COMMENT ON FUNCTION api.experiment_leaderboard(text,uuid,integer,uuid) IS 'The highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position, a page at a time: p_limit rows (1 to 1000, default 10); p_after: the individual_id of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';
REVOKE ALL ON FUNCTION api.experiment_leaderboard(text,uuid,integer,uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.experiment_leaderboard(text,uuid,integer,uuid) TO pgpattern_reader;
