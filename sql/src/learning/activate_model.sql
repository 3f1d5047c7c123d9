CREATE OR REPLACE FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_model learning.ml_models;
BEGIN
    -- Deprecates the name's active version (if another) and activates this one, atomically.
    SELECT * INTO v_model FROM learning.ml_models
     WHERE project_id = p_project_id AND model_id = p_model_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', p_model_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE learning.ml_models SET status = 'deprecated'
     WHERE project_id = p_project_id AND name = v_model.name AND status = 'active' AND model_id <> p_model_id;
    UPDATE learning.ml_models SET status = 'active'
     WHERE project_id = p_project_id AND model_id = p_model_id;
END
$function$;
COMMENT ON FUNCTION learning.activate_model(bigint,uuid) IS 'Makes a model version the active one of its name: deprecates the current active version and activates this one in one step (the lifecycle still applies: only a training version can become active).';
GRANT EXECUTE ON FUNCTION learning.activate_model(bigint,uuid) TO pgpattern_writer;
