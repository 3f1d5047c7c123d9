CREATE OR REPLACE FUNCTION learning.evolution_individuals_score()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_row learning.evolution_individuals := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    -- Recomputes the statistics of the generation; ends it once its whole population is evaluated.
    -- Locking the generation first serialises concurrent scorers, so that each
    -- recomputation sees the scores committed before it.
    PERFORM FROM learning.evolution_generations
      WHERE project_id = v_row.project_id AND experiment_id = v_row.experiment_id
        AND generation_number = v_row.generation_number
        FOR UPDATE;
    UPDATE learning.evolution_generations g
       SET scored_count = s.scored_count,
           evaluated_count = s.evaluated_count,
           min_score = s.min_score,
           max_score = s.max_score,
           mean_score = s.mean_score,
           stddev_score = s.stddev_score,
           best_individual_id = s.best_individual_id,
           generation_end = CASE WHEN g.generation_end IS NULL AND s.evaluated_count >= e.population_size
                                 THEN now() ELSE g.generation_end END
      FROM (SELECT count(i.fitness_score)::integer AS scored_count,
                   count(*) FILTER (WHERE i.evaluation_status IN ('completed', 'failed'))::integer AS evaluated_count,
                   min(i.fitness_score) AS min_score,
                   max(i.fitness_score) AS max_score,
                   avg(i.fitness_score) AS mean_score,
                   stddev_pop(i.fitness_score) AS stddev_score,
                   (array_agg(i.individual_id ORDER BY i.fitness_score DESC, i.individual_index)
                        FILTER (WHERE i.fitness_score IS NOT NULL))[1] AS best_individual_id
              FROM learning.evolution_individuals i
             WHERE i.project_id = v_row.project_id AND i.experiment_id = v_row.experiment_id
               AND i.generation_number = v_row.generation_number) s,
           learning.evolution_experiments e
     WHERE g.project_id = v_row.project_id AND g.experiment_id = v_row.experiment_id
       AND g.generation_number = v_row.generation_number
       AND e.project_id = g.project_id AND e.experiment_id = g.experiment_id;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION learning.evolution_individuals_score() IS 'AFTER INSERT OR UPDATE OR DELETE trigger function of learning.evolution_individuals: recomputes the generation''s scored_count, evaluated_count, min, max, mean, population stddev and best individual, and sets generation_end once population_size individuals are evaluated.';
GRANT EXECUTE ON FUNCTION learning.evolution_individuals_score() TO pgpattern_writer;
