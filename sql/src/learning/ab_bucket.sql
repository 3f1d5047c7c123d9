CREATE OR REPLACE FUNCTION learning.ab_bucket(p_experiment_id uuid, p_user_id text)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The first 32 bits of md5(experiment_id:user_id) as a fraction of 2^32: uniform in [0, 1), the same forever.
    SELECT ('x' || substr(md5(p_experiment_id::text || ':' || p_user_id), 1, 8))::bit(32)::bigint / 4294967296.0::double precision
$function$;
COMMENT ON FUNCTION learning.ab_bucket(uuid,text) IS 'A user''s bucket in an experiment, in [0, 1): the first 32 bits of md5(experiment_id || '':'' || user_id) over 2^32. Deterministic and independent between experiments.';
GRANT EXECUTE ON FUNCTION learning.ab_bucket(uuid,text) TO pgpattern_writer;
