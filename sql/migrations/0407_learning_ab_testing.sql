-- Learning operations, A/B testing: the seed's experiments and assignments, plus outcomes.
-- api.ab_assign(experiment, user) is deterministic: the user's bucket is the first 32 bits
-- of md5(experiment_id || ':' || user_id) as a fraction of 2^32, and the variants take
-- consecutive slices of [0, 1) by traffic_allocation (control first, then the treatments
-- in order); a bucket past the last slice is not enrolled (NULL). The first assignment
-- is stored and returned ever after, and concurrent calls for one user store one row.
-- api.ab_results(experiment) tests each treatment against control per target metric:
-- a two-proportion z-test for conversions, Welch's t-test for means (the Student t tail
-- from the regularized incomplete beta function, Numerical Recipes' betacf), and checks
-- the sample ratio against the allocation with a chi-square test (mismatch below p 0.001).
CREATE FUNCTION learning.ln_gamma(p_x double precision)
RETURNS double precision
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_coefficients double precision[] := ARRAY[76.18009172947146, -86.50532032941677, 24.01409824083091,
                                               -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
    v_series       double precision := 1.000000000190015;
    v_tmp          double precision;
    v_y            double precision := p_x;
BEGIN
    -- ln Gamma(x) for x > 0: Lanczos' approximation (Numerical Recipes gammln), relative error below 2e-10.
    IF p_x <= 0 THEN
        RAISE EXCEPTION 'ln_gamma needs x > 0, not %', p_x USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_tmp := p_x + 5.5;
    v_tmp := v_tmp - (p_x + 0.5) * ln(v_tmp);
    FOR v_j IN 1..6 LOOP
        v_y := v_y + 1;
        v_series := v_series + v_coefficients[v_j] / v_y;
    END LOOP;
    RETURN -v_tmp + ln(2.5066282746310005 * v_series / p_x);
END
$$;
COMMENT ON FUNCTION learning.ln_gamma(double precision) IS 'The natural logarithm of the gamma function for x > 0 (Lanczos, Numerical Recipes gammln; relative error below 2e-10).';

CREATE FUNCTION learning.beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision)
RETURNS double precision
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_aa  double precision;
    v_c   double precision := 1;
    v_d   double precision;
    v_del double precision;
    v_h   double precision;
    v_m2  integer;
BEGIN
    -- The continued fraction of the incomplete beta function by the modified Lentz method (Numerical Recipes betacf).
    v_d := 1 - (p_a + p_b) * p_x / (p_a + 1);
    IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
    v_d := 1 / v_d;
    v_h := v_d;
    FOR v_m IN 1..10000 LOOP
        v_m2 := 2 * v_m;
        v_aa := v_m * (p_b - v_m) * p_x / ((p_a + v_m2 - 1) * (p_a + v_m2));
        v_d := 1 + v_aa * v_d;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := 1 + v_aa / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_h := v_h * v_d * v_c;
        v_aa := -(p_a + v_m) * (p_a + p_b + v_m) * p_x / ((p_a + v_m2) * (p_a + v_m2 + 1));
        v_d := 1 + v_aa * v_d;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := 1 + v_aa / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_del := v_d * v_c;
        v_h := v_h * v_del;
        IF abs(v_del - 1) < 3e-16 THEN
            RETURN v_h;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'the incomplete beta continued fraction did not converge for a %, b %, x %', p_a, p_b, p_x
        USING ERRCODE = 'numeric_value_out_of_range',
              HINT = 'a or b is too large for 10000 iterations';
END
$$;
COMMENT ON FUNCTION learning.beta_continued_fraction(double precision, double precision, double precision) IS 'The continued fraction for the incomplete beta function (Numerical Recipes betacf, modified Lentz), used by learning.incomplete_beta.';

