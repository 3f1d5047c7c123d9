CREATE OR REPLACE FUNCTION learning.summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_read bigint;
BEGIN
    -- Rolls the metrics of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily
    -- (merging with a day already there) and returns how many samples it read.
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO v_read FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to;
    INSERT INTO learning.system_performance_metrics_daily AS d
           (day, metric_name, metric_category, source_component, unit, aggregation_level, sample_count,
            value_sum, value_sum_squares, value_min, value_max, value_p50, value_p95)
    SELECT (m.metric_timestamp AT TIME ZONE 'UTC')::date, m.metric_name, coalesce(m.metric_category, ''),
           coalesce(m.source_component, ''), coalesce(m.unit, ''), m.aggregation_level, count(*),
           sum(m.value), sum(m.value * m.value), min(m.value), max(m.value),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value)::numeric,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY m.value)::numeric
      FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, metric_name, metric_category, source_component, unit, aggregation_level) DO UPDATE
       SET value_p50 = (d.value_p50 * d.sample_count + excluded.value_p50 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           value_p95 = (d.value_p95 * d.sample_count + excluded.value_p95 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           sample_count = d.sample_count + excluded.sample_count,
           value_sum = d.value_sum + excluded.value_sum,
           value_sum_squares = d.value_sum_squares + excluded.value_sum_squares,
           value_min = least(d.value_min, excluded.value_min),
           value_max = greatest(d.value_max, excluded.value_max),
           summarized_at = now();
    RETURN v_read;
END
$function$;
COMMENT ON FUNCTION learning.summarize_performance_metrics(timestamp with time zone,timestamp with time zone) IS 'The summary function of the retention policy of learning.system_performance_metrics: rolls the samples of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily and returns how many it read.';
GRANT EXECUTE ON FUNCTION learning.summarize_performance_metrics(timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
