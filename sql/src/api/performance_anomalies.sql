CREATE OR REPLACE FUNCTION api.performance_anomalies(p_recent interval DEFAULT '01:00:00'::interval, p_baseline interval DEFAULT '7 days'::interval, p_threshold double precision DEFAULT 3.5)
 RETURNS TABLE(metric_name text, source_component text, recent_samples bigint, recent_median double precision, baseline_samples bigint, baseline_median double precision, baseline_mad double precision, robust_z double precision, direction text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    SELECT * FROM ops.detect_performance_anomalies(p_recent, p_baseline, p_threshold)
$function$;
COMMENT ON FUNCTION api.performance_anomalies(interval,interval,double precision) IS 'Performance metrics whose recent median leaves their baseline (ops.detect_performance_anomalies with at least 30 baseline samples): metric_name, source_component, the medians, MAD, robust_z and direction.';
REVOKE ALL ON FUNCTION api.performance_anomalies(interval,interval,double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.performance_anomalies(interval,interval,double precision) TO pgpattern_reader;