CREATE FUNCTION learning.incomplete_beta(p_x double precision, p_a double precision, p_b double precision)
RETURNS double precision
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_log_front double precision;
BEGIN
    -- The regularized incomplete beta function I_x(a, b) (Numerical Recipes betai).
    IF p_a <= 0 OR p_b <= 0 THEN
        RAISE EXCEPTION 'incomplete_beta needs a > 0 and b > 0, not a % and b %', p_a, p_b
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_x < 0 OR p_x > 1 THEN
        RAISE EXCEPTION 'incomplete_beta needs x in [0, 1], not %', p_x USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_x = 0 OR p_x = 1 THEN
        RETURN p_x;
    END IF;
    v_log_front := learning.ln_gamma(p_a + p_b) - learning.ln_gamma(p_a) - learning.ln_gamma(p_b)
                   + p_a * ln(p_x) + p_b * ln(1 - p_x);
    -- exp() raises on underflow in PostgreSQL: a front factor below ~1e-308 is 0.
    IF p_x < (p_a + 1) / (p_a + p_b + 2) THEN
        IF v_log_front < -708 THEN RETURN 0; END IF;
        RETURN exp(v_log_front) * learning.beta_continued_fraction(p_a, p_b, p_x) / p_a;
    END IF;
    IF v_log_front < -708 THEN RETURN 1; END IF;
    RETURN 1 - exp(v_log_front) * learning.beta_continued_fraction(p_b, p_a, 1 - p_x) / p_b;
END
$$;
COMMENT ON FUNCTION learning.incomplete_beta(double precision, double precision, double precision) IS 'The regularized incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0 (Numerical Recipes betai with betacf).';

CREATE FUNCTION learning.student_t_p_value(p_t double precision, p_degrees_of_freedom double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Two-sided: P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).
    SELECT learning.incomplete_beta(p_degrees_of_freedom / (p_degrees_of_freedom + p_t * p_t), p_degrees_of_freedom / 2, 0.5)
$$;
COMMENT ON FUNCTION learning.student_t_p_value(double precision, double precision) IS 'The two-sided p-value of a Student t statistic with the given (possibly fractional) degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2).';

CREATE FUNCTION learning.ab_bucket(p_experiment_id uuid, p_user_id text)
RETURNS double precision
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The first 32 bits of md5(experiment_id:user_id) as a fraction of 2^32: uniform in [0, 1), the same forever.
    SELECT ('x' || substr(md5(p_experiment_id::text || ':' || p_user_id), 1, 8))::bit(32)::bigint / 4294967296.0::double precision
$$;
COMMENT ON FUNCTION learning.ab_bucket(uuid, text) IS 'A user''s bucket in an experiment, in [0, 1): the first 32 bits of md5(experiment_id || '':'' || user_id) over 2^32. Deterministic and independent between experiments.';

