CREATE OR REPLACE FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_created integer := 0;
    v_name    text;
    v_start   timestamptz;
    v_week    timestamp;
BEGIN
    /*
     * Creates the weekly partitions of learning.pattern_occurrences covering
     * [p_from, p_to) that do not exist yet; returns how many. Rows of those weeks that
     * sit in the default partition move into their new partition, which is built
     * beside the table and attached, so the move fires no insert trigger (the
     * occurrences were counted when first inserted). Indexes, constraints and
     * triggers come from the partitioned table on attach.
     */
    IF p_from IS NULL OR p_to IS NULL OR p_to < p_from OR p_to - p_from > interval '5 years' THEN
        RAISE EXCEPTION 'p_from and p_to must span at most 5 years with p_from <= p_to, not [%, %)',
            coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_week := date_trunc('week', p_from AT TIME ZONE 'UTC');
    WHILE v_week AT TIME ZONE 'UTC' < p_to LOOP
        v_name := 'pattern_occurrences_p' || to_char(v_week, 'IYYY"w"IW');
        v_start := v_week AT TIME ZONE 'UTC';
        IF to_regclass(format('learning.%I', v_name)) IS NULL THEN
            EXECUTE format('CREATE TABLE learning.%I (LIKE learning.pattern_occurrences INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                           v_name);
            EXECUTE format('WITH moved AS (DELETE FROM learning.pattern_occurrences_default
                                            WHERE detection_timestamp >= %L AND detection_timestamp < %L RETURNING *)
                            INSERT INTO learning.%I SELECT * FROM moved',
                           v_start, v_start + interval '7 days', v_name);
            EXECUTE format('ALTER TABLE learning.pattern_occurrences ATTACH PARTITION learning.%I FOR VALUES FROM (%L) TO (%L)',
                           v_name, v_start, v_start + interval '7 days');
            v_created := v_created + 1;
        END IF;
        v_week := v_week + interval '7 days';
    END LOOP;
    RETURN v_created;
END
$function$;
COMMENT ON FUNCTION learning.create_pattern_occurrence_partitions(timestamp with time zone,timestamp with time zone) IS 'Creates the missing weekly partitions (ISO weeks from Monday 00:00 UTC, named pattern_occurrences_pIYYYYwIW) of learning.pattern_occurrences covering [p_from, p_to), moving rows of those weeks out of the default partition; returns how many it created. Scheduled daily as pgpattern-learning-occurrence-partitions for four weeks ahead.';
GRANT EXECUTE ON FUNCTION learning.create_pattern_occurrence_partitions(timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
