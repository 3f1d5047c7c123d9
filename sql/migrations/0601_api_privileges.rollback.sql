-- PUBLIC's EXECUTE of a new function by default again (the database-wide default goes
-- back to PostgreSQL's own), and the per-schema grants to PUBLIC that made up for it go.
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
DO $$
DECLARE
    v_schema name;
BEGIN
    FOR v_schema IN
        SELECT n.nspname FROM pg_namespace n
         WHERE n.nspname <> 'api' AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
         ORDER BY n.nspname
    LOOP
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC', v_schema);
    END LOOP;
END
$$;

DROP FUNCTION api.ab_results(uuid);
DROP FUNCTION api.ab_record_outcome(uuid, text, text, numeric);
DROP FUNCTION api.ab_assign(uuid, text, text, text);

-- 0407's lookup of an experiment: in every project when pgpattern.tenant is not set.
CREATE OR REPLACE FUNCTION learning.ab_experiment(p_experiment_id uuid)
RETURNS learning.ab_testing_experiments
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_experiment learning.ab_testing_experiments;
    v_tenant     bigint := learning.current_tenant();
BEGIN
    -- The experiment, within the session's tenant when pgpattern.tenant is set; P0002 otherwise.
    SELECT e.* INTO v_experiment FROM learning.ab_testing_experiments e
     WHERE e.experiment_id = p_experiment_id AND (v_tenant IS NULL OR e.project_id = v_tenant);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'experiment_id % does not exist%', coalesce(p_experiment_id::text, 'NULL'),
            CASE WHEN v_tenant IS NULL THEN '' ELSE format(' in project %s (pgpattern.tenant)', v_tenant) END
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN v_experiment;
END
$$;
COMMENT ON FUNCTION learning.ab_experiment(uuid) IS 'An A/B experiment by id, looked for only in the project of pgpattern.tenant when that is set; raises no_data_found (P0002) when there is none.';
DROP FUNCTION learning.ab_experiment(uuid, boolean);
DROP FUNCTION learning.reaches_every_tenant(regclass, boolean);
DROP FUNCTION learning.calling_role();

