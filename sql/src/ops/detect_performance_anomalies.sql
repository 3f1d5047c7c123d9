CREATE OR REPLACE FUNCTION ops.detect_performance_anomalies(p_recent interval DEFAULT '01:00:00'::interval, p_baseline interval DEFAULT '7 days'::interval, p_threshold double precision DEFAULT 3.5, p_min_baseline_samples integer DEFAULT 30, p_now timestamp with time zone DEFAULT now())
 RETURNS TABLE(metric_name text, source_component text, recent_samples bigint, recent_median double precision, baseline_samples bigint, baseline_median double precision, baseline_mad double precision, robust_z double precision, direction text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
    /*
     * Per metric and component: the median of its samples in [p_now - p_recent, p_now)
     * against its own baseline, the samples of the p_baseline before that. The robust
     * z-score is 0.6745 * (recent median - baseline median) / MAD (median absolute
     * deviation, so the baseline's own outliers do not hide an anomaly); when the MAD is
     * 0 the mean absolute deviation stands in (z = diff / (1.2533 * meanAD)), and when
     * that is 0 too any change is infinitely far. Returns those with |z| >= p_threshold
     * and at least p_min_baseline_samples baseline samples, furthest first.
     */
    IF p_recent IS NULL OR p_recent <= interval '0' OR p_baseline IS NULL OR p_baseline <= interval '0' THEN
        RAISE EXCEPTION 'p_recent and p_baseline must be positive intervals, not % and %',
            coalesce(p_recent::text, 'NULL'), coalesce(p_baseline::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_threshold IS NULL OR p_threshold <= 0 OR p_min_baseline_samples IS NULL OR p_min_baseline_samples < 2 THEN
        RAISE EXCEPTION 'p_threshold must be positive and p_min_baseline_samples at least 2, not % and %',
            coalesce(p_threshold::text, 'NULL'), coalesce(p_min_baseline_samples::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH samples AS (
        SELECT m.metric_name AS name, coalesce(m.source_component, '') AS component, m.value::double precision AS v,
               m.metric_timestamp >= p_now - p_recent AS recent
          FROM learning.system_performance_metrics m
         WHERE m.metric_timestamp >= p_now - p_recent - p_baseline AND m.metric_timestamp < p_now
    ), baseline AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE NOT s.recent GROUP BY s.name, s.component
    ), spread AS (
        SELECT b.name, b.component,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(s.v - b.med)) AS mad,
               avg(abs(s.v - b.med)) AS mean_ad
          FROM samples s JOIN baseline b ON b.name = s.name AND b.component = s.component
         WHERE NOT s.recent GROUP BY b.name, b.component
    ), latest AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE s.recent GROUP BY s.name, s.component
    ), scored AS (
        SELECT l.name, l.component, l.n AS recent_n, l.med AS recent_med, b.n AS baseline_n, b.med AS baseline_med,
               sp.mad,
               CASE WHEN sp.mad > 0 THEN 0.6745 * (l.med - b.med) / sp.mad
                    WHEN sp.mean_ad > 0 THEN (l.med - b.med) / (1.253314 * sp.mean_ad)
                    WHEN l.med = b.med THEN 0
                    ELSE sign(l.med - b.med) * 'Infinity'::double precision END AS z
          FROM latest l
          JOIN baseline b ON b.name = l.name AND b.component = l.component
          JOIN spread sp ON sp.name = l.name AND sp.component = l.component
         WHERE b.n >= p_min_baseline_samples
    )
    SELECT s.name, nullif(s.component, ''), s.recent_n, s.recent_med, s.baseline_n, s.baseline_med, s.mad, s.z,
           CASE WHEN s.z > 0 THEN 'above' ELSE 'below' END
      FROM scored s
     WHERE abs(s.z) >= p_threshold
     ORDER BY abs(s.z) DESC, s.name, s.component;
END
$function$;
COMMENT ON FUNCTION ops.detect_performance_anomalies(interval,interval,double precision,integer,timestamp with time zone) IS 'The metrics (per metric_name and source_component) whose median over the last p_recent (1 hour) leaves their own baseline (the p_baseline, 7 days, before it) by a robust z-score |0.6745 * (recent median - baseline median) / MAD| of at least p_threshold (3.5), given at least p_min_baseline_samples (30) baseline samples; with the medians, the MAD, the sample counts, z and its direction (above or below).';
GRANT EXECUTE ON FUNCTION ops.detect_performance_anomalies(interval,interval,double precision,integer,timestamp with time zone) TO pgpattern_admin;
