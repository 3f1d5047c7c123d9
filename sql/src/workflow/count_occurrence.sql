CREATE OR REPLACE FUNCTION workflow.count_occurrence()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
    v_row  workflow.pattern_occurrences := CASE TG_OP WHEN 'INSERT' THEN NEW ELSE OLD END;
BEGIN
    -- Adds an inserted occurrence to its pattern's sums, or takes a deleted one away,
    -- so the averages always equal the means over the occurrences.
    UPDATE workflow.operation_patterns p
       SET occurrence_count = p.occurrence_count + v_sign,
           tokens_known = p.tokens_known + CASE WHEN v_row.tokens IS NOT NULL THEN v_sign ELSE 0 END,
           tokens_sum = p.tokens_sum + v_sign * coalesce(v_row.tokens, 0),
           tokens_sum_of_squares = p.tokens_sum_of_squares + v_sign * coalesce(v_row.tokens, 0)::numeric ^ 2,
           cost_known = p.cost_known + CASE WHEN v_row.cost IS NOT NULL THEN v_sign ELSE 0 END,
           cost_sum = p.cost_sum + v_sign * coalesce(v_row.cost, 0),
           first_seen = CASE WHEN TG_OP = 'INSERT' THEN least(p.first_seen, v_row.detected_at)
                             ELSE (SELECT min(o.detected_at) FROM workflow.pattern_occurrences o WHERE o.pattern_id = p.pattern_id) END,
           last_seen = CASE WHEN TG_OP = 'INSERT' THEN greatest(p.last_seen, v_row.detected_at)
                            ELSE (SELECT max(o.detected_at) FROM workflow.pattern_occurrences o WHERE o.pattern_id = p.pattern_id) END
     WHERE p.pattern_id = v_row.pattern_id;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION workflow.count_occurrence() IS 'AFTER INSERT OR DELETE trigger function of workflow.pattern_occurrences: keeps the sums, count and first and last seen of the pattern.';
GRANT EXECUTE ON FUNCTION workflow.count_occurrence() TO pgpattern_writer;
