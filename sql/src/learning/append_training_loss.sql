CREATE OR REPLACE FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer DEFAULT NULL::integer)
 RETURNS learning.model_training_sessions
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_epoch   integer;
    v_session learning.model_training_sessions;
BEGIN
    /*
     * Appends one epoch's loss to a running session's loss_history, moves current_epoch
     * to it and, when total_epochs is known, progress to epoch / total_epochs.
     */
    IF p_loss IS NULL OR p_loss IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'p_loss must be a finite number, not %', coalesce(p_loss::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_session FROM learning.model_training_sessions
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'training_session_id % does not exist in project %', p_training_session_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    IF v_session.status <> 'running' THEN
        RAISE EXCEPTION 'training session % is %, not running: no loss can be appended', p_training_session_id, v_session.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    v_epoch := coalesce(p_epoch, v_session.current_epoch + 1);
    IF v_epoch <= v_session.current_epoch OR v_epoch > coalesce(v_session.total_epochs, v_epoch) THEN
        RAISE EXCEPTION 'p_epoch must be after the current epoch % and at most total_epochs %, not %',
            v_session.current_epoch, coalesce(v_session.total_epochs::text, 'NULL'), v_epoch
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.model_training_sessions
       SET loss_history = loss_history || jsonb_build_array(
               jsonb_build_object('epoch', v_epoch, 'loss', p_loss, 'recorded_at', now())),
           current_epoch = v_epoch,
           progress_percentage = CASE WHEN total_epochs IS NULL THEN progress_percentage
                                      ELSE round(100.0 * v_epoch / total_epochs, 2) END
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
    RETURNING * INTO v_session;
    RETURN v_session;
END
$function$;
COMMENT ON FUNCTION learning.append_training_loss(bigint,uuid,double precision,integer) IS 'Appends {"epoch", "loss", "recorded_at"} to a running training session''s loss_history (epoch defaults to current_epoch + 1 and must be after it and at most total_epochs), updates current_epoch and progress, and returns the session.';
GRANT EXECUTE ON FUNCTION learning.append_training_loss(bigint,uuid,double precision,integer) TO pgpattern_writer;
