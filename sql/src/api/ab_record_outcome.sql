CREATE OR REPLACE FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_experiment learning.ab_testing_experiments := learning.ab_experiment(p_experiment_id, true);
BEGIN
    -- Records (or replaces) an assigned user's outcome on a target metric.
    IF p_value IS NULL THEN
        RAISE EXCEPTION 'p_value must be a number, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT FROM learning.ab_testing_assignments a
                    WHERE a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id AND a.user_id = p_user_id) THEN
        RAISE EXCEPTION 'user % is not assigned in experiment %', coalesce(p_user_id, 'NULL'), v_experiment.experiment_name
            USING ERRCODE = 'no_data_found',
                  HINT = 'call api.ab_assign for the user first';
    END IF;
    INSERT INTO learning.ab_testing_outcomes (project_id, experiment_id, user_id, metric_name, value)
    VALUES (v_experiment.project_id, p_experiment_id, p_user_id, p_metric_name, p_value)
    ON CONFLICT (project_id, experiment_id, user_id, metric_name) DO UPDATE
       SET value = excluded.value, recorded_at = now();
END
$function$;
COMMENT ON FUNCTION api.ab_record_outcome(uuid,text,text,numeric) IS 'Records an assigned user''s outcome on one of the experiment''s target metrics (0 or 1 for a conversion, a number for a mean), replacing an earlier one. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach) or an unassigned user, 23514 for an unknown metric or a conversion not 0 or 1.';
REVOKE ALL ON FUNCTION api.ab_record_outcome(uuid,text,text,numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ab_record_outcome(uuid,text,text,numeric) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.ab_record_outcome(uuid,text,text,numeric) TO pgpattern_writer;
