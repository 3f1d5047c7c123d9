CREATE OR REPLACE FUNCTION learning.evolution_individuals_check()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_missing    uuid[];
    v_generation record;
BEGIN
    -- An individual belongs to an open generation of an unfinished experiment, within its population.
    IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.experiment_id, NEW.generation_number, NEW.individual_index)
                            IS DISTINCT FROM (OLD.project_id, OLD.experiment_id, OLD.generation_number, OLD.individual_index) THEN
        RAISE EXCEPTION 'individual % cannot move to another experiment, generation or position', OLD.individual_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT g.generation_end, e.name, e.status, e.population_size INTO v_generation
      FROM learning.evolution_generations g
      JOIN learning.evolution_experiments e ON e.project_id = g.project_id AND e.experiment_id = g.experiment_id
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number = NEW.generation_number;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'generation % of experiment % does not exist in project %: an individual needs its generation',
            NEW.generation_number, NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'insert the generation into learning.evolution_generations first';
    END IF;
    IF v_generation.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: its individuals cannot change', v_generation.name, v_generation.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF v_generation.generation_end IS NOT NULL THEN
        RAISE EXCEPTION 'generation % of experiment % ended at %: its individuals cannot change',
            NEW.generation_number, v_generation.name, v_generation.generation_end
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.individual_index > v_generation.population_size THEN
        RAISE EXCEPTION 'individual_index must be between 1 and population_size % of experiment %, not %',
            v_generation.population_size, v_generation.name, NEW.individual_index
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' AND cardinality(NEW.parent_ids) > 0 THEN
        v_missing := ARRAY(SELECT p FROM unnest(NEW.parent_ids) p
                            WHERE NOT EXISTS (SELECT FROM learning.evolution_individuals i
                                               WHERE i.project_id = NEW.project_id AND i.experiment_id = NEW.experiment_id
                                                 AND i.individual_id = p AND i.generation_number < NEW.generation_number));
        IF cardinality(v_missing) > 0 THEN
            RAISE EXCEPTION 'parent_ids % are not individuals of an earlier generation of experiment %', v_missing, v_generation.name
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.evolution_individuals_check() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_individuals: the generation must exist (23503), be open and its experiment unfinished (55000); individual_index at most population_size (23514); parents must be individuals of earlier generations of the same experiment (23503); an individual never moves.';
GRANT EXECUTE ON FUNCTION learning.evolution_individuals_check() TO pgpattern_writer;
