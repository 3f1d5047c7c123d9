CREATE OR REPLACE FUNCTION api.decrypted_json(p_value jsonb)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT CASE WHEN p_value ? 'pgpattern_encrypted'
                THEN privacy.decrypted(p_value ->> 'pgpattern_encrypted', privacy.session_key())::jsonb
                ELSE p_value END
$function$;
COMMENT ON FUNCTION api.decrypted_json(jsonb) IS 'A sensitive json field (a marked configuration column) in clear, under the key this connection set: e.g. SELECT api.decrypted_json(hyperparameters) FROM learning.ml_models; as api.decrypted(text).';
REVOKE ALL ON FUNCTION api.decrypted_json(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.decrypted_json(jsonb) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.decrypted_json(jsonb) TO pgpattern_reader;
