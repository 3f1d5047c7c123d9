CREATE OR REPLACE FUNCTION learning.expire_predictions(p_as_of timestamp with time zone DEFAULT now())
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_expired bigint;
BEGIN
    -- Active predictions whose horizon ended before p_as_of without an outcome expire.
    IF p_as_of IS NULL THEN
        RAISE EXCEPTION 'p_as_of must be a timestamp, not NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.predictions
       SET status = 'expired'
     WHERE status = 'active' AND prediction_horizon IS NOT NULL
       AND prediction_timestamp + prediction_horizon < p_as_of;
    GET DIAGNOSTICS v_expired = ROW_COUNT;
    RETURN v_expired;
END
$function$;
COMMENT ON FUNCTION learning.expire_predictions(timestamp with time zone) IS 'Sets status expired on every active prediction whose prediction_timestamp + prediction_horizon is before p_as_of (default now()); returns how many. Scheduled as pgpattern-learning-expire-predictions.';
GRANT EXECUTE ON FUNCTION learning.expire_predictions(timestamp with time zone) TO pgpattern_writer;
