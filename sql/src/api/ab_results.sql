CREATE OR REPLACE FUNCTION api.ab_results(p_experiment_id uuid)
 RETURNS TABLE(metric_name text, metric_kind text, variant text, is_control boolean, assigned bigint, observations bigint, conversions bigint, conversion_rate double precision, mean double precision, stddev double precision, lift double precision, difference double precision, statistic double precision, degrees_of_freedom double precision, p_value double precision, significant boolean, minimum_sample_size_met boolean, srm_chi_square double precision, srm_p_value double precision, srm_detected boolean)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET jit TO 'off'
AS $function$
DECLARE
    v_experiment learning.ab_testing_experiments := learning.ab_experiment(p_experiment_id);
    v_srm_chi    double precision;
    v_srm_df     integer;
    v_srm_p      double precision;
BEGIN
    /*
     * Per target metric and variant: the sample, the rate (conversion: converted users
     * over assigned users) or mean (over users with an outcome), and for each treatment
     * against control the lift (relative), difference, test statistic and two-sided
     * p-value: a two-proportion z-test with pooled variance for conversions, Welch's
     * t-test (Welch-Satterthwaite degrees of freedom) for means. significant: p below
     * significance_level; minimum_sample_size_met: the variant's sample reaches it
     * (NULL when unset). Sample-ratio mismatch: a chi-square test of the assigned counts
     * against traffic_allocation over the variants with traffic, detected below 0.001.
     * An experiment without target metrics gives one row per variant, metric NULL.
     * (jit is off: compiling this small query cost seconds when estimates ran high.)
     */
    WITH v AS (
        SELECT x.variant, x.share / sum(x.share) OVER () AS expected_share
          FROM learning.ab_variants(v_experiment.control_variant, v_experiment.treatment_variants, v_experiment.traffic_allocation) x
         WHERE x.share > 0
    ), n AS (
        SELECT v.variant, v.expected_share, count(a.user_id) AS assigned
          FROM v LEFT JOIN learning.ab_testing_assignments a
            ON a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id AND a.variant = v.variant
         GROUP BY v.variant, v.expected_share
    )
    SELECT sum((n.assigned - t.total * n.expected_share) ^ 2 / (t.total * n.expected_share)), count(*) - 1
      INTO v_srm_chi, v_srm_df
      FROM n, (SELECT sum(n2.assigned) AS total FROM n n2) t
     WHERE t.total > 0;
    IF v_srm_df >= 1 THEN
        v_srm_p := patterns.chi_square_p_value(v_srm_chi, v_srm_df);
    END IF;

    RETURN QUERY
    WITH variants AS (
        SELECT x.ordinal, x.variant FROM learning.ab_variants(v_experiment.control_variant, v_experiment.treatment_variants,
                                                               v_experiment.traffic_allocation) x
    ), metrics AS (
        SELECT m.key AS metric, m.value #>> '{}' AS kind FROM jsonb_each(v_experiment.target_metrics) m
        UNION ALL
        SELECT NULL, NULL WHERE v_experiment.target_metrics = '{}'
    ), assigned AS (
        SELECT a.variant, count(*) AS n FROM learning.ab_testing_assignments a
         WHERE a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id
         GROUP BY a.variant
    ), observed AS (
        SELECT o.metric_name AS metric, a.variant, count(*) AS n, sum(o.value) AS total,
               avg(o.value)::double precision AS mean, var_samp(o.value)::double precision AS variance
          FROM learning.ab_testing_outcomes o
          JOIN learning.ab_testing_assignments a
            ON a.project_id = o.project_id AND a.experiment_id = o.experiment_id AND a.user_id = o.user_id
         WHERE o.project_id = v_experiment.project_id AND o.experiment_id = p_experiment_id
         GROUP BY o.metric_name, a.variant
    ), cells AS (
        SELECT m.metric, m.kind, va.ordinal, va.variant, coalesce(asg.n, 0) AS assigned, coalesce(ob.n, 0) AS observations,
               CASE WHEN m.kind = 'conversion' THEN coalesce(ob.total, 0)::bigint END AS conversions,
               CASE WHEN m.kind = 'conversion' AND coalesce(asg.n, 0) > 0
                    THEN coalesce(ob.total, 0)::double precision / asg.n END AS rate,
               CASE WHEN m.kind = 'mean' THEN ob.mean END AS mean,
               CASE WHEN m.kind = 'mean' THEN ob.variance END AS variance
          FROM metrics m CROSS JOIN variants va
          LEFT JOIN assigned asg ON asg.variant = va.variant
          LEFT JOIN observed ob ON ob.metric = m.metric AND ob.variant = va.variant
    ), compared AS (
        SELECT c.*, ctl.assigned AS c_assigned, ctl.observations AS c_observations, ctl.conversions AS c_conversions,
               ctl.rate AS c_rate, ctl.mean AS c_mean, ctl.variance AS c_variance,
               CASE WHEN c.kind = 'conversion' THEN c.rate ELSE c.mean END AS value,
               CASE WHEN c.kind = 'conversion' THEN ctl.rate ELSE ctl.mean END AS c_value
          FROM cells c
          JOIN cells ctl ON ctl.metric IS NOT DISTINCT FROM c.metric AND ctl.ordinal = 0
    ), tested AS (
        SELECT cp.*,
               CASE WHEN cp.ordinal = 0 OR cp.kind IS NULL THEN NULL
                    WHEN cp.kind = 'conversion' THEN
                        CASE WHEN cp.assigned > 0 AND cp.c_assigned > 0
                                  AND (cp.conversions + cp.c_conversions) > 0
                                  AND (cp.conversions + cp.c_conversions) < (cp.assigned + cp.c_assigned)
                             THEN (cp.rate - cp.c_rate)
                                  / sqrt(((cp.conversions + cp.c_conversions)::double precision / (cp.assigned + cp.c_assigned))
                                         * (1 - (cp.conversions + cp.c_conversions)::double precision / (cp.assigned + cp.c_assigned))
                                         * (1.0 / cp.assigned + 1.0 / cp.c_assigned)) END
                    ELSE
                        CASE WHEN cp.observations >= 2 AND cp.c_observations >= 2
                                  AND cp.variance / cp.observations + cp.c_variance / cp.c_observations > 0
                             THEN (cp.mean - cp.c_mean)
                                  / sqrt(cp.variance / cp.observations + cp.c_variance / cp.c_observations) END
               END AS stat,
               CASE WHEN cp.ordinal > 0 AND cp.kind = 'mean' AND cp.observations >= 2 AND cp.c_observations >= 2
                         AND cp.variance / cp.observations + cp.c_variance / cp.c_observations > 0
                    THEN (cp.variance / cp.observations + cp.c_variance / cp.c_observations) ^ 2
                         / ((cp.variance / cp.observations) ^ 2 / (cp.observations - 1)
                            + (cp.c_variance / cp.c_observations) ^ 2 / (cp.c_observations - 1)) END AS df
          FROM compared cp
    ), valued AS (
        SELECT t.*,
               CASE WHEN t.stat IS NULL THEN NULL
                    WHEN t.kind = 'conversion' THEN patterns.erfc(abs(t.stat) / sqrt(2))
                    ELSE learning.student_t_p_value(t.stat, t.df) END AS p
          FROM tested t
    )
    SELECT vl.metric, vl.kind, vl.variant, vl.ordinal = 0, vl.assigned,
           CASE WHEN vl.kind = 'mean' THEN vl.observations ELSE vl.assigned END,
           vl.conversions, vl.rate, vl.mean, sqrt(vl.variance),
           CASE WHEN vl.ordinal > 0 AND vl.c_value <> 0 THEN (vl.value - vl.c_value) / abs(vl.c_value) END,
           CASE WHEN vl.ordinal > 0 THEN vl.value - vl.c_value END,
           vl.stat, vl.df, vl.p,
           CASE WHEN vl.p IS NOT NULL THEN vl.p < v_experiment.significance_level END,
           CASE WHEN v_experiment.minimum_sample_size IS NOT NULL
                THEN (CASE WHEN vl.kind = 'mean' THEN vl.observations ELSE vl.assigned END) >= v_experiment.minimum_sample_size END,
           v_srm_chi, v_srm_p, v_srm_p < 0.001
      FROM valued vl
     ORDER BY vl.metric NULLS FIRST, vl.ordinal;
END
$function$;
COMMENT ON FUNCTION api.ab_results(uuid) IS 'An A/B experiment''s results per target metric and variant: assigned users, observations, conversions and conversion_rate (conversion metrics, over assigned users) or mean and stddev (mean metrics, over users with an outcome); for each treatment against control: lift (relative), difference, statistic (two-proportion z or Welch t), degrees_of_freedom (Welch), two-sided p_value, significant (p < significance_level), minimum_sample_size_met; and the sample-ratio-mismatch chi-square test of assignments against traffic_allocation (srm_detected when p < 0.001). For pgpattern_reader, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach).';
REVOKE ALL ON FUNCTION api.ab_results(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ab_results(uuid) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.ab_results(uuid) TO pgpattern_reader;
