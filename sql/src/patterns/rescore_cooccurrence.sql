CREATE OR REPLACE FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_moved integer;
    v_n     double precision;
BEGIN
    /*
     * The scores of a run's active pairs that depend on N alone (support, lift, p-value,
     * significance), at the current N. Returns the pairs rewritten.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    -- A pair's counts stand: only what N moves (support, lift, the test). updated_at stays (it says when the pair's own evidence changed, not that the project
    -- got a commit), so that no indexed column changes and the rows update in place (HOT).
    UPDATE patterns.file_cooccurrence_patterns c
       SET support_score = x.support, lift_score = x.lift, p_value = x.p_value,
           statistical_significance = patterns.significance(x.p_value)
      FROM (SELECT c0.id, s.support, s.lift, patterns.chi_square_p_value(s.chi_square, 1) AS p_value
              FROM patterns.file_cooccurrence_patterns c0
              CROSS JOIN LATERAL patterns.cooccurrence_scores(c0.cooccurrence_count, c0.file_1_changes,
                                                              c0.file_2_changes, v_n) s
             WHERE c0.project_id = p_project_id AND c0.discovery_session_id = p_session.id AND c0.is_active
               AND c0.support_score IS DISTINCT FROM s.support
            OFFSET 0) x
     WHERE c.project_id = p_project_id AND c.id = x.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$function$;
COMMENT ON FUNCTION patterns.rescore_cooccurrence(bigint,patterns.pattern_discovery_sessions) IS 'Rewrites the N-dependent scores (support, lift, p-value, significance) of a run''s active co-occurrence patterns for the current N; returns the pairs rewritten. The rescore pass of a pattern update.';
GRANT EXECUTE ON FUNCTION patterns.rescore_cooccurrence(bigint,patterns.pattern_discovery_sessions) TO pgpattern_writer;
