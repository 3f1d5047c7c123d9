CREATE OR REPLACE PROCEDURE ops.run_retention(IN p_max_partitions integer DEFAULT 50)
 LANGUAGE plpgsql
AS $procedure$
DECLARE
    v_most integer;
BEGIN
    /*
     * ops.apply_retention() in rounds, committing after each, until no table had more
     * than p_max_partitions partitions to remove: a backlog of hundreds of partitions
     * would otherwise hold more locks than one transaction may (max_locks_per_transaction).
     * A procedure that commits cannot carry SET search_path, so it is set in the body,
     * transaction-locally, again after each COMMIT.
     */
    LOOP
        PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
        SELECT coalesce(max(cardinality(r.partitions_removed)), 0) INTO v_most
          FROM ops.apply_retention(p_max_partitions => p_max_partitions) r;
        COMMIT;
        EXIT WHEN v_most < p_max_partitions;
    END LOOP;
END
$procedure$;
COMMENT ON PROCEDURE ops.run_retention(integer) IS 'Applies retention in committed rounds of at most p_max_partitions partitions per table (ops.apply_retention) until the backlog is gone; what pg_cron runs daily (pgpattern-retention). Cannot run inside a transaction block.';
GRANT EXECUTE ON PROCEDURE ops.run_retention(integer) TO pgpattern_admin;
