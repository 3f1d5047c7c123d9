CREATE OR REPLACE FUNCTION workflow.operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- 100 * n / (n + 4) / (1 + cv), cv = the coefficient of variation of the tokens.
    SELECT round(100 * p_occurrences / (p_occurrences + 4.0)
                 / (1 + CASE WHEN p_known >= 2 AND p_sum > 0
                             THEN sqrt(greatest(p_sum_of_squares / p_known - (p_sum / p_known) ^ 2, 0)) / (p_sum / p_known)
                             ELSE 0 END), 2)
$function$;
COMMENT ON FUNCTION workflow.operation_confidence(bigint,bigint,numeric,numeric) IS 'Confidence (0 to 100) that an operation pattern is real and regular: 100 * n / (n + 4) / (1 + cv), where n is the number of occurrences and cv the coefficient of variation (population standard deviation / mean) of the tokens of the occurrences whose tokens are known (0 with fewer than two). One occurrence gives 20, five identical ones 55.56, twenty identical ones 83.33; spread in the tokens lowers it.';
GRANT EXECUTE ON FUNCTION workflow.operation_confidence(bigint,bigint,numeric,numeric) TO pgpattern_writer;