CREATE FUNCTION learning.ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb)
RETURNS TABLE (ordinal integer, variant text, share double precision, slice_from double precision, slice_to double precision)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
ROWS 3
SET search_path = pg_catalog, pg_temp
AS $$
    -- The variants in order (control, then the treatments), each with its share of the traffic
    -- (traffic_allocation, or an equal split of all of it when that is NULL) and its slice of [0, 1).
    WITH v AS (
        SELECT 0 AS ordinal, coalesce(p_control ->> 'name', 'control') AS variant
        UNION ALL
        SELECT t.ordinality::integer, t.value ->> 'name'
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_treatments) = 'array' THEN p_treatments ELSE '[]' END)
               WITH ORDINALITY AS t
    ), s AS (
        SELECT v.ordinal, v.variant,
               CASE WHEN p_allocation IS NULL THEN 1.0 / count(*) OVER ()
                    ELSE coalesce((p_allocation ->> v.variant)::double precision, 0) END AS share
          FROM v
    )
    SELECT s.ordinal, s.variant, s.share,
           coalesce(sum(s.share) OVER (ORDER BY s.ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
           sum(s.share) OVER (ORDER BY s.ordinal)
      FROM s
     ORDER BY s.ordinal
$$;
COMMENT ON FUNCTION learning.ab_variants(jsonb, jsonb, jsonb) IS 'An experiment''s variants in order (control first, then the treatments), each with its traffic share and its slice [slice_from, slice_to) of the bucket range [0, 1).';

CREATE TABLE learning.ab_testing_experiments (
    project_id          bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    experiment_id       uuid NOT NULL DEFAULT gen_random_uuid(),
    experiment_name     text NOT NULL,
    description         text,
    hypothesis          text,
    feature_flag        text,
    control_variant     jsonb NOT NULL DEFAULT '{"name": "control"}',
    treatment_variants  jsonb NOT NULL,
    target_metrics      jsonb NOT NULL DEFAULT '{}',
    traffic_allocation  jsonb,
    start_date          timestamptz,
    end_date            timestamptz,
    status              text NOT NULL DEFAULT 'draft',
    statistical_power   numeric(3,2) NOT NULL DEFAULT 0.80,
    significance_level  numeric(3,2) NOT NULL DEFAULT 0.05,
    minimum_sample_size integer,
    current_sample_size integer NOT NULL DEFAULT 0,
    results             jsonb,
    winner_variant      text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text,
    PRIMARY KEY (project_id, experiment_id),
    CONSTRAINT ab_testing_experiments_name_key UNIQUE (project_id, experiment_name),
    CONSTRAINT ab_testing_experiments_name_check CHECK (experiment_name ~ '\S' AND length(experiment_name) <= 255),
    CONSTRAINT ab_testing_experiments_status_check CHECK (status IN ('draft', 'running', 'completed', 'cancelled')),
    CONSTRAINT ab_testing_experiments_dates_check CHECK (end_date > start_date),
    CONSTRAINT ab_testing_experiments_power_check CHECK (statistical_power > 0 AND statistical_power < 1),
    CONSTRAINT ab_testing_experiments_significance_check CHECK (significance_level > 0 AND significance_level < 1),
    CONSTRAINT ab_testing_experiments_minimum_sample_check CHECK (minimum_sample_size > 0),
    CONSTRAINT ab_testing_experiments_sample_check CHECK (current_sample_size >= 0)
);
COMMENT ON TABLE learning.ab_testing_experiments IS 'A/B tests of a project: a control and treatments (variants), the metrics they are judged on, how traffic is split. Status draft -> running -> completed; draft or running -> cancelled. Variants, allocation and metrics are fixed once the experiment leaves draft. Users are assigned by api.ab_assign, results by api.ab_results.';
COMMENT ON COLUMN learning.ab_testing_experiments.project_id IS 'The project (tenant) the experiment runs in.';
COMMENT ON COLUMN learning.ab_testing_experiments.experiment_id IS 'The experiment''s key.';
COMMENT ON COLUMN learning.ab_testing_experiments.experiment_name IS 'Its name, unique within the project.';
COMMENT ON COLUMN learning.ab_testing_experiments.description IS 'What it is.';
COMMENT ON COLUMN learning.ab_testing_experiments.hypothesis IS 'What it should show.';
COMMENT ON COLUMN learning.ab_testing_experiments.feature_flag IS 'The feature flag that controls it, if any.';
COMMENT ON COLUMN learning.ab_testing_experiments.control_variant IS 'The control''s configuration, a JSON object; its name is "name" (default control).';
COMMENT ON COLUMN learning.ab_testing_experiments.treatment_variants IS 'The treatments: a JSON array of at least one object, each with a unique string "name" and its configuration.';
COMMENT ON COLUMN learning.ab_testing_experiments.target_metrics IS 'The metrics: a JSON object of metric name to "conversion" (outcomes 0 or 1, rate over assigned users) or "mean" (a number per user, mean over users with an outcome).';
COMMENT ON COLUMN learning.ab_testing_experiments.traffic_allocation IS 'Each variant''s share of all users: a JSON object of variant name to a number in [0, 1], summing to at most 1 (the rest is not enrolled; a variant left out gets 0). NULL: all users, split equally.';
COMMENT ON COLUMN learning.ab_testing_experiments.start_date IS 'Users are assigned from then on (if set).';
COMMENT ON COLUMN learning.ab_testing_experiments.end_date IS 'No user is assigned from then on (if set).';
COMMENT ON COLUMN learning.ab_testing_experiments.status IS 'draft, running (assigns users), completed or cancelled.';
COMMENT ON COLUMN learning.ab_testing_experiments.statistical_power IS 'The power the experiment was sized for (default 0.80), in (0, 1).';
COMMENT ON COLUMN learning.ab_testing_experiments.significance_level IS 'The p-value below which a difference is significant (default 0.05), in (0, 1).';
COMMENT ON COLUMN learning.ab_testing_experiments.minimum_sample_size IS 'The sample each variant needs before its result counts (per variant), if set.';
COMMENT ON COLUMN learning.ab_testing_experiments.current_sample_size IS 'How many users are assigned (kept by api.ab_assign).';
COMMENT ON COLUMN learning.ab_testing_experiments.results IS 'The results recorded when the experiment completed (free JSON, e.g. a copy of api.ab_results).';
COMMENT ON COLUMN learning.ab_testing_experiments.winner_variant IS 'The variant that won, if any: one of its variants.';
COMMENT ON COLUMN learning.ab_testing_experiments.created_at IS 'When the experiment was created.';
COMMENT ON COLUMN learning.ab_testing_experiments.updated_at IS 'When the row last changed (maintained by a trigger).';
COMMENT ON COLUMN learning.ab_testing_experiments.created_by IS 'Who created it.';
CREATE INDEX ab_testing_experiments_status_idx ON learning.ab_testing_experiments (project_id, status);
COMMENT ON INDEX learning.ab_testing_experiments_status_idx IS 'A project''s experiments by status.';
CREATE INDEX ab_testing_experiments_id_idx ON learning.ab_testing_experiments (experiment_id);
COMMENT ON INDEX learning.ab_testing_experiments_id_idx IS 'The api finds an experiment by its id alone.';
CREATE TRIGGER ab_testing_experiments_touch_updated_at BEFORE UPDATE ON learning.ab_testing_experiments
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();
CREATE TRIGGER ab_testing_experiments_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ab_testing_experiments
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>draft', '>running', 'draft>running',
        'draft>cancelled', 'running>completed', 'running>cancelled');

CREATE FUNCTION learning.ab_experiments_validate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_names text[];
    v_sum   double precision;
BEGIN
    -- The shapes of variants, metrics and allocation; and no change to them after draft.
    IF TG_OP = 'UPDATE' AND OLD.status <> 'draft'
       AND (NEW.control_variant, NEW.treatment_variants, NEW.target_metrics, NEW.traffic_allocation)
           IS DISTINCT FROM (OLD.control_variant, OLD.treatment_variants, OLD.target_metrics, OLD.traffic_allocation) THEN
        RAISE EXCEPTION 'experiment % is %: its variants, target_metrics and traffic_allocation are fixed', OLD.experiment_name, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'create a new experiment';
    END IF;
    IF jsonb_typeof(NEW.control_variant) <> 'object' OR (NEW.control_variant ? 'name' AND jsonb_typeof(NEW.control_variant -> 'name') <> 'string') THEN
        RAISE EXCEPTION 'control_variant must be a JSON object with an optional string name, not %', NEW.control_variant
            USING ERRCODE = 'check_violation';
    END IF;
    IF jsonb_typeof(NEW.treatment_variants) <> 'array' OR jsonb_array_length(NEW.treatment_variants) = 0
       OR EXISTS (SELECT FROM jsonb_array_elements(NEW.treatment_variants) t
                   WHERE jsonb_typeof(t) <> 'object' OR jsonb_typeof(t -> 'name') IS DISTINCT FROM 'string' OR t ->> 'name' !~ '\S') THEN
        RAISE EXCEPTION 'treatment_variants must be a non-empty JSON array of objects each with a string name, not %', NEW.treatment_variants
            USING ERRCODE = 'check_violation',
                  HINT = 'e.g. [{"name": "treatment", "prompt": "v2"}]';
    END IF;
    v_names := ARRAY(SELECT v.variant FROM learning.ab_variants(NEW.control_variant, NEW.treatment_variants, NULL) v);
    IF cardinality(v_names) <> (SELECT count(DISTINCT n) FROM unnest(v_names) n) THEN
        RAISE EXCEPTION 'variant names must be unique, not %', array_to_string(v_names, ', ')
            USING ERRCODE = 'check_violation';
    END IF;
    IF jsonb_typeof(NEW.target_metrics) <> 'object'
       OR EXISTS (SELECT FROM jsonb_each(NEW.target_metrics) m WHERE m.value NOT IN ('"conversion"', '"mean"')) THEN
        RAISE EXCEPTION 'target_metrics must be a JSON object of metric name to "conversion" or "mean", not %', NEW.target_metrics
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.traffic_allocation IS NOT NULL THEN
        IF jsonb_typeof(NEW.traffic_allocation) <> 'object'
           OR EXISTS (SELECT FROM jsonb_each(NEW.traffic_allocation) a
                       WHERE NOT a.key = ANY (v_names) OR jsonb_typeof(a.value) <> 'number'
                          OR a.value::text::double precision NOT BETWEEN 0 AND 1) THEN
            RAISE EXCEPTION 'traffic_allocation must map variants (%) to numbers in [0, 1], not %', array_to_string(v_names, ', '),
                NEW.traffic_allocation
                USING ERRCODE = 'check_violation';
        END IF;
        SELECT sum(a.value::text::double precision) INTO v_sum FROM jsonb_each(NEW.traffic_allocation) a;
        IF v_sum > 1 + 1e-9 OR v_sum <= 0 THEN
            RAISE EXCEPTION 'traffic_allocation shares must sum to more than 0 and at most 1, not %', v_sum
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.winner_variant IS NOT NULL AND NOT NEW.winner_variant = ANY (v_names) THEN
        RAISE EXCEPTION 'winner_variant % is not one of the variants %', NEW.winner_variant, array_to_string(v_names, ', ')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION learning.ab_experiments_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_experiments: control, treatments (unique names), target_metrics, traffic_allocation and winner_variant well formed (23514); variants, metrics and allocation fixed after draft (55000).';
CREATE TRIGGER ab_testing_experiments_validate BEFORE INSERT OR UPDATE ON learning.ab_testing_experiments
    FOR EACH ROW EXECUTE FUNCTION learning.ab_experiments_validate();

CREATE TABLE learning.ab_testing_assignments (
    project_id           bigint NOT NULL,
    assignment_id        uuid NOT NULL DEFAULT gen_random_uuid(),
    experiment_id        uuid NOT NULL,
    user_id              text NOT NULL,
    variant              text NOT NULL,
    assignment_timestamp timestamptz NOT NULL DEFAULT now(),
    session_id           text,
    user_agent           text,
    metadata             jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, assignment_id),
    CONSTRAINT ab_testing_assignments_user_key UNIQUE (project_id, experiment_id, user_id),
    CONSTRAINT ab_testing_assignments_experiment_fkey FOREIGN KEY (project_id, experiment_id)
        REFERENCES learning.ab_testing_experiments (project_id, experiment_id) ON DELETE CASCADE,
    CONSTRAINT ab_testing_assignments_user_check CHECK (user_id ~ '\S' AND length(user_id) <= 255),
    CONSTRAINT ab_testing_assignments_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE learning.ab_testing_assignments IS 'Which variant of an experiment a user got: one row per user and experiment, written by api.ab_assign (the first assignment stands).';
COMMENT ON COLUMN learning.ab_testing_assignments.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.ab_testing_assignments.assignment_id IS 'The assignment''s key.';
COMMENT ON COLUMN learning.ab_testing_assignments.experiment_id IS 'The experiment.';
COMMENT ON COLUMN learning.ab_testing_assignments.user_id IS 'The user, as the application names them.';
COMMENT ON COLUMN learning.ab_testing_assignments.variant IS 'The variant the user got.';
COMMENT ON COLUMN learning.ab_testing_assignments.assignment_timestamp IS 'When.';
COMMENT ON COLUMN learning.ab_testing_assignments.session_id IS 'The session of the first assignment, if given.';
COMMENT ON COLUMN learning.ab_testing_assignments.user_agent IS 'The user agent, if given.';
COMMENT ON COLUMN learning.ab_testing_assignments.metadata IS 'Other context (a JSON object).';
CREATE INDEX ab_testing_assignments_variant_idx ON learning.ab_testing_assignments (project_id, experiment_id, variant);
COMMENT ON INDEX learning.ab_testing_assignments_variant_idx IS 'The users of a variant.';
CREATE INDEX ab_testing_assignments_user_idx ON learning.ab_testing_assignments (project_id, user_id);
COMMENT ON INDEX learning.ab_testing_assignments_user_idx IS 'A user''s experiments.';

CREATE TABLE learning.ab_testing_outcomes (
    project_id    bigint NOT NULL,
    experiment_id uuid NOT NULL,
    user_id       text NOT NULL,
    metric_name   text NOT NULL,
    value         numeric NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, experiment_id, user_id, metric_name),
    CONSTRAINT ab_testing_outcomes_assignment_fkey FOREIGN KEY (project_id, experiment_id, user_id)
        REFERENCES learning.ab_testing_assignments (project_id, experiment_id, user_id) ON DELETE CASCADE
);
COMMENT ON TABLE learning.ab_testing_outcomes IS 'What an assigned user did, per target metric: for a conversion metric 0 or 1, for a mean metric the user''s value. One row per user and metric (recording again replaces it). Written by api.ab_record_outcome.';
COMMENT ON COLUMN learning.ab_testing_outcomes.project_id IS 'The project of the experiment.';
COMMENT ON COLUMN learning.ab_testing_outcomes.experiment_id IS 'The experiment.';
COMMENT ON COLUMN learning.ab_testing_outcomes.user_id IS 'The assigned user.';
COMMENT ON COLUMN learning.ab_testing_outcomes.metric_name IS 'One of the experiment''s target_metrics.';
COMMENT ON COLUMN learning.ab_testing_outcomes.value IS '0 or 1 for a conversion metric; any number for a mean metric.';
COMMENT ON COLUMN learning.ab_testing_outcomes.recorded_at IS 'When it was (last) recorded.';

