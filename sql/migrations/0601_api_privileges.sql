-- Who may call what in api, pinned by sql/tests/api_surface.sql, and no reach past the
-- tenant through it. Readers read: the write verbs (VOLATILE: api.pattern_discover,
-- api.ab_assign, api.ab_record_outcome) are granted by name to pgpattern_writer, the A/B
-- ones also to pgpattern_app; PUBLIC may call no api function, neither those made so far
-- nor, by default, those made next. Without pgpattern.tenant, pgpattern_app reads and
-- writes nothing through the A/B functions, as it sees no rows of the tables.

-- 0407's A/B functions were executable by PUBLIC (made after 0406 revoked PUBLIC from the
-- api functions of its day) and by pgpattern_reader (api's default privileges), so any
-- role using api could write into any project's experiment.
REVOKE EXECUTE ON FUNCTION api.ab_assign(uuid, text, text, text) FROM PUBLIC, pgpattern_reader;
REVOKE EXECUTE ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) FROM PUBLIC, pgpattern_reader;
REVOKE EXECUTE ON FUNCTION api.ab_results(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ab_assign(uuid, text, text, text) TO pgpattern_writer;
GRANT EXECUTE ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) TO pgpattern_writer;

-- PUBLIC's EXECUTE of a new function by default. A per-schema default only adds to the
-- database-wide one (ALTER DEFAULT PRIVILEGES IN SCHEMA api REVOKE EXECUTE ON FUNCTIONS
-- FROM PUBLIC changes nothing), so the database-wide default of the role running the
-- migrations (the owner of what they make) drops PUBLIC, and every other schema there is
-- now (project schemas, public, an extension's) gets PUBLIC back per schema: only api
-- changes. A schema made later starts without it: grant EXECUTE there as needed.
DO $$
DECLARE
    v_schema name;
BEGIN
    FOR v_schema IN
        SELECT n.nspname FROM pg_namespace n
         WHERE n.nspname <> 'api' AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
         ORDER BY n.nspname
    LOOP
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO PUBLIC', v_schema);
    END LOOP;
END
$$;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Fail closed without a tenant. The api functions pgpattern_app may call (the three A/B
-- ones; api_surface.sql pins that there are no others) are SECURITY DEFINER: they read the
-- tables with their owner's rights, past row-level security, and 0407 looked in every
-- project when pgpattern.tenant was not set, as after RESET or DISCARD ALL in a pool. Now
-- they look for the role that called them: with a tenant, in its project (as before);
-- without one, in every project only for a role that reaches every project by itself,
-- else in none.
CREATE FUNCTION learning.calling_role()
RETURNS name
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Inside a SECURITY DEFINER function current_user is the function's owner: the role
    -- that called it is the session's, the one SET ROLE chose or else the session user.
    SELECT CASE WHEN current_setting('role') = 'none' THEN session_user ELSE current_setting('role')::name END
$$;
COMMENT ON FUNCTION learning.calling_role() IS 'The role the session acts as: the one SET ROLE chose, else the session user. Unlike current_user, it stays the caller''s inside a SECURITY DEFINER function.';

CREATE FUNCTION learning.reaches_every_tenant(p_table regclass, p_writing boolean)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    /*
     * Whether learning.calling_role() reaches every project's rows of p_table without
     * pgpattern.tenant, as row-level security lets it: a superuser, a role with BYPASSRLS,
     * the table's owner or pgpattern_writer (policy full_access), and for reading also
     * pgpattern_reader, which reads every project through api. Not pgpattern_app, and not
     * a role unknown here (fail closed).
     */
    SELECT coalesce(bool_or(r.rolsuper OR r.rolbypassrls
                            OR pg_has_role(r.oid, c.relowner, 'USAGE')
                            OR pg_has_role(r.oid, 'pgpattern_writer', 'USAGE')
                            OR (NOT p_writing AND pg_has_role(r.oid, 'pgpattern_reader', 'USAGE'))), false)
      FROM pg_roles r, pg_class c
     WHERE r.rolname = learning.calling_role() AND c.oid = p_table
$$;
COMMENT ON FUNCTION learning.reaches_every_tenant(regclass, boolean) IS 'Whether the calling role (learning.calling_role()) reaches every project''s rows of the table without pgpattern.tenant: superuser, BYPASSRLS, the table''s owner or pgpattern_writer; for reading (p_writing false) also pgpattern_reader. False for pgpattern_app.';

CREATE FUNCTION learning.ab_experiment(p_experiment_id uuid, p_writing boolean)
RETURNS learning.ab_testing_experiments
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_experiment learning.ab_testing_experiments;
    v_tenant     bigint := learning.current_tenant();
BEGIN
    /*
     * The experiment as the calling role may see it, to read it (p_writing false) or to
     * write in it: within the project of pgpattern.tenant when that is set; without it,
     * in every project for a role that reaches them all by itself
     * (learning.reaches_every_tenant), in none for the others. P0002 when there is none.
     */
    IF v_tenant IS NULL THEN
        IF NOT learning.reaches_every_tenant('learning.ab_testing_experiments', p_writing) THEN
            RAISE EXCEPTION 'experiment_id % does not exist for role %: pgpattern.tenant is not set',
                coalesce(p_experiment_id::text, 'NULL'), learning.calling_role()
                USING ERRCODE = 'no_data_found',
                      DETAIL = format('Without a tenant, role %s %s the A/B tests of no project (pgpattern_reader reads and pgpattern_writer writes those of every project).',
                                      learning.calling_role(), CASE WHEN p_writing THEN 'writes' ELSE 'reads' END),
                      HINT = 'SET pgpattern.tenant = ''<project_id>'' first, or set_config(''pgpattern.tenant'', ..., true) per transaction';
        END IF;
    END IF;
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
COMMENT ON FUNCTION learning.ab_experiment(uuid, boolean) IS 'An A/B experiment by id as the calling role may read it (p_writing false) or write in it: only in the project of pgpattern.tenant when that is set; without it, in every project for a role learning.reaches_every_tenant says reaches them, in none for pgpattern_app. Raises no_data_found (P0002) when there is none.';

CREATE OR REPLACE FUNCTION learning.ab_experiment(p_experiment_id uuid)
RETURNS learning.ab_testing_experiments
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The experiment as the calling role may read it (api.ab_results).
    RETURN learning.ab_experiment(p_experiment_id, false);
END
$$;
COMMENT ON FUNCTION learning.ab_experiment(uuid) IS 'An A/B experiment by id as the calling role may read it: learning.ab_experiment(id, false). Raises no_data_found (P0002) when there is none.';

CREATE OR REPLACE FUNCTION api.ab_assign(
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
    v_experiment := learning.ab_experiment(p_experiment_id, true);
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
COMMENT ON FUNCTION api.ab_assign(uuid, text, text, text) IS 'Assigns a user to a variant of a running A/B experiment and returns it: deterministic (md5 bucket of experiment and user against traffic_allocation), stored on first call, the same ever after; NULL when the user is outside the allocated traffic. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach), 55000 when it is not running, 22023 for a bad user id.';

CREATE OR REPLACE FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_experiment learning.ab_testing_experiments := learning.ab_experiment(p_experiment_id, true);
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
COMMENT ON FUNCTION api.ab_record_outcome(uuid, text, text, numeric) IS 'Records an assigned user''s outcome on one of the experiment''s target metrics (0 or 1 for a conversion, a number for a mean), replacing an earlier one. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach) or an unassigned user, 23514 for an unknown metric or a conversion not 0 or 1.';
COMMENT ON FUNCTION api.ab_results(uuid) IS 'An A/B experiment''s results per target metric and variant: assigned users, observations, conversions and conversion_rate (conversion metrics, over assigned users) or mean and stddev (mean metrics, over users with an outcome); for each treatment against control: lift (relative), difference, statistic (two-proportion z or Welch t), degrees_of_freedom (Welch), two-sided p_value, significant (p < significance_level), minimum_sample_size_met; and the sample-ratio-mismatch chi-square test of assignments against traffic_allocation (srm_detected when p < 0.001). For pgpattern_reader, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach).';