-- The A/B functions as 0407 made them: made again rather than granted again, because a
-- grant goes to the end of a function's ACL and PUBLIC came first (the defaults restored
-- above and api's, which give the reader EXECUTE, make their ACLs what they were).
CREATE FUNCTION api.ab_assign(
      p_experiment_id uuid
    , p_user_id text
    , p_session_id text DEFAULT NULL
    , p_user_agent text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_experiment learning.ab_testing_experiments;
    v_inserted   text;
    v_variant    text;
BEGIN
    /*
     * The user's variant in a running experiment: the stored one if the user was
     * assigned before, else the variant whose slice holds the user's bucket (stored
     * now), else NULL (the user falls outside the allocated traffic). Concurrent calls
     * for one user store one row (the unique key) and all return the same variant.
     */
    IF p_user_id IS NULL OR p_user_id !~ '\S' OR length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'p_user_id must be 1 to 255 characters, not blank, not %', coalesce(quote_literal(left(p_user_id, 40)), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_experiment := learning.ab_experiment(p_experiment_id);
    SELECT a.variant INTO v_variant FROM learning.ab_testing_assignments a
     WHERE a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id AND a.user_id = p_user_id;
    IF FOUND THEN
        RETURN v_variant;
    END IF;
    IF v_experiment.status <> 'running' OR now() < v_experiment.start_date OR now() >= v_experiment.end_date THEN
        RAISE EXCEPTION 'experiment % is not assigning users: it is % (from % to %)', v_experiment.experiment_name, v_experiment.status,
            coalesce(v_experiment.start_date::text, 'any time'), coalesce(v_experiment.end_date::text, 'any time')
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'set its status to running (within its dates) first';
    END IF;
    SELECT v.variant INTO v_variant
      FROM learning.ab_variants(v_experiment.control_variant, v_experiment.treatment_variants, v_experiment.traffic_allocation) v
     WHERE learning.ab_bucket(p_experiment_id, p_user_id) >= v.slice_from
       AND learning.ab_bucket(p_experiment_id, p_user_id) < v.slice_to;
    IF v_variant IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO learning.ab_testing_assignments (project_id, experiment_id, user_id, variant, session_id, user_agent)
    VALUES (v_experiment.project_id, p_experiment_id, p_user_id, v_variant, p_session_id, p_user_agent)
    ON CONFLICT (project_id, experiment_id, user_id) DO NOTHING
    RETURNING variant INTO v_inserted;
    IF v_inserted IS NOT NULL THEN
        UPDATE learning.ab_testing_experiments e SET current_sample_size = e.current_sample_size + 1
         WHERE e.project_id = v_experiment.project_id AND e.experiment_id = p_experiment_id;
    END IF;
    RETURN v_variant;
END
$$;
COMMENT ON FUNCTION api.ab_assign(uuid, text, text, text) IS 'Assigns a user to a variant of a running A/B experiment and returns it: deterministic (md5 bucket of experiment and user against traffic_allocation), stored on first call, the same ever after; NULL when the user is outside the allocated traffic. Raises P0002 for an unknown experiment (or one outside pgpattern.tenant), 55000 when it is not running, 22023 for a bad user id.';

CREATE FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_experiment learning.ab_testing_experiments := learning.ab_experiment(p_experiment_id);
BEGIN
    -- Records (or replaces) an assigned user's outcome on a target metric.
    IF p_value IS NULL THEN
        RAISE EXCEPTION 'p_value must be a number, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT FROM learning.ab_testing_assignments a
                    WHERE a.project_id = v_experiment.project_id AND a.experiment_id = p_experiment_id AND a.user_id = p_user_id) THEN
        RAISE EXCEPTION 'user % is not assigned in experiment %', coalesce(p_user_id, 'NULL'), v_experiment.experiment_name
            USING ERRCODE = 'no_data_found',
                  HINT = 'call api.ab_assign for the user first';
    END IF;
    INSERT INTO learning.ab_testing_outcomes (project_id, experiment_id, user_id, metric_name, value)
    VALUES (v_experiment.project_id, p_experiment_id, p_user_id, p_metric_name, p_value)
    ON CONFLICT (project_id, experiment_id, user_id, metric_name) DO UPDATE
       SET value = excluded.value, recorded_at = now();
END
$$;
COMMENT ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) IS 'Records an assigned user''s outcome on one of the experiment''s target metrics (0 or 1 for a conversion, a number for a mean), replacing an earlier one. Raises P0002 for an unknown experiment or an unassigned user, 23514 for an unknown metric or a conversion not 0 or 1.';

CREATE FUNCTION api.ab_results(p_experiment_id uuid)
RETURNS TABLE (metric_name text, metric_kind text, variant text, is_control boolean, assigned bigint,
               observations bigint, conversions bigint, conversion_rate double precision, mean double precision,
               stddev double precision, lift double precision, difference double precision, statistic double precision,
               degrees_of_freedom double precision, p_value double precision, significant boolean,
               minimum_sample_size_met boolean, srm_chi_square double precision, srm_p_value double precision,
               srm_detected boolean)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
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
$$;
COMMENT ON FUNCTION api.ab_results(uuid) IS 'An A/B experiment''s results per target metric and variant: assigned users, observations, conversions and conversion_rate (conversion metrics, over assigned users) or mean and stddev (mean metrics, over users with an outcome); for each treatment against control: lift (relative), difference, statistic (two-proportion z or Welch t), degrees_of_freedom (Welch), two-sided p_value, significant (p < significance_level), minimum_sample_size_met; and the sample-ratio-mismatch chi-square test of assignments against traffic_allocation (srm_detected when p < 0.001). Raises P0002 for an unknown experiment.';

GRANT EXECUTE ON FUNCTION api.ab_assign(uuid, text, text, text) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) TO pgpattern_app;
GRANT EXECUTE ON FUNCTION api.ab_results(uuid) TO pgpattern_app;
