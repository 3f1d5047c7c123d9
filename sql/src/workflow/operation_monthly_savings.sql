CREATE OR REPLACE FUNCTION workflow.operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- (LLM cost - tool cost) per occurrence, times occurrences per 30 days (at least one month of span).
    SELECT round(0.95 * p_average_cost * p_occurrences
                 / greatest(extract(epoch FROM p_last_seen - p_first_seen) / 2592000, 1), 4)
$function$;
COMMENT ON FUNCTION workflow.operation_monthly_savings(bigint,numeric,timestamp with time zone,timestamp with time zone) IS 'Potential monthly savings of automating an operation: (average LLM cost - tool cost) * occurrences per month = 0.95 * average cost * n / max(months between first and last occurrence, 1), a month being 30 days. NULL while no cost is known.';
GRANT EXECUTE ON FUNCTION workflow.operation_monthly_savings(bigint,numeric,timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
