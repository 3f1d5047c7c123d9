CREATE OR REPLACE FUNCTION learning.ab_experiment(p_experiment_id uuid)
 RETURNS learning.ab_testing_experiments
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    -- The experiment as the calling role may read it (api.ab_results).
    RETURN learning.ab_experiment(p_experiment_id, false);
END
$function$;
COMMENT ON FUNCTION learning.ab_experiment(uuid) IS 'An A/B experiment by id as the calling role may read it: learning.ab_experiment(id, false). Raises no_data_found (P0002) when there is none.';
GRANT EXECUTE ON FUNCTION learning.ab_experiment(uuid) TO pgpattern_writer;

CREATE OR REPLACE FUNCTION learning.ab_experiment(p_experiment_id uuid, p_writing boolean)
 RETURNS learning.ab_testing_experiments
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_experiment learning.ab_testing_experiments;
    v_tenant     bigint := learning.current_tenant();
BEGIN
    /*
     * The experiment as the calling role may see it, to read it (p_writing false) or to
     * write in it: within the project of pgpattern.tenant when that is set; without it,
     * in every project for a role that reaches them all by itself
     * (learning.reaches_every_tenant), in none for the others. P0002 when there is none.
     */
    IF v_tenant IS NULL THEN
        IF NOT learning.reaches_every_tenant('learning.ab_testing_experiments', p_writing) THEN
            RAISE EXCEPTION 'experiment_id % does not exist for role %: pgpattern.tenant is not set',
                coalesce(p_experiment_id::text, 'NULL'), learning.calling_role()
                USING ERRCODE = 'no_data_found',
                      DETAIL = format('Without a tenant, role %s %s the A/B tests of no project (pgpattern_reader reads and pgpattern_writer writes those of every project).',
                                      learning.calling_role(), CASE WHEN p_writing THEN 'writes' ELSE 'reads' END),
                      HINT = 'SET pgpattern.tenant = ''<project_id>'' first, or set_config(''pgpattern.tenant'', ..., true) per transaction';
        END IF;
    END IF;
    SELECT e.* INTO v_experiment FROM learning.ab_testing_experiments e
     WHERE e.experiment_id = p_experiment_id AND (v_tenant IS NULL OR e.project_id = v_tenant);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'experiment_id % does not exist%', coalesce(p_experiment_id::text, 'NULL'),
            CASE WHEN v_tenant IS NULL THEN '' ELSE format(' in project %s (pgpattern.tenant)', v_tenant) END
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN v_experiment;
END
$function$;
COMMENT ON FUNCTION learning.ab_experiment(uuid,boolean) IS 'An A/B experiment by id as the calling role may read it (p_writing false) or write in it: only in the project of pgpattern.tenant when that is set; without it, in every project for a role learning.reaches_every_tenant says reaches them, in none for pgpattern_app. Raises no_data_found (P0002) when there is none.';
GRANT EXECUTE ON FUNCTION learning.ab_experiment(uuid,boolean) TO pgpattern_writer;