CREATE FUNCTION learning.ab_outcomes_validate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_kind text;
BEGIN
    -- The metric must be a target metric of the experiment; a conversion is 0 or 1.
    SELECT e.target_metrics ->> NEW.metric_name INTO v_kind
      FROM learning.ab_testing_experiments e
     WHERE e.project_id = NEW.project_id AND e.experiment_id = NEW.experiment_id;
    IF v_kind IS NULL THEN
        RAISE EXCEPTION 'metric_name % is not a target metric of experiment %', coalesce(NEW.metric_name, 'NULL'), NEW.experiment_id
            USING ERRCODE = 'check_violation',
                  HINT = 'record one of the keys of the experiment''s target_metrics';
    END IF;
    IF v_kind = 'conversion' AND NEW.value NOT IN (0, 1) THEN
        RAISE EXCEPTION 'value % of conversion metric % must be 0 or 1', NEW.value, NEW.metric_name
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION learning.ab_outcomes_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_outcomes: the metric is a target metric of the experiment, a conversion 0 or 1 (23514).';
CREATE TRIGGER ab_testing_outcomes_validate BEFORE INSERT OR UPDATE ON learning.ab_testing_outcomes
    FOR EACH ROW EXECUTE FUNCTION learning.ab_outcomes_validate();

SELECT ops.enable_tenant_isolation('learning.ab_testing_experiments');
SELECT ops.enable_tenant_isolation('learning.ab_testing_assignments');
SELECT ops.enable_tenant_isolation('learning.ab_testing_outcomes');

CREATE FUNCTION learning.ab_experiment(p_experiment_id uuid)
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
