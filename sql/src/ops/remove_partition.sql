CREATE OR REPLACE FUNCTION ops.remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text)
 RETURNS TABLE(rows_removed bigint, rows_summarized bigint, dependent_rows_removed bigint)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_child   record;
    v_count   bigint;
    v_key     name := ops.partition_key(p_parent);
    v_schema  name;
BEGIN
    /*
     * Takes one partition out of p_parent for retention. Rows of tables whose foreign
     * keys reference p_parent (by a key that holds its partition key) and point into
     * the partition's range go first (into the archive when archiving), then the
     * partition is summarized (summarize), detached, and dropped or moved to the archive.
     */
    SELECT c.relnamespace::regnamespace::name INTO v_schema FROM pg_class c WHERE c.oid = p_parent;
    rows_summarized := 0;
    dependent_rows_removed := 0;
    FOR v_child IN
        SELECT k.conrelid::regclass AS child, n.nspname AS child_schema, c.relname AS child_table,
               (SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = k.conrelid
                   AND a.attnum = k.conkey[array_position(k.confkey, (SELECT pt.partattrs[0] FROM pg_partitioned_table pt
                                                                       WHERE pt.partrelid = p_parent))]) AS child_column
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.contype = 'f' AND k.confrelid = p_parent AND k.conparentid = 0
    LOOP
        IF v_child.child_column IS NULL THEN
            RAISE EXCEPTION 'table % references % by a key without its partition key %', v_child.child, p_parent, v_key
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'include the partition key in the foreign key, or drop the partition by hand';
        END IF;
        IF p_strategy = 'archive' THEN
            IF to_regclass(format('%I.%I', p_archive_schema, v_child.child_table)) IS NULL THEN
                EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I)', p_archive_schema, v_child.child_table,
                               v_child.child_schema, v_child.child_table);
                EXECUTE format('COMMENT ON TABLE %I.%I IS %L', p_archive_schema, v_child.child_table,
                               format('Rows of %s.%s archived with the partitions of %s they referenced.',
                                      v_child.child_schema, v_child.child_table, p_parent));
            END IF;
            EXECUTE format('WITH gone AS (DELETE FROM %I.%I WHERE %I >= %L AND %I < %L RETURNING *)
                            INSERT INTO %I.%I SELECT * FROM gone',
                           v_child.child_schema, v_child.child_table, v_child.child_column, p_range_from,
                           v_child.child_column, p_range_to, p_archive_schema, v_child.child_table);
        ELSE
            EXECUTE format('DELETE FROM %I.%I WHERE %I >= %L AND %I < %L',
                           v_child.child_schema, v_child.child_table, v_child.child_column, p_range_from,
                           v_child.child_column, p_range_to);
        END IF;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        dependent_rows_removed := dependent_rows_removed + v_count;
    END LOOP;

    EXECUTE format('SELECT count(*) FROM %I.%I', v_schema, p_partition) INTO rows_removed;
    IF p_strategy = 'summarize' THEN
        EXECUTE format('SELECT %s(%L::timestamptz, %L::timestamptz)', to_regproc(p_summary_function), p_range_from, p_range_to)
           INTO rows_summarized;
    END IF;
    EXECUTE format('ALTER TABLE %s DETACH PARTITION %I.%I', p_parent, v_schema, p_partition);
    IF p_strategy = 'archive' THEN
        IF to_regclass(format('%I.%I', p_archive_schema, p_partition)) IS NOT NULL THEN
            RAISE EXCEPTION 'cannot archive %.%: %.% exists', v_schema, p_partition, p_archive_schema, p_partition
                USING ERRCODE = 'duplicate_table',
                      HINT = 'rename or drop the archived table, then apply retention again';
        END IF;
        EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', v_schema, p_partition, p_archive_schema);
        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', p_archive_schema, p_partition,
                       format('Partition [%s, %s) of %s, archived by retention on %s.', p_range_from, p_range_to,
                              p_parent, now()));
    ELSE
        EXECUTE format('DROP TABLE %I.%I', v_schema, p_partition);
    END IF;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.remove_partition(regclass,name,timestamp with time zone,timestamp with time zone,text,name,text) IS 'Retention of one partition: removes (or archives) the rows of referencing tables that point into it, summarizes it (summarize), detaches it and drops it (delete, summarize) or moves it to the archive schema (archive). Returns the rows removed, summarized and removed from referencing tables.';
GRANT EXECUTE ON FUNCTION ops.remove_partition(regclass,name,timestamp with time zone,timestamp with time zone,text,name,text) TO pgpattern_admin;
