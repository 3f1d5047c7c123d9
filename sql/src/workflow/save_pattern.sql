CREATE OR REPLACE FUNCTION workflow.save_pattern(p_pattern jsonb)
 RETURNS text
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_inserted boolean;
BEGIN
    -- Upsert by pattern_id: 'inserted', 'updated', or 'unchanged' when the stored pattern is the same.
    PERFORM workflow.validate_pattern(p_pattern);
    INSERT INTO workflow.patterns AS p (pattern_id, pattern_type, occurred_at, data, context, version)
    VALUES (p_pattern ->> 'pattern_id', p_pattern ->> 'pattern_type',
            workflow.parse_timestamp(p_pattern ->> 'timestamp'), p_pattern -> 'data',
            coalesce(nullif(p_pattern -> 'context', 'null'), '{}'),
            coalesce(p_pattern ->> 'version', '1.0'))
    ON CONFLICT (pattern_id) DO UPDATE
        SET pattern_type = excluded.pattern_type, occurred_at = excluded.occurred_at, data = excluded.data,
            context = excluded.context, version = excluded.version
        WHERE (p.pattern_type, p.occurred_at, p.data, p.context, p.version)
              IS DISTINCT FROM (excluded.pattern_type, excluded.occurred_at, excluded.data, excluded.context, excluded.version)
    RETURNING p.xmax = 0 INTO v_inserted;
    RETURN CASE v_inserted WHEN true THEN 'inserted' WHEN false THEN 'updated' ELSE 'unchanged' END;
END
$function$;
COMMENT ON FUNCTION workflow.save_pattern(jsonb) IS 'Validates a pattern document and upserts it by pattern_id; returns inserted, updated or unchanged. Raises on invalid input, writing nothing.';
GRANT EXECUTE ON FUNCTION workflow.save_pattern(jsonb) TO pgpattern_writer;
