CREATE OR REPLACE FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text DEFAULT NULL::text, p_user_agent text DEFAULT NULL::text)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_experiment learning.ab_testing_experiments;
    v_inserted   text;
    v_variant    text;
BEGIN
    /*
     * The user's variant in a running experiment: the stored one if the user was
     * assigned before, else the variant whose slice holds the user's bucket (stored
     * now), else NULL (the user falls outside the allocated traffic). Concurrent calls
     * for one user store one row (the unique key) and all return the same variant.
     */
    IF p_user_id IS NULL OR p_user_id !~ '\S' OR length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'p_user_id must be 1 to 255 characters, not blank, not %', coalesce(quote_literal(left(p_user_id, 40)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_experiment := learning.ab_experiment(p_experiment_id, true);
    SELECT a.variant INTO v_variant FROM learning.ab_testing_assignments a
     WHERE a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id AND a.user_id = p_user_id;
    IF FOUND THEN
        RETURN v_variant;
    END IF;
    IF v_experiment.status <> 'running' OR now() < v_experiment.start_date OR now() >= v_experiment.end_date THEN
        RAISE EXCEPTION 'experiment % is not assigning users: it is % (from % to %)', v_experiment.experiment_name, v_experiment.status,
            coalesce(v_experiment.start_date::text, 'any time'), coalesce(v_experiment.end_date::text, 'any time')
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'set its status to running (within its dates) first';
    END IF;
    SELECT v.variant INTO v_variant
      FROM learning.ab_variants(v_experiment.control_variant, v_experiment.treatment_variants, v_experiment.traffic_allocation) v
     WHERE learning.ab_bucket(p_experiment_id, p_user_id) >= v.slice_from
       AND learning.ab_bucket(p_experiment_id, p_user_id) < v.slice_to;
    IF v_variant IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO learning.ab_testing_assignments (project_id, experiment_id, user_id, variant, session_id, user_agent)
    VALUES (v_experiment.project_id, p_experiment_id, p_user_id, v_variant, p_session_id, p_user_agent)
    ON CONFLICT (project_id, experiment_id, user_id) DO NOTHING
    RETURNING variant INTO v_inserted;
    IF v_inserted IS NOT NULL THEN
        UPDATE learning.ab_testing_experiments e SET current_sample_size = e.current_sample_size + 1
         WHERE e.project_id = v_experiment.project_id AND e.experiment_id = p_experiment_id;
    END IF;
    RETURN v_variant;
END
$function$;
COMMENT ON FUNCTION api.ab_assign(uuid,text,text,text) IS 'Assigns a user to a variant of a running A/B experiment and returns it: deterministic (md5 bucket of experiment and user against traffic_allocation), stored on first call, the same ever after; NULL when the user is outside the allocated traffic. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach), 55000 when it is not running, 22023 for a bad user id.';
REVOKE ALL ON FUNCTION api.ab_assign(uuid,text,text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ab_assign(uuid,text,text,text) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.ab_assign(uuid,text,text,text) TO pgpattern_writer;
