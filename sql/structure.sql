--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: api; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA api;


--
-- Name: SCHEMA api; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA api IS 'The stable contract for applications and dashboards: views and functions only. Nothing outside this schema is a promise.';


--
-- Name: core; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA core;


--
-- Name: SCHEMA core; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA core IS 'Projects, development sessions, and what all other schemas share.';


--
-- Name: git; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA git;


--
-- Name: SCHEMA git; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA git IS 'Ingested git history: commits, file changes, file lineage across renames.';


--
-- Name: learning; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA learning;


--
-- Name: SCHEMA learning; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA learning IS 'Continuous learning: ML models, datasets, training, predictions, recommendations, evolution experiments, A/B tests, learning events, performance metrics.';


--
-- Name: ops; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA ops;


--
-- Name: SCHEMA ops; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA ops IS 'Operations: migration ledger, scheduled jobs, retention, partition maintenance, health, data-quality and integrity checks.';


--
-- Name: patterns; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA patterns;


--
-- Name: SCHEMA patterns; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA patterns IS 'Change-pattern discovery: sessions, the five pattern tables, insights, the update queue and its metrics.';


--
-- Name: workflow; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA workflow;


--
-- Name: SCHEMA workflow; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA workflow IS 'AI-agent workflow patterns, their occurrences and running statistics.';


--
-- Name: ab_assign(uuid, text, text, text); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text DEFAULT NULL::text, p_user_agent text DEFAULT NULL::text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text) IS 'Assigns a user to a variant of a running A/B experiment and returns it: deterministic (md5 bucket of experiment and user against traffic_allocation), stored on first call, the same ever after; NULL when the user is outside the allocated traffic. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach), 55000 when it is not running, 22023 for a bad user id.';


--
-- Name: ab_record_outcome(uuid, text, text, numeric); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric) IS 'Records an assigned user''s outcome on one of the experiment''s target metrics (0 or 1 for a conversion, a number for a mean), replacing an earlier one. For pgpattern_writer, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach) or an unassigned user, 23514 for an unknown metric or a conversion not 0 or 1.';


--
-- Name: ab_results(uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.ab_results(p_experiment_id uuid) RETURNS TABLE(metric_name text, metric_kind text, variant text, is_control boolean, assigned bigint, observations bigint, conversions bigint, conversion_rate double precision, mean double precision, stddev double precision, lift double precision, difference double precision, statistic double precision, degrees_of_freedom double precision, p_value double precision, significant boolean, minimum_sample_size_met boolean, srm_chi_square double precision, srm_p_value double precision, srm_detected boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
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


--
-- Name: FUNCTION ab_results(p_experiment_id uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.ab_results(p_experiment_id uuid) IS 'An A/B experiment''s results per target metric and variant: assigned users, observations, conversions and conversion_rate (conversion metrics, over assigned users) or mean and stddev (mean metrics, over users with an outcome); for each treatment against control: lift (relative), difference, statistic (two-proportion z or Welch t), degrees_of_freedom (Welch), two-sided p_value, significant (p < significance_level), minimum_sample_size_met; and the sample-ratio-mismatch chi-square test of assignments against traffic_allocation (srm_detected when p < 0.001). For pgpattern_reader, and for pgpattern_app in the project of pgpattern.tenant (none while it is not set). Raises P0002 for an unknown experiment (or one out of the caller''s reach).';


--
-- Name: author_directories(text, integer, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.author_directories(p_project text, p_max_authors integer DEFAULT 10, p_per_author integer DEFAULT 3) RETURNS TABLE(author_email text, author_name text, author_rank integer, directory text, directory_rank integer, changes bigint, share double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM core.check_bound('p_max_authors', p_max_authors, 1, 1000);
    PERFORM core.check_bound('p_per_author', p_per_author, 1, 100);
    RETURN QUERY
    WITH authors AS (SELECT * FROM patterns.top_authors(v_project_id, p_max_authors)),
    per_directory AS (
        SELECT c.author_key, patterns.parent_directory(fc.latest_path) AS directory, count(*) AS n
          FROM git.commits c
          JOIN authors a ON a.author_key = c.author_key
          JOIN git.file_changes fc ON fc.project_id = c.project_id AND fc.commit_id = c.commit_id
         WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1, 2
    ),
    ranked AS (
        SELECT d.*, row_number() OVER (PARTITION BY d.author_key ORDER BY d.n DESC, d.directory)::integer AS r,
               d.n::double precision / sum(d.n) OVER (PARTITION BY d.author_key) AS share
          FROM per_directory d
    )
    SELECT a.author_key, a.author_name, a.author_rank, r.directory, r.r, r.n, r.share
      FROM ranked r JOIN authors a ON a.author_key = r.author_key
     WHERE r.r <= p_per_author
     ORDER BY a.author_rank, r.r;
END
$$;


--
-- Name: FUNCTION author_directories(p_project text, p_max_authors integer, p_per_author integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.author_directories(p_project text, p_max_authors integer, p_per_author integer) IS 'The main directories of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits: each author''s p_per_author (1 to 100, default 3) directories (the directory holding the file, '''' for the root) with the most file changes, their changes and share of the author''s file changes.
Example: SELECT author_email, directory, changes, round(share::numeric, 2) FROM api.author_directories(''shop'', p_per_author => 2);';


--
-- Name: author_weekly_commits(text, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer DEFAULT 10) RETURNS TABLE(author_email text, author_name text, author_rank integer, week date, commits bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM core.check_bound('p_max_authors', p_max_authors, 1, 1000);
    RETURN QUERY
    WITH authors AS (SELECT * FROM patterns.top_authors(v_project_id, p_max_authors)),
    weeks AS (
        SELECT c.author_key, patterns.iso_week_start(c.authored_at) AS week, count(*) AS n
          FROM git.commits c JOIN authors a ON a.author_key = c.author_key
         WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1, 2
    )
    SELECT a.author_key, a.author_name, a.author_rank, w::date, coalesce(x.n, 0)
      FROM authors a
     CROSS JOIN LATERAL generate_series((SELECT min(week) FROM weeks WHERE weeks.author_key = a.author_key)::timestamp,
                                        (SELECT max(week) FROM weeks WHERE weeks.author_key = a.author_key)::timestamp,
                                        interval '1 week') w
      LEFT JOIN weeks x ON x.author_key = a.author_key AND x.week = w::date
     ORDER BY a.author_rank, 4;
END
$$;


--
-- Name: FUNCTION author_weekly_commits(p_project text, p_max_authors integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer) IS 'Commits per ISO week (its Monday, UTC, as the developer patterns count weeks) of a project''s p_max_authors (1 to 1000, default 10) authors with the most non-merge commits (author_rank 1 most), every week from each author''s first to last (empty ones with 0).
Example: SELECT author_email, week, commits FROM api.author_weekly_commits(''shop'', p_max_authors => 3) WHERE commits > 0;';


--
-- Name: commit_heatmap(text); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.commit_heatmap(p_project text) RETURNS TABLE(weekday integer, weekday_name text, hour integer, commits bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    RETURN QUERY
    WITH local AS (
        SELECT (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS at
          FROM git.commits c WHERE c.project_id = v_project_id AND NOT c.is_merge
    ),
    cells AS (
        SELECT extract(isodow FROM l.at)::integer AS weekday, extract(hour FROM l.at)::integer AS hour, count(*) AS n
          FROM local l GROUP BY 1, 2
    )
    SELECT d, (ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[d], h, coalesce(c.n, 0)
      FROM generate_series(1, 7) d CROSS JOIN generate_series(0, 23) h
      LEFT JOIN cells c ON c.weekday = d AND c.hour = h
     ORDER BY d, h;
END
$$;


--
-- Name: FUNCTION commit_heatmap(p_project text); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.commit_heatmap(p_project text) IS 'A project''s non-merge commits per weekday (1 Monday to 7 Sunday, ISO, with weekday_name) and hour (0 to 23) of the author''s local time: all 168 cells, empty ones with 0.
Example: SELECT weekday_name, hour, commits FROM api.commit_heatmap(''shop'') ORDER BY commits DESC LIMIT 3;';


--
-- Name: commit_months(text); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.commit_months(p_project text) RETURNS TABLE(month date, commits bigint, authors bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    RETURN QUERY
    WITH per_month AS (
        SELECT date_trunc('month', (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset))::date AS month,
               count(*) AS commits, count(DISTINCT c.author_key) AS authors
          FROM git.commits c WHERE c.project_id = v_project_id AND NOT c.is_merge
         GROUP BY 1
    )
    SELECT m::date, coalesce(p.commits, 0), coalesce(p.authors, 0)
      FROM generate_series((SELECT min(month) FROM per_month)::timestamp, (SELECT max(month) FROM per_month)::timestamp,
                           interval '1 month') m
      LEFT JOIN per_month p ON p.month = m::date
     ORDER BY 1;
END
$$;


--
-- Name: FUNCTION commit_months(p_project text); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.commit_months(p_project text) IS 'A project''s non-merge commits and distinct authors per month of the author''s local time, every month from the first to the last (empty ones with 0).
Example: SELECT month, commits, authors FROM api.commit_months(''shop'') ORDER BY month DESC LIMIT 12;';


--
-- Name: coupling_graph_edges(text, text, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text DEFAULT 'weak'::text, p_max_nodes integer DEFAULT 100) RETURNS TABLE(file_path_1 text, file_path_2 text, cooccurrence_count integer, confidence_score double precision, lift_score double precision, pattern_strength text, coupling_degree double precision, id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('pattern_strength', p_min_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_bound('p_max_nodes', p_max_nodes, 2, 2000);
    RETURN QUERY
        SELECT g.file_path_1, g.file_path_2, g.cooccurrence_count, g.confidence_score, g.lift_score,
               g.pattern_strength, g.coupling_degree, g.id
          FROM patterns.coupling_graph(v_project_id, coalesce(p_min_strength, 'weak'), p_max_nodes) g;
END
$$;


--
-- Name: FUNCTION coupling_graph_edges(p_project text, p_min_strength text, p_max_nodes integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text, p_max_nodes integer) IS 'The edges of a project''s coupling graph: active co-occurrence pairs at least p_min_strength (weak, moderate, strong or very_strong; default weak) between the graph''s nodes (api.coupling_graph_nodes with the same arguments: at most p_max_nodes files, 2 to 2000, default 100, taken in the order of their strongest pair by cooccurrence_count x confidence), strongest first, with cooccurrence_count, confidence, lift, strength, coupling_degree and the pattern id.
Example: SELECT file_path_1, file_path_2, cooccurrence_count, round(confidence_score::numeric, 2) FROM api.coupling_graph_edges(''shop'', p_min_strength => ''moderate'', p_max_nodes => 50);';


--
-- Name: coupling_graph_nodes(text, text, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text DEFAULT 'weak'::text, p_max_nodes integer DEFAULT 100) RETURNS TABLE(file_path text, directory text, changes integer, risk_level text, degree integer, max_confidence double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('pattern_strength', p_min_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_bound('p_max_nodes', p_max_nodes, 2, 2000);
    RETURN QUERY
        SELECT e.file_path, patterns.parent_directory(e.file_path), max(e.changes), m.risk_level,
               count(*)::integer, max(g.confidence_score)
          FROM patterns.coupling_graph(v_project_id, coalesce(p_min_strength, 'weak'), p_max_nodes) g
         CROSS JOIN LATERAL (VALUES (g.file_path_1, g.file_1_changes), (g.file_path_2, g.file_2_changes)) e (file_path, changes)
          LEFT JOIN patterns.change_magnitude_patterns m
                 ON m.project_id = v_project_id AND m.file_path = e.file_path AND m.is_active
         GROUP BY e.file_path, m.risk_level
         ORDER BY patterns.parent_directory(e.file_path), e.file_path;
END
$$;


--
-- Name: FUNCTION coupling_graph_nodes(p_project text, p_min_strength text, p_max_nodes integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text, p_max_nodes integer) IS 'The nodes of a project''s coupling graph (see api.coupling_graph_edges, same arguments): each file with its directory (for grouping), its changes, its risk_level (NULL without a magnitude pattern), its degree (edges in the graph) and the highest confidence among them; by directory, then path.
Example: SELECT directory, count(*) AS files, sum(degree) AS ends FROM api.coupling_graph_nodes(''shop'') GROUP BY directory;';


--
-- Name: experiment_convergence(bigint, uuid, integer, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 100, p_after integer DEFAULT NULL::integer) RETURNS TABLE(generation_number integer, scored_count integer, min_score numeric, max_score numeric, mean_score numeric, stddev_score numeric, best_so_far numeric, improvement_over_window numeric, generation_start timestamp with time zone, generation_end timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- One row per generation: its statistics, the best score so far and what the convergence test compares.
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    -- The window runs over every generation; the page (keyset on generation_number) is cut after it.
    RETURN QUERY
    SELECT w.generation_number, w.scored_count, w.min_score, w.max_score, w.mean_score, w.stddev_score,
           w.best_so_far, w.improvement, w.generation_start, w.generation_end
      FROM (SELECT c.generation_number, c.scored_count, c.min_score, c.max_score, c.mean_score, c.stddev_score,
                   c.best_so_far, c.best_so_far - lag(c.best_so_far, 5) OVER (ORDER BY c.generation_number) AS improvement,
                   c.generation_start, c.generation_end
              FROM (SELECT g.*, max(g.max_score) OVER (ORDER BY g.generation_number) AS best_so_far
                      FROM learning.evolution_generations g
                     WHERE g.project_id = p_project_id AND g.experiment_id = p_experiment_id) c) w
     WHERE p_after IS NULL OR w.generation_number > p_after
     ORDER BY w.generation_number
     LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after integer) IS 'An experiment''s convergence curve, one row per generation: its score statistics, best_so_far (the best score up to it) and improvement_over_window (best_so_far minus best_so_far five generations earlier: the experiment converges when this falls below convergence_threshold as a generation ends); a page at a time: p_limit rows (1 to 1000, default 100), p_after: the generation_number of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';


--
-- Name: experiment_leaderboard(bigint, uuid, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer DEFAULT 10, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(rank bigint, individual_id uuid, generation_number integer, individual_index integer, fitness_score numeric, evaluation_time_ms integer, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_after learning.evolution_individuals;
BEGIN
    -- The best scored individuals of an experiment, best first; equal scores share a rank.
    PERFORM core.check_limit(p_limit);
    IF NOT EXISTS (SELECT FROM learning.evolution_experiments e
                    WHERE e.project_id = p_project_id AND e.experiment_id = p_experiment_id) THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', coalesce(p_experiment_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM learning.evolution_individuals i
         WHERE i.project_id = p_project_id AND i.experiment_id = p_experiment_id AND i.individual_id = p_after
           AND i.fitness_score IS NOT NULL;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.experiment_leaderboard', format('experiment %s', p_experiment_id));
        END IF;
    END IF;
    -- Ranks over every scored individual, then the page after the cursor's place (keyset).
    RETURN QUERY
    SELECT r.rnk, r.individual_id, r.generation_number, r.individual_index, r.fitness_score, r.evaluation_time_ms, r.created_at
      FROM (SELECT rank() OVER (ORDER BY i.fitness_score DESC) AS rnk, i.individual_id, i.generation_number,
                   i.individual_index, i.fitness_score, i.evaluation_time_ms, i.created_at
              FROM learning.evolution_individuals i
             WHERE i.project_id = p_project_id AND i.experiment_id = p_experiment_id AND i.fitness_score IS NOT NULL) r
     WHERE p_after IS NULL
        OR (v_after.fitness_score, r.generation_number, r.individual_index)
         > (r.fitness_score, v_after.generation_number, v_after.individual_index)
     ORDER BY r.fitness_score DESC, r.generation_number, r.individual_index
     LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after uuid) IS 'The highest-scoring individuals of an experiment, with their rank (equal scores share one), generation and position, a page at a time: p_limit rows (1 to 1000, default 10); p_after: the individual_id of the previous page''s last row (NULL: the first page). Raises no_data_found (P0002) for an unknown experiment.';


--
-- Name: file_tree(text, integer); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.file_tree(p_project text, p_max_files integer DEFAULT 2000) RETURNS TABLE(node_path text, parent_path text, node_name text, node_type text, depth integer, files integer, changes bigint, lines_changed bigint, risk_level text, risk_score double precision, hotspot_score double precision, main_author text, main_author_name text, main_author_share double precision, authors integer, knowledge_silo boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- The project's files as a tree: its directories, its p_max_files most changed files,
    -- and per directory one node standing for the rest of the files below it (path 'dir/*').
    PERFORM core.check_bound('p_max_files', p_max_files, 1, 100000);
    RETURN QUERY
    WITH
    history AS MATERIALIZED (
        -- Per file and author: changes in non-merge commits; the file's newest status.
        SELECT fc.latest_path AS file_path, c.author_key, count(*) AS n,
               (array_agg(c.author_name ORDER BY c.committed_at DESC, c.sha DESC))[1] AS author_name,
               (array_agg(fc.status ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC))[1] AS last_status,
               max(c.committed_at) AS last_at
          FROM git.file_changes fc
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE fc.project_id = v_project_id AND NOT c.is_merge
         GROUP BY fc.latest_path, c.author_key
    ),
    authorship AS (
        SELECT DISTINCT ON (h.file_path) h.file_path, h.author_key, h.author_name,
               h.n::double precision / sum(h.n) OVER (PARTITION BY h.file_path) AS share,
               sum(h.n) OVER (PARTITION BY h.file_path) AS total,
               count(*) OVER (PARTITION BY h.file_path) AS authors,
               first_value(h.last_status) OVER (PARTITION BY h.file_path ORDER BY h.last_at DESC) AS last_status
          FROM history h
         ORDER BY h.file_path, h.n DESC, h.author_key
    ),
    files AS (
        -- The files of the current run that still exist, most changed first.
        SELECT m.file_path, m.total_changes::bigint AS changes,
               round(m.avg_lines_per_change * m.total_changes)::bigint AS lines_changed,
               m.risk_level, m.risk_score, m.hotspot_score,
               a.author_key, a.author_name, a.share, a.authors::integer AS authors,
               (a.total >= 10 AND a.share >= 0.9) AS knowledge_silo,
               patterns.parent_directory(m.file_path) AS directory,
               row_number() OVER (ORDER BY m.total_changes DESC, m.risk_score DESC, m.file_path) AS rank
          FROM patterns.change_magnitude_patterns m
          LEFT JOIN authorship a ON a.file_path = m.file_path
         WHERE m.project_id = v_project_id AND m.is_active AND a.last_status IS DISTINCT FROM 'D'
    ),
    drawn_directories AS (
        SELECT DISTINCT d.dir FROM files f CROSS JOIN LATERAL patterns.directory_prefixes(f.directory) d (dir)
         WHERE f.rank <= p_max_files
    ),
    folded AS (
        -- A file beyond the limit goes to the deepest directory above it that holds a drawn
        -- file, so a subtree with none drawn is one node, not a circle per directory.
        SELECT f.*, (SELECT d.dir FROM patterns.directory_prefixes(f.directory) WITH ORDINALITY d (dir, k)
                      WHERE d.dir IN (SELECT w.dir FROM drawn_directories w) ORDER BY d.k DESC LIMIT 1) AS home
          FROM files f WHERE f.rank > p_max_files
    ),
    leaves AS (
        SELECT f.file_path AS node_path, f.directory AS parent_path,
               regexp_replace(f.file_path, '^.*/', '') AS node_name, 'file' AS node_type, 1 AS files,
               f.changes, f.lines_changed, f.risk_level, f.risk_score, f.hotspot_score, f.author_key,
               f.author_name, f.share, f.authors, f.knowledge_silo
          FROM files f WHERE f.rank <= p_max_files
        UNION ALL
        SELECT concat_ws('/', nullif(f.home, ''), '*'), f.home,
               format('%s other files', count(*)), 'other', count(*)::integer,
               sum(f.changes)::bigint, sum(f.lines_changed)::bigint, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM folded f
         GROUP BY f.home
    ),
    directories AS (
        -- Every directory above a leaf, the root ('') included.
        SELECT d.dir, sum(l.files)::integer AS files, sum(l.changes)::bigint AS changes,
               sum(l.lines_changed)::bigint AS lines_changed
          FROM leaves l CROSS JOIN LATERAL patterns.directory_prefixes(l.parent_path) d (dir)
         GROUP BY d.dir
    )
    SELECT l.node_path, l.parent_path, l.node_name, l.node_type,
           array_length(string_to_array(l.node_path, '/'), 1), l.files, l.changes, l.lines_changed,
           l.risk_level, l.risk_score, l.hotspot_score, l.author_key, l.author_name, l.share, l.authors,
           l.knowledge_silo
      FROM leaves l
    UNION ALL
    SELECT d.dir, CASE WHEN d.dir = '' THEN NULL ELSE patterns.parent_directory(d.dir) END,
           CASE WHEN d.dir = '' THEN p_project ELSE regexp_replace(d.dir, '^.*/', '') END, 'directory',
           coalesce(array_length(string_to_array(nullif(d.dir, ''), '/'), 1), 0), d.files, d.changes,
           d.lines_changed, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM directories d
     ORDER BY 1;
END
$$;


--
-- Name: FUNCTION file_tree(p_project text, p_max_files integer); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.file_tree(p_project text, p_max_files integer) IS 'A project''s files as a tree, for hotspot and knowledge maps: one row per node (node_path, parent_path NULL for the root '''', node_name, node_type directory, file or other, depth). Files are those of the active change-magnitude patterns whose last change is not a delete: changes and lines_changed, risk_level, risk_score and hotspot_score of their pattern; main_author (email, lower case), main_author_name and main_author_share of the file''s non-merge commits; authors; knowledge_silo when the main author made at least 90% of 10 or more changes (the knowledge-silo insight''s rule). Only the p_max_files (1 to 100000, default 2000) most changed files are nodes; the others are one node of type other at ''dir/*'' per directory dir, the deepest above them that holds a drawn file, with their count and sums. Directories sum files, changes and lines_changed of everything below them.
Example: SELECT node_path, node_type, changes, risk_level, main_author FROM api.file_tree(''shop'', p_max_files => 500) WHERE node_type <> ''directory'' ORDER BY changes DESC LIMIT 10;';


--
-- Name: model_lineage(bigint, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) RETURNS TABLE(depth integer, model_id uuid, name text, version text, model_type text, status text, parent_model_id uuid, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- The model version (depth 0), its parent (depth 1), and so on up to the root.
    IF NOT EXISTS (SELECT FROM learning.ml_models m WHERE m.project_id = p_project_id AND m.model_id = p_model_id) THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', coalesce(p_model_id::text, 'NULL'), coalesce(p_project_id::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
    WITH RECURSIVE lineage AS (
        SELECT 0 AS lineage_depth, m.*
          FROM learning.ml_models m
         WHERE m.project_id = p_project_id AND m.model_id = p_model_id
        UNION ALL
        SELECT l.lineage_depth + 1, m.*
          FROM lineage l
          JOIN learning.ml_models m ON m.project_id = l.project_id AND m.model_id = l.parent_model_id
    )
    SELECT l.lineage_depth, l.model_id, l.name, l.version, l.model_type, l.status, l.parent_model_id, l.created_at
      FROM lineage l
     ORDER BY l.lineage_depth;
END
$$;


--
-- Name: FUNCTION model_lineage(p_project_id bigint, p_model_id uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) IS 'A model version''s lineage: the version itself (depth 0), the version it was derived from (depth 1), and so on to the root. Raises no_data_found (P0002) for an unknown model.';


--
-- Name: pattern_cooccurrence_search(text, text, double precision, double precision, text, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_cooccurrence_search(p_project text, p_file_path text DEFAULT NULL::text, p_min_confidence double precision DEFAULT 0, p_min_lift double precision DEFAULT 0, p_pattern_strength text DEFAULT NULL::text, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(file_path_1 text, file_path_2 text, cooccurrence_count integer, support_score double precision, confidence_score double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision, lift_score double precision, coupling_degree double precision, pattern_strength text, p_value double precision, statistical_significance double precision, first_observed_date timestamp with time zone, last_observed_date timestamp with time zone, contributing_commits text[], id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.file_cooccurrence_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_strength', p_pattern_strength, ARRAY['weak', 'moderate', 'strong', 'very_strong']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT c.* INTO v_after FROM patterns.file_cooccurrence_patterns c WHERE c.project_id = v_project_id AND c.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_cooccurrence_search', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset: a row comes after the cursor row in the order below, which ends in the pair, unique
    -- among the active rows (a pair of an earlier run is the same pair: it is not repeated). In the
    -- row comparison the descending keys take the cursor's value on the left, the ascending ones the row's.
    RETURN QUERY
        SELECT c.file_path_1, c.file_path_2, c.cooccurrence_count, c.support_score, c.confidence_score,
               c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
               c.p_value, c.statistical_significance, c.first_observed_date, c.last_observed_date, c.contributing_commits,
               c.id
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = v_project_id AND c.is_active
           AND (p_file_path IS NULL OR p_file_path IN (c.file_path_1, c.file_path_2))
           AND c.confidence_score >= p_min_confidence AND c.lift_score >= p_min_lift
           AND (p_pattern_strength IS NULL OR c.pattern_strength = p_pattern_strength)
           AND (p_after IS NULL
                OR (v_after.confidence_score, v_after.lift_score, c.file_path_1, c.file_path_2)
                 > (c.confidence_score, c.lift_score, v_after.file_path_1, v_after.file_path_2))
         ORDER BY c.confidence_score DESC, c.lift_score DESC, c.file_path_1, c.file_path_2
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION pattern_cooccurrence_search(p_project text, p_file_path text, p_min_confidence double precision, p_min_lift double precision, p_pattern_strength text, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_cooccurrence_search(p_project text, p_file_path text, p_min_confidence double precision, p_min_lift double precision, p_pattern_strength text, p_limit integer, p_after uuid) IS 'Active file co-occurrence patterns of a project, strongest first (confidence, lift, paths), a page at a time. p_file_path: pairs with this file (latest path); p_min_confidence, p_min_lift; p_pattern_strength: weak, moderate, strong or very_strong; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';


--
-- Name: pattern_developer_profile(text, text, double precision, boolean, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_developer_profile(p_project text, p_author_email text DEFAULT NULL::text, p_min_specialization double precision DEFAULT 0, p_include_collaboration boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(author_email text, author_name text, commit_count integer, change_velocity double precision, consistency_score double precision, commit_regularity_coefficient double precision, specialization_score double precision, specialty_files text[], avg_files_per_commit double precision, avg_lines_per_commit double precision, commit_type_distribution jsonb, frequent_collaborators text[], collaboration_files text[], temporal_overlap_score double precision, first_commit_date timestamp with time zone, last_commit_date timestamp with time zone, active_days_count integer, id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.developer_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT d.* INTO v_after FROM patterns.developer_patterns d WHERE d.project_id = v_project_id AND d.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_developer_profile', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT d.author_email, d.author_name, d.commit_count, d.change_velocity, d.consistency_score,
               d.commit_regularity_coefficient, d.specialization_score, d.specialty_files, d.avg_files_per_commit,
               d.avg_lines_per_commit, d.commit_type_distribution,
               CASE WHEN p_include_collaboration THEN d.frequent_collaborators END,
               CASE WHEN p_include_collaboration THEN d.collaboration_files END,
               CASE WHEN p_include_collaboration THEN d.temporal_overlap_score END,
               d.first_commit_date, d.last_commit_date, d.active_days_count, d.id
          FROM patterns.developer_patterns d
         WHERE d.project_id = v_project_id AND d.is_active
           AND (p_author_email IS NULL OR d.author_email = lower(p_author_email))
           AND d.specialization_score >= p_min_specialization
           AND (p_after IS NULL
                OR (v_after.commit_count, d.author_email) > (d.commit_count, v_after.author_email))
         ORDER BY d.commit_count DESC, d.author_email
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION pattern_developer_profile(p_project text, p_author_email text, p_min_specialization double precision, p_include_collaboration boolean, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_developer_profile(p_project text, p_author_email text, p_min_specialization double precision, p_include_collaboration boolean, p_limit integer, p_after uuid) IS 'Active developer patterns of a project, most commits first, a page at a time. p_author_email (any case); p_min_specialization; p_include_collaboration (true): with collaborators, shared files and overlap; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';


--
-- Name: pattern_discover(text, boolean, text[], double precision); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean DEFAULT false, p_algorithms text[] DEFAULT NULL::text[], p_confidence_threshold double precision DEFAULT 0.30) RETURNS TABLE(discovery_session_id uuid, reused boolean, status text, total_commits_analyzed integer, patterns_discovered integer, execution_time_ms integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_project_id bigint := patterns.project_id(p_project);
    v_session    uuid;
    v_reused     boolean := false;
BEGIN
    -- Without p_force_refresh, the latest completed run is reused when no commit arrived since.
    IF NOT p_force_refresh THEN
        SELECT s.id INTO v_session
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.status = 'completed'
           AND s.confidence_threshold = p_confidence_threshold
           AND (p_algorithms IS NULL OR s.algorithms @> p_algorithms)
           AND s.window_since IS NULL AND s.window_until IS NULL AND s.window_until_sha IS NULL
           AND s.discovery_timestamp >= (SELECT max(c.ingested_at) FROM git.commits c WHERE c.project_id = v_project_id)
         ORDER BY s.discovery_timestamp DESC LIMIT 1;
        v_reused := v_session IS NOT NULL;
    END IF;
    IF v_session IS NULL THEN
        v_session := patterns.discover_patterns(
            p_project, coalesce(p_algorithms, ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights']),
            p_confidence_threshold);
    END IF;
    RETURN QUERY
        SELECT s.id, v_reused, s.status, s.total_commits_analyzed, s.patterns_discovered, s.execution_time_ms
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
END
$$;


--
-- Name: FUNCTION pattern_discover(p_project text, p_force_refresh boolean, p_algorithms text[], p_confidence_threshold double precision); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean, p_algorithms text[], p_confidence_threshold double precision) IS 'Discovers a project''s patterns (patterns.discover_patterns) unless a completed run with these settings is newer than its latest ingested commit and p_force_refresh is false. p_algorithms: cooccurrence, temporal, developer, magnitude, insights (default all). Returns the run.';


--
-- Name: pattern_insights_get(text, text, double precision, text, text, boolean, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_insights_get(p_project text, p_insight_type text DEFAULT NULL::text, p_min_confidence double precision DEFAULT 0, p_risk_level text DEFAULT NULL::text, p_validation_status text DEFAULT NULL::text, p_include_recommendations boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(id uuid, insight_type text, subject text, title text, description text, confidence_score double precision, risk_level text, priority_score integer, recommendations text[], statistical_support jsonb, supporting_pattern_ids uuid[], validation_status text, created_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.pattern_insights;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('insight_type', p_insight_type, ARRAY['file_coupling', 'temporal_patterns', 'developer_specialization', 'high_risk_files', 'change_anomalies', 'collaboration_gaps', 'architectural_hotspots', 'quality_concerns']);
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('validation_status', p_validation_status, ARRAY['pending', 'validated', 'rejected', 'implemented']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT i.* INTO v_after FROM patterns.pattern_insights i WHERE i.project_id = v_project_id AND i.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_insights_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT i.id, i.insight_type, i.subject, i.title, i.description, i.confidence_score, i.risk_level,
               i.priority_score, CASE WHEN p_include_recommendations THEN i.recommendations END,
               i.statistical_support, i.supporting_pattern_ids, i.validation_status, i.created_at
          FROM patterns.pattern_insights i
         WHERE i.project_id = v_project_id AND i.is_active
           AND (p_insight_type IS NULL OR i.insight_type = p_insight_type)
           AND i.confidence_score >= p_min_confidence
           AND (p_risk_level IS NULL OR i.risk_level = p_risk_level)
           AND (p_validation_status IS NULL OR i.validation_status = p_validation_status)
           AND (p_after IS NULL
                OR (v_after.priority_score, v_after.confidence_score, i.insight_type, i.subject)
                 > (i.priority_score, i.confidence_score, v_after.insight_type, v_after.subject))
         ORDER BY i.priority_score DESC, i.confidence_score DESC, i.insight_type, i.subject
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION pattern_insights_get(p_project text, p_insight_type text, p_min_confidence double precision, p_risk_level text, p_validation_status text, p_include_recommendations boolean, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_insights_get(p_project text, p_insight_type text, p_min_confidence double precision, p_risk_level text, p_validation_status text, p_include_recommendations boolean, p_limit integer, p_after uuid) IS 'Active insights of a project, highest priority first, a page at a time. p_insight_type (one of the eight types); p_min_confidence; p_risk_level; p_validation_status: pending, validated, rejected or implemented; p_include_recommendations (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';


--
-- Name: pattern_risk_files(text, text, double precision, text, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_risk_files(p_project text, p_risk_level text DEFAULT NULL::text, p_min_anomaly_score double precision DEFAULT 0, p_file_category text DEFAULT NULL::text, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(file_path text, risk_level text, risk_score double precision, hotspot_score double precision, anomaly_score double precision, stability_score double precision, contributor_diversity_score double precision, volatility_score double precision, change_frequency double precision, change_trend text, change_category text, file_category text, total_changes integer, last_change_date timestamp with time zone, id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.change_magnitude_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('risk_level', p_risk_level, ARRAY['low', 'medium', 'high', 'critical']);
    PERFORM patterns.check_choice('file_category', p_file_category, ARRAY['test', 'docs', 'ci', 'config', 'source']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT m.* INTO v_after FROM patterns.change_magnitude_patterns m WHERE m.project_id = v_project_id AND m.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_risk_files', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search: descending keys compare the cursor's value first.
    RETURN QUERY
        SELECT m.file_path, m.risk_level, m.risk_score, m.hotspot_score, m.anomaly_score, m.stability_score,
               m.contributor_diversity_score, m.volatility_score, m.change_frequency, m.change_trend, m.change_category,
               m.file_category, m.total_changes, m.last_change_date, m.id
          FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = v_project_id AND m.is_active
           AND (p_risk_level IS NULL OR m.risk_level = p_risk_level)
           AND m.anomaly_score >= p_min_anomaly_score
           AND (p_file_category IS NULL OR m.file_category = p_file_category)
           AND (p_after IS NULL
                OR (v_after.risk_score, v_after.hotspot_score, m.file_path)
                 > (m.risk_score, m.hotspot_score, v_after.file_path))
         ORDER BY m.risk_score DESC, m.hotspot_score DESC, m.file_path
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION pattern_risk_files(p_project text, p_risk_level text, p_min_anomaly_score double precision, p_file_category text, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_risk_files(p_project text, p_risk_level text, p_min_anomaly_score double precision, p_file_category text, p_limit integer, p_after uuid) IS 'Active change-magnitude patterns of a project, riskiest first, a page at a time. p_risk_level: low, medium, high or critical; p_min_anomaly_score; p_file_category: test, docs, ci, config or source; p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';


--
-- Name: pattern_temporal_get(text, text, double precision, boolean, integer, uuid); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.pattern_temporal_get(p_project text, p_pattern_type text DEFAULT NULL::text, p_min_significance double precision DEFAULT 0, p_active_only boolean DEFAULT true, p_limit integer DEFAULT 100, p_after uuid DEFAULT NULL::uuid) RETURNS TABLE(pattern_type text, pattern_strength double precision, statistical_significance double precision, p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer, period_labels text[], commit_distribution integer[], peak_periods integer[], peak_labels text[], contributing_authors text[], contributing_files text[], date_range_start timestamp with time zone, date_range_end timestamp with time zone, is_active boolean, discovered_at timestamp with time zone, id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_after      patterns.temporal_patterns;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    -- PL/pgSQL, not SQL: its plans are cached across calls (a SQL function is planned at every call).
    PERFORM patterns.check_choice('pattern_type', p_pattern_type, ARRAY['hourly', 'daily', 'weekly', 'monthly', 'seasonal']);
    PERFORM core.check_limit(p_limit);
    IF p_after IS NOT NULL THEN
        SELECT t.* INTO v_after FROM patterns.temporal_patterns t WHERE t.project_id = v_project_id AND t.id = p_after;
        IF NOT FOUND THEN
            PERFORM core.unknown_page_key(p_after::text, 'api.pattern_temporal_get', format('project %s', p_project));
        END IF;
    END IF;
    -- Keyset as in api.pattern_cooccurrence_search; inactive rows of earlier runs may be listed too,
    -- so the order ends in the row's id.
    RETURN QUERY
        SELECT t.pattern_type, t.pattern_strength, t.statistical_significance, t.p_value, t.chi_square_statistic,
               t.degrees_of_freedom, t.period_labels, t.commit_distribution, t.peak_periods,
               ARRAY(SELECT t.period_labels[p + 1] FROM unnest(t.peak_periods) WITH ORDINALITY u(p, o) ORDER BY o),
               t.contributing_authors, t.contributing_files, t.date_range_start, t.date_range_end, t.is_active, t.created_at,
               t.id
          FROM patterns.temporal_patterns t
         WHERE t.project_id = v_project_id
           AND (NOT p_active_only OR t.is_active)
           AND (p_pattern_type IS NULL OR t.pattern_type = p_pattern_type)
           AND t.statistical_significance >= p_min_significance
           AND (p_after IS NULL
                OR (v_after.is_active, v_after.created_at, v_after.statistical_significance, t.pattern_type, t.id)
                 > (t.is_active, t.created_at, t.statistical_significance, v_after.pattern_type, v_after.id))
         ORDER BY t.is_active DESC, t.created_at DESC, t.statistical_significance DESC, t.pattern_type, t.id
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION pattern_temporal_get(p_project text, p_pattern_type text, p_min_significance double precision, p_active_only boolean, p_limit integer, p_after uuid); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.pattern_temporal_get(p_project text, p_pattern_type text, p_min_significance double precision, p_active_only boolean, p_limit integer, p_after uuid) IS 'Temporal patterns of a project with their peak labels, active and newest first, a page at a time. p_pattern_type: hourly, daily, weekly, monthly or seasonal; p_min_significance (-log10 p); p_active_only (true); p_limit rows (1 to 1000, default 100); p_after: the id of the previous page''s last row (NULL: the first page).';


--
-- Name: performance_anomalies(interval, interval, double precision); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.performance_anomalies(p_recent interval DEFAULT '01:00:00'::interval, p_baseline interval DEFAULT '7 days'::interval, p_threshold double precision DEFAULT 3.5) RETURNS TABLE(metric_name text, source_component text, recent_samples bigint, recent_median double precision, baseline_samples bigint, baseline_median double precision, baseline_mad double precision, robust_z double precision, direction text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT * FROM ops.detect_performance_anomalies(p_recent, p_baseline, p_threshold)
$$;


--
-- Name: FUNCTION performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision) IS 'Performance metrics whose recent median leaves their baseline (ops.detect_performance_anomalies with at least 30 baseline samples): metric_name, source_component, the medians, MAD, robust_z and direction.';


--
-- Name: prediction_accuracy(bigint, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text DEFAULT 'day'::text, p_from timestamp with time zone DEFAULT (now() - '30 days'::interval), p_to timestamp with time zone DEFAULT 'infinity'::timestamp with time zone) RETURNS TABLE(model_id uuid, model_name text, model_version text, prediction_type text, bucket_start timestamp with time zone, predictions bigint, validated bigint, expired bigint, mean_accuracy numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Predictions made in [p_from, p_to), grouped by model, type and UTC time bucket.
    IF p_bucket IS NULL OR p_bucket NOT IN ('hour', 'day', 'week', 'month') THEN
        RAISE EXCEPTION 'p_bucket must be hour, day, week or month, not %', coalesce(p_bucket, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    SELECT m.model_id, m.name, m.version, p.prediction_type,
           date_trunc(p_bucket, p.prediction_timestamp, 'UTC') AS bucket,
           count(*), count(*) FILTER (WHERE p.status = 'validated'), count(*) FILTER (WHERE p.status = 'expired'),
           round(avg(p.accuracy_score) FILTER (WHERE p.status = 'validated'), 4)
      FROM learning.predictions p
      JOIN learning.ml_models m ON m.project_id = p.project_id AND m.model_id = p.model_id
     WHERE p.project_id = p_project_id AND p.prediction_timestamp >= p_from AND p.prediction_timestamp < p_to
     GROUP BY m.model_id, m.name, m.version, p.prediction_type, bucket
     ORDER BY m.name, m.version, p.prediction_type, bucket;
END
$$;


--
-- Name: FUNCTION prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone) IS 'Prediction accuracy of a project over time: for predictions made in [p_from, p_to) (default: from 30 days ago on), per model version, prediction type and p_bucket (hour, day, week or month, in UTC; default day): predictions made, validated, expired, and the mean accuracy_score of the validated ones.';


--
-- Name: suggest_cochanges(text, text[], integer, text, text); Type: FUNCTION; Schema: api; Owner: -
--

CREATE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10, p_author text DEFAULT NULL::text, p_ranking text DEFAULT 'recent'::text) RETURNS TABLE(file_path text, score double precision, confidence double precision, cochanges integer, query_file text, query_changes integer, recent_cochanges integer, recent_changes integer, author_cochanges integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
DECLARE
    v_project_id bigint;
    v_author_id  integer;
    v_beta       double precision := CASE WHEN p_author IS NULL THEN 0 ELSE 2 END;
    v_queries    text[];
    v_query_ids  integer[];
    v_row        record;
    v_files      text[] := ARRAY[]::text[];
    v_from       text[] := ARRAY[]::text[];
    v_scores     double precision[] := ARRAY[]::double precision[];
    v_cochanges  integer[] := ARRAY[]::integer[];
    v_changes    integer[] := ARRAY[]::integer[];
    v_group_ids     integer[] := ARRAY[]::integer[];
    v_group_from    text[] := ARRAY[]::text[];
    v_group_changes integer[] := ARRAY[]::integer[];
    v_group_score   double precision;
    v_group_nqx     integer;
    v_pick          record;
BEGIN
    /*
     * Spec section 6. Query paths are mapped through lineage (any path a file had); the
     * candidates are the files that changed with a query file in a counted commit (not a
     * merge, at most 30 files), less the query files and the files deleted as of the
     * latest commit. `recent`: score(x) = sum over q of s(q, x) / S(q), each sum over q's
     * counted commits j (newest first) of 2^(-(j - 1) / 16) * (1 + 2 [author of j = a]),
     * s over those that also change x; ties by n(q, x) of the contributing q (the q of the
     * largest term), then path. `confidence`: the best n(q, x) / n(q), ties by n(q, x),
     * then path.
     */
    PERFORM patterns.check_choice('ranking', p_ranking, ARRAY['recent', 'confidence']);
    IF p_ranking IS NULL THEN
        RAISE EXCEPTION 'ranking must be recent or confidence, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_project_id := patterns.project_id(p_project);
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The files a path names: the file whose latest path it is, and the files it was renamed
    -- into (a change at the path before such a rename belongs to the rename's file). Two
    -- index probes, where the distinct latest paths of every change at the path would read
    -- a hot file's whole history.
    v_queries := ARRAY(
        SELECT r.latest_path FROM git.file_changes r
         WHERE r.project_id = v_project_id AND r.status = 'R' AND r.old_path = ANY (p_files)
        UNION
        SELECT f.path FROM unnest(p_files) f (path)
         WHERE EXISTS (SELECT FROM git.file_changes l WHERE l.project_id = v_project_id AND l.latest_path = f.path));
    v_query_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = v_project_id AND g.path = ANY (v_queries));
    v_author_id := (SELECT a.author_id FROM git.authors a WHERE a.project_id = v_project_id AND a.author_key = lower(p_author));
    -- Best first, a group of equal (score, n(q, x)) at a time: only the groups taken have their
    -- paths looked up (to order a group by path) and their deleted files left out (on ansible
    -- most of a hot file's partners are deleted: looking up every partner cost more than the
    -- ranking). Paths compare in "C" here: the grouping sorts run on bytes.
    FOR v_row IN
        WITH
        clock AS (
            SELECT g.path_id AS query_file_id, g.path COLLATE "C" AS query_file, f.cooc_changes AS n
              FROM patterns.file_change_counts f
              JOIN git.paths g ON g.project_id = v_project_id AND g.path = f.file_path
             WHERE f.project_id = v_project_id AND f.file_path = ANY (v_queries) AND f.cooc_changes > 0
        ),
        totals AS (
            SELECT c.query_file_id, c.query_file, c.n,
                   sum(r.weight * patterns.recency_decay(c.n - r.stamp)
                       * (1 + v_beta * coalesce(r.author_id = v_author_id, false)::integer)) AS total
              FROM clock c
              JOIN patterns.file_author_recency r ON r.project_id = v_project_id AND r.file_id = c.query_file_id
             GROUP BY c.query_file_id, c.query_file, c.n
        ),
        terms AS (
            SELECT t.query_file, t.n, p.file_id AS candidate_id,
                   sum(p.changes)::integer AS nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(p.weight * patterns.recency_decay(t.n - p.stamp)
                                 * (1 + v_beta * coalesce(p.author_id = v_author_id, false)::integer)) / t.total
                        ELSE sum(p.changes)::double precision / t.n END AS term
              FROM totals t
              JOIN patterns.pair_author_recency p ON p.project_id = v_project_id AND p.query_file_id = t.query_file_id
             WHERE p.file_id <> ALL (v_query_ids)
             GROUP BY t.query_file, t.n, t.total, p.file_id
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term.
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent' THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate_id, tm.term DESC, tm.nqx DESC, tm.query_file
        )
        -- Then a sentinel row: the last group of equal (score, n(q, x)) is taken at its end.
        SELECT false AS sentinel, r.candidate_id, r.query_file COLLATE "default" AS query_file, r.n, r.nqx, r.score
          FROM ranked r
        UNION ALL
        SELECT true, NULL, NULL, NULL, NULL, NULL
         ORDER BY sentinel, score DESC, nqx DESC
    LOOP
        IF cardinality(v_group_ids) > 0
           AND (v_row.sentinel OR (v_row.score, v_row.nqx) <> (v_group_score, v_group_nqx)) THEN
            FOR v_pick IN
                SELECT u.path, u.query_file, u.n
                  FROM (SELECT g.id, g.query_file, g.n,
                               (SELECT x.path FROM git.paths x WHERE x.project_id = v_project_id AND x.path_id = g.id) AS path
                          FROM unnest(v_group_ids, v_group_from, v_group_changes) g (id, query_file, n)) u
                 WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d WHERE d.project_id = v_project_id AND d.file_id = u.id)
                 ORDER BY u.path COLLATE "C"
                 LIMIT p_k - cardinality(v_files)
            LOOP
                v_files := v_files || v_pick.path;
                v_from := v_from || v_pick.query_file;
                v_scores := v_scores || v_group_score;
                v_cochanges := v_cochanges || v_group_nqx;
                v_changes := v_changes || v_pick.n;
            END LOOP;
            EXIT WHEN cardinality(v_files) >= p_k;
            v_group_ids := ARRAY[]::integer[];
            v_group_from := ARRAY[]::text[];
            v_group_changes := ARRAY[]::integer[];
        END IF;
        v_group_ids := v_group_ids || v_row.candidate_id;
        v_group_from := v_group_from || v_row.query_file;
        v_group_changes := v_group_changes || v_row.n;
        v_group_score := v_row.score;
        v_group_nqx := v_row.nqx;
    END LOOP;
    RETURN QUERY
    WITH
    chosen AS (
        SELECT * FROM unnest(v_files, v_from, v_scores, v_cochanges, v_changes)
                      WITH ORDINALITY u (candidate, query_file, score, nqx, n, rank)
    ),
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (read once per query file, not once per row).
    recent AS MATERIALIZED (
        SELECT q.query_file, l.commit_id, l.author_key
          FROM (SELECT DISTINCT ch.query_file FROM chosen ch) q
         CROSS JOIN LATERAL (
                SELECT l.commit_id, l.author_key
                  FROM patterns.live_changes l
                  JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = v_project_id AND l.file_path = q.query_file AND l.commit_files <= 30
                 ORDER BY l.authored_at DESC, l.committed_at DESC, c.generation DESC, l.sha COLLATE "C" DESC
                 LIMIT 20) l
    ),
    shared AS (
        SELECT r.query_file, x.file_path, count(*) AS shared, count(*) FILTER (WHERE r.author_key = lower(p_author)) AS yours
          FROM recent r
          JOIN patterns.live_changes x ON x.project_id = v_project_id AND x.commit_id = r.commit_id
         GROUP BY r.query_file, x.file_path
    )
    SELECT ch.candidate, ch.score, ch.nqx::double precision / ch.n, ch.nqx, ch.query_file, ch.n,
           coalesce(s.shared, 0)::integer, (SELECT count(*) FROM recent r WHERE r.query_file = ch.query_file)::integer,
           CASE WHEN p_author IS NOT NULL THEN coalesce(s.yours, 0)::integer END
      FROM chosen ch
      LEFT JOIN shared s ON s.query_file = ch.query_file AND s.file_path = ch.candidate
     ORDER BY ch.rank;
END
$$;


--
-- Name: FUNCTION suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text); Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text) IS 'Given the files someone is changing (any path they had) and optionally their email (p_author), the k (default 10) other files most likely to need a change too (spec section 6), ranked by p_ranking: recent (default; co-changes decayed by the query file''s own changes, half-life 16, the author''s weighing 3 times) or confidence (n(q,x)/n(q)). Each row: file_path, score, confidence, cochanges n(q,x), the query_file q contributing most and its query_changes n(q); recent_cochanges of its recent_changes (q''s last 20 counted changes, fewer when q has fewer) changed it too, author_cochanges of those by p_author (NULL without one). Deleted files are left out.';


--
-- Name: check_bound(text, integer, integer, integer); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.check_bound(p_name text, p_value integer, p_min integer, p_max integer) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_value IS NULL OR p_value NOT BETWEEN p_min AND p_max THEN
        RAISE EXCEPTION '% must be between % and %, not %', p_name, p_min, p_max, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;


--
-- Name: FUNCTION check_bound(p_name text, p_value integer, p_min integer, p_max integer); Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON FUNCTION core.check_bound(p_name text, p_value integer, p_min integer, p_max integer) IS 'Raises invalid_parameter_value (22023) naming the parameter p_name and its value unless it is between p_min and p_max: the node and author limits of the visualisation functions.';


--
-- Name: check_limit(integer, integer); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.check_limit(p_limit integer, p_max integer DEFAULT 1000) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND p_max THEN
        RAISE EXCEPTION 'p_limit must be between 1 and %, not %', p_max, coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('ask for at most %s rows a call, and for the next page with p_after => the key of the last row', p_max);
    END IF;
END
$$;


--
-- Name: FUNCTION check_limit(p_limit integer, p_max integer); Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON FUNCTION core.check_limit(p_limit integer, p_max integer) IS 'Raises invalid_parameter_value (22023) naming p_limit and its value unless it is between 1 and p_max (default 1000): the page size of the api lists.';


--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Keeps updated_at true without trusting every writer to set it.
    NEW.updated_at := now();
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION touch_updated_at(); Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON FUNCTION core.touch_updated_at() IS 'BEFORE UPDATE trigger function: sets updated_at to now().';


--
-- Name: unknown_page_key(text, text, text); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.unknown_page_key(p_after text, p_list text, p_scope text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'p_after % is not a row of % in %', p_after, p_list, p_scope
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = 'p_after must be the key of the last row of a page of this list; that row may have been removed since (old discovery sessions and their patterns are purged, for example).',
              HINT = 'start again from the first page (p_after NULL)';
END
$$;


--
-- Name: FUNCTION unknown_page_key(p_after text, p_list text, p_scope text); Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON FUNCTION core.unknown_page_key(p_after text, p_list text, p_scope text) IS 'Raises invalid_parameter_value (22023) naming p_after, the list and its scope: the key given is not a row of that list (any more).';


--
-- Name: begin_ingest(text, text, text); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.begin_ingest(p_project text, p_repository text, p_ref text) RETURNS TABLE(project_id bigint, previous_tip text, stored_commits bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Creates the project on first use and says where its last ingest of p_ref ended.
    IF p_project IS NULL OR p_project !~ '\S' OR length(p_project) > 200 OR p_project ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'invalid project name %: use 1 to 200 characters without control characters',
            coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_ref IS NULL OR p_ref !~ '\S' THEN
        RAISE EXCEPTION 'invalid ref %: name a branch, tag, commit or HEAD', coalesce(quote_literal(p_ref), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO core.projects (name, repository_path) VALUES (p_project, p_repository)
    ON CONFLICT (name) DO UPDATE SET repository_path = coalesce(excluded.repository_path, core.projects.repository_path);
    RETURN QUERY
        SELECT p.project_id, r.tip_sha,
               (SELECT count(*) FROM git.commits c WHERE c.project_id = p.project_id)
          FROM core.projects p
          LEFT JOIN git.ingested_refs r ON r.project_id = p.project_id AND r.ref_name = p_ref
         WHERE p.name = p_project;
END
$$;


--
-- Name: FUNCTION begin_ingest(p_project text, p_repository text, p_ref text); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.begin_ingest(p_project text, p_repository text, p_ref text) IS 'Starts an ingest: creates the project (name, repository path) if needed and returns its id, the tip its last ingest of the ref ended at (NULL on the first) and how many commits it holds.';


--
-- Name: finish_ingest(bigint, text, text, bigint); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint DEFAULT 0) RETURNS TABLE(stored_commits bigint, lineage_rows_changed bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_commits bigint;
    v_lineage bigint;
    v_mark    bigint;
    v_last    bigint;
    v_pending bigint[];
BEGIN
    -- Brings lineage up to date and records where this ingest of p_ref ended.
    IF NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = p_project_id AND c.sha = p_tip) THEN
        RAISE EXCEPTION 'tip % of % was not ingested for project %', p_tip, p_ref, p_project_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'finish_ingest is called after the tip and its history are stored';
    END IF;
    SELECT count(*) INTO v_commits FROM git.commits c WHERE c.project_id = p_project_id;
    -- The commits stored since the last ingest's lineage (an interrupted ingest's too):
    -- refreshed on their own, or the whole project when there is no mark or they are many.
    SELECT m.through_commit_id INTO v_mark FROM git.lineage_marks m WHERE m.project_id = p_project_id;
    SELECT max(c.commit_id) INTO v_last FROM git.commits c WHERE c.project_id = p_project_id;
    v_pending := ARRAY(SELECT c.commit_id FROM git.commits c
                        WHERE c.project_id = p_project_id AND c.commit_id > coalesce(v_mark, 0)
                        ORDER BY c.commit_id);
    IF v_mark IS NULL OR cardinality(v_pending) * 10 >= v_commits THEN
        v_lineage := git.refresh_lineage(p_project_id);
    ELSE
        v_lineage := git.refresh_lineage(p_project_id, v_pending);
    END IF;
    INSERT INTO git.lineage_marks AS m (project_id, through_commit_id)
    VALUES (p_project_id, v_last)
    ON CONFLICT ON CONSTRAINT lineage_marks_pkey DO UPDATE
        SET through_commit_id = excluded.through_commit_id, refreshed_at = now();
    -- After a large ingest, fresh statistics make discovery plan well at once (autovacuum
    -- would catch up, but only after the first discovery ran on stale estimates).
    IF p_new_commits >= 1000 OR p_new_commits * 10 >= v_commits THEN
        ANALYZE git.commits;
        ANALYZE git.file_changes;
    END IF;
    INSERT INTO git.ingested_refs AS r (project_id, ref_name, tip_sha, commits)
    VALUES (p_project_id, p_ref, p_tip, v_commits)
    ON CONFLICT ON CONSTRAINT ingested_refs_pkey DO UPDATE
        SET tip_sha = excluded.tip_sha, commits = excluded.commits, ingested_at = now();
    RETURN QUERY SELECT v_commits, v_lineage;
END
$$;


--
-- Name: FUNCTION finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint) IS 'Ends an ingest: refreshes the lineage of the commits stored since the last ingest (git.lineage_marks; the whole project on a first ingest or when they are a tenth of it or more), records the ref''s tip and, after a large ingest (p_new_commits at least 1000 or a tenth of the history), analyzes the history tables; returns the project''s commit count and the lineage rows changed.';


--
-- Name: forget_history(bigint); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.forget_history(p_project_id bigint) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- For a full re-ingest: the project's commits, file changes and ingest marks go.
    DELETE FROM git.ingested_refs r WHERE r.project_id = p_project_id;
    DELETE FROM git.commits c WHERE c.project_id = p_project_id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;


--
-- Name: FUNCTION forget_history(p_project_id bigint); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.forget_history(p_project_id bigint) IS 'Deletes a project''s ingested history (commits, file changes, ingest marks) and returns how many commits went; the project itself stays.';


--
-- Name: intern_keys(bigint, text[], text[]); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.intern_keys(p_project_id bigint, p_paths text[], p_authors text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Numbers for the paths and authors that have none yet (only the missing ones are
    -- inserted: a conflict would still take a number from the sequence).
    INSERT INTO git.paths (project_id, path)
    SELECT DISTINCT p_project_id, u.path FROM unnest(p_paths) u (path)
     WHERE u.path IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.paths g WHERE g.project_id = p_project_id AND g.path = u.path)
    ON CONFLICT DO NOTHING;
    INSERT INTO git.authors (project_id, author_key)
    SELECT DISTINCT p_project_id, u.author_key FROM unnest(p_authors) u (author_key)
     WHERE u.author_key IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.authors a WHERE a.project_id = p_project_id AND a.author_key = u.author_key)
    ON CONFLICT DO NOTHING;
END
$$;


--
-- Name: FUNCTION intern_keys(p_project_id bigint, p_paths text[], p_authors text[]); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.intern_keys(p_project_id bigint, p_paths text[], p_authors text[]) IS 'Gives the paths and author keys of a project that have no number yet one in git.paths and git.authors.';


--
-- Name: refresh_lineage(bigint); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.refresh_lineage(p_project_id bigint) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * The whole project at once. Only changes at a path some rename leaves can belong to
     * another path: each looks for the first rename away from its path strictly after its
     * commit (walking each path backwards, the earliest rename seen so far is the next),
     * and each rename likewise from its new path on, which chains renames to the file's
     * latest path. Every other change is its own path's.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    renames AS MATERIALIZED (
        SELECT row_number() OVER () AS id, fc.old_path AS source, fc.path AS target, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    queries AS (
        -- The changes made at a path some rename leaves.
        SELECT fc.commit_id, fc.change_no, NULL::bigint AS rename_id, fc.path, o.pos
          FROM git.file_changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND EXISTS (SELECT FROM renames r WHERE r.source = fc.path)
        UNION ALL
        -- Each rename, looking on from its new path.
        SELECT NULL, NULL, r.id, r.target, r.pos
          FROM renames r
         WHERE EXISTS (SELECT FROM renames a WHERE a.source = r.target)
    ),
    nexts AS (
        -- At one commit the queries come first: a rename is only next when strictly after.
        SELECT x.commit_id, x.change_no, x.rename_id, x.path, x.next_pos
          FROM (SELECT u.is_query, u.commit_id, u.change_no, u.rename_id, u.path,
                       min(u.pos) FILTER (WHERE NOT u.is_query) OVER (
                           PARTITION BY u.path ORDER BY u.pos DESC, u.is_query DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_pos
                  FROM (SELECT false AS is_query, NULL::bigint AS commit_id, NULL::integer AS change_no,
                               NULL::bigint AS rename_id, r.source AS path, r.pos
                          FROM renames r
                        UNION ALL
                        SELECT true, q.commit_id, q.change_no, q.rename_id, q.path, q.pos
                          FROM queries q) u) x
         WHERE x.is_query
    ),
    next_rename AS (
        SELECT DISTINCT ON (n.commit_id, n.change_no, n.rename_id)
               n.commit_id, n.change_no, n.rename_id, n.path, r.id AS next_id
          FROM nexts n
          LEFT JOIN renames r ON r.source = n.path AND r.pos = n.next_pos
         ORDER BY n.commit_id, n.change_no, n.rename_id, r.id
    ),
    chain AS (
        SELECT r.id AS start_id, r.id AS current_id, 0 AS depth
          FROM renames r
        UNION ALL
        SELECT c.start_id, nr.next_id, c.depth + 1
          FROM chain c
          JOIN next_rename nr ON nr.rename_id = c.current_id
         WHERE nr.next_id IS NOT NULL
    ),
    destination AS (
        SELECT DISTINCT ON (c.start_id) c.start_id, r.target AS latest_path
          FROM chain c JOIN renames r ON r.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nr.commit_id, nr.change_no, coalesce(d.latest_path, nr.path) AS latest_path
          FROM next_rename nr
          LEFT JOIN destination d ON d.start_id = nr.next_id
         WHERE nr.rename_id IS NULL
        UNION ALL
        -- Changes that no rename reaches (any more) are their own path's.
        SELECT fc.commit_id, fc.change_no, fc.path
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id
           AND fc.latest_path <> fc.path
           AND NOT EXISTS (SELECT FROM renames r WHERE r.source = fc.path)
    )
    UPDATE git.file_changes fc
       SET latest_path = r.latest_path
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.latest_path IS DISTINCT FROM r.latest_path;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;


--
-- Name: FUNCTION refresh_lineage(p_project_id bigint); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.refresh_lineage(p_project_id bigint) IS 'Recomputes git.file_changes.latest_path of a whole project from its renames (see spec/change-patterns.md, Inputs: only renames move history); returns the number of rows it changed. Idempotent; a first ingest and a bulk one use it, later ingests git.refresh_lineage(project, commits).';


--
-- Name: refresh_lineage(bigint, bigint[]); Type: FUNCTION; Schema: git; Owner: -
--

CREATE FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[]) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * After new commits were stored: their changes get their latest paths, and so do the
     * earlier changes whose file one of their renames moves; nothing else can change, since
     * only renames move history. The other commits' lineage must be that of the history
     * without these commits (as the previous refresh left it); naming commits that were
     * refreshed already costs time, not correctness.
     *
     * A new rename of p at position t takes over every walk that reaches p in [s, t), s the
     * previous rename away from p (or the start): the changes of p in that span, and the
     * renames into p landing in it, with the span of their own old path before them, and so
     * on backwards. Then each change to recompute looks up the first rename away from its
     * path after its commit, which is followed to the end of its chain.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    IF p_commit_ids IS NULL OR cardinality(p_commit_ids) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    news AS MATERIALIZED (
        SELECT c.commit_id, c.committed_at, c.generation, c.sha
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids)
    ),
    spans (path, lo_at, lo_generation, lo_sha, hi_at, hi_generation, hi_sha) AS (
        SELECT r.old_path, prev.committed_at, prev.generation, prev.sha, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.file_changes r ON r.project_id = p_project_id AND r.commit_id = n.commit_id AND r.status = 'R'
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.file_changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path = r.old_path
                   AND (pc.committed_at, pc.generation, pc.sha) < (n.committed_at, n.generation, n.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
        UNION
        SELECT y.old_path, prev.committed_at, prev.generation, prev.sha, yc.committed_at, yc.generation, yc.sha
          FROM spans s
          JOIN git.file_changes y ON y.project_id = p_project_id AND y.path = s.path AND y.status = 'R'
          JOIN git.commits yc ON yc.project_id = y.project_id AND yc.commit_id = y.commit_id
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.file_changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path = y.old_path
                   AND (pc.committed_at, pc.generation, pc.sha) < (yc.committed_at, yc.generation, yc.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
         WHERE (s.lo_at IS NULL
                OR (yc.committed_at, yc.generation, yc.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (yc.committed_at, yc.generation, yc.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    affected AS (
        SELECT fc.commit_id, fc.change_no, fc.path, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.file_changes fc ON fc.project_id = p_project_id AND fc.commit_id = n.commit_id
        UNION
        SELECT fc.commit_id, fc.change_no, fc.path, c.committed_at, c.generation, c.sha
          FROM spans s
          JOIN git.file_changes fc ON fc.project_id = p_project_id AND fc.path = s.path
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE (s.lo_at IS NULL OR (c.committed_at, c.generation, c.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (c.committed_at, c.generation, c.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    firsts AS MATERIALIZED (
        -- The first rename away from the change's path after its commit, if any.
        SELECT a.commit_id, a.change_no, a.path, nx.commit_id AS rename_commit, nx.change_no AS rename_change
          FROM affected a
          LEFT JOIN LATERAL (
                SELECT x.commit_id, x.change_no
                  FROM git.file_changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path = a.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (a.committed_at, a.generation, a.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx ON true
    ),
    walk (rename_commit, rename_change, path, at, generation, sha, depth) AS (
        SELECT f.rename_commit, f.rename_change, r.path, c.committed_at, c.generation, c.sha, 0
          FROM (SELECT DISTINCT f.rename_commit, f.rename_change FROM firsts f WHERE f.rename_commit IS NOT NULL) f
          JOIN git.file_changes r ON r.project_id = p_project_id AND r.commit_id = f.rename_commit
                                 AND r.change_no = f.rename_change
          JOIN git.commits c ON c.project_id = r.project_id AND c.commit_id = r.commit_id
        UNION ALL
        SELECT w.rename_commit, w.rename_change, nx.path, nx.committed_at, nx.generation, nx.sha, w.depth + 1
          FROM walk w
          CROSS JOIN LATERAL (
                SELECT x.path, xc.committed_at, xc.generation, xc.sha
                  FROM git.file_changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path = w.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (w.at, w.generation, w.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx
    ),
    destination AS (
        SELECT DISTINCT ON (w.rename_commit, w.rename_change) w.rename_commit, w.rename_change, w.path AS latest_path
          FROM walk w
         ORDER BY w.rename_commit, w.rename_change, w.depth DESC
    ),
    resolved AS (
        SELECT f.commit_id, f.change_no, coalesce(d.latest_path, f.path) AS latest_path
          FROM firsts f
          LEFT JOIN destination d ON d.rename_commit = f.rename_commit AND d.rename_change = f.rename_change
    )
    UPDATE git.file_changes fc
       SET latest_path = r.latest_path
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.latest_path IS DISTINCT FROM r.latest_path;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;


--
-- Name: FUNCTION refresh_lineage(p_project_id bigint, p_commit_ids bigint[]); Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[]) IS 'Brings git.file_changes.latest_path up to date after the given commits were stored (the rest of the project as the previous refresh left it): their changes, and the earlier changes whose file one of their renames moves; returns the number of rows it changed. The work follows what the commits touch, not the length of the history; the result is that of git.refresh_lineage(project).';


--
-- Name: ab_bucket(uuid, text); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_bucket(p_experiment_id uuid, p_user_id text) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- The first 32 bits of md5(experiment_id:user_id) as a fraction of 2^32: uniform in [0, 1), the same forever.
    SELECT ('x' || substr(md5(p_experiment_id::text || ':' || p_user_id), 1, 8))::bit(32)::bigint / 4294967296.0::double precision
$$;


--
-- Name: FUNCTION ab_bucket(p_experiment_id uuid, p_user_id text); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_bucket(p_experiment_id uuid, p_user_id text) IS 'A user''s bucket in an experiment, in [0, 1): the first 32 bits of md5(experiment_id || '':'' || user_id) over 2^32. Deterministic and independent between experiments.';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: ab_testing_experiments; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.ab_testing_experiments (
    project_id bigint NOT NULL,
    experiment_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_name text NOT NULL,
    description text,
    hypothesis text,
    feature_flag text,
    control_variant jsonb DEFAULT '{"name": "control"}'::jsonb NOT NULL,
    treatment_variants jsonb NOT NULL,
    target_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    traffic_allocation jsonb,
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    status text DEFAULT 'draft'::text NOT NULL,
    statistical_power numeric(3,2) DEFAULT 0.80 NOT NULL,
    significance_level numeric(3,2) DEFAULT 0.05 NOT NULL,
    minimum_sample_size integer,
    current_sample_size integer DEFAULT 0 NOT NULL,
    results jsonb,
    winner_variant text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text,
    CONSTRAINT ab_testing_experiments_dates_check CHECK ((end_date > start_date)),
    CONSTRAINT ab_testing_experiments_minimum_sample_check CHECK ((minimum_sample_size > 0)),
    CONSTRAINT ab_testing_experiments_name_check CHECK (((experiment_name ~ '\S'::text) AND (length(experiment_name) <= 255))),
    CONSTRAINT ab_testing_experiments_power_check CHECK (((statistical_power > (0)::numeric) AND (statistical_power < (1)::numeric))),
    CONSTRAINT ab_testing_experiments_sample_check CHECK ((current_sample_size >= 0)),
    CONSTRAINT ab_testing_experiments_significance_check CHECK (((significance_level > (0)::numeric) AND (significance_level < (1)::numeric))),
    CONSTRAINT ab_testing_experiments_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'running'::text, 'completed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE ab_testing_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.ab_testing_experiments IS 'A/B tests of a project: a control and treatments (variants), the metrics they are judged on, how traffic is split. Status draft -> running -> completed; draft or running -> cancelled. Variants, allocation and metrics are fixed once the experiment leaves draft. Users are assigned by api.ab_assign, results by api.ab_results.';


--
-- Name: COLUMN ab_testing_experiments.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.project_id IS 'The project (tenant) the experiment runs in.';


--
-- Name: COLUMN ab_testing_experiments.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.experiment_id IS 'The experiment''s key.';


--
-- Name: COLUMN ab_testing_experiments.experiment_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.experiment_name IS 'Its name, unique within the project.';


--
-- Name: COLUMN ab_testing_experiments.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.description IS 'What it is.';


--
-- Name: COLUMN ab_testing_experiments.hypothesis; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.hypothesis IS 'What it should show.';


--
-- Name: COLUMN ab_testing_experiments.feature_flag; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.feature_flag IS 'The feature flag that controls it, if any.';


--
-- Name: COLUMN ab_testing_experiments.control_variant; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.control_variant IS 'The control''s configuration, a JSON object; its name is "name" (default control).';


--
-- Name: COLUMN ab_testing_experiments.treatment_variants; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.treatment_variants IS 'The treatments: a JSON array of at least one object, each with a unique string "name" and its configuration.';


--
-- Name: COLUMN ab_testing_experiments.target_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.target_metrics IS 'The metrics: a JSON object of metric name to "conversion" (outcomes 0 or 1, rate over assigned users) or "mean" (a number per user, mean over users with an outcome).';


--
-- Name: COLUMN ab_testing_experiments.traffic_allocation; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.traffic_allocation IS 'Each variant''s share of all users: a JSON object of variant name to a number in [0, 1], summing to at most 1 (the rest is not enrolled; a variant left out gets 0). NULL: all users, split equally.';


--
-- Name: COLUMN ab_testing_experiments.start_date; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.start_date IS 'Users are assigned from then on (if set).';


--
-- Name: COLUMN ab_testing_experiments.end_date; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.end_date IS 'No user is assigned from then on (if set).';


--
-- Name: COLUMN ab_testing_experiments.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.status IS 'draft, running (assigns users), completed or cancelled.';


--
-- Name: COLUMN ab_testing_experiments.statistical_power; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.statistical_power IS 'The power the experiment was sized for (default 0.80), in (0, 1).';


--
-- Name: COLUMN ab_testing_experiments.significance_level; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.significance_level IS 'The p-value below which a difference is significant (default 0.05), in (0, 1).';


--
-- Name: COLUMN ab_testing_experiments.minimum_sample_size; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.minimum_sample_size IS 'The sample each variant needs before its result counts (per variant), if set.';


--
-- Name: COLUMN ab_testing_experiments.current_sample_size; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.current_sample_size IS 'How many users are assigned (kept by api.ab_assign).';


--
-- Name: COLUMN ab_testing_experiments.results; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.results IS 'The results recorded when the experiment completed (free JSON, e.g. a copy of api.ab_results).';


--
-- Name: COLUMN ab_testing_experiments.winner_variant; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.winner_variant IS 'The variant that won, if any: one of its variants.';


--
-- Name: COLUMN ab_testing_experiments.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.created_at IS 'When the experiment was created.';


--
-- Name: COLUMN ab_testing_experiments.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: COLUMN ab_testing_experiments.created_by; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_experiments.created_by IS 'Who created it.';


--
-- Name: ab_experiment(uuid); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_experiment(p_experiment_id uuid) RETURNS learning.ab_testing_experiments
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- The experiment as the calling role may read it (api.ab_results).
    RETURN learning.ab_experiment(p_experiment_id, false);
END
$$;


--
-- Name: FUNCTION ab_experiment(p_experiment_id uuid); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_experiment(p_experiment_id uuid) IS 'An A/B experiment by id as the calling role may read it: learning.ab_experiment(id, false). Raises no_data_found (P0002) when there is none.';


--
-- Name: ab_experiment(uuid, boolean); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_experiment(p_experiment_id uuid, p_writing boolean) RETURNS learning.ab_testing_experiments
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_experiment(p_experiment_id uuid, p_writing boolean); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_experiment(p_experiment_id uuid, p_writing boolean) IS 'An A/B experiment by id as the calling role may read it (p_writing false) or write in it: only in the project of pgpattern.tenant when that is set; without it, in every project for a role learning.reaches_every_tenant says reaches them, in none for pgpattern_app. Raises no_data_found (P0002) when there is none.';


--
-- Name: ab_experiments_validate(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_experiments_validate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_experiments_validate(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_experiments_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_experiments: control, treatments (unique names), target_metrics, traffic_allocation and winner_variant well formed (23514); variants, metrics and allocation fixed after draft (55000).';


--
-- Name: ab_outcomes_validate(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_outcomes_validate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_outcomes_validate(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_outcomes_validate() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ab_testing_outcomes: the metric is a target metric of the experiment, a conversion 0 or 1 (23514).';


--
-- Name: ab_variants(jsonb, jsonb, jsonb); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb) RETURNS TABLE(ordinal integer, variant text, share double precision, slice_from double precision, slice_to double precision)
    LANGUAGE sql IMMUTABLE ROWS 3 PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb) IS 'An experiment''s variants in order (control first, then the treatments), each with its traffic share and its slice [slice_from, slice_to) of the bucket range [0, 1).';


--
-- Name: activate_model(bigint, uuid); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_model learning.ml_models;
BEGIN
    -- Deprecates the name's active version (if another) and activates this one, atomically.
    SELECT * INTO v_model FROM learning.ml_models
     WHERE project_id = p_project_id AND model_id = p_model_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'model_id % does not exist in project %', p_model_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE learning.ml_models SET status = 'deprecated'
     WHERE project_id = p_project_id AND name = v_model.name AND status = 'active' AND model_id <> p_model_id;
    UPDATE learning.ml_models SET status = 'active'
     WHERE project_id = p_project_id AND model_id = p_model_id;
END
$$;


--
-- Name: FUNCTION activate_model(p_project_id bigint, p_model_id uuid); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) IS 'Makes a model version the active one of its name: deprecates the current active version and activates this one in one step (the lifecycle still applies: only a training version can become active).';


--
-- Name: model_training_sessions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.model_training_sessions (
    project_id bigint NOT NULL,
    training_session_id uuid DEFAULT gen_random_uuid() NOT NULL,
    model_id uuid NOT NULL,
    dataset_id uuid NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    training_start timestamp with time zone DEFAULT now() NOT NULL,
    training_end timestamp with time zone,
    progress_percentage numeric(5,2) DEFAULT 0 NOT NULL,
    current_epoch integer DEFAULT 0 NOT NULL,
    total_epochs integer,
    loss_history jsonb DEFAULT '[]'::jsonb NOT NULL,
    validation_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    resource_usage jsonb DEFAULT '{}'::jsonb NOT NULL,
    error_log text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT model_training_sessions_end_after_start CHECK ((training_end >= training_start)),
    CONSTRAINT model_training_sessions_end_iff_finished CHECK (((status = 'running'::text) = (training_end IS NULL))),
    CONSTRAINT model_training_sessions_epochs_check CHECK (((current_epoch >= 0) AND (total_epochs > 0) AND (current_epoch <= total_epochs))),
    CONSTRAINT model_training_sessions_loss_history_check CHECK ((jsonb_typeof(loss_history) = 'array'::text)),
    CONSTRAINT model_training_sessions_objects_check CHECK (((jsonb_typeof(validation_metrics) = 'object'::text) AND (jsonb_typeof(resource_usage) = 'object'::text))),
    CONSTRAINT model_training_sessions_progress_range CHECK (((progress_percentage >= (0)::numeric) AND (progress_percentage <= (100)::numeric))),
    CONSTRAINT model_training_sessions_status_check CHECK ((status = ANY (ARRAY['running'::text, 'completed'::text, 'failed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE model_training_sessions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.model_training_sessions IS 'One training run of a model on a dataset: progress, epochs, loss history; running -> completed, failed or cancelled, with the end time set by the database when it finishes.';


--
-- Name: COLUMN model_training_sessions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.project_id IS 'The project of the model and the dataset.';


--
-- Name: COLUMN model_training_sessions.training_session_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_session_id IS 'The session''s key within its project.';


--
-- Name: COLUMN model_training_sessions.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.model_id IS 'The model version being trained.';


--
-- Name: COLUMN model_training_sessions.dataset_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.dataset_id IS 'The dataset version it trains on.';


--
-- Name: COLUMN model_training_sessions.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.status IS 'running (new), then completed, failed or cancelled (final).';


--
-- Name: COLUMN model_training_sessions.training_start; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_start IS 'When training began.';


--
-- Name: COLUMN model_training_sessions.training_end; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.training_end IS 'When training finished; NULL while running, set by a trigger when the status leaves running.';


--
-- Name: COLUMN model_training_sessions.progress_percentage; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.progress_percentage IS 'Progress in [0, 100]; 100 once completed.';


--
-- Name: COLUMN model_training_sessions.current_epoch; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.current_epoch IS 'The last epoch done, 0 before the first; at most total_epochs.';


--
-- Name: COLUMN model_training_sessions.total_epochs; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.total_epochs IS 'Planned epochs (positive), if known.';


--
-- Name: COLUMN model_training_sessions.loss_history; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.loss_history IS 'JSON array of {"epoch", "loss", "recorded_at"}, appended by learning.append_training_loss().';


--
-- Name: COLUMN model_training_sessions.validation_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.validation_metrics IS 'Validation metrics (a JSON object).';


--
-- Name: COLUMN model_training_sessions.resource_usage; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.resource_usage IS 'CPU, memory, GPU usage (a JSON object).';


--
-- Name: COLUMN model_training_sessions.error_log; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.error_log IS 'Errors, for a failed session.';


--
-- Name: COLUMN model_training_sessions.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.created_at IS 'When the row was created.';


--
-- Name: COLUMN model_training_sessions.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.model_training_sessions.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: append_training_loss(bigint, uuid, double precision, integer); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer DEFAULT NULL::integer) RETURNS learning.model_training_sessions
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_epoch   integer;
    v_session learning.model_training_sessions;
BEGIN
    /*
     * Appends one epoch's loss to a running session's loss_history, moves current_epoch
     * to it and, when total_epochs is known, progress to epoch / total_epochs.
     */
    IF p_loss IS NULL OR p_loss IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'p_loss must be a finite number, not %', coalesce(p_loss::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_session FROM learning.model_training_sessions
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'training_session_id % does not exist in project %', p_training_session_id, p_project_id
            USING ERRCODE = 'no_data_found';
    END IF;
    IF v_session.status <> 'running' THEN
        RAISE EXCEPTION 'training session % is %, not running: no loss can be appended', p_training_session_id, v_session.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    v_epoch := coalesce(p_epoch, v_session.current_epoch + 1);
    IF v_epoch <= v_session.current_epoch OR v_epoch > coalesce(v_session.total_epochs, v_epoch) THEN
        RAISE EXCEPTION 'p_epoch must be after the current epoch % and at most total_epochs %, not %',
            v_session.current_epoch, coalesce(v_session.total_epochs::text, 'NULL'), v_epoch
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.model_training_sessions
       SET loss_history = loss_history || jsonb_build_array(
               jsonb_build_object('epoch', v_epoch, 'loss', p_loss, 'recorded_at', now())),
           current_epoch = v_epoch,
           progress_percentage = CASE WHEN total_epochs IS NULL THEN progress_percentage
                                      ELSE round(100.0 * v_epoch / total_epochs, 2) END
     WHERE project_id = p_project_id AND training_session_id = p_training_session_id
    RETURNING * INTO v_session;
    RETURN v_session;
END
$$;


--
-- Name: FUNCTION append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer) IS 'Appends {"epoch", "loss", "recorded_at"} to a running training session''s loss_history (epoch defaults to current_epoch + 1 and must be after it and at most total_epochs), updates current_epoch and progress, and returns the session.';


--
-- Name: beta_continued_fraction(double precision, double precision, double precision); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision) IS 'The continued fraction for the incomplete beta function (Numerical Recipes betacf, modified Lentz), used by learning.incomplete_beta.';


--
-- Name: calling_role(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.calling_role() RETURNS name
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- Inside a SECURITY DEFINER function current_user is the function's owner: the role
    -- that called it is the session's, the one SET ROLE chose or else the session user.
    SELECT CASE WHEN current_setting('role') = 'none' THEN session_user ELSE current_setting('role')::name END
$$;


--
-- Name: FUNCTION calling_role(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.calling_role() IS 'The role the session acts as: the one SET ROLE chose, else the session user. Unlike current_user, it stays the caller''s inside a SECURITY DEFINER function.';


--
-- Name: create_pattern_occurrence_partitions(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;


--
-- Name: FUNCTION create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) IS 'Creates the missing weekly partitions (ISO weeks from Monday 00:00 UTC, named pattern_occurrences_pIYYYYwIW) of learning.pattern_occurrences covering [p_from, p_to), moving rows of those weeks out of the default partition; returns how many it created. Scheduled daily as pgpattern-learning-occurrence-partitions for four weeks ahead.';


--
-- Name: current_tenant(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.current_tenant() RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_setting text := current_setting('pgpattern.tenant', true);
BEGIN
    -- The project the session acts for: the setting pgpattern.tenant, NULL when it is not set.
    IF v_setting IS NULL OR v_setting = '' THEN
        RETURN NULL;
    END IF;
    IF v_setting !~ '^[0-9]{1,18}$' THEN
        RAISE EXCEPTION 'pgpattern.tenant must be a project_id (a positive integer), not %', quote_literal(v_setting)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'SET pgpattern.tenant = ''<project_id>'' (SELECT project_id FROM core.projects names them)';
    END IF;
    RETURN v_setting::bigint;
END
$_$;


--
-- Name: FUNCTION current_tenant(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.current_tenant() IS 'The project the session acts for: the setting pgpattern.tenant as a project_id, NULL when unset; raises 22023 when it is not a positive integer. The row-level security policies of the learning tables compare project_id with it.';


--
-- Name: enforce_status_lifecycle(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.enforce_status_lifecycle() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_allowed text[] := TG_ARGV[1:];
    v_column  text := TG_ARGV[0];
    v_from    text := CASE TG_OP WHEN 'INSERT' THEN '' ELSE to_jsonb(OLD) ->> TG_ARGV[0] END;
    v_to      text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
    /*
     * BEFORE INSERT OR UPDATE trigger. The first argument names the status column,
     * the others are the legal moves: '>s' (a row may start as s) and 'a>b'.
     */
    IF v_from = v_to OR (v_from || '>' || v_to) = ANY (v_allowed) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION '%.% cannot start as %', TG_TABLE_NAME, v_column, coalesce(v_to, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = format('a new row starts as one of: %s',
                                array_to_string(ARRAY(SELECT substr(a, 2) FROM unnest(v_allowed) a
                                                       WHERE a LIKE '>%'), ', '));
    END IF;
    RAISE EXCEPTION '%.% cannot change from % to %', TG_TABLE_NAME, v_column, v_from, coalesce(v_to, 'NULL')
        USING ERRCODE = 'check_violation',
              DETAIL = format('the legal moves are %s', array_to_string(v_allowed, ', ')),
              HINT = coalesce('from ' || v_from || ' it may go to: '
                              || nullif(array_to_string(ARRAY(SELECT split_part(a, '>', 2) FROM unnest(v_allowed) a
                                                               WHERE split_part(a, '>', 1) = v_from), ', '), ''),
                              v_from || ' is final');
END
$$;


--
-- Name: FUNCTION enforce_status_lifecycle(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.enforce_status_lifecycle() IS 'BEFORE INSERT OR UPDATE trigger function for a status column: the first trigger argument names the column, the others list the legal moves, ''>s'' for a status a new row may start in and ''a>b'' for a change; anything else raises check_violation (23514) naming the table, the column and both statuses.';


--
-- Name: evolution_experiments_rules(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_experiments_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_config jsonb := '{}'::jsonb;
BEGIN
    /*
     * On insert, fills every configuration column left NULL from the template, then
     * from the defaults. On leaving initialized or running, stamps finished_at.
     */
    IF TG_OP = 'UPDATE' THEN
        IF OLD.status IN ('initialized', 'running') AND NEW.status NOT IN ('initialized', 'running') THEN
            NEW.finished_at := coalesce(NEW.finished_at, now());
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.template_id IS NOT NULL THEN
        SELECT t.template_config INTO v_config
          FROM learning.evolution_experiment_templates t WHERE t.template_id = NEW.template_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'template_id % does not exist', NEW.template_id
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'pick a template_id from learning.evolution_experiment_templates, or give none';
        END IF;
    END IF;
    NEW.population_size := coalesce(NEW.population_size, (v_config ->> 'population_size')::integer, 50);
    NEW.max_generations := coalesce(NEW.max_generations, (v_config ->> 'max_generations')::integer, 100);
    NEW.mutation_rate := coalesce(NEW.mutation_rate, (v_config ->> 'mutation_rate')::numeric, 0.1);
    NEW.crossover_rate := coalesce(NEW.crossover_rate, (v_config ->> 'crossover_rate')::numeric, 0.8);
    NEW.selection_strategy := coalesce(NEW.selection_strategy, v_config ->> 'selection_strategy', 'tournament');
    NEW.convergence_threshold := coalesce(NEW.convergence_threshold, (v_config ->> 'convergence_threshold')::numeric);
    NEW.objective_function := coalesce(NEW.objective_function, v_config -> 'objective_function');
    NEW.llm_config := coalesce(NEW.llm_config, v_config -> 'llm_config', '{}');
    NEW.evaluation_config := coalesce(NEW.evaluation_config, v_config -> 'evaluation_config', '{}');
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_experiments_rules(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_experiments_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_experiments: a new experiment takes each configuration column it leaves NULL from its template, then from the defaults (an unknown template_id raises foreign_key_violation 23503); finished_at is stamped when the status becomes final.';


--
-- Name: evolution_generations_propagate(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_generations_propagate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_best_before numeric;
    v_best_now    numeric;
    v_ended       boolean := OLD.generation_end IS NULL AND NEW.generation_end IS NOT NULL;
    v_experiment  learning.evolution_experiments;
BEGIN
    /*
     * Carries a generation's changes to its experiment: changed scores update
     * best_score; the end of a generation runs the convergence test over the last
     * 5 generations.
     */
    IF NEW.max_score IS NOT DISTINCT FROM OLD.max_score AND NOT v_ended THEN
        RETURN NULL;
    END IF;
    -- The experiment is locked before it is read, so concurrent generations serialise here.
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NEW.max_score IS DISTINCT FROM OLD.max_score THEN
        UPDATE learning.evolution_experiments e
           SET best_score = (SELECT max(g.max_score) FROM learning.evolution_generations g
                              WHERE g.project_id = e.project_id AND g.experiment_id = e.experiment_id)
         WHERE e.project_id = NEW.project_id AND e.experiment_id = NEW.experiment_id;
    END IF;
    IF NOT v_ended OR v_experiment.status <> 'running' THEN
        RETURN NULL;
    END IF;
    SELECT max(g.max_score),
           max(g.max_score) FILTER (WHERE g.generation_number <= NEW.generation_number - 5)
      INTO v_best_now, v_best_before
      FROM learning.evolution_generations g
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number <= NEW.generation_number;
    IF NEW.generation_number > 5 AND v_best_now - v_best_before < v_experiment.convergence_threshold THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed', converged_at_generation = NEW.generation_number
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    ELSIF NEW.generation_number >= v_experiment.max_generations THEN
        UPDATE learning.evolution_experiments
           SET status = 'completed'
         WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    END IF;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION evolution_generations_propagate(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_generations_propagate() IS 'AFTER UPDATE trigger function of learning.evolution_generations: a changed max_score recomputes best_score; when generation g ends, the experiment completes if g > 5 and the best score up to g exceeds the best up to g - 5 by less than convergence_threshold (converged_at_generation = g), or if g is max_generations.';


--
-- Name: evolution_generations_start(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_generations_start() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_experiment learning.evolution_experiments;
BEGIN
    -- A new generation continues an unfinished experiment, one number at a time, and
    -- becomes current at once (so that one statement may insert several generations).
    SELECT * INTO v_experiment FROM learning.evolution_experiments
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'experiment_id % does not exist in project %', NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF v_experiment.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: it takes no new generation', v_experiment.name, v_experiment.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.generation_number IS DISTINCT FROM v_experiment.current_generation + 1
       OR NEW.generation_number > v_experiment.max_generations THEN
        RAISE EXCEPTION 'generation_number of experiment % must be % (of at most %), not %', v_experiment.name,
            v_experiment.current_generation + 1, v_experiment.max_generations, coalesce(NEW.generation_number::text, 'NULL')
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE learning.evolution_experiments
       SET current_generation = NEW.generation_number,
           status = CASE status WHEN 'initialized' THEN 'running' ELSE status END
     WHERE project_id = NEW.project_id AND experiment_id = NEW.experiment_id;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_generations_start(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_generations_start() IS 'BEFORE INSERT trigger function of learning.evolution_generations: the experiment must exist and be initialized or running (55000), and the number must be current_generation + 1 and at most max_generations (23514); the new generation becomes the experiment''s current_generation and starts it (status running).';


--
-- Name: evolution_individuals_check(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_individuals_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_missing    uuid[];
    v_generation record;
BEGIN
    -- An individual belongs to an open generation of an unfinished experiment, within its population.
    IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.experiment_id, NEW.generation_number, NEW.individual_index)
                            IS DISTINCT FROM (OLD.project_id, OLD.experiment_id, OLD.generation_number, OLD.individual_index) THEN
        RAISE EXCEPTION 'individual % cannot move to another experiment, generation or position', OLD.individual_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT g.generation_end, e.name, e.status, e.population_size INTO v_generation
      FROM learning.evolution_generations g
      JOIN learning.evolution_experiments e ON e.project_id = g.project_id AND e.experiment_id = g.experiment_id
     WHERE g.project_id = NEW.project_id AND g.experiment_id = NEW.experiment_id
       AND g.generation_number = NEW.generation_number;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'generation % of experiment % does not exist in project %: an individual needs its generation',
            NEW.generation_number, NEW.experiment_id, NEW.project_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'insert the generation into learning.evolution_generations first';
    END IF;
    IF v_generation.status NOT IN ('initialized', 'running') THEN
        RAISE EXCEPTION 'experiment % is %: its individuals cannot change', v_generation.name, v_generation.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF v_generation.generation_end IS NOT NULL THEN
        RAISE EXCEPTION 'generation % of experiment % ended at %: its individuals cannot change',
            NEW.generation_number, v_generation.name, v_generation.generation_end
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.individual_index > v_generation.population_size THEN
        RAISE EXCEPTION 'individual_index must be between 1 and population_size % of experiment %, not %',
            v_generation.population_size, v_generation.name, NEW.individual_index
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' AND cardinality(NEW.parent_ids) > 0 THEN
        v_missing := ARRAY(SELECT p FROM unnest(NEW.parent_ids) p
                            WHERE NOT EXISTS (SELECT FROM learning.evolution_individuals i
                                               WHERE i.project_id = NEW.project_id AND i.experiment_id = NEW.experiment_id
                                                 AND i.individual_id = p AND i.generation_number < NEW.generation_number));
        IF cardinality(v_missing) > 0 THEN
            RAISE EXCEPTION 'parent_ids % are not individuals of an earlier generation of experiment %', v_missing, v_generation.name
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION evolution_individuals_check(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_individuals_check() IS 'BEFORE INSERT OR UPDATE trigger function of learning.evolution_individuals: the generation must exist (23503), be open and its experiment unfinished (55000); individual_index at most population_size (23514); parents must be individuals of earlier generations of the same experiment (23503); an individual never moves.';


--
-- Name: evolution_individuals_score(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.evolution_individuals_score() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_row learning.evolution_individuals := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    -- Recomputes the statistics of the generation; ends it once its whole population is evaluated.
    -- Locking the generation first serialises concurrent scorers, so that each
    -- recomputation sees the scores committed before it.
    PERFORM FROM learning.evolution_generations
      WHERE project_id = v_row.project_id AND experiment_id = v_row.experiment_id
        AND generation_number = v_row.generation_number
        FOR UPDATE;
    UPDATE learning.evolution_generations g
       SET scored_count = s.scored_count,
           evaluated_count = s.evaluated_count,
           min_score = s.min_score,
           max_score = s.max_score,
           mean_score = s.mean_score,
           stddev_score = s.stddev_score,
           best_individual_id = s.best_individual_id,
           generation_end = CASE WHEN g.generation_end IS NULL AND s.evaluated_count >= e.population_size
                                 THEN now() ELSE g.generation_end END
      FROM (SELECT count(i.fitness_score)::integer AS scored_count,
                   count(*) FILTER (WHERE i.evaluation_status IN ('completed', 'failed'))::integer AS evaluated_count,
                   min(i.fitness_score) AS min_score,
                   max(i.fitness_score) AS max_score,
                   avg(i.fitness_score) AS mean_score,
                   stddev_pop(i.fitness_score) AS stddev_score,
                   (array_agg(i.individual_id ORDER BY i.fitness_score DESC, i.individual_index)
                        FILTER (WHERE i.fitness_score IS NOT NULL))[1] AS best_individual_id
              FROM learning.evolution_individuals i
             WHERE i.project_id = v_row.project_id AND i.experiment_id = v_row.experiment_id
               AND i.generation_number = v_row.generation_number) s,
           learning.evolution_experiments e
     WHERE g.project_id = v_row.project_id AND g.experiment_id = v_row.experiment_id
       AND g.generation_number = v_row.generation_number
       AND e.project_id = g.project_id AND e.experiment_id = g.experiment_id;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION evolution_individuals_score(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.evolution_individuals_score() IS 'AFTER INSERT OR UPDATE OR DELETE trigger function of learning.evolution_individuals: recomputes the generation''s scored_count, evaluated_count, min, max, mean, population stddev and best individual, and sets generation_end once population_size individuals are evaluated.';


--
-- Name: expire_predictions(timestamp with time zone); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.expire_predictions(p_as_of timestamp with time zone DEFAULT now()) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_expired bigint;
BEGIN
    -- Active predictions whose horizon ended before p_as_of without an outcome expire.
    IF p_as_of IS NULL THEN
        RAISE EXCEPTION 'p_as_of must be a timestamp, not NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE learning.predictions
       SET status = 'expired'
     WHERE status = 'active' AND prediction_horizon IS NOT NULL
       AND prediction_timestamp + prediction_horizon < p_as_of;
    GET DIAGNOSTICS v_expired = ROW_COUNT;
    RETURN v_expired;
END
$$;


--
-- Name: FUNCTION expire_predictions(p_as_of timestamp with time zone); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.expire_predictions(p_as_of timestamp with time zone) IS 'Sets status expired on every active prediction whose prediction_timestamp + prediction_horizon is before p_as_of (default now()); returns how many. Scheduled as pgpattern-learning-expire-predictions.';


--
-- Name: fill_learning_event_timestamp(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.fill_learning_event_timestamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- A link names the event by project and id; the event's timestamp (part of its key) is looked up.
    IF NEW.event_timestamp IS NULL THEN
        SELECT e.event_timestamp INTO NEW.event_timestamp
          FROM learning.learning_events e
         WHERE e.project_id = NEW.project_id AND e.event_id = NEW.learning_event_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION '%: learning_event_id % does not exist in project %', TG_TABLE_NAME,
                coalesce(NEW.learning_event_id::text, 'NULL'), coalesce(NEW.project_id::text, 'NULL')
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'record the learning event first';
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION fill_learning_event_timestamp(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.fill_learning_event_timestamp() IS 'BEFORE INSERT OR UPDATE trigger function of the tables that link to learning events: fills event_timestamp from the event when it is NULL (23503 for an unknown event).';


--
-- Name: incomplete_beta(double precision, double precision, double precision); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.incomplete_beta(p_x double precision, p_a double precision, p_b double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION incomplete_beta(p_x double precision, p_a double precision, p_b double precision); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.incomplete_beta(p_x double precision, p_a double precision, p_b double precision) IS 'The regularized incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0 (Numerical Recipes betai with betacf).';


--
-- Name: ln_gamma(double precision); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ln_gamma(p_x double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION ln_gamma(p_x double precision); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ln_gamma(p_x double precision) IS 'The natural logarithm of the gamma function for x > 0 (Lanczos, Numerical Recipes gammln; relative error below 2e-10).';


--
-- Name: ml_models_version_rules(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.ml_models_version_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_active_version text;
BEGIN
    -- Lineage is fixed at creation (so it cannot form a cycle); one active version per name.
    IF TG_OP = 'UPDATE' AND NEW.parent_model_id IS DISTINCT FROM OLD.parent_model_id THEN
        RAISE EXCEPTION 'ml_models.parent_model_id of % % cannot change from % to %',
            NEW.name, NEW.version, coalesce(OLD.parent_model_id::text, 'NULL'), coalesce(NEW.parent_model_id::text, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = 'lineage is set when a version is created: register a new version instead';
    END IF;
    IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active' OR OLD.name <> NEW.name) THEN
        SELECT m.version INTO v_active_version
          FROM learning.ml_models m
         WHERE m.project_id = NEW.project_id AND m.name = NEW.name AND m.status = 'active'
           AND m.model_id <> NEW.model_id;
        IF FOUND THEN
            RAISE EXCEPTION 'ml_models: model % already has an active version %, so version % cannot be active too',
                NEW.name, v_active_version, NEW.version
                USING ERRCODE = 'unique_violation',
                      HINT = format('deprecate version %s first, or use learning.activate_model() to switch in one step',
                                    v_active_version);
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION ml_models_version_rules(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.ml_models_version_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ml_models: parent_model_id never changes; a second active version of a name raises unique_violation (23505) naming both versions.';


--
-- Name: model_training_sessions_finish(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.model_training_sessions_finish() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Leaving running stamps the end time; completing means all the progress there is.
    IF NEW.status <> 'running' AND OLD.status = 'running' THEN
        NEW.training_end := coalesce(NEW.training_end, now());
        IF NEW.status = 'completed' THEN
            NEW.progress_percentage := 100;
        END IF;
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION model_training_sessions_finish(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.model_training_sessions_finish() IS 'BEFORE UPDATE OF status trigger function of learning.model_training_sessions: sets training_end (unless given) when a session finishes, and progress to 100 when it completes.';


--
-- Name: pattern_occurrences_count(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.pattern_occurrences_count() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- One more occurrence of the pattern, and the detection window widens to include it.
    UPDATE learning.identified_patterns
       SET occurrence_frequency = occurrence_frequency + 1,
           first_detected = least(first_detected, NEW.detection_timestamp),
           last_detected = greatest(last_detected, NEW.detection_timestamp)
     WHERE project_id = NEW.project_id AND pattern_id = NEW.pattern_id;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION pattern_occurrences_count(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.pattern_occurrences_count() IS 'AFTER INSERT trigger function of learning.pattern_occurrences: adds one to the pattern''s occurrence_frequency and widens first_detected / last_detected to the detection_timestamp.';


--
-- Name: pattern_occurrences_immutable(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.pattern_occurrences_immutable() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- What was detected, where and when stays as recorded (occurrence_frequency relies on it).
    IF (NEW.project_id, NEW.pattern_id, NEW.detection_timestamp) IS DISTINCT FROM (OLD.project_id, OLD.pattern_id, OLD.detection_timestamp) THEN
        RAISE EXCEPTION 'occurrence % cannot change its project_id, pattern_id or detection_timestamp', OLD.occurrence_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new occurrence instead';
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION pattern_occurrences_immutable(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.pattern_occurrences_immutable() IS 'BEFORE UPDATE trigger function of learning.pattern_occurrences: project_id, pattern_id and detection_timestamp never change (55000).';


--
-- Name: prediction_accuracy(text, jsonb, jsonb); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_actual    numeric;
    v_predicted numeric;
BEGIN
    /*
     * The accuracy of a prediction given its outcome, rounded to 4 places. A numeric or
     * interval prediction needs a JSON number as outcome; a categorical one a JSON scalar.
     */
    IF p_value_kind = 'categorical' THEN
        IF jsonb_typeof(p_actual) NOT IN ('string', 'number', 'boolean') THEN
            RAISE EXCEPTION 'actual_outcome of a categorical prediction must be a JSON string, number or boolean, not %', p_actual
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RETURN CASE WHEN p_actual = p_predicted THEN 1 ELSE 0 END;
    END IF;
    IF p_value_kind NOT IN ('numeric', 'interval') THEN
        RAISE EXCEPTION 'value_kind must be numeric, categorical or interval, not %', coalesce(p_value_kind, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(p_actual) IS DISTINCT FROM 'number' THEN
        RAISE EXCEPTION 'actual_outcome of a % prediction must be a JSON number, not %', p_value_kind, coalesce(p_actual::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_actual := (p_actual #>> '{}')::numeric;
    IF p_value_kind = 'numeric' THEN
        v_predicted := (p_predicted #>> '{}')::numeric;
    ELSIF v_actual < (p_predicted ->> 'lower')::numeric THEN
        v_predicted := (p_predicted ->> 'lower')::numeric;
    ELSIF v_actual > (p_predicted ->> 'upper')::numeric THEN
        v_predicted := (p_predicted ->> 'upper')::numeric;
    ELSE
        RETURN 1;  -- inside the interval
    END IF;
    IF v_actual = 0 THEN
        RETURN CASE WHEN v_predicted = 0 THEN 1 ELSE 0 END;
    END IF;
    RETURN round(greatest(0, 1 - abs(v_actual - v_predicted) / abs(v_actual)), 4);
END
$$;


--
-- Name: FUNCTION prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) IS 'Accuracy in [0, 1] of a prediction (value_kind, predicted_value) given its actual_outcome. numeric: 1 - relative error, clipped to [0, 1] (an actual 0 scores 1 only if predicted exactly); categorical: 1 for an exact JSON match, else 0; interval {"lower", "upper"}: 1 inside (bounds included), outside the numeric rule against the nearer bound. Raises invalid_parameter_value (22023) for an outcome of the wrong JSON type.';


--
-- Name: predictions_record_outcome(); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.predictions_record_outcome() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * A prediction is a fact: what was predicted never changes, the outcome is recorded
     * once, and the accuracy is always computed here.
     */
    IF TG_OP = 'UPDATE' AND (NEW.predicted_value IS DISTINCT FROM OLD.predicted_value
                             OR NEW.value_kind IS DISTINCT FROM OLD.value_kind
                             OR NEW.model_id IS DISTINCT FROM OLD.model_id) THEN
        RAISE EXCEPTION 'prediction % cannot change its model_id, value_kind or predicted_value', OLD.prediction_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'record a new prediction instead';
    END IF;
    IF NEW.accuracy_score IS DISTINCT FROM (CASE TG_OP WHEN 'UPDATE' THEN OLD.accuracy_score END) THEN
        RAISE EXCEPTION 'accuracy_score of prediction % cannot be written (given %): the database computes it',
            NEW.prediction_id, coalesce(NEW.accuracy_score::text, 'NULL')
            USING ERRCODE = 'generated_always',
                  HINT = 'set actual_outcome and the database computes accuracy_score';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.actual_outcome IS NOT NULL THEN
        IF NEW.actual_outcome IS DISTINCT FROM OLD.actual_outcome THEN
            RAISE EXCEPTION 'the outcome of prediction % was already recorded at % (%), so % cannot be recorded',
                OLD.prediction_id, OLD.outcome_recorded_at, OLD.actual_outcome, coalesce(NEW.actual_outcome::text, 'NULL')
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'an outcome is recorded once; set status to invalidated to withdraw the prediction';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.actual_outcome IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status <> 'active' THEN
        RAISE EXCEPTION 'prediction % is %: an outcome can only be recorded for an active prediction', OLD.prediction_id, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.accuracy_score := learning.prediction_accuracy(NEW.value_kind, NEW.predicted_value, NEW.actual_outcome);
    NEW.outcome_recorded_at := now();
    NEW.status := 'validated';
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION predictions_record_outcome(); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.predictions_record_outcome() IS 'BEFORE INSERT OR UPDATE trigger function of learning.predictions: when actual_outcome is first set (on an active prediction) computes accuracy_score and outcome_recorded_at and sets status validated; refuses a second outcome and changes to what was predicted (55000), and a directly written accuracy_score (428C9).';


--
-- Name: reaches_every_tenant(regclass, boolean); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.reaches_every_tenant(p_table regclass, p_writing boolean) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
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


--
-- Name: FUNCTION reaches_every_tenant(p_table regclass, p_writing boolean); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.reaches_every_tenant(p_table regclass, p_writing boolean) IS 'Whether the calling role (learning.calling_role()) reaches every project''s rows of the table without pgpattern.tenant: superuser, BYPASSRLS, the table''s owner or pgpattern_writer; for reading (p_writing false) also pgpattern_reader. False for pgpattern_app.';


--
-- Name: student_t_p_value(double precision, double precision); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.student_t_p_value(p_t double precision, p_degrees_of_freedom double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- Two-sided: P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).
    SELECT learning.incomplete_beta(p_degrees_of_freedom / (p_degrees_of_freedom + p_t * p_t), p_degrees_of_freedom / 2, 0.5)
$$;


--
-- Name: FUNCTION student_t_p_value(p_t double precision, p_degrees_of_freedom double precision); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.student_t_p_value(p_t double precision, p_degrees_of_freedom double precision) IS 'The two-sided p-value of a Student t statistic with the given (possibly fractional) degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2).';


--
-- Name: summarize_performance_metrics(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: learning; Owner: -
--

CREATE FUNCTION learning.summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_read bigint;
BEGIN
    -- Rolls the metrics of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily
    -- (merging with a day already there) and returns how many samples it read.
    IF p_from IS NULL OR p_to IS NULL OR p_from >= p_to THEN
        RAISE EXCEPTION 'p_from must be before p_to, not [%, %)', coalesce(p_from::text, 'NULL'), coalesce(p_to::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO v_read FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to;
    INSERT INTO learning.system_performance_metrics_daily AS d
           (day, metric_name, metric_category, source_component, unit, aggregation_level, sample_count,
            value_sum, value_sum_squares, value_min, value_max, value_p50, value_p95)
    SELECT (m.metric_timestamp AT TIME ZONE 'UTC')::date, m.metric_name, coalesce(m.metric_category, ''),
           coalesce(m.source_component, ''), coalesce(m.unit, ''), m.aggregation_level, count(*),
           sum(m.value), sum(m.value * m.value), min(m.value), max(m.value),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value)::numeric,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY m.value)::numeric
      FROM learning.system_performance_metrics m
     WHERE m.metric_timestamp >= p_from AND m.metric_timestamp < p_to
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, metric_name, metric_category, source_component, unit, aggregation_level) DO UPDATE
       SET value_p50 = (d.value_p50 * d.sample_count + excluded.value_p50 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           value_p95 = (d.value_p95 * d.sample_count + excluded.value_p95 * excluded.sample_count)
                       / (d.sample_count + excluded.sample_count),
           sample_count = d.sample_count + excluded.sample_count,
           value_sum = d.value_sum + excluded.value_sum,
           value_sum_squares = d.value_sum_squares + excluded.value_sum_squares,
           value_min = least(d.value_min, excluded.value_min),
           value_max = greatest(d.value_max, excluded.value_max),
           summarized_at = now();
    RETURN v_read;
END
$$;


--
-- Name: FUNCTION summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone); Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON FUNCTION learning.summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone) IS 'The summary function of the retention policy of learning.system_performance_metrics: rolls the samples of [p_from, p_to) up by UTC day into learning.system_performance_metrics_daily and returns how many it read.';


--
-- Name: retention_runs; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.retention_runs (
    run_id bigint NOT NULL,
    schema_name name NOT NULL,
    table_name name NOT NULL,
    strategy text NOT NULL,
    cutoff timestamp with time zone NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    duration_ms numeric NOT NULL,
    status text NOT NULL,
    partitions_removed text[] DEFAULT '{}'::text[] NOT NULL,
    rows_removed bigint DEFAULT 0 NOT NULL,
    rows_summarized bigint DEFAULT 0 NOT NULL,
    dependent_rows_removed bigint DEFAULT 0 NOT NULL,
    detail text,
    CONSTRAINT retention_runs_status_check CHECK ((status = ANY (ARRAY['ok'::text, 'skipped'::text, 'failed'::text])))
);


--
-- Name: TABLE retention_runs; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.retention_runs IS 'One row per policy each time ops.apply_retention() ran it: the cutoff, what it removed (partitions, rows, rows summarized, rows of referencing tables), how long it took, and ok, skipped or failed with the reason.';


--
-- Name: COLUMN retention_runs.run_id; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.run_id IS 'The run''s key.';


--
-- Name: COLUMN retention_runs.schema_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.schema_name IS 'The schema of the table.';


--
-- Name: COLUMN retention_runs.table_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.table_name IS 'The table.';


--
-- Name: COLUMN retention_runs.strategy; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.strategy IS 'The strategy applied.';


--
-- Name: COLUMN retention_runs.cutoff; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.cutoff IS 'Rows older than this went.';


--
-- Name: COLUMN retention_runs.started_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.started_at IS 'When the policy''s run started (clock time).';


--
-- Name: COLUMN retention_runs.finished_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.finished_at IS 'When it finished.';


--
-- Name: COLUMN retention_runs.duration_ms; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.duration_ms IS 'How long it took, in milliseconds.';


--
-- Name: COLUMN retention_runs.status; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.status IS 'ok, skipped (nothing could be done, see detail) or failed (see detail; nothing of the policy''s run was kept).';


--
-- Name: COLUMN retention_runs.partitions_removed; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.partitions_removed IS 'The partitions detached (dropped, archived or summarized), oldest first.';


--
-- Name: COLUMN retention_runs.rows_removed; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.rows_removed IS 'The rows that left the table.';


--
-- Name: COLUMN retention_runs.rows_summarized; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.rows_summarized IS 'The rows the summary function read.';


--
-- Name: COLUMN retention_runs.dependent_rows_removed; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.dependent_rows_removed IS 'Rows of referencing tables that went with the removed partitions.';


--
-- Name: COLUMN retention_runs.detail; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.retention_runs.detail IS 'What happened, or why it was skipped or failed.';


--
-- Name: apply_retention(text, timestamp with time zone, integer); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.apply_retention(p_table text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now(), p_max_partitions integer DEFAULT 50) RETURNS SETOF ops.retention_runs
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "DateStyle" TO 'ISO, YMD'
    AS $$
DECLARE
    v_clock       timestamptz;
    v_cutoff      timestamptz;
    v_detail      text;
    v_message     text;
    v_parent      regclass;
    v_part        record;
    v_partitions  text[];
    v_policy      record;
    v_removed     bigint;
    v_run         ops.retention_runs;
    v_stray       bigint;
    v_summarized  bigint;
    v_dependents  bigint;
    v_time_column name;
BEGIN
    /*
     * Applies every enabled policy of ops.data_retention_policies (or only p_table,
     * schema.table) as of p_now, each in its own subtransaction: a policy that fails
     * (a lock not had within 10 s, a missing summary function) is logged as failed and
     * the others go on. Partitioned tables lose whole partitions whose range ends at or
     * before the cutoff, at most p_max_partitions of them (oldest first) per table and
     * call, since each holds locks until the transaction ends; other tables their old rows
     * in one DELETE. Returns the log rows. CALL ops.run_retention() repeats it, committing.
     */
    IF p_max_partitions IS NULL OR p_max_partitions < 1 THEN
        RAISE EXCEPTION 'p_max_partitions must be at least 1, not %', coalesce(p_max_partitions::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_now IS NULL THEN
        RAISE EXCEPTION 'p_now must be a time, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_table IS NOT NULL AND NOT EXISTS (SELECT FROM ops.data_retention_policies r
                                            WHERE format('%s.%s', r.schema_name, r.table_name) = p_table) THEN
        RAISE EXCEPTION 'p_table % has no retention policy', p_table
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'give schema.table of a table in ops.data_retention_policies, or NULL for all';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('pgpattern retention')) THEN
        RAISE NOTICE 'retention is already running in another session; nothing done';
        RETURN;
    END IF;
    FOR v_policy IN
        SELECT r.* FROM ops.data_retention_policies r
         WHERE r.enabled AND (p_table IS NULL OR format('%s.%s', r.schema_name, r.table_name) = p_table)
         ORDER BY r.schema_name, r.table_name
    LOOP
        v_clock := clock_timestamp();
        v_cutoff := p_now - v_policy.retention_period;
        v_partitions := '{}';
        v_removed := 0;
        v_summarized := 0;
        v_dependents := 0;
        v_detail := NULL;
        v_parent := to_regclass(format('%I.%I', v_policy.schema_name, v_policy.table_name));
        BEGIN
            PERFORM set_config('lock_timeout', '10s', true);
            IF v_parent IS NULL THEN
                RAISE EXCEPTION 'table %.% does not exist', v_policy.schema_name, v_policy.table_name
                    USING ERRCODE = 'undefined_table';
            END IF;
            IF v_policy.strategy = 'summarize' AND to_regproc(v_policy.summary_function) IS NULL THEN
                RAISE EXCEPTION 'summary function % does not exist', v_policy.summary_function
                    USING ERRCODE = 'undefined_function';
            END IF;
            IF v_policy.strategy = 'archive' AND to_regnamespace(v_policy.archive_schema) IS NULL THEN
                RAISE EXCEPTION 'archive schema % does not exist', v_policy.archive_schema
                    USING ERRCODE = 'invalid_schema_name';
            END IF;
            IF ops.partition_key(v_parent) IS NOT NULL THEN
                FOR v_part IN
                    SELECT p.partition_name, p.range_from, p.range_to
                      FROM ops.partitions_of(v_parent) p
                     WHERE NOT p.is_default AND p.range_to <= v_cutoff
                     ORDER BY p.range_from
                     LIMIT p_max_partitions
                LOOP
                    SELECT r.rows_removed + v_removed, r.rows_summarized + v_summarized, r.dependent_rows_removed + v_dependents
                      INTO v_removed, v_summarized, v_dependents
                      FROM ops.remove_partition(v_parent, v_part.partition_name, v_part.range_from, v_part.range_to,
                                                v_policy.strategy, v_policy.archive_schema, v_policy.summary_function) r;
                    v_partitions := v_partitions || v_part.partition_name::text;
                END LOOP;
                EXECUTE format('SELECT count(*) FROM %s WHERE %I < %L AND tableoid = %L::regclass', v_parent,
                               ops.partition_key(v_parent), v_cutoff,
                               (SELECT format('%I.%I', v_policy.schema_name, p.partition_name)
                                  FROM ops.partitions_of(v_parent) p WHERE p.is_default))
                   INTO v_stray;
                IF coalesce(v_stray, 0) > 0 THEN
                    v_detail := format('%s rows older than the cutoff wait in the default partition until partition maintenance drains them',
                                       v_stray);
                END IF;
            ELSE
                v_time_column := v_policy.time_column;
                IF v_time_column IS NULL OR NOT EXISTS (SELECT FROM pg_attribute a
                                                         WHERE a.attrelid = v_parent AND a.attname = v_time_column
                                                           AND NOT a.attisdropped AND a.atttypid = 'timestamptz'::regtype) THEN
                    RAISE EXCEPTION 'time_column % is not a timestamptz column of %', coalesce(v_time_column::text, 'NULL'), v_parent
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF v_policy.strategy = 'summarize' THEN
                    EXECUTE format('SELECT %s(%L::timestamptz, %L::timestamptz)', to_regproc(v_policy.summary_function),
                                   '-infinity', v_cutoff)
                       INTO v_summarized;
                END IF;
                IF v_policy.strategy = 'archive' THEN
                    IF to_regclass(format('%I.%I', v_policy.archive_schema, v_policy.table_name)) IS NULL THEN
                        EXECUTE format('CREATE TABLE %I.%I (LIKE %s)', v_policy.archive_schema, v_policy.table_name, v_parent);
                        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', v_policy.archive_schema, v_policy.table_name,
                                       format('Rows of %s archived by retention.', v_parent));
                    END IF;
                    EXECUTE format('WITH gone AS (DELETE FROM %s WHERE %I < %L RETURNING *) INSERT INTO %I.%I SELECT * FROM gone',
                                   v_parent, v_time_column, v_cutoff, v_policy.archive_schema, v_policy.table_name);
                ELSE
                    EXECUTE format('DELETE FROM %s WHERE %I < %L', v_parent, v_time_column, v_cutoff);
                END IF;
                GET DIAGNOSTICS v_removed = ROW_COUNT;
            END IF;
            INSERT INTO ops.retention_runs (schema_name, table_name, strategy, cutoff, started_at, finished_at, duration_ms,
                                            status, partitions_removed, rows_removed, rows_summarized,
                                            dependent_rows_removed, detail)
            VALUES (v_policy.schema_name, v_policy.table_name, v_policy.strategy, v_cutoff, v_clock, clock_timestamp(),
                    round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1), 'ok', v_partitions,
                    v_removed, v_summarized, v_dependents, v_detail)
            RETURNING * INTO v_run;
            UPDATE ops.data_retention_policies r SET last_cleanup = now()
             WHERE r.schema_name = v_policy.schema_name AND r.table_name = v_policy.table_name;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
            INSERT INTO ops.retention_runs (schema_name, table_name, strategy, cutoff, started_at, finished_at, duration_ms,
                                            status, detail)
            VALUES (v_policy.schema_name, v_policy.table_name, v_policy.strategy, v_cutoff, v_clock, clock_timestamp(),
                    round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1),
                    CASE WHEN v_parent IS NULL THEN 'skipped' ELSE 'failed' END, v_message)
            RETURNING * INTO v_run;
            IF v_parent IS NOT NULL THEN
                RAISE WARNING 'retention of %.% failed: %', v_policy.schema_name, v_policy.table_name, v_message
                    USING DETAIL = format('run %s in ops.retention_runs; the other policies went on', v_run.run_id);
            END IF;
        END;
        RETURN NEXT v_run;
    END LOOP;
END
$$;


--
-- Name: FUNCTION apply_retention(p_table text, p_now timestamp with time zone, p_max_partitions integer); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.apply_retention(p_table text, p_now timestamp with time zone, p_max_partitions integer) IS 'Applies the enabled policies of ops.data_retention_policies (all, or p_table as schema.table) as of p_now (default now()): whole partitions older than the cutoff, at most p_max_partitions (default 50) per table and call, are dropped, archived or summarized and dropped; unpartitioned tables lose old rows in one DELETE. Each policy runs in its own subtransaction and is logged in ops.retention_runs (returned). CALL ops.run_retention() repeats it in committed rounds (scheduled daily as pgpattern-retention).';


--
-- Name: check_database_connections(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.check_database_connections(p_thresholds jsonb) RETURNS TABLE(status text, value numeric, detail text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_fail numeric := ops.health_threshold(p_thresholds, 'fail_ratio', 0.95);
    v_max  integer := current_setting('max_connections')::integer;
    v_used integer;
    v_warn numeric := ops.health_threshold(p_thresholds, 'warn_ratio', 0.8);
BEGIN
    -- Client connections as a share of max_connections.
    SELECT count(*) INTO v_used FROM pg_stat_activity a WHERE a.backend_type = 'client backend';
    value := round(v_used::numeric / v_max, 4);
    status := CASE WHEN value >= v_fail THEN 'fail' WHEN value >= v_warn THEN 'warn' ELSE 'ok' END;
    detail := format('%s of %s connections in use', v_used, v_max);
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION check_database_connections(p_thresholds jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.check_database_connections(p_thresholds jsonb) IS 'Health check: client connections / max_connections (value); warn at warn_ratio (0.8), fail at fail_ratio (0.95).';


--
-- Name: check_learning_events_lag(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.check_learning_events_lag(p_thresholds jsonb) RETURNS TABLE(status text, value numeric, detail text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_fail   numeric := ops.health_threshold(p_thresholds, 'fail_seconds', 3600);
    v_newest timestamptz;
    v_warn   numeric := ops.health_threshold(p_thresholds, 'warn_seconds', 300);
BEGIN
    -- Seconds since the newest learning event (looking back one day, so only recent partitions are read).
    SELECT max(e.event_timestamp) INTO v_newest FROM learning.learning_events e
     WHERE e.event_timestamp > now() - interval '1 day' AND e.event_timestamp <= now();
    IF v_newest IS NULL THEN
        status := 'warn';
        detail := 'no learning event in the last day';
    ELSE
        value := round(extract(epoch FROM now() - v_newest)::numeric, 1);
        status := CASE WHEN value >= v_fail THEN 'fail' WHEN value >= v_warn THEN 'warn' ELSE 'ok' END;
        detail := format('newest learning event at %s', v_newest);
    END IF;
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION check_learning_events_lag(p_thresholds jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.check_learning_events_lag(p_thresholds jsonb) IS 'Health check: seconds since the newest learning event (value); warn at warn_seconds (300, the seed''s 5 minutes), fail at fail_seconds (3600), warn when none arrived in a day.';


--
-- Name: check_model_accuracy(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.check_model_accuracy(p_thresholds jsonb) RETURNS TABLE(status text, value numeric, detail text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_degraded text[];
    v_ratio    numeric := ops.health_threshold(p_thresholds, 'min_ratio', 0.8);
BEGIN
    -- Active models whose accuracy over the last day fell below min_ratio of their previous 30 days.
    SELECT coalesce(array_agg(format('%s %s: %s against %s', m.name, m.version, round(r.recent, 4), round(r.baseline, 4))
                              ORDER BY m.name, m.version), '{}')
      INTO v_degraded
      FROM (SELECT p.project_id, p.model_id,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp > now() - interval '1 day') AS recent,
                   avg(p.accuracy_score) FILTER (WHERE p.prediction_timestamp <= now() - interval '1 day') AS baseline
              FROM learning.predictions p
             WHERE p.status = 'validated' AND p.prediction_timestamp > now() - interval '31 days'
             GROUP BY p.project_id, p.model_id) r
      JOIN learning.ml_models m ON m.project_id = r.project_id AND m.model_id = r.model_id
     WHERE m.status = 'active' AND r.recent < v_ratio * r.baseline;
    value := cardinality(v_degraded);
    status := CASE WHEN value > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN value > 0 THEN 'accuracy dropped: ' || array_to_string(v_degraded, '; ')
                   ELSE 'no active model below its baseline' END;
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION check_model_accuracy(p_thresholds jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.check_model_accuracy(p_thresholds jsonb) IS 'Health check: active models whose mean accuracy over the last day is below min_ratio (0.8, the seed''s 80%) of their mean over the 30 days before (value: how many); fail when any.';


--
-- Name: check_partitions(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.check_partitions(p_thresholds jsonb) RETURNS TABLE(status text, value numeric, detail text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "DateStyle" TO 'ISO, YMD'
    AS $$
DECLARE
    v_bytes    bigint;
    v_failures text[] := '{}'::text[];
    v_max      numeric := ops.health_threshold(p_thresholds, 'max_partition_bytes', 10737418240);
    v_parent   regclass;
    v_rows     bigint;
    v_table    record;
    v_warnings text[] := '{}'::text[];
BEGIN
    -- Every maintained table has a partition for now and for a day ahead, an empty default partition, no oversized partition.
    FOR v_table IN SELECT t.schema_name, t.table_name FROM ops.partitioned_tables t WHERE t.enabled ORDER BY 1, 2 LOOP
        v_parent := to_regclass(format('%I.%I', v_table.schema_name, v_table.table_name));
        IF v_parent IS NULL THEN
            v_failures := v_failures || format('%s.%s does not exist', v_table.schema_name, v_table.table_name);
            CONTINUE;
        END IF;
        IF NOT EXISTS (SELECT FROM ops.partitions_of(v_parent) p
                        WHERE p.range_from <= now() + interval '1 day' AND p.range_to > now() + interval '1 day')
           OR NOT EXISTS (SELECT FROM ops.partitions_of(v_parent) p WHERE p.range_from <= now() AND p.range_to > now()) THEN
            v_failures := v_failures || format('%s has no partition for now or tomorrow', v_parent);
        END IF;
        EXECUTE format('SELECT count(*) FROM %I.%I', v_table.schema_name,
                       (SELECT p.partition_name FROM ops.partitions_of(v_parent) p WHERE p.is_default))
           INTO v_rows;
        IF v_rows > 0 THEN
            v_warnings := v_warnings || format('%s rows in the default partition of %s', v_rows, v_parent);
        END IF;
        SELECT max(pg_total_relation_size(format('%I.%I', v_table.schema_name, p.partition_name)::regclass))
          INTO v_bytes FROM ops.partitions_of(v_parent) p;
        IF v_bytes > v_max THEN
            v_warnings := v_warnings || format('a partition of %s holds %s', v_parent, pg_size_pretty(v_bytes));
        END IF;
    END LOOP;
    value := cardinality(v_failures) + cardinality(v_warnings);
    status := CASE WHEN cardinality(v_failures) > 0 THEN 'fail' WHEN cardinality(v_warnings) > 0 THEN 'warn' ELSE 'ok' END;
    detail := coalesce(nullif(array_to_string(v_failures || v_warnings, '; '), ''), 'every maintained table is partitioned ahead');
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION check_partitions(p_thresholds jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.check_partitions(p_thresholds jsonb) IS 'Health check over ops.partitioned_tables (value: problems found): fail when a table lacks a partition for now or tomorrow; warn when its default partition holds rows or a partition is larger than max_partition_bytes (10 GB, the seed''s alert).';


--
-- Name: check_scheduled_jobs(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.check_scheduled_jobs(p_thresholds jsonb) RETURNS TABLE(status text, value numeric, detail text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_failed text[];
    v_hours  numeric := ops.health_threshold(p_thresholds, 'window_hours', 24);
BEGIN
    -- pgpattern's pg_cron jobs that failed recently (cron.job_run_details is read dynamically: pg_cron may be absent).
    IF ops.pg_cron_status() <> 'installed' THEN
        status := 'skip';
        detail := format('pg_cron: %s', ops.pg_cron_status());
        RETURN NEXT;
        RETURN;
    END IF;
    EXECUTE format($q$
        SELECT coalesce(array_agg(format('%%s (%%s failures, last: %%s)', jobname, n, left(message, 200)) ORDER BY jobname), '{}')
          FROM (SELECT j.jobname, count(*) AS n, (array_agg(d.return_message ORDER BY d.start_time DESC))[1] AS message
                  FROM %I.job_run_details d JOIN %I.job j ON j.jobid = d.jobid
                 WHERE d.status = 'failed' AND d.start_time > now() - %L::numeric * interval '1 hour'
                   AND j.jobname LIKE 'pgpattern-%%' AND j.database = current_database()
                 GROUP BY j.jobname) f
    $q$, 'cron', 'cron', v_hours) INTO v_failed;
    value := cardinality(v_failed);
    status := CASE WHEN value > 0 THEN 'warn' ELSE 'ok' END;
    detail := coalesce(nullif(array_to_string(v_failed, '; '), ''), format('no pgpattern job failed in the last %s hours', v_hours));
    RETURN NEXT;
END
$_$;


--
-- Name: FUNCTION check_scheduled_jobs(p_thresholds jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.check_scheduled_jobs(p_thresholds jsonb) IS 'Health check: pgpattern''s pg_cron jobs of this database that failed in the last window_hours (24) (value: how many jobs); warn when any, skip without pg_cron.';


--
-- Name: create_partition(regclass, text, timestamp without time zone); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_default name;
    v_end     timestamp := ops.partition_period_end(p_interval, p_start);
    v_key     name := ops.partition_key(p_parent);
    v_moved   bigint := 0;
    v_name    name;
    v_schema  name;
    v_table   name;
BEGIN
    /*
     * Creates the partition of p_parent for the period starting at p_start (UTC) and
     * returns how many rows it took over from the default partition; NULL when a
     * partition already covers any of the period (nothing is done). The partition is
     * built beside the table, filled with its rows from the default partition and then
     * attached, so the move fires no insert trigger; the default partition is locked
     * meanwhile so no row for the period can slip in. Indexes come on attach.
     */
    IF v_key IS NULL THEN
        RAISE EXCEPTION 'table % is not range-partitioned on one timestamptz column', p_parent
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_interval IS NULL OR p_interval NOT IN ('day', 'week', 'month') THEN
        RAISE EXCEPTION 'p_interval must be day, week or month, not %', coalesce(p_interval, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_start IS DISTINCT FROM ops.partition_period_start(p_interval, p_start AT TIME ZONE 'UTC') THEN
        RAISE EXCEPTION 'p_start % does not begin a % (UTC)', coalesce(p_start::text, 'NULL'), p_interval
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM ops.partitions_of(p_parent) p
                WHERE NOT p.is_default
                  AND coalesce(p.range_from, '-infinity') < v_end AT TIME ZONE 'UTC'
                  AND coalesce(p.range_to, 'infinity') > p_start AT TIME ZONE 'UTC') THEN
        RETURN NULL;
    END IF;
    SELECT n.nspname, c.relname INTO v_schema, v_table
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_parent;
    v_name := ops.partition_name(v_table, p_interval, p_start);
    SELECT p.partition_name INTO v_default FROM ops.partitions_of(p_parent) p WHERE p.is_default;

    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)',
                   v_schema, v_name, v_schema, v_table);
    IF v_default IS NOT NULL THEN
        EXECUTE format('LOCK TABLE %I.%I IN EXCLUSIVE MODE', v_schema, v_default);
        EXECUTE format('WITH moved AS (DELETE FROM %I.%I WHERE %I >= %L AND %I < %L RETURNING *)
                        INSERT INTO %I.%I SELECT * FROM moved',
                       v_schema, v_default, v_key, p_start AT TIME ZONE 'UTC', v_key, v_end AT TIME ZONE 'UTC',
                       v_schema, v_name);
        GET DIAGNOSTICS v_moved = ROW_COUNT;
    END IF;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                   v_schema, v_table, v_schema, v_name, p_start AT TIME ZONE 'UTC', v_end AT TIME ZONE 'UTC');
    RETURN v_moved;
END
$$;


--
-- Name: FUNCTION create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone) IS 'Creates the partition of a table for the day, week or month starting at p_start (UTC), taking over its rows from the default partition; returns how many rows moved, or NULL when a partition already covers the period.';


--
-- Name: data_quality_checks_validate(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.data_quality_checks_validate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_column name;
    v_table  regclass := to_regclass(format('%I.%I', NEW.schema_name, NEW.table_name));
BEGIN
    -- The table and its columns must exist; a range needs a numeric column, freshness and windows a timestamptz one.
    IF v_table IS NULL THEN
        RAISE EXCEPTION 'ops.data_quality_checks: table %.% does not exist', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'undefined_table';
    END IF;
    FOREACH v_column IN ARRAY NEW.column_names || NEW.time_column LOOP
        IF v_column IS NOT NULL AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = v_table AND a.attname = v_column
                                                   AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'ops.data_quality_checks: column % does not exist in %', v_column, v_table
                USING ERRCODE = 'undefined_column';
        END IF;
    END LOOP;
    IF NEW.check_type = 'value_range' AND NOT EXISTS (
           SELECT FROM pg_attribute a WHERE a.attrelid = v_table AND a.attname = NEW.column_names[1]
              AND a.atttypid IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
                                 'real'::regtype, 'double precision'::regtype)) THEN
        RAISE EXCEPTION 'ops.data_quality_checks: value_range needs a numeric column, and %.% is not one', v_table, NEW.column_names[1]
            USING ERRCODE = 'datatype_mismatch';
    END IF;
    IF EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = v_table
                  AND a.attname IN (NEW.time_column, CASE WHEN NEW.check_type = 'freshness' THEN NEW.column_names[1] END)
                  AND a.atttypid <> 'timestamptz'::regtype) THEN
        RAISE EXCEPTION 'ops.data_quality_checks: the time column of % must be timestamptz', NEW.check_name
            USING ERRCODE = 'datatype_mismatch';
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION data_quality_checks_validate(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.data_quality_checks_validate() IS 'BEFORE INSERT OR UPDATE trigger function of ops.data_quality_checks: the table and columns must exist (42P01, 42703), a value_range column be numeric and time columns timestamptz (42804).';


--
-- Name: detect_performance_anomalies(interval, interval, double precision, integer, timestamp with time zone); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.detect_performance_anomalies(p_recent interval DEFAULT '01:00:00'::interval, p_baseline interval DEFAULT '7 days'::interval, p_threshold double precision DEFAULT 3.5, p_min_baseline_samples integer DEFAULT 30, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(metric_name text, source_component text, recent_samples bigint, recent_median double precision, baseline_samples bigint, baseline_median double precision, baseline_mad double precision, robust_z double precision, direction text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * Per metric and component: the median of its samples in [p_now - p_recent, p_now)
     * against its own baseline, the samples of the p_baseline before that. The robust
     * z-score is 0.6745 * (recent median - baseline median) / MAD (median absolute
     * deviation, so the baseline's own outliers do not hide an anomaly); when the MAD is
     * 0 the mean absolute deviation stands in (z = diff / (1.2533 * meanAD)), and when
     * that is 0 too any change is infinitely far. Returns those with |z| >= p_threshold
     * and at least p_min_baseline_samples baseline samples, furthest first.
     */
    IF p_recent IS NULL OR p_recent <= interval '0' OR p_baseline IS NULL OR p_baseline <= interval '0' THEN
        RAISE EXCEPTION 'p_recent and p_baseline must be positive intervals, not % and %',
            coalesce(p_recent::text, 'NULL'), coalesce(p_baseline::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_threshold IS NULL OR p_threshold <= 0 OR p_min_baseline_samples IS NULL OR p_min_baseline_samples < 2 THEN
        RAISE EXCEPTION 'p_threshold must be positive and p_min_baseline_samples at least 2, not % and %',
            coalesce(p_threshold::text, 'NULL'), coalesce(p_min_baseline_samples::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH samples AS (
        SELECT m.metric_name AS name, coalesce(m.source_component, '') AS component, m.value::double precision AS v,
               m.metric_timestamp >= p_now - p_recent AS recent
          FROM learning.system_performance_metrics m
         WHERE m.metric_timestamp >= p_now - p_recent - p_baseline AND m.metric_timestamp < p_now
    ), baseline AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE NOT s.recent GROUP BY s.name, s.component
    ), spread AS (
        SELECT b.name, b.component,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(s.v - b.med)) AS mad,
               avg(abs(s.v - b.med)) AS mean_ad
          FROM samples s JOIN baseline b ON b.name = s.name AND b.component = s.component
         WHERE NOT s.recent GROUP BY b.name, b.component
    ), latest AS (
        SELECT s.name, s.component, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) AS med
          FROM samples s WHERE s.recent GROUP BY s.name, s.component
    ), scored AS (
        SELECT l.name, l.component, l.n AS recent_n, l.med AS recent_med, b.n AS baseline_n, b.med AS baseline_med,
               sp.mad,
               CASE WHEN sp.mad > 0 THEN 0.6745 * (l.med - b.med) / sp.mad
                    WHEN sp.mean_ad > 0 THEN (l.med - b.med) / (1.253314 * sp.mean_ad)
                    WHEN l.med = b.med THEN 0
                    ELSE sign(l.med - b.med) * 'Infinity'::double precision END AS z
          FROM latest l
          JOIN baseline b ON b.name = l.name AND b.component = l.component
          JOIN spread sp ON sp.name = l.name AND sp.component = l.component
         WHERE b.n >= p_min_baseline_samples
    )
    SELECT s.name, nullif(s.component, ''), s.recent_n, s.recent_med, s.baseline_n, s.baseline_med, s.mad, s.z,
           CASE WHEN s.z > 0 THEN 'above' ELSE 'below' END
      FROM scored s
     WHERE abs(s.z) >= p_threshold
     ORDER BY abs(s.z) DESC, s.name, s.component;
END
$$;


--
-- Name: FUNCTION detect_performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision, p_min_baseline_samples integer, p_now timestamp with time zone); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.detect_performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision, p_min_baseline_samples integer, p_now timestamp with time zone) IS 'The metrics (per metric_name and source_component) whose median over the last p_recent (1 hour) leaves their own baseline (the p_baseline, 7 days, before it) by a robust z-score |0.6745 * (recent median - baseline median) / MAD| of at least p_threshold (3.5), given at least p_min_baseline_samples (30) baseline samples; with the medians, the MAD, the sample counts, z and its direction (above or below).';


--
-- Name: disable_tenant_isolation(regclass); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.disable_tenant_isolation(p_table regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Undoes ops.enable_tenant_isolation.
    EXECUTE format('REVOKE ALL ON %s FROM pgpattern_app', p_table);
    EXECUTE format('DROP POLICY IF EXISTS full_access ON %s', p_table);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', p_table);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', p_table);
END
$$;


--
-- Name: FUNCTION disable_tenant_isolation(p_table regclass); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.disable_tenant_isolation(p_table regclass) IS 'Takes a table out of tenant isolation: drops its two policies, disables row-level security, revokes pgpattern_app''s rights.';


--
-- Name: distribution_blockers(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.distribution_blockers() RETURNS TABLE(table_name text, constraint_name text, problem text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- Project-scoped: a table of pgpattern's schemas with a project_id column, except core.projects,
    -- which defines project_id (a reference table, copied to every node, in a distributed plan).
    -- Partitions follow their parent and are not listed.
    WITH scoped AS (
        SELECT c.oid, a.attnum
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped
         WHERE n.nspname = ANY (ops.project_schemas()) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND c.oid <> 'core.projects'::regclass
    ), unique_keys AS (
        SELECT k.conrelid AS oid, k.conname::text AS name, k.conkey AS cols,
               CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint'
                              ELSE 'exclusion constraint' END AS kind
          FROM pg_constraint k
         WHERE k.contype IN ('p', 'u', 'x') AND k.conrelid IN (SELECT s.oid FROM scoped s)
        UNION ALL
        SELECT i.indrelid, i.indexrelid::regclass::text, i.indkey::int2[], 'unique index'
          FROM pg_index i
         WHERE i.indisunique AND i.indrelid IN (SELECT s.oid FROM scoped s)
           AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
    )
    SELECT u.oid::regclass::text, u.name, format('%s without project_id', u.kind)
      FROM unique_keys u JOIN scoped s USING (oid)
     WHERE NOT s.attnum = ANY (u.cols)
    UNION ALL
    -- A foreign key between two project-scoped tables must match project_id with project_id.
    SELECT f.conrelid::regclass::text, f.conname::text,
           format('foreign key to %s without project_id = project_id', f.confrelid::regclass)
      FROM pg_constraint f
      JOIN scoped s ON s.oid = f.conrelid
      JOIN scoped t ON t.oid = f.confrelid
     WHERE f.contype = 'f'
       AND NOT EXISTS (SELECT FROM generate_subscripts(f.conkey, 1) i
                        WHERE f.conkey[i] = s.attnum AND f.confkey[i] = t.attnum)
    UNION ALL
    -- A table without project_id that references a project-scoped one can be neither a
    -- reference table (it would point into shards) nor distributed (it has no project_id).
    SELECT f.conrelid::regclass::text, f.conname::text,
           format('foreign key to the project-scoped %s from a table without project_id', f.confrelid::regclass)
      FROM pg_constraint f
      JOIN pg_class c ON c.oid = f.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE f.contype = 'f' AND f.confrelid IN (SELECT t.oid FROM scoped t)
       AND f.conrelid NOT IN (SELECT s.oid FROM scoped s) AND NOT c.relispartition
       AND n.nspname = ANY (ops.project_schemas())
$$;


--
-- Name: FUNCTION distribution_blockers(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.distribution_blockers() IS 'What keeps the schema from being distributed by project_id (Citus): per project-scoped table (a table with a project_id column, core.projects aside), each primary key, unique constraint or unique index without project_id, each foreign key to another project-scoped table that does not match project_id with project_id, and each foreign key into a project-scoped table from a table without project_id. Empty when the schema is ready. pgpattern verify reports it as the check "distributable by project".';


--
-- Name: enable_tenant_isolation(regclass); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.enable_tenant_isolation(p_table regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * Row-level security on a project-scoped table: pgpattern_app reaches the rows of
     * learning.current_tenant() only (policy tenant_isolation, for reading and
     * writing), pgpattern_writer every row (policy full_access). Grants pgpattern_app
     * SELECT, INSERT, UPDATE and DELETE on the table (not on its partitions).
     */
    IF NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = 'project_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table % has no project_id column to isolate tenants by', p_table
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO pgpattern_app
                        USING (project_id = (SELECT learning.current_tenant()))
                        WITH CHECK (project_id = (SELECT learning.current_tenant()))', p_table);
    EXECUTE format('COMMENT ON POLICY tenant_isolation ON %s IS %L', p_table,
                   'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.');
    EXECUTE format('CREATE POLICY full_access ON %s AS PERMISSIVE FOR ALL TO pgpattern_writer USING (true) WITH CHECK (true)',
                   p_table);
    EXECUTE format('COMMENT ON POLICY full_access ON %s IS %L', p_table,
                   'pgpattern_writer and pgpattern_admin keep every row.');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO pgpattern_app', p_table);
END
$$;


--
-- Name: FUNCTION enable_tenant_isolation(p_table regclass); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.enable_tenant_isolation(p_table regclass) IS 'Puts a table with project_id under tenant isolation: row-level security with a tenant_isolation policy for pgpattern_app (project_id = learning.current_tenant()) and a full_access policy for pgpattern_writer; grants pgpattern_app the table.';


--
-- Name: health_threshold(jsonb, text, numeric); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.health_threshold(p_thresholds jsonb, p_key text, p_default numeric) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- A numeric threshold from a check's thresholds object, or its default.
    IF p_thresholds ? p_key AND jsonb_typeof(p_thresholds -> p_key) <> 'number' THEN
        RAISE EXCEPTION 'threshold % must be a JSON number, not %', p_key, p_thresholds -> p_key
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN coalesce((p_thresholds ->> p_key)::numeric, p_default);
END
$$;


--
-- Name: FUNCTION health_threshold(p_thresholds jsonb, p_key text, p_default numeric); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.health_threshold(p_thresholds jsonb, p_key text, p_default numeric) IS 'The number p_thresholds holds under p_key, or p_default; raises 22023 when it holds something else.';


--
-- Name: partition_key(regclass); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partition_key(p_parent regclass) RETURNS name
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- The one timestamptz column a table is range-partitioned on; NULL otherwise.
    SELECT a.attname
      FROM pg_partitioned_table pt
      JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
     WHERE pt.partrelid = p_parent AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid = 'timestamptz'::regtype
$$;


--
-- Name: FUNCTION partition_key(p_parent regclass); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partition_key(p_parent regclass) IS 'The partition key column of a table range-partitioned on one timestamptz column, else NULL.';


--
-- Name: partition_name(name, text, timestamp without time zone); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partition_name(p_table name, p_interval text, p_start timestamp without time zone) RETURNS name
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- <table>_p<period>: the dated names sql/structure.sql leaves out.
    SELECT (p_table || '_p' || to_char(p_start, CASE p_interval WHEN 'day' THEN 'YYYY"m"MM"d"DD'
                                                                 WHEN 'week' THEN 'IYYY"w"IW'
                                                                 ELSE 'YYYY"m"MM' END))::name
$$;


--
-- Name: FUNCTION partition_name(p_table name, p_interval text, p_start timestamp without time zone); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partition_name(p_table name, p_interval text, p_start timestamp without time zone) IS 'The name of the partition of p_table for the period starting at p_start: <table>_pYYYYmMMdDD (day), <table>_pIYYYYwIW (week), <table>_pYYYYmMM (month).';


--
-- Name: partition_period_end(text, timestamp without time zone); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partition_period_end(p_interval text, p_start timestamp without time zone) RETURNS timestamp without time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT p_start + CASE p_interval WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days'
                                     ELSE interval '1 month' END
$$;


--
-- Name: FUNCTION partition_period_end(p_interval text, p_start timestamp without time zone); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partition_period_end(p_interval text, p_start timestamp without time zone) IS 'The end (exclusive, UTC) of the period of the given kind starting at p_start.';


--
-- Name: partition_period_start(text, timestamp with time zone); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partition_period_start(p_interval text, p_at timestamp with time zone) RETURNS timestamp without time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- The UTC start of the day, ISO week or month that holds p_at.
    SELECT date_trunc(p_interval, p_at AT TIME ZONE 'UTC')
$$;


--
-- Name: FUNCTION partition_period_start(p_interval text, p_at timestamp with time zone); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partition_period_start(p_interval text, p_at timestamp with time zone) IS 'The start, as a UTC timestamp, of the day, week (ISO, Monday) or month that holds p_at.';


--
-- Name: partitioned_tables_check(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partitioned_tables_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_parent regclass := to_regclass(format('%I.%I', NEW.schema_name, NEW.table_name));
BEGIN
    -- Only a table maintenance can keep: range-partitioned on one timestamptz column.
    IF v_parent IS NULL THEN
        RAISE EXCEPTION 'ops.partitioned_tables: table %.% does not exist', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'undefined_table',
                  HINT = 'create the partitioned table first, then register it';
    END IF;
    IF ops.partition_key(v_parent) IS NULL THEN
        RAISE EXCEPTION 'ops.partitioned_tables: table %.% is not range-partitioned on one timestamptz column', NEW.schema_name, NEW.table_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'declare it PARTITION BY RANGE (a timestamptz column)';
    END IF;
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION partitioned_tables_check(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partitioned_tables_check() IS 'BEFORE INSERT OR UPDATE trigger function of ops.partitioned_tables: the table must exist and be range-partitioned on one timestamptz column (42P01, 22023).';


--
-- Name: partitions_of(regclass); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.partitions_of(p_parent regclass) RETURNS TABLE(partition_name name, range_from timestamp with time zone, range_to timestamp with time zone, is_default boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "DateStyle" TO 'ISO, YMD'
    AS $_$
DECLARE
    v_bound text;
    v_part  record;
BEGIN
    -- The partitions of a range-partitioned table with their bounds (NULL for MINVALUE or MAXVALUE).
    -- DateStyle is pinned so the bounds pg_get_expr prints read back as they were written.
    FOR v_part IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = p_parent
         ORDER BY c.relname
    LOOP
        partition_name := v_part.relname;
        is_default := v_part.bound = 'DEFAULT';
        range_from := NULL;
        range_to := NULL;
        IF NOT is_default THEN
            v_bound := substring(v_part.bound FROM $re$FROM \('([^']*)'\)$re$);
            range_from := v_bound::timestamptz;
            v_bound := substring(v_part.bound FROM $re$TO \('([^']*)'\)$re$);
            range_to := v_bound::timestamptz;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$_$;


--
-- Name: FUNCTION partitions_of(p_parent regclass); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.partitions_of(p_parent regclass) IS 'The partitions of a table range-partitioned on a timestamptz column: name, range_from (inclusive), range_to (exclusive), is_default.';


--
-- Name: pg_cron_status(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.pg_cron_status() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT CASE
        WHEN EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN 'installed'
        WHEN NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_cron') THEN 'not available'
        WHEN NOT (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',') @> ARRAY['pg_cron']) THEN 'not preloaded'
        WHEN current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN 'other database'
        ELSE 'available'
    END
$$;


--
-- Name: FUNCTION pg_cron_status(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.pg_cron_status() IS 'Whether pg_cron can schedule jobs for this database: installed, available (can be created here), not available (not on the server: install postgresql-15-cron), not preloaded (add pg_cron to shared_preload_libraries), other database (cron.database_name names another database).';


--
-- Name: project_schemas(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.project_schemas() RETURNS name[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT ARRAY['core', 'git', 'patterns', 'learning', 'workflow', 'ops', 'api']::name[]
$$;


--
-- Name: FUNCTION project_schemas(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.project_schemas() IS 'The schemas pgpattern owns, one per concern.';


--
-- Name: purge_cron_history(interval); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.purge_cron_history(p_keep interval DEFAULT '7 days'::interval) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- cron.job_run_details grows without bound; keep only the recent runs.
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'p_keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    EXECUTE format('DELETE FROM cron.job_run_details WHERE end_time < now() - %L::interval', p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;


--
-- Name: FUNCTION purge_cron_history(p_keep interval); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.purge_cron_history(p_keep interval) IS 'Deletes pg_cron run history older than p_keep (default 7 days) and returns how many rows went; 0 without pg_cron.';


--
-- Name: reload_pg_cron_jobs(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.reload_pg_cron_jobs() RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF ops.pg_cron_status() <> 'installed'
       OR current_setting('cron.database_name', true) IS DISTINCT FROM current_database() THEN
        RETURN false;
    END IF;
    RETURN pg_reload_conf();
END
$$;


--
-- Name: FUNCTION reload_pg_cron_jobs(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.reload_pg_cron_jobs() IS 'Makes the pg_cron launcher re-read cron.job (a configuration reload, SIGHUP) where pg_cron runs in this database; returns whether it signalled. pgpattern calls it after it applies or rolls back migrations: pg_cron 1.4 can miss job changes made during DDL. A launcher still watching a dropped cron.job logs "could not open relation with OID" and is restarted.';


--
-- Name: remove_partition(regclass, name, timestamp with time zone, timestamp with time zone, text, name, text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text) RETURNS TABLE(rows_removed bigint, rows_summarized bigint, dependent_rows_removed bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;


--
-- Name: FUNCTION remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text) IS 'Retention of one partition: removes (or archives) the rows of referencing tables that point into it, summarizes it (summarize), detaches it and drops it (delete, summarize) or moves it to the archive schema (archive). Returns the rows removed, summarized and removed from referencing tables.';


--
-- Name: data_quality_results; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.data_quality_results (
    result_id bigint NOT NULL,
    check_name text NOT NULL,
    table_name text NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL,
    rows_checked bigint,
    rows_failed bigint,
    quality_score numeric(5,2),
    status text NOT NULL,
    detail text,
    duration_ms numeric NOT NULL,
    CONSTRAINT data_quality_results_score_check CHECK (((quality_score >= (0)::numeric) AND (quality_score <= (100)::numeric))),
    CONSTRAINT data_quality_results_status_check CHECK ((status = ANY (ARRAY['passed'::text, 'failed'::text, 'error'::text])))
);


--
-- Name: TABLE data_quality_results; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.data_quality_results IS 'Every run of a data-quality check: rows checked and failing, the quality score (0 to 100), passed or failed against the check''s threshold, or error. Kept 90 days.';


--
-- Name: COLUMN data_quality_results.result_id; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.result_id IS 'The result''s key.';


--
-- Name: COLUMN data_quality_results.check_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.check_name IS 'The check.';


--
-- Name: COLUMN data_quality_results.table_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.table_name IS 'schema.table checked.';


--
-- Name: COLUMN data_quality_results.checked_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.checked_at IS 'When it ran (the guide''s check_timestamp).';


--
-- Name: COLUMN data_quality_results.rows_checked; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.rows_checked IS 'The rows in the window.';


--
-- Name: COLUMN data_quality_results.rows_failed; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.rows_failed IS 'The rows that failed (NULL, out of range, extra copies; for freshness 0 or all).';


--
-- Name: COLUMN data_quality_results.quality_score; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.quality_score IS '100 * (1 - rows_failed / rows_checked); 100 with no rows (0 for freshness).';


--
-- Name: COLUMN data_quality_results.status; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.status IS 'passed (score at least the threshold), failed, or error (the check could not run; see detail).';


--
-- Name: COLUMN data_quality_results.detail; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.detail IS 'What was found.';


--
-- Name: COLUMN data_quality_results.duration_ms; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_results.duration_ms IS 'How long the check took, in milliseconds.';


--
-- Name: run_data_quality_checks(text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.run_data_quality_checks(p_check text DEFAULT NULL::text) RETURNS SETOF ops.data_quality_results
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_check   record;
    v_checked bigint;
    v_clock   timestamptz;
    v_detail  text;
    v_failed  bigint;
    v_newest  timestamptz;
    v_result  ops.data_quality_results;
    v_score   numeric;
    v_status  text;
    v_where   text;
BEGIN
    -- Runs the enabled data-quality checks (or only p_check), records and returns the results.
    IF p_check IS NOT NULL AND NOT EXISTS (SELECT FROM ops.data_quality_checks c WHERE c.check_name = p_check) THEN
        RAISE EXCEPTION 'p_check % is not in ops.data_quality_checks', p_check
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_check IN
        SELECT c.* FROM ops.data_quality_checks c
         WHERE (c.enabled OR c.check_name = p_check) AND (p_check IS NULL OR c.check_name = p_check)
         ORDER BY c.check_name
    LOOP
        v_clock := clock_timestamp();
        v_where := CASE WHEN v_check.time_column IS NULL THEN 'true'
                        ELSE format('%I >= %L::timestamptz', v_check.time_column, now() - v_check.check_window) END;
        v_detail := NULL;
        BEGIN
            CASE v_check.check_type
            WHEN 'completeness' THEN
                EXECUTE format('SELECT count(*), count(*) FILTER (WHERE %I IS NULL) FROM %I.%I WHERE %s',
                               v_check.column_names[1], v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows lack %s', v_failed, v_checked, v_check.column_names[1]);
            WHEN 'value_range' THEN
                EXECUTE format('SELECT count(*), count(*) FILTER (WHERE %I < %L::numeric OR %I > %L::numeric) FROM %I.%I WHERE %s',
                               v_check.column_names[1], v_check.min_value, v_check.column_names[1], v_check.max_value,
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows have %s outside [%s, %s]', v_failed, v_checked, v_check.column_names[1],
                                   coalesce(v_check.min_value::text, '-inf'), coalesce(v_check.max_value::text, 'inf'));
            WHEN 'freshness' THEN
                EXECUTE format('SELECT count(*), max(%I) FROM %I.%I WHERE %s', v_check.column_names[1],
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_newest;
                v_failed := CASE WHEN v_newest IS NOT NULL AND v_newest >= now() - v_check.max_age THEN 0
                                 ELSE greatest(v_checked, 1) END;
                v_detail := CASE WHEN v_newest IS NULL THEN 'no rows'
                                 ELSE format('newest row %s old (at most %s allowed)', date_trunc('second', now() - v_newest),
                                             v_check.max_age) END;
            ELSE  -- duplicates
                EXECUTE format('SELECT count(*), count(*) - count(DISTINCT (%s)) FROM %I.%I WHERE %s',
                               (SELECT string_agg(format('%I', c), ', ') FROM unnest(v_check.column_names) c),
                               v_check.schema_name, v_check.table_name, v_where)
                   INTO v_checked, v_failed;
                v_detail := format('%s of %s rows repeat a key (%s)', v_failed, v_checked,
                                   array_to_string(v_check.column_names, ', '));
            END CASE;
            v_score := CASE WHEN v_check.check_type = 'freshness' THEN CASE WHEN v_failed = 0 THEN 100 ELSE 0 END
                            WHEN v_checked = 0 THEN 100
                            ELSE round(100 * (1 - v_failed::numeric / v_checked), 2) END;
            v_status := CASE WHEN v_score >= v_check.threshold THEN 'passed' ELSE 'failed' END;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_detail = MESSAGE_TEXT;
            v_checked := NULL;
            v_failed := NULL;
            v_score := NULL;
            v_status := 'error';
        END;
        INSERT INTO ops.data_quality_results (check_name, table_name, rows_checked, rows_failed, quality_score, status,
                                              detail, duration_ms)
        VALUES (v_check.check_name, format('%s.%s', v_check.schema_name, v_check.table_name), v_checked, v_failed,
                v_score, v_status, v_detail, round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1))
        RETURNING * INTO v_result;
        RETURN NEXT v_result;
    END LOOP;
END
$$;


--
-- Name: FUNCTION run_data_quality_checks(p_check text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.run_data_quality_checks(p_check text) IS 'Runs the enabled data-quality checks (or only p_check, enabled or not), records each result in ops.data_quality_results and returns them. Scheduled hourly as pgpattern-data-quality-checks.';


--
-- Name: health_check_results; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.health_check_results (
    result_id bigint NOT NULL,
    check_name text NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL,
    status text NOT NULL,
    value numeric,
    detail text,
    duration_ms numeric NOT NULL,
    CONSTRAINT health_check_results_status_check CHECK ((status = ANY (ARRAY['ok'::text, 'warn'::text, 'fail'::text, 'skip'::text])))
);


--
-- Name: TABLE health_check_results; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.health_check_results IS 'Every run of a system health check: status (ok, warn, fail, skip), the value measured, the detail and how long it took. A check that raised an error is recorded as fail with the error. Kept 30 days.';


--
-- Name: COLUMN health_check_results.result_id; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.result_id IS 'The result''s key.';


--
-- Name: COLUMN health_check_results.check_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.check_name IS 'The check.';


--
-- Name: COLUMN health_check_results.checked_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.checked_at IS 'When it ran.';


--
-- Name: COLUMN health_check_results.status; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.status IS 'ok, warn, fail or skip.';


--
-- Name: COLUMN health_check_results.value; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.value IS 'The number the status rests on (the check''s description says which).';


--
-- Name: COLUMN health_check_results.detail; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.detail IS 'What was found.';


--
-- Name: COLUMN health_check_results.duration_ms; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.health_check_results.duration_ms IS 'How long the check took, in milliseconds.';


--
-- Name: run_health_checks(boolean); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.run_health_checks(p_all boolean DEFAULT false) RETURNS SETOF ops.health_check_results
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_check    record;
    v_clock    timestamptz;
    v_detail   text;
    v_function regprocedure;
    v_result   ops.health_check_results;
    v_status   text;
    v_value    numeric;
BEGIN
    -- Runs the enabled checks that are due (all enabled ones with p_all), each in a
    -- subtransaction: a check that raises is recorded as fail with its error.
    FOR v_check IN
        SELECT c.* FROM ops.system_health_checks c
         WHERE c.enabled AND (p_all OR c.last_run_at IS NULL OR c.last_run_at + c.check_frequency <= now() + interval '5 seconds')
         ORDER BY c.check_name
    LOOP
        v_clock := clock_timestamp();
        BEGIN
            v_function := to_regprocedure(v_check.check_function || '(jsonb)');
            IF v_function IS NULL THEN
                RAISE EXCEPTION 'check function %(jsonb) does not exist', v_check.check_function
                    USING ERRCODE = 'undefined_function';
            END IF;
            EXECUTE format('SELECT status, value, detail FROM %s($1)', v_function::regproc)
               INTO v_status, v_value, v_detail USING v_check.thresholds;
            IF v_status IS NULL OR v_status NOT IN ('ok', 'warn', 'fail', 'skip') THEN
                RAISE EXCEPTION 'check function % returned status %, not ok, warn, fail or skip',
                    v_check.check_function, coalesce(v_status, 'NULL')
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
        EXCEPTION WHEN OTHERS THEN
            v_status := 'fail';
            v_value := NULL;
            GET STACKED DIAGNOSTICS v_detail = MESSAGE_TEXT;
            v_detail := 'the check raised an error: ' || v_detail;
        END;
        INSERT INTO ops.health_check_results (check_name, status, value, detail, duration_ms)
        VALUES (v_check.check_name, v_status, v_value, v_detail,
                round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1))
        RETURNING * INTO v_result;
        UPDATE ops.system_health_checks c SET last_run_at = now(), last_status = v_status
         WHERE c.check_name = v_check.check_name;
        RETURN NEXT v_result;
    END LOOP;
END
$_$;


--
-- Name: FUNCTION run_health_checks(p_all boolean); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.run_health_checks(p_all boolean) IS 'Runs the enabled system health checks that are due (every enabled one with p_all), records each result in ops.health_check_results and returns them. Scheduled every minute as pgpattern-health-checks.';


--
-- Name: run_partition_maintenance(text, integer); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.run_partition_maintenance(p_table text DEFAULT NULL::text, p_max_new_partitions integer DEFAULT 1000) RETURNS TABLE(table_name text, partitions_created integer, rows_drained bigint, default_rows_left bigint, duration_ms numeric)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_budget      integer;
    v_clock       timestamptz;
    v_config      record;
    v_created     integer;
    v_default     name;
    v_drained     bigint;
    v_fkey        record;
    v_fkeys       text[];
    v_key         name;
    v_moved       bigint;
    v_parent      regclass;
    v_period      timestamp;
    v_periods     timestamp[];
    v_statement   text;
BEGIN
    /*
     * For each enabled table of ops.partitioned_tables (or only p_table, schema.table):
     * makes sure a default partition exists, drains it (every period it holds rows of
     * gets its partition and the rows), then creates the partitions from the current
     * period to now() + premake. At most p_max_new_partitions per table and run, so a
     * stray row far in the past or future cannot make thousands at once. One run at a
     * time (an advisory lock; a second returns nothing with a notice).
     */
    IF p_max_new_partitions IS NULL OR p_max_new_partitions < 1 THEN
        RAISE EXCEPTION 'p_max_new_partitions must be at least 1, not %', coalesce(p_max_new_partitions::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_table IS NOT NULL AND NOT EXISTS (SELECT FROM ops.partitioned_tables t
                                            WHERE format('%s.%s', t.schema_name, t.table_name) = p_table) THEN
        RAISE EXCEPTION 'p_table % is not in ops.partitioned_tables', p_table
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'give schema.table of a registered table, or NULL for all';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('pgpattern partition maintenance')) THEN
        RAISE NOTICE 'partition maintenance is already running in another session; nothing done';
        RETURN;
    END IF;
    FOR v_config IN
        SELECT t.schema_name, t.table_name, t.partition_interval, t.premake
          FROM ops.partitioned_tables t
         WHERE t.enabled AND (p_table IS NULL OR format('%s.%s', t.schema_name, t.table_name) = p_table)
         ORDER BY t.schema_name, t.table_name
    LOOP
        v_clock := clock_timestamp();
        v_parent := format('%I.%I', v_config.schema_name, v_config.table_name)::regclass;
        v_key := ops.partition_key(v_parent);
        v_created := 0;
        v_drained := 0;
        v_budget := p_max_new_partitions;

        SELECT p.partition_name INTO v_default FROM ops.partitions_of(v_parent) p WHERE p.is_default;
        IF v_default IS NULL THEN
            v_default := (v_config.table_name || '_default')::name;
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I DEFAULT',
                           v_config.schema_name, v_default, v_config.schema_name, v_config.table_name);
            EXECUTE format('COMMENT ON TABLE %I.%I IS %L', v_config.schema_name, v_default,
                           format('Rows of %s.%s outside every partition; ops.run_partition_maintenance() moves them into their partitions.',
                                  v_config.schema_name, v_config.table_name));
        END IF;

        EXECUTE format('SELECT coalesce(array_agg(DISTINCT ops.partition_period_start(%L, %I)), ''{}'') FROM %I.%I',
                       v_config.partition_interval, v_key, v_config.schema_name, v_default)
           INTO v_periods;
        -- A row leaving the default partition is deleted there before its partition is
        -- attached, and PostgreSQL checks a referencing foreign key against the default
        -- partition alone: so foreign keys that reference the table are dropped while
        -- rows move and added again (and so validated) after.
        v_fkeys := '{}';
        IF cardinality(v_periods) > 0 THEN
            v_fkeys := ARRAY(SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,
                                           pg_get_constraintdef(k.oid))
                               FROM pg_constraint k
                              WHERE k.contype = 'f' AND k.confrelid = v_parent AND k.conparentid = 0
                              ORDER BY k.conrelid::regclass::text, k.conname);
            FOR v_fkey IN SELECT k.conrelid::regclass AS child, k.conname FROM pg_constraint k
                           WHERE k.contype = 'f' AND k.confrelid = v_parent AND k.conparentid = 0 LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', v_fkey.child, v_fkey.conname);
            END LOOP;
        END IF;
        FOREACH v_period IN ARRAY v_periods LOOP
            EXIT WHEN v_budget = 0;
            v_moved := ops.create_partition(v_parent, v_config.partition_interval, v_period);
            IF v_moved IS NOT NULL THEN
                v_created := v_created + 1;
                v_drained := v_drained + v_moved;
                v_budget := v_budget - 1;
            END IF;
        END LOOP;

        FOREACH v_statement IN ARRAY v_fkeys LOOP
            EXECUTE v_statement;
        END LOOP;

        v_period := ops.partition_period_start(v_config.partition_interval, now());
        WHILE v_period AT TIME ZONE 'UTC' < now() + v_config.premake AND v_budget > 0 LOOP
            v_moved := ops.create_partition(v_parent, v_config.partition_interval, v_period);
            IF v_moved IS NOT NULL THEN
                v_created := v_created + 1;
                v_drained := v_drained + v_moved;
                v_budget := v_budget - 1;
            END IF;
            v_period := ops.partition_period_end(v_config.partition_interval, v_period);
        END LOOP;

        table_name := format('%s.%s', v_config.schema_name, v_config.table_name);
        partitions_created := v_created;
        rows_drained := v_drained;
        EXECUTE format('SELECT count(*) FROM %I.%I', v_config.schema_name, v_default) INTO default_rows_left;
        duration_ms := round(extract(epoch FROM clock_timestamp() - v_clock)::numeric * 1000, 1);
        IF default_rows_left > 0 THEN
            RAISE WARNING '% rows of % are still in its default partition', default_rows_left, table_name
                USING DETAIL = format('%s partitions created this run (at most %s), %s rows drained',
                                      v_created, p_max_new_partitions, v_drained),
                      HINT = 'run ops.run_partition_maintenance() again, or look for a partition that overlaps their period';
        END IF;
        UPDATE ops.partitioned_tables t
           SET last_maintained_at = now(),
               last_result = jsonb_build_object('partitions_created', v_created, 'rows_drained', v_drained,
                                                'default_rows_left', default_rows_left, 'duration_ms', duration_ms)
         WHERE t.schema_name = v_config.schema_name AND t.table_name = v_config.table_name;
        RETURN NEXT;
    END LOOP;
END
$$;


--
-- Name: FUNCTION run_partition_maintenance(p_table text, p_max_new_partitions integer); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.run_partition_maintenance(p_table text, p_max_new_partitions integer) IS 'Keeps the tables of ops.partitioned_tables (all, or p_table as schema.table): a default partition, drained into the partitions its rows belong to, and partitions from the current period to now() + premake; at most p_max_new_partitions (default 1000) new partitions per table and run. Returns per table what it did and how long it took. Scheduled daily as pgpattern-partition-maintenance.';


--
-- Name: run_retention(integer); Type: PROCEDURE; Schema: ops; Owner: -
--

CREATE PROCEDURE ops.run_retention(IN p_max_partitions integer DEFAULT 50)
    LANGUAGE plpgsql
    AS $$
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
$$;


--
-- Name: PROCEDURE run_retention(IN p_max_partitions integer); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON PROCEDURE ops.run_retention(IN p_max_partitions integer) IS 'Applies retention in committed rounds of at most p_max_partitions partitions per table (ops.apply_retention) until the backlog is gone; what pg_cron runs daily (pgpattern-retention). Cannot run inside a transaction block.';


--
-- Name: schedule_job(text, text, text, text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Records the job as wanted and schedules it where pg_cron is installed.
    INSERT INTO ops.scheduled_jobs (job_name, schedule, command, description)
    VALUES (p_job_name, p_schedule, p_command, p_description)
    ON CONFLICT (job_name) DO UPDATE
        SET schedule = excluded.schedule, command = excluded.command, description = excluded.description;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', p_job_name, p_schedule, p_command);
    END IF;
END
$$;


--
-- Name: FUNCTION schedule_job(p_job_name text, p_schedule text, p_command text, p_description text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) IS 'Wants a job (name, five-field UTC cron schedule, SQL command, description) and schedules it in pg_cron where installed.';


--
-- Name: sync_scheduled_jobs(); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.sync_scheduled_jobs() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_count integer := 0;
    v_job   record;
BEGIN
    -- Schedules every wanted job in pg_cron (cron.schedule upserts by name); 0 without pg_cron.
    IF ops.pg_cron_status() <> 'installed' THEN
        RETURN 0;
    END IF;
    FOR v_job IN SELECT job_name, schedule, command FROM ops.scheduled_jobs ORDER BY job_name LOOP
        EXECUTE format('SELECT cron.schedule(%L, %L, %L)', v_job.job_name, v_job.schedule, v_job.command);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;


--
-- Name: FUNCTION sync_scheduled_jobs(); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.sync_scheduled_jobs() IS 'Schedules every job of ops.scheduled_jobs in pg_cron and returns how many; returns 0 and does nothing where pg_cron is not installed. Run it after installing pg_cron.';


--
-- Name: unschedule_job(text); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.unschedule_job(p_job_name text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Forgets the job and removes it from pg_cron where installed.
    DELETE FROM ops.scheduled_jobs WHERE job_name = p_job_name;
    IF ops.pg_cron_status() = 'installed' THEN
        EXECUTE format('SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = %L', p_job_name);
    END IF;
END
$$;


--
-- Name: FUNCTION unschedule_job(p_job_name text); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.unschedule_job(p_job_name text) IS 'Removes a job from ops.scheduled_jobs and from pg_cron.';


--
-- Name: validate_schema_integrity(jsonb); Type: FUNCTION; Schema: ops; Owner: -
--

CREATE FUNCTION ops.validate_schema_integrity(p_migration_files jsonb DEFAULT NULL::jsonb) RETURNS TABLE(check_name text, status text, detail text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_applied     text[];
    v_bad         text[];
    v_check_schema name;
    v_count       integer;
    v_cron        text := ops.pg_cron_status();
    v_function    record;
    v_ledger      text[];
    v_problems    text[];
    v_schemas     name[] := ops.project_schemas();
    v_standby     boolean := pg_is_in_recovery();
    v_yoyo_schema name;
BEGIN
    /*
     * One row per check: status is ok, warn (works, but look), fail or skip.
     * p_migration_files maps migration id to the sha256 of its files on disk
     * (pgpattern verify passes it); without it the files are not compared.
     */
    IF p_migration_files IS NOT NULL AND jsonb_typeof(p_migration_files) <> 'object' THEN
        RAISE EXCEPTION 'p_migration_files must be a JSON object of migration id to sha256, not a JSON %',
            jsonb_typeof(p_migration_files)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- A hot standby answers every check below (they only read), but runs no scheduled job.
    check_name := 'server role';
    status := 'ok';
    detail := CASE WHEN v_standby
                   THEN 'a hot standby (read-only, replaying its primary''s WAL): every check below only reads, '
                        'none is skipped; pg_cron runs the scheduled jobs on the primary only'
                   ELSE 'a primary (read-write)' END;
    RETURN NEXT;

    -- Migrations: yoyo's record of what ran against the ledger of checksums.
    SELECT n.nspname INTO v_yoyo_schema
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = '_yoyo_migration' AND c.relkind = 'r'
     ORDER BY n.nspname = 'public' DESC, n.nspname
     LIMIT 1;
    IF v_yoyo_schema IS NULL THEN
        v_applied := '{}';
    ELSE
        EXECUTE format('SELECT coalesce(array_agg(migration_id ORDER BY migration_id), ''{}'') FROM %I._yoyo_migration',
                       v_yoyo_schema)
           INTO v_applied;
    END IF;
    SELECT coalesce(array_agg(m.migration_id ORDER BY m.migration_id), '{}') INTO v_ledger
      FROM ops.migration_checksums m;
    check_name := 'migrations recorded';
    v_bad := ARRAY(SELECT unnest(v_applied) EXCEPT SELECT unnest(v_ledger) ORDER BY 1);
    IF cardinality(v_bad) > 0 THEN
        status := 'fail';
        detail := format('applied without a recorded checksum: %s', array_to_string(v_bad, ', '));
    ELSE
        v_bad := ARRAY(SELECT unnest(v_ledger) EXCEPT SELECT unnest(v_applied) ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('checksum recorded but not applied according to yoyo: %s', array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s migrations applied, each with its checksum', cardinality(v_applied));
        END IF;
    END IF;
    RETURN NEXT;

    check_name := 'migration files';
    IF p_migration_files IS NULL THEN
        status := 'skip';
        detail := 'no migration files given to compare (pgpattern verify passes them)';
    ELSE
        v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                         JOIN jsonb_each_text(p_migration_files) f ON f.key = m.migration_id
                        WHERE f.value <> m.checksum ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('edited after they were applied: %s', array_to_string(v_bad, ', '));
        ELSE
            v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                            WHERE NOT p_migration_files ? m.migration_id ORDER BY 1);
            IF cardinality(v_bad) > 0 THEN
                status := 'fail';
                detail := format('applied but their files are missing: %s', array_to_string(v_bad, ', '));
            ELSE
                v_bad := ARRAY(SELECT f.key FROM jsonb_each_text(p_migration_files) f
                                WHERE NOT f.key = ANY (v_ledger) ORDER BY 1);
                IF cardinality(v_bad) > 0 THEN
                    status := 'warn';
                    detail := format('%s pending: %s', cardinality(v_bad), array_to_string(v_bad, ', '));
                ELSE
                    status := 'ok';
                    detail := format('all %s migration files applied and unedited', cardinality(v_ledger));
                END IF;
            END IF;
        END IF;
    END IF;
    RETURN NEXT;

    -- Extensions.
    check_name := 'extension pg_cron';
    status := CASE v_cron WHEN 'installed' THEN 'ok' ELSE 'warn' END;
    detail := CASE v_cron
        WHEN 'installed' THEN format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'))
        WHEN 'available' THEN 'available but not created: run pgpattern migrate, or CREATE EXTENSION pg_cron'
        WHEN 'not available' THEN 'not on this server (Debian package postgresql-15-cron): scheduled jobs do not run'
        WHEN 'not preloaded' THEN 'not in shared_preload_libraries: scheduled jobs do not run'
        ELSE format('runs in database %s, not here: scheduled jobs do not run', current_setting('cron.database_name', true))
    END;
    RETURN NEXT;

    check_name := 'extension plpgsql_check';
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'ok';
        detail := format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'plpgsql_check'));
    ELSE
        status := 'skip';
        detail := 'not installed (Debian package postgresql-15-plpgsql-check): PL/pgSQL functions are not linted';
    END IF;
    RETURN NEXT;

    -- Scheduled jobs: every wanted job present in pg_cron, active, with the same schedule and command.
    check_name := 'scheduled jobs';
    SELECT count(*) INTO v_count FROM ops.scheduled_jobs;
    IF v_cron <> 'installed' THEN
        status := 'warn';
        detail := format('%s jobs wanted, none scheduled (pg_cron: %s)', v_count, v_cron);
    ELSE
        -- The schema name goes through format() so that plpgsql_check does not
        -- resolve cron.job in databases without pg_cron.
        EXECUTE format($q$
            SELECT coalesce(array_agg(s.job_name ORDER BY s.job_name), '{}')
              FROM ops.scheduled_jobs s
              LEFT JOIN %I.job j ON j.jobname = s.job_name AND j.database = current_database()
             WHERE j.jobid IS NULL OR NOT j.active OR j.schedule <> s.schedule OR j.command <> s.command
        $q$, 'cron') INTO v_bad;
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('missing, inactive or changed in cron.job: %s (SELECT ops.sync_scheduled_jobs() restores them)',
                             array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s jobs scheduled', v_count)
                      || CASE WHEN v_standby THEN ' (run on the primary: pg_cron runs none on a standby)' ELSE '' END;
        END IF;
    END IF;
    RETURN NEXT;

    -- Indexes left invalid by a failed CREATE INDEX CONCURRENTLY.
    check_name := 'valid indexes';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND NOT (i.indisvalid AND i.indisready)
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('invalid: %s (drop and create again)', array_to_string(v_bad, ', '))
                   ELSE 'no invalid index' END;
    RETURN NEXT;

    -- Every table has a primary key.
    check_name := 'primary keys';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p')
                      AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('tables without a primary key: %s', array_to_string(v_bad, ', '))
                   ELSE 'every table has a primary key' END;
    RETURN NEXT;

    -- Every foreign key has an index whose leading columns are the key's columns,
    -- so deletes on the referenced table and joins do not scan the referencing one.
    check_name := 'foreign key indexes';
    v_bad := ARRAY(SELECT format('%s on %s', k.conname, k.conrelid::regclass)
                     FROM pg_constraint k
                     JOIN pg_class c ON c.oid = k.conrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE k.contype = 'f' AND n.nspname = ANY (v_schemas)
                      AND NOT EXISTS (
                          SELECT FROM pg_index i
                           WHERE i.indrelid = k.conrelid
                             AND (SELECT array_agg(x ORDER BY x) FROM unnest(i.indkey[0:cardinality(k.conkey) - 1]) x)
                               = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('foreign keys without a supporting index: %s', array_to_string(v_bad, ', '))
                   ELSE 'every foreign key has a supporting index' END;
    RETURN NEXT;

    -- Every object a user can see in psql says what it is.
    check_name := 'comments';
    v_bad := ARRAY(
        SELECT format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                      n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
           AND obj_description(c.oid, 'pg_class') IS NULL
        UNION ALL
        SELECT format('function %s', p.oid::regprocedure)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = ANY (v_schemas) AND obj_description(p.oid, 'pg_proc') IS NULL
           AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT format('schema %I', n.nspname)
          FROM pg_namespace n
         WHERE n.nspname = ANY (v_schemas) AND obj_description(n.oid, 'pg_namespace') IS NULL
        ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('without COMMENT: %s', array_to_string(v_bad, ', '))
                   ELSE 'every schema, table, view and function has a comment' END;
    RETURN NEXT;

    -- Ready to be distributed by project (Citus): ops.distribution_blockers() lists what is not.
    -- A warning, not a failure: one server runs this schema whatever it lists.
    check_name := 'distributable by project';
    v_bad := ARRAY(SELECT format('%s %s (%s)', b.table_name, b.constraint_name, b.problem)
                     FROM ops.distribution_blockers() b ORDER BY b.table_name, b.constraint_name);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'warn' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('%s constraints keep the schema from being distributed by project_id: %s',
                               cardinality(v_bad), array_to_string(v_bad, '; '))
                   ELSE 'every project-scoped table has project_id in its primary, unique and foreign keys' END;
    RETURN NEXT;

    -- plpgsql_check over every PL/pgSQL function; trigger functions are checked
    -- against each table that uses them.
    check_name := 'plpgsql_check';
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'skip';
        detail := 'plpgsql_check is not installed';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT e.extnamespace::regnamespace::name INTO v_check_schema
      FROM pg_extension e WHERE e.extname = 'plpgsql_check';
    v_problems := '{}';
    v_count := 0;
    FOR v_function IN
        SELECT p.oid, t.tgrelid
          FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          JOIN pg_language l ON l.oid = p.prolang
          LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND NOT t.tgisinternal
         WHERE l.lanname = 'plpgsql' AND n.nspname = ANY (v_schemas)
           AND (p.prorettype <> 'trigger'::regtype OR t.tgrelid IS NOT NULL)
         ORDER BY p.oid::regprocedure::text, t.tgrelid
    LOOP
        v_count := v_count + 1;
        EXECUTE format($q$
            SELECT coalesce(array_agg(format('%%s%%s line %%s: %%s', $1::regprocedure,
                                             CASE WHEN $2 <> 0 THEN ' on ' || $2::regclass::text ELSE '' END,
                                             r.lineno, r.message)), '{}')
              FROM %I.plpgsql_check_function_tb($1, $2, fatal_errors => false) r
             WHERE r.level IN ('error', 'warning')
        $q$, v_check_schema)
        INTO v_bad
        USING v_function.oid, coalesce(v_function.tgrelid, 0::oid);
        v_problems := v_problems || v_bad;
    END LOOP;
    IF cardinality(v_problems) > 0 THEN
        status := 'fail';
        detail := array_to_string(v_problems, '; ');
    ELSE
        status := 'ok';
        detail := format('%s PL/pgSQL functions (and trigger uses) clean', v_count);
    END IF;
    RETURN NEXT;
END
$_$;


--
-- Name: FUNCTION validate_schema_integrity(p_migration_files jsonb); Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON FUNCTION ops.validate_schema_integrity(p_migration_files jsonb) IS 'Checks the database against what pgpattern expects: migrations recorded and (given their files'' checksums) unedited, extensions, pg_cron jobs, valid indexes, primary keys, foreign-key indexes, comments, readiness to be distributed by project, plpgsql_check; on a hot standby it says so. One row per check: check_name, status (ok, warn, fail, skip), detail.';


--
-- Name: apply_pattern_updates(bigint, bigint[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[]) RETURNS TABLE(update_type text, created integer, updated integer, invalidated integer, statements integer)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_algorithms text[];
    v_authors    text[];
    v_counts     integer[] := ARRAY[0, 0, 0];
    v_deferred   bigint[];
    v_files      text[];
    v_full       boolean;
    v_net        integer[] := ARRAY[0, 0, 0, 0];  -- patterns made active less those made inactive, per kind
    v_rescore    boolean;
    v_session    patterns.pattern_discovery_sessions;
    v_step       integer[];
BEGIN
    /*
     * Brings the project's current discovery run (its latest completed one) up to date
     * with the live state, for these queue entries: git_commit entries name the files and
     * authors that changed (or the commits of a bulk statement, counted into the live state
     * here first), and the patterns of those files, their pairs and the committing authors
     * are brought up to date exactly, in time that grows with what the commits touched.
     * What the commits move of every other pattern (the scores that depend on N, the span's
     * end, the percent ranks and the number of directories; the profiles of the other
     * authors of the changed files; the insights) is left to one rescore entry per project,
     * queued at low priority with the files and authors it owes, which runs when no commit
     * is waiting. Any other entry, or a
     * run the live state was not synced with yet, means every pattern is recomputed from
     * the live state (a full refresh). A
     * windowed run is a snapshot and stays as it is; a run with another max_changeset_size
     * than the live counts' 30 is discovered again with its settings.
     */
    statements := 0;
    SELECT bool_or(q.trigger_type NOT IN ('git_commit', 'rescore')), bool_and(q.trigger_type = 'rescore'),
           ARRAY(SELECT DISTINCT f FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'files') f
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'files') = 'array'),
           ARRAY(SELECT DISTINCT a FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'authors') a
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'authors') = 'array'),
           ARRAY(SELECT DISTINCT c::bigint FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'deferred_commits') c
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'deferred_commits') = 'array')
      INTO v_full, v_rescore, v_files, v_authors, v_deferred
      FROM patterns.pattern_update_queue q
     WHERE q.id = ANY (p_entries);
    v_full := coalesce(v_full, false);
    v_rescore := coalesce(v_rescore, false);
    statements := statements + 1;

    -- Commits of bulk statements are counted into the live state first: one by one when
    -- few, else (a tenth of the history or 1000 commits) by rebuilding it whole.
    IF cardinality(v_deferred) >= 1000
       OR cardinality(v_deferred) * 10 >= (SELECT count(*) FROM git.commits c WHERE c.project_id = p_project_id) THEN
        PERFORM patterns.live_rebuild(p_project_id);
        v_full := true;
        statements := statements + 1;
    ELSIF cardinality(v_deferred) > 0 THEN
        SELECT v_files || r.files, v_authors || r.authors INTO v_files, v_authors
          FROM patterns.live_refresh(p_project_id, v_deferred) r;
        statements := statements + 1;
    END IF;

    SELECT s.* INTO v_session
      FROM patterns.pattern_discovery_sessions s
     WHERE s.project_id = p_project_id AND s.status = 'completed'
     ORDER BY s.discovery_timestamp DESC
     LIMIT 1;
    statements := statements + 1;
    IF v_session.id IS NULL
       OR v_session.window_since IS NOT NULL OR v_session.window_until IS NOT NULL OR v_session.window_until_sha IS NOT NULL THEN
        update_type := 'not_maintained';
        created := 0; updated := 0; invalidated := 0;
        RETURN NEXT;
        RETURN;
    END IF;
    IF v_session.max_changeset_size <> 30 THEN
        PERFORM patterns.discover_patterns(
            (SELECT p.name FROM core.projects p WHERE p.project_id = p_project_id), v_session.algorithms,
            v_session.confidence_threshold, v_session.min_cooccurrence, v_session.max_changeset_size,
            p_session_id => v_session.session_id);
        update_type := 'rediscovery';
        created := (SELECT s.patterns_discovered FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = p_project_id AND s.status = 'completed'
                     ORDER BY s.discovery_timestamp DESC LIMIT 1);
        updated := 0;
        invalidated := coalesce(v_session.patterns_discovered, 0);
        statements := statements + 1;
        RETURN NEXT;
        RETURN;
    END IF;
    v_full := v_full OR NOT EXISTS (SELECT FROM patterns.live_synced l
                                     WHERE l.project_id = p_project_id AND l.discovery_session_id = v_session.id);
    v_rescore := v_rescore AND NOT v_full;
    IF v_full THEN
        -- A full refresh follows a discovery (or a rebuild): the run's thousands of new rows
        -- would otherwise be planned for as the empty tables the statistics still describe.
        ANALYZE patterns.file_cooccurrence_patterns, patterns.developer_patterns,
                patterns.change_magnitude_patterns, patterns.pattern_insights;
    END IF;
    v_algorithms := v_session.algorithms;
    statements := statements + 1;

    IF 'cooccurrence' = ANY (v_algorithms) THEN
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_cooccurrence(p_project_id, v_session);
        ELSE
            v_step := patterns.update_cooccurrence(p_project_id, v_session, v_files, v_full);
            v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
            v_net[1] := v_step[1] - v_step[3];
        END IF;
        statements := statements + 1;
    END IF;
    IF 'magnitude' = ANY (v_algorithms) THEN
        IF NOT v_rescore THEN
            PERFORM patterns.update_file_profiles(p_project_id, v_files, v_full);
            statements := statements + 1;
        END IF;
        IF v_full THEN
            ANALYZE patterns.file_profiles;  -- rewritten whole: the next statement plans on it
        END IF;
        v_step := patterns.update_magnitude(p_project_id, v_session,
                                            CASE WHEN v_full OR v_rescore THEN NULL ELSE v_files END);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[4] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'developer' = ANY (v_algorithms) THEN
        -- The committers' own rows now; the authors their changes ripple to in the rescore.
        v_step := patterns.update_developers(p_project_id, v_session, v_files, v_authors, v_full, v_full OR v_rescore);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[3] := v_step[1] - v_step[3];
        IF v_rescore THEN
            v_counts[2] := v_counts[2] + patterns.rescore_developers(p_project_id, v_session);
        END IF;
        statements := statements + 1;
    END IF;
    IF 'temporal' = ANY (v_algorithms) THEN
        v_step := patterns.update_temporal(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        v_net[2] := v_step[1] - v_step[3];
        statements := statements + 1;
    END IF;
    IF 'insights' = ANY (v_algorithms) AND (v_full OR v_rescore) THEN
        v_step := patterns.update_insights(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;

    -- The run's record follows its patterns: counted after a full refresh or a rescore, moved
    -- by what was made active and inactive after a commit (a count is 50-100 ms on ansible).
    WITH span AS (
        SELECT (SELECT count(*) FROM patterns.live_commits c WHERE c.project_id = p_project_id) AS commits,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1) AS first_sha,
               (SELECT c.sha FROM patterns.live_commits c WHERE c.project_id = p_project_id
                 ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1) AS last_sha
    ),
    counts AS (
        SELECT CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.file_cooccurrence_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.cooccurrence_patterns + v_net[1] END AS cooccurrence,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.temporal_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.temporal_patterns + v_net[2] END AS temporal,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.developer_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.developer_patterns + v_net[3] END AS developer,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.change_magnitude_patterns x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.magnitude_patterns + v_net[4] END AS magnitude,
               CASE WHEN v_full OR v_rescore THEN
                    (SELECT count(*) FROM patterns.pattern_insights x
                      WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active)
                    ELSE v_session.insights END AS insights
    )
    UPDATE patterns.pattern_discovery_sessions s
       SET commit_range_start = span.first_sha, commit_range_end = span.last_sha,
           total_commits_analyzed = span.commits,
           total_files_analyzed = (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id),
           cooccurrence_patterns = counts.cooccurrence, temporal_patterns = counts.temporal,
           developer_patterns = counts.developer, magnitude_patterns = counts.magnitude, insights = counts.insights,
           patterns_discovered = counts.cooccurrence + counts.temporal + counts.developer + counts.magnitude + counts.insights
      FROM span, counts
     WHERE s.project_id = p_project_id AND s.id = v_session.id;
    INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (p_project_id, v_session.id)
    ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
    statements := statements + 1;

    -- What the commits moved of every other pattern follows when no commit is waiting: one
    -- pending rescore entry per project collects the files and authors it owes.
    IF NOT v_full AND NOT v_rescore THEN
        UPDATE patterns.pattern_update_queue q
           SET trigger_data = jsonb_build_object(
                   'files', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'files') UNION SELECT unnest(v_files))),
                   'authors', to_jsonb(ARRAY(SELECT jsonb_array_elements_text(q.trigger_data -> 'authors') UNION SELECT unnest(v_authors))))
         WHERE q.project_id = p_project_id AND q.status = 'pending' AND q.trigger_type = 'rescore';
        IF NOT FOUND THEN
            INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
            VALUES (p_project_id, 'rescore', 'low', jsonb_build_object('files', to_jsonb(v_files), 'authors', to_jsonb(v_authors)));
        END IF;
        PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
        statements := statements + 1;
    END IF;

    update_type := CASE WHEN v_full THEN 'full_refresh' WHEN v_rescore THEN 'rescore' ELSE 'incremental' END;
    created := v_counts[1];
    updated := v_counts[2];
    invalidated := v_counts[3];
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION apply_pattern_updates(p_project_id bigint, p_entries bigint[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[]) IS 'Brings a project''s current discovery run up to date with its live state for these queue entries (incrementally for git_commit entries, queueing a rescore of the other patterns; every pattern''s N- and rank-dependent scores for a rescore entry; else a full refresh from the live state); returns the kind of update, the patterns created, updated and invalidated, and the statements it ran at its own level (an algorithm''s update counts as one). patterns.process_pattern_updates() calls it.';


--
-- Name: check_choice(text, text, text[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.check_choice(p_name text, p_value text, p_choices text[]) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- NULL means "any"; anything else must be one of the choices.
    IF p_value IS NOT NULL AND NOT p_value = ANY (p_choices) THEN
        RAISE EXCEPTION 'unknown % %', p_name, quote_literal(p_value)
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(p_choices, ', '));
    END IF;
    RETURN true;
END
$$;


--
-- Name: FUNCTION check_choice(p_name text, p_value text, p_choices text[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.check_choice(p_name text, p_value text, p_choices text[]) IS 'Returns true, or raises invalid_parameter_value naming the parameter and value when a filter value is not one of its choices (NULL passes).';


--
-- Name: chi_square_p_value(double precision, integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_a         double precision := p_degrees_of_freedom / 2.0;
    v_b         double precision;
    v_c         double precision;
    v_d         double precision;
    v_delta     double precision;
    v_h         double precision;
    v_log_gamma double precision := 0;
    v_sum       double precision;
    v_term      double precision;
    v_x         double precision := p_statistic / 2.0;
BEGIN
    /*
     * Upper tail of the chi-square distribution: Q(k/2, x/2), the regularized upper
     * incomplete gamma function (series below a + 1, Lentz's continued fraction above).
     * One degree of freedom is erfc(sqrt(x/2)), the common case (every file pair).
     */
    IF p_degrees_of_freedom < 1 THEN
        RAISE EXCEPTION 'degrees of freedom must be at least 1, not %', p_degrees_of_freedom
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_statistic <= 0 THEN
        RETURN 1;
    END IF;
    IF p_degrees_of_freedom = 1 THEN
        RETURN patterns.erfc(sqrt(v_x));
    END IF;
    -- ln Gamma(k/2), exactly for halves: Gamma(1) = 1, Gamma(1/2) = sqrt(pi), Gamma(a + 1) = a Gamma(a).
    v_term := CASE WHEN p_degrees_of_freedom % 2 = 0 THEN 1 ELSE 0.5 END;
    IF p_degrees_of_freedom % 2 = 1 THEN
        v_log_gamma := ln(sqrt(pi()));
    END IF;
    WHILE v_term < v_a LOOP
        v_log_gamma := v_log_gamma + ln(v_term);
        v_term := v_term + 1;
    END LOOP;
    IF v_x < v_a + 1 THEN
        v_term := 1 / v_a;
        v_sum := v_term;
        FOR v_i IN 1..10000 LOOP
            v_term := v_term * v_x / (v_a + v_i);
            v_sum := v_sum + v_term;
            EXIT WHEN abs(v_term) < abs(v_sum) * 1e-16;
        END LOOP;
        RETURN greatest(0, 1 - v_sum * exp(-v_x + v_a * ln(v_x) - v_log_gamma));
    END IF;
    v_b := v_x + 1 - v_a;
    v_c := 1e300;
    v_d := 1 / v_b;
    v_h := v_d;
    FOR v_i IN 1..10000 LOOP
        v_delta := -v_i * (v_i - v_a);
        v_b := v_b + 2;
        v_d := v_delta * v_d + v_b;
        IF abs(v_d) < 1e-300 THEN v_d := 1e-300; END IF;
        v_c := v_b + v_delta / v_c;
        IF abs(v_c) < 1e-300 THEN v_c := 1e-300; END IF;
        v_d := 1 / v_d;
        v_term := v_d * v_c;
        v_h := v_h * v_term;
        EXIT WHEN abs(v_term - 1) < 1e-16;
    END LOOP;
    -- exp() raises on underflow in PostgreSQL: a p-value below ~1e-308 is 0.
    IF -v_x + v_a * ln(v_x) - v_log_gamma + ln(v_h) < -708 THEN
        RETURN 0;
    END IF;
    RETURN least(1, exp(-v_x + v_a * ln(v_x) - v_log_gamma) * v_h);
END
$$;


--
-- Name: FUNCTION chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer) IS 'Upper-tail p-value of a chi-square statistic with the given degrees of freedom (1 for x <= 0).';


--
-- Name: coefficient_of_variation(double precision[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.coefficient_of_variation(p_values double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Population standard deviation over the mean; NULL for no values or a mean of 0.
    SELECT stddev_pop(v) / nullif(avg(v), 0) FROM unnest(p_values) v
$$;


--
-- Name: FUNCTION coefficient_of_variation(p_values double precision[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.coefficient_of_variation(p_values double precision[]) IS 'Population standard deviation / mean of the values; NULL when there are none or the mean is 0.';


--
-- Name: commit_type(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.commit_type(p_subject text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- The Conventional Commits type (type, optional (scope), optional !, colon, space);
    -- else fix by keyword; else other.
    SELECT coalesce(
        lower(substring(p_subject FROM '(?i)^(feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\([^)]*\))?!?: ')),
        CASE WHEN p_subject ~* '\m(fix|fixes|fixed|bug|hotfix)\M' THEN 'fix' ELSE 'other' END)
$$;


--
-- Name: FUNCTION commit_type(p_subject text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.commit_type(p_subject text) IS 'A commit''s type from its subject: feat, fix, docs, style, refactor, perf, test, build, ci, chore or revert as a Conventional Commits prefix (case-insensitive); else fix when a word fix, fixes, fixed, bug or hotfix occurs; else other.';


--
-- Name: sha256_hex(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.sha256_hex(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- convert_to is only STABLE; converting to one fixed encoding is deterministic,
    -- which is what a generated column needs.
    SELECT encode(sha256(convert_to(p_text, 'UTF8')), 'hex')
$$;


--
-- Name: FUNCTION sha256_hex(p_text text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.sha256_hex(p_text text) IS 'sha256 (hex) of the UTF-8 bytes of a text: the identity hash of pairs and developers.';


--
-- Name: file_cooccurrence_patterns; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_cooccurrence_patterns (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    discovery_session_id uuid NOT NULL,
    file_path_1 text NOT NULL,
    file_path_2 text NOT NULL,
    pattern_hash text GENERATED ALWAYS AS (patterns.sha256_hex(((LEAST(file_path_1, file_path_2) || '|'::text) || GREATEST(file_path_1, file_path_2)))) STORED,
    cooccurrence_count integer NOT NULL,
    file_1_changes integer NOT NULL,
    file_2_changes integer NOT NULL,
    support_score double precision NOT NULL,
    confidence_score double precision NOT NULL,
    confidence_1_to_2 double precision NOT NULL,
    confidence_2_to_1 double precision NOT NULL,
    lift_score double precision NOT NULL,
    coupling_degree double precision NOT NULL,
    pattern_strength text NOT NULL,
    p_value double precision NOT NULL,
    statistical_significance double precision NOT NULL,
    contributing_commits text[] DEFAULT '{}'::text[] NOT NULL,
    first_observed_date timestamp with time zone,
    last_observed_date timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    CONSTRAINT file_cooccurrence_patterns_confidence_1_to_2_check CHECK (((confidence_1_to_2 > (0)::double precision) AND (confidence_1_to_2 <= (1)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_confidence_2_to_1_check CHECK (((confidence_2_to_1 > (0)::double precision) AND (confidence_2_to_1 <= (1)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_confidence_is_max CHECK ((confidence_score = GREATEST(confidence_1_to_2, confidence_2_to_1))),
    CONSTRAINT file_cooccurrence_patterns_confidence_score_check CHECK (((confidence_score > (0)::double precision) AND (confidence_score <= (1)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_cooccurrence_count_check CHECK ((cooccurrence_count > 0)),
    CONSTRAINT file_cooccurrence_patterns_coupling_degree_check CHECK (((coupling_degree > (0)::double precision) AND (coupling_degree <= (1)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_file_1_changes_check CHECK ((file_1_changes > 0)),
    CONSTRAINT file_cooccurrence_patterns_file_2_changes_check CHECK ((file_2_changes > 0)),
    CONSTRAINT file_cooccurrence_patterns_lift_score_check CHECK ((lift_score > (0)::double precision)),
    CONSTRAINT file_cooccurrence_patterns_ordered CHECK ((file_path_1 < (file_path_2 COLLATE "C"))),
    CONSTRAINT file_cooccurrence_patterns_p_value_check CHECK (((p_value >= (0)::double precision) AND (p_value <= (1)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_pattern_strength_check CHECK ((pattern_strength = ANY (ARRAY['weak'::text, 'moderate'::text, 'strong'::text, 'very_strong'::text]))),
    CONSTRAINT file_cooccurrence_patterns_statistical_significance_check CHECK (((statistical_significance >= (0)::double precision) AND (statistical_significance <= (99.9999)::double precision))),
    CONSTRAINT file_cooccurrence_patterns_support_score_check CHECK (((support_score > (0)::double precision) AND (support_score <= (1)::double precision)))
)
WITH (fillfactor='70');


--
-- Name: TABLE file_cooccurrence_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_cooccurrence_patterns IS 'Pairs of files that change together (market-basket analysis, spec section 1): support, directional confidences, lift, coupling degree, chi-square p-value, with the commits behind them.';


--
-- Name: COLUMN file_cooccurrence_patterns.file_path_1; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_path_1 IS 'The lesser latest path of the pair (C collation).';


--
-- Name: COLUMN file_cooccurrence_patterns.file_path_2; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_path_2 IS 'The greater latest path of the pair.';


--
-- Name: COLUMN file_cooccurrence_patterns.pattern_hash; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.pattern_hash IS 'sha256 (hex) of "path_1|path_2": the pair''s identity across sessions.';


--
-- Name: COLUMN file_cooccurrence_patterns.cooccurrence_count; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.cooccurrence_count IS 'n(a,b): commits in T changing both files.';


--
-- Name: COLUMN file_cooccurrence_patterns.file_1_changes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_1_changes IS 'n(file_path_1): commits in T changing the first file.';


--
-- Name: COLUMN file_cooccurrence_patterns.file_2_changes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_2_changes IS 'n(file_path_2): commits in T changing the second file.';


--
-- Name: COLUMN file_cooccurrence_patterns.support_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.support_score IS 'n(a,b) / N.';


--
-- Name: COLUMN file_cooccurrence_patterns.confidence_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_score IS 'The greater of the two directional confidences.';


--
-- Name: COLUMN file_cooccurrence_patterns.confidence_1_to_2; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_1_to_2 IS 'n(a,b) / n(file_path_1): how often the second file changes when the first does.';


--
-- Name: COLUMN file_cooccurrence_patterns.confidence_2_to_1; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_2_to_1 IS 'n(a,b) / n(file_path_2).';


--
-- Name: COLUMN file_cooccurrence_patterns.lift_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.lift_score IS 'n(a,b) * N / (n(a) * n(b)): above 1 when they change together more than chance would make them.';


--
-- Name: COLUMN file_cooccurrence_patterns.coupling_degree; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.coupling_degree IS '2 n(a,b) / (n(a) + n(b)) (code-maat''s degree, as a fraction).';


--
-- Name: COLUMN file_cooccurrence_patterns.pattern_strength; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.pattern_strength IS 'very_strong (confidence >= 0.80), strong (>= 0.60), moderate (>= 0.40) or weak.';


--
-- Name: COLUMN file_cooccurrence_patterns.p_value; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.p_value IS 'Upper-tail p-value of Pearson''s chi-square (1 degree of freedom, no continuity correction) on the 2x2 table of the pair.';


--
-- Name: COLUMN file_cooccurrence_patterns.statistical_significance; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.statistical_significance IS 'min(99.9999, -log10(p_value)).';


--
-- Name: COLUMN file_cooccurrence_patterns.contributing_commits; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.contributing_commits IS 'The most recent 50 commits changing both, newest first.';


--
-- Name: COLUMN file_cooccurrence_patterns.first_observed_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.first_observed_date IS 'Authored time of the first commit changing both.';


--
-- Name: COLUMN file_cooccurrence_patterns.last_observed_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.last_observed_date IS 'Authored time of the last commit changing both.';


--
-- Name: COLUMN file_cooccurrence_patterns.created_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.created_at IS 'When the row was created.';


--
-- Name: COLUMN file_cooccurrence_patterns.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.updated_at IS 'When its numbers last changed.';


--
-- Name: COLUMN file_cooccurrence_patterns.is_active; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_cooccurrence_patterns.is_active IS 'False once a later run (or update) superseded it; patterns are never deleted by discovery.';


--
-- Name: coupling_graph(bigint, text, integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer) RETURNS SETOF patterns.file_cooccurrence_patterns
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- Pairs ranked by together x confidence; nodes enter in the order of their best pair
    -- until p_max_nodes; the graph is every qualifying pair between two of those nodes.
    WITH pairs AS (
        SELECT c.id, c.file_path_1, c.file_path_2,
               row_number() OVER (ORDER BY c.cooccurrence_count * c.confidence_score DESC,
                                           c.file_path_1, c.file_path_2) AS rank
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.is_active
           AND patterns.strength_rank(c.pattern_strength) >= patterns.strength_rank(p_min_strength)
    ),
    nodes AS (
        SELECT e.file_path FROM pairs p CROSS JOIN LATERAL (VALUES (p.file_path_1), (p.file_path_2)) e (file_path)
         GROUP BY e.file_path ORDER BY min(p.rank), e.file_path LIMIT p_max_nodes
    )
    SELECT c.*
      FROM pairs p
      JOIN patterns.file_cooccurrence_patterns c ON c.project_id = p_project_id AND c.id = p.id
     WHERE p.file_path_1 IN (SELECT n.file_path FROM nodes n) AND p.file_path_2 IN (SELECT n.file_path FROM nodes n)
     ORDER BY p.rank
$$;


--
-- Name: FUNCTION coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer) IS 'The active co-occurrence patterns of a coupling graph (api.coupling_graph_edges and _nodes): pairs at least p_min_strength, ranked by cooccurrence_count x confidence; files enter as nodes in the order of their best pair, up to p_max_nodes; every such pair between two nodes, in rank order.';


--
-- Name: deleted_refresh(bigint, text[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Whether these files (NULL: every file) are deleted as of the latest commit.
    DELETE FROM patterns.deleted_files t
     WHERE t.project_id = p_project_id
       AND (p_files IS NULL OR t.file_id IN (SELECT g.path_id FROM git.paths g
                                              WHERE g.project_id = p_project_id AND g.path = ANY (p_files)));
    INSERT INTO patterns.deleted_files (project_id, file_id)
    SELECT p_project_id, g.path_id
      FROM (SELECT DISTINCT ON (l.file_path) l.file_path, l.statuses
              FROM patterns.live_changes l
              JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
             WHERE l.project_id = p_project_id AND (p_files IS NULL OR l.file_path = ANY (p_files))
             ORDER BY l.file_path, c.committed_at DESC, c.generation DESC, c.sha DESC) last
      JOIN git.paths g ON g.project_id = p_project_id AND g.path = last.file_path
     WHERE 'D' = ANY (last.statuses);
END
$$;


--
-- Name: FUNCTION deleted_refresh(p_project_id bigint, p_files text[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[]) IS 'Recomputes patterns.deleted_files for these files of a project (NULL: all) from patterns.live_changes (merges change no files).';


--
-- Name: directory_prefixes(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.directory_prefixes(p_directory text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT coalesce(array_to_string((string_to_array(nullif(p_directory, ''), '/'))[1:k], '/'), '')
      FROM generate_series(0, coalesce(array_length(string_to_array(nullif(p_directory, ''), '/'), 1), 0)) k
     ORDER BY k
$$;


--
-- Name: FUNCTION directory_prefixes(p_directory text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.directory_prefixes(p_directory text) IS 'A directory and every directory above it, from the root  down to itself: a/b gives , ''a'', ''a/b''.';


--
-- Name: discover_cooccurrence(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    run AS (
        SELECT s.confidence_threshold, s.min_cooccurrence, s.max_changeset_size
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = p_project_id AND s.id = p_discovery_session_id
    ),
    -- n(f) rides along on every row: joining per-file counts back to the pairs by path
    -- made the planner (which sees 200 rows in any CTE) cross every file with every file.
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.sha, tc.authored_at, tc.committed_at, tc.file_path,
               count(*) OVER (PARTITION BY tc.file_path)::double precision AS n_file
          FROM pg_temp.discovery_workspace tc, run
         WHERE tc.commit_files <= run.max_changeset_size
    ),
    total AS (SELECT count(DISTINCT t.commit_id)::double precision AS n FROM t),
    -- Every (pair, commit) once: the counts and the evidence both come from this one join,
    -- so a file changed in thousands of commits is never joined again per pair.
    pair_commits AS MATERIALIZED (
        SELECT a.file_path AS file_1, b.file_path AS file_2, a.n_file AS n1, b.n_file AS n2,
               a.sha, a.authored_at, a.committed_at
          FROM t a
          JOIN t b ON b.commit_id = a.commit_id AND a.file_path COLLATE "C" < b.file_path COLLATE "C"
    ),
    pairs AS (
        SELECT pc.file_1, pc.file_2, pc.n1, pc.n2, count(*)::double precision AS n12
          FROM pair_commits pc
         GROUP BY pc.file_1, pc.file_2, pc.n1, pc.n2
        HAVING count(*) >= (SELECT run.min_cooccurrence FROM run)
    ),
    scored AS (
        SELECT p.file_1, p.file_2, p.n12, p.n1, p.n2, total.n AS n,
               p.n12 / p.n1 AS conf_12, p.n12 / p.n2 AS conf_21
          FROM pairs p
          CROSS JOIN total
    ),
    kept AS MATERIALIZED (
        SELECT s.*,
               -- Pearson's chi-square on [n12, n1-n12; n2-n12, N-n1-n2+n12], no continuity correction.
               CASE WHEN s.n1 = s.n OR s.n2 = s.n THEN 0
                    ELSE s.n * (s.n12 * (s.n - s.n1 - s.n2 + s.n12) - (s.n1 - s.n12) * (s.n2 - s.n12)) ^ 2
                         / (s.n1 * (s.n - s.n1) * s.n2 * (s.n - s.n2)) END AS chi_square
          FROM scored s, run
         WHERE greatest(s.conf_12, s.conf_21) >= run.confidence_threshold
    ),
    evidence AS (
        SELECT pc.file_1, pc.file_2,
               (array_agg(pc.sha ORDER BY pc.authored_at DESC, pc.committed_at DESC, pc.sha DESC))[1:50] AS shas,
               min(pc.authored_at) AS first_at, max(pc.authored_at) AS last_at
          FROM pair_commits pc
         WHERE (pc.file_1, pc.file_2) IN (SELECT k.file_1, k.file_2 FROM kept k)
         GROUP BY pc.file_1, pc.file_2
    ),
    inserted AS (
        INSERT INTO patterns.file_cooccurrence_patterns (
            project_id, discovery_session_id, file_path_1, file_path_2, cooccurrence_count, file_1_changes,
            file_2_changes, support_score, confidence_score, confidence_1_to_2, confidence_2_to_1, lift_score,
            coupling_degree, pattern_strength, p_value, statistical_significance, contributing_commits,
            first_observed_date, last_observed_date)
        SELECT p_project_id, p_discovery_session_id, k.file_1, k.file_2, k.n12::integer, k.n1::integer, k.n2::integer,
               k.n12 / k.n, greatest(k.conf_12, k.conf_21), k.conf_12, k.conf_21,
               k.n12 * k.n / (k.n1 * k.n2), 2 * k.n12 / (k.n1 + k.n2),
               CASE WHEN greatest(k.conf_12, k.conf_21) >= 0.80 THEN 'very_strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.60 THEN 'strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.40 THEN 'moderate'
                    ELSE 'weak' END,
               p.p_value, patterns.significance(p.p_value), e.shas, e.first_at, e.last_at
          FROM kept k
          JOIN evidence e ON e.file_1 = k.file_1 AND e.file_2 = k.file_2
          CROSS JOIN LATERAL (SELECT patterns.chi_square_p_value(k.chi_square, 1) AS p_value) p
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;


--
-- Name: FUNCTION discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid) IS 'Stores the file co-occurrence patterns of a discovery run (spec section 1) and returns how many.';


--
-- Name: discover_developers(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_developers(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    t AS MATERIALIZED (
        SELECT * FROM pg_temp.discovery_workspace
    ),
    commits AS MATERIALIZED (
        SELECT DISTINCT ON (t.commit_id) t.commit_id, t.sha, t.author_key, t.author_name, t.authored_at,
               t.committed_at, t.local_time, t.subject, t.commit_files
          FROM t
    ),
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(t.file_path)) AS d FROM t
    ),
    authors AS (
        SELECT c.author_key, count(*) AS commits, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at,
               (array_agg(c.author_name ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1] AS author_name,
               avg(c.commit_files) AS files_per_commit,
               count(DISTINCT c.local_time::date) AS active_days,
               array_agg(DISTINCT patterns.iso_week_start(c.authored_at)) AS weeks
          FROM commits c
         GROUP BY c.author_key
    ),
    lines AS (
        SELECT t.author_key, sum(t.change_size)::double precision AS lines FROM t GROUP BY t.author_key
    ),
    gaps AS (
        SELECT g.author_key,
               CASE WHEN count(*) >= 2 THEN patterns.coefficient_of_variation(array_agg(g.gap)) END AS regularity
          FROM (SELECT c.author_key,
                       extract(epoch FROM c.authored_at - lag(c.authored_at) OVER (
                           PARTITION BY c.author_key ORDER BY c.authored_at, c.committed_at, c.sha))::double precision / 86400 AS gap
                  FROM commits c) g
         WHERE g.gap IS NOT NULL
         GROUP BY g.author_key
    ),
    types AS (
        SELECT x.author_key, jsonb_object_agg(x.commit_type, x.commits) AS distribution
          FROM (SELECT c.author_key, patterns.commit_type(c.subject) AS commit_type, count(*) AS commits
                  FROM commits c GROUP BY 1, 2) x
         GROUP BY x.author_key
    ),
    file_authors AS MATERIALIZED (
        SELECT t.file_path, t.author_key, count(*) AS changes FROM t GROUP BY t.file_path, t.author_key
    ),
    files AS MATERIALIZED (
        SELECT fa.file_path, sum(fa.changes) AS changes, count(*) AS authors FROM file_authors fa GROUP BY fa.file_path
    ),
    specialties AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, fa.file_path, fa.changes,
                       row_number() OVER (PARTITION BY fa.author_key ORDER BY fa.changes DESC, fa.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE fa.changes >= 3 AND fa.changes * 2 >= f.changes) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    entropy AS (
        SELECT x.author_key, -sum(x.share * ln(x.share)) AS h
          FROM (SELECT t.author_key, count(*)::double precision / sum(count(*)) OVER (PARTITION BY t.author_key) AS share
                  FROM t GROUP BY t.author_key, patterns.parent_directory(t.file_path)) x
         GROUP BY x.author_key
    ),
    shared AS (
        SELECT a.author_key, b.author_key AS other, count(*) AS files
          FROM file_authors a
          JOIN file_authors b ON b.file_path = a.file_path AND b.author_key <> a.author_key
         GROUP BY a.author_key, b.author_key
    ),
    collaborators AS (
        SELECT x.author_key, array_agg(x.other ORDER BY x.files DESC, x.other) AS others
          FROM (SELECT s.*, row_number() OVER (PARTITION BY s.author_key ORDER BY s.files DESC, s.other) AS rank
                  FROM shared s) x
         WHERE x.rank <= 5
         GROUP BY x.author_key
    ),
    overlap AS (
        SELECT c.author_key,
               avg((SELECT count(*) FROM unnest(a.weeks) w WHERE w = ANY (b.weeks))::double precision
                   / (SELECT count(*) FROM (SELECT unnest(a.weeks) UNION SELECT unnest(b.weeks)) u)) AS score
          FROM collaborators c
          CROSS JOIN LATERAL unnest(c.others) o(other)
          JOIN authors a ON a.author_key = c.author_key
          JOIN authors b ON b.author_key = o.other
         GROUP BY c.author_key
    ),
    collaboration_files AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.authors DESC, x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, f.file_path, f.authors, f.changes,
                       row_number() OVER (PARTITION BY fa.author_key
                                          ORDER BY f.authors DESC, f.changes DESC, f.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE f.authors >= 2) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    inserted AS (
        INSERT INTO patterns.developer_patterns (
            project_id, discovery_session_id, author_email, author_name, commit_count, specialty_files,
            specialization_score, change_velocity, consistency_score, commit_regularity_coefficient,
            avg_files_per_commit, avg_lines_per_commit, commit_type_distribution, frequent_collaborators,
            collaboration_files, temporal_overlap_score, first_commit_date, last_commit_date, active_days_count)
        SELECT p_project_id, p_discovery_session_id, a.author_key, a.author_name, a.commits,
               coalesce(s.files, '{}'),
               CASE WHEN d.d <= 1 THEN 1 ELSE greatest(0, least(1, 1 - e.h / ln(d.d))) END,
               a.commits / greatest(1, extract(epoch FROM a.last_at - a.first_at)::double precision / 604800),
               cardinality(a.weeks)::double precision
                   / ((patterns.iso_week_start(a.last_at) - patterns.iso_week_start(a.first_at)) / 7 + 1),
               g.regularity,
               a.files_per_commit, l.lines / a.commits,
               ty.distribution, coalesce(c.others, '{}'), coalesce(cf.files, '{}'), o.score,
               a.first_at, a.last_at, a.active_days
          FROM authors a
          CROSS JOIN directories d
          JOIN lines l ON l.author_key = a.author_key
          JOIN types ty ON ty.author_key = a.author_key
          JOIN entropy e ON e.author_key = a.author_key
          LEFT JOIN gaps g ON g.author_key = a.author_key AND a.commits >= 3
          LEFT JOIN specialties s ON s.author_key = a.author_key
          LEFT JOIN collaborators c ON c.author_key = a.author_key
          LEFT JOIN overlap o ON o.author_key = a.author_key
          LEFT JOIN collaboration_files cf ON cf.author_key = a.author_key
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;


--
-- Name: FUNCTION discover_developers(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_developers(p_project_id bigint, p_discovery_session_id uuid) IS 'Stores the developer patterns of a discovery run (spec section 3) and returns how many.';


--
-- Name: discover_insights(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_insights(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.file_path, tc.author_key, tc.subject
          FROM pg_temp.discovery_workspace tc
    ),
    magnitude AS MATERIALIZED (
        SELECT m.* FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_discovery_session_id
    ),
    file_authors AS (
        SELECT t.file_path, t.author_key, count(*) AS n, sum(count(*)) OVER (PARTITION BY t.file_path) AS total
          FROM t GROUP BY t.file_path, t.author_key
    ),
    candidates (insight_type, subject, confidence, risk_level, title, description, recommendations,
                statistical_support, supporting_pattern_ids) AS (
        SELECT 'file_coupling', c.file_path_1 || '|' || c.file_path_2, c.confidence_score,
               CASE WHEN c.confidence_score >= 0.90 THEN 'high' ELSE 'medium' END,
               format('Hidden coupling: %s and %s change together', c.file_path_1, c.file_path_2),
               format('%s and %s lie in different top-level directories, yet %s commits changed both '
                      '(confidence %s, lift %s).', c.file_path_1, c.file_path_2, c.cooccurrence_count,
                      round(c.confidence_score::numeric, 2), round(c.lift_score::numeric, 2)),
               ARRAY['Look for the shared concern behind the two files and make the dependency explicit',
                     'When changing one, review the other in the same change',
                     'Consider moving the shared logic next to one of them'],
               jsonb_build_object('cooccurrence_count', c.cooccurrence_count, 'confidence', c.confidence_score,
                                  'lift', c.lift_score, 'p_value', c.p_value),
               ARRAY[c.id]
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_discovery_session_id
           AND c.pattern_strength IN ('strong', 'very_strong')
           AND patterns.top_level_directory(c.file_path_1) <> patterns.top_level_directory(c.file_path_2)
        UNION ALL
        SELECT 'temporal_patterns', tp.pattern_type, 1 - tp.p_value, 'low',
               format('Commits cluster in %s periods: %s', tp.pattern_type,
                      (SELECT string_agg(tp.period_labels[p + 1], ', ' ORDER BY o) FROM unnest(tp.peak_periods) WITH ORDINALITY u(p, o))),
               format('The %s distribution of commits departs from chance (chi-square %s, p = %s); the peaks hold %s of %s commits.',
                      tp.pattern_type, round(tp.chi_square_statistic::numeric, 1), to_char(tp.p_value, '9.99EEEE'),
                      (SELECT sum(tp.commit_distribution[p + 1]) FROM unnest(tp.peak_periods) p),
                      (SELECT sum(x) FROM unnest(tp.commit_distribution) x)),
               ARRAY['Schedule reviews and deployments around the peak periods',
                     'Watch for quality dips in work done outside them'],
               jsonb_build_object('chi_square', tp.chi_square_statistic, 'p_value', tp.p_value,
                                  'peak_periods', tp.peak_periods),
               ARRAY[tp.id]
          FROM patterns.temporal_patterns tp
         WHERE tp.project_id = p_project_id AND tp.discovery_session_id = p_discovery_session_id
           AND tp.pattern_type IN ('hourly', 'daily') AND tp.p_value <= 0.01 AND cardinality(tp.peak_periods) >= 1
        UNION ALL
        SELECT 'collaboration_gaps', fa.file_path, fa.n / fa.total,
               CASE WHEN fa.total >= 30 THEN 'high' ELSE 'medium' END,
               format('Knowledge silo: %s', fa.file_path),
               format('%s made %s of the %s changes to %s: the file has a bus factor of 1.',
                      fa.author_key, fa.n, fa.total, fa.file_path),
               ARRAY['Pair another developer on the next changes to this file',
                     'Ask for reviews from someone else', 'Document the file''s design'],
               jsonb_build_object('author', fa.author_key, 'author_changes', fa.n, 'changes', fa.total),
               array_remove(ARRAY[mf.id], NULL)
          FROM file_authors fa
          LEFT JOIN magnitude mf ON mf.file_path = fa.file_path
         WHERE fa.total >= 10 AND fa.n >= 0.9 * fa.total
        UNION ALL
        SELECT 'developer_specialization', d.author_email, d.specialization_score, 'medium',
               format('%s is a specialist', d.author_name),
               format('%s (%s commits) works in few directories (specialization %s): knowledge is concentrated.',
                      d.author_name, d.commit_count, round(d.specialization_score::numeric, 2)),
               ARRAY['Spread knowledge of these areas through reviews and pairing',
                     'Give the developer work in other areas now and then'],
               jsonb_build_object('commits', d.commit_count, 'specialization_score', d.specialization_score,
                                  'specialty_files', d.specialty_files),
               ARRAY[d.id]
          FROM patterns.developer_patterns d
         WHERE d.project_id = p_project_id AND d.discovery_session_id = p_discovery_session_id
           AND d.commit_count >= 20 AND d.specialization_score >= 0.80
        UNION ALL
        SELECT 'high_risk_files', m.file_path, 0.5 + m.risk_score / 2, m.risk_level,
               format('High-risk file: %s', m.file_path),
               format('%s is a %s-risk file (risk %s): hotspot %s, anomaly %s, stability %s, contributor diversity %s.',
                      m.file_path, m.risk_level, round(m.risk_score::numeric, 2), round(m.hotspot_score::numeric, 2),
                      round(m.anomaly_score::numeric, 2), round(m.stability_score::numeric, 2),
                      round(m.contributor_diversity_score::numeric, 2)),
               ARRAY['Add tests around the parts that change most', 'Review changes to this file with extra care',
                     'Consider splitting it into smaller units'],
               jsonb_build_object('risk_score', m.risk_score, 'hotspot_score', m.hotspot_score,
                                  'anomaly_score', m.anomaly_score, 'total_changes', m.total_changes),
               ARRAY[m.id]
          FROM magnitude m
         WHERE m.risk_level IN ('high', 'critical')
        UNION ALL
        SELECT 'change_anomalies', m.file_path, greatest(m.anomaly_score, 0.7), 'medium',
               format('Unusually large changes: %s', m.file_path),
               format('%s of the %s changes to %s are larger than 95%% of all changes.',
                      round((m.anomaly_score * m.total_changes)::numeric), m.total_changes, m.file_path),
               ARRAY['Break large changes to this file into smaller commits',
                     'Check whether generated or vendored content belongs in the repository'],
               jsonb_build_object('anomaly_score', m.anomaly_score, 'total_changes', m.total_changes,
                                  'max_lines_changed', m.max_lines_changed),
               ARRAY[m.id]
          FROM magnitude m
         WHERE m.anomaly_score >= 0.5 AND m.total_changes >= 5
        UNION ALL
        SELECT 'architectural_hotspots', h.directory, h.mean_hotspot, 'high',
               format('Architectural hotspot: %s', CASE WHEN h.directory = '' THEN '(root)' ELSE h.directory END),
               format('%s files in %s are hotspots (mean hotspot score %s).', h.files,
                      CASE WHEN h.directory = '' THEN 'the root directory' ELSE h.directory END,
                      round(h.mean_hotspot::numeric, 2)),
               ARRAY['Review the module''s boundaries and responsibilities',
                     'Plan refactoring of the hottest files first'],
               jsonb_build_object('hotspot_files', h.files, 'mean_hotspot_score', h.mean_hotspot),
               h.ids
          FROM (SELECT patterns.parent_directory(m.file_path) AS directory, count(*) AS files,
                       avg(m.hotspot_score) AS mean_hotspot, array_agg(m.id ORDER BY m.file_path COLLATE "C") AS ids
                  FROM magnitude m WHERE m.hotspot_score >= 0.8
                 GROUP BY 1 HAVING count(*) >= 3) h
        UNION ALL
        SELECT 'quality_concerns', q.file_path, q.fix_share,
               CASE WHEN q.fix_share >= 0.8 THEN 'high' ELSE 'medium' END,
               format('Fix-heavy file: %s', q.file_path),
               format('%s of the %s commits changing %s were fixes.', q.fixes, q.commits, q.file_path),
               ARRAY['Add regression tests for the bugs fixed here', 'Review the file''s design for error-prone parts'],
               jsonb_build_object('fix_commits', q.fixes, 'commits', q.commits),
               array_remove(ARRAY[mq.id], NULL)
          FROM (SELECT t.file_path, count(*) AS commits,
                       count(*) FILTER (WHERE patterns.commit_type(t.subject) = 'fix') AS fixes,
                       count(*) FILTER (WHERE patterns.commit_type(t.subject) = 'fix')::double precision / count(*) AS fix_share
                  FROM t GROUP BY t.file_path HAVING count(*) >= 5) q
          LEFT JOIN magnitude mq ON mq.file_path = q.file_path
         WHERE q.fix_share >= 0.5
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_discovery_session_id, c.insight_type, c.subject, left(c.title, 255), c.description,
               c.confidence, c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               least(10, greatest(1, round(10 * c.confidence * CASE c.risk_level WHEN 'critical' THEN 1.0
                   WHEN 'high' THEN 0.9 WHEN 'medium' THEN 0.75 ELSE 0.6 END)))::integer
          FROM candidates c
         WHERE c.confidence >= 0.70
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;


--
-- Name: FUNCTION discover_insights(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_insights(p_project_id bigint, p_discovery_session_id uuid) IS 'Stores the insights of a discovery run (spec section 5) from its patterns and transaction set, and returns how many.';


--
-- Name: discover_magnitude(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_magnitude(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    t AS MATERIALIZED (
        SELECT * FROM pg_temp.discovery_workspace
    ),
    span AS (
        SELECT max(t.authored_at) AS end_at,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY t.change_size) AS p95
          FROM t
    ),
    history AS (
        -- Net lines over the file's whole ingested non-merge history, inside T or not.
        SELECT fc.latest_path AS file_path,
               greatest(0, sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0))) AS net_size
          FROM git.file_changes fc
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND NOT c.is_merge
           AND fc.latest_path IN (SELECT t.file_path FROM t)
         GROUP BY fc.latest_path
    ),
    files AS (
        SELECT t.file_path, count(*) AS total, avg(t.change_size)::double precision AS avg_size,
               max(t.change_size) AS max_size, min(t.authored_at) AS first_at, max(t.authored_at) AS last_at,
               CASE WHEN count(*) > 1
                    THEN coalesce(patterns.coefficient_of_variation(array_agg(t.change_size::double precision)), 0)
                    ELSE 0 END AS volatility,
               count(DISTINCT patterns.iso_week_start(t.authored_at)) AS active_weeks,
               count(*) FILTER (WHERE t.change_size > span.p95)::double precision / count(*) AS anomaly,
               ARRAY[count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 0),
                     count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 1),
                     count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 2),
                     count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 3)
               ]::double precision[] AS seasons
          FROM t, span
         GROUP BY t.file_path
    ),
    statuses AS (
        SELECT x.file_path, jsonb_object_agg(x.status, x.n) AS distribution
          FROM (SELECT t.file_path, s.status, count(*) AS n
                  FROM t CROSS JOIN LATERAL unnest(t.statuses) s(status)
                 GROUP BY t.file_path, s.status) x
         GROUP BY x.file_path
    ),
    diversity AS (
        SELECT x.file_path, 1 - sum((x.n / x.total) ^ 2) AS score
          FROM (SELECT t.file_path, count(*)::double precision AS n,
                       sum(count(*)) OVER (PARTITION BY t.file_path)::double precision AS total
                  FROM t GROUP BY t.file_path, t.author_key) x
         GROUP BY x.file_path
    ),
    periods AS (
        -- The trailing 12 periods of 30.4375 days, the last ending at the end of the span, as
        -- (start, end]: a change belongs to period 11 - floor((end - t) / period).
        SELECT t.file_path,
               11 - floor(extract(epoch FROM span.end_at - t.authored_at) / (30.4375 * 86400))::integer AS period
          FROM t, span
         WHERE span.end_at - t.authored_at < interval '365 days 6 hours'
    ),
    trend AS (
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM files f
          CROSS JOIN span
          -- Periods that end before the file's first change are left out.
          CROSS JOIN LATERAL generate_series(
                greatest(0, 11 - floor(extract(epoch FROM span.end_at - f.first_at) / (30.4375 * 86400))::integer), 11) g(period)
          LEFT JOIN (SELECT p.file_path, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_path = f.file_path AND c.period = g.period
         GROUP BY f.file_path
    ),
    scored AS (
        SELECT f.*, h.net_size, st.distribution, d.score AS diversity, tr.window_changes,
               CASE WHEN tr.m >= 3 AND tr.mean > 0 THEN tr.slope * (tr.m - 1) / tr.mean ELSE 0 END AS trend,
               1 - f.active_weeks::double precision
                   / ((patterns.iso_week_start(span.end_at) - patterns.iso_week_start(f.first_at)) / 7 + 1) AS stability,
               sqrt(percent_rank() OVER (ORDER BY f.total) * percent_rank() OVER (ORDER BY h.net_size)) AS hotspot,
               span.end_at
          FROM files f
          CROSS JOIN span
          JOIN history h ON h.file_path = f.file_path
          JOIN statuses st ON st.file_path = f.file_path
          JOIN diversity d ON d.file_path = f.file_path
          JOIN trend tr ON tr.file_path = f.file_path
    ),
    risked AS (
        SELECT s.*, 0.35 * s.hotspot + 0.25 * s.anomaly + 0.20 * (1 - s.stability) + 0.20 * s.diversity AS risk
          FROM scored s
    ),
    inserted AS (
        INSERT INTO patterns.change_magnitude_patterns (
            project_id, discovery_session_id, file_path, file_extension, file_category, change_category,
            avg_lines_per_change, max_lines_changed, change_frequency, volatility_score, stability_score,
            change_trend, trend_coefficient, risk_score, risk_level, anomaly_score, hotspot_score,
            contributor_diversity_score, change_type_distribution, seasonal_patterns, first_change_date,
            last_change_date, total_changes, lifespan_days)
        SELECT p_project_id, p_discovery_session_id, r.file_path, patterns.file_extension(r.file_path),
               patterns.file_category(r.file_path),
               CASE WHEN r.avg_size < 10 THEN 'small' WHEN r.avg_size < 50 THEN 'medium'
                    WHEN r.avg_size < 200 THEN 'large' ELSE 'massive' END,
               r.avg_size, r.max_size,
               r.total / greatest(1, extract(epoch FROM r.end_at - r.first_at)::double precision / 604800),
               r.volatility, r.stability,
               CASE WHEN r.window_changes >= 5 AND r.trend > 0.5 THEN 'increasing'
                    WHEN r.window_changes >= 5 AND r.trend < -0.5 THEN 'decreasing'
                    WHEN r.volatility > 1.5 THEN 'volatile'
                    ELSE 'stable' END,
               r.trend, r.risk,
               CASE WHEN r.risk >= 0.55 THEN 'critical' WHEN r.risk >= 0.45 THEN 'high'
                    WHEN r.risk >= 0.30 THEN 'medium' ELSE 'low' END,
               r.anomaly, r.hotspot, r.diversity, r.distribution,
               ARRAY(SELECT s / r.total FROM unnest(r.seasons) s),
               r.first_at, r.last_at, r.total,
               extract(epoch FROM r.last_at - r.first_at)::double precision / 86400
          FROM risked r
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;


--
-- Name: FUNCTION discover_magnitude(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_magnitude(p_project_id bigint, p_discovery_session_id uuid) IS 'Stores the change-magnitude patterns of a discovery run (spec section 4) and returns how many.';


--
-- Name: discover_patterns(text, text[], double precision, integer, integer, timestamp with time zone, timestamp with time zone, text, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_patterns(p_project text, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text], p_confidence_threshold double precision DEFAULT 0.30, p_min_cooccurrence integer DEFAULT 3, p_max_changeset_size integer DEFAULT 30, p_since timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until timestamp with time zone DEFAULT NULL::timestamp with time zone, p_until_sha text DEFAULT NULL::text, p_session_id uuid DEFAULT NULL::uuid) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET work_mem TO '128MB'
    AS $_$
DECLARE
    v_algorithm  text;
    v_changes    integer;
    v_count      integer;
    v_counts     integer[] := ARRAY[0, 0, 0, 0, 0];
    v_first_sha  text;
    v_known      text[] := ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'];
    v_last_sha   text;
    v_live       boolean;
    v_run        patterns.pattern_discovery_sessions;
    v_step       integer[];
    v_project_id bigint;
    v_session    uuid;
    v_started    timestamptz := clock_timestamp();
    v_step_started timestamptz;
    v_commits    integer;
    v_files      integer;
    v_unknown    text[];
BEGIN
    /*
     * Runs the chosen algorithms of spec/change-patterns.md on the project's transaction
     * set, records the run, and makes it the project's current one: earlier runs become
     * outdated and their patterns inactive (never deleted). One run per project at a
     * time: a second one waits for the first to commit.
     *
     * An unwindowed run with max_changeset_size 30 is T as the live state already counts
     * it (0211, kept by ingest), unless a bulk ingest's counting is still queued: such a
     * run scores the live counts with the functions updates use in full (one engine, no
     * second counting of the history) and leaves the live state synced with it, so no
     * full refresh follows. Other runs count their window of T from the history.
     */
    v_project_id := patterns.project_id(p_project);
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0 THEN
        RAISE EXCEPTION 'no algorithm given: choose among %', array_to_string(v_known, ', ')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_unknown := ARRAY(SELECT a FROM unnest(p_algorithms) a WHERE a IS NULL OR NOT a = ANY (v_known));
    IF cardinality(v_unknown) > 0 THEN
        RAISE EXCEPTION 'unknown algorithm %', coalesce(quote_literal(v_unknown[1]), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = format('choose among %s', array_to_string(v_known, ', '));
    END IF;
    IF p_confidence_threshold IS NULL OR NOT p_confidence_threshold BETWEEN 0 AND 1 THEN
        RAISE EXCEPTION 'confidence_threshold must be between 0 and 1, not %', coalesce(p_confidence_threshold::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_min_cooccurrence IS NULL OR p_min_cooccurrence < 1 THEN
        RAISE EXCEPTION 'min_cooccurrence must be at least 1, not %', coalesce(p_min_cooccurrence::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_max_changeset_size IS NULL OR p_max_changeset_size < 2 THEN
        RAISE EXCEPTION 'max_changeset_size must be at least 2, not %', coalesce(p_max_changeset_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_since >= p_until THEN
        RAISE EXCEPTION 'since (%) must be before until (%)', p_since, p_until
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_until_sha IS NOT NULL
       AND NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = v_project_id AND c.sha = p_until_sha) THEN
        RAISE EXCEPTION 'until_sha % is not a commit of project %', p_until_sha, p_project
            USING ERRCODE = 'invalid_parameter_value', HINT = 'give a full 40-character sha of an ingested commit';
    END IF;

    PERFORM pg_advisory_xact_lock(1885630573, v_project_id::integer);  -- 'pdis': one discovery per project

    INSERT INTO patterns.pattern_discovery_sessions AS s (
        project_id, session_id, algorithms, window_since, window_until, window_until_sha,
        confidence_threshold, min_cooccurrence, max_changeset_size)
    VALUES (v_project_id, p_session_id, ARRAY(SELECT DISTINCT a FROM unnest(p_algorithms) a ORDER BY 1),
            p_since, p_until, p_until_sha, p_confidence_threshold, p_min_cooccurrence, p_max_changeset_size)
    RETURNING s.id INTO v_session;

    v_live := p_since IS NULL AND p_until IS NULL AND p_until_sha IS NULL AND p_max_changeset_size = 30
              AND NOT EXISTS (SELECT FROM patterns.pattern_update_queue q
                               WHERE q.project_id = v_project_id AND q.status = 'pending'
                                 AND q.trigger_data ? 'deferred_commits');
    IF v_live THEN
        -- Not while an ingest of the project writes the live state (its lock, as updates take it).
        PERFORM pg_advisory_xact_lock_shared(1885827177, v_project_id::integer);  -- 'pgpi'
        SELECT s.* INTO STRICT v_run FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project_id AND s.id = v_session;
        SELECT count(*) INTO v_commits FROM patterns.live_commits c WHERE c.project_id = v_project_id;
        SELECT count(*) INTO v_changes FROM patterns.live_changes c WHERE c.project_id = v_project_id;
        RAISE NOTICE 'transaction set: % commits, % file changes (live state) in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            CASE v_algorithm
                WHEN 'cooccurrence' THEN
                    v_step := patterns.update_cooccurrence(v_project_id, v_run, '{}', true);
                WHEN 'temporal' THEN
                    v_step := patterns.update_temporal(v_project_id, v_run);
                WHEN 'developer' THEN
                    v_step := patterns.update_developers(v_project_id, v_run, '{}', '{}', true, true);
                WHEN 'magnitude' THEN
                    -- Only the profiles whose files changed since are computed again.
                    IF patterns.update_file_profiles(v_project_id, '{}', true) * 10
                       > (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = v_project_id) THEN
                        ANALYZE patterns.file_profiles;  -- rewritten in bulk: the next statement plans on it
                    END IF;
                    v_step := patterns.update_magnitude(v_project_id, v_run, NULL);
                ELSE
                    v_step := patterns.update_insights(v_project_id, v_run);
            END CASE;
            v_counts[array_position(v_known, v_algorithm)] := v_step[1];
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_step[1],
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;
        SELECT count(*) INTO v_files FROM patterns.file_change_counts f WHERE f.project_id = v_project_id;
        SELECT c.sha INTO v_first_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at, c.committed_at, c.sha LIMIT 1;
        SELECT c.sha INTO v_last_sha FROM patterns.live_commits c WHERE c.project_id = v_project_id
         ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC LIMIT 1;
        INSERT INTO patterns.live_synced AS l (project_id, discovery_session_id) VALUES (v_project_id, v_session)
        ON CONFLICT (project_id) DO UPDATE SET discovery_session_id = excluded.discovery_session_id, synced_at = now();
    ELSE
        -- T once, for every algorithm (dynamic SQL: the table exists only from here to commit).
        IF to_regclass('pg_temp.discovery_workspace') IS NOT NULL THEN
            EXECUTE 'DROP TABLE pg_temp.discovery_workspace';  -- an earlier run in this transaction
        END IF;
        EXECUTE 'CREATE TEMPORARY TABLE discovery_workspace ON COMMIT DROP AS
                 SELECT * FROM patterns.transaction_changes($1, $2)' USING v_project_id, v_session;
        EXECUTE 'ANALYZE pg_temp.discovery_workspace';
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(*) FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_changes;
        RAISE NOTICE 'transaction set: % commits, % file changes in % ms', v_commits, v_changes,
            round(extract(epoch FROM clock_timestamp() - v_started) * 1000);
        -- Each algorithm reports as it finishes (pgpattern discover shows these as progress).
        FOREACH v_algorithm IN ARRAY v_known LOOP
            CONTINUE WHEN NOT v_algorithm = ANY (p_algorithms);
            v_step_started := clock_timestamp();
            -- Dynamic on purpose: a SQL function caches its plan in the calling expression, and a
            -- second run in one transaction must not reuse a plan of the dropped workspace.
            EXECUTE format('SELECT patterns.%I($1, $2)', CASE v_algorithm
                    WHEN 'cooccurrence' THEN 'discover_cooccurrence' WHEN 'temporal' THEN 'discover_temporal'
                    WHEN 'developer' THEN 'discover_developers' WHEN 'magnitude' THEN 'discover_magnitude'
                    ELSE 'discover_insights' END)
               INTO v_count
              USING v_project_id, v_session;
            v_counts[array_position(v_known, v_algorithm)] := v_count;
            RAISE NOTICE '%: % patterns in % ms', v_algorithm, v_count,
                round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
        END LOOP;

        -- format() keeps plpgsql_check from resolving a table that exists only at run time.
        EXECUTE format('SELECT count(DISTINCT t.commit_id), count(DISTINCT t.file_path),
                               (array_agg(t.sha ORDER BY t.authored_at, t.committed_at, t.sha))[1],
                               (array_agg(t.sha ORDER BY t.authored_at DESC, t.committed_at DESC, t.sha DESC))[1]
                          FROM %I.discovery_workspace t', 'pg_temp')
           INTO v_commits, v_files, v_first_sha, v_last_sha;
        EXECUTE 'DROP TABLE pg_temp.discovery_workspace';
    END IF;

    v_step_started := clock_timestamp();
    UPDATE patterns.pattern_discovery_sessions s SET status = 'outdated'
     WHERE s.project_id = v_project_id AND s.id <> v_session AND s.status IN ('completed', 'running');
    UPDATE patterns.file_cooccurrence_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.temporal_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.developer_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.change_magnitude_patterns x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;
    UPDATE patterns.pattern_insights x SET is_active = false, updated_at = now()
     WHERE x.project_id = v_project_id AND x.discovery_session_id <> v_session AND x.is_active;

    UPDATE patterns.pattern_discovery_sessions s
       SET status = 'completed',
           commit_range_start = v_first_sha,
           commit_range_end = v_last_sha,
           total_commits_analyzed = v_commits,
           total_files_analyzed = v_files,
           cooccurrence_patterns = v_counts[1],
           temporal_patterns = v_counts[2],
           developer_patterns = v_counts[3],
           magnitude_patterns = v_counts[4],
           insights = v_counts[5],
           patterns_discovered = v_counts[1] + v_counts[2] + v_counts[3] + v_counts[4] + v_counts[5],
           execution_time_ms = (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer
     WHERE s.project_id = v_project_id AND s.id = v_session;
    PERFORM patterns.refresh_summaries();
    RAISE NOTICE 'earlier runs outdated, summary refreshed in % ms',
        round(extract(epoch FROM clock_timestamp() - v_step_started) * 1000);
    RETURN v_session;
END
$_$;


--
-- Name: FUNCTION discover_patterns(p_project text, p_algorithms text[], p_confidence_threshold double precision, p_min_cooccurrence integer, p_max_changeset_size integer, p_since timestamp with time zone, p_until timestamp with time zone, p_until_sha text, p_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_patterns(p_project text, p_algorithms text[], p_confidence_threshold double precision, p_min_cooccurrence integer, p_max_changeset_size integer, p_since timestamp with time zone, p_until timestamp with time zone, p_until_sha text, p_session_id uuid) IS 'Runs pattern discovery for a project (spec/change-patterns.md) in the caller''s transaction and returns the discovery session id; an unwindowed run with max_changeset_size 30 scores the live state. p_algorithms: any of cooccurrence, temporal, developer, magnitude, insights (default all); p_confidence_threshold (0.30), p_min_cooccurrence (3), p_max_changeset_size (30); optional window p_since (inclusive) and p_until (exclusive) on authored time; p_until_sha: only that commit and its ancestors; p_session_id: the core.sessions row it belongs to. Earlier runs become outdated and their patterns inactive. One run per project at a time.';


--
-- Name: discover_temporal(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    t AS MATERIALIZED (
        SELECT * FROM pg_temp.discovery_workspace
    ),
    commits AS (
        SELECT DISTINCT ON (t.commit_id) t.commit_id, t.authored_at, t.local_time, t.author_key
          FROM t
    ),
    span AS (
        SELECT count(*) AS n, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM commits c
    ),
    types (pattern_type, bins, labels, uniform) AS (
        VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13','14',
                                    '15','16','17','18','19','20','21','22','23'], true),
               ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
               ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
               ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
               ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)
    ),
    binned AS (
        -- Which bin a moment (a commit's local time, or a calendar day) falls in.
        SELECT ty.pattern_type, x.kind, x.bin
          FROM types ty
          CROSS JOIN LATERAL (
                SELECT 'commit' AS kind, c.local_time AS at FROM commits c
                UNION ALL
                SELECT 'day', d FROM span, generate_series((span.first_at AT TIME ZONE 'UTC')::date::timestamp,
                                                           (span.last_at AT TIME ZONE 'UTC')::date::timestamp,
                                                           interval '1 day') d
                 WHERE NOT ty.uniform) moments
          CROSS JOIN LATERAL (
                SELECT moments.kind, CASE ty.pattern_type
                           WHEN 'hourly' THEN extract(hour FROM moments.at)::integer
                           WHEN 'daily' THEN extract(isodow FROM moments.at)::integer - 1
                           WHEN 'weekly' THEN (extract(day FROM moments.at)::integer - 1) / 7
                           WHEN 'monthly' THEN extract(month FROM moments.at)::integer - 1
                           ELSE patterns.season(extract(month FROM moments.at)::integer) END AS bin) x
    ),
    counts AS (
        SELECT b.pattern_type, b.bin, count(*) FILTER (WHERE b.kind = 'commit') AS observed,
               count(*) FILTER (WHERE b.kind = 'day') AS days
          FROM binned b
         GROUP BY b.pattern_type, b.bin
    ),
    cells AS (
        SELECT ty.pattern_type, ty.labels, ty.uniform, g.bin, coalesce(c.observed, 0) AS observed,
               CASE WHEN ty.uniform THEN 1 ELSE coalesce(c.days, 0) END AS exposure
          FROM types ty
          CROSS JOIN LATERAL generate_series(0, ty.bins - 1) g(bin)
          LEFT JOIN counts c ON c.pattern_type = ty.pattern_type AND c.bin = g.bin
    ),
    expected AS (
        SELECT c.*, span.n,
               CASE WHEN c.exposure > 0 THEN span.n * c.exposure::double precision
                                             / sum(c.exposure) OVER (PARTITION BY c.pattern_type) END AS e
          FROM cells c, span
    ),
    tests AS (
        SELECT x.pattern_type, x.labels, x.n,
               array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.pattern_type, x.labels, x.n
    ),
    contributors AS (
        SELECT (SELECT coalesce(array_agg(a.author_key ORDER BY a.commits DESC, a.author_key), '{}')
                  FROM (SELECT c.author_key, count(*) AS commits FROM commits c GROUP BY c.author_key
                         ORDER BY count(*) DESC, c.author_key LIMIT 10) a) AS authors,
               (SELECT coalesce(array_agg(f.file_path ORDER BY f.changes DESC, f.file_path COLLATE "C"), '{}')
                  FROM (SELECT t.file_path, count(*) AS changes FROM t GROUP BY t.file_path
                         ORDER BY count(*) DESC, t.file_path COLLATE "C" LIMIT 10) f) AS files
    ),
    inserted AS (
        INSERT INTO patterns.temporal_patterns (
            project_id, discovery_session_id, pattern_type, pattern_strength, statistical_significance, p_value,
            chi_square_statistic, degrees_of_freedom, peak_periods, commit_distribution, period_labels,
            contributing_authors, contributing_files, date_range_start, date_range_end)
        SELECT p_project_id, p_discovery_session_id, x.pattern_type,
               CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END,
               CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END,
               x.p_value,
               CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END,
               greatest(x.k - 1, 0), x.peaks, x.distribution, x.labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM (SELECT tests.*, CASE WHEN tests.k > 1 THEN patterns.chi_square_p_value(tests.chi_square, (tests.k - 1)::integer)
                                     ELSE 1 END AS p_value
                  FROM tests) x, contributors, span
         WHERE x.n >= 30
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;


--
-- Name: FUNCTION discover_temporal(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid) IS 'Stores the temporal patterns of a discovery run (spec section 2; a type only when T has at least 30 commits) and returns how many.';


--
-- Name: discovery_sessions_kept(bigint); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.discovery_sessions_kept(p_project_id bigint) RETURNS integer
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- The project's own row, else the default row; NULL (keep all) when neither says a number.
    SELECT r.keep_sessions
      FROM patterns.discovery_retention r
     WHERE r.project_id = p_project_id OR r.project_id IS NULL
     ORDER BY r.project_id NULLS LAST
     LIMIT 1
$$;


--
-- Name: FUNCTION discovery_sessions_kept(p_project_id bigint); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.discovery_sessions_kept(p_project_id bigint) IS 'How many discovery sessions a project keeps (patterns.discovery_retention: its own row, else the default row); NULL: all.';


--
-- Name: enqueue_pattern_update(text, text, text, jsonb, text[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.enqueue_pattern_update(p_project text, p_trigger_type text DEFAULT 'manual'::text, p_priority text DEFAULT 'medium'::text, p_trigger_data jsonb DEFAULT '{}'::jsonb, p_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text]) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_id bigint;
    v_project_id bigint := patterns.project_id(p_project);
BEGIN
    PERFORM patterns.check_choice('trigger_type', p_trigger_type, ARRAY['git_commit', 'session_end', 'scheduled', 'manual']);
    PERFORM patterns.check_choice('priority', p_priority, ARRAY['low', 'medium', 'high']);
    IF p_trigger_type IS NULL OR p_priority IS NULL THEN
        RAISE EXCEPTION 'trigger_type and priority must not be NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_trigger_data IS NULL OR jsonb_typeof(p_trigger_data) <> 'object' THEN
        RAISE EXCEPTION 'trigger_data must be a JSON object, not %', coalesce(p_trigger_data::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_algorithms IS NULL OR cardinality(p_algorithms) = 0
       OR NOT p_algorithms <@ ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'] THEN
        RAISE EXCEPTION 'algorithms must be some of cooccurrence, temporal, developer, magnitude, insights, not %',
            coalesce(p_algorithms::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data, update_algorithms)
    VALUES (v_project_id, p_trigger_type, p_priority, p_trigger_data, p_algorithms)
    RETURNING id INTO v_id;
    PERFORM pg_notify('pgpattern_pattern_updates', v_project_id::text);
    RETURN v_id;
END
$$;


--
-- Name: FUNCTION enqueue_pattern_update(p_project text, p_trigger_type text, p_priority text, p_trigger_data jsonb, p_algorithms text[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.enqueue_pattern_update(p_project text, p_trigger_type text, p_priority text, p_trigger_data jsonb, p_algorithms text[]) IS 'Queues a pattern update of a project by name and notifies pgpattern_pattern_updates; returns the entry''s id. p_trigger_type git_commit, session_end, scheduled or manual (default; all but git_commit recompute every pattern from the live state); p_priority low, medium (default) or high; p_trigger_data a JSON object; p_algorithms (default all).';


--
-- Name: erfc(double precision); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.erfc(p_z double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Complementary error function; Chebyshev fit (Numerical Recipes erfcc), relative
    -- error below 1.2e-7 everywhere, so -log10 of it is good to 1e-7.
    -- exp() raises on underflow in PostgreSQL, so a tail below ~1e-308 is 0.
    SELECT CASE WHEN p_z >= 0 THEN 0 ELSE 2 END
           + CASE WHEN p_z >= 0 THEN 1 ELSE -1 END
             * CASE WHEN -abs(p_z) * abs(p_z) - 1.26551223 + (1 / (1 + 0.5 * abs(p_z))) * (1.00002368
                         + (1 / (1 + 0.5 * abs(p_z))) * (0.37409196 + (1 / (1 + 0.5 * abs(p_z))) * (0.09678418
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.18628806 + (1 / (1 + 0.5 * abs(p_z))) * (0.27886807
                         + (1 / (1 + 0.5 * abs(p_z))) * (-1.13520398 + (1 / (1 + 0.5 * abs(p_z))) * (1.48851587
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.82215223 + (1 / (1 + 0.5 * abs(p_z))) * 0.17087277))))))))
                         < -708 THEN 0
                    ELSE (1 / (1 + 0.5 * abs(p_z)))
                         * exp(-abs(p_z) * abs(p_z) - 1.26551223 + (1 / (1 + 0.5 * abs(p_z))) * (1.00002368
                         + (1 / (1 + 0.5 * abs(p_z))) * (0.37409196 + (1 / (1 + 0.5 * abs(p_z))) * (0.09678418
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.18628806 + (1 / (1 + 0.5 * abs(p_z))) * (0.27886807
                         + (1 / (1 + 0.5 * abs(p_z))) * (-1.13520398 + (1 / (1 + 0.5 * abs(p_z))) * (1.48851587
                         + (1 / (1 + 0.5 * abs(p_z))) * (-0.82215223 + (1 / (1 + 0.5 * abs(p_z))) * 0.17087277)))))))))
               END
$$;


--
-- Name: FUNCTION erfc(p_z double precision); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.erfc(p_z double precision) IS 'The complementary error function erfc(z), to a relative error below 1.2e-7 (one expression, inlined by the planner).';


--
-- Name: file_category(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.file_category(p_path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    -- The spec's rules in their order; path segments (the base name, split_part(p_path,
    -- '/', -1), included) are compared case-sensitively, extensions case-insensitively.
    SELECT CASE
        WHEN string_to_array(p_path, '/') && ARRAY['test', 'tests', 'spec', '__tests__']
          OR split_part(p_path, '/', -1) LIKE 'test\_%'
          OR split_part(p_path, '/', -1) ~ '_test\.|\.test\.|\.spec\.' THEN 'test'
        WHEN lower(split_part(p_path, '/', -1)) ~ '\.(md|rst|txt|adoc)$'
          OR string_to_array(p_path, '/') && ARRAY['docs', 'doc'] THEN 'docs'
        WHEN split_part(p_path, '/', 1) IN ('.github', '.circleci') AND position('/' IN p_path) > 0
          OR (position('/' IN p_path) = 0 AND p_path LIKE '.gitlab-ci%') THEN 'ci'
        WHEN lower(split_part(p_path, '/', -1)) ~ '\.(json|yaml|yml|toml|ini|cfg|conf|env|lock|xml)$'
          OR split_part(p_path, '/', -1) IN ('Makefile', 'Dockerfile', '.gitignore') THEN 'config'
        ELSE 'source'
    END
$_$;


--
-- Name: FUNCTION file_category(p_path text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.file_category(p_path text) IS 'test, docs, ci, config or source, by the path rules of spec section 4.';


--
-- Name: file_extension(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.file_extension(p_path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    -- The part after the last dot of the base name (split_part(p_path, '/', -1)),
    -- lower-cased; NULL without one, for a name whose only dot leads it (.gitignore), or
    -- when nothing follows the dot.
    SELECT CASE WHEN position('.' IN split_part(p_path, '/', -1)) = 0
                  OR split_part(p_path, '/', -1) ~ '^\.[^.]*$' THEN NULL
                ELSE nullif(lower(split_part(split_part(p_path, '/', -1), '.', -1)), '') END
$_$;


--
-- Name: FUNCTION file_extension(p_path text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.file_extension(p_path text) IS 'A file''s extension: the lower-cased part after the last dot of its base name; NULL when there is none, when the name starts with its only dot (.gitignore), or when the name ends with the dot.';


--
-- Name: iso_week_start(timestamp with time zone); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.iso_week_start(p_at timestamp with time zone) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT date_trunc('week', p_at AT TIME ZONE 'UTC')::date
$$;


--
-- Name: FUNCTION iso_week_start(p_at timestamp with time zone); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.iso_week_start(p_at timestamp with time zone) IS 'The Monday (UTC) starting the ISO week of a moment: ISO weeks are counted in UTC.';


--
-- Name: live_changed(bigint, bigint[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_changed(p_project_id bigint, p_commit_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_changed record;
BEGIN
    /*
     * What the triggers on git.file_changes do with the commits a statement touched: up to
     * 200 of them (the commits a hook or a pull brings) are counted into the live state at
     * once and their update is queued naming the files and authors they touched; a bulk
     * statement (the batches of a first ingest) only queues its commits, which the next
     * update counts, so that a long history ingests at the speed git reads it. NOTIFY
     * reaches listening workers when the ingest commits.
     */
    IF cardinality(p_commit_ids) > 200 THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high', jsonb_build_object('deferred_commits', to_jsonb(p_commit_ids)));
    ELSE
        SELECT * INTO STRICT v_changed FROM patterns.live_refresh(p_project_id, p_commit_ids);
        IF cardinality(v_changed.files) = 0 AND cardinality(v_changed.authors) = 0 THEN
            RETURN;
        END IF;
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (p_project_id, 'git_commit', 'high',
                jsonb_build_object('files', to_jsonb(v_changed.files), 'authors', to_jsonb(v_changed.authors),
                                   'commits', v_changed.commits));
    END IF;
    PERFORM pg_notify('pgpattern_pattern_updates', p_project_id::text);
END
$$;


--
-- Name: FUNCTION live_changed(p_project_id bigint, p_commit_ids bigint[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_changed(p_project_id bigint, p_commit_ids bigint[]) IS 'Called by the triggers on git.file_changes for the commits a statement touched: counts up to 200 of them into the live state at once and queues their update (files, authors, commits), or queues a bulk statement''s commits for the next update to count (deferred_commits); notifies pgpattern_pattern_updates.';


--
-- Name: live_changes_mark_profiles(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_changes_mark_profiles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_rows text;
BEGIN
    FOREACH v_rows IN ARRAY TG_ARGV LOOP
        -- Not for a project being deleted (its rows go with it).
        EXECUTE format('INSERT INTO patterns.file_profiles_stale (project_id, file_path)
                        SELECT DISTINCT r.project_id, r.file_path FROM %I r
                         WHERE EXISTS (SELECT FROM core.projects p WHERE p.project_id = r.project_id)
                        ON CONFLICT DO NOTHING', v_rows);
    END LOOP;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION live_changes_mark_profiles(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_changes_mark_profiles() IS 'After a write of patterns.live_changes: records the files of the rows written (transition tables named by the trigger''s arguments) in patterns.file_profiles_stale.';


--
-- Name: live_changes; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.live_changes (
    project_id bigint NOT NULL,
    commit_id bigint NOT NULL,
    file_path text NOT NULL,
    author_key text NOT NULL,
    authored_at timestamp with time zone NOT NULL,
    committed_at timestamp with time zone NOT NULL,
    sha text NOT NULL,
    local_time timestamp without time zone NOT NULL,
    commit_files integer NOT NULL,
    is_fix boolean NOT NULL,
    change_size bigint NOT NULL,
    net_lines bigint NOT NULL,
    statuses text[] NOT NULL
);


--
-- Name: TABLE live_changes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.live_changes IS 'The changes of T, one row per (commit, file by latest path), as patterns.transaction_changes() reads them for an unwindowed run; kept by triggers on git.file_changes.';


--
-- Name: COLUMN live_changes.commit_files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_changes.commit_files IS 'Distinct files of the commit (co-occurrence leaves out commits above max_changeset_size).';


--
-- Name: COLUMN live_changes.is_fix; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_changes.is_fix IS 'The commit is a fix (patterns.commit_type() of its subject).';


--
-- Name: COLUMN live_changes.change_size; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_changes.change_size IS 'Lines added + deleted over the commit''s rows for this file (binary 0).';


--
-- Name: COLUMN live_changes.net_lines; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_changes.net_lines IS 'Lines added - deleted.';


--
-- Name: COLUMN live_changes.statuses; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_changes.statuses IS 'The status letters of the rows that map to this file.';


--
-- Name: live_changes_of(bigint, bigint[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_changes
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               patterns.commit_type(split_part(c.message, E'\n', 1)) = 'fix' AS is_fix
          FROM git.commits c
         WHERE c.project_id = p_project_id AND NOT c.is_merge
           AND c.commit_id = ANY (p_commit_ids)
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.latest_path
    )
    SELECT p_project_id, c.commit_id, ch.file_path, c.author_key, c.authored_at, c.committed_at, c.sha, c.local_time,
           (count(*) OVER (PARTITION BY c.commit_id))::integer, c.is_fix, ch.change_size, ch.net_lines, ch.statuses
      FROM commits c JOIN changes ch ON ch.commit_id = c.commit_id
$$;


--
-- Name: FUNCTION live_changes_of(p_project_id bigint, p_commit_ids bigint[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) IS 'The rows of patterns.live_changes for these commits of a project, computed from git.commits and git.file_changes.';


--
-- Name: live_commits; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.live_commits (
    project_id bigint NOT NULL,
    commit_id bigint NOT NULL,
    sha text NOT NULL,
    author_key text NOT NULL,
    author_name text NOT NULL,
    authored_at timestamp with time zone NOT NULL,
    committed_at timestamp with time zone NOT NULL,
    local_time timestamp without time zone NOT NULL,
    commit_type text NOT NULL,
    files integer NOT NULL,
    change_size bigint NOT NULL
);


--
-- Name: TABLE live_commits; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.live_commits IS 'The commits of each project''s unwindowed transaction set T (non-merge, at least one file change), kept by triggers on git.file_changes.';


--
-- Name: COLUMN live_commits.local_time; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_commits.local_time IS 'Authored time in the author''s time zone (temporal bins, active days).';


--
-- Name: COLUMN live_commits.commit_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_commits.commit_type IS 'patterns.commit_type() of the subject.';


--
-- Name: COLUMN live_commits.files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_commits.files IS 'Distinct files (latest paths) the commit changes.';


--
-- Name: COLUMN live_commits.change_size; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.live_commits.change_size IS 'Lines added + deleted over its files (binary 0).';


--
-- Name: live_commits_of(bigint, bigint[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_commits
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT p_project_id, c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
           (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset),
           patterns.commit_type(split_part(c.message, E'\n', 1)), f.files, f.size
      FROM git.commits c
      JOIN (SELECT fc.commit_id, count(DISTINCT fc.latest_path)::integer AS files,
                   sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS size
              FROM git.file_changes fc
             WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
             GROUP BY fc.commit_id) f ON f.commit_id = c.commit_id
     WHERE c.project_id = p_project_id AND NOT c.is_merge
       AND c.commit_id = ANY (p_commit_ids)
$$;


--
-- Name: FUNCTION live_commits_of(p_project_id bigint, p_commit_ids bigint[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) IS 'The rows of patterns.live_commits for these commits of a project: the non-merge ones with a file change.';


--
-- Name: live_count(bigint, patterns.live_commits[], patterns.live_changes[], patterns.live_commits[], patterns.live_changes[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    /*
     * Moves the count tables from what the old rows counted for to what the new rows
     * count for. Only net differences are written (a lineage change leaves most of its
     * commits' pairs as they were): existing counts by a set-based UPDATE, new ones by an
     * INSERT of the keys the table did not hold (faster than ON CONFLICT row by row;
     * ingest of a project is serialised by its advisory lock, so no other writer adds the
     * same keys meanwhile). Counts that reach 0 are deleted.
     */
    PERFORM git.intern_keys(p_project_id, ARRAY(SELECT n.file_path FROM unnest(p_new_changes) n),
                            ARRAY(SELECT n.author_key FROM unnest(p_new_changes) n));
    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, sum(c.sign) AS changes, coalesce(sum(c.sign) FILTER (WHERE c.commit_files <= 30), 0) AS cooc,
               coalesce(sum(c.sign) FILTER (WHERE c.is_fix), 0) AS fixes
          FROM changes c GROUP BY c.file_path
        HAVING sum(c.sign) <> 0 OR sum(c.sign) FILTER (WHERE c.commit_files <= 30) <> 0
            OR sum(c.sign) FILTER (WHERE c.is_fix) <> 0
    ),
    updated AS (
        UPDATE patterns.file_change_counts t
           SET changes = t.changes + d.changes, cooc_changes = t.cooc_changes + d.cooc, fix_changes = t.fix_changes + d.fixes
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path
    )
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, d.file_path, d.changes, d.cooc, d.fixes FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.file_path = d.file_path);

    WITH
    changes AS (
        SELECT c.sign, c.commit_id, g.path_id
          FROM (SELECT -1 AS sign, o.commit_id, o.file_path FROM unnest(p_old_changes) o WHERE o.commit_files <= 30
                UNION ALL
                SELECT 1, n.commit_id, n.file_path FROM unnest(p_new_changes) n WHERE n.commit_files <= 30) c
          JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path
    ),
    delta AS (
        SELECT a.path_id AS file_1, b.path_id AS file_2, sum(a.sign) AS n
          FROM changes a
          JOIN changes b ON b.commit_id = a.commit_id AND b.sign = a.sign AND a.path_id < b.path_id
         GROUP BY 1, 2
        HAVING sum(a.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_pair_counts t SET cochanges = t.cochanges + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2
    )
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, d.file_1, d.file_2, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_pair_counts t
                        WHERE t.project_id = p_project_id AND t.file_id_1 = d.file_1 AND t.file_id_2 = d.file_2);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (
        SELECT c.file_path, c.author_key, sum(c.sign) AS n FROM changes c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.file_author_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key
    )
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, d.file_path, d.author_key, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.file_author_counts t
                        WHERE t.project_id = p_project_id AND t.file_path = d.file_path AND t.author_key = d.author_key);

    WITH
    changes AS (SELECT -1 AS sign, o.* FROM unnest(p_old_changes) o UNION ALL SELECT 1, n.* FROM unnest(p_new_changes) n),
    delta AS (SELECT c.change_size, sum(c.sign) AS n FROM changes c GROUP BY 1 HAVING sum(c.sign) <> 0),
    updated AS (
        UPDATE patterns.change_size_counts t SET changes = t.changes + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.change_size = d.change_size
    )
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, d.change_size, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.change_size_counts t
                        WHERE t.project_id = p_project_id AND t.change_size = d.change_size);

    -- Commits: a lineage change re-counts a commit as it was, so these nets are often zero.
    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, sum(c.sign) AS commits, sum(c.sign * c.files) AS files, sum(c.sign * c.change_size) AS lines
          FROM commits c GROUP BY 1
        HAVING sum(c.sign) <> 0 OR sum(c.sign * c.files) <> 0 OR sum(c.sign * c.change_size) <> 0
    ),
    updated AS (
        UPDATE patterns.author_commit_counts t
           SET commits = t.commits + d.commits, files = t.files + d.files, lines = t.lines + d.lines
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key
    )
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, d.author_key, d.commits, d.files, d.lines FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_commit_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT c.author_key, patterns.iso_week_start(c.authored_at) AS week, sum(c.sign) AS n
          FROM commits c GROUP BY 1, 2 HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.author_week_counts t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week
    )
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, d.author_key, d.week, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.author_week_counts t
                        WHERE t.project_id = p_project_id AND t.author_key = d.author_key AND t.week = d.week);

    WITH
    commits AS (SELECT -1 AS sign, o.* FROM unnest(p_old_commits) o UNION ALL SELECT 1, n.* FROM unnest(p_new_commits) n),
    delta AS (
        SELECT b.pattern_type, b.bin, sum(c.sign) AS n
          FROM commits c
         CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
         GROUP BY 1, 2
        HAVING sum(c.sign) <> 0
    ),
    updated AS (
        UPDATE patterns.commit_time_bins t SET commits = t.commits + d.n
          FROM delta d
         WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin
    )
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, d.pattern_type, d.bin, d.n FROM delta d
     WHERE NOT EXISTS (SELECT FROM patterns.commit_time_bins t
                        WHERE t.project_id = p_project_id AND t.pattern_type = d.pattern_type AND t.bin = d.bin);

    IF p_old_changes IS NOT NULL THEN
        DELETE FROM patterns.file_change_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.file_pair_counts t WHERE t.project_id = p_project_id AND t.cochanges = 0
           AND t.file_id_1 IN (SELECT g.path_id FROM unnest(p_old_changes) c
                                 JOIN git.paths g ON g.project_id = p_project_id AND g.path = c.file_path);
        DELETE FROM patterns.file_author_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.file_path IN (SELECT c.file_path FROM unnest(p_old_changes) c);
        DELETE FROM patterns.change_size_counts t WHERE t.project_id = p_project_id AND t.changes = 0
           AND t.change_size IN (SELECT c.change_size FROM unnest(p_old_changes) c);
        DELETE FROM patterns.author_commit_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.author_week_counts t WHERE t.project_id = p_project_id AND t.commits = 0
           AND t.author_key IN (SELECT c.author_key FROM unnest(p_old_commits) c);
        DELETE FROM patterns.commit_time_bins t WHERE t.project_id = p_project_id AND t.commits = 0;
    END IF;

    -- 0660: the decayed sums of the `recent` suggestions, read against the counts just written.
    PERFORM patterns.live_recency(p_project_id, p_old_changes, p_new_changes);
END
$$;


--
-- Name: FUNCTION live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]) IS 'Moves the live count tables of a project from what the old commits and changes of T counted for to what the new ones count for (net differences only); counts that reach 0 are deleted. Then moves the recency rows of the `recent` suggestions (patterns.live_recency).';


--
-- Name: live_file_changes_deleted(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_file_changes_deleted() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(o.project_id, array_agg(DISTINCT o.commit_id))
                      FROM %I o GROUP BY o.project_id', 'deleted_rows');
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION live_file_changes_deleted(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.file_changes (forgotten history): takes the commits out of the live state and queues the pattern update.';


--
-- Name: live_file_changes_inserted(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_file_changes_inserted() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'inserted_rows');
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION live_file_changes_inserted(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_file_changes_inserted() IS 'After an INSERT into git.file_changes: brings the live state of the new commits up to date and queues their pattern update.';


--
-- Name: live_file_changes_updated(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_file_changes_updated() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Lineage re-keys changes (refresh_lineage); their commits are counted again.
    EXECUTE format('SELECT patterns.live_changed(n.project_id, array_agg(DISTINCT n.commit_id))
                      FROM %I n GROUP BY n.project_id', 'updated_rows');
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION live_file_changes_updated(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.file_changes (lineage): counts the commits of the changed rows again and queues their pattern update.';


--
-- Name: live_rebuild(bigint); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_rebuild(p_project_id bigint) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_commits bigint;
    v_ids     bigint[];
BEGIN
    /*
     * The whole live state of a project, recomputed from its history in set-based passes:
     * what a bulk ingest (a first ingest of a long history) uses instead of counting
     * commit by commit. Returns the commits of T.
     */
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
    DELETE FROM patterns.live_changes l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.live_commits l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_change_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_pair_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.file_author_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_commit_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.change_size_counts l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.commit_time_bins l WHERE l.project_id = p_project_id;
    DELETE FROM patterns.author_week_counts l WHERE l.project_id = p_project_id;

    v_ids := ARRAY(SELECT c.commit_id FROM git.commits c WHERE c.project_id = p_project_id);
    INSERT INTO patterns.live_changes SELECT * FROM patterns.live_changes_of(p_project_id, v_ids);
    INSERT INTO patterns.live_commits SELECT * FROM patterns.live_commits_of(p_project_id, v_ids);
    GET DIAGNOSTICS v_commits = ROW_COUNT;
    INSERT INTO patterns.file_change_counts (project_id, file_path, changes, cooc_changes, fix_changes)
    SELECT p_project_id, l.file_path, count(*), count(*) FILTER (WHERE l.commit_files <= 30), count(*) FILTER (WHERE l.is_fix)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path;
    PERFORM git.intern_keys(p_project_id,
                            ARRAY(SELECT DISTINCT l.file_path FROM patterns.live_changes l WHERE l.project_id = p_project_id),
                            ARRAY(SELECT DISTINCT l.author_key FROM patterns.live_changes l WHERE l.project_id = p_project_id));
    INSERT INTO patterns.file_pair_counts (project_id, file_id_1, file_id_2, cochanges)
    SELECT p_project_id, a.path_id, b.path_id, count(*)
      FROM (SELECT l.commit_id, g.path_id FROM patterns.live_changes l
              JOIN git.paths g ON g.project_id = l.project_id AND g.path = l.file_path
             WHERE l.project_id = p_project_id AND l.commit_files <= 30) a
      JOIN (SELECT l.commit_id, g.path_id FROM patterns.live_changes l
              JOIN git.paths g ON g.project_id = l.project_id AND g.path = l.file_path
             WHERE l.project_id = p_project_id AND l.commit_files <= 30) b
        ON b.commit_id = a.commit_id AND a.path_id < b.path_id
     GROUP BY a.path_id, b.path_id;
    INSERT INTO patterns.file_author_counts (project_id, file_path, author_key, changes)
    SELECT p_project_id, l.file_path, l.author_key, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.file_path, l.author_key;
    INSERT INTO patterns.change_size_counts (project_id, change_size, changes)
    SELECT p_project_id, l.change_size, count(*)
      FROM patterns.live_changes l WHERE l.project_id = p_project_id GROUP BY l.change_size;
    INSERT INTO patterns.author_commit_counts (project_id, author_key, commits, files, lines)
    SELECT p_project_id, c.author_key, count(*), sum(c.files), sum(c.change_size)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY c.author_key;
    INSERT INTO patterns.commit_time_bins (project_id, pattern_type, bin, commits)
    SELECT p_project_id, b.pattern_type, b.bin, count(*)
      FROM patterns.live_commits c
     CROSS JOIN LATERAL patterns.time_bins(c.local_time) b
     WHERE c.project_id = p_project_id
     GROUP BY b.pattern_type, b.bin;
    INSERT INTO patterns.author_week_counts (project_id, author_key, week, commits)
    SELECT p_project_id, c.author_key, patterns.iso_week_start(c.authored_at), count(*)
      FROM patterns.live_commits c WHERE c.project_id = p_project_id GROUP BY 2, 3;
    -- 0660: the decayed sums of the `recent` suggestions.
    PERFORM patterns.recency_recompute(p_project_id, NULL);
    PERFORM patterns.deleted_refresh(p_project_id, NULL);
    -- The update that follows in this transaction plans on these statistics: without them it
    -- would take the tables for as empty as they were (minutes instead of seconds at 10K commits).
    ANALYZE patterns.live_commits, patterns.live_changes, patterns.file_change_counts, patterns.file_pair_counts,
            patterns.file_author_counts, patterns.author_commit_counts, patterns.author_week_counts,
            patterns.change_size_counts, patterns.file_author_recency, patterns.pair_author_recency,
            patterns.deleted_files, git.paths, git.authors;
    RETURN v_commits;
END
$$;


--
-- Name: FUNCTION live_rebuild(p_project_id bigint); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_rebuild(p_project_id bigint) IS 'Recomputes a project''s whole live state from its history in set-based passes (after a bulk ingest); returns the commits of T. Includes the recency rows of the `recent` suggestions. Serialised per project with patterns.live_refresh().';


--
-- Name: live_recency(bigint, patterns.live_changes[], patterns.live_changes[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_recompute text[];
    v_append    text[];
BEGIN
    /*
     * Moves the recency rows from the old changes to the new ones (called by
     * patterns.live_count() once the counts and patterns.live_changes are current). A
     * file's items are (commit, author, partner), the file itself a partner standing for
     * the commit. A file that only gained whole commits, all newer than its others, is
     * appended to: its rows decay to the new n(q) and add the new commits' weights.
     * Any other file whose items changed (commits or partners gone or re-keyed, a commit
     * authored before its newest, one that now counts with its 30 files or fewer) is
     * recomputed from the change log.
     */
    WITH
    old_changes AS (SELECT o.commit_id, o.file_path, o.author_key FROM unnest(p_old_changes) o WHERE o.commit_files <= 30),
    new_changes AS (SELECT n.commit_id, n.file_path, n.author_key FROM unnest(p_new_changes) n WHERE n.commit_files <= 30),
    old_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM old_changes a JOIN old_changes b ON b.commit_id = a.commit_id),
    new_items AS (SELECT a.file_path, a.commit_id, a.author_key, b.file_path AS partner
                    FROM new_changes a JOIN new_changes b ON b.commit_id = a.commit_id),
    removed AS (SELECT * FROM old_items EXCEPT SELECT * FROM new_items),
    added AS (SELECT * FROM new_items EXCEPT SELECT * FROM old_items),
    newly AS (SELECT a.file_path, a.commit_id FROM added a WHERE a.partner = a.file_path),
    first_new AS (
        SELECT DISTINCT ON (nw.file_path) nw.file_path, c.authored_at, c.committed_at, c.generation, c.sha
          FROM newly nw
          JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
         ORDER BY nw.file_path, c.authored_at, c.committed_at, c.generation, c.sha COLLATE "C"
    ),
    recompute AS (
        SELECT r.file_path FROM removed r
        UNION
        SELECT a.file_path FROM added a
         WHERE NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = a.file_path AND nw.commit_id = a.commit_id)
        UNION
        SELECT f.file_path FROM first_new f
         WHERE EXISTS (
                SELECT FROM patterns.live_changes l
                  JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = p_project_id AND l.file_path = f.file_path AND l.authored_at >= f.authored_at
                   AND l.commit_files <= 30
                   AND NOT EXISTS (SELECT FROM newly nw WHERE nw.file_path = f.file_path AND nw.commit_id = l.commit_id)
                   AND (l.authored_at, l.committed_at, c.generation, l.sha COLLATE "C")
                     > (f.authored_at, f.committed_at, f.generation, f.sha COLLATE "C"))
    )
    SELECT ARRAY(SELECT r.file_path FROM recompute r),
           ARRAY(SELECT DISTINCT nw.file_path FROM newly nw WHERE nw.file_path NOT IN (SELECT r.file_path FROM recompute r))
      INTO v_recompute, v_append;

    IF cardinality(v_append) > 0 THEN
        WITH
        new_changes AS (
            SELECT n.commit_id, n.file_path, g.path_id AS file_id, a.author_id
              FROM unnest(p_new_changes) n
              JOIN git.paths g ON g.project_id = p_project_id AND g.path = n.file_path
              JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = n.author_key
             WHERE n.commit_files <= 30
        ),
        newly AS (
            SELECT n.* FROM new_changes n
             WHERE n.file_path = ANY (v_append)
               AND NOT EXISTS (SELECT FROM unnest(p_old_changes) o
                                WHERE o.commit_id = n.commit_id AND o.file_path = n.file_path AND o.commit_files <= 30)
        ),
        aged AS (
            -- The new commits are the file's newest: their ages count from 0 among themselves.
            SELECT nw.file_id, nw.commit_id, nw.author_id, f.cooc_changes AS n,
                   (row_number() OVER (PARTITION BY nw.file_id
                                       ORDER BY c.authored_at DESC, c.committed_at DESC, c.generation DESC,
                                                c.sha COLLATE "C" DESC) - 1)::integer AS age
              FROM newly nw
              JOIN git.commits c ON c.project_id = p_project_id AND c.commit_id = nw.commit_id
              JOIN patterns.file_change_counts f ON f.project_id = p_project_id AND f.file_path = nw.file_path
        ),
        authors AS (
            INSERT INTO patterns.file_author_recency AS t (project_id, weight, file_id, author_id, stamp)
            SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, a.author_id, max(a.n)
              FROM aged a
             GROUP BY a.file_id, a.author_id
            ON CONFLICT (project_id, file_id, author_id) DO UPDATE
               SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
                   stamp = excluded.stamp
        )
        INSERT INTO patterns.pair_author_recency AS t (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(a.age)), a.file_id, x.file_id, a.author_id, count(*), max(a.n)
          FROM aged a
          JOIN new_changes x ON x.commit_id = a.commit_id AND x.file_id <> a.file_id
         GROUP BY a.file_id, x.file_id, a.author_id
        ON CONFLICT (project_id, query_file_id, file_id, author_id) DO UPDATE
           SET weight = t.weight * patterns.recency_decay(excluded.stamp - t.stamp) + excluded.weight,
               changes = t.changes + excluded.changes,
               stamp = excluded.stamp;
    END IF;
    IF cardinality(v_recompute) > 0 THEN
        PERFORM patterns.recency_recompute(p_project_id, v_recompute);
    END IF;
    PERFORM patterns.deleted_refresh(p_project_id, ARRAY(SELECT o.file_path FROM unnest(p_old_changes) o
                                                         UNION SELECT n.file_path FROM unnest(p_new_changes) n));
END
$$;


--
-- Name: FUNCTION live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]) IS 'Moves a project''s recency rows (file_author_recency, pair_author_recency) from the old changes of T to the new ones: appends commits that are their files'' newest, recomputes the files whose history changed otherwise; refreshes the touched files'' deletion state. Called by patterns.live_count().';


--
-- Name: live_refresh(bigint, bigint[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[]) RETURNS TABLE(files text[], authors text[], commits integer)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_old_commits patterns.live_commits[];
    v_old_changes patterns.live_changes[];
    v_new_commits patterns.live_commits[];
    v_new_changes patterns.live_changes[];
BEGIN
    /*
     * Brings the live state of these commits up to date with git.commits and
     * git.file_changes: what they counted for goes, what they count for now comes in.
     * Returns the files and authors whose counts moved and the commits added (negative
     * when removed). One writer of a project's live state at a time. A project being
     * deleted has nothing to keep (its live rows go with it).
     */
    files := '{}';
    authors := '{}';
    commits := 0;
    IF NOT EXISTS (SELECT FROM core.projects p WHERE p.project_id = p_project_id) THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(1819702885, p_project_id::integer);  -- 'live'
    WITH gone AS (
        DELETE FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_changes) INTO v_old_changes FROM gone g;
    WITH gone AS (
        DELETE FROM patterns.live_commits l
         WHERE l.project_id = p_project_id AND l.commit_id = ANY (p_commit_ids)
        RETURNING l.*)
    SELECT array_agg(g::patterns.live_commits) INTO v_old_commits FROM gone g;

    WITH
    new_changes AS (
        INSERT INTO patterns.live_changes
        SELECT * FROM patterns.live_changes_of(p_project_id, p_commit_ids)
        RETURNING *
    ),
    new_commits AS (
        INSERT INTO patterns.live_commits
        SELECT * FROM patterns.live_commits_of(p_project_id, p_commit_ids)
        RETURNING *
    )
    SELECT (SELECT array_agg(n::patterns.live_changes) FROM new_changes n),
           (SELECT array_agg(n::patterns.live_commits) FROM new_commits n)
      INTO v_new_changes, v_new_commits;
    IF v_old_commits IS NULL AND v_new_commits IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    PERFORM patterns.live_count(p_project_id, v_old_commits, v_old_changes, v_new_commits, v_new_changes);
    files := ARRAY(SELECT c.file_path FROM unnest(v_old_changes) c UNION SELECT c.file_path FROM unnest(v_new_changes) c);
    authors := ARRAY(SELECT c.author_key FROM unnest(v_old_commits) c UNION SELECT c.author_key FROM unnest(v_new_commits) c);
    commits := coalesce(cardinality(v_new_commits), 0) - coalesce(cardinality(v_old_commits), 0);
    RETURN NEXT;
END
$$;


--
-- Name: FUNCTION live_refresh(p_project_id bigint, p_commit_ids bigint[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[]) IS 'Recomputes the live state (T and its counts) of these commits of a project from git.commits and git.file_changes; returns the files and authors whose counts moved and the net commits added. Serialised per project by an advisory lock.';


--
-- Name: parent_directory(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.parent_directory(p_path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Up to the last slash.
    SELECT CASE WHEN position('/' IN p_path) = 0 THEN ''
                ELSE left(p_path, length(p_path) - position('/' IN reverse(p_path))) END
$$;


--
-- Name: FUNCTION parent_directory(p_path text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.parent_directory(p_path text) IS 'The directory holding a path, '''' for the repository root.';


--
-- Name: process_pattern_updates(integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.process_pattern_updates(p_max_projects integer DEFAULT 1) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_entries    bigint[];
    v_error      text;
    v_handled    integer := 0;
    v_project_id bigint;
    v_result     record;
    v_skipped    bigint[] := ARRAY[]::bigint[];
    v_started    timestamptz;
    v_types      text;
BEGIN
    /*
     * Applies the due entries of up to p_max_projects projects, most urgent first, one
     * project at a time under its discovery lock (a busy project, or one being
     * ingested, is left for later). A project's rescore entry waits while other entries of
     * it are due, so that commits are not held up behind it and a burst is rescored once.
     * Returns how many entries it handled, completed or failed.
     */
    IF p_max_projects IS NULL OR p_max_projects < 1 THEN
        RAISE EXCEPTION 'max_projects must be at least 1, not %', coalesce(p_max_projects::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. p_max_projects LOOP
        SELECT q.project_id INTO v_project_id
          FROM patterns.pattern_update_queue q
         WHERE q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
           AND NOT q.project_id = ANY (v_skipped)
         ORDER BY CASE q.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, q.enqueued_at, q.id
         LIMIT 1
           FOR UPDATE SKIP LOCKED;
        EXIT WHEN v_project_id IS NULL;
        -- A project whose ingest is running is left for later: its batches must not wait behind
        -- an update counting the history it is still writing (the ingest notifies when it ends).
        -- Shared: two updates of one project are already kept apart by the discovery lock.
        IF NOT pg_try_advisory_xact_lock(1885630573, v_project_id::integer)  -- 'pdis', as discovery
           OR NOT pg_try_advisory_xact_lock_shared(1885827177, v_project_id::integer) THEN  -- 'pgpi', ingest
            v_skipped := v_skipped || v_project_id;
            v_project_id := NULL;
            CONTINUE;
        END IF;

        WITH claimed AS (
            SELECT q.id, q.trigger_type
              FROM patterns.pattern_update_queue q
             WHERE q.project_id = v_project_id AND q.status = 'pending' AND q.next_attempt_at <= clock_timestamp()
               AND (q.trigger_type <> 'rescore'
                    OR NOT EXISTS (SELECT FROM patterns.pattern_update_queue o
                                    WHERE o.project_id = v_project_id AND o.status = 'pending'
                                      AND o.next_attempt_at <= clock_timestamp() AND o.trigger_type <> 'rescore'))
               FOR UPDATE SKIP LOCKED)
        SELECT array_agg(c.id ORDER BY c.id), string_agg(DISTINCT c.trigger_type, ',')
          INTO v_entries, v_types
          FROM claimed c;
        v_started := clock_timestamp();
        BEGIN
            SELECT * INTO STRICT v_result FROM patterns.apply_pattern_updates(v_project_id, v_entries);
            UPDATE patterns.pattern_update_queue q
               SET status = 'completed', attempts = q.attempts + 1, completed_at = clock_timestamp()
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, patterns_updated,
                patterns_created, patterns_invalidated, db_queries_executed, started_at)
            VALUES (v_project_id, v_result.update_type, v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, v_result.updated,
                    v_result.created, v_result.invalidated, v_result.statements, v_started);
        EXCEPTION WHEN OTHERS THEN
            -- The update's writes are rolled back; its entries wait for a retry, or fail for good.
            GET STACKED DIAGNOSTICS v_error = MESSAGE_TEXT;
            UPDATE patterns.pattern_update_queue q
               SET attempts = q.attempts + 1, last_error = v_error,
                   status = CASE WHEN q.attempts + 1 >= q.max_attempts THEN 'failed' ELSE 'pending' END,
                   next_attempt_at = clock_timestamp() + interval '10 seconds' * 2 ^ q.attempts
             WHERE q.id = ANY (v_entries);
            INSERT INTO patterns.pattern_update_metrics (
                project_id, update_type, trigger_type, queue_entries, execution_time_ms, status, error_message, started_at)
            VALUES (v_project_id, 'incremental', v_types, cardinality(v_entries),
                    (extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer, 'failed', v_error, v_started);
        END;
        v_handled := v_handled + cardinality(v_entries);
        v_project_id := NULL;
    END LOOP;
    RETURN v_handled;
END
$$;


--
-- Name: FUNCTION process_pattern_updates(p_max_projects integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.process_pattern_updates(p_max_projects integer) IS 'Applies the due pattern update queue entries of up to p_max_projects projects (default 1), most urgent first, each project under the discovery advisory lock (busy projects and projects being ingested wait for the next call; a rescore entry waits for the project''s other due entries); returns how many entries it completed or failed. Writes a patterns.pattern_update_metrics row per project. Safe to run from several workers at once.';


--
-- Name: project_id(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.project_id(p_project text) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT p.project_id INTO v_id FROM core.projects p WHERE p.name = p_project;
    IF v_id IS NULL THEN
        RAISE EXCEPTION 'unknown project %', coalesce(quote_literal(p_project), 'NULL')
            USING ERRCODE = 'no_data_found', HINT = 'ingest its history first: pgpattern ingest PATH --project NAME';
    END IF;
    RETURN v_id;
END
$$;


--
-- Name: FUNCTION project_id(p_project text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.project_id(p_project text) IS 'The id of the project with this name; raises no_data_found (P0002) naming it when there is none.';


--
-- Name: purge_discovery_sessions(text, integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.purge_discovery_sessions(p_project text DEFAULT NULL::text, p_keep integer DEFAULT NULL::integer) RETURNS TABLE(project_name text, table_name text, rows_removed bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_keep     integer;
    v_only     bigint;
    v_project  record;
    v_sessions uuid[];
BEGIN
    /*
     * For each project (or only p_project), deletes the discovery sessions older than its
     * newest p_keep (default: its number in patterns.discovery_retention), with their
     * patterns and insights. Never the current run (status completed) or a running one,
     * nor a run with an active pattern or insight left. Each project is purged under the
     * advisory lock discovery and updates take, so it waits for a discovery in progress.
     * Returns, per project that lost sessions, the rows removed from each table.
     */
    IF p_keep IS NOT NULL AND p_keep < 1 THEN
        RAISE EXCEPTION 'p_keep must be at least 1, not %', p_keep
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'p_keep counts the sessions kept per project, the current one included.',
                  HINT = 'give 1 to keep only the current session, or NULL for each project''s number in patterns.discovery_retention';
    END IF;
    IF p_project IS NOT NULL THEN
        v_only := patterns.project_id(p_project);
    END IF;
    FOR v_project IN
        SELECT p.project_id, p.name FROM core.projects p
         WHERE v_only IS NULL OR p.project_id = v_only
         ORDER BY p.project_id
    LOOP
        v_keep := coalesce(p_keep, patterns.discovery_sessions_kept(v_project.project_id));
        CONTINUE WHEN v_keep IS NULL
                   OR (SELECT count(*) FROM patterns.pattern_discovery_sessions s
                        WHERE s.project_id = v_project.project_id) <= v_keep;
        PERFORM pg_advisory_xact_lock(1885630573, v_project.project_id::integer);  -- 'pdis', as discovery
        v_sessions := ARRAY(
            SELECT r.id
              FROM (SELECT s.id, s.status,
                           row_number() OVER (ORDER BY s.discovery_timestamp DESC, s.id DESC) AS newest
                      FROM patterns.pattern_discovery_sessions s
                     WHERE s.project_id = v_project.project_id) r
             WHERE r.newest > v_keep AND r.status IN ('outdated', 'failed')
               AND NOT EXISTS (SELECT FROM patterns.file_cooccurrence_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.temporal_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.developer_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.change_magnitude_patterns x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active)
               AND NOT EXISTS (SELECT FROM patterns.pattern_insights x
                                WHERE x.project_id = v_project.project_id AND x.discovery_session_id = r.id AND x.is_active));
        CONTINUE WHEN cardinality(v_sessions) = 0;
        project_name := v_project.name;
        -- Each table by itself, to count its rows (the foreign keys would cascade the same).
        table_name := 'patterns.pattern_insights';
        DELETE FROM patterns.pattern_insights x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.file_cooccurrence_patterns';
        DELETE FROM patterns.file_cooccurrence_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.temporal_patterns';
        DELETE FROM patterns.temporal_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.developer_patterns';
        DELETE FROM patterns.developer_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.change_magnitude_patterns';
        DELETE FROM patterns.change_magnitude_patterns x
         WHERE x.project_id = v_project.project_id AND x.discovery_session_id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
        table_name := 'patterns.pattern_discovery_sessions';
        DELETE FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = v_project.project_id AND s.id = ANY (v_sessions);
        GET DIAGNOSTICS rows_removed = ROW_COUNT;
        RETURN NEXT;
    END LOOP;
END
$$;


--
-- Name: FUNCTION purge_discovery_sessions(p_project text, p_keep integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.purge_discovery_sessions(p_project text, p_keep integer) IS 'Deletes the discovery sessions of each project (or only p_project) beyond its newest p_keep (at least 1; default NULL: the project''s number in patterns.discovery_retention, 3 unless set), with their patterns and insights; never the current (completed) or a running session, nor one with an active pattern. Waits for a discovery of the project in progress. Returns project_name, table_name and rows_removed for each table of each project that lost sessions. pg_cron runs it daily (pgpattern-purge-discovery-sessions) and pgpattern discover after each run.';


--
-- Name: purge_pattern_updates(interval); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.purge_pattern_updates(p_keep interval DEFAULT '7 days'::interval) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_deleted bigint;
    v_metrics bigint;
BEGIN
    -- Finished entries and their metrics older than p_keep go (failed entries stay twice as long).
    IF p_keep IS NULL OR p_keep < interval '0' THEN
        RAISE EXCEPTION 'keep must be a non-negative interval, not %', coalesce(p_keep::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM patterns.pattern_update_queue q
     WHERE (q.status IN ('completed', 'superseded') AND q.enqueued_at < now() - p_keep)
        OR (q.status = 'failed' AND q.enqueued_at < now() - 2 * p_keep);
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    DELETE FROM patterns.pattern_update_metrics m WHERE m.started_at < now() - 2 * p_keep;
    GET DIAGNOSTICS v_metrics = ROW_COUNT;
    RETURN v_deleted + v_metrics;
END
$$;


--
-- Name: FUNCTION purge_pattern_updates(p_keep interval); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.purge_pattern_updates(p_keep interval) IS 'Deletes finished queue entries older than p_keep (default 7 days; failed ones after twice that) and metrics older than twice p_keep; returns the rows deleted. pg_cron runs it daily.';


--
-- Name: recency_decay(integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.recency_decay(p_steps integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT power(2::double precision, -p_steps / 16::double precision)
$$;


--
-- Name: FUNCTION recency_decay(p_steps integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.recency_decay(p_steps integer) IS 'The weight 2^(-steps / 16) of a change that lies steps changes of its file back (half-life 16 changes, spec section 6); no search_path of its own, so that it inlines.';


--
-- Name: recency_recompute(bigint, text[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_file_ids integer[];
BEGIN
    /*
     * The recency rows of these query files (NULL: of every file) from the change log:
     * each file's counted commits numbered newest first (authored time, then commit
     * order), stamped with their number n(q). Every path and author of
     * patterns.live_changes has its number (given by patterns.live_count and live_rebuild).
     */
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.file_id = ANY (v_file_ids));
    DELETE FROM patterns.pair_author_recency t
     WHERE t.project_id = p_project_id AND (v_file_ids IS NULL OR t.query_file_id = ANY (v_file_ids));
    WITH
    aged AS (
        SELECT l.file_path, l.commit_id, l.author_key,
               (row_number() OVER w - 1)::integer AS age,
               (count(*) OVER (PARTITION BY l.file_path))::integer AS n
          FROM patterns.live_changes l
          JOIN git.commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND l.commit_files <= 30
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
        WINDOW w AS (PARTITION BY l.file_path
                     ORDER BY l.authored_at DESC, l.committed_at DESC, c.generation DESC, l.sha COLLATE "C" DESC)
    ),
    keyed AS (
        SELECT q.path_id AS file_id, a.author_id, g.commit_id, g.file_path, g.age, g.n
          FROM aged g
          JOIN git.paths q ON q.project_id = p_project_id AND q.path = g.file_path
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_key = g.author_key
    ),
    authors AS (
        INSERT INTO patterns.file_author_recency (project_id, weight, file_id, author_id, stamp)
        SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, k.author_id, max(k.n)
          FROM keyed k
         GROUP BY k.file_id, k.author_id
    )
    INSERT INTO patterns.pair_author_recency (project_id, weight, query_file_id, file_id, author_id, changes, stamp)
    SELECT p_project_id, sum(patterns.recency_decay(k.age)), k.file_id, x.path_id, k.author_id, count(*), max(k.n)
      FROM keyed k
      JOIN patterns.live_changes l ON l.project_id = p_project_id AND l.commit_id = k.commit_id AND l.file_path <> k.file_path
      JOIN git.paths x ON x.project_id = p_project_id AND x.path = l.file_path
     GROUP BY k.file_id, x.path_id, k.author_id
     ORDER BY k.file_id, x.path_id, k.author_id;
END
$$;


--
-- Name: FUNCTION recency_recompute(p_project_id bigint, p_files text[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) IS 'Recomputes the decayed sums of patterns.file_author_recency and pair_author_recency for these query files of a project (NULL: all) from patterns.live_changes.';


--
-- Name: refresh_summaries(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.refresh_summaries() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- CONCURRENTLY keeps the summary readable while it is rebuilt. SECURITY DEFINER: only
    -- the owner may refresh, and writers run discovery.
    REFRESH MATERIALIZED VIEW CONCURRENTLY api.project_pattern_summary;
END
$$;


--
-- Name: FUNCTION refresh_summaries(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.refresh_summaries() IS 'Refreshes api.project_pattern_summary without blocking its readers (pg_cron runs it every 5 minutes; discovery runs it when it completes).';


--
-- Name: pattern_discovery_sessions; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.pattern_discovery_sessions (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    session_id uuid,
    discovery_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    algorithm_version text DEFAULT 'pgpattern-spec-1'::text NOT NULL,
    algorithms text[] NOT NULL,
    commit_range_start text,
    commit_range_end text,
    window_since timestamp with time zone,
    window_until timestamp with time zone,
    window_until_sha text,
    total_commits_analyzed integer DEFAULT 0 NOT NULL,
    total_files_analyzed integer DEFAULT 0 NOT NULL,
    execution_time_ms integer DEFAULT 0 NOT NULL,
    patterns_discovered integer DEFAULT 0 NOT NULL,
    cooccurrence_patterns integer DEFAULT 0 NOT NULL,
    temporal_patterns integer DEFAULT 0 NOT NULL,
    developer_patterns integer DEFAULT 0 NOT NULL,
    magnitude_patterns integer DEFAULT 0 NOT NULL,
    insights integer DEFAULT 0 NOT NULL,
    confidence_threshold double precision DEFAULT 0.30 NOT NULL,
    min_cooccurrence integer DEFAULT 3 NOT NULL,
    max_changeset_size integer DEFAULT 30 NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    error_message text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT pattern_discovery_sessions_algorithms_check CHECK (((algorithms <@ ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text]) AND (cardinality(algorithms) > 0))),
    CONSTRAINT pattern_discovery_sessions_confidence_threshold_check CHECK (((confidence_threshold >= (0)::double precision) AND (confidence_threshold <= (1)::double precision))),
    CONSTRAINT pattern_discovery_sessions_execution_time_ms_check CHECK ((execution_time_ms >= 0)),
    CONSTRAINT pattern_discovery_sessions_max_changeset_size_check CHECK ((max_changeset_size >= 2)),
    CONSTRAINT pattern_discovery_sessions_min_cooccurrence_check CHECK ((min_cooccurrence >= 1)),
    CONSTRAINT pattern_discovery_sessions_patterns_discovered_check CHECK ((patterns_discovered >= 0)),
    CONSTRAINT pattern_discovery_sessions_status_check CHECK ((status = ANY (ARRAY['running'::text, 'completed'::text, 'failed'::text, 'outdated'::text]))),
    CONSTRAINT pattern_discovery_sessions_total_commits_analyzed_check CHECK ((total_commits_analyzed >= 0)),
    CONSTRAINT pattern_discovery_sessions_total_files_analyzed_check CHECK ((total_files_analyzed >= 0))
);


--
-- Name: TABLE pattern_discovery_sessions; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.pattern_discovery_sessions IS 'One row per discovery run of a project: what it analysed (commit range, window, thresholds), what it found and how long it took. A new completed run marks earlier ones outdated.';


--
-- Name: COLUMN pattern_discovery_sessions.id; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.id IS 'The discovery session key within its project.';


--
-- Name: COLUMN pattern_discovery_sessions.session_id; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.session_id IS 'The development session (core.sessions) the run belongs to, if any.';


--
-- Name: COLUMN pattern_discovery_sessions.algorithms; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.algorithms IS 'The algorithms run: cooccurrence, temporal, developer, magnitude, insights.';


--
-- Name: COLUMN pattern_discovery_sessions.commit_range_start; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.commit_range_start IS 'The sha of the earliest analysed commit (by authored time).';


--
-- Name: COLUMN pattern_discovery_sessions.commit_range_end; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.commit_range_end IS 'The sha of the latest analysed commit (by authored time).';


--
-- Name: COLUMN pattern_discovery_sessions.window_since; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_since IS 'The since bound given (authored time, inclusive), if any.';


--
-- Name: COLUMN pattern_discovery_sessions.window_until; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_until IS 'The until bound given (authored time, exclusive), if any.';


--
-- Name: COLUMN pattern_discovery_sessions.window_until_sha; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_until_sha IS 'The commit given as until_sha: only it and its ancestors were analysed.';


--
-- Name: COLUMN pattern_discovery_sessions.total_commits_analyzed; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.total_commits_analyzed IS 'Commits in the transaction set T (no merges, no commits without file changes).';


--
-- Name: COLUMN pattern_discovery_sessions.total_files_analyzed; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.total_files_analyzed IS 'Distinct files (latest paths) changed in T.';


--
-- Name: COLUMN pattern_discovery_sessions.execution_time_ms; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.execution_time_ms IS 'Wall time of the run in milliseconds.';


--
-- Name: COLUMN pattern_discovery_sessions.patterns_discovered; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.patterns_discovered IS 'Patterns of all five kinds stored by the run (insights included).';


--
-- Name: COLUMN pattern_discovery_sessions.cooccurrence_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.cooccurrence_patterns IS 'File co-occurrence patterns stored.';


--
-- Name: COLUMN pattern_discovery_sessions.temporal_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.temporal_patterns IS 'Temporal patterns stored.';


--
-- Name: COLUMN pattern_discovery_sessions.developer_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.developer_patterns IS 'Developer patterns stored.';


--
-- Name: COLUMN pattern_discovery_sessions.magnitude_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.magnitude_patterns IS 'Change-magnitude patterns stored.';


--
-- Name: COLUMN pattern_discovery_sessions.insights; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.insights IS 'Insights stored.';


--
-- Name: COLUMN pattern_discovery_sessions.confidence_threshold; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.confidence_threshold IS 'Minimum co-occurrence confidence kept (default 0.30).';


--
-- Name: COLUMN pattern_discovery_sessions.min_cooccurrence; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.min_cooccurrence IS 'Minimum number of commits changing a pair (default 3).';


--
-- Name: COLUMN pattern_discovery_sessions.max_changeset_size; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.max_changeset_size IS 'Commits changing more files are left out of co-occurrence (default 30).';


--
-- Name: COLUMN pattern_discovery_sessions.status; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.status IS 'running, completed, failed or outdated (a later run completed).';


--
-- Name: COLUMN pattern_discovery_sessions.error_message; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.error_message IS 'Why a failed run failed.';


--
-- Name: COLUMN pattern_discovery_sessions.metadata; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_discovery_sessions.metadata IS 'Free-form facts about the run (a JSON object).';


--
-- Name: rescore_cooccurrence(bigint, patterns.pattern_discovery_sessions); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
      FROM (SELECT c0.id, c0.cooccurrence_count / v_n AS support,
                   c0.cooccurrence_count::double precision * v_n
                       / (c0.file_1_changes::double precision * c0.file_2_changes::double precision) AS lift,
                   patterns.chi_square_p_value(
                       CASE WHEN c0.file_1_changes = v_n OR c0.file_2_changes = v_n THEN 0
                            ELSE v_n * (c0.cooccurrence_count::double precision
                                        * (v_n - c0.file_1_changes - c0.file_2_changes + c0.cooccurrence_count::double precision)
                                        - (c0.file_1_changes - c0.cooccurrence_count::double precision)
                                        * (c0.file_2_changes - c0.cooccurrence_count::double precision)) ^ 2
                                 / (c0.file_1_changes::double precision * (v_n - c0.file_1_changes)
                                    * c0.file_2_changes::double precision * (v_n - c0.file_2_changes)) END, 1) AS p_value
              FROM patterns.file_cooccurrence_patterns c0
             WHERE c0.project_id = p_project_id AND c0.discovery_session_id = p_session.id AND c0.is_active
               AND c0.support_score IS DISTINCT FROM c0.cooccurrence_count / v_n
            OFFSET 0) x
     WHERE c.project_id = p_project_id AND c.id = x.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$$;


--
-- Name: FUNCTION rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions) IS 'Rewrites the N-dependent scores (support, lift, p-value, significance) of a run''s active co-occurrence patterns for the current N; returns the pairs rewritten. The rescore pass of a pattern update.';


--
-- Name: rescore_developers(bigint, patterns.pattern_discovery_sessions); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_moved integer;
BEGIN
    /*
     * The specialization of a run's active developer patterns, which moves with the number
     * of directories the project has: spec section 3 as patterns.update_developers()
     * computes it. Returns the rows rewritten.
     */
    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
    entropy AS (
        SELECT x.author_key, -sum(x.share * ln(x.share)) AS h
          FROM (SELECT fa.author_key,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_key) AS share
                  FROM patterns.file_author_counts fa
                 WHERE fa.project_id = p_project_id
                 GROUP BY fa.author_key, patterns.parent_directory(fa.file_path)) x
         GROUP BY x.author_key
    ),
    wanted AS (
        SELECT e.author_key, CASE WHEN d.d <= 1 THEN 1 ELSE greatest(0, least(1, 1 - e.h / ln(d.d))) END AS specialization
          FROM entropy e CROSS JOIN directories d
    )
    UPDATE patterns.developer_patterns p
       SET specialization_score = w.specialization, updated_at = now()
      FROM wanted w
     WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
       AND p.author_email = w.author_key AND p.specialization_score IS DISTINCT FROM w.specialization;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END
$$;


--
-- Name: FUNCTION rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions) IS 'Rewrites the specialization of a run''s active developer patterns for the project''s current number of directories; returns the rows rewritten. The rescore pass of a pattern update.';


--
-- Name: season(integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.season(p_month integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT (p_month % 12) / 3
$$;


--
-- Name: FUNCTION season(p_month integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.season(p_month integer) IS 'The season bin of a month (1-12): 0 DJF, 1 MAM, 2 JJA, 3 SON.';


--
-- Name: session_end_pattern_update(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.session_end_pattern_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
    VALUES (NEW.project_id, 'session_end', 'medium', jsonb_build_object('session_id', NEW.session_id));
    PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION session_end_pattern_update(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.session_end_pattern_update() IS 'After a development session ends: queues a session_end pattern update of its project.';


--
-- Name: significance(double precision); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.significance(p_p_value double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- -log10(p), capped at 99.9999 (a p-value that underflows to 0 gives the cap).
    SELECT CASE WHEN p_p_value <= 0 THEN 99.9999 ELSE least(99.9999, greatest(0, -log(p_p_value))) END
$$;


--
-- Name: FUNCTION significance(p_p_value double precision); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.significance(p_p_value double precision) IS 'statistical_significance = min(99.9999, -log10(p_value)): 2 means p = 0.01.';


--
-- Name: strength_rank(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.strength_rank(p_strength text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT array_position(ARRAY['weak', 'moderate', 'strong', 'very_strong'], p_strength)
$$;


--
-- Name: FUNCTION strength_rank(p_strength text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.strength_rank(p_strength text) IS 'The rank of a co-occurrence pattern_strength: weak 1, moderate 2, strong 3, very_strong 4; NULL for anything else.';


--
-- Name: supersede_pattern_updates(); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.supersede_pattern_updates() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- A completed full discovery covers the pattern updates queued before it began (not the
    -- live-state counting a bulk ingest left to the next update); the live state
    -- is then synced with its patterns once (a full refresh, queued at low priority) when
    -- the live counts cover the run (unwindowed, max_changeset_size 30) and the run did not
    -- score the live state itself.
    UPDATE patterns.pattern_update_queue q SET status = 'superseded', completed_at = clock_timestamp()
     WHERE q.project_id = NEW.project_id AND q.status = 'pending' AND q.enqueued_at < NEW.discovery_timestamp
       AND NOT q.trigger_data ? 'deferred_commits';
    IF NEW.window_since IS NULL AND NEW.window_until IS NULL AND NEW.window_until_sha IS NULL
       AND NEW.max_changeset_size = 30
       AND NOT EXISTS (SELECT FROM patterns.live_synced l
                        WHERE l.project_id = NEW.project_id AND l.discovery_session_id = NEW.id) THEN
        INSERT INTO patterns.pattern_update_queue (project_id, trigger_type, priority, trigger_data)
        VALUES (NEW.project_id, 'scheduled', 'low', jsonb_build_object('reason', 'discovery', 'discovery_session_id', NEW.id));
        PERFORM pg_notify('pgpattern_pattern_updates', NEW.project_id::text);
    END IF;
    RETURN NULL;
END
$$;


--
-- Name: FUNCTION supersede_pattern_updates(); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.supersede_pattern_updates() IS 'After a discovery run completes: marks the project''s updates queued before it superseded and, unless the run scored the live state itself, queues one full refresh that syncs the live state with the new run.';


--
-- Name: time_bins(timestamp without time zone); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.time_bins(p_local_time timestamp without time zone) RETURNS TABLE(pattern_type text, bin integer)
    LANGUAGE sql IMMUTABLE
    AS $$
    VALUES ('hourly', extract(hour FROM p_local_time)::integer),
           ('daily', extract(isodow FROM p_local_time)::integer - 1),
           ('weekly', (extract(day FROM p_local_time)::integer - 1) / 7),
           ('monthly', extract(month FROM p_local_time)::integer - 1),
           ('seasonal', patterns.season(extract(month FROM p_local_time)::integer))
$$;


--
-- Name: FUNCTION time_bins(p_local_time timestamp without time zone); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.time_bins(p_local_time timestamp without time zone) IS 'The temporal bin of a local time for each pattern type of spec section 2 (no search_path of its own, so that it inlines).';


--
-- Name: top_authors(bigint, integer); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.top_authors(p_project_id bigint, p_max_authors integer) RETURNS TABLE(author_key text, author_name text, commits bigint, author_rank integer)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT c.author_key, (array_agg(c.author_name ORDER BY c.authored_at DESC, c.sha DESC))[1], count(*),
           (row_number() OVER (ORDER BY count(*) DESC, c.author_key))::integer
      FROM git.commits c
     WHERE c.project_id = p_project_id AND NOT c.is_merge
     GROUP BY c.author_key
     ORDER BY count(*) DESC, c.author_key
     LIMIT p_max_authors
$$;


--
-- Name: FUNCTION top_authors(p_project_id bigint, p_max_authors integer); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.top_authors(p_project_id bigint, p_max_authors integer) IS 'A project''s p_max_authors authors (lower-cased email) with the most non-merge commits, ties by email, with the name of their newest commit and their rank.';


--
-- Name: top_level_directory(text); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.top_level_directory(p_path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN position('/' IN p_path) > 0 THEN split_part(p_path, '/', 1) ELSE '' END
$$;


--
-- Name: FUNCTION top_level_directory(p_path text); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.top_level_directory(p_path text) IS 'The first path segment of a file in a directory; '''' for files at the root.';


--
-- Name: transaction_changes(bigint, uuid); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.transaction_changes(p_project_id bigint, p_discovery_session_id uuid) RETURNS TABLE(commit_id bigint, sha text, author_key text, author_name text, authored_at timestamp with time zone, committed_at timestamp with time zone, local_time timestamp without time zone, subject text, commit_files integer, file_path text, change_size bigint, net_lines bigint, statuses text[])
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH RECURSIVE
    run AS (
        SELECT s.window_since, s.window_until, s.window_until_sha
          FROM patterns.pattern_discovery_sessions s
         WHERE s.project_id = p_project_id AND s.id = p_discovery_session_id
    ),
    ancestry AS (
        SELECT c.sha, c.parent_shas
          FROM git.commits c, run
         WHERE c.project_id = p_project_id AND c.sha = run.window_until_sha
        UNION
        SELECT c.sha, c.parent_shas
          FROM ancestry a
          JOIN git.commits c ON c.project_id = p_project_id AND c.sha = ANY (a.parent_shas)
    ),
    commits AS (
        SELECT c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
               (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset) AS local_time,
               split_part(c.message, E'\n', 1) AS subject
          FROM git.commits c, run
         WHERE c.project_id = p_project_id
           AND NOT c.is_merge
           AND (run.window_since IS NULL OR c.authored_at >= run.window_since)
           AND (run.window_until IS NULL OR c.authored_at < run.window_until)
           AND (run.window_until_sha IS NULL OR c.sha IN (SELECT a.sha FROM ancestry a))
    ),
    changes AS (
        SELECT fc.commit_id, fc.latest_path AS file_path,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               array_agg(fc.status::text ORDER BY fc.change_no) AS statuses
          FROM git.file_changes fc
         WHERE fc.project_id = p_project_id
           AND fc.commit_id IN (SELECT c.commit_id FROM commits c)
         GROUP BY fc.commit_id, fc.latest_path
    )
    SELECT c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at, c.local_time,
           c.subject, (count(*) OVER (PARTITION BY c.commit_id))::integer, ch.file_path, ch.change_size,
           ch.net_lines, ch.statuses
      FROM commits c
      JOIN changes ch ON ch.commit_id = c.commit_id
$$;


--
-- Name: FUNCTION transaction_changes(p_project_id bigint, p_discovery_session_id uuid); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.transaction_changes(p_project_id bigint, p_discovery_session_id uuid) IS 'The changes of a discovery run''s transaction set T, one row per (commit, file by latest path), with the commit''s author, times (author''s local time too), subject and number of files changed, and the change''s size (lines added + deleted, binary 0), net lines and status letters.';


--
-- Name: update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_n      double precision;
    v_file_ids integer[];
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it, for every pair of a changed file (all with p_full). What N moves of the other
     * pairs is left to patterns.rescore_cooccurrence(). Returns {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    IF NOT p_full THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    WITH
    dirty_ids AS (
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND (p_full OR pc.file_id_1 = ANY (v_file_ids))
        UNION
        SELECT pc.file_id_1, pc.file_id_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND NOT p_full AND pc.file_id_2 = ANY (v_file_ids)
    ),
    dirty_pairs AS (
        -- A pair is counted under its files' numbers; its pattern names the paths in "C" order.
        SELECT least(a.path COLLATE "C", b.path COLLATE "C") AS file_path_1,
               greatest(a.path COLLATE "C", b.path COLLATE "C") AS file_path_2, d.cochanges
          FROM dirty_ids d
          JOIN git.paths a ON a.project_id = p_project_id AND a.path_id = d.file_id_1
          JOIN git.paths b ON b.project_id = p_project_id AND b.path_id = d.file_id_2
    ),
    counted AS (
        SELECT d.file_path_1 AS file_1, d.file_path_2 AS file_2, d.cochanges::double precision AS n12,
               f1.cooc_changes::double precision AS n1, f2.cooc_changes::double precision AS n2
          FROM dirty_pairs d
          JOIN patterns.file_change_counts f1 ON f1.project_id = p_project_id AND f1.file_path = d.file_path_1
          JOIN patterns.file_change_counts f2 ON f2.project_id = p_project_id AND f2.file_path = d.file_path_2
    ),
    kept AS MATERIALIZED (
        SELECT s.*,
               CASE WHEN s.n1 = v_n OR s.n2 = v_n THEN 0
                    ELSE v_n * (s.n12 * (v_n - s.n1 - s.n2 + s.n12) - (s.n1 - s.n12) * (s.n2 - s.n12)) ^ 2
                         / (s.n1 * (v_n - s.n1) * s.n2 * (v_n - s.n2)) END AS chi_square
          FROM (SELECT c.*, c.n12 / c.n1 AS conf_12, c.n12 / c.n2 AS conf_21 FROM counted c) s
         WHERE greatest(s.conf_12, s.conf_21) >= p_session.confidence_threshold
    ),
    current AS (
        SELECT c.id, c.file_path_1, c.file_path_2, c.is_active, c.cooccurrence_count, c.contributing_commits,
               c.first_observed_date, c.last_observed_date
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session.id
    ),
    evidence AS (
        -- Recomputed where the pair's own commits may have changed (both files changed, or the
        -- row is new or was inactive); otherwise the stored evidence stands.
        SELECT k.file_1, k.file_2,
               (array_agg(a.sha ORDER BY a.authored_at DESC, a.committed_at DESC, a.sha DESC))[1:50] AS shas,
               min(a.authored_at) AS first_at, max(a.authored_at) AS last_at
          FROM kept k
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
          JOIN patterns.live_changes a ON a.project_id = p_project_id AND a.file_path = k.file_1
                                      AND a.commit_files <= p_session.max_changeset_size
          JOIN patterns.live_changes b ON b.project_id = p_project_id AND b.commit_id = a.commit_id AND b.file_path = k.file_2
         WHERE (p_full OR cur.id IS NULL OR NOT cur.is_active
                            OR (k.file_1 = ANY (p_files) AND k.file_2 = ANY (p_files)))
         GROUP BY k.file_1, k.file_2
    ),
    wanted AS MATERIALIZED (
        SELECT k.file_1, k.file_2, k.n12::integer AS n12, k.n1::integer AS n1, k.n2::integer AS n2,
               k.n12 / v_n AS support, greatest(k.conf_12, k.conf_21) AS confidence, k.conf_12, k.conf_21,
               k.n12 * v_n / (k.n1 * k.n2) AS lift, 2 * k.n12 / (k.n1 + k.n2) AS coupling,
               CASE WHEN greatest(k.conf_12, k.conf_21) >= 0.80 THEN 'very_strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.60 THEN 'strong'
                    WHEN greatest(k.conf_12, k.conf_21) >= 0.40 THEN 'moderate'
                    ELSE 'weak' END AS strength,
               p.p_value, patterns.significance(p.p_value) AS significance,
               coalesce(e.shas, cur.contributing_commits) AS shas,
               coalesce(e.first_at, cur.first_observed_date) AS first_at,
               coalesce(e.last_at, cur.last_observed_date) AS last_at,
               cur.id, cur.is_active AS was_active
          FROM kept k
          CROSS JOIN LATERAL (SELECT patterns.chi_square_p_value(k.chi_square, 1) AS p_value OFFSET 0) p
          LEFT JOIN evidence e ON e.file_1 = k.file_1 AND e.file_2 = k.file_2
          LEFT JOIN current cur ON cur.file_path_1 = k.file_1 AND cur.file_path_2 = k.file_2
    ),
    updated AS (
        UPDATE patterns.file_cooccurrence_patterns c
           SET cooccurrence_count = w.n12, file_1_changes = w.n1, file_2_changes = w.n2, support_score = w.support,
               confidence_score = w.confidence, confidence_1_to_2 = w.conf_12, confidence_2_to_1 = w.conf_21,
               lift_score = w.lift, coupling_degree = w.coupling, pattern_strength = w.strength, p_value = w.p_value,
               statistical_significance = w.significance, contributing_commits = w.shas,
               first_observed_date = w.first_at, last_observed_date = w.last_at, is_active = true, updated_at = now()
          FROM wanted w
         WHERE c.project_id = p_project_id AND c.id = w.id
           AND (NOT c.is_active
                OR (c.cooccurrence_count, c.file_1_changes, c.file_2_changes, c.support_score, c.confidence_score,
                    c.confidence_1_to_2, c.confidence_2_to_1, c.lift_score, c.coupling_degree, c.pattern_strength,
                    c.p_value, c.statistical_significance, c.contributing_commits, c.first_observed_date,
                    c.last_observed_date)
                   IS DISTINCT FROM
                   (w.n12, w.n1, w.n2, w.support, w.confidence, w.conf_12, w.conf_21, w.lift, w.coupling, w.strength,
                    w.p_value, w.significance, w.shas, w.first_at, w.last_at))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.file_cooccurrence_patterns (
            project_id, discovery_session_id, file_path_1, file_path_2, cooccurrence_count, file_1_changes,
            file_2_changes, support_score, confidence_score, confidence_1_to_2, confidence_2_to_1, lift_score,
            coupling_degree, pattern_strength, p_value, statistical_significance, contributing_commits,
            first_observed_date, last_observed_date)
        SELECT p_project_id, p_session.id, w.file_1, w.file_2, w.n12, w.n1, w.n2, w.support, w.confidence, w.conf_12,
               w.conf_21, w.lift, w.coupling, w.strength, w.p_value, w.significance, w.shas, w.first_at, w.last_at
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.file_cooccurrence_patterns c
           SET is_active = false, updated_at = now()
          FROM current cur
         WHERE c.project_id = p_project_id AND c.id = cur.id AND cur.is_active
           AND (p_full OR cur.file_path_1 = ANY (p_files) OR cur.file_path_2 = ANY (p_files))
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = cur.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;

    RETURN v_counts;
END
$$;


--
-- Name: FUNCTION update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';


--
-- Name: update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean, boolean); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_authors    text[];
    v_committers text[];
    v_counts     integer[];
BEGIN
    /*
     * Spec section 3, as patterns.discover_developers() computes it, for the authors whose
     * profile can have changed: those who committed and, with p_ripple, those who changed
     * a changed file (shares, collaborators, collaboration files) and those with a
     * committing author among their collaborators (temporal overlap); what comes of an
     * author's own commits alone
     * (counts, dates, regularity, types, ...) only for those who committed. Every other
     * author's row moves only with the number of directories (specialization), which
     * patterns.rescore_developers() follows. Returns {created, updated, invalidated}.
     */
    IF p_full THEN
        v_committers := ARRAY(SELECT a.author_key FROM patterns.author_commit_counts a WHERE a.project_id = p_project_id);
        v_authors := ARRAY(SELECT a.author_key FROM patterns.author_commit_counts a WHERE a.project_id = p_project_id
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session.id AND d.is_active);
    ELSE
        v_committers := p_authors;
        v_authors := ARRAY(SELECT unnest(p_authors)
                           UNION
                           SELECT fa.author_key FROM patterns.file_author_counts fa
                            WHERE p_ripple AND fa.project_id = p_project_id AND fa.file_path = ANY (p_files)
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE p_ripple AND d.project_id = p_project_id AND d.discovery_session_id = p_session.id
                              AND d.is_active AND d.frequent_collaborators && p_authors);
    END IF;

    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
    entropy AS (
        SELECT x.author_key, -sum(x.share * ln(x.share)) AS h
          FROM (SELECT fa.author_key,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_key) AS share
                  FROM patterns.file_author_counts fa
                 WHERE fa.project_id = p_project_id AND fa.author_key = ANY (v_authors)
                 GROUP BY fa.author_key, patterns.parent_directory(fa.file_path)) x
         GROUP BY x.author_key
    ),
    commits AS MATERIALIZED (
        SELECT c.* FROM patterns.live_commits c
         WHERE c.project_id = p_project_id AND c.author_key = ANY (v_committers)
    ),
    authors AS (
        SELECT c.author_key, count(*) AS commits, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at,
               (array_agg(c.author_name ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1] AS author_name,
               avg(c.files) AS files_per_commit,
               sum(c.change_size)::double precision AS lines,
               count(DISTINCT c.local_time::date) AS active_days
          FROM commits c
         GROUP BY c.author_key
    ),
    gaps AS (
        SELECT g.author_key,
               CASE WHEN count(*) >= 2 THEN patterns.coefficient_of_variation(array_agg(g.gap)) END AS regularity
          FROM (SELECT c.author_key,
                       extract(epoch FROM c.authored_at - lag(c.authored_at) OVER (
                           PARTITION BY c.author_key ORDER BY c.authored_at, c.committed_at, c.sha))::double precision / 86400 AS gap
                  FROM commits c) g
         WHERE g.gap IS NOT NULL
         GROUP BY g.author_key
    ),
    types AS (
        SELECT x.author_key, jsonb_object_agg(x.commit_type, x.commits) AS distribution
          FROM (SELECT c.author_key, c.commit_type, count(*) AS commits FROM commits c GROUP BY 1, 2) x
         GROUP BY x.author_key
    ),
    file_authors AS MATERIALIZED (
        -- Every author of the files these authors changed.
        SELECT fa.file_path, fa.author_key, fa.changes::bigint AS changes
          FROM patterns.file_author_counts fa
         WHERE fa.project_id = p_project_id
           AND fa.file_path IN (SELECT x.file_path FROM patterns.file_author_counts x
                                 WHERE x.project_id = p_project_id AND x.author_key = ANY (v_authors))
    ),
    files AS MATERIALIZED (
        SELECT fa.file_path, sum(fa.changes) AS changes, count(*) AS authors FROM file_authors fa GROUP BY fa.file_path
    ),
    specialties AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, fa.file_path, fa.changes,
                       row_number() OVER (PARTITION BY fa.author_key ORDER BY fa.changes DESC, fa.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE fa.author_key = ANY (v_authors) AND fa.changes >= 3 AND fa.changes * 2 >= f.changes) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    author_numbers AS MATERIALIZED (
        -- The files' authors numbered in their text order, the order that breaks ties among
        -- collaborators: the pairs below are counted and ranked over integers (on ansible a
        -- million join rows; grouped and sorted by text they took 3.5 s of a 5 s discovery step).
        SELECT a.author_key, row_number() OVER (ORDER BY a.author_key) AS n, a.author_key = ANY (v_authors) AS wanted
          FROM (SELECT DISTINCT fa.author_key FROM file_authors fa) a
    ),
    numbered AS MATERIALIZED (
        SELECT fn.n AS file_n, an.n AS author_n, an.wanted
          FROM file_authors fa
          JOIN (SELECT f.file_path, row_number() OVER () AS n FROM files f) fn ON fn.file_path = fa.file_path
          JOIN author_numbers an ON an.author_key = fa.author_key
    ),
    shared_once AS MATERIALIZED (
        -- Each pair once, as (lower number, higher number): half the join rows and groups.
        SELECT a.author_n, b.author_n AS other_n, a.wanted AS author_wanted, b.wanted AS other_wanted, count(*) AS files
          FROM numbered a
          JOIN numbered b ON b.file_n = a.file_n AND b.author_n > a.author_n
         WHERE a.wanted OR b.wanted
         GROUP BY a.author_n, b.author_n, a.wanted, b.wanted
    ),
    busy AS (
        -- Authors with five collaborators of two files or more: those of one file cannot be
        -- among their first five, and are not ranked (most pairs share one file).
        SELECT x.author_n
          FROM (SELECT s.author_n FROM shared_once s WHERE s.files > 1 AND s.author_wanted
                UNION ALL
                SELECT s.other_n FROM shared_once s WHERE s.files > 1 AND s.other_wanted) x
         GROUP BY x.author_n
        HAVING count(*) >= 5
    ),
    shared AS (
        SELECT s.author_n, s.other_n, s.files FROM shared_once s WHERE s.author_wanted
        UNION ALL
        SELECT s.other_n, s.author_n, s.files FROM shared_once s WHERE s.other_wanted
    ),
    collaborators AS (
        SELECT an.author_key, array_agg(other.author_key ORDER BY x.files DESC, x.other_n) AS others
          FROM (SELECT s.*, row_number() OVER (PARTITION BY s.author_n ORDER BY s.files DESC, s.other_n) AS rank
                  FROM shared s
                 WHERE s.files > 1 OR NOT EXISTS (SELECT FROM busy b WHERE b.author_n = s.author_n)) x
          JOIN author_numbers an ON an.n = x.author_n
          JOIN author_numbers other ON other.n = x.other_n
         WHERE x.rank <= 5
         GROUP BY an.author_key
    ),
    weeks AS (
        SELECT w.author_key, array_agg(w.week) AS weeks, count(*) AS n
          FROM patterns.author_week_counts w
         WHERE w.project_id = p_project_id
           AND w.author_key IN (SELECT unnest(v_authors) UNION SELECT unnest(co.others) FROM collaborators co)
         GROUP BY w.author_key
    ),
    stored AS (
        SELECT p.* FROM patterns.developer_patterns p
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
    ),
    collaborator_pairs AS MATERIALIZED (
        SELECT c.author_key, o.other FROM collaborators c CROSS JOIN LATERAL unnest(c.others) o(other)
    ),
    shared_weeks AS (
        -- The weeks each pair was active in both, joined set-based (one subquery per pair
        -- took 1.7 s on ansible).
        SELECT p.author_key, p.other, count(*) AS shared
          FROM collaborator_pairs p
          JOIN patterns.author_week_counts wa ON wa.project_id = p_project_id AND wa.author_key = p.author_key
          JOIN patterns.author_week_counts wb ON wb.project_id = p_project_id AND wb.author_key = p.other AND wb.week = wa.week
         GROUP BY p.author_key, p.other
    ),
    overlap AS (
        -- Jaccard of active weeks, by joining the week counts (the same integers as the
        -- array intersection and union of patterns.discover_developers()).
        SELECT x.author_key, avg(x.shared::double precision / (a.n + b.n - x.shared)) AS score
          FROM (SELECT p.author_key, p.other, coalesce(sw.shared, 0) AS shared
                  FROM collaborator_pairs p
                  LEFT JOIN shared_weeks sw ON sw.author_key = p.author_key AND sw.other = p.other) x
          JOIN weeks a ON a.author_key = x.author_key
          JOIN weeks b ON b.author_key = x.other
         GROUP BY x.author_key
    ),
    collaboration_files AS (
        SELECT x.author_key, array_agg(x.file_path ORDER BY x.authors DESC, x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_key, f.file_path, f.authors, f.changes,
                       row_number() OVER (PARTITION BY fa.author_key
                                          ORDER BY f.authors DESC, f.changes DESC, f.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_path = fa.file_path
                 WHERE fa.author_key = ANY (v_authors) AND f.authors >= 2) x
         WHERE x.rank <= 20
         GROUP BY x.author_key
    ),
    computed AS (
        -- Own-commit columns from the commits of those who committed, else as stored.
        SELECT v.author_key,
               CASE WHEN a.author_key IS NULL THEN p.author_name ELSE a.author_name END AS author_name,
               CASE WHEN a.author_key IS NULL THEN p.commit_count ELSE a.commits::integer END AS commits,
               coalesce(s.files, '{}') AS specialty_files,
               CASE WHEN d.d <= 1 THEN 1 ELSE greatest(0, least(1, 1 - e.h / ln(d.d))) END AS specialization,
               CASE WHEN a.author_key IS NULL THEN p.change_velocity
                    ELSE a.commits / greatest(1, extract(epoch FROM a.last_at - a.first_at)::double precision / 604800) END
                   AS velocity,
               CASE WHEN a.author_key IS NULL THEN p.consistency_score
                    ELSE cardinality(w.weeks)::double precision
                         / ((patterns.iso_week_start(a.last_at) - patterns.iso_week_start(a.first_at)) / 7 + 1) END
                   AS consistency,
               CASE WHEN a.author_key IS NULL THEN p.commit_regularity_coefficient
                    WHEN a.commits >= 3 THEN g.regularity END AS regularity,
               CASE WHEN a.author_key IS NULL THEN p.avg_files_per_commit
                    ELSE a.files_per_commit::double precision END AS files_per_commit,
               CASE WHEN a.author_key IS NULL THEN p.avg_lines_per_commit ELSE a.lines / a.commits END AS lines_per_commit,
               CASE WHEN a.author_key IS NULL THEN p.commit_type_distribution ELSE ty.distribution END AS distribution,
               coalesce(c.others, '{}') AS collaborators, coalesce(cf.files, '{}') AS collaboration_files,
               o.score AS overlap,
               CASE WHEN a.author_key IS NULL THEN p.first_commit_date ELSE a.first_at END AS first_at,
               CASE WHEN a.author_key IS NULL THEN p.last_commit_date ELSE a.last_at END AS last_at,
               CASE WHEN a.author_key IS NULL THEN p.active_days_count ELSE a.active_days::integer END AS active_days
          FROM unnest(v_authors) v(author_key)
          CROSS JOIN directories d
          LEFT JOIN authors a ON a.author_key = v.author_key
          LEFT JOIN stored p ON p.author_email = v.author_key AND NOT v.author_key = ANY (v_committers)
          JOIN weeks w ON w.author_key = v.author_key
          JOIN entropy e ON e.author_key = v.author_key
          LEFT JOIN types ty ON ty.author_key = v.author_key
          LEFT JOIN gaps g ON g.author_key = v.author_key
          LEFT JOIN specialties s ON s.author_key = v.author_key
          LEFT JOIN collaborators c ON c.author_key = v.author_key
          LEFT JOIN overlap o ON o.author_key = v.author_key
          LEFT JOIN collaboration_files cf ON cf.author_key = v.author_key
         WHERE a.author_key IS NOT NULL OR p.id IS NOT NULL
    ),
    wanted AS MATERIALIZED (
        SELECT x.*, cur.id, cur.is_active AS was_active
          FROM computed x
          LEFT JOIN patterns.developer_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.developer_hash = patterns.sha256_hex(x.author_key)
    ),
    updated AS (
        UPDATE patterns.developer_patterns p
           SET author_name = w.author_name, commit_count = w.commits, specialty_files = w.specialty_files,
               specialization_score = w.specialization, change_velocity = w.velocity, consistency_score = w.consistency,
               commit_regularity_coefficient = w.regularity, avg_files_per_commit = w.files_per_commit,
               avg_lines_per_commit = w.lines_per_commit, commit_type_distribution = w.distribution,
               frequent_collaborators = w.collaborators, collaboration_files = w.collaboration_files,
               temporal_overlap_score = w.overlap, first_commit_date = w.first_at, last_commit_date = w.last_at,
               active_days_count = w.active_days, is_active = true, updated_at = now()
          FROM wanted w
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.id = w.id
           AND (NOT p.is_active
                OR (p.author_name, p.commit_count, p.specialty_files, p.specialization_score, p.change_velocity,
                    p.consistency_score, p.commit_regularity_coefficient, p.avg_files_per_commit, p.avg_lines_per_commit,
                    p.commit_type_distribution, p.frequent_collaborators, p.collaboration_files, p.temporal_overlap_score,
                    p.first_commit_date, p.last_commit_date, p.active_days_count)
                   IS DISTINCT FROM
                   (w.author_name, w.commits, w.specialty_files, w.specialization, w.velocity, w.consistency,
                    w.regularity, w.files_per_commit, w.lines_per_commit, w.distribution, w.collaborators,
                    w.collaboration_files, w.overlap, w.first_at, w.last_at, w.active_days))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.developer_patterns (
            project_id, discovery_session_id, author_email, author_name, commit_count, specialty_files,
            specialization_score, change_velocity, consistency_score, commit_regularity_coefficient,
            avg_files_per_commit, avg_lines_per_commit, commit_type_distribution, frequent_collaborators,
            collaboration_files, temporal_overlap_score, first_commit_date, last_commit_date, active_days_count)
        SELECT p_project_id, p_session.id, w.author_key, w.author_name, w.commits, w.specialty_files, w.specialization,
               w.velocity, w.consistency, w.regularity, w.files_per_commit, w.lines_per_commit, w.distribution,
               w.collaborators, w.collaboration_files, w.overlap, w.first_at, w.last_at, w.active_days
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.developer_patterns p
           SET is_active = false, updated_at = now()
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
           AND p.author_email = ANY (v_authors)
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = p.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;


--
-- Name: FUNCTION update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean) IS 'Brings the developer patterns of a run up to date for these committing authors and, with p_ripple, the authors their changes of these files touch (all with p_full); the others'' specialization is patterns.rescore_developers()''s. Returns {created, updated, invalidated}.';


--
-- Name: update_file_profiles(bigint, text[], boolean); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_every boolean := false;
    v_files text[];
BEGIN
    /*
     * The expressions of patterns.discover_magnitude() over the files' live changes, for
     * these files, or with p_full for every file whose live changes moved since its profile
     * was computed (patterns.file_profiles_stale): a profile is its own file's changes
     * alone, so the others are as a rebuild would make them. Returns the files recomputed.
     * No write of live changes comes between computing and clearing: ingest writes them
     * under the project's ingest lock, which discoveries and updates hold shared.
     */
    IF p_full THEN
        v_files := ARRAY(SELECT s.file_path FROM patterns.file_profiles_stale s WHERE s.project_id = p_project_id);
        -- Most of them (a first count, a rebuilt live state): every file, without the list.
        v_every := cardinality(v_files) * 2
                   >= (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id);
    ELSE
        v_files := p_files;
    END IF;
    DELETE FROM patterns.file_profiles_stale s
     WHERE s.project_id = p_project_id AND (v_every OR s.file_path = ANY (v_files));
    DELETE FROM patterns.file_profiles f
     WHERE f.project_id = p_project_id AND (v_every OR f.file_path = ANY (v_files));
    INSERT INTO patterns.file_profiles (project_id, file_path, total, avg_size, max_size, first_at, last_at, volatility,
                                        active_weeks, seasons, statuses, diversity, net_size)
    WITH t AS MATERIALIZED (
        SELECT l.* FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND (v_every OR l.file_path = ANY (v_files))
    ),
    statuses AS (
        SELECT x.file_path, jsonb_object_agg(x.status, x.n) AS distribution
          FROM (SELECT t.file_path, s.status, count(*) AS n
                  FROM t CROSS JOIN LATERAL unnest(t.statuses) s(status)
                 GROUP BY t.file_path, s.status) x
         GROUP BY x.file_path
    ),
    diversity AS (
        SELECT x.file_path, 1 - sum((x.n / x.total) ^ 2) AS score
          FROM (SELECT t.file_path, count(*)::double precision AS n,
                       sum(count(*)) OVER (PARTITION BY t.file_path)::double precision AS total
                  FROM t GROUP BY t.file_path, t.author_key) x
         GROUP BY x.file_path
    )
    SELECT p_project_id, t.file_path, count(*), avg(t.change_size)::double precision, max(t.change_size),
           min(t.authored_at), max(t.authored_at),
           CASE WHEN count(*) > 1
                THEN coalesce(patterns.coefficient_of_variation(array_agg(t.change_size::double precision)), 0)
                ELSE 0 END,
           count(DISTINCT patterns.iso_week_start(t.authored_at)),
           ARRAY[count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 0),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 1),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 2),
                 count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 3)
           ]::double precision[],
           st.distribution, d.score, greatest(0, sum(t.net_lines))
      FROM t
      JOIN statuses st ON st.file_path = t.file_path
      JOIN diversity d ON d.file_path = t.file_path
     GROUP BY t.file_path, st.distribution, d.score;
    RETURN CASE WHEN v_every THEN (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = p_project_id)
                ELSE cardinality(v_files) END;
END
$$;


--
-- Name: FUNCTION update_file_profiles(p_project_id bigint, p_files text[], p_full boolean); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) IS 'Recomputes the file profiles of these files from the live changes, or with p_full those of every file whose live changes moved since (patterns.file_profiles_stale); returns the files recomputed.';


--
-- Name: update_insights(bigint, patterns.pattern_discovery_sessions); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 5 from the run's active patterns and the live counts, with the rules and
     * wording of patterns.discover_insights(). Returns {created, updated, invalidated}.
     */
    WITH
    magnitude AS MATERIALIZED (
        SELECT m.* FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.is_active
    ),
    file_authors AS (
        -- Knowledge silos need 10 changes: only those files' authors.
        SELECT fa.file_path, fa.author_key, fa.changes::bigint AS n,
               sum(fa.changes::bigint) OVER (PARTITION BY fa.file_path) AS total
          FROM patterns.file_author_counts fa
         WHERE fa.project_id = p_project_id
           AND fa.file_path IN (SELECT f.file_path FROM patterns.file_change_counts f
                                 WHERE f.project_id = p_project_id AND f.changes >= 10)
    ),
    candidates (insight_type, subject, confidence, risk_level, title, description, recommendations,
                statistical_support, supporting_pattern_ids) AS (
        SELECT 'file_coupling', c.file_path_1 || '|' || c.file_path_2, c.confidence_score,
               CASE WHEN c.confidence_score >= 0.90 THEN 'high' ELSE 'medium' END,
               format('Hidden coupling: %s and %s change together', c.file_path_1, c.file_path_2),
               format('%s and %s lie in different top-level directories, yet %s commits changed both '
                      '(confidence %s, lift %s).', c.file_path_1, c.file_path_2, c.cooccurrence_count,
                      round(c.confidence_score::numeric, 2), round(c.lift_score::numeric, 2)),
               ARRAY['Look for the shared concern behind the two files and make the dependency explicit',
                     'When changing one, review the other in the same change',
                     'Consider moving the shared logic next to one of them'],
               jsonb_build_object('cooccurrence_count', c.cooccurrence_count, 'confidence', c.confidence_score,
                                  'lift', c.lift_score, 'p_value', c.p_value),
               ARRAY[c.id]
          FROM patterns.file_cooccurrence_patterns c
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session.id AND c.is_active
           AND c.pattern_strength IN ('strong', 'very_strong')
           AND patterns.top_level_directory(c.file_path_1) <> patterns.top_level_directory(c.file_path_2)
        UNION ALL
        SELECT 'temporal_patterns', tp.pattern_type, 1 - tp.p_value, 'low',
               format('Commits cluster in %s periods: %s', tp.pattern_type,
                      (SELECT string_agg(tp.period_labels[p + 1], ', ' ORDER BY o) FROM unnest(tp.peak_periods) WITH ORDINALITY u(p, o))),
               format('The %s distribution of commits departs from chance (chi-square %s, p = %s); the peaks hold %s of %s commits.',
                      tp.pattern_type, round(tp.chi_square_statistic::numeric, 1), to_char(tp.p_value, '9.99EEEE'),
                      (SELECT sum(tp.commit_distribution[p + 1]) FROM unnest(tp.peak_periods) p),
                      (SELECT sum(x) FROM unnest(tp.commit_distribution) x)),
               ARRAY['Schedule reviews and deployments around the peak periods',
                     'Watch for quality dips in work done outside them'],
               jsonb_build_object('chi_square', tp.chi_square_statistic, 'p_value', tp.p_value,
                                  'peak_periods', tp.peak_periods),
               ARRAY[tp.id]
          FROM patterns.temporal_patterns tp
         WHERE tp.project_id = p_project_id AND tp.discovery_session_id = p_session.id AND tp.is_active
           AND tp.pattern_type IN ('hourly', 'daily') AND tp.p_value <= 0.01 AND cardinality(tp.peak_periods) >= 1
        UNION ALL
        SELECT 'collaboration_gaps', fa.file_path, fa.n / fa.total,
               CASE WHEN fa.total >= 30 THEN 'high' ELSE 'medium' END,
               format('Knowledge silo: %s', fa.file_path),
               format('%s made %s of the %s changes to %s: the file has a bus factor of 1.',
                      fa.author_key, fa.n, fa.total, fa.file_path),
               ARRAY['Pair another developer on the next changes to this file',
                     'Ask for reviews from someone else', 'Document the file''s design'],
               jsonb_build_object('author', fa.author_key, 'author_changes', fa.n, 'changes', fa.total),
               array_remove(ARRAY[mf.id], NULL)
          FROM file_authors fa
          LEFT JOIN magnitude mf ON mf.file_path = fa.file_path
         WHERE fa.total >= 10 AND fa.n >= 0.9 * fa.total
        UNION ALL
        SELECT 'developer_specialization', d.author_email, d.specialization_score, 'medium',
               format('%s is a specialist', d.author_name),
               format('%s (%s commits) works in few directories (specialization %s): knowledge is concentrated.',
                      d.author_name, d.commit_count, round(d.specialization_score::numeric, 2)),
               ARRAY['Spread knowledge of these areas through reviews and pairing',
                     'Give the developer work in other areas now and then'],
               jsonb_build_object('commits', d.commit_count, 'specialization_score', d.specialization_score,
                                  'specialty_files', d.specialty_files),
               ARRAY[d.id]
          FROM patterns.developer_patterns d
         WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session.id AND d.is_active
           AND d.commit_count >= 20 AND d.specialization_score >= 0.80
        UNION ALL
        SELECT 'high_risk_files', m.file_path, 0.5 + m.risk_score / 2, m.risk_level,
               format('High-risk file: %s', m.file_path),
               format('%s is a %s-risk file (risk %s): hotspot %s, anomaly %s, stability %s, contributor diversity %s.',
                      m.file_path, m.risk_level, round(m.risk_score::numeric, 2), round(m.hotspot_score::numeric, 2),
                      round(m.anomaly_score::numeric, 2), round(m.stability_score::numeric, 2),
                      round(m.contributor_diversity_score::numeric, 2)),
               ARRAY['Add tests around the parts that change most', 'Review changes to this file with extra care',
                     'Consider splitting it into smaller units'],
               jsonb_build_object('risk_score', m.risk_score, 'hotspot_score', m.hotspot_score,
                                  'anomaly_score', m.anomaly_score, 'total_changes', m.total_changes),
               ARRAY[m.id]
          FROM magnitude m
         WHERE m.risk_level IN ('high', 'critical')
        UNION ALL
        SELECT 'change_anomalies', m.file_path, greatest(m.anomaly_score, 0.7), 'medium',
               format('Unusually large changes: %s', m.file_path),
               format('%s of the %s changes to %s are larger than 95%% of all changes.',
                      round((m.anomaly_score * m.total_changes)::numeric), m.total_changes, m.file_path),
               ARRAY['Break large changes to this file into smaller commits',
                     'Check whether generated or vendored content belongs in the repository'],
               jsonb_build_object('anomaly_score', m.anomaly_score, 'total_changes', m.total_changes,
                                  'max_lines_changed', m.max_lines_changed),
               ARRAY[m.id]
          FROM magnitude m
         WHERE m.anomaly_score >= 0.5 AND m.total_changes >= 5
        UNION ALL
        SELECT 'architectural_hotspots', h.directory, h.mean_hotspot, 'high',
               format('Architectural hotspot: %s', CASE WHEN h.directory = '' THEN '(root)' ELSE h.directory END),
               format('%s files in %s are hotspots (mean hotspot score %s).', h.files,
                      CASE WHEN h.directory = '' THEN 'the root directory' ELSE h.directory END,
                      round(h.mean_hotspot::numeric, 2)),
               ARRAY['Review the module''s boundaries and responsibilities',
                     'Plan refactoring of the hottest files first'],
               jsonb_build_object('hotspot_files', h.files, 'mean_hotspot_score', h.mean_hotspot),
               h.ids
          FROM (SELECT patterns.parent_directory(m.file_path) AS directory, count(*) AS files,
                       avg(m.hotspot_score) AS mean_hotspot, array_agg(m.id ORDER BY m.file_path COLLATE "C") AS ids
                  FROM magnitude m WHERE m.hotspot_score >= 0.8
                 GROUP BY 1 HAVING count(*) >= 3) h
        UNION ALL
        SELECT 'quality_concerns', q.file_path, q.fix_share,
               CASE WHEN q.fix_share >= 0.8 THEN 'high' ELSE 'medium' END,
               format('Fix-heavy file: %s', q.file_path),
               format('%s of the %s commits changing %s were fixes.', q.fixes, q.commits, q.file_path),
               ARRAY['Add regression tests for the bugs fixed here', 'Review the file''s design for error-prone parts'],
               jsonb_build_object('fix_commits', q.fixes, 'commits', q.commits),
               array_remove(ARRAY[mq.id], NULL)
          FROM (SELECT f.file_path, f.changes::bigint AS commits, f.fix_changes::bigint AS fixes,
                       f.fix_changes::double precision / f.changes::bigint AS fix_share
                  FROM patterns.file_change_counts f WHERE f.project_id = p_project_id AND f.changes >= 5) q
          LEFT JOIN magnitude mq ON mq.file_path = q.file_path
         WHERE q.fix_share >= 0.5
    ),
    wanted AS MATERIALIZED (
        SELECT c.insight_type, c.subject, left(c.title, 255) AS title, c.description, c.confidence,
               c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               least(10, greatest(1, round(10 * c.confidence * CASE c.risk_level WHEN 'critical' THEN 1.0
                   WHEN 'high' THEN 0.9 WHEN 'medium' THEN 0.75 ELSE 0.6 END)))::integer AS priority,
               cur.id, cur.is_active AS was_active
          FROM candidates c
          LEFT JOIN patterns.pattern_insights cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.insight_type = c.insight_type AND cur.subject = c.subject
         WHERE c.confidence >= 0.70
    ),
    updated AS (
        UPDATE patterns.pattern_insights i
           SET title = w.title, description = w.description, confidence_score = w.confidence,
               statistical_support = w.statistical_support, supporting_pattern_ids = w.supporting_pattern_ids,
               risk_level = w.risk_level, recommendations = w.recommendations, priority_score = w.priority,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE i.project_id = p_project_id AND i.id = w.id
           AND (NOT i.is_active
                OR (i.title, i.description, i.confidence_score, i.statistical_support, i.supporting_pattern_ids,
                    i.risk_level, i.recommendations, i.priority_score)
                   IS DISTINCT FROM
                   (w.title, w.description, w.confidence, w.statistical_support, w.supporting_pattern_ids,
                    w.risk_level, w.recommendations, w.priority))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_session.id, w.insight_type, w.subject, w.title, w.description, w.confidence,
               w.statistical_support, w.supporting_pattern_ids, w.risk_level, w.recommendations, w.priority
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.pattern_insights i
           SET is_active = false, updated_at = now()
         WHERE i.project_id = p_project_id AND i.discovery_session_id = p_session.id AND i.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = i.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;


--
-- Name: FUNCTION update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions) IS 'Brings a run''s insights up to date from its active patterns and the live counts; returns {created, updated, invalidated}.';


--
-- Name: update_magnitude(bigint, patterns.pattern_discovery_sessions, text[]); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
BEGIN
    /*
     * Spec section 4 from the file profiles, as patterns.discover_magnitude() computes it,
     * for these files (every file when p_files is NULL). The span's end, the 95th
     * percentile and the percent ranks are taken over every file either way, so a file's
     * row is exact when written; the others' move with them in the rescore pass.
     * Returns {created, updated, invalidated}.
     */
    SELECT max(c.authored_at) INTO v_end_at FROM patterns.live_commits c WHERE c.project_id = p_project_id;
    -- percentile_cont(0.95) of all change sizes, from their distribution: the values at the
    -- two ranks around 0.95 * (M - 1), interpolated as PostgreSQL does.
    WITH
    sizes AS (
        SELECT s.change_size::double precision AS size,
               sum(s.changes) OVER (ORDER BY s.change_size) AS upto
          FROM patterns.change_size_counts s
         WHERE s.project_id = p_project_id
    ),
    rank AS (SELECT 0.95::double precision * (max(s.upto) - 1) AS pos FROM sizes s)
    SELECT lo.size + (rank.pos - floor(rank.pos)) * (hi.size - lo.size)
      INTO v_p95
      FROM rank
      CROSS JOIN LATERAL (SELECT s.size FROM sizes s WHERE s.upto > floor(rank.pos) ORDER BY s.size LIMIT 1) lo
      CROSS JOIN LATERAL (SELECT s.size FROM sizes s WHERE s.upto > ceil(rank.pos) ORDER BY s.size LIMIT 1) hi;

    WITH
    files AS MATERIALIZED (
        SELECT f.* FROM patterns.file_profiles f
         WHERE f.project_id = p_project_id AND (p_files IS NULL OR f.file_path = ANY (p_files))
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
        SELECT l.file_path, count(*) AS n
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
         GROUP BY l.file_path
    ),
    periods AS (
        SELECT l.file_path,
               11 - floor(extract(epoch FROM v_end_at - l.authored_at) / (30.4375 * 86400))::integer AS period
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id
           AND l.authored_at > v_end_at - interval '366 days 6 hours'
           AND v_end_at - l.authored_at < interval '365 days 6 hours'
           AND (p_files IS NULL OR l.file_path = ANY (p_files))
    ),
    trend AS (
        -- Of the files changed in the last year: the others' trend is 0 (no changes, mean 0).
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM (SELECT f.* FROM files f WHERE EXISTS (SELECT FROM periods p WHERE p.file_path = f.file_path)) f
          JOIN generate_series(0, 11) g(period)
            ON g.period >= 11 - floor(extract(epoch FROM v_end_at - f.first_at) / (30.4375 * 86400))::integer
          LEFT JOIN (SELECT p.file_path, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_path = f.file_path AND c.period = g.period
         GROUP BY f.file_path
    ),
    ranks AS (
        -- Among every file of the run, whichever files are written.
        SELECT r.file_path, r.hotspot
          FROM (SELECT f.file_path,
                       sqrt(percent_rank() OVER (ORDER BY f.total) * percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
                  FROM patterns.file_profiles f
                 WHERE f.project_id = p_project_id) r
         WHERE p_files IS NULL OR r.file_path = ANY (p_files)
    ),
    scored AS (
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, coalesce(tr.window_changes, 0) AS window_changes,
               CASE WHEN tr.m >= 3 AND tr.mean > 0 THEN tr.slope * (tr.m - 1) / tr.mean ELSE 0 END AS trend,
               1 - f.active_weeks::double precision
                   / ((patterns.iso_week_start(v_end_at) - patterns.iso_week_start(f.first_at)) / 7 + 1) AS stability,
               rk.hotspot
          FROM files f
          LEFT JOIN trend tr ON tr.file_path = f.file_path
          JOIN ranks rk ON rk.file_path = f.file_path
          LEFT JOIN anomalies a ON a.file_path = f.file_path
    ),
    risked AS (
        SELECT s.*, 0.35 * s.hotspot + 0.25 * s.anomaly + 0.20 * (1 - s.stability) + 0.20 * s.diversity AS risk
          FROM scored s
    ),
    wanted AS MATERIALIZED (
        -- A path's extension and category never change: computed for new files only.
        SELECT r.file_path,
               CASE WHEN cur.id IS NULL THEN patterns.file_extension(r.file_path) ELSE cur.file_extension END AS extension,
               CASE WHEN cur.id IS NULL THEN patterns.file_category(r.file_path) ELSE cur.file_category END AS category,
               CASE WHEN r.avg_size < 10 THEN 'small' WHEN r.avg_size < 50 THEN 'medium'
                    WHEN r.avg_size < 200 THEN 'large' ELSE 'massive' END AS change_category,
               r.avg_size, r.max_size::integer AS max_size,
               r.total / greatest(1, extract(epoch FROM v_end_at - r.first_at)::double precision / 604800) AS frequency,
               r.volatility, r.stability,
               CASE WHEN r.window_changes >= 5 AND r.trend > 0.5 THEN 'increasing'
                    WHEN r.window_changes >= 5 AND r.trend < -0.5 THEN 'decreasing'
                    WHEN r.volatility > 1.5 THEN 'volatile'
                    ELSE 'stable' END AS change_trend,
               r.trend, r.risk,
               CASE WHEN r.risk >= 0.55 THEN 'critical' WHEN r.risk >= 0.45 THEN 'high'
                    WHEN r.risk >= 0.30 THEN 'medium' ELSE 'low' END AS risk_level,
               r.anomaly, r.hotspot, r.diversity, r.statuses,
               ARRAY(SELECT s / r.total FROM unnest(r.seasons) s) AS seasons,
               r.first_at, r.last_at, r.total::integer AS total,
               extract(epoch FROM r.last_at - r.first_at)::double precision / 86400 AS lifespan,
               cur.id, cur.is_active AS was_active
          FROM risked r
          LEFT JOIN patterns.change_magnitude_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id AND cur.file_path = r.file_path
    ),
    updated AS (
        UPDATE patterns.change_magnitude_patterns m
           SET file_extension = w.extension, file_category = w.category, change_category = w.change_category,
               avg_lines_per_change = w.avg_size, max_lines_changed = w.max_size, change_frequency = w.frequency,
               volatility_score = w.volatility, stability_score = w.stability, change_trend = w.change_trend,
               trend_coefficient = w.trend, risk_score = w.risk, risk_level = w.risk_level, anomaly_score = w.anomaly,
               hotspot_score = w.hotspot, contributor_diversity_score = w.diversity, change_type_distribution = w.statuses,
               seasonal_patterns = w.seasons, first_change_date = w.first_at, last_change_date = w.last_at,
               total_changes = w.total, lifespan_days = w.lifespan, is_active = true, updated_at = now()
          FROM wanted w
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.id = w.id
           AND (NOT m.is_active
                OR (m.file_extension, m.file_category, m.change_category, m.avg_lines_per_change, m.max_lines_changed,
                    m.change_frequency, m.volatility_score, m.stability_score, m.change_trend, m.trend_coefficient,
                    m.risk_score, m.risk_level, m.anomaly_score, m.hotspot_score, m.contributor_diversity_score,
                    m.change_type_distribution, m.seasonal_patterns, m.first_change_date, m.last_change_date,
                    m.total_changes, m.lifespan_days)
                   IS DISTINCT FROM
                   (w.extension, w.category, w.change_category, w.avg_size, w.max_size, w.frequency, w.volatility,
                    w.stability, w.change_trend, w.trend, w.risk, w.risk_level, w.anomaly, w.hotspot, w.diversity,
                    w.statuses, w.seasons, w.first_at, w.last_at, w.total, w.lifespan))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.change_magnitude_patterns (
            project_id, discovery_session_id, file_path, file_extension, file_category, change_category,
            avg_lines_per_change, max_lines_changed, change_frequency, volatility_score, stability_score,
            change_trend, trend_coefficient, risk_score, risk_level, anomaly_score, hotspot_score,
            contributor_diversity_score, change_type_distribution, seasonal_patterns, first_change_date,
            last_change_date, total_changes, lifespan_days)
        SELECT p_project_id, p_session.id, w.file_path, w.extension, w.category, w.change_category, w.avg_size,
               w.max_size, w.frequency, w.volatility, w.stability, w.change_trend, w.trend, w.risk, w.risk_level,
               w.anomaly, w.hotspot, w.diversity, w.statuses, w.seasons, w.first_at, w.last_at, w.total, w.lifespan
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.change_magnitude_patterns m
           SET is_active = false, updated_at = now()
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session.id AND m.is_active
           AND (p_files IS NULL OR m.file_path = ANY (p_files))
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = m.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;


--
-- Name: FUNCTION update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) IS 'Brings a run''s change-magnitude patterns of these files (every file when NULL) up to date from the file profiles, with the span''s end, the 95th percentile and the percent ranks of all files; returns {created, updated, invalidated}.';


--
-- Name: update_temporal(bigint, patterns.pattern_discovery_sessions); Type: FUNCTION; Schema: patterns; Owner: -
--

CREATE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_counts integer[];
BEGIN
    /*
     * Spec section 2 from the binned commit counts, as patterns.discover_temporal()
     * computes it (five rows: recomputed whole). Returns {created, updated, invalidated}.
     */
    WITH
    span AS (
        SELECT count(*) AS n, min(c.authored_at) AS first_at, max(c.authored_at) AS last_at
          FROM patterns.live_commits c WHERE c.project_id = p_project_id
    ),
    types (pattern_type, bins, labels, uniform) AS (
        VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13','14',
                                    '15','16','17','18','19','20','21','22','23'], true),
               ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
               ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
               ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
               ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)
    ),
    exposure AS (
        -- The calendar days of the span in each bin (the uniform types need none).
        SELECT ty.pattern_type, CASE ty.pattern_type
                   WHEN 'weekly' THEN (extract(day FROM d)::integer - 1) / 7
                   WHEN 'monthly' THEN extract(month FROM d)::integer - 1
                   ELSE patterns.season(extract(month FROM d)::integer) END AS bin, count(*) AS days
          FROM types ty, span,
               generate_series((span.first_at AT TIME ZONE 'UTC')::date::timestamp,
                               (span.last_at AT TIME ZONE 'UTC')::date::timestamp, interval '1 day') d
         WHERE NOT ty.uniform
         GROUP BY 1, 2
    ),
    cells AS (
        SELECT ty.pattern_type, ty.labels, ty.uniform, g.bin, coalesce(b.commits, 0) AS observed,
               CASE WHEN ty.uniform THEN 1 ELSE coalesce(x.days, 0) END AS exposure
          FROM types ty
          CROSS JOIN LATERAL generate_series(0, ty.bins - 1) g(bin)
          LEFT JOIN patterns.commit_time_bins b
                 ON b.project_id = p_project_id AND b.pattern_type = ty.pattern_type AND b.bin = g.bin
          LEFT JOIN exposure x ON x.pattern_type = ty.pattern_type AND x.bin = g.bin
    ),
    expected AS (
        SELECT c.*, span.n,
               CASE WHEN c.exposure > 0 THEN span.n * c.exposure::double precision
                                             / sum(c.exposure) OVER (PARTITION BY c.pattern_type) END AS e
          FROM cells c, span
    ),
    tests AS (
        SELECT x.pattern_type, x.labels, x.n,
               array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.pattern_type, x.labels, x.n
    ),
    contributors AS (
        SELECT (SELECT coalesce(array_agg(a.author_key ORDER BY a.commits DESC, a.author_key), '{}')
                  FROM (SELECT a.author_key, a.commits FROM patterns.author_commit_counts a
                         WHERE a.project_id = p_project_id
                         ORDER BY a.commits DESC, a.author_key LIMIT 10) a) AS authors,
               (SELECT coalesce(array_agg(f.file_path ORDER BY f.changes DESC, f.file_path COLLATE "C"), '{}')
                  FROM (SELECT f.file_path, f.changes FROM patterns.file_change_counts f
                         WHERE f.project_id = p_project_id
                         ORDER BY f.changes DESC, f.file_path COLLATE "C" LIMIT 10) f) AS files
    ),
    computed AS (
        SELECT x.pattern_type,
               CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END AS strength,
               CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END AS significance,
               x.p_value,
               CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END AS chi_square,
               greatest(x.k - 1, 0)::integer AS dof, x.peaks, x.distribution, x.labels,
               contributors.authors, contributors.files, span.first_at, span.last_at
          FROM (SELECT tests.*, CASE WHEN tests.k > 1 THEN patterns.chi_square_p_value(tests.chi_square, (tests.k - 1)::integer)
                                     ELSE 1 END AS p_value
                  FROM tests) x, contributors, span
         WHERE x.n >= 30
    ),
    wanted AS MATERIALIZED (
        SELECT x.*, cur.id, cur.is_active AS was_active
          FROM computed x
          LEFT JOIN patterns.temporal_patterns cur
                 ON cur.project_id = p_project_id AND cur.discovery_session_id = p_session.id
                AND cur.pattern_type = x.pattern_type
    ),
    updated AS (
        UPDATE patterns.temporal_patterns p
           SET pattern_strength = w.strength, statistical_significance = w.significance, p_value = w.p_value,
               chi_square_statistic = w.chi_square, degrees_of_freedom = w.dof, peak_periods = w.peaks,
               commit_distribution = w.distribution, period_labels = w.labels, contributing_authors = w.authors,
               contributing_files = w.files, date_range_start = w.first_at, date_range_end = w.last_at,
               is_active = true, updated_at = now()
          FROM wanted w
         WHERE p.project_id = p_project_id AND p.id = w.id
           AND (NOT p.is_active
                OR (p.pattern_strength, p.statistical_significance, p.p_value, p.chi_square_statistic,
                    p.degrees_of_freedom, p.peak_periods, p.commit_distribution, p.period_labels,
                    p.contributing_authors, p.contributing_files, p.date_range_start, p.date_range_end)
                   IS DISTINCT FROM
                   (w.strength, w.significance, w.p_value, w.chi_square, w.dof, w.peaks, w.distribution, w.labels,
                    w.authors, w.files, w.first_at, w.last_at))
        RETURNING w.was_active
    ),
    inserted AS (
        INSERT INTO patterns.temporal_patterns (
            project_id, discovery_session_id, pattern_type, pattern_strength, statistical_significance, p_value,
            chi_square_statistic, degrees_of_freedom, peak_periods, commit_distribution, period_labels,
            contributing_authors, contributing_files, date_range_start, date_range_end)
        SELECT p_project_id, p_session.id, w.pattern_type, w.strength, w.significance, w.p_value, w.chi_square, w.dof,
               w.peaks, w.distribution, w.labels, w.authors, w.files, w.first_at, w.last_at
          FROM wanted w
         WHERE w.id IS NULL
        RETURNING 1
    ),
    invalidated AS (
        UPDATE patterns.temporal_patterns p
           SET is_active = false, updated_at = now()
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
           AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = p.id)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$$;


--
-- Name: FUNCTION update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions) IS 'Brings a run''s temporal patterns up to date from the binned commit counts; returns {created, updated, invalidated}.';


--
-- Name: batch_process_workflows(jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.batch_process_workflows(p_workflows jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_errors       jsonb := '[]'::jsonb;
    v_index        integer := 0;
    v_new          integer := 0;
    v_new_here     integer;
    v_pattern      jsonb;
    v_processed    integer := 0;
    v_result       record;
    v_updated      integer := 0;
    v_updated_here integer;
    v_workflow     jsonb;
BEGIN
    /*
     * Each workflow is {"workflow_id": ..., ..., "patterns": [{"signature": ..., "pattern_type": ...}, ...]}.
     * A workflow is recorded whole or not at all; a bad one is listed in errors and the
     * batch goes on.
     */
    IF p_workflows IS NULL OR jsonb_typeof(p_workflows) <> 'array' THEN
        RAISE EXCEPTION 'p_workflows must be a JSON array of workflows, not %', coalesce(p_workflows::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_workflow IN SELECT e.value FROM jsonb_array_elements(p_workflows) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        v_index := v_index + 1;
        v_new_here := 0;
        v_updated_here := 0;
        BEGIN
            IF jsonb_typeof(v_workflow -> 'patterns') IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'patterns must be a JSON array of {"signature": ..., "pattern_type": ...}, not %',
                        coalesce((v_workflow -> 'patterns')::text, 'missing')
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR v_pattern IN SELECT e.value FROM jsonb_array_elements(v_workflow -> 'patterns') e LOOP
                SELECT r.pattern_id, r.is_new INTO v_result
                  FROM workflow.record_pattern_occurrence(v_pattern ->> 'signature', v_pattern ->> 'pattern_type',
                                                          v_workflow - 'patterns') r;
                IF v_result.is_new THEN
                    v_new_here := v_new_here + 1;
                ELSE
                    v_updated_here := v_updated_here + 1;
                END IF;
            END LOOP;
            v_new := v_new + v_new_here;
            v_updated := v_updated + v_updated_here;
            v_processed := v_processed + 1;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            v_errors := v_errors || jsonb_build_object(
                'index', v_index,
                'workflow_id', CASE WHEN jsonb_typeof(v_workflow -> 'workflow_id') = 'string' THEN v_workflow ->> 'workflow_id' END,
                'reason', SQLERRM);
        END;
    END LOOP;
    RETURN jsonb_build_object('total', v_index, 'processed', v_processed, 'new', v_new, 'updated', v_updated,
                              'errors', v_errors);
END
$$;


--
-- Name: FUNCTION batch_process_workflows(p_workflows jsonb); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.batch_process_workflows(p_workflows jsonb) IS 'Records the operation patterns of many workflows, each {"workflow_id", "total_tokens", "actual_cost_total", ..., "patterns": [{"signature", "pattern_type"}]}. Each workflow is recorded whole or not at all; bad ones do not stop the batch. Returns {"total", "processed" (workflows recorded), "new" (patterns created), "updated" (occurrences of patterns that existed already), "errors": [{"index" (from 1), "workflow_id", "reason"}]}.';


--
-- Name: check_fields(text, jsonb, text, text); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_detail text := format('in workflow pattern %s', coalesce(p_pattern_id, '(without pattern_id)'));
    v_name   text;
    v_number numeric;
    v_rule   record;
    v_typed  boolean;
    v_value  jsonb;
BEGIN
    -- Checks p_object against the rules of p_scope, raising on the first problem.
    FOR v_rule IN
        SELECT f.field, f.value_type, f.required, f.min_value, f.max_value, f.allowed, f.description
          FROM workflow.pattern_fields f WHERE f.scope = p_scope ORDER BY f.position
    LOOP
        v_name := p_path || v_rule.field;
        v_value := p_object -> v_rule.field;
        IF v_value IS NULL OR v_value = 'null'::jsonb THEN
            IF v_rule.required THEN
                RAISE EXCEPTION 'workflow pattern field % is required but missing', v_name
                    USING ERRCODE = 'not_null_violation', DETAIL = v_detail,
                          HINT = format('%s: %s (%s).', v_name, v_rule.description, v_rule.value_type);
            END IF;
            CONTINUE;
        END IF;
        v_number := CASE WHEN jsonb_typeof(v_value) = 'number' THEN (v_value #>> '{}')::numeric END;
        v_typed := CASE v_rule.value_type
                   WHEN 'integer' THEN coalesce(v_number = trunc(v_number), false)
                   WHEN 'number' THEN v_number IS NOT NULL
                   WHEN 'boolean' THEN jsonb_typeof(v_value) = 'boolean'
                   WHEN 'object' THEN jsonb_typeof(v_value) = 'object'
                   WHEN 'string[]' THEN jsonb_typeof(v_value) = 'array'
                        AND NOT jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")')
                   ELSE jsonb_typeof(v_value) = 'string'
               END;
        IF NOT v_typed THEN
            RAISE EXCEPTION 'workflow pattern field % must be of type %, not %', v_name,
                    CASE WHEN v_rule.value_type IN ('enum', 'timestamp') THEN 'string' ELSE v_rule.value_type END, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
        IF v_rule.value_type = 'string' AND v_rule.required AND v_value #>> '{}' !~ '\S' THEN
            RAISE EXCEPTION 'workflow pattern field % must not be blank, not %', v_name, v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'enum' AND NOT (v_value #>> '{}') = ANY (v_rule.allowed) THEN
            RAISE EXCEPTION 'workflow pattern field % must be one of %, not %',
                    v_name, array_to_string(v_rule.allowed, ' | '), v_value
                USING ERRCODE = 'invalid_parameter_value', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_rule.value_type = 'timestamp' AND workflow.parse_timestamp(v_value #>> '{}') IS NULL THEN
            RAISE EXCEPTION 'workflow pattern field % must be an ISO 8601 timestamp, not %', v_name, v_value
                USING ERRCODE = 'invalid_datetime_format', DETAIL = v_detail,
                      HINT = 'For example 2025-11-29T10:00:00Z or 2025-11-29T10:00:00.123+02:00.';
        ELSIF v_number < v_rule.min_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be >= %, not %', v_name, v_rule.min_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        ELSIF v_number > v_rule.max_value THEN
            RAISE EXCEPTION 'workflow pattern field % must be <= %, not %', v_name, v_rule.max_value, v_value
                USING ERRCODE = 'numeric_value_out_of_range', DETAIL = v_detail,
                      HINT = format('%s: %s.', v_name, v_rule.description);
        END IF;
    END LOOP;
END
$_$;


--
-- Name: FUNCTION check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text) IS 'Checks one JSON object against the rules of workflow.pattern_fields for a scope and raises on the first problem, naming the field (prefixed with p_path) and its value. Used by workflow.validate_pattern.';


--
-- Name: count_occurrence(); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.count_occurrence() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;


--
-- Name: FUNCTION count_occurrence(); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.count_occurrence() IS 'AFTER INSERT OR DELETE trigger function of workflow.pattern_occurrences: keeps the sums, count and first and last seen of the pattern.';


--
-- Name: delete_patterns_older_than(interval); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.delete_patterns_older_than(p_age interval) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_deleted bigint;
BEGIN
    -- The retention step for workflow.patterns, for ops retention policies to call.
    IF p_age IS NULL OR p_age < interval '0' THEN
        RAISE EXCEPTION 'p_age must be a non-negative interval, not %', coalesce(p_age::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM workflow.patterns WHERE occurred_at < now() - p_age;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;


--
-- Name: FUNCTION delete_patterns_older_than(p_age interval); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.delete_patterns_older_than(p_age interval) IS 'Deletes patterns that occurred more than p_age ago and returns how many; the retention step ops policies call.';


--
-- Name: forbid_occurrence_update(); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.forbid_occurrence_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- The statistics are sums over inserted occurrences; an edit would make them wrong.
    RAISE EXCEPTION 'occurrence of pattern % in workflow % cannot be changed', OLD.pattern_id, OLD.workflow_id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Delete the occurrence and record it again.';
END
$$;


--
-- Name: FUNCTION forbid_occurrence_update(); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.forbid_occurrence_update() IS 'BEFORE UPDATE trigger function of workflow.pattern_occurrences: refuses updates, which would bypass the running statistics.';


--
-- Name: load_pattern(text); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.load_pattern(p_pattern_id text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT workflow.pattern_document(p) FROM workflow.patterns p WHERE p.pattern_id = p_pattern_id
$$;


--
-- Name: FUNCTION load_pattern(p_pattern_id text); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.load_pattern(p_pattern_id text) IS 'The pattern document with this pattern_id, or NULL.';


--
-- Name: operation_confidence(bigint, bigint, numeric, numeric); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- 100 * n / (n + 4) / (1 + cv), cv = the coefficient of variation of the tokens.
    SELECT round(100 * p_occurrences / (p_occurrences + 4.0)
                 / (1 + CASE WHEN p_known >= 2 AND p_sum > 0
                             THEN sqrt(greatest(p_sum_of_squares / p_known - (p_sum / p_known) ^ 2, 0)) / (p_sum / p_known)
                             ELSE 0 END), 2)
$$;


--
-- Name: FUNCTION operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric) IS 'Confidence (0 to 100) that an operation pattern is real and regular: 100 * n / (n + 4) / (1 + cv), where n is the number of occurrences and cv the coefficient of variation (population standard deviation / mean) of the tokens of the occurrences whose tokens are known (0 with fewer than two). One occurrence gives 20, five identical ones 55.56, twenty identical ones 83.33; spread in the tokens lowers it.';


--
-- Name: operation_monthly_savings(bigint, numeric, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- (LLM cost - tool cost) per occurrence, times occurrences per 30 days (at least one month of span).
    SELECT round(0.95 * p_average_cost * p_occurrences
                 / greatest(extract(epoch FROM p_last_seen - p_first_seen) / 2592000, 1), 4)
$$;


--
-- Name: FUNCTION operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone) IS 'Potential monthly savings of automating an operation: (average LLM cost - tool cost) * occurrences per month = 0.95 * average cost * n / max(months between first and last occurrence, 1), a month being 30 days. NULL while no cost is known.';


--
-- Name: parse_timestamp(text); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.parse_timestamp(p_value text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
BEGIN
    -- ISO 8601 text to timestamptz (UTC when no offset is given); NULL when it is not one.
    IF p_value IS NULL
       OR p_value !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$' THEN
        RETURN NULL;
    END IF;
    IF p_value ~ '(Z|[+-]\d{2}(:?\d{2})?)$' AND p_value ~ '[T ]' THEN
        RETURN p_value::timestamptz;
    END IF;
    RETURN p_value::timestamp AT TIME ZONE 'UTC';
EXCEPTION
    WHEN datetime_field_overflow OR invalid_datetime_format THEN
        RETURN NULL;  -- well-formed but not a date, e.g. 2025-02-30
END
$_$;


--
-- Name: FUNCTION parse_timestamp(p_value text); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.parse_timestamp(p_value text) IS 'Parses ISO 8601 text (date, or date and time with optional fraction and offset; UTC when no offset) to timestamptz; NULL when the text is not a valid ISO 8601 timestamp.';


--
-- Name: text_array(jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.text_array(p_value jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT coalesce(array_agg(e.value ORDER BY e.ordinality), '{}')
      FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_value) = 'array' THEN p_value END)
           WITH ORDINALITY AS e (value, ordinality)
$$;


--
-- Name: FUNCTION text_array(p_value jsonb); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.text_array(p_value jsonb) IS 'A JSON array of strings as text[]; empty for anything else.';


--
-- Name: patterns; Type: TABLE; Schema: workflow; Owner: -
--

CREATE TABLE workflow.patterns (
    pattern_id text NOT NULL,
    pattern_type text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    data jsonb NOT NULL,
    context jsonb DEFAULT '{}'::jsonb NOT NULL,
    version text DEFAULT '1.0'::text NOT NULL,
    tags text[] GENERATED ALWAYS AS (workflow.text_array((context -> 'tags'::text))) STORED,
    environment text GENERATED ALWAYS AS ((context ->> 'environment'::text)) STORED,
    severity text GENERATED ALWAYS AS ((data ->> 'severity'::text)) STORED,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE patterns; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON TABLE workflow.patterns IS 'AI-agent workflow patterns (task_completion, error_occurrence, agent_usage, user_correction), validated on every write by workflow.validate_pattern. Global, not project-scoped: context.project_name names the project as free text.';


--
-- Name: COLUMN patterns.pattern_id; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.pattern_id IS 'The pattern''s identifier, chosen by the writer (often a UUID).';


--
-- Name: COLUMN patterns.pattern_type; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.pattern_type IS 'task_completion, error_occurrence, agent_usage or user_correction.';


--
-- Name: COLUMN patterns.occurred_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.occurred_at IS 'When the pattern occurred (the document''s timestamp).';


--
-- Name: COLUMN patterns.data; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.data IS 'The fields of the pattern type (see workflow.pattern_fields); unknown fields are kept.';


--
-- Name: COLUMN patterns.context; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.context IS 'project_name, session_id, user_id, environment, git_branch, git_commit, timestamp, tags, metadata.';


--
-- Name: COLUMN patterns.version; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.version IS 'The schema version of the document.';


--
-- Name: COLUMN patterns.tags; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.tags IS 'context.tags as an array, for tag queries (generated).';


--
-- Name: COLUMN patterns.environment; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.environment IS 'context.environment: development, staging or production (generated).';


--
-- Name: COLUMN patterns.severity; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.severity IS 'data.severity: minor, moderate or critical, for errors and corrections (generated).';


--
-- Name: COLUMN patterns.created_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.created_at IS 'When the pattern was first saved.';


--
-- Name: COLUMN patterns.updated_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.patterns.updated_at IS 'When the pattern last changed (maintained by a trigger).';


--
-- Name: pattern_document(workflow.patterns); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.pattern_document(p_pattern workflow.patterns) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT jsonb_build_object(
        'pattern_id', p_pattern.pattern_id,
        'pattern_type', p_pattern.pattern_type,
        'timestamp', to_char(p_pattern.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'data', p_pattern.data,
        'context', p_pattern.context,
        'version', p_pattern.version)
$$;


--
-- Name: FUNCTION pattern_document(p_pattern workflow.patterns); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.pattern_document(p_pattern workflow.patterns) IS 'A stored pattern as its JSON document: pattern_id, pattern_type, timestamp (ISO 8601, UTC), data, context, version.';


--
-- Name: query_patterns(text, timestamp with time zone, timestamp with time zone, text[], integer); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.query_patterns(p_pattern_type text DEFAULT NULL::text, p_from timestamp with time zone DEFAULT NULL::timestamp with time zone, p_to timestamp with time zone DEFAULT NULL::timestamp with time zone, p_tags text[] DEFAULT NULL::text[], p_limit integer DEFAULT 100) RETURNS SETOF jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Guard clauses, then one indexed query; NULL means no filter.
    IF p_pattern_type IS NOT NULL AND NOT EXISTS (
           SELECT FROM workflow.pattern_fields f
            WHERE f.scope = 'pattern' AND f.field = 'pattern_type' AND p_pattern_type = ANY (f.allowed)) THEN
        RAISE EXCEPTION 'p_pattern_type must be task_completion | error_occurrence | agent_usage | user_correction, not %', p_pattern_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from >= p_to THEN
        RAISE EXCEPTION 'p_from (%) must be before p_to (%)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The range includes p_from and excludes p_to.';
    END IF;
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'p_limit must be a positive number of patterns, not %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT workflow.pattern_document(p)
          FROM workflow.patterns p
         WHERE (p_pattern_type IS NULL OR p.pattern_type = p_pattern_type)
           AND (p_from IS NULL OR p.occurred_at >= p_from)
           AND (p_to IS NULL OR p.occurred_at < p_to)
           AND (p_tags IS NULL OR p.tags @> p_tags)
         ORDER BY p.occurred_at DESC, p.pattern_id
         LIMIT p_limit;
END
$$;


--
-- Name: FUNCTION query_patterns(p_pattern_type text, p_from timestamp with time zone, p_to timestamp with time zone, p_tags text[], p_limit integer); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.query_patterns(p_pattern_type text, p_from timestamp with time zone, p_to timestamp with time zone, p_tags text[], p_limit integer) IS 'Pattern documents, newest first: of a type, occurred in [p_from, p_to), carrying all of p_tags, at most p_limit (default 100). NULL filters are not applied.';


--
-- Name: record_pattern_occurrence(text, text, jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean) RETURNS record
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_existing_type text;
    v_field         text;
    v_workflow_id   text := p_workflow ->> 'workflow_id';
BEGIN
    /*
     * Creates the pattern on its first occurrence, then links the workflow to it once:
     * recording the same workflow again changes nothing. Two sessions recording the same
     * new signature at once get one pattern: the loser of the insert waits for the
     * winner's commit and then finds its row.
     */
    IF p_signature IS NULL OR p_signature !~ '\S' OR length(p_signature) > 500 THEN
        RAISE EXCEPTION 'signature must be 1 to 500 characters, not %', coalesce(quote_literal(p_signature), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'A signature identifies the operation, e.g. test:pytest:backend.';
    END IF;
    IF p_pattern_type IS NULL OR p_pattern_type !~ '\S' OR length(p_pattern_type) > 100 THEN
        RAISE EXCEPTION 'pattern_type must be 1 to 100 characters, not %', coalesce(quote_literal(p_pattern_type), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    IF p_workflow IS NULL OR jsonb_typeof(p_workflow) <> 'object' THEN
        RAISE EXCEPTION 'workflow must be a JSON object, not %', coalesce(p_workflow::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature),
                  HINT = 'Give at least {"workflow_id": ...}.';
    END IF;
    -- A field given as null is a field not known.
    p_workflow := p_workflow - ARRAY(SELECT e.key FROM jsonb_each(p_workflow) e WHERE e.value = 'null');
    IF jsonb_typeof(p_workflow -> 'workflow_id') IS DISTINCT FROM 'string' OR v_workflow_id !~ '\S' THEN
        RAISE EXCEPTION 'workflow.workflow_id must be a non-blank string, not %', coalesce((p_workflow -> 'workflow_id')::text, 'missing')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('signature %s', p_signature);
    END IF;
    FOREACH v_field IN ARRAY ARRAY['total_tokens', 'actual_cost_total', 'similarity_score'] LOOP
        IF p_workflow ? v_field
           AND (jsonb_typeof(p_workflow -> v_field) <> 'number' OR (p_workflow ->> v_field)::numeric < 0
                OR (v_field = 'total_tokens' AND (p_workflow ->> v_field)::numeric <> trunc((p_workflow ->> v_field)::numeric))
                OR (v_field = 'similarity_score' AND (p_workflow ->> v_field)::numeric > 100)) THEN
            RAISE EXCEPTION 'workflow.% must be %, not %', v_field,
                    CASE v_field WHEN 'total_tokens' THEN 'an integer >= 0' WHEN 'actual_cost_total' THEN 'a number >= 0'
                                 ELSE 'a number from 0 to 100' END,
                    p_workflow -> v_field
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature),
                      HINT = 'Leave it out or give null when it is not known.';
        END IF;
    END LOOP;
    IF p_workflow ? 'created_at' AND workflow.parse_timestamp(p_workflow ->> 'created_at') IS NULL THEN
        RAISE EXCEPTION 'workflow.created_at must be an ISO 8601 timestamp, not %', p_workflow -> 'created_at'
            USING ERRCODE = 'invalid_datetime_format', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;
    IF p_workflow ? 'characteristics' AND jsonb_typeof(p_workflow -> 'characteristics') <> 'object' THEN
        RAISE EXCEPTION 'workflow.characteristics must be a JSON object, not %', p_workflow -> 'characteristics'
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s, signature %s', v_workflow_id, p_signature);
    END IF;

    INSERT INTO workflow.operation_patterns AS p (pattern_signature, pattern_type, typical_input_pattern)
    VALUES (p_signature, p_pattern_type, coalesce(p_workflow -> 'characteristics', '{}'))
    ON CONFLICT (pattern_signature) DO NOTHING
    RETURNING p.pattern_id INTO pattern_id;
    is_new := pattern_id IS NOT NULL;
    IF NOT is_new THEN
        SELECT p.pattern_id, p.pattern_type INTO pattern_id, v_existing_type
          FROM workflow.operation_patterns p WHERE p.pattern_signature = p_signature;
        IF v_existing_type <> p_pattern_type THEN
            RAISE EXCEPTION 'signature % is already a pattern of type %, not %', p_signature, v_existing_type, p_pattern_type
                USING ERRCODE = 'invalid_parameter_value', DETAIL = format('workflow %s', v_workflow_id),
                      HINT = 'A signature has one pattern type: use another signature.';
        END IF;
    END IF;

    INSERT INTO workflow.pattern_occurrences AS o
           (pattern_id, workflow_id, tokens, cost, similarity_score, matched_characteristics, detected_at)
    VALUES (pattern_id, v_workflow_id, (p_workflow ->> 'total_tokens')::bigint, (p_workflow ->> 'actual_cost_total')::numeric,
            coalesce((p_workflow ->> 'similarity_score')::numeric, 100), coalesce(p_workflow -> 'characteristics', '{}'),
            coalesce(workflow.parse_timestamp(p_workflow ->> 'created_at'), now()))
    ON CONFLICT ON CONSTRAINT pattern_occurrences_pkey DO NOTHING;
END
$$;


--
-- Name: FUNCTION record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean) IS 'Records that an operation pattern (signature, type) occurred in a workflow and returns (pattern_id, is_new): creates the pattern on its first occurrence, links the workflow once (again is a no-op), and the statistics follow. The workflow is a JSON object: workflow_id (required), total_tokens, actual_cost_total, similarity_score (0-100), created_at (ISO 8601), characteristics (an object). Safe under concurrent calls.';


--
-- Name: save_pattern(jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.save_pattern(p_pattern jsonb) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;


--
-- Name: FUNCTION save_pattern(p_pattern jsonb); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.save_pattern(p_pattern jsonb) IS 'Validates a pattern document and upserts it by pattern_id; returns inserted, updated or unchanged. Raises on invalid input, writing nothing.';


--
-- Name: save_patterns(jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.save_patterns(p_patterns jsonb) RETURNS TABLE(ordinal integer, pattern_id text, outcome text, reason text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_item jsonb;
BEGIN
    -- Many patterns at once: each is saved or skipped on its own, never half-written.
    IF p_patterns IS NULL OR jsonb_typeof(p_patterns) <> 'array' THEN
        RAISE EXCEPTION 'p_patterns must be a JSON array of pattern documents, not %', coalesce(p_patterns::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ordinal := 0;
    FOR v_item IN SELECT e.value FROM jsonb_array_elements(p_patterns) WITH ORDINALITY e ORDER BY e.ordinality LOOP
        ordinal := ordinal + 1;
        pattern_id := CASE WHEN jsonb_typeof(v_item -> 'pattern_id') = 'string' THEN v_item ->> 'pattern_id' END;
        BEGIN
            outcome := workflow.save_pattern(v_item);
            reason := NULL;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            outcome := 'skipped';
            reason := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$$;


--
-- Name: FUNCTION save_patterns(p_patterns jsonb); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.save_patterns(p_patterns jsonb) IS 'Saves each pattern document of a JSON array through workflow.save_pattern; one row per item: ordinal (from 1), pattern_id, outcome (inserted, updated, unchanged, skipped) and, when skipped, the reason.';


--
-- Name: validate_pattern(jsonb); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.validate_pattern(p_pattern jsonb) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_pattern_id text := CASE WHEN jsonb_typeof(p_pattern -> 'pattern_id') = 'string' THEN p_pattern ->> 'pattern_id' END;
BEGIN
    -- The root, then the context, then the data of the pattern's type.
    IF p_pattern IS NULL OR jsonb_typeof(p_pattern) <> 'object' THEN
        RAISE EXCEPTION 'a workflow pattern must be a JSON object, not %', coalesce(p_pattern::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give {"pattern_id": ..., "pattern_type": ..., "timestamp": ..., "data": {...}}.';
    END IF;
    PERFORM workflow.check_fields('pattern', p_pattern, '', v_pattern_id);
    PERFORM workflow.check_fields('context', coalesce(p_pattern -> 'context', '{}'), 'context.', v_pattern_id);
    PERFORM workflow.check_fields(p_pattern ->> 'pattern_type', p_pattern -> 'data', 'data.', v_pattern_id);
END
$$;


--
-- Name: FUNCTION validate_pattern(p_pattern jsonb); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.validate_pattern(p_pattern jsonb) IS 'Validates a workflow pattern document (pattern_id, pattern_type, timestamp, data, context, version) against workflow.pattern_fields; raises on the first problem with an error naming the field and its value (SQLSTATE 23502 missing, 22023 wrong type, blank or not allowed, 22003 out of range, 22007 not ISO 8601).';


--
-- Name: validate_pattern_row(); Type: FUNCTION; Schema: workflow; Owner: -
--

CREATE FUNCTION workflow.validate_pattern_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- Every write is validated, whether through save_pattern or a plain INSERT or UPDATE.
    PERFORM workflow.validate_pattern(workflow.pattern_document(NEW));
    RETURN NEW;
END
$$;


--
-- Name: FUNCTION validate_pattern_row(); Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON FUNCTION workflow.validate_pattern_row() IS 'BEFORE INSERT OR UPDATE trigger function of workflow.patterns: validates the row as a pattern document.';


--
-- Name: projects; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.projects (
    project_id bigint NOT NULL,
    name text NOT NULL,
    repository_path text,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT projects_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200) AND (name !~ '[[:cntrl:]]'::text)))
);


--
-- Name: TABLE projects; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON TABLE core.projects IS 'A project whose history and patterns pgpattern keeps; created on first ingest.';


--
-- Name: COLUMN projects.project_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.project_id IS 'The project key; the leading column of every project-scoped key.';


--
-- Name: COLUMN projects.name; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.name IS 'A unique, human-chosen name: 1 to 200 characters, no control characters.';


--
-- Name: COLUMN projects.repository_path; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.repository_path IS 'Where the repository was last ingested from (path or URL), if known.';


--
-- Name: COLUMN projects.description; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.description IS 'Free text.';


--
-- Name: COLUMN projects.created_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.created_at IS 'When the project was created.';


--
-- Name: COLUMN projects.updated_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.projects.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: commits; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.commits (
    project_id bigint NOT NULL,
    commit_id bigint NOT NULL,
    sha text NOT NULL,
    parent_shas text[] DEFAULT '{}'::text[] NOT NULL,
    author_name text NOT NULL,
    author_email text NOT NULL,
    author_key text GENERATED ALWAYS AS (lower(author_email)) STORED,
    authored_at timestamp with time zone NOT NULL,
    author_utc_offset smallint NOT NULL,
    committer_name text NOT NULL,
    committer_email text NOT NULL,
    committed_at timestamp with time zone NOT NULL,
    message text NOT NULL,
    generation integer NOT NULL,
    is_merge boolean GENERATED ALWAYS AS ((cardinality(parent_shas) > 1)) STORED,
    flags text[] DEFAULT '{}'::text[] NOT NULL,
    raw_object bytea,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT commits_generation_nonnegative CHECK ((generation >= 0)),
    CONSTRAINT commits_offset_range CHECK (((author_utc_offset >= '-720'::integer) AND (author_utc_offset <= 840))),
    CONSTRAINT commits_sha_format CHECK ((sha ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'::text))
);


--
-- Name: TABLE commits; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.commits IS 'One row per ingested commit of a project, merge commits included.';


--
-- Name: COLUMN commits.commit_id; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.commit_id IS 'A compact key for the commit within the database (file changes refer to it).';


--
-- Name: COLUMN commits.sha; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.sha IS 'The commit id (40 hex digits, or 64 in a SHA-256 repository).';


--
-- Name: COLUMN commits.parent_shas; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.parent_shas IS 'The parents, in git''s order; empty for a root commit (or the boundary of a shallow clone).';


--
-- Name: COLUMN commits.author_name; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.author_name IS 'The author''s name after .mailmap.';


--
-- Name: COLUMN commits.author_email; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.author_email IS 'The author''s email after .mailmap.';


--
-- Name: COLUMN commits.author_key; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.author_key IS 'The author''s identity: the lower-cased email.';


--
-- Name: COLUMN commits.authored_at; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.authored_at IS 'When the commit was authored.';


--
-- Name: COLUMN commits.author_utc_offset; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.author_utc_offset IS 'The author''s UTC offset in minutes (east positive); 0 where the header held an impossible offset (flag invalid_author_offset).';


--
-- Name: COLUMN commits.committer_name; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.committer_name IS 'The committer''s name after .mailmap.';


--
-- Name: COLUMN commits.committer_email; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.committer_email IS 'The committer''s email after .mailmap.';


--
-- Name: COLUMN commits.committed_at; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.committed_at IS 'When the commit was committed.';


--
-- Name: COLUMN commits.message; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.message IS 'The full message, decoded by the commit''s encoding header.';


--
-- Name: COLUMN commits.generation; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.generation IS 'Longest path from a root among ingested commits (0 for a root): orders parents before children.';


--
-- Name: COLUMN commits.is_merge; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.is_merge IS 'True for a commit with more than one parent (stored without file changes of its own).';


--
-- Name: COLUMN commits.flags; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.flags IS 'What could not be stored exactly: *_not_utf8, *_has_nul, invalid_author_offset, *_date_out_of_range, unknown_encoding, path_not_utf8.';


--
-- Name: COLUMN commits.raw_object; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.raw_object IS 'The exact commit object, kept only when a field could not be stored exactly.';


--
-- Name: COLUMN commits.ingested_at; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.commits.ingested_at IS 'When the row was ingested.';


--
-- Name: file_changes; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.file_changes (
    project_id bigint NOT NULL,
    commit_id bigint NOT NULL,
    change_no integer NOT NULL,
    status character(1) NOT NULL,
    path text NOT NULL,
    old_path text,
    lines_added integer,
    lines_deleted integer,
    old_mode integer NOT NULL,
    new_mode integer NOT NULL,
    latest_path text NOT NULL,
    CONSTRAINT file_changes_lines_check CHECK ((((lines_added IS NULL) = (lines_deleted IS NULL)) AND (lines_added >= 0) AND (lines_deleted >= 0))),
    CONSTRAINT file_changes_old_path_check CHECK (((old_path IS NOT NULL) = (status = ANY (ARRAY['R'::bpchar, 'C'::bpchar])))),
    CONSTRAINT file_changes_status_check CHECK ((status = ANY (ARRAY['A'::bpchar, 'M'::bpchar, 'D'::bpchar, 'R'::bpchar, 'C'::bpchar, 'T'::bpchar, 'U'::bpchar, 'X'::bpchar, 'B'::bpchar])))
);


--
-- Name: TABLE file_changes; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.file_changes IS 'One row per file a non-merge commit changed, as git diff against the first parent shows it (rename detection on, copy detection off).';


--
-- Name: COLUMN file_changes.change_no; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.change_no IS 'The position of the change in git''s output for the commit.';


--
-- Name: COLUMN file_changes.status; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.status IS 'git''s status letter: A added, M modified, D deleted, R renamed, C copied, T type changed.';


--
-- Name: COLUMN file_changes.path; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.path IS 'The path after the change (for D, the path deleted). Bytes that are not UTF-8 appear as \xNN.';


--
-- Name: COLUMN file_changes.old_path; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.old_path IS 'The path before a rename or copy; NULL otherwise.';


--
-- Name: COLUMN file_changes.lines_added; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.lines_added IS 'Lines added; NULL for a binary file.';


--
-- Name: COLUMN file_changes.lines_deleted; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.lines_deleted IS 'Lines deleted; NULL for a binary file.';


--
-- Name: COLUMN file_changes.old_mode; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.old_mode IS 'The file mode before (0 when added); 57344 (octal 160000) is a submodule.';


--
-- Name: COLUMN file_changes.new_mode; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.new_mode IS 'The file mode after (0 when deleted).';


--
-- Name: COLUMN file_changes.latest_path; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.file_changes.latest_path IS 'The file this change belongs to: its latest path across renames in the whole ingested history (maintained by git.refresh_lineage).';


--
-- Name: commit_activity; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.commit_activity AS
 SELECT p.name AS project,
    ((c.authored_at AT TIME ZONE 'UTC'::text))::date AS day,
    count(*) AS commits,
    count(*) FILTER (WHERE c.is_merge) AS merge_commits,
    count(DISTINCT c.author_key) AS authors,
    (COALESCE(sum(s.files), (0)::numeric))::bigint AS files_changed,
    (COALESCE(sum(s.lines_added), (0)::numeric))::bigint AS lines_added,
    (COALESCE(sum(s.lines_deleted), (0)::numeric))::bigint AS lines_deleted
   FROM ((git.commits c
     JOIN core.projects p ON ((p.project_id = c.project_id)))
     LEFT JOIN LATERAL ( SELECT count(*) AS files,
            sum(fc.lines_added) AS lines_added,
            sum(fc.lines_deleted) AS lines_deleted
           FROM git.file_changes fc
          WHERE ((fc.project_id = c.project_id) AND (fc.commit_id = c.commit_id))) s ON (true))
  GROUP BY p.name, (((c.authored_at AT TIME ZONE 'UTC'::text))::date);


--
-- Name: VIEW commit_activity; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.commit_activity IS 'Commits per project and UTC day (by authored time): commits, merges, distinct authors, files changed and lines added and deleted (binary files count as 0 lines).';


--
-- Name: learning_events; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.learning_events (
    project_id bigint NOT NULL,
    event_id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_type text NOT NULL,
    event_subtype text,
    event_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    source_system text,
    entity_type text,
    entity_id text,
    event_data jsonb NOT NULL,
    user_id text,
    session_id text,
    processing_time_ms integer,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT learning_events_entity_type_check CHECK ((length(entity_type) <= 100)),
    CONSTRAINT learning_events_event_data_check CHECK ((jsonb_typeof(event_data) = ANY (ARRAY['object'::text, 'array'::text]))),
    CONSTRAINT learning_events_event_subtype_check CHECK ((length(event_subtype) <= 100)),
    CONSTRAINT learning_events_event_type_check CHECK (((event_type ~ '^[a-z][a-z0-9_]*$'::text) AND (length(event_type) <= 100))),
    CONSTRAINT learning_events_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT learning_events_processing_time_check CHECK ((processing_time_ms >= 0)),
    CONSTRAINT learning_events_source_system_check CHECK ((length(source_system) <= 100))
)
PARTITION BY RANGE (event_timestamp);


--
-- Name: TABLE learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.learning_events IS 'What happened in a project''s learning: model predictions, pattern detections, user feedback, system optimisations. Partitioned by UTC month of event_timestamp (learning_events_pYYYYmMM, plus learning_events_default for stray rows), kept by ops.run_partition_maintenance(); retention in ops.data_retention_policies.';


--
-- Name: COLUMN learning_events.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.project_id IS 'The project (the tenant) the event belongs to.';


--
-- Name: COLUMN learning_events.event_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.event_id IS 'The event''s key (with project_id and event_timestamp, the partition key).';


--
-- Name: COLUMN learning_events.event_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.event_type IS 'model_prediction, pattern_detection, user_feedback, system_optimization, ...: lower-case snake_case, at most 100 characters.';


--
-- Name: COLUMN learning_events.event_subtype; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.event_subtype IS 'A finer category, free text.';


--
-- Name: COLUMN learning_events.event_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.event_timestamp IS 'When the event happened (the seed''s timestamp); the partition key.';


--
-- Name: COLUMN learning_events.source_system; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.source_system IS 'The system that produced it: openevolve, pattern_analyzer, user_interface, ...';


--
-- Name: COLUMN learning_events.entity_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.entity_type IS 'The kind of entity the event is about.';


--
-- Name: COLUMN learning_events.entity_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.entity_id IS 'The id of that entity.';


--
-- Name: COLUMN learning_events.event_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.event_data IS 'The payload (a JSON object or array).';


--
-- Name: COLUMN learning_events.user_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.user_id IS 'The user involved, if any.';


--
-- Name: COLUMN learning_events.session_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.session_id IS 'Groups the events of one session.';


--
-- Name: COLUMN learning_events.processing_time_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.processing_time_ms IS 'How long processing the event took, in milliseconds (not negative).';


--
-- Name: COLUMN learning_events.metadata; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.learning_events.metadata IS 'Other context (a JSON object).';


--
-- Name: daily_learning_metrics; Type: MATERIALIZED VIEW; Schema: learning; Owner: -
--

CREATE MATERIALIZED VIEW learning.daily_learning_metrics AS
 SELECT e.project_id,
    ((e.event_timestamp AT TIME ZONE 'UTC'::text))::date AS date,
    e.event_type,
    e.source_system,
    count(*) AS event_count,
    round(avg(e.processing_time_ms), 3) AS avg_processing_time,
    percentile_cont((0.95)::double precision) WITHIN GROUP (ORDER BY ((e.processing_time_ms)::double precision)) AS p95_processing_time
   FROM learning.learning_events e
  WHERE ((e.event_timestamp >= (((((now() AT TIME ZONE 'UTC'::text))::date - 90))::timestamp without time zone AT TIME ZONE 'UTC'::text)) AND (e.event_timestamp < (((((now() AT TIME ZONE 'UTC'::text))::date + 1))::timestamp without time zone AT TIME ZONE 'UTC'::text)))
  GROUP BY e.project_id, (((e.event_timestamp AT TIME ZONE 'UTC'::text))::date), e.event_type, e.source_system
  WITH NO DATA;


--
-- Name: MATERIALIZED VIEW daily_learning_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON MATERIALIZED VIEW learning.daily_learning_metrics IS 'Per project, UTC day, event type and source system over the last 90 days up to today (none from the future): events, mean and 95th percentile of processing_time_ms. Refreshed CONCURRENTLY every hour (pgpattern-refresh-daily-learning-metrics); read it through api.daily_learning_metrics.';


--
-- Name: daily_learning_metrics; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.daily_learning_metrics AS
 SELECT daily_learning_metrics.project_id,
    daily_learning_metrics.date,
    daily_learning_metrics.event_type,
    daily_learning_metrics.source_system,
    daily_learning_metrics.event_count,
    daily_learning_metrics.avg_processing_time,
    daily_learning_metrics.p95_processing_time
   FROM learning.daily_learning_metrics;


--
-- Name: VIEW daily_learning_metrics; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.daily_learning_metrics IS 'Learning events per project, UTC day, event_type and source_system over the last 90 days: event_count, avg_processing_time and p95_processing_time (ms); at most an hour old.';


--
-- Name: data_quality_checks; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.data_quality_checks (
    check_name text NOT NULL,
    schema_name name NOT NULL,
    table_name name NOT NULL,
    check_type text NOT NULL,
    column_names name[] NOT NULL,
    time_column name,
    check_window interval,
    min_value numeric,
    max_value numeric,
    max_age interval,
    threshold numeric(5,2) DEFAULT 95 NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_quality_checks_age_check CHECK ((((check_type = 'freshness'::text) = (max_age IS NOT NULL)) AND (max_age > '00:00:00'::interval))),
    CONSTRAINT data_quality_checks_columns_check CHECK (((cardinality(column_names) >= 1) AND ((check_type = 'duplicates'::text) OR (cardinality(column_names) = 1)))),
    CONSTRAINT data_quality_checks_name_check CHECK ((check_name ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT data_quality_checks_range_check CHECK ((((check_type = 'value_range'::text) = ((min_value IS NOT NULL) OR (max_value IS NOT NULL))) AND ((min_value IS NULL) OR (max_value IS NULL) OR (min_value <= max_value)))),
    CONSTRAINT data_quality_checks_threshold_check CHECK (((threshold >= (0)::numeric) AND (threshold <= (100)::numeric))),
    CONSTRAINT data_quality_checks_type_check CHECK ((check_type = ANY (ARRAY['completeness'::text, 'value_range'::text, 'freshness'::text, 'duplicates'::text]))),
    CONSTRAINT data_quality_checks_window_check CHECK ((((time_column IS NULL) = (check_window IS NULL)) AND (check_window > '00:00:00'::interval)))
);


--
-- Name: TABLE data_quality_checks; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.data_quality_checks IS 'Data-quality checks over the rows of a table in a recent window: completeness (share of rows where the column is not NULL), value_range (share within [min_value, max_value]), freshness (the newest row is at most max_age old: 100 or 0) and duplicates (share of rows that are not extra copies of a key). A score below threshold fails. Run by ops.run_data_quality_checks(); results in ops.data_quality_results.';


--
-- Name: COLUMN data_quality_checks.check_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.check_name IS 'The check''s name (lower-case snake_case).';


--
-- Name: COLUMN data_quality_checks.schema_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.schema_name IS 'The schema of the table checked.';


--
-- Name: COLUMN data_quality_checks.table_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.table_name IS 'The table checked.';


--
-- Name: COLUMN data_quality_checks.check_type; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.check_type IS 'completeness, value_range, freshness or duplicates.';


--
-- Name: COLUMN data_quality_checks.column_names; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.column_names IS 'The column checked (for duplicates: the columns of the key).';


--
-- Name: COLUMN data_quality_checks.time_column; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.time_column IS 'The column that dates a row: only rows of the last check_window are checked (on a partitioned table by its key, only recent partitions are read). NULL: the whole table.';


--
-- Name: COLUMN data_quality_checks.check_window; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.check_window IS 'How far back rows are checked, with time_column.';


--
-- Name: COLUMN data_quality_checks.min_value; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.min_value IS 'value_range: the smallest allowed value (NULL: no lower bound).';


--
-- Name: COLUMN data_quality_checks.max_value; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.max_value IS 'value_range: the largest allowed value (NULL: no upper bound).';


--
-- Name: COLUMN data_quality_checks.max_age; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.max_age IS 'freshness: how old the newest row may be.';


--
-- Name: COLUMN data_quality_checks.threshold; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.threshold IS 'The lowest passing quality score, 0 to 100 (default 95, the guide''s).';


--
-- Name: COLUMN data_quality_checks.enabled; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.enabled IS 'Whether it runs.';


--
-- Name: COLUMN data_quality_checks.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.description IS 'What it checks.';


--
-- Name: COLUMN data_quality_checks.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_quality_checks.created_at IS 'When the check was created.';


--
-- Name: data_quality_status; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.data_quality_status AS
 SELECT DISTINCT ON (c.check_name) c.check_name,
    format('%s.%s'::text, c.schema_name, c.table_name) AS table_name,
    c.check_type,
    c.threshold,
    r.quality_score,
    r.status,
    r.rows_checked,
    r.rows_failed,
    r.detail,
    r.checked_at
   FROM (ops.data_quality_checks c
     LEFT JOIN ops.data_quality_results r ON ((r.check_name = c.check_name)))
  WHERE c.enabled
  ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;


--
-- Name: VIEW data_quality_status; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.data_quality_status IS 'The latest result of each enabled data-quality check: quality_score (0 to 100) against threshold, status (passed, failed, error; NULL before its first run), rows checked and failing, detail and when.';


--
-- Name: files; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.files AS
 SELECT p.name AS project,
    f.latest_path,
    f.paths,
    f.changes,
    f.first_changed_at,
    f.last_changed_at,
    (f.last_status = 'D'::bpchar) AS deleted
   FROM (( SELECT fc.project_id,
            fc.latest_path,
            array_agg(DISTINCT fc.path ORDER BY fc.path) AS paths,
            count(*) AS changes,
            min(c.authored_at) AS first_changed_at,
            max(c.authored_at) AS last_changed_at,
            (array_agg(fc.status ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC))[1] AS last_status
           FROM (git.file_changes fc
             JOIN git.commits c ON (((c.project_id = fc.project_id) AND (c.commit_id = fc.commit_id))))
          GROUP BY fc.project_id, fc.latest_path) f
     JOIN core.projects p ON ((p.project_id = f.project_id)));


--
-- Name: VIEW files; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.files IS 'Files of each project by their latest path across renames: every path the file has had, how often it changed, when first and last, and whether it is deleted as of its last change.';


--
-- Name: system_health_checks; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.system_health_checks (
    check_name text NOT NULL,
    check_category text NOT NULL,
    check_frequency interval DEFAULT '00:05:00'::interval NOT NULL,
    check_function text NOT NULL,
    thresholds jsonb DEFAULT '{}'::jsonb NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    description text NOT NULL,
    last_run_at timestamp with time zone,
    last_status text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT system_health_checks_category_check CHECK ((check_category = ANY (ARRAY['database'::text, 'analytics'::text, 'ml_pipeline'::text, 'maintenance'::text]))),
    CONSTRAINT system_health_checks_frequency_check CHECK ((check_frequency >= '00:01:00'::interval)),
    CONSTRAINT system_health_checks_name_check CHECK ((check_name ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT system_health_checks_status_check CHECK ((last_status = ANY (ARRAY['ok'::text, 'warn'::text, 'fail'::text, 'skip'::text]))),
    CONSTRAINT system_health_checks_thresholds_check CHECK ((jsonb_typeof(thresholds) = 'object'::text))
);


--
-- Name: TABLE system_health_checks; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.system_health_checks IS 'The system health checks: each is a function check_function(thresholds jsonb) returning one (status, value, detail), run by ops.run_health_checks() every check_frequency; results in ops.health_check_results.';


--
-- Name: COLUMN system_health_checks.check_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.check_name IS 'The check''s name (lower-case snake_case).';


--
-- Name: COLUMN system_health_checks.check_category; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.check_category IS 'database, analytics, ml_pipeline or maintenance.';


--
-- Name: COLUMN system_health_checks.check_frequency; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.check_frequency IS 'How often it runs (at least a minute: pg_cron''s tick).';


--
-- Name: COLUMN system_health_checks.check_function; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.check_function IS 'The function that performs it, schema-qualified, taking (jsonb) and returning TABLE (status text, value numeric, detail text).';


--
-- Name: COLUMN system_health_checks.thresholds; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.thresholds IS 'The thresholds passed to the function (a JSON object; each function documents its keys).';


--
-- Name: COLUMN system_health_checks.enabled; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.enabled IS 'Whether it runs.';


--
-- Name: COLUMN system_health_checks.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.description IS 'What it checks and when it warns or fails.';


--
-- Name: COLUMN system_health_checks.last_run_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.last_run_at IS 'When it last ran.';


--
-- Name: COLUMN system_health_checks.last_status; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.last_status IS 'Its last status: ok, warn, fail or skip.';


--
-- Name: COLUMN system_health_checks.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.system_health_checks.created_at IS 'When the check was created.';


--
-- Name: health_check_status; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.health_check_status AS
 SELECT DISTINCT ON (c.check_name) c.check_name,
    c.check_category,
    r.status,
    r.value,
    r.detail,
    r.checked_at,
    c.check_frequency
   FROM (ops.system_health_checks c
     LEFT JOIN ops.health_check_results r ON ((r.check_name = c.check_name)))
  WHERE c.enabled
  ORDER BY c.check_name, r.checked_at DESC NULLS LAST, r.result_id DESC;


--
-- Name: VIEW health_check_status; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.health_check_status IS 'The latest result of each enabled system health check: status (ok, warn, fail, skip; NULL before its first run), value, detail and when.';


--
-- Name: change_magnitude_patterns; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.change_magnitude_patterns (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    discovery_session_id uuid NOT NULL,
    file_path text NOT NULL,
    file_extension text,
    file_category text NOT NULL,
    change_category text NOT NULL,
    avg_lines_per_change double precision NOT NULL,
    max_lines_changed integer NOT NULL,
    change_frequency double precision NOT NULL,
    volatility_score double precision NOT NULL,
    stability_score double precision NOT NULL,
    change_trend text NOT NULL,
    trend_coefficient double precision NOT NULL,
    risk_score double precision NOT NULL,
    risk_level text NOT NULL,
    anomaly_score double precision NOT NULL,
    hotspot_score double precision NOT NULL,
    contributor_diversity_score double precision NOT NULL,
    change_type_distribution jsonb DEFAULT '{}'::jsonb NOT NULL,
    seasonal_patterns double precision[] DEFAULT '{}'::double precision[] NOT NULL,
    first_change_date timestamp with time zone NOT NULL,
    last_change_date timestamp with time zone NOT NULL,
    total_changes integer NOT NULL,
    lifespan_days double precision NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    CONSTRAINT change_magnitude_patterns_anomaly_score_check CHECK (((anomaly_score >= (0)::double precision) AND (anomaly_score <= (1)::double precision))),
    CONSTRAINT change_magnitude_patterns_avg_lines_per_change_check CHECK ((avg_lines_per_change >= (0)::double precision)),
    CONSTRAINT change_magnitude_patterns_change_category_check CHECK ((change_category = ANY (ARRAY['small'::text, 'medium'::text, 'large'::text, 'massive'::text]))),
    CONSTRAINT change_magnitude_patterns_change_frequency_check CHECK ((change_frequency >= (0)::double precision)),
    CONSTRAINT change_magnitude_patterns_change_trend_check CHECK ((change_trend = ANY (ARRAY['increasing'::text, 'decreasing'::text, 'stable'::text, 'volatile'::text]))),
    CONSTRAINT change_magnitude_patterns_contributor_diversity_score_check CHECK (((contributor_diversity_score >= (0)::double precision) AND (contributor_diversity_score <= (1)::double precision))),
    CONSTRAINT change_magnitude_patterns_file_category_check CHECK ((file_category = ANY (ARRAY['test'::text, 'docs'::text, 'ci'::text, 'config'::text, 'source'::text]))),
    CONSTRAINT change_magnitude_patterns_hotspot_score_check CHECK (((hotspot_score >= (0)::double precision) AND (hotspot_score <= (1)::double precision))),
    CONSTRAINT change_magnitude_patterns_lifespan_days_check CHECK ((lifespan_days >= (0)::double precision)),
    CONSTRAINT change_magnitude_patterns_max_lines_changed_check CHECK ((max_lines_changed >= 0)),
    CONSTRAINT change_magnitude_patterns_risk_level_check CHECK ((risk_level = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT change_magnitude_patterns_risk_score_check CHECK (((risk_score >= (0)::double precision) AND (risk_score <= (1)::double precision))),
    CONSTRAINT change_magnitude_patterns_stability_score_check CHECK (((stability_score >= (0)::double precision) AND (stability_score <= (1)::double precision))),
    CONSTRAINT change_magnitude_patterns_total_changes_check CHECK ((total_changes > 0)),
    CONSTRAINT change_magnitude_patterns_volatility_score_check CHECK ((volatility_score >= (0)::double precision))
);


--
-- Name: TABLE change_magnitude_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.change_magnitude_patterns IS 'Each file''s change profile (spec section 4): sizes, frequency, volatility, stability, trend, hotspot and anomaly scores and the risk they add up to.';


--
-- Name: COLUMN change_magnitude_patterns.file_path; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.file_path IS 'The file''s latest path across renames.';


--
-- Name: COLUMN change_magnitude_patterns.file_extension; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.file_extension IS 'Lower-cased part after the last dot of the base name; NULL without one (or for a dot file such as .gitignore).';


--
-- Name: COLUMN change_magnitude_patterns.file_category; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.file_category IS 'test, docs, ci, config or source, by the spec''s path rules.';


--
-- Name: COLUMN change_magnitude_patterns.change_category; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.change_category IS 'small (< 10 lines per change), medium (< 50), large (< 200) or massive.';


--
-- Name: COLUMN change_magnitude_patterns.avg_lines_per_change; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.avg_lines_per_change IS 'Mean lines added and deleted per change (binary 0).';


--
-- Name: COLUMN change_magnitude_patterns.max_lines_changed; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.max_lines_changed IS 'The largest change.';


--
-- Name: COLUMN change_magnitude_patterns.change_frequency; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.change_frequency IS 'Changes per week from the first change to the end of the span (at least one week).';


--
-- Name: COLUMN change_magnitude_patterns.volatility_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.volatility_score IS 'Coefficient of variation of the change sizes.';


--
-- Name: COLUMN change_magnitude_patterns.stability_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.stability_score IS '1 - ISO weeks with a change / ISO weeks from the first change to the end of the span.';


--
-- Name: COLUMN change_magnitude_patterns.change_trend; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.change_trend IS 'increasing, decreasing, volatile or stable (spec section 4).';


--
-- Name: COLUMN change_magnitude_patterns.trend_coefficient; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.trend_coefficient IS 'Least-squares slope of changes per 30.4375-day period over the trailing 12 periods, times (m - 1), over the mean.';


--
-- Name: COLUMN change_magnitude_patterns.risk_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.risk_score IS 'r = 0.35 hotspot + 0.25 anomaly + 0.20 (1 - stability) + 0.20 diversity.';


--
-- Name: COLUMN change_magnitude_patterns.risk_level; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.risk_level IS 'critical (r >= 0.55), high (>= 0.45), medium (>= 0.30) or low.';


--
-- Name: COLUMN change_magnitude_patterns.anomaly_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.anomaly_score IS 'Share of the file''s changes larger than the 95th percentile of all change sizes in T.';


--
-- Name: COLUMN change_magnitude_patterns.hotspot_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.hotspot_score IS 'sqrt(percent_rank(total_changes) * percent_rank(net size)) among the run''s files.';


--
-- Name: COLUMN change_magnitude_patterns.contributor_diversity_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.contributor_diversity_score IS '1 - sum of squared author shares of the file''s changes.';


--
-- Name: COLUMN change_magnitude_patterns.change_type_distribution; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.change_type_distribution IS 'Changes by git status letter.';


--
-- Name: COLUMN change_magnitude_patterns.seasonal_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.seasonal_patterns IS 'Share of changes per season: DJF, MAM, JJA, SON (author''s local time).';


--
-- Name: COLUMN change_magnitude_patterns.first_change_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.first_change_date IS 'Authored time of the first change in T.';


--
-- Name: COLUMN change_magnitude_patterns.last_change_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.last_change_date IS 'Authored time of the last change in T.';


--
-- Name: COLUMN change_magnitude_patterns.total_changes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.total_changes IS 'Commits in T changing the file.';


--
-- Name: COLUMN change_magnitude_patterns.lifespan_days; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.lifespan_days IS 'Days from the first to the last change (fractional).';


--
-- Name: COLUMN change_magnitude_patterns.created_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.created_at IS 'When the row was created.';


--
-- Name: COLUMN change_magnitude_patterns.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.updated_at IS 'When its numbers last changed.';


--
-- Name: COLUMN change_magnitude_patterns.is_active; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.change_magnitude_patterns.is_active IS 'False once superseded.';


--
-- Name: high_risk_files_summary; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.high_risk_files_summary AS
 SELECT m.project_id,
    p.name AS project_name,
    m.file_path,
    m.risk_level,
    m.risk_score,
    m.anomaly_score,
    m.hotspot_score,
    m.change_frequency,
    m.volatility_score,
    m.change_category,
    m.total_changes,
    m.updated_at AS last_analyzed
   FROM (patterns.change_magnitude_patterns m
     JOIN core.projects p ON ((p.project_id = m.project_id)))
  WHERE (m.is_active AND (m.risk_level = ANY (ARRAY['high'::text, 'critical'::text])))
  ORDER BY
        CASE m.risk_level
            WHEN 'critical'::text THEN 1
            ELSE 2
        END, m.anomaly_score DESC, m.hotspot_score DESC;


--
-- Name: VIEW high_risk_files_summary; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.high_risk_files_summary IS 'Active files at high or critical risk across projects, critical first, then by anomaly and hotspot score. A plain view: the risk index makes it cheap.';


--
-- Name: system_performance_metrics; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.system_performance_metrics (
    metric_id uuid DEFAULT gen_random_uuid() NOT NULL,
    metric_name text NOT NULL,
    metric_category text,
    metric_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    value numeric(15,6) NOT NULL,
    unit text,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    source_component text,
    aggregation_level text DEFAULT 'raw'::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT system_performance_metrics_aggregation_check CHECK ((aggregation_level = ANY (ARRAY['raw'::text, 'minute'::text, 'hour'::text, 'day'::text]))),
    CONSTRAINT system_performance_metrics_category_check CHECK ((metric_category = ANY (ARRAY['database'::text, 'api'::text, 'ml_model'::text, 'user_experience'::text, 'system'::text]))),
    CONSTRAINT system_performance_metrics_component_check CHECK ((length(source_component) <= 100)),
    CONSTRAINT system_performance_metrics_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT system_performance_metrics_name_check CHECK (((metric_name ~ '\S'::text) AND (length(metric_name) <= 100))),
    CONSTRAINT system_performance_metrics_tags_check CHECK ((jsonb_typeof(tags) = 'object'::text)),
    CONSTRAINT system_performance_metrics_unit_check CHECK ((length(unit) <= 50))
)
PARTITION BY RANGE (metric_timestamp);


--
-- Name: TABLE system_performance_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.system_performance_metrics IS 'Performance telemetry of the system (database, api, ML models, user experience): system-wide, not any one project''s. Partitioned by UTC day of metric_timestamp (system_performance_metrics_pYYYYmMMdDD, plus a default partition), kept by ops.run_partition_maintenance(); retention summarizes old days into learning.system_performance_metrics_daily.';


--
-- Name: COLUMN system_performance_metrics.metric_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.metric_id IS 'The sample''s key (with metric_timestamp, the partition key).';


--
-- Name: COLUMN system_performance_metrics.metric_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.metric_name IS 'What is measured, e.g. api_latency_ms.';


--
-- Name: COLUMN system_performance_metrics.metric_category; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.metric_category IS 'database, api, ml_model, user_experience or system.';


--
-- Name: COLUMN system_performance_metrics.metric_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.metric_timestamp IS 'When it was measured (the seed''s timestamp); the partition key.';


--
-- Name: COLUMN system_performance_metrics.value; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.value IS 'The measured value.';


--
-- Name: COLUMN system_performance_metrics.unit; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.unit IS 'ms, mb, percentage, count, ...';


--
-- Name: COLUMN system_performance_metrics.tags; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.tags IS 'Key-value pairs for filtering and grouping (a JSON object).';


--
-- Name: COLUMN system_performance_metrics.source_component; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.source_component IS 'The component that reported it.';


--
-- Name: COLUMN system_performance_metrics.aggregation_level; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.aggregation_level IS 'raw, minute, hour or day: what one sample stands for.';


--
-- Name: COLUMN system_performance_metrics.metadata; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics.metadata IS 'Other context (a JSON object).';


--
-- Name: hourly_performance_summary; Type: MATERIALIZED VIEW; Schema: learning; Owner: -
--

CREATE MATERIALIZED VIEW learning.hourly_performance_summary AS
 SELECT date_trunc('hour'::text, m.metric_timestamp, 'UTC'::text) AS hour,
    m.metric_name,
    m.metric_category,
    m.source_component,
    m.unit,
    count(*) AS sample_count,
    min(m.value) AS min_value,
    round(avg(m.value), 6) AS avg_value,
    max(m.value) AS max_value,
    percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((m.value)::double precision)) AS p50_value,
    percentile_cont((0.95)::double precision) WITHIN GROUP (ORDER BY ((m.value)::double precision)) AS p95_value,
    round(stddev_samp(m.value), 6) AS stddev_value
   FROM learning.system_performance_metrics m
  WHERE ((m.metric_timestamp >= (date_trunc('hour'::text, now(), 'UTC'::text) - '14 days'::interval)) AND (m.metric_timestamp < (date_trunc('hour'::text, now(), 'UTC'::text) + '01:00:00'::interval)))
  GROUP BY (date_trunc('hour'::text, m.metric_timestamp, 'UTC'::text)), m.metric_name, m.metric_category, m.source_component, m.unit
  WITH NO DATA;


--
-- Name: MATERIALIZED VIEW hourly_performance_summary; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON MATERIALIZED VIEW learning.hourly_performance_summary IS 'Per UTC hour, metric, category, component and unit over the last 14 days up to this hour: samples, min, mean, max, median, p95 and standard deviation of the value. Refreshed CONCURRENTLY every 15 minutes (pgpattern-refresh-hourly-performance); read it through api.hourly_performance_summary.';


--
-- Name: hourly_performance_summary; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.hourly_performance_summary AS
 SELECT hourly_performance_summary.hour,
    hourly_performance_summary.metric_name,
    hourly_performance_summary.metric_category,
    hourly_performance_summary.source_component,
    hourly_performance_summary.unit,
    hourly_performance_summary.sample_count,
    hourly_performance_summary.min_value,
    hourly_performance_summary.avg_value,
    hourly_performance_summary.max_value,
    hourly_performance_summary.p50_value,
    hourly_performance_summary.p95_value,
    hourly_performance_summary.stddev_value
   FROM learning.hourly_performance_summary;


--
-- Name: VIEW hourly_performance_summary; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.hourly_performance_summary IS 'Performance metrics per UTC hour over the last 14 days: sample_count, min, mean, max, median (p50), p95 and standard deviation; at most 15 minutes old.';


--
-- Name: ml_models; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.ml_models (
    project_id bigint NOT NULL,
    model_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    version text NOT NULL,
    model_type text NOT NULL,
    framework text,
    model_data jsonb,
    hyperparameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    training_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    performance_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    status text DEFAULT 'training'::text NOT NULL,
    parent_model_id uuid,
    created_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ml_models_model_type_check CHECK ((model_type = ANY (ARRAY['pattern_recognition'::text, 'optimization'::text, 'prediction'::text]))),
    CONSTRAINT ml_models_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT ml_models_not_own_parent CHECK ((parent_model_id <> model_id)),
    CONSTRAINT ml_models_objects_check CHECK (((jsonb_typeof(hyperparameters) = 'object'::text) AND (jsonb_typeof(training_config) = 'object'::text) AND (jsonb_typeof(performance_metrics) = 'object'::text))),
    CONSTRAINT ml_models_status_check CHECK ((status = ANY (ARRAY['training'::text, 'active'::text, 'deprecated'::text, 'archived'::text]))),
    CONSTRAINT ml_models_version_check CHECK (((version ~ '\S'::text) AND (length(version) <= 50)))
);


--
-- Name: TABLE ml_models; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.ml_models IS 'ML models of a project, one row per version: lineage through parent_model_id, status lifecycle training -> active -> deprecated -> archived (a trigger refuses other moves), at most one active version per name.';


--
-- Name: COLUMN ml_models.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.project_id IS 'The project whose data the model learns from.';


--
-- Name: COLUMN ml_models.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_id IS 'The model version''s key within its project.';


--
-- Name: COLUMN ml_models.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.name IS 'The model''s name, shared by its versions.';


--
-- Name: COLUMN ml_models.version; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.version IS 'The version label, unique per name within the project.';


--
-- Name: COLUMN ml_models.model_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_type IS 'pattern_recognition, optimization or prediction.';


--
-- Name: COLUMN ml_models.framework; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.framework IS 'The framework that trained it (tensorflow, pytorch, scikit-learn, ...), free text.';


--
-- Name: COLUMN ml_models.model_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.model_data IS 'The serialised model or a reference to where it is stored.';


--
-- Name: COLUMN ml_models.hyperparameters; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.hyperparameters IS 'Hyperparameters (a JSON object).';


--
-- Name: COLUMN ml_models.training_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.training_config IS 'Training configuration (a JSON object).';


--
-- Name: COLUMN ml_models.performance_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.performance_metrics IS 'Offline evaluation metrics (a JSON object).';


--
-- Name: COLUMN ml_models.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.status IS 'training (new), active (serving; one per name), deprecated, archived (final). A new row starts as training or active.';


--
-- Name: COLUMN ml_models.parent_model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.parent_model_id IS 'The model version this one was derived from, in the same project; set at creation and never changed, so lineage has no cycles.';


--
-- Name: COLUMN ml_models.created_by; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.created_by IS 'Who registered the model.';


--
-- Name: COLUMN ml_models.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.created_at IS 'When the row was created.';


--
-- Name: COLUMN ml_models.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ml_models.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: predictions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.predictions (
    project_id bigint NOT NULL,
    prediction_id uuid DEFAULT gen_random_uuid() NOT NULL,
    model_id uuid NOT NULL,
    prediction_type text NOT NULL,
    value_kind text NOT NULL,
    target_entity_type text,
    target_entity_id text,
    predicted_value jsonb NOT NULL,
    confidence_interval jsonb,
    prediction_horizon interval,
    input_features jsonb DEFAULT '{}'::jsonb NOT NULL,
    prediction_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    actual_outcome jsonb,
    outcome_recorded_at timestamp with time zone,
    accuracy_score numeric(5,4),
    feedback_received jsonb,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT predictions_accuracy_score_range CHECK (((accuracy_score >= (0)::numeric) AND (accuracy_score <= (1)::numeric))),
    CONSTRAINT predictions_confidence_interval_check CHECK ((jsonb_typeof(confidence_interval) = 'object'::text)),
    CONSTRAINT predictions_horizon_positive CHECK ((prediction_horizon > '00:00:00'::interval)),
    CONSTRAINT predictions_input_features_check CHECK ((jsonb_typeof(input_features) = 'object'::text)),
    CONSTRAINT predictions_open_has_no_outcome CHECK (((status <> ALL (ARRAY['active'::text, 'expired'::text])) OR (actual_outcome IS NULL))),
    CONSTRAINT predictions_outcome_complete CHECK ((((actual_outcome IS NULL) = (accuracy_score IS NULL)) AND ((actual_outcome IS NULL) = (outcome_recorded_at IS NULL)))),
    CONSTRAINT predictions_predicted_value_matches_kind CHECK (
CASE value_kind
    WHEN 'numeric'::text THEN (jsonb_typeof(predicted_value) = 'number'::text)
    WHEN 'categorical'::text THEN (jsonb_typeof(predicted_value) = ANY (ARRAY['string'::text, 'number'::text, 'boolean'::text]))
    WHEN 'interval'::text THEN
    CASE
        WHEN ((jsonb_typeof((predicted_value -> 'lower'::text)) = 'number'::text) AND (jsonb_typeof((predicted_value -> 'upper'::text)) = 'number'::text)) THEN (((predicted_value ->> 'lower'::text))::numeric <= ((predicted_value ->> 'upper'::text))::numeric)
        ELSE false
    END
    ELSE false
END),
    CONSTRAINT predictions_prediction_type_check CHECK ((prediction_type = ANY (ARRAY['performance_degradation'::text, 'bug_likelihood'::text, 'optimization_opportunity'::text]))),
    CONSTRAINT predictions_status_check CHECK ((status = ANY (ARRAY['active'::text, 'validated'::text, 'invalidated'::text, 'expired'::text]))),
    CONSTRAINT predictions_target_entity_type_check CHECK ((target_entity_type = ANY (ARRAY['code_file'::text, 'function'::text, 'repository'::text, 'user'::text]))),
    CONSTRAINT predictions_validated_has_outcome CHECK (((status <> 'validated'::text) OR (actual_outcome IS NOT NULL))),
    CONSTRAINT predictions_value_kind_check CHECK ((value_kind = ANY (ARRAY['numeric'::text, 'categorical'::text, 'interval'::text])))
);


--
-- Name: TABLE predictions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.predictions IS 'Predictions made by a model. Recording actual_outcome computes accuracy_score (learning.prediction_accuracy) and validates the prediction; an active prediction past its horizon expires (learning.expire_predictions, scheduled).';


--
-- Name: COLUMN predictions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.project_id IS 'The project of the model and the prediction.';


--
-- Name: COLUMN predictions.prediction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_id IS 'The prediction''s key within its project.';


--
-- Name: COLUMN predictions.model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.model_id IS 'The model version that made it.';


--
-- Name: COLUMN predictions.prediction_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_type IS 'performance_degradation, bug_likelihood or optimization_opportunity.';


--
-- Name: COLUMN predictions.value_kind; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.value_kind IS 'numeric (predicted_value a JSON number), categorical (a JSON string, number or boolean) or interval (an object {"lower": n, "upper": n} with lower <= upper); decides how accuracy is computed.';


--
-- Name: COLUMN predictions.target_entity_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.target_entity_type IS 'code_file, function, repository or user, if the prediction is about one.';


--
-- Name: COLUMN predictions.target_entity_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.target_entity_id IS 'The id of the entity the prediction is about.';


--
-- Name: COLUMN predictions.predicted_value; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.predicted_value IS 'The prediction, shaped as value_kind says; never changes.';


--
-- Name: COLUMN predictions.confidence_interval; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.confidence_interval IS 'Statistical confidence bounds (a JSON object), informative only.';


--
-- Name: COLUMN predictions.prediction_horizon; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_horizon IS 'How far ahead the prediction looks; past prediction_timestamp + horizon without an outcome it expires. NULL: never expires.';


--
-- Name: COLUMN predictions.input_features; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.input_features IS 'The features the model was given (a JSON object).';


--
-- Name: COLUMN predictions.prediction_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.prediction_timestamp IS 'When the prediction was made.';


--
-- Name: COLUMN predictions.actual_outcome; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.actual_outcome IS 'What happened, recorded once while the prediction is active: a JSON number for numeric and interval predictions, a JSON scalar for categorical ones.';


--
-- Name: COLUMN predictions.outcome_recorded_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.outcome_recorded_at IS 'When actual_outcome was recorded (set by the trigger).';


--
-- Name: COLUMN predictions.accuracy_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.accuracy_score IS 'Accuracy in [0, 1], computed by the database from predicted_value and actual_outcome; never written directly.';


--
-- Name: COLUMN predictions.feedback_received; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.feedback_received IS 'User feedback on the prediction.';


--
-- Name: COLUMN predictions.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.predictions.status IS 'active (new), validated (outcome recorded), expired (horizon passed without outcome), invalidated (withdrawn, from active or validated).';


--
-- Name: model_performance_summary; Type: MATERIALIZED VIEW; Schema: learning; Owner: -
--

CREATE MATERIALIZED VIEW learning.model_performance_summary AS
 SELECT m.project_id,
    m.model_id,
    m.name,
    m.version,
    m.model_type,
    count(p.prediction_id) AS prediction_count,
    count(p.prediction_id) FILTER (WHERE (p.status = 'validated'::text)) AS validated_predictions,
    round(avg(p.accuracy_score) FILTER (WHERE (p.status = 'validated'::text)), 4) AS avg_accuracy,
    max(p.prediction_timestamp) AS last_prediction
   FROM (learning.ml_models m
     LEFT JOIN learning.predictions p ON (((p.project_id = m.project_id) AND (p.model_id = m.model_id))))
  WHERE (m.status = 'active'::text)
  GROUP BY m.project_id, m.model_id, m.name, m.version, m.model_type
  WITH NO DATA;


--
-- Name: MATERIALIZED VIEW model_performance_summary; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON MATERIALIZED VIEW learning.model_performance_summary IS 'Per active model: predictions made, validated, their mean accuracy and the last prediction time. Refreshed CONCURRENTLY every 15 minutes (pgpattern-learning-refresh-model-performance); read it through api.model_performance_summary.';


--
-- Name: model_performance_summary; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.model_performance_summary AS
 SELECT model_performance_summary.project_id,
    model_performance_summary.model_id,
    model_performance_summary.name,
    model_performance_summary.version,
    model_performance_summary.model_type,
    model_performance_summary.prediction_count,
    model_performance_summary.validated_predictions,
    model_performance_summary.avg_accuracy,
    model_performance_summary.last_prediction
   FROM learning.model_performance_summary;


--
-- Name: VIEW model_performance_summary; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.model_performance_summary IS 'Performance of each active model version: prediction_count, validated_predictions, avg_accuracy (mean accuracy_score of validated predictions, NULL before the first) and last_prediction; at most 15 minutes old.';


--
-- Name: operation_patterns; Type: TABLE; Schema: workflow; Owner: -
--

CREATE TABLE workflow.operation_patterns (
    pattern_id bigint NOT NULL,
    pattern_signature text NOT NULL,
    pattern_type text NOT NULL,
    typical_input_pattern jsonb DEFAULT '{}'::jsonb NOT NULL,
    automation_status text DEFAULT 'detected'::text NOT NULL,
    occurrence_count bigint DEFAULT 0 NOT NULL,
    tokens_known bigint DEFAULT 0 NOT NULL,
    tokens_sum numeric DEFAULT 0 NOT NULL,
    tokens_sum_of_squares numeric DEFAULT 0 NOT NULL,
    cost_known bigint DEFAULT 0 NOT NULL,
    cost_sum numeric DEFAULT 0 NOT NULL,
    first_seen timestamp with time zone,
    last_seen timestamp with time zone,
    avg_tokens_with_llm numeric GENERATED ALWAYS AS ((tokens_sum / (NULLIF(tokens_known, 0))::numeric)) STORED,
    avg_cost_with_llm numeric GENERATED ALWAYS AS ((cost_sum / (NULLIF(cost_known, 0))::numeric)) STORED,
    avg_cost_with_tool numeric GENERATED ALWAYS AS (((0.05 * cost_sum) / (NULLIF(cost_known, 0))::numeric)) STORED,
    potential_monthly_savings numeric GENERATED ALWAYS AS (workflow.operation_monthly_savings(occurrence_count, (cost_sum / (NULLIF(cost_known, 0))::numeric), first_seen, last_seen)) STORED,
    confidence_score numeric GENERATED ALWAYS AS (workflow.operation_confidence(occurrence_count, tokens_known, tokens_sum, tokens_sum_of_squares)) STORED,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT operation_patterns_cost_known_check CHECK ((cost_known >= 0)),
    CONSTRAINT operation_patterns_occurrence_count_check CHECK ((occurrence_count >= 0)),
    CONSTRAINT operation_patterns_signature_check CHECK (((pattern_signature ~ '\S'::text) AND (length(pattern_signature) <= 500))),
    CONSTRAINT operation_patterns_status_check CHECK ((automation_status = ANY (ARRAY['detected'::text, 'candidate'::text, 'approved'::text, 'automated'::text, 'rejected'::text]))),
    CONSTRAINT operation_patterns_tokens_known_check CHECK ((tokens_known >= 0)),
    CONSTRAINT operation_patterns_type_check CHECK (((pattern_type ~ '\S'::text) AND (length(pattern_type) <= 100)))
);


--
-- Name: TABLE operation_patterns; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON TABLE workflow.operation_patterns IS 'Recurring operations of agent workflows, one per signature, with running statistics over their occurrences (kept by the trigger on workflow.pattern_occurrences). Global, not project-scoped.';


--
-- Name: COLUMN operation_patterns.pattern_id; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.pattern_id IS 'The pattern key.';


--
-- Name: COLUMN operation_patterns.pattern_signature; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.pattern_signature IS 'What identifies the operation, e.g. test:pytest:backend (unique).';


--
-- Name: COLUMN operation_patterns.pattern_type; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.pattern_type IS 'The kind of operation, e.g. test, build, deploy.';


--
-- Name: COLUMN operation_patterns.typical_input_pattern; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.typical_input_pattern IS 'The characteristics of the workflow the pattern was first seen in.';


--
-- Name: COLUMN operation_patterns.automation_status; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.automation_status IS 'detected, candidate, approved, automated or rejected.';


--
-- Name: COLUMN operation_patterns.occurrence_count; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.occurrence_count IS 'How many workflows the pattern occurred in.';


--
-- Name: COLUMN operation_patterns.tokens_known; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.tokens_known IS 'How many occurrences have a token count.';


--
-- Name: COLUMN operation_patterns.tokens_sum; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.tokens_sum IS 'The sum of their token counts.';


--
-- Name: COLUMN operation_patterns.tokens_sum_of_squares; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.tokens_sum_of_squares IS 'The sum of their squares (for the standard deviation behind the confidence).';


--
-- Name: COLUMN operation_patterns.cost_known; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.cost_known IS 'How many occurrences have a cost.';


--
-- Name: COLUMN operation_patterns.cost_sum; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.cost_sum IS 'The sum of their costs.';


--
-- Name: COLUMN operation_patterns.first_seen; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.first_seen IS 'When the earliest occurrence was detected.';


--
-- Name: COLUMN operation_patterns.last_seen; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.last_seen IS 'When the latest occurrence was detected.';


--
-- Name: COLUMN operation_patterns.avg_tokens_with_llm; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.avg_tokens_with_llm IS 'The mean tokens over the occurrences whose tokens are known: tokens_sum / tokens_known (generated).';


--
-- Name: COLUMN operation_patterns.avg_cost_with_llm; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.avg_cost_with_llm IS 'The mean LLM cost over the occurrences whose cost is known: cost_sum / cost_known (generated).';


--
-- Name: COLUMN operation_patterns.avg_cost_with_tool; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.avg_cost_with_tool IS 'The estimated cost of a tool doing the same: 5% of avg_cost_with_llm (generated).';


--
-- Name: COLUMN operation_patterns.potential_monthly_savings; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.potential_monthly_savings IS 'See workflow.operation_monthly_savings (generated).';


--
-- Name: COLUMN operation_patterns.confidence_score; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.confidence_score IS 'See workflow.operation_confidence (generated).';


--
-- Name: COLUMN operation_patterns.created_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.created_at IS 'When the pattern was first recorded.';


--
-- Name: COLUMN operation_patterns.updated_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.operation_patterns.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: operation_patterns_by_savings; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.operation_patterns_by_savings AS
 SELECT rank() OVER (ORDER BY o.potential_monthly_savings DESC NULLS LAST) AS savings_rank,
    o.pattern_signature,
    o.pattern_type,
    o.automation_status,
    o.occurrence_count,
    round(o.avg_tokens_with_llm, 1) AS avg_tokens_with_llm,
    round(o.avg_cost_with_llm, 4) AS avg_cost_with_llm,
    round(o.avg_cost_with_tool, 4) AS avg_cost_with_tool,
    o.potential_monthly_savings,
    o.confidence_score,
    o.first_seen,
    o.last_seen
   FROM workflow.operation_patterns o;


--
-- Name: VIEW operation_patterns_by_savings; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.operation_patterns_by_savings IS 'Operation patterns ranked by potential monthly savings (rank 1 saves most; patterns without a known cost come last), with their averages, estimated tool cost and confidence (formulas: workflow.operation_monthly_savings, workflow.operation_confidence).';


--
-- Name: pattern_insights; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.pattern_insights (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    discovery_session_id uuid NOT NULL,
    insight_type text NOT NULL,
    insight_category text DEFAULT 'development_intelligence'::text NOT NULL,
    subject text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    detailed_analysis text,
    confidence_score double precision NOT NULL,
    statistical_support jsonb DEFAULT '{}'::jsonb NOT NULL,
    supporting_pattern_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    risk_level text NOT NULL,
    risk_factors text[] DEFAULT '{}'::text[] NOT NULL,
    business_impact text,
    recommendations text[] DEFAULT '{}'::text[] NOT NULL,
    implementation_complexity text,
    estimated_effort_hours integer,
    priority_score integer NOT NULL,
    validation_status text DEFAULT 'pending'::text NOT NULL,
    validation_notes text,
    implementation_notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    is_active boolean DEFAULT true NOT NULL,
    CONSTRAINT pattern_insights_business_impact_check CHECK ((business_impact = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT pattern_insights_confidence_score_check CHECK (((confidence_score >= (0.70)::double precision) AND (confidence_score <= (1)::double precision))),
    CONSTRAINT pattern_insights_description_check CHECK ((description ~ '\S'::text)),
    CONSTRAINT pattern_insights_estimated_effort_hours_check CHECK ((estimated_effort_hours >= 0)),
    CONSTRAINT pattern_insights_implementation_complexity_check CHECK ((implementation_complexity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT pattern_insights_insight_type_check CHECK ((insight_type = ANY (ARRAY['file_coupling'::text, 'temporal_patterns'::text, 'developer_specialization'::text, 'high_risk_files'::text, 'change_anomalies'::text, 'collaboration_gaps'::text, 'architectural_hotspots'::text, 'quality_concerns'::text]))),
    CONSTRAINT pattern_insights_priority_score_check CHECK (((priority_score >= 1) AND (priority_score <= 10))),
    CONSTRAINT pattern_insights_risk_level_check CHECK ((risk_level = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT pattern_insights_title_check CHECK (((title ~ '\S'::text) AND (length(title) <= 255))),
    CONSTRAINT pattern_insights_validation_status_check CHECK ((validation_status = ANY (ARRAY['pending'::text, 'validated'::text, 'rejected'::text, 'implemented'::text])))
);


--
-- Name: TABLE pattern_insights; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.pattern_insights IS 'What a person can act on (spec section 5): a type, a subject, a confidence of at least 0.70, a risk level, recommendations and a priority, with the patterns behind it.';


--
-- Name: COLUMN pattern_insights.insight_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.insight_type IS 'file_coupling, temporal_patterns, developer_specialization, high_risk_files, change_anomalies, collaboration_gaps, architectural_hotspots or quality_concerns.';


--
-- Name: COLUMN pattern_insights.insight_category; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.insight_category IS 'A grouping for dashboards.';


--
-- Name: COLUMN pattern_insights.subject; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.subject IS 'What the insight is about: a file, a pair (path_1|path_2), a directory, an author or a pattern type.';


--
-- Name: COLUMN pattern_insights.title; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.title IS 'A one-line summary.';


--
-- Name: COLUMN pattern_insights.description; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.description IS 'What was found, with its numbers.';


--
-- Name: COLUMN pattern_insights.detailed_analysis; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.detailed_analysis IS 'Further explanation.';


--
-- Name: COLUMN pattern_insights.confidence_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.confidence_score IS 'The confidence the spec assigns to the insight type (only >= 0.70 are stored).';


--
-- Name: COLUMN pattern_insights.statistical_support; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.statistical_support IS 'The numbers behind the insight (JSON).';


--
-- Name: COLUMN pattern_insights.supporting_pattern_ids; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.supporting_pattern_ids IS 'Ids of the patterns (of any pattern table) it rests on.';


--
-- Name: COLUMN pattern_insights.risk_level; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.risk_level IS 'low, medium, high or critical.';


--
-- Name: COLUMN pattern_insights.risk_factors; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.risk_factors IS 'What makes it risky.';


--
-- Name: COLUMN pattern_insights.business_impact; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.business_impact IS 'low, medium, high or critical.';


--
-- Name: COLUMN pattern_insights.recommendations; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.recommendations IS 'What to do about it.';


--
-- Name: COLUMN pattern_insights.implementation_complexity; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.implementation_complexity IS 'low, medium or high.';


--
-- Name: COLUMN pattern_insights.estimated_effort_hours; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.estimated_effort_hours IS 'A rough effort estimate.';


--
-- Name: COLUMN pattern_insights.priority_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.priority_score IS '1 (lowest) to 10 (highest).';


--
-- Name: COLUMN pattern_insights.validation_status; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.validation_status IS 'pending, validated, rejected or implemented: what people made of it.';


--
-- Name: COLUMN pattern_insights.validation_notes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.validation_notes IS 'Notes on the validation.';


--
-- Name: COLUMN pattern_insights.implementation_notes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.implementation_notes IS 'Notes on what was done.';


--
-- Name: COLUMN pattern_insights.created_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.created_at IS 'When the row was created.';


--
-- Name: COLUMN pattern_insights.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.updated_at IS 'When it last changed.';


--
-- Name: COLUMN pattern_insights.expires_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.expires_at IS 'When it stops being relevant, if it does.';


--
-- Name: COLUMN pattern_insights.is_active; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_insights.is_active IS 'False once superseded.';


--
-- Name: project_pattern_summary; Type: MATERIALIZED VIEW; Schema: api; Owner: -
--

CREATE MATERIALIZED VIEW api.project_pattern_summary AS
 SELECT p.project_id,
    p.name AS project_name,
    s.id AS latest_session_id,
    s.discovery_timestamp AS last_discovery,
    COALESCE(s.cooccurrence_patterns, 0) AS cooccurrence_patterns,
    COALESCE(s.temporal_patterns, 0) AS temporal_patterns,
    COALESCE(s.developer_patterns, 0) AS developer_patterns,
    COALESCE(s.magnitude_patterns, 0) AS magnitude_patterns,
    COALESCE(s.insights, 0) AS insights,
    ( SELECT count(*) AS count
           FROM patterns.pattern_insights i
          WHERE ((i.project_id = p.project_id) AND (i.discovery_session_id = s.id) AND i.is_active AND (i.risk_level = 'critical'::text))) AS critical_insights,
    ( SELECT count(*) AS count
           FROM patterns.pattern_insights i
          WHERE ((i.project_id = p.project_id) AND (i.discovery_session_id = s.id) AND i.is_active AND (i.risk_level = 'high'::text))) AS high_risk_insights,
    ( SELECT count(*) AS count
           FROM patterns.change_magnitude_patterns m
          WHERE ((m.project_id = p.project_id) AND (m.discovery_session_id = s.id) AND m.is_active AND (m.risk_level = 'critical'::text))) AS critical_risk_files,
    s.execution_time_ms AS last_execution_time,
    s.patterns_discovered AS total_patterns_discovered,
    s.total_commits_analyzed,
    s.total_files_analyzed
   FROM (core.projects p
     LEFT JOIN LATERAL ( SELECT d.project_id,
            d.id,
            d.session_id,
            d.discovery_timestamp,
            d.algorithm_version,
            d.algorithms,
            d.commit_range_start,
            d.commit_range_end,
            d.window_since,
            d.window_until,
            d.window_until_sha,
            d.total_commits_analyzed,
            d.total_files_analyzed,
            d.execution_time_ms,
            d.patterns_discovered,
            d.cooccurrence_patterns,
            d.temporal_patterns,
            d.developer_patterns,
            d.magnitude_patterns,
            d.insights,
            d.confidence_threshold,
            d.min_cooccurrence,
            d.max_changeset_size,
            d.status,
            d.error_message,
            d.metadata
           FROM patterns.pattern_discovery_sessions d
          WHERE ((d.project_id = p.project_id) AND (d.status = 'completed'::text))
          ORDER BY d.discovery_timestamp DESC
         LIMIT 1) s ON (true))
  WITH NO DATA;


--
-- Name: MATERIALIZED VIEW project_pattern_summary; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON MATERIALIZED VIEW api.project_pattern_summary IS 'Per project, its latest completed discovery run: pattern counts by kind, critical and high-risk insights, critical-risk files, run time. Refreshed by each discovery and every 5 minutes by pg_cron (pgpattern-refresh-pattern-summary).';


--
-- Name: projects; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.projects AS
 SELECT p.name AS project,
    p.project_id,
    p.repository_path,
    p.description,
    p.created_at,
    c.commits,
    c.first_commit_at,
    c.last_commit_at,
    d.discovery_timestamp AS last_discovery,
    d.id AS last_discovery_session_id
   FROM ((core.projects p
     LEFT JOIN LATERAL ( SELECT count(*) AS commits,
            min(gc.authored_at) AS first_commit_at,
            max(gc.authored_at) AS last_commit_at
           FROM git.commits gc
          WHERE (gc.project_id = p.project_id)) c ON (true))
     LEFT JOIN LATERAL ( SELECT s.id,
            s.discovery_timestamp
           FROM patterns.pattern_discovery_sessions s
          WHERE ((s.project_id = p.project_id) AND (s.status = 'completed'::text))
          ORDER BY s.discovery_timestamp DESC
         LIMIT 1) d ON (true));


--
-- Name: VIEW projects; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.projects IS 'Every project, by name (the p_project of the pattern api) and id (the p_project_id of the learning api): where it was ingested from, its ingested commits (count, first and last authored time) and its latest completed discovery run (none yet: NULL). Read live, unlike api.project_pattern_summary.';


--
-- Name: COLUMN projects.project; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON COLUMN api.projects.project IS 'The project''s name: what the pattern api functions take as p_project.';


--
-- Name: COLUMN projects.commits; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON COLUMN api.projects.commits IS 'Commits ingested (git.commits), merges included.';


--
-- Name: COLUMN projects.last_discovery; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON COLUMN api.projects.last_discovery IS 'When its latest completed discovery run started; NULL before the first.';


--
-- Name: pattern_occurrences; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.pattern_occurrences (
    project_id bigint NOT NULL,
    occurrence_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_id uuid NOT NULL,
    source_type text NOT NULL,
    source_id text NOT NULL,
    location_data jsonb,
    context_data jsonb,
    detection_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    detection_model_id uuid,
    confidence_score numeric(3,2),
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT pattern_occurrences_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT pattern_occurrences_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT pattern_occurrences_source_id_check CHECK ((source_id ~ '\S'::text)),
    CONSTRAINT pattern_occurrences_source_type_check CHECK ((source_type = ANY (ARRAY['git_commit'::text, 'code_file'::text, 'user_session'::text])))
)
PARTITION BY RANGE (detection_timestamp);


--
-- Name: TABLE pattern_occurrences; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.pattern_occurrences IS 'Each detection of an identified pattern in a source (commit, file, session), partitioned by ISO week of detection_timestamp (pattern_occurrences_pIYYYYwIW, plus pattern_occurrences_default for rows outside them). Rows are facts: pattern, project and time never change.';


--
-- Name: COLUMN pattern_occurrences.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.project_id IS 'The project of the pattern.';


--
-- Name: COLUMN pattern_occurrences.occurrence_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.occurrence_id IS 'The occurrence''s key (with project_id and detection_timestamp, the partition key).';


--
-- Name: COLUMN pattern_occurrences.pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.pattern_id IS 'The pattern detected.';


--
-- Name: COLUMN pattern_occurrences.source_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.source_type IS 'git_commit, code_file or user_session.';


--
-- Name: COLUMN pattern_occurrences.source_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.source_id IS 'The id of the source entity.';


--
-- Name: COLUMN pattern_occurrences.location_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.location_data IS 'File path, line numbers, function names.';


--
-- Name: COLUMN pattern_occurrences.context_data; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.context_data IS 'Surrounding code or environment.';


--
-- Name: COLUMN pattern_occurrences.detection_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.detection_timestamp IS 'When it was detected; the partition key.';


--
-- Name: COLUMN pattern_occurrences.detection_model_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.detection_model_id IS 'The model version that detected it, if any.';


--
-- Name: COLUMN pattern_occurrences.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.confidence_score IS 'Confidence in this detection, in [0, 1].';


--
-- Name: COLUMN pattern_occurrences.metadata; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.pattern_occurrences.metadata IS 'Other context (a JSON object).';


--
-- Name: system_health_dashboard; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.system_health_dashboard AS
 SELECT 'Learning Events'::text AS component,
    count(*) AS events_last_hour,
    round(avg(e.processing_time_ms), 3) AS avg_value,
    'processing_time_ms'::text AS avg_of
   FROM learning.learning_events e
  WHERE ((e.event_timestamp > (now() - '01:00:00'::interval)) AND (e.event_timestamp <= now()))
UNION ALL
 SELECT 'Pattern Detection'::text AS component,
    count(*) AS events_last_hour,
    round(avg((o.confidence_score * (100)::numeric)), 3) AS avg_value,
    'confidence_percent'::text AS avg_of
   FROM learning.pattern_occurrences o
  WHERE ((o.detection_timestamp > (now() - '01:00:00'::interval)) AND (o.detection_timestamp <= now()))
UNION ALL
 SELECT 'Performance Metrics'::text AS component,
    count(*) AS events_last_hour,
    NULL::numeric AS avg_value,
    NULL::text AS avg_of
   FROM learning.system_performance_metrics m
  WHERE ((m.metric_timestamp > (now() - '01:00:00'::interval)) AND (m.metric_timestamp <= now()));


--
-- Name: VIEW system_health_dashboard; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.system_health_dashboard IS 'The implementation guide''s system health dashboard, live: per component (Learning Events, Pattern Detection, Performance Metrics) the rows of the last hour (none from the future) and a mean (avg_of names it: processing_time_ms, confidence_percent). Counts span all projects.';


--
-- Name: workflow_errors_by_severity; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.workflow_errors_by_severity AS
 SELECT COALESCE(p.severity, 'unspecified'::text) AS severity,
    COALESCE(p.environment, 'unspecified'::text) AS environment,
    count(*) AS occurrences,
    count(DISTINCT (p.data ->> 'error_type'::text)) AS error_types,
    count(*) FILTER (WHERE ((p.data ->> 'auto_resolved'::text))::boolean) AS auto_resolved,
    min(p.occurred_at) AS first_seen,
    max(p.occurred_at) AS last_seen
   FROM workflow.patterns p
  WHERE (p.pattern_type = 'error_occurrence'::text)
  GROUP BY COALESCE(p.severity, 'unspecified'::text), COALESCE(p.environment, 'unspecified'::text);


--
-- Name: VIEW workflow_errors_by_severity; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.workflow_errors_by_severity IS 'Error occurrences per severity (minor, moderate, critical or unspecified) and environment (development, staging, production or unspecified): how many, of how many error types, how many resolved automatically, first and last seen.';


--
-- Name: workflow_patterns_by_day; Type: VIEW; Schema: api; Owner: -
--

CREATE VIEW api.workflow_patterns_by_day AS
 SELECT ((p.occurred_at AT TIME ZONE 'UTC'::text))::date AS day,
    p.pattern_type,
    count(*) AS patterns,
    count(*) FILTER (WHERE ((p.data ->> 'success'::text))::boolean) AS succeeded,
    count(*) FILTER (WHERE (NOT ((p.data ->> 'success'::text))::boolean)) AS failed,
    round(avg(((p.data ->> 'duration_ms'::text))::numeric), 1) AS avg_duration_ms
   FROM workflow.patterns p
  GROUP BY (((p.occurred_at AT TIME ZONE 'UTC'::text))::date), p.pattern_type;


--
-- Name: VIEW workflow_patterns_by_day; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON VIEW api.workflow_patterns_by_day IS 'Workflow patterns per UTC day and type: how many, how many succeeded and failed (task_completion and agent_usage), and their mean duration in milliseconds.';


--
-- Name: projects_project_id_seq; Type: SEQUENCE; Schema: core; Owner: -
--

ALTER TABLE core.projects ALTER COLUMN project_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME core.projects_project_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sessions; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.sessions (
    project_id bigint NOT NULL,
    session_id uuid DEFAULT gen_random_uuid() NOT NULL,
    developer text,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    ended_at timestamp with time zone,
    status text DEFAULT 'active'::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sessions_end_after_start CHECK (((ended_at IS NULL) OR (ended_at >= started_at))),
    CONSTRAINT sessions_ended_has_end CHECK (((status = 'active'::text) = (ended_at IS NULL))),
    CONSTRAINT sessions_metadata_is_object CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT sessions_status_check CHECK ((status = ANY (ARRAY['active'::text, 'ended'::text, 'abandoned'::text])))
);


--
-- Name: TABLE sessions; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON TABLE core.sessions IS 'Development sessions of a project: a span of work by a developer that discovery runs and patterns can refer to.';


--
-- Name: COLUMN sessions.project_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.project_id IS 'The project the session belongs to.';


--
-- Name: COLUMN sessions.session_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.session_id IS 'The session key within its project.';


--
-- Name: COLUMN sessions.developer; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.developer IS 'Who worked in the session: an author identity (lower-cased email) or a free name.';


--
-- Name: COLUMN sessions.started_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.started_at IS 'When the session began.';


--
-- Name: COLUMN sessions.ended_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.ended_at IS 'When the session ended; NULL while active.';


--
-- Name: COLUMN sessions.status; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.status IS 'active, ended or abandoned; only an active session has no end time.';


--
-- Name: COLUMN sessions.metadata; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.metadata IS 'Free-form attributes of the session (a JSON object).';


--
-- Name: COLUMN sessions.created_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.created_at IS 'When the row was created.';


--
-- Name: COLUMN sessions.updated_at; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.sessions.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: authors; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.authors (
    project_id bigint NOT NULL,
    author_id integer NOT NULL,
    author_key text NOT NULL
);


--
-- Name: TABLE authors; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.authors IS 'A number per author (git.commits.author_key) of a project: the tables that hold a row per author store the number, not the text, so a person''s identity is in one row here.';


--
-- Name: authors_author_id_seq; Type: SEQUENCE; Schema: git; Owner: -
--

ALTER TABLE git.authors ALTER COLUMN author_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME git.authors_author_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: commits_commit_id_seq; Type: SEQUENCE; Schema: git; Owner: -
--

ALTER TABLE git.commits ALTER COLUMN commit_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME git.commits_commit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: ingested_refs; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.ingested_refs (
    project_id bigint NOT NULL,
    ref_name text NOT NULL,
    tip_sha text NOT NULL,
    commits bigint NOT NULL,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE ingested_refs; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.ingested_refs IS 'Where each ingest of a project ended: the ref, its tip, and when. The next ingest reads only commits not reachable from the tip.';


--
-- Name: COLUMN ingested_refs.ref_name; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.ingested_refs.ref_name IS 'The ref as given to pgpattern ingest (HEAD by default).';


--
-- Name: COLUMN ingested_refs.tip_sha; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.ingested_refs.tip_sha IS 'The commit the ref pointed at when its ingest finished.';


--
-- Name: COLUMN ingested_refs.commits; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.ingested_refs.commits IS 'Commits of the project stored when the ingest finished.';


--
-- Name: COLUMN ingested_refs.ingested_at; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.ingested_refs.ingested_at IS 'When the ingest finished.';


--
-- Name: lineage_marks; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.lineage_marks (
    project_id bigint NOT NULL,
    through_commit_id bigint NOT NULL,
    refreshed_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE lineage_marks; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.lineage_marks IS 'Per project, how far git.finish_ingest brought the lineage: every commit up to through_commit_id has its latest_path; the next ingest refreshes the commits stored after it.';


--
-- Name: COLUMN lineage_marks.through_commit_id; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.lineage_marks.through_commit_id IS 'The largest commit_id of the project when its lineage was last refreshed by an ingest.';


--
-- Name: COLUMN lineage_marks.refreshed_at; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON COLUMN git.lineage_marks.refreshed_at IS 'When that ingest refreshed the lineage.';


--
-- Name: paths; Type: TABLE; Schema: git; Owner: -
--

CREATE TABLE git.paths (
    project_id bigint NOT NULL,
    path_id integer NOT NULL,
    path text NOT NULL
);


--
-- Name: TABLE paths; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON TABLE git.paths IS 'A number per path a project''s state is keyed by (a file''s latest path): the tables that hold a row per file or pair of files store the number, not the text. Rows are added, never changed; a path that is no longer any file''s latest path keeps its number.';


--
-- Name: paths_path_id_seq; Type: SEQUENCE; Schema: git; Owner: -
--

ALTER TABLE git.paths ALTER COLUMN path_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME git.paths_path_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: ab_testing_assignments; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.ab_testing_assignments (
    project_id bigint NOT NULL,
    assignment_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_id uuid NOT NULL,
    user_id text NOT NULL,
    variant text NOT NULL,
    assignment_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    session_id text,
    user_agent text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT ab_testing_assignments_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT ab_testing_assignments_user_check CHECK (((user_id ~ '\S'::text) AND (length(user_id) <= 255)))
);


--
-- Name: TABLE ab_testing_assignments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.ab_testing_assignments IS 'Which variant of an experiment a user got: one row per user and experiment, written by api.ab_assign (the first assignment stands).';


--
-- Name: COLUMN ab_testing_assignments.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN ab_testing_assignments.assignment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.assignment_id IS 'The assignment''s key.';


--
-- Name: COLUMN ab_testing_assignments.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.experiment_id IS 'The experiment.';


--
-- Name: COLUMN ab_testing_assignments.user_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.user_id IS 'The user, as the application names them.';


--
-- Name: COLUMN ab_testing_assignments.variant; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.variant IS 'The variant the user got.';


--
-- Name: COLUMN ab_testing_assignments.assignment_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.assignment_timestamp IS 'When.';


--
-- Name: COLUMN ab_testing_assignments.session_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.session_id IS 'The session of the first assignment, if given.';


--
-- Name: COLUMN ab_testing_assignments.user_agent; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.user_agent IS 'The user agent, if given.';


--
-- Name: COLUMN ab_testing_assignments.metadata; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_assignments.metadata IS 'Other context (a JSON object).';


--
-- Name: ab_testing_outcomes; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.ab_testing_outcomes (
    project_id bigint NOT NULL,
    experiment_id uuid NOT NULL,
    user_id text NOT NULL,
    metric_name text NOT NULL,
    value numeric NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE ab_testing_outcomes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.ab_testing_outcomes IS 'What an assigned user did, per target metric: for a conversion metric 0 or 1, for a mean metric the user''s value. One row per user and metric (recording again replaces it). Written by api.ab_record_outcome.';


--
-- Name: COLUMN ab_testing_outcomes.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN ab_testing_outcomes.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.experiment_id IS 'The experiment.';


--
-- Name: COLUMN ab_testing_outcomes.user_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.user_id IS 'The assigned user.';


--
-- Name: COLUMN ab_testing_outcomes.metric_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.metric_name IS 'One of the experiment''s target_metrics.';


--
-- Name: COLUMN ab_testing_outcomes.value; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.value IS '0 or 1 for a conversion metric; any number for a mean metric.';


--
-- Name: COLUMN ab_testing_outcomes.recorded_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.ab_testing_outcomes.recorded_at IS 'When it was (last) recorded.';


--
-- Name: code_evaluations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.code_evaluations (
    project_id bigint NOT NULL,
    evaluation_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid NOT NULL,
    evaluation_type text NOT NULL,
    test_cases_passed integer,
    test_cases_total integer,
    execution_time_ms integer,
    memory_usage_bytes bigint,
    correctness_score numeric(5,4),
    performance_score numeric(5,4),
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    evaluated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT code_evaluations_correctness_score_range CHECK (((correctness_score >= (0)::numeric) AND (correctness_score <= (1)::numeric))),
    CONSTRAINT code_evaluations_details_check CHECK ((jsonb_typeof(details) = 'object'::text)),
    CONSTRAINT code_evaluations_evaluation_type_check CHECK ((evaluation_type = ANY (ARRAY['functional'::text, 'performance'::text, 'security'::text, 'style'::text]))),
    CONSTRAINT code_evaluations_execution_time_ms_check CHECK ((execution_time_ms >= 0)),
    CONSTRAINT code_evaluations_memory_usage_bytes_check CHECK ((memory_usage_bytes >= 0)),
    CONSTRAINT code_evaluations_performance_score_range CHECK (((performance_score >= (0)::numeric) AND (performance_score <= (1)::numeric))),
    CONSTRAINT code_evaluations_test_cases_check CHECK (((test_cases_passed >= 0) AND (test_cases_passed <= test_cases_total))),
    CONSTRAINT code_evaluations_test_cases_total_check CHECK ((test_cases_total >= 0))
);


--
-- Name: TABLE code_evaluations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.code_evaluations IS 'Evaluations of an individual''s code: tests passed, time, memory, scores.';


--
-- Name: COLUMN code_evaluations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN code_evaluations.evaluation_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluation_id IS 'The evaluation''s key within its project.';


--
-- Name: COLUMN code_evaluations.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.experiment_id IS 'The experiment of the individual.';


--
-- Name: COLUMN code_evaluations.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.individual_id IS 'The individual evaluated.';


--
-- Name: COLUMN code_evaluations.evaluation_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluation_type IS 'functional, performance, security or style.';


--
-- Name: COLUMN code_evaluations.test_cases_passed; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.test_cases_passed IS 'Test cases passed, between 0 and test_cases_total.';


--
-- Name: COLUMN code_evaluations.test_cases_total; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.test_cases_total IS 'Test cases run, not negative.';


--
-- Name: COLUMN code_evaluations.execution_time_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.execution_time_ms IS 'Execution time in milliseconds.';


--
-- Name: COLUMN code_evaluations.memory_usage_bytes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.memory_usage_bytes IS 'Peak memory in bytes.';


--
-- Name: COLUMN code_evaluations.correctness_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.correctness_score IS 'Correctness in [0, 1].';


--
-- Name: COLUMN code_evaluations.performance_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.performance_score IS 'Performance in [0, 1].';


--
-- Name: COLUMN code_evaluations.details; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.details IS 'Everything else the evaluator reported (a JSON object).';


--
-- Name: COLUMN code_evaluations.evaluated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.code_evaluations.evaluated_at IS 'When the evaluation ran.';


--
-- Name: evolution_experiment_templates; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_experiment_templates (
    template_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    description text,
    problem_category text NOT NULL,
    template_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_experiment_templates_config_keys CHECK (((jsonb_typeof(template_config) = 'object'::text) AND ((template_config - ARRAY['population_size'::text, 'max_generations'::text, 'mutation_rate'::text, 'crossover_rate'::text, 'selection_strategy'::text, 'convergence_threshold'::text, 'objective_function'::text, 'llm_config'::text, 'evaluation_config'::text]) = '{}'::jsonb))),
    CONSTRAINT evolution_experiment_templates_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT evolution_experiment_templates_problem_category_check CHECK ((problem_category = ANY (ARRAY['optimization'::text, 'algorithm_design'::text, 'refactoring'::text, 'testing'::text])))
);


--
-- Name: TABLE evolution_experiment_templates; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_experiment_templates IS 'Reusable experiment configurations, shared by all projects. An experiment created with a template_id copies the template''s configuration into every column it leaves NULL.';


--
-- Name: COLUMN evolution_experiment_templates.template_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.template_id IS 'The template key.';


--
-- Name: COLUMN evolution_experiment_templates.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.name IS 'A unique name, e.g. code_optimization.';


--
-- Name: COLUMN evolution_experiment_templates.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.description IS 'What the template is for.';


--
-- Name: COLUMN evolution_experiment_templates.problem_category; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.problem_category IS 'optimization, algorithm_design, refactoring or testing.';


--
-- Name: COLUMN evolution_experiment_templates.template_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.template_config IS 'A JSON object whose keys name experiment columns: population_size, max_generations, mutation_rate, crossover_rate, selection_strategy, convergence_threshold, objective_function, llm_config, evaluation_config (no other key is accepted).';


--
-- Name: COLUMN evolution_experiment_templates.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.created_at IS 'When the row was created.';


--
-- Name: COLUMN evolution_experiment_templates.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiment_templates.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: evolution_experiments; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_experiments (
    project_id bigint NOT NULL,
    experiment_id uuid DEFAULT gen_random_uuid() NOT NULL,
    template_id uuid,
    name text NOT NULL,
    description text,
    problem_definition jsonb NOT NULL,
    objective_function jsonb NOT NULL,
    population_size integer NOT NULL,
    max_generations integer NOT NULL,
    current_generation integer DEFAULT 0 NOT NULL,
    status text DEFAULT 'initialized'::text NOT NULL,
    best_score numeric,
    convergence_threshold numeric,
    converged_at_generation integer,
    mutation_rate numeric(3,2) NOT NULL,
    crossover_rate numeric(3,2) NOT NULL,
    selection_strategy text NOT NULL,
    llm_config jsonb NOT NULL,
    evaluation_config jsonb NOT NULL,
    finished_at timestamp with time zone,
    created_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_experiments_converged_check CHECK (((converged_at_generation IS NULL) OR (((converged_at_generation >= 1) AND (converged_at_generation <= current_generation)) AND (status = 'completed'::text)))),
    CONSTRAINT evolution_experiments_convergence_threshold_check CHECK ((convergence_threshold >= (0)::numeric)),
    CONSTRAINT evolution_experiments_crossover_rate_range CHECK (((crossover_rate >= (0)::numeric) AND (crossover_rate <= (1)::numeric))),
    CONSTRAINT evolution_experiments_finished_iff_final CHECK (((status = ANY (ARRAY['initialized'::text, 'running'::text])) = (finished_at IS NULL))),
    CONSTRAINT evolution_experiments_generations_check CHECK (((max_generations > 0) AND ((current_generation >= 0) AND (current_generation <= max_generations)))),
    CONSTRAINT evolution_experiments_mutation_rate_range CHECK (((mutation_rate >= (0)::numeric) AND (mutation_rate <= (1)::numeric))),
    CONSTRAINT evolution_experiments_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT evolution_experiments_objects_check CHECK (((jsonb_typeof(problem_definition) = 'object'::text) AND (jsonb_typeof(llm_config) = 'object'::text) AND (jsonb_typeof(evaluation_config) = 'object'::text))),
    CONSTRAINT evolution_experiments_population_size_check CHECK ((population_size > 0)),
    CONSTRAINT evolution_experiments_selection_strategy_check CHECK ((selection_strategy = ANY (ARRAY['tournament'::text, 'roulette'::text, 'rank'::text, 'elitist'::text]))),
    CONSTRAINT evolution_experiments_status_check CHECK ((status = ANY (ARRAY['initialized'::text, 'running'::text, 'completed'::text, 'failed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE evolution_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_experiments IS 'Evolutionary code-optimisation experiments. Columns left NULL at creation come from the template (template_id), then from the defaults; status initialized -> running (first generation) -> completed (converged or last generation ended), failed or cancelled. current_generation, best_score and convergence are maintained by the database.';


--
-- Name: COLUMN evolution_experiments.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.project_id IS 'The project whose code the experiment evolves.';


--
-- Name: COLUMN evolution_experiments.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.experiment_id IS 'The experiment''s key within its project.';


--
-- Name: COLUMN evolution_experiments.template_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.template_id IS 'The template it was created from, if any; its configuration was copied at creation.';


--
-- Name: COLUMN evolution_experiments.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.name IS 'A name, unique within the project.';


--
-- Name: COLUMN evolution_experiments.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.description IS 'Free text.';


--
-- Name: COLUMN evolution_experiments.problem_definition; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.problem_definition IS 'The problem statement and constraints (a JSON object).';


--
-- Name: COLUMN evolution_experiments.objective_function; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.objective_function IS 'What is optimised; from the template if not given.';


--
-- Name: COLUMN evolution_experiments.population_size; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.population_size IS 'Individuals per generation (positive; default 50): individual_index runs from 1 to it.';


--
-- Name: COLUMN evolution_experiments.max_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.max_generations IS 'The last generation number (positive; default 100).';


--
-- Name: COLUMN evolution_experiments.current_generation; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.current_generation IS 'The number of the newest generation, 0 before the first (maintained by a trigger).';


--
-- Name: COLUMN evolution_experiments.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.status IS 'initialized (new), running (from its first generation), completed, failed, cancelled (final).';


--
-- Name: COLUMN evolution_experiments.best_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.best_score IS 'The highest fitness_score of any individual (maintained by a trigger).';


--
-- Name: COLUMN evolution_experiments.convergence_threshold; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.convergence_threshold IS 'Minimum improvement of the best score over 5 generations; less completes the experiment. NULL: no convergence test.';


--
-- Name: COLUMN evolution_experiments.converged_at_generation; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.converged_at_generation IS 'The generation at whose end convergence completed the experiment; NULL otherwise.';


--
-- Name: COLUMN evolution_experiments.mutation_rate; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.mutation_rate IS 'In [0, 1]; default 0.1.';


--
-- Name: COLUMN evolution_experiments.crossover_rate; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.crossover_rate IS 'In [0, 1]; default 0.8.';


--
-- Name: COLUMN evolution_experiments.selection_strategy; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.selection_strategy IS 'tournament (default), roulette, rank or elitist.';


--
-- Name: COLUMN evolution_experiments.llm_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.llm_config IS 'LLM settings for code generation (a JSON object; default {}).';


--
-- Name: COLUMN evolution_experiments.evaluation_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.evaluation_config IS 'How generated code is evaluated (a JSON object; default {}).';


--
-- Name: COLUMN evolution_experiments.finished_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.finished_at IS 'When it reached a final status (set by a trigger).';


--
-- Name: COLUMN evolution_experiments.created_by; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.created_by IS 'Who created it.';


--
-- Name: COLUMN evolution_experiments.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.created_at IS 'When the row was created.';


--
-- Name: COLUMN evolution_experiments.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_experiments.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: evolution_generations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_generations (
    project_id bigint NOT NULL,
    experiment_id uuid NOT NULL,
    generation_number integer NOT NULL,
    scored_count integer DEFAULT 0 NOT NULL,
    evaluated_count integer DEFAULT 0 NOT NULL,
    min_score numeric,
    max_score numeric,
    mean_score numeric,
    stddev_score numeric,
    best_individual_id uuid,
    diversity_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    selection_pressure numeric(3,2),
    generation_start timestamp with time zone DEFAULT now() NOT NULL,
    generation_end timestamp with time zone,
    CONSTRAINT evolution_generations_counts_check CHECK (((scored_count >= 0) AND (scored_count <= evaluated_count))),
    CONSTRAINT evolution_generations_diversity_metrics_check CHECK ((jsonb_typeof(diversity_metrics) = 'object'::text)),
    CONSTRAINT evolution_generations_end_after_start CHECK ((generation_end >= generation_start)),
    CONSTRAINT evolution_generations_generation_number_check CHECK ((generation_number >= 1)),
    CONSTRAINT evolution_generations_selection_pressure_check CHECK ((selection_pressure >= (0)::numeric)),
    CONSTRAINT evolution_generations_stats_iff_scored CHECK ((((scored_count = 0) = (max_score IS NULL)) AND ((max_score IS NULL) = (best_individual_id IS NULL))))
);


--
-- Name: TABLE evolution_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_generations IS 'The generations of an experiment, numbered 1, 2, ... without gaps up to max_generations. Score statistics are maintained from the individuals; a generation ends when population_size individuals are evaluated or generation_end is set, and its end triggers the convergence test.';


--
-- Name: COLUMN evolution_generations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN evolution_generations.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.experiment_id IS 'The experiment.';


--
-- Name: COLUMN evolution_generations.generation_number; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_number IS 'The generation''s number in its experiment: current_generation + 1 when created.';


--
-- Name: COLUMN evolution_generations.scored_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.scored_count IS 'Individuals with a fitness score (completed); the statistics are over these.';


--
-- Name: COLUMN evolution_generations.evaluated_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.evaluated_count IS 'Individuals evaluated, completed or failed.';


--
-- Name: COLUMN evolution_generations.min_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.min_score IS 'Lowest fitness score.';


--
-- Name: COLUMN evolution_generations.max_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.max_score IS 'Highest fitness score.';


--
-- Name: COLUMN evolution_generations.mean_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.mean_score IS 'Mean fitness score.';


--
-- Name: COLUMN evolution_generations.stddev_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.stddev_score IS 'Population standard deviation of the fitness scores (0 for one).';


--
-- Name: COLUMN evolution_generations.best_individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.best_individual_id IS 'The individual with the highest score (the lowest individual_index among equals).';


--
-- Name: COLUMN evolution_generations.diversity_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.diversity_metrics IS 'Genetic diversity measurements (a JSON object).';


--
-- Name: COLUMN evolution_generations.selection_pressure; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.selection_pressure IS 'Selection pressure, not negative.';


--
-- Name: COLUMN evolution_generations.generation_start; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_start IS 'When the generation was created.';


--
-- Name: COLUMN evolution_generations.generation_end; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_generations.generation_end IS 'When it ended: set by the database once population_size individuals are evaluated, or by the caller to end it early. An ended generation takes no more individuals.';


--
-- Name: evolution_individuals; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.evolution_individuals (
    project_id bigint NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid DEFAULT gen_random_uuid() NOT NULL,
    generation_number integer NOT NULL,
    individual_index integer NOT NULL,
    genotype jsonb NOT NULL,
    phenotype text,
    fitness_score numeric,
    evaluation_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    parent_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    mutation_applied jsonb,
    crossover_applied jsonb,
    evaluation_time_ms integer,
    evaluation_status text DEFAULT 'pending'::text NOT NULL,
    error_log text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evolution_individuals_evaluation_metrics_check CHECK ((jsonb_typeof(evaluation_metrics) = 'object'::text)),
    CONSTRAINT evolution_individuals_evaluation_status_check CHECK ((evaluation_status = ANY (ARRAY['pending'::text, 'evaluating'::text, 'completed'::text, 'failed'::text]))),
    CONSTRAINT evolution_individuals_evaluation_time_ms_check CHECK ((evaluation_time_ms >= 0)),
    CONSTRAINT evolution_individuals_fitness_score_check CHECK ((fitness_score <> 'NaN'::numeric)),
    CONSTRAINT evolution_individuals_individual_index_check CHECK ((individual_index >= 1)),
    CONSTRAINT evolution_individuals_scored_iff_completed CHECK (((evaluation_status = 'completed'::text) = (fitness_score IS NOT NULL)))
);


--
-- Name: TABLE evolution_individuals; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.evolution_individuals IS 'Candidate programs of a generation, at positions 1 to population_size; scoring one (fitness_score with evaluation_status completed) updates the generation''s statistics and the experiment''s best_score.';


--
-- Name: COLUMN evolution_individuals.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN evolution_individuals.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.experiment_id IS 'The experiment.';


--
-- Name: COLUMN evolution_individuals.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.individual_id IS 'The individual''s key within its experiment.';


--
-- Name: COLUMN evolution_individuals.generation_number; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.generation_number IS 'Its generation, which must exist and not have ended.';


--
-- Name: COLUMN evolution_individuals.individual_index; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.individual_index IS 'Its position in the generation, 1 to population_size.';


--
-- Name: COLUMN evolution_individuals.genotype; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.genotype IS 'The code representation.';


--
-- Name: COLUMN evolution_individuals.phenotype; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.phenotype IS 'The executable code.';


--
-- Name: COLUMN evolution_individuals.fitness_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.fitness_score IS 'Fitness (higher is better, not NaN); present exactly when evaluation_status is completed.';


--
-- Name: COLUMN evolution_individuals.evaluation_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_metrics IS 'Detailed evaluation results (a JSON object).';


--
-- Name: COLUMN evolution_individuals.parent_ids; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.parent_ids IS 'Parents: individuals of earlier generations of the same experiment.';


--
-- Name: COLUMN evolution_individuals.mutation_applied; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.mutation_applied IS 'The mutations applied.';


--
-- Name: COLUMN evolution_individuals.crossover_applied; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.crossover_applied IS 'The crossover operations applied.';


--
-- Name: COLUMN evolution_individuals.evaluation_time_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_time_ms IS 'How long evaluation took, in milliseconds.';


--
-- Name: COLUMN evolution_individuals.evaluation_status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.evaluation_status IS 'pending, evaluating, completed (scored) or failed; completed and failed are final.';


--
-- Name: COLUMN evolution_individuals.error_log; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.error_log IS 'Errors, for a failed evaluation.';


--
-- Name: COLUMN evolution_individuals.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.evolution_individuals.created_at IS 'When the row was created.';


--
-- Name: git_operation_learning_events; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.git_operation_learning_events (
    project_id bigint NOT NULL,
    link_id uuid DEFAULT gen_random_uuid() NOT NULL,
    git_operation_id text NOT NULL,
    learning_event_id uuid NOT NULL,
    event_timestamp timestamp with time zone NOT NULL,
    operation_type text,
    repository_id text,
    branch_name text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT git_operation_learning_events_operation_id_check CHECK (((git_operation_id ~ '\S'::text) AND (length(git_operation_id) <= 255))),
    CONSTRAINT git_operation_learning_events_operation_type_check CHECK ((operation_type = ANY (ARRAY['commit'::text, 'merge'::text, 'rebase'::text, 'pull_request'::text])))
);


--
-- Name: TABLE git_operation_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.git_operation_learning_events IS 'Links a learning event to the git operation (commit, merge, rebase, pull request) it came from. Rows go with their event when retention removes its partition.';


--
-- Name: COLUMN git_operation_learning_events.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.project_id IS 'The project of the event.';


--
-- Name: COLUMN git_operation_learning_events.link_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.link_id IS 'The link''s key within its project.';


--
-- Name: COLUMN git_operation_learning_events.git_operation_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.git_operation_id IS 'The git operation: a commit hash, a pull request number, ... (free text, as the operation tracker names it).';


--
-- Name: COLUMN git_operation_learning_events.learning_event_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.learning_event_id IS 'The learning event.';


--
-- Name: COLUMN git_operation_learning_events.event_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.event_timestamp IS 'The event''s timestamp (part of its key); filled in by a trigger when NULL.';


--
-- Name: COLUMN git_operation_learning_events.operation_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.operation_type IS 'commit, merge, rebase or pull_request.';


--
-- Name: COLUMN git_operation_learning_events.repository_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.repository_id IS 'The repository.';


--
-- Name: COLUMN git_operation_learning_events.branch_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.branch_name IS 'The branch.';


--
-- Name: COLUMN git_operation_learning_events.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.git_operation_learning_events.created_at IS 'When the link was recorded.';


--
-- Name: identified_patterns; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.identified_patterns (
    project_id bigint NOT NULL,
    pattern_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_type text NOT NULL,
    pattern_name text NOT NULL,
    pattern_description text,
    detection_algorithm text,
    confidence_score numeric(3,2),
    pattern_signature jsonb DEFAULT '{}'::jsonb NOT NULL,
    occurrence_frequency integer DEFAULT 0 NOT NULL,
    first_detected timestamp with time zone DEFAULT now() NOT NULL,
    last_detected timestamp with time zone,
    severity_level text,
    impact_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    remediation_suggestions jsonb,
    status text DEFAULT 'active'::text NOT NULL,
    CONSTRAINT identified_patterns_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT identified_patterns_detected_order CHECK ((last_detected >= first_detected)),
    CONSTRAINT identified_patterns_impact_metrics_check CHECK ((jsonb_typeof(impact_metrics) = 'object'::text)),
    CONSTRAINT identified_patterns_occurrence_frequency_check CHECK ((occurrence_frequency >= 0)),
    CONSTRAINT identified_patterns_pattern_name_check CHECK (((pattern_name ~ '\S'::text) AND (length(pattern_name) <= 200))),
    CONSTRAINT identified_patterns_pattern_type_check CHECK ((pattern_type = ANY (ARRAY['code_smell'::text, 'performance_bottleneck'::text, 'usage_pattern'::text, 'security_vulnerability'::text]))),
    CONSTRAINT identified_patterns_severity_level_check CHECK ((severity_level = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT identified_patterns_signature_check CHECK (((jsonb_typeof(pattern_signature) = 'object'::text) AND (octet_length((pattern_signature)::text) <= 2000))),
    CONSTRAINT identified_patterns_status_check CHECK ((status = ANY (ARRAY['active'::text, 'resolved'::text, 'ignored'::text, 'false_positive'::text])))
);


--
-- Name: TABLE identified_patterns; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.identified_patterns IS 'Patterns found in a project''s code and behaviour, unique by type, name and signature; occurrence_frequency, first_detected and last_detected follow learning.pattern_occurrences (trigger).';


--
-- Name: COLUMN identified_patterns.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.project_id IS 'The project the pattern was found in.';


--
-- Name: COLUMN identified_patterns.pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_id IS 'The pattern''s key within its project.';


--
-- Name: COLUMN identified_patterns.pattern_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_type IS 'code_smell, performance_bottleneck, usage_pattern or security_vulnerability.';


--
-- Name: COLUMN identified_patterns.pattern_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_name IS 'A short name, e.g. long_method.';


--
-- Name: COLUMN identified_patterns.pattern_description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_description IS 'What the pattern is.';


--
-- Name: COLUMN identified_patterns.detection_algorithm; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.detection_algorithm IS 'The algorithm that detects it.';


--
-- Name: COLUMN identified_patterns.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.confidence_score IS 'Confidence in the pattern, in [0, 1].';


--
-- Name: COLUMN identified_patterns.pattern_signature; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.pattern_signature IS 'What distinguishes this pattern from others of the same type and name (a JSON object of at most 2000 bytes as text).';


--
-- Name: COLUMN identified_patterns.occurrence_frequency; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.occurrence_frequency IS 'How many occurrences were recorded (maintained by a trigger on pattern_occurrences; deletions do not lower it).';


--
-- Name: COLUMN identified_patterns.first_detected; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.first_detected IS 'When the pattern was first seen: its creation, or an earlier occurrence.';


--
-- Name: COLUMN identified_patterns.last_detected; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.last_detected IS 'The latest detection_timestamp of its occurrences; NULL before the first (maintained by a trigger).';


--
-- Name: COLUMN identified_patterns.severity_level; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.severity_level IS 'low, medium, high or critical, if assessed.';


--
-- Name: COLUMN identified_patterns.impact_metrics; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.impact_metrics IS 'Performance, maintainability and other impact (a JSON object).';


--
-- Name: COLUMN identified_patterns.remediation_suggestions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.remediation_suggestions IS 'Suggested fixes.';


--
-- Name: COLUMN identified_patterns.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.identified_patterns.status IS 'active, resolved, ignored or false_positive.';


--
-- Name: learning_events_default; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.learning_events_default (
    project_id bigint NOT NULL,
    event_id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_type text NOT NULL,
    event_subtype text,
    event_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    source_system text,
    entity_type text,
    entity_id text,
    event_data jsonb NOT NULL,
    user_id text,
    session_id text,
    processing_time_ms integer,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT learning_events_entity_type_check CHECK ((length(entity_type) <= 100)),
    CONSTRAINT learning_events_event_data_check CHECK ((jsonb_typeof(event_data) = ANY (ARRAY['object'::text, 'array'::text]))),
    CONSTRAINT learning_events_event_subtype_check CHECK ((length(event_subtype) <= 100)),
    CONSTRAINT learning_events_event_type_check CHECK (((event_type ~ '^[a-z][a-z0-9_]*$'::text) AND (length(event_type) <= 100))),
    CONSTRAINT learning_events_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT learning_events_processing_time_check CHECK ((processing_time_ms >= 0)),
    CONSTRAINT learning_events_source_system_check CHECK ((length(source_system) <= 100))
);


--
-- Name: TABLE learning_events_default; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.learning_events_default IS 'Learning events outside every monthly partition; ops.run_partition_maintenance() moves them into the month they belong to.';


--
-- Name: llm_interactions; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.llm_interactions (
    project_id bigint NOT NULL,
    interaction_id uuid DEFAULT gen_random_uuid() NOT NULL,
    experiment_id uuid NOT NULL,
    individual_id uuid,
    interaction_type text NOT NULL,
    llm_model text NOT NULL,
    prompt_text text,
    response_text text,
    prompt_tokens integer DEFAULT 0 NOT NULL,
    completion_tokens integer DEFAULT 0 NOT NULL,
    total_tokens integer GENERATED ALWAYS AS ((prompt_tokens + completion_tokens)) STORED,
    cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
    latency_ms integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT llm_interactions_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT llm_interactions_interaction_type_check CHECK ((interaction_type = ANY (ARRAY['generation'::text, 'mutation'::text, 'crossover'::text, 'evaluation'::text, 'analysis'::text]))),
    CONSTRAINT llm_interactions_latency_ms_check CHECK ((latency_ms >= 0)),
    CONSTRAINT llm_interactions_llm_model_check CHECK ((llm_model ~ '\S'::text)),
    CONSTRAINT llm_interactions_tokens_check CHECK (((prompt_tokens >= 0) AND (completion_tokens >= 0)))
);


--
-- Name: TABLE llm_interactions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.llm_interactions IS 'Calls to an LLM made by an experiment (optionally for one individual): tokens and cost.';


--
-- Name: COLUMN llm_interactions.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.project_id IS 'The project of the experiment.';


--
-- Name: COLUMN llm_interactions.interaction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.interaction_id IS 'The interaction''s key within its project.';


--
-- Name: COLUMN llm_interactions.experiment_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.experiment_id IS 'The experiment that made the call.';


--
-- Name: COLUMN llm_interactions.individual_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.individual_id IS 'The individual of the same experiment it was for, if any.';


--
-- Name: COLUMN llm_interactions.interaction_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.interaction_type IS 'generation, mutation, crossover, evaluation or analysis.';


--
-- Name: COLUMN llm_interactions.llm_model; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.llm_model IS 'The LLM, e.g. gpt-4.';


--
-- Name: COLUMN llm_interactions.prompt_text; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.prompt_text IS 'The prompt.';


--
-- Name: COLUMN llm_interactions.response_text; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.response_text IS 'The response.';


--
-- Name: COLUMN llm_interactions.prompt_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.prompt_tokens IS 'Tokens in the prompt, not negative.';


--
-- Name: COLUMN llm_interactions.completion_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.completion_tokens IS 'Tokens in the response, not negative.';


--
-- Name: COLUMN llm_interactions.total_tokens; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.total_tokens IS 'prompt_tokens + completion_tokens (generated).';


--
-- Name: COLUMN llm_interactions.cost_usd; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.cost_usd IS 'What the call cost, in US dollars, not negative.';


--
-- Name: COLUMN llm_interactions.latency_ms; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.latency_ms IS 'How long the call took, in milliseconds.';


--
-- Name: COLUMN llm_interactions.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.llm_interactions.created_at IS 'When the call was made.';


--
-- Name: pattern_occurrences_default; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.pattern_occurrences_default (
    project_id bigint NOT NULL,
    occurrence_id uuid DEFAULT gen_random_uuid() NOT NULL,
    pattern_id uuid NOT NULL,
    source_type text NOT NULL,
    source_id text NOT NULL,
    location_data jsonb,
    context_data jsonb,
    detection_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    detection_model_id uuid,
    confidence_score numeric(3,2),
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT pattern_occurrences_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT pattern_occurrences_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT pattern_occurrences_source_id_check CHECK ((source_id ~ '\S'::text)),
    CONSTRAINT pattern_occurrences_source_type_check CHECK ((source_type = ANY (ARRAY['git_commit'::text, 'code_file'::text, 'user_session'::text])))
);


--
-- Name: TABLE pattern_occurrences_default; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.pattern_occurrences_default IS 'Occurrences outside every weekly partition; learning.create_pattern_occurrence_partitions() moves them into the week they belong to when it creates it.';


--
-- Name: recommendations; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.recommendations (
    project_id bigint NOT NULL,
    recommendation_id uuid DEFAULT gen_random_uuid() NOT NULL,
    recommendation_type text NOT NULL,
    title text NOT NULL,
    description text,
    confidence_score numeric(3,2),
    priority text DEFAULT 'medium'::text NOT NULL,
    source_pattern_id uuid,
    source_prediction_id uuid,
    status text DEFAULT 'proposed'::text NOT NULL,
    feedback jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT recommendations_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT recommendations_has_source CHECK ((num_nonnulls(source_pattern_id, source_prediction_id) > 0)),
    CONSTRAINT recommendations_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT recommendations_recommendation_type_check CHECK ((recommendation_type = ANY (ARRAY['refactoring'::text, 'performance'::text, 'testing'::text, 'security'::text, 'process'::text]))),
    CONSTRAINT recommendations_status_check CHECK ((status = ANY (ARRAY['proposed'::text, 'accepted'::text, 'rejected'::text, 'implemented'::text]))),
    CONSTRAINT recommendations_title_check CHECK (((title ~ '\S'::text) AND (length(title) <= 300)))
);


--
-- Name: TABLE recommendations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.recommendations IS 'Recommendations derived from an identified pattern and/or a prediction of the same project; status proposed -> accepted -> implemented, or rejected (a trigger refuses other moves).';


--
-- Name: COLUMN recommendations.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.project_id IS 'The project it is for.';


--
-- Name: COLUMN recommendations.recommendation_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.recommendation_id IS 'The recommendation''s key within its project.';


--
-- Name: COLUMN recommendations.recommendation_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.recommendation_type IS 'refactoring, performance, testing, security or process.';


--
-- Name: COLUMN recommendations.title; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.title IS 'One line, 1 to 300 characters.';


--
-- Name: COLUMN recommendations.description; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.description IS 'What to do and why.';


--
-- Name: COLUMN recommendations.confidence_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.confidence_score IS 'Confidence in the recommendation, in [0, 1].';


--
-- Name: COLUMN recommendations.priority; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.priority IS 'low, medium, high or critical.';


--
-- Name: COLUMN recommendations.source_pattern_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.source_pattern_id IS 'The identified pattern it comes from; at least one source is required.';


--
-- Name: COLUMN recommendations.source_prediction_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.source_prediction_id IS 'The prediction it comes from; at least one source is required.';


--
-- Name: COLUMN recommendations.status; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.status IS 'proposed (new), accepted, rejected (final), implemented (final).';


--
-- Name: COLUMN recommendations.feedback; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.feedback IS 'What people said about it.';


--
-- Name: COLUMN recommendations.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.created_at IS 'When the row was created.';


--
-- Name: COLUMN recommendations.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.recommendations.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: system_performance_metrics_daily; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.system_performance_metrics_daily (
    day date NOT NULL,
    metric_name text NOT NULL,
    metric_category text DEFAULT ''::text NOT NULL,
    source_component text DEFAULT ''::text NOT NULL,
    unit text DEFAULT ''::text NOT NULL,
    aggregation_level text NOT NULL,
    sample_count bigint NOT NULL,
    value_sum numeric NOT NULL,
    value_sum_squares numeric NOT NULL,
    value_min numeric NOT NULL,
    value_max numeric NOT NULL,
    value_p50 numeric NOT NULL,
    value_p95 numeric NOT NULL,
    summarized_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE system_performance_metrics_daily; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.system_performance_metrics_daily IS 'Daily roll-up of learning.system_performance_metrics that retention (strategy summarize) writes before it drops a day''s partition: count, sum, sum of squares, min, max, median and p95 per metric, category, component, unit and aggregation level (a missing category, component or unit is ''''). Mean = value_sum / sample_count.';


--
-- Name: COLUMN system_performance_metrics_daily.day; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.day IS 'The UTC day.';


--
-- Name: COLUMN system_performance_metrics_daily.metric_name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.metric_name IS 'The metric.';


--
-- Name: COLUMN system_performance_metrics_daily.metric_category; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.metric_category IS 'Its category ('''' when none).';


--
-- Name: COLUMN system_performance_metrics_daily.source_component; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.source_component IS 'The component that reported it ('''' when none).';


--
-- Name: COLUMN system_performance_metrics_daily.unit; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.unit IS 'Its unit ('''' when none).';


--
-- Name: COLUMN system_performance_metrics_daily.aggregation_level; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.aggregation_level IS 'The aggregation level of the samples rolled up.';


--
-- Name: COLUMN system_performance_metrics_daily.sample_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.sample_count IS 'How many samples.';


--
-- Name: COLUMN system_performance_metrics_daily.value_sum; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_sum IS 'Their sum.';


--
-- Name: COLUMN system_performance_metrics_daily.value_sum_squares; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_sum_squares IS 'The sum of their squares (a variance can be computed and days merged).';


--
-- Name: COLUMN system_performance_metrics_daily.value_min; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_min IS 'The smallest value.';


--
-- Name: COLUMN system_performance_metrics_daily.value_max; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_max IS 'The largest value.';


--
-- Name: COLUMN system_performance_metrics_daily.value_p50; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_p50 IS 'The median (when a day is summarized in two batches, the sample-weighted mean of their medians, an approximation).';


--
-- Name: COLUMN system_performance_metrics_daily.value_p95; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.value_p95 IS 'The 95th percentile (approximate in the same case).';


--
-- Name: COLUMN system_performance_metrics_daily.summarized_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.system_performance_metrics_daily.summarized_at IS 'When the row was last written.';


--
-- Name: system_performance_metrics_default; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.system_performance_metrics_default (
    metric_id uuid DEFAULT gen_random_uuid() NOT NULL,
    metric_name text NOT NULL,
    metric_category text,
    metric_timestamp timestamp with time zone DEFAULT now() NOT NULL,
    value numeric(15,6) NOT NULL,
    unit text,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    source_component text,
    aggregation_level text DEFAULT 'raw'::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT system_performance_metrics_aggregation_check CHECK ((aggregation_level = ANY (ARRAY['raw'::text, 'minute'::text, 'hour'::text, 'day'::text]))),
    CONSTRAINT system_performance_metrics_category_check CHECK ((metric_category = ANY (ARRAY['database'::text, 'api'::text, 'ml_model'::text, 'user_experience'::text, 'system'::text]))),
    CONSTRAINT system_performance_metrics_component_check CHECK ((length(source_component) <= 100)),
    CONSTRAINT system_performance_metrics_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT system_performance_metrics_name_check CHECK (((metric_name ~ '\S'::text) AND (length(metric_name) <= 100))),
    CONSTRAINT system_performance_metrics_tags_check CHECK ((jsonb_typeof(tags) = 'object'::text)),
    CONSTRAINT system_performance_metrics_unit_check CHECK ((length(unit) <= 50))
);


--
-- Name: TABLE system_performance_metrics_default; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.system_performance_metrics_default IS 'Metrics outside every daily partition; ops.run_partition_maintenance() moves them into the day they belong to.';


--
-- Name: training_datasets; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.training_datasets (
    project_id bigint NOT NULL,
    dataset_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    version text NOT NULL,
    dataset_type text NOT NULL,
    source_type text,
    data_schema jsonb,
    storage_location text,
    size_bytes bigint,
    record_count bigint,
    quality_score numeric(3,2),
    preprocessing_config jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT training_datasets_dataset_type_check CHECK ((dataset_type = ANY (ARRAY['code_patterns'::text, 'performance_metrics'::text, 'user_behavior'::text]))),
    CONSTRAINT training_datasets_name_check CHECK (((name ~ '\S'::text) AND (length(name) <= 200))),
    CONSTRAINT training_datasets_preprocessing_config_check CHECK ((jsonb_typeof(preprocessing_config) = 'object'::text)),
    CONSTRAINT training_datasets_quality_score_range CHECK (((quality_score >= (0)::numeric) AND (quality_score <= (1)::numeric))),
    CONSTRAINT training_datasets_record_count_check CHECK ((record_count >= 0)),
    CONSTRAINT training_datasets_size_bytes_check CHECK ((size_bytes >= 0)),
    CONSTRAINT training_datasets_source_type_check CHECK ((source_type = ANY (ARRAY['git_history'::text, 'user_interactions'::text, 'system_metrics'::text]))),
    CONSTRAINT training_datasets_version_check CHECK (((version ~ '\S'::text) AND (length(version) <= 50)))
);


--
-- Name: TABLE training_datasets; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.training_datasets IS 'Versioned training datasets of a project: where the data is, its shape, size and quality.';


--
-- Name: COLUMN training_datasets.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.project_id IS 'The project the data comes from.';


--
-- Name: COLUMN training_datasets.dataset_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.dataset_id IS 'The dataset version''s key within its project.';


--
-- Name: COLUMN training_datasets.name; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.name IS 'The dataset''s name, shared by its versions.';


--
-- Name: COLUMN training_datasets.version; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.version IS 'The version label, unique per name within the project.';


--
-- Name: COLUMN training_datasets.dataset_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.dataset_type IS 'code_patterns, performance_metrics or user_behavior.';


--
-- Name: COLUMN training_datasets.source_type; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.source_type IS 'git_history, user_interactions or system_metrics, if known.';


--
-- Name: COLUMN training_datasets.data_schema; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.data_schema IS 'The schema of the records.';


--
-- Name: COLUMN training_datasets.storage_location; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.storage_location IS 'Path or URL of the data.';


--
-- Name: COLUMN training_datasets.size_bytes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.size_bytes IS 'Size of the data in bytes, not negative.';


--
-- Name: COLUMN training_datasets.record_count; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.record_count IS 'Number of records, not negative.';


--
-- Name: COLUMN training_datasets.quality_score; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.quality_score IS 'Data quality in [0, 1].';


--
-- Name: COLUMN training_datasets.preprocessing_config; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.preprocessing_config IS 'How the data was preprocessed (a JSON object).';


--
-- Name: COLUMN training_datasets.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.created_at IS 'When the row was created.';


--
-- Name: COLUMN training_datasets.updated_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.training_datasets.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: user_session_learning_events; Type: TABLE; Schema: learning; Owner: -
--

CREATE TABLE learning.user_session_learning_events (
    project_id bigint NOT NULL,
    link_id uuid DEFAULT gen_random_uuid() NOT NULL,
    session_id text NOT NULL,
    user_id text,
    platform text,
    learning_event_id uuid NOT NULL,
    event_timestamp timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_session_learning_events_session_id_check CHECK (((session_id ~ '\S'::text) AND (length(session_id) <= 255)))
);


--
-- Name: TABLE user_session_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON TABLE learning.user_session_learning_events IS 'Links a learning event to the user session (and platform) it came from. Rows go with their event when retention removes its partition.';


--
-- Name: COLUMN user_session_learning_events.project_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.project_id IS 'The project of the event.';


--
-- Name: COLUMN user_session_learning_events.link_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.link_id IS 'The link''s key within its project.';


--
-- Name: COLUMN user_session_learning_events.session_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.session_id IS 'The user session, as the application names it.';


--
-- Name: COLUMN user_session_learning_events.user_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.user_id IS 'The user.';


--
-- Name: COLUMN user_session_learning_events.platform; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.platform IS 'Where the session ran: cli, web, ide, slack, ...';


--
-- Name: COLUMN user_session_learning_events.learning_event_id; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.learning_event_id IS 'The learning event.';


--
-- Name: COLUMN user_session_learning_events.event_timestamp; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.event_timestamp IS 'The event''s timestamp (part of its key); filled in by a trigger when NULL.';


--
-- Name: COLUMN user_session_learning_events.created_at; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON COLUMN learning.user_session_learning_events.created_at IS 'When the link was recorded.';


--
-- Name: data_quality_results_result_id_seq; Type: SEQUENCE; Schema: ops; Owner: -
--

ALTER TABLE ops.data_quality_results ALTER COLUMN result_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.data_quality_results_result_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: data_retention_policies; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.data_retention_policies (
    schema_name name NOT NULL,
    table_name name NOT NULL,
    time_column name,
    retention_period interval NOT NULL,
    strategy text NOT NULL,
    summary_function text,
    archive_schema name DEFAULT 'archive'::name NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    description text,
    last_cleanup timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_retention_policies_period_check CHECK ((retention_period > '00:00:00'::interval)),
    CONSTRAINT data_retention_policies_strategy_check CHECK ((strategy = ANY (ARRAY['delete'::text, 'archive'::text, 'summarize'::text]))),
    CONSTRAINT data_retention_policies_summary_check CHECK (((strategy = 'summarize'::text) = (summary_function IS NOT NULL)))
);


--
-- Name: TABLE data_retention_policies; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.data_retention_policies IS 'How long the rows of a table live and what happens to them after: delete, archive (partitions or rows move to archive_schema) or summarize (summary_function rolls them up, then they are deleted). Applied by ops.apply_retention(), daily (pgpattern-retention). A policy may name a table a later migration creates; until it exists its runs are skipped.';


--
-- Name: COLUMN data_retention_policies.schema_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.schema_name IS 'The schema of the table.';


--
-- Name: COLUMN data_retention_policies.table_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.table_name IS 'The table.';


--
-- Name: COLUMN data_retention_policies.time_column; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.time_column IS 'The timestamptz column that dates a row; NULL for a range-partitioned table (its partition key is used).';


--
-- Name: COLUMN data_retention_policies.retention_period; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.retention_period IS 'How long a row is kept: rows (whole partitions) older than now() - retention_period go.';


--
-- Name: COLUMN data_retention_policies.strategy; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.strategy IS 'delete, archive or summarize.';


--
-- Name: COLUMN data_retention_policies.summary_function; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.summary_function IS 'For summarize: a function (p_from timestamptz, p_to timestamptz) returning bigint that rolls the rows of [p_from, p_to) up and returns how many it read, e.g. learning.summarize_performance_metrics.';


--
-- Name: COLUMN data_retention_policies.archive_schema; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.archive_schema IS 'Where archive moves partitions (under their own name) and rows (into a table named after theirs).';


--
-- Name: COLUMN data_retention_policies.enabled; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.enabled IS 'Whether ops.apply_retention() applies the policy.';


--
-- Name: COLUMN data_retention_policies.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.description IS 'Why this period.';


--
-- Name: COLUMN data_retention_policies.last_cleanup; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.last_cleanup IS 'When the policy was last applied successfully.';


--
-- Name: COLUMN data_retention_policies.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.created_at IS 'When the policy was created.';


--
-- Name: COLUMN data_retention_policies.updated_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.data_retention_policies.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: health_check_results_result_id_seq; Type: SEQUENCE; Schema: ops; Owner: -
--

ALTER TABLE ops.health_check_results ALTER COLUMN result_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.health_check_results_result_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: managed_extensions; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.managed_extensions (
    extension_name name NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE managed_extensions; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.managed_extensions IS 'Extensions that pgpattern created (and so may drop on rollback); extensions a DBA installed before are not listed.';


--
-- Name: COLUMN managed_extensions.extension_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.managed_extensions.extension_name IS 'The extension name, as in pg_extension.';


--
-- Name: COLUMN managed_extensions.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.managed_extensions.created_at IS 'When a pgpattern migration created it.';


--
-- Name: migration_checksums; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.migration_checksums (
    migration_id text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by name DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT migration_checksums_checksum_check CHECK ((checksum ~ '^[0-9a-f]{64}$'::text))
);


--
-- Name: TABLE migration_checksums; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.migration_checksums IS 'One row per applied migration: the sha256 of its file and its rollback file when it was applied, written in the same transaction as the migration.';


--
-- Name: COLUMN migration_checksums.migration_id; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.migration_id IS 'The yoyo migration id: the file name without .sql.';


--
-- Name: COLUMN migration_checksums.checksum; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.checksum IS 'sha256 (hex) of the migration file, a separator and its .rollback.sql file.';


--
-- Name: COLUMN migration_checksums.applied_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.applied_at IS 'When the migration was applied.';


--
-- Name: COLUMN migration_checksums.applied_by; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.migration_checksums.applied_by IS 'The database role that applied it.';


--
-- Name: partitioned_tables; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.partitioned_tables (
    schema_name name NOT NULL,
    table_name name NOT NULL,
    partition_interval text NOT NULL,
    premake interval NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    description text,
    last_maintained_at timestamp with time zone,
    last_result jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT partitioned_tables_interval_check CHECK ((partition_interval = ANY (ARRAY['day'::text, 'week'::text, 'month'::text]))),
    CONSTRAINT partitioned_tables_premake_check CHECK (((premake > '00:00:00'::interval) AND (premake <= '5 years'::interval)))
);


--
-- Name: TABLE partitioned_tables; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.partitioned_tables IS 'The range-partitioned tables ops.run_partition_maintenance() keeps: per table, the period of a partition (day, ISO week or month, UTC) and how far ahead partitions exist. Retention is in ops.data_retention_policies; ops.partition_overview shows both with the partitions that exist.';


--
-- Name: COLUMN partitioned_tables.schema_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.schema_name IS 'The schema of the partitioned table.';


--
-- Name: COLUMN partitioned_tables.table_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.table_name IS 'The partitioned table: range-partitioned on one timestamptz column.';


--
-- Name: COLUMN partitioned_tables.partition_interval; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.partition_interval IS 'day, week (ISO, from Monday) or month: the span of one partition, in UTC. It fixes the partition names: <table>_pYYYYmMMdDD, <table>_pIYYYYwIW, <table>_pYYYYmMM.';


--
-- Name: COLUMN partitioned_tables.premake; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.premake IS 'How far ahead of now partitions are created (more than 0, at most 5 years).';


--
-- Name: COLUMN partitioned_tables.enabled; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.enabled IS 'Whether maintenance handles the table.';


--
-- Name: COLUMN partitioned_tables.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.description IS 'Why the table is partitioned so.';


--
-- Name: COLUMN partitioned_tables.last_maintained_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.last_maintained_at IS 'When maintenance last handled the table.';


--
-- Name: COLUMN partitioned_tables.last_result; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.last_result IS 'What the last maintenance did: partitions_created, rows_drained, default_rows_left, duration_ms.';


--
-- Name: COLUMN partitioned_tables.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.created_at IS 'When the table was registered.';


--
-- Name: COLUMN partitioned_tables.updated_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.partitioned_tables.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: partition_overview; Type: VIEW; Schema: ops; Owner: -
--

CREATE VIEW ops.partition_overview AS
 SELECT format('%s.%s'::text, t.schema_name, t.table_name) AS table_name,
    t.partition_interval,
    t.premake,
    r.retention_period,
    r.strategy AS retention_strategy,
    p.partitions,
    p.oldest_from,
    p.newest_to,
    t.last_maintained_at,
    ((t.last_result ->> 'default_rows_left'::text))::bigint AS default_rows_left,
    r.last_cleanup
   FROM ((ops.partitioned_tables t
     LEFT JOIN ops.data_retention_policies r ON (((r.schema_name = t.schema_name) AND (r.table_name = t.table_name) AND r.enabled)))
     LEFT JOIN LATERAL ( SELECT count(*) FILTER (WHERE (NOT x.is_default)) AS partitions,
            min(x.range_from) AS oldest_from,
            max(x.range_to) AS newest_to
           FROM ops.partitions_of(to_regclass(format('%I.%I'::text, t.schema_name, t.table_name))) x(partition_name, range_from, range_to, is_default)) p ON (true));


--
-- Name: VIEW partition_overview; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON VIEW ops.partition_overview IS 'Per maintained table: partition interval, how far ahead, retention period and strategy, how many partitions and the range they cover, when maintenance and retention last ran, and the rows the last maintenance left in the default partition.';


--
-- Name: retention_runs_run_id_seq; Type: SEQUENCE; Schema: ops; Owner: -
--

ALTER TABLE ops.retention_runs ALTER COLUMN run_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.retention_runs_run_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: scheduled_jobs; Type: TABLE; Schema: ops; Owner: -
--

CREATE TABLE ops.scheduled_jobs (
    job_name text NOT NULL,
    schedule text NOT NULL,
    command text NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT scheduled_jobs_command_check CHECK ((command ~ '\S'::text)),
    CONSTRAINT scheduled_jobs_description_check CHECK ((description ~ '\S'::text)),
    CONSTRAINT scheduled_jobs_job_name_check CHECK ((job_name ~ '^pgpattern-[a-z0-9-]+$'::text)),
    CONSTRAINT scheduled_jobs_schedule_check CHECK ((schedule ~ '^\S+( \S+){4}$'::text))
);


--
-- Name: TABLE scheduled_jobs; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON TABLE ops.scheduled_jobs IS 'The pg_cron jobs pgpattern wants: one row per job, scheduled in cron.job where pg_cron is installed.';


--
-- Name: COLUMN scheduled_jobs.job_name; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.job_name IS 'The pg_cron job name, prefixed pgpattern-.';


--
-- Name: COLUMN scheduled_jobs.schedule; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.schedule IS 'A five-field cron schedule in UTC (pg_cron 1.4 has no sub-minute schedules).';


--
-- Name: COLUMN scheduled_jobs.command; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.command IS 'The SQL the job runs, in this database.';


--
-- Name: COLUMN scheduled_jobs.description; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.description IS 'What the job is for.';


--
-- Name: COLUMN scheduled_jobs.created_at; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON COLUMN ops.scheduled_jobs.created_at IS 'When the job was first wanted.';


--
-- Name: author_commit_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.author_commit_counts (
    project_id bigint NOT NULL,
    author_key text NOT NULL,
    commits integer NOT NULL,
    files bigint NOT NULL,
    lines bigint NOT NULL
);


--
-- Name: TABLE author_commit_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.author_commit_counts IS 'Per author, the commits of T, the sum of their file counts and of their lines changed.';


--
-- Name: author_week_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.author_week_counts (
    project_id bigint NOT NULL,
    author_key text NOT NULL,
    week date NOT NULL,
    commits integer NOT NULL
);


--
-- Name: TABLE author_week_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.author_week_counts IS 'Per author and ISO week (UTC, its Monday), the commits of T: the active weeks behind consistency and temporal overlap.';


--
-- Name: change_size_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.change_size_counts (
    project_id bigint NOT NULL,
    change_size bigint NOT NULL,
    changes integer NOT NULL
);


--
-- Name: TABLE change_size_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.change_size_counts IS 'How many changes of T have each size: the distribution whose 95th percentile separates anomalous changes.';


--
-- Name: commit_time_bins; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.commit_time_bins (
    project_id bigint NOT NULL,
    pattern_type text NOT NULL,
    bin integer NOT NULL,
    commits integer NOT NULL
);


--
-- Name: TABLE commit_time_bins; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.commit_time_bins IS 'The commits of T per temporal bin (hourly, daily, weekly, monthly, seasonal; author''s local time), the observed counts of spec section 2.';


--
-- Name: deleted_files; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.deleted_files (
    project_id bigint NOT NULL,
    file_id integer NOT NULL
);


--
-- Name: TABLE deleted_files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.deleted_files IS 'The files (git.paths numbers of latest paths) whose last change in commit order (committed time, generation, sha) is a delete: deleted as of the latest commit, never suggested (spec section 6).';


--
-- Name: developer_patterns; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.developer_patterns (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    discovery_session_id uuid NOT NULL,
    author_email text NOT NULL,
    author_name text NOT NULL,
    developer_hash text GENERATED ALWAYS AS (patterns.sha256_hex(author_email)) STORED,
    commit_count integer NOT NULL,
    specialty_files text[] DEFAULT '{}'::text[] NOT NULL,
    specialization_score double precision NOT NULL,
    change_velocity double precision NOT NULL,
    consistency_score double precision NOT NULL,
    commit_regularity_coefficient double precision,
    avg_files_per_commit double precision NOT NULL,
    avg_lines_per_commit double precision NOT NULL,
    commit_type_distribution jsonb DEFAULT '{}'::jsonb NOT NULL,
    frequent_collaborators text[] DEFAULT '{}'::text[] NOT NULL,
    collaboration_files text[] DEFAULT '{}'::text[] NOT NULL,
    temporal_overlap_score double precision,
    first_commit_date timestamp with time zone NOT NULL,
    last_commit_date timestamp with time zone NOT NULL,
    active_days_count integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    CONSTRAINT developer_patterns_active_days_count_check CHECK ((active_days_count > 0)),
    CONSTRAINT developer_patterns_author_email_check CHECK ((author_email = lower(author_email))),
    CONSTRAINT developer_patterns_avg_files_per_commit_check CHECK ((avg_files_per_commit >= (0)::double precision)),
    CONSTRAINT developer_patterns_avg_lines_per_commit_check CHECK ((avg_lines_per_commit >= (0)::double precision)),
    CONSTRAINT developer_patterns_change_velocity_check CHECK ((change_velocity >= (0)::double precision)),
    CONSTRAINT developer_patterns_commit_count_check CHECK ((commit_count > 0)),
    CONSTRAINT developer_patterns_commit_regularity_coefficient_check CHECK ((commit_regularity_coefficient >= (0)::double precision)),
    CONSTRAINT developer_patterns_consistency_score_check CHECK (((consistency_score > (0)::double precision) AND (consistency_score <= (1)::double precision))),
    CONSTRAINT developer_patterns_specialization_score_check CHECK (((specialization_score >= (0)::double precision) AND (specialization_score <= (1)::double precision))),
    CONSTRAINT developer_patterns_temporal_overlap_score_check CHECK (((temporal_overlap_score >= (0)::double precision) AND (temporal_overlap_score <= (1)::double precision)))
);


--
-- Name: TABLE developer_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.developer_patterns IS 'Each author''s profile (spec section 3): velocity, consistency, regularity, specialization, commit types, collaborators.';


--
-- Name: COLUMN developer_patterns.author_email; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.author_email IS 'The author''s identity: the lower-cased email.';


--
-- Name: COLUMN developer_patterns.author_name; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.author_name IS 'The name on the author''s latest commit in T.';


--
-- Name: COLUMN developer_patterns.developer_hash; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.developer_hash IS 'sha256 (hex) of the email.';


--
-- Name: COLUMN developer_patterns.commit_count; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.commit_count IS 'The author''s commits in T.';


--
-- Name: COLUMN developer_patterns.specialty_files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.specialty_files IS 'Files where the author made at least half of the changes and at least 3; most changes first, at most 20.';


--
-- Name: COLUMN developer_patterns.specialization_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.specialization_score IS '1 - H / ln(D): H the entropy of the author''s changes over directories, D the directories changed in T (1 when D <= 1).';


--
-- Name: COLUMN developer_patterns.change_velocity; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.change_velocity IS 'Commits per week between the first and last commit (at least one week).';


--
-- Name: COLUMN developer_patterns.consistency_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.consistency_score IS 'ISO weeks with a commit / ISO weeks spanned.';


--
-- Name: COLUMN developer_patterns.commit_regularity_coefficient; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.commit_regularity_coefficient IS 'Coefficient of variation of the gaps between consecutive commits (NULL with fewer than 3 commits or a mean gap of 0).';


--
-- Name: COLUMN developer_patterns.avg_files_per_commit; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.avg_files_per_commit IS 'Files changed per commit.';


--
-- Name: COLUMN developer_patterns.avg_lines_per_commit; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.avg_lines_per_commit IS 'Lines added and deleted per commit (binary files 0).';


--
-- Name: COLUMN developer_patterns.commit_type_distribution; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.commit_type_distribution IS 'Commits by type (Conventional Commits type, else fix by keyword, else other).';


--
-- Name: COLUMN developer_patterns.frequent_collaborators; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.frequent_collaborators IS 'Up to 5 authors who changed the most files in common with this one.';


--
-- Name: COLUMN developer_patterns.collaboration_files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.collaboration_files IS 'Up to 20 files the author shares with other authors, most authors first.';


--
-- Name: COLUMN developer_patterns.temporal_overlap_score; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.temporal_overlap_score IS 'Mean Jaccard index of active ISO weeks with the frequent collaborators.';


--
-- Name: COLUMN developer_patterns.first_commit_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.first_commit_date IS 'Authored time of the first commit in T.';


--
-- Name: COLUMN developer_patterns.last_commit_date; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.last_commit_date IS 'Authored time of the last commit in T.';


--
-- Name: COLUMN developer_patterns.active_days_count; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.active_days_count IS 'Distinct dates with a commit, in the author''s local time.';


--
-- Name: COLUMN developer_patterns.created_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.created_at IS 'When the row was created.';


--
-- Name: COLUMN developer_patterns.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.updated_at IS 'When its numbers last changed.';


--
-- Name: COLUMN developer_patterns.is_active; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.developer_patterns.is_active IS 'False once superseded.';


--
-- Name: discovery_retention; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.discovery_retention (
    setting_id integer NOT NULL,
    project_id bigint,
    keep_sessions integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT discovery_retention_keep_check CHECK ((keep_sessions >= 1))
);


--
-- Name: TABLE discovery_retention; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.discovery_retention IS 'How many discovery sessions each project keeps: one row per project that has its own number, and the row with project_id NULL for every other project (3 unless changed). patterns.purge_discovery_sessions() applies it.';


--
-- Name: COLUMN discovery_retention.setting_id; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.discovery_retention.setting_id IS 'The row''s key.';


--
-- Name: COLUMN discovery_retention.project_id; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.discovery_retention.project_id IS 'The project the number is for; NULL: the default for projects without a row of their own.';


--
-- Name: COLUMN discovery_retention.keep_sessions; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.discovery_retention.keep_sessions IS 'Keep the newest this many discovery sessions (at least 1; the current one is always kept); NULL: keep every session.';


--
-- Name: COLUMN discovery_retention.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.discovery_retention.updated_at IS 'When the row last changed (maintained by a trigger).';


--
-- Name: discovery_retention_setting_id_seq; Type: SEQUENCE; Schema: patterns; Owner: -
--

ALTER TABLE patterns.discovery_retention ALTER COLUMN setting_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME patterns.discovery_retention_setting_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: file_author_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_author_counts (
    project_id bigint NOT NULL,
    file_path text NOT NULL,
    author_key text NOT NULL,
    changes integer NOT NULL
);


--
-- Name: TABLE file_author_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_author_counts IS 'Per file and author, the commits of T in which the author changed the file (specialties, collaboration, diversity, knowledge silos).';


--
-- Name: file_author_recency; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_author_recency (
    project_id bigint NOT NULL,
    weight double precision NOT NULL,
    file_id integer NOT NULL,
    author_id integer NOT NULL,
    stamp integer NOT NULL
);


--
-- Name: TABLE file_author_recency; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_author_recency IS 'Per file q and author a, S_a(q): the decayed count of q''s counted commits (at most 30 files) by a, each weighted 2^(-(j - 1) / 16) with j = 1 for q''s newest; the sum over authors is S(q) (spec section 6). Keyed by git.paths and git.authors numbers.';


--
-- Name: COLUMN file_author_recency.weight; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';


--
-- Name: COLUMN file_author_recency.stamp; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';


--
-- Name: file_change_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_change_counts (
    project_id bigint NOT NULL,
    file_path text NOT NULL,
    changes integer NOT NULL,
    cooc_changes integer NOT NULL,
    fix_changes integer NOT NULL
);


--
-- Name: TABLE file_change_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_change_counts IS 'Per file (latest path): n(f), the commits of T changing it; cooc_changes, those with at most 30 files; fix_changes, those that are fixes.';


--
-- Name: file_pair_counts; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_pair_counts (
    project_id bigint NOT NULL,
    file_id_1 integer NOT NULL,
    file_id_2 integer NOT NULL,
    cochanges integer NOT NULL,
    CONSTRAINT file_pair_counts_order CHECK ((file_id_1 < file_id_2))
);


--
-- Name: TABLE file_pair_counts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_pair_counts IS 'Per pair of files (git.paths numbers, the smaller first), n(a,b): the commits of T with at most 30 files that change both (every pair seen at least once; the co-occurrence patterns read it).';


--
-- Name: file_profiles; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_profiles (
    project_id bigint NOT NULL,
    file_path text NOT NULL,
    total bigint NOT NULL,
    avg_size double precision NOT NULL,
    max_size bigint NOT NULL,
    first_at timestamp with time zone NOT NULL,
    last_at timestamp with time zone NOT NULL,
    volatility double precision NOT NULL,
    active_weeks bigint NOT NULL,
    seasons double precision[] NOT NULL,
    statuses jsonb NOT NULL,
    diversity double precision NOT NULL,
    net_size numeric NOT NULL
);


--
-- Name: TABLE file_profiles; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_profiles IS 'Per file of T, what its change-magnitude pattern needs of its own changes (counts, sizes, dates, active ISO weeks, seasons, status letters, author diversity, net lines); recomputed for the files an update touches.';


--
-- Name: COLUMN file_profiles.seasons; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_profiles.seasons IS 'Changes per season (DJF, MAM, JJA, SON), author''s local time.';


--
-- Name: COLUMN file_profiles.net_size; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.file_profiles.net_size IS 'max(0, lines added - deleted) over the file''s history.';


--
-- Name: file_profiles_stale; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.file_profiles_stale (
    project_id bigint NOT NULL,
    file_path text NOT NULL
);


--
-- Name: TABLE file_profiles_stale; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.file_profiles_stale IS 'The files whose live changes were written since their file profile was computed (or that have none yet); every other file''s profile is its changes'' as they are. Kept by triggers on patterns.live_changes, emptied by patterns.update_file_profiles().';


--
-- Name: live_synced; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.live_synced (
    project_id bigint NOT NULL,
    discovery_session_id uuid NOT NULL,
    synced_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE live_synced; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.live_synced IS 'The discovery run each project''s file profiles and patterns were last brought fully up to date for; another current run means a full refresh first.';


--
-- Name: pair_author_recency; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.pair_author_recency (
    project_id bigint NOT NULL,
    weight double precision NOT NULL,
    query_file_id integer NOT NULL,
    file_id integer NOT NULL,
    author_id integer NOT NULL,
    changes integer NOT NULL,
    stamp integer NOT NULL,
    CONSTRAINT pair_author_recency_other_file CHECK ((query_file_id <> file_id))
)
WITH (fillfactor='80');


--
-- Name: TABLE pair_author_recency; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.pair_author_recency IS 'Per query file q, other file x and author a, s_a(q, x): the decayed count (by q''s clock) of q''s counted commits by a that also change x; the sum over authors is s(q, x) of spec section 6. Directional: s(q, x) and s(x, q) decay by different clocks. Keyed by git.paths and git.authors numbers.';


--
-- Name: COLUMN pair_author_recency.weight; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pair_author_recency.weight IS 'The sum as of stamp; now it is weight * patterns.recency_decay(n(q) - stamp).';


--
-- Name: COLUMN pair_author_recency.changes; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pair_author_recency.changes IS 'How many of those commits there are (summed over authors: n(q, x)).';


--
-- Name: COLUMN pair_author_recency.stamp; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pair_author_recency.stamp IS 'n(q) (patterns.file_change_counts.cooc_changes) when the row was written.';


--
-- Name: pattern_update_metrics; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.pattern_update_metrics (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    project_id bigint NOT NULL,
    update_type text NOT NULL,
    trigger_type text NOT NULL,
    queue_entries integer NOT NULL,
    execution_time_ms integer NOT NULL,
    patterns_updated integer DEFAULT 0 NOT NULL,
    patterns_created integer DEFAULT 0 NOT NULL,
    patterns_invalidated integer DEFAULT 0 NOT NULL,
    memory_peak_mb integer,
    db_queries_executed integer,
    status text DEFAULT 'completed'::text NOT NULL,
    error_message text,
    started_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT pattern_update_metrics_status_check CHECK ((status = ANY (ARRAY['completed'::text, 'failed'::text]))),
    CONSTRAINT pattern_update_metrics_type_check CHECK ((update_type = ANY (ARRAY['incremental'::text, 'rescore'::text, 'full_refresh'::text, 'rediscovery'::text, 'not_maintained'::text])))
);


--
-- Name: TABLE pattern_update_metrics; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.pattern_update_metrics IS 'One row per pattern update run of a project: what it did, how long it took, what it created, updated and made inactive, and whether it failed.';


--
-- Name: COLUMN pattern_update_metrics.update_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.update_type IS 'incremental (the patterns the changed files and authors touch), rescore (the N-, span- and rank-dependent scores of every pattern), full_refresh (every pattern from the live state), rediscovery (a full discover_patterns, for runs whose settings the live state does not cover) or not_maintained (no current run to keep up to date, or a windowed one).';


--
-- Name: COLUMN pattern_update_metrics.trigger_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.trigger_type IS 'The trigger types of the entries it applied, comma-separated.';


--
-- Name: COLUMN pattern_update_metrics.queue_entries; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.queue_entries IS 'How many queue entries the run applied.';


--
-- Name: COLUMN pattern_update_metrics.patterns_updated; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_updated IS 'Patterns and insights whose values changed.';


--
-- Name: COLUMN pattern_update_metrics.patterns_created; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_created IS 'Patterns and insights that appeared (or became active again).';


--
-- Name: COLUMN pattern_update_metrics.patterns_invalidated; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.patterns_invalidated IS 'Patterns and insights that became inactive.';


--
-- Name: COLUMN pattern_update_metrics.memory_peak_mb; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.memory_peak_mb IS 'Not measured inside the database (NULL); the blueprint''s column.';


--
-- Name: COLUMN pattern_update_metrics.db_queries_executed; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.db_queries_executed IS 'SQL statements patterns.apply_pattern_updates() ran at its own level (each algorithm''s update, each a few statements, counts as one).';


--
-- Name: COLUMN pattern_update_metrics.status; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.status IS 'completed or failed.';


--
-- Name: COLUMN pattern_update_metrics.error_message; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_metrics.error_message IS 'The error of a failed run (its entries are retried).';


--
-- Name: pattern_update_queue; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.pattern_update_queue (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    trigger_type text NOT NULL,
    trigger_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    update_algorithms text[] DEFAULT ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text] NOT NULL,
    priority text DEFAULT 'medium'::text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    last_error text,
    enqueued_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT pattern_update_queue_algorithms_check CHECK ((update_algorithms <@ ARRAY['cooccurrence'::text, 'temporal'::text, 'developer'::text, 'magnitude'::text, 'insights'::text])),
    CONSTRAINT pattern_update_queue_attempts_check CHECK (((attempts >= 0) AND (max_attempts >= 1))),
    CONSTRAINT pattern_update_queue_data_is_object CHECK ((jsonb_typeof(trigger_data) = 'object'::text)),
    CONSTRAINT pattern_update_queue_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT pattern_update_queue_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'superseded'::text]))),
    CONSTRAINT pattern_update_queue_trigger_type_check CHECK ((trigger_type = ANY (ARRAY['git_commit'::text, 'session_end'::text, 'scheduled'::text, 'manual'::text, 'rescore'::text])))
);


--
-- Name: TABLE pattern_update_queue; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.pattern_update_queue IS 'Pattern updates waiting to be applied (pending), applied (completed), given up after max_attempts (failed) or made unnecessary by a full discovery (superseded). Ingest queues git_commit entries; others come from session ends, schedules and people.';


--
-- Name: COLUMN pattern_update_queue.trigger_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.trigger_type IS 'git_commit (ingest: update what the changed files and authors touch), rescore (queued by such an update: the scores every other pattern owes to N, the span''s end, the ranks and the number of directories), or session_end, scheduled, manual (recompute every pattern of the project from the live state).';


--
-- Name: COLUMN pattern_update_queue.trigger_data; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.trigger_data IS 'What changed: for git_commit, {"files": [...], "authors": [...], "commits": n} (commits added, negative when removed), or {"deferred_commits": [...]} for a bulk statement whose commits the update counts into the live state first; free-form for the others.';


--
-- Name: COLUMN pattern_update_queue.update_algorithms; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.update_algorithms IS 'The algorithms the entry asks for; an update applies those of the project''s current discovery run.';


--
-- Name: COLUMN pattern_update_queue.priority; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.priority IS 'high, medium or low: higher first, then oldest first.';


--
-- Name: COLUMN pattern_update_queue.status; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.status IS 'pending, completed, failed or superseded.';


--
-- Name: COLUMN pattern_update_queue.attempts; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.attempts IS 'How often an update including this entry ran (a failure counts too).';


--
-- Name: COLUMN pattern_update_queue.last_error; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.last_error IS 'The error of the last failed attempt.';


--
-- Name: COLUMN pattern_update_queue.next_attempt_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.pattern_update_queue.next_attempt_at IS 'Not processed before this time (a retry waits 10 s, 20 s, 40 s, ...).';


--
-- Name: pattern_update_queue_id_seq; Type: SEQUENCE; Schema: patterns; Owner: -
--

ALTER TABLE patterns.pattern_update_queue ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME patterns.pattern_update_queue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: temporal_patterns; Type: TABLE; Schema: patterns; Owner: -
--

CREATE TABLE patterns.temporal_patterns (
    project_id bigint NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    discovery_session_id uuid NOT NULL,
    pattern_type text NOT NULL,
    pattern_name text GENERATED ALWAYS AS ((pattern_type || '_pattern'::text)) STORED,
    pattern_strength double precision NOT NULL,
    statistical_significance double precision NOT NULL,
    p_value double precision NOT NULL,
    chi_square_statistic double precision NOT NULL,
    degrees_of_freedom integer NOT NULL,
    peak_periods integer[] DEFAULT '{}'::integer[] NOT NULL,
    commit_distribution integer[] DEFAULT '{}'::integer[] NOT NULL,
    period_labels text[] DEFAULT '{}'::text[] NOT NULL,
    contributing_authors text[] DEFAULT '{}'::text[] NOT NULL,
    contributing_files text[] DEFAULT '{}'::text[] NOT NULL,
    date_range_start timestamp with time zone,
    date_range_end timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    CONSTRAINT temporal_patterns_chi_square_statistic_check CHECK ((chi_square_statistic >= (0)::double precision)),
    CONSTRAINT temporal_patterns_degrees_of_freedom_check CHECK ((degrees_of_freedom >= 0)),
    CONSTRAINT temporal_patterns_labels_match CHECK ((cardinality(period_labels) = cardinality(commit_distribution))),
    CONSTRAINT temporal_patterns_p_value_check CHECK (((p_value >= (0)::double precision) AND (p_value <= (1)::double precision))),
    CONSTRAINT temporal_patterns_pattern_strength_check CHECK (((pattern_strength >= (0)::double precision) AND (pattern_strength <= (1)::double precision))),
    CONSTRAINT temporal_patterns_pattern_type_check CHECK ((pattern_type = ANY (ARRAY['hourly'::text, 'daily'::text, 'weekly'::text, 'monthly'::text, 'seasonal'::text]))),
    CONSTRAINT temporal_patterns_statistical_significance_check CHECK (((statistical_significance >= (0)::double precision) AND (statistical_significance <= (99.9999)::double precision)))
);


--
-- Name: TABLE temporal_patterns; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON TABLE patterns.temporal_patterns IS 'When commits happen (spec section 2): the distribution over hours, weekdays, weeks of the month, months or seasons in the author''s local time, with a chi-square test against uniform (or exposure-weighted) expectation.';


--
-- Name: COLUMN temporal_patterns.pattern_type; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.pattern_type IS 'hourly, daily, weekly (week of month), monthly or seasonal.';


--
-- Name: COLUMN temporal_patterns.pattern_name; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.pattern_name IS 'pattern_type || ''_pattern''.';


--
-- Name: COLUMN temporal_patterns.pattern_strength; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.pattern_strength IS 'Cramer''s V, capped at 1.';


--
-- Name: COLUMN temporal_patterns.statistical_significance; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.statistical_significance IS 'min(99.9999, -log10(p_value)).';


--
-- Name: COLUMN temporal_patterns.p_value; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.p_value IS 'Upper-tail chi-square p-value.';


--
-- Name: COLUMN temporal_patterns.chi_square_statistic; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.chi_square_statistic IS 'Sum of (O - E)^2 / E over the bins with exposure.';


--
-- Name: COLUMN temporal_patterns.degrees_of_freedom; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.degrees_of_freedom IS 'Bins with exposure minus 1.';


--
-- Name: COLUMN temporal_patterns.peak_periods; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.peak_periods IS 'Bin indexes (0-based) with O > E + 2 sqrt(E), most commits first.';


--
-- Name: COLUMN temporal_patterns.commit_distribution; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.commit_distribution IS 'Commits per bin (O).';


--
-- Name: COLUMN temporal_patterns.period_labels; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.period_labels IS 'The bins'' labels: 00..23, Mon..Sun, W1..W5, Jan..Dec, DJF/MAM/JJA/SON.';


--
-- Name: COLUMN temporal_patterns.contributing_authors; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.contributing_authors IS 'The 10 authors with most commits in T.';


--
-- Name: COLUMN temporal_patterns.contributing_files; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.contributing_files IS 'The 10 most changed files in T.';


--
-- Name: COLUMN temporal_patterns.date_range_start; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.date_range_start IS 'Earliest authored time in T.';


--
-- Name: COLUMN temporal_patterns.date_range_end; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.date_range_end IS 'Latest authored time in T.';


--
-- Name: COLUMN temporal_patterns.created_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.created_at IS 'When the row was created.';


--
-- Name: COLUMN temporal_patterns.updated_at; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.updated_at IS 'When its numbers last changed.';


--
-- Name: COLUMN temporal_patterns.is_active; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON COLUMN patterns.temporal_patterns.is_active IS 'False once superseded.';


--
-- Name: operation_patterns_pattern_id_seq; Type: SEQUENCE; Schema: workflow; Owner: -
--

ALTER TABLE workflow.operation_patterns ALTER COLUMN pattern_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME workflow.operation_patterns_pattern_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: pattern_fields; Type: TABLE; Schema: workflow; Owner: -
--

CREATE TABLE workflow.pattern_fields (
    scope text NOT NULL,
    field text NOT NULL,
    "position" smallint NOT NULL,
    value_type text NOT NULL,
    required boolean DEFAULT false NOT NULL,
    min_value numeric,
    max_value numeric,
    allowed text[],
    description text NOT NULL,
    CONSTRAINT pattern_fields_enum_has_values CHECK (((value_type = 'enum'::text) = (allowed IS NOT NULL))),
    CONSTRAINT pattern_fields_field_check CHECK ((field ~ '^[a-z_]+$'::text)),
    CONSTRAINT pattern_fields_range_is_numeric CHECK (((value_type = ANY (ARRAY['integer'::text, 'number'::text])) OR ((min_value IS NULL) AND (max_value IS NULL)))),
    CONSTRAINT pattern_fields_scope_check CHECK ((scope = ANY (ARRAY['pattern'::text, 'context'::text, 'task_completion'::text, 'error_occurrence'::text, 'agent_usage'::text, 'user_correction'::text]))),
    CONSTRAINT pattern_fields_value_type_check CHECK ((value_type = ANY (ARRAY['string'::text, 'integer'::text, 'number'::text, 'boolean'::text, 'string[]'::text, 'object'::text, 'timestamp'::text, 'enum'::text])))
);


--
-- Name: TABLE pattern_fields; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON TABLE workflow.pattern_fields IS 'The validation rules of workflow patterns, one row per known field: its JSON type, whether it is required, its range or allowed values. Fields not listed are kept unchecked.';


--
-- Name: COLUMN pattern_fields.scope; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.scope IS 'Where the field lives: pattern (the root document), context, or the data of one pattern type.';


--
-- Name: COLUMN pattern_fields.field; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.field IS 'The JSON key.';


--
-- Name: COLUMN pattern_fields."position"; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields."position" IS 'The order in which fields are checked, so the first error is predictable.';


--
-- Name: COLUMN pattern_fields.value_type; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.value_type IS 'string, integer, number, boolean, string[] (an array of strings), object, timestamp (ISO 8601 text) or enum (one of allowed).';


--
-- Name: COLUMN pattern_fields.required; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.required IS 'Whether the field must be present and not null; a required string must also not be blank. Optional fields may be null.';


--
-- Name: COLUMN pattern_fields.min_value; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.min_value IS 'The smallest value allowed (integer and number only).';


--
-- Name: COLUMN pattern_fields.max_value; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.max_value IS 'The largest value allowed (integer and number only).';


--
-- Name: COLUMN pattern_fields.allowed; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.allowed IS 'The values an enum field may take.';


--
-- Name: COLUMN pattern_fields.description; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_fields.description IS 'What the field means.';


--
-- Name: pattern_occurrences; Type: TABLE; Schema: workflow; Owner: -
--

CREATE TABLE workflow.pattern_occurrences (
    pattern_id bigint NOT NULL,
    workflow_id text NOT NULL,
    tokens bigint,
    cost numeric,
    similarity_score numeric DEFAULT 100 NOT NULL,
    matched_characteristics jsonb DEFAULT '{}'::jsonb NOT NULL,
    detected_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pattern_occurrences_cost_check CHECK ((cost >= (0)::numeric)),
    CONSTRAINT pattern_occurrences_similarity_check CHECK (((similarity_score >= (0)::numeric) AND (similarity_score <= (100)::numeric))),
    CONSTRAINT pattern_occurrences_tokens_check CHECK ((tokens >= 0)),
    CONSTRAINT pattern_occurrences_workflow_check CHECK ((workflow_id ~ '\S'::text))
);


--
-- Name: TABLE pattern_occurrences; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON TABLE workflow.pattern_occurrences IS 'Which workflows an operation pattern occurred in: at most once per pattern and workflow, with the workflow''s tokens and cost.';


--
-- Name: COLUMN pattern_occurrences.pattern_id; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.pattern_id IS 'The operation pattern.';


--
-- Name: COLUMN pattern_occurrences.workflow_id; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.workflow_id IS 'The workflow it occurred in.';


--
-- Name: COLUMN pattern_occurrences.tokens; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.tokens IS 'LLM tokens the workflow used, if known.';


--
-- Name: COLUMN pattern_occurrences.cost; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.cost IS 'LLM cost of the workflow, if known.';


--
-- Name: COLUMN pattern_occurrences.similarity_score; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.similarity_score IS 'How closely the workflow matched the pattern, 0 to 100.';


--
-- Name: COLUMN pattern_occurrences.matched_characteristics; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.matched_characteristics IS 'The workflow characteristics that matched.';


--
-- Name: COLUMN pattern_occurrences.detected_at; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON COLUMN workflow.pattern_occurrences.detected_at IS 'When the occurrence happened (the workflow''s time, else when it was recorded).';


--
-- Name: learning_events_default; Type: TABLE ATTACH; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.learning_events ATTACH PARTITION learning.learning_events_default DEFAULT;


--
-- Name: pattern_occurrences_default; Type: TABLE ATTACH; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences ATTACH PARTITION learning.pattern_occurrences_default DEFAULT;


--
-- Name: system_performance_metrics_default; Type: TABLE ATTACH; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.system_performance_metrics ATTACH PARTITION learning.system_performance_metrics_default DEFAULT;


--
-- Name: projects projects_name_key; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.projects
    ADD CONSTRAINT projects_name_key UNIQUE (name);


--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (project_id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (project_id, session_id);


--
-- Name: authors authors_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (project_id, author_id);


--
-- Name: authors authors_project_id_author_key_key; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.authors
    ADD CONSTRAINT authors_project_id_author_key_key UNIQUE (project_id, author_key);


--
-- Name: commits commits_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.commits
    ADD CONSTRAINT commits_pkey PRIMARY KEY (project_id, commit_id);


--
-- Name: commits commits_sha_unique; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.commits
    ADD CONSTRAINT commits_sha_unique UNIQUE (project_id, sha);


--
-- Name: file_changes file_changes_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.file_changes
    ADD CONSTRAINT file_changes_pkey PRIMARY KEY (project_id, commit_id, change_no);


--
-- Name: ingested_refs ingested_refs_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.ingested_refs
    ADD CONSTRAINT ingested_refs_pkey PRIMARY KEY (project_id, ref_name);


--
-- Name: lineage_marks lineage_marks_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.lineage_marks
    ADD CONSTRAINT lineage_marks_pkey PRIMARY KEY (project_id);


--
-- Name: paths paths_pkey; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.paths
    ADD CONSTRAINT paths_pkey PRIMARY KEY (project_id, path_id);


--
-- Name: paths paths_project_id_path_key; Type: CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.paths
    ADD CONSTRAINT paths_project_id_path_key UNIQUE (project_id, path);


--
-- Name: ab_testing_assignments ab_testing_assignments_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_assignments
    ADD CONSTRAINT ab_testing_assignments_pkey PRIMARY KEY (project_id, assignment_id);


--
-- Name: ab_testing_assignments ab_testing_assignments_user_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_assignments
    ADD CONSTRAINT ab_testing_assignments_user_key UNIQUE (project_id, experiment_id, user_id);


--
-- Name: ab_testing_experiments ab_testing_experiments_name_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_experiments
    ADD CONSTRAINT ab_testing_experiments_name_key UNIQUE (project_id, experiment_name);


--
-- Name: ab_testing_experiments ab_testing_experiments_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_experiments
    ADD CONSTRAINT ab_testing_experiments_pkey PRIMARY KEY (project_id, experiment_id);


--
-- Name: ab_testing_outcomes ab_testing_outcomes_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_outcomes
    ADD CONSTRAINT ab_testing_outcomes_pkey PRIMARY KEY (project_id, experiment_id, user_id, metric_name);


--
-- Name: code_evaluations code_evaluations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.code_evaluations
    ADD CONSTRAINT code_evaluations_pkey PRIMARY KEY (project_id, evaluation_id);


--
-- Name: evolution_experiment_templates evolution_experiment_templates_name_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiment_templates
    ADD CONSTRAINT evolution_experiment_templates_name_key UNIQUE (name);


--
-- Name: evolution_experiment_templates evolution_experiment_templates_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiment_templates
    ADD CONSTRAINT evolution_experiment_templates_pkey PRIMARY KEY (template_id);


--
-- Name: evolution_experiments evolution_experiments_name_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_name_key UNIQUE (project_id, name);


--
-- Name: evolution_experiments evolution_experiments_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_pkey PRIMARY KEY (project_id, experiment_id);


--
-- Name: evolution_generations evolution_generations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_pkey PRIMARY KEY (project_id, experiment_id, generation_number);


--
-- Name: evolution_individuals evolution_individuals_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_pkey PRIMARY KEY (project_id, experiment_id, individual_id);


--
-- Name: evolution_individuals evolution_individuals_position_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_position_key UNIQUE (project_id, experiment_id, generation_number, individual_index);


--
-- Name: git_operation_learning_events git_operation_learning_events_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.git_operation_learning_events
    ADD CONSTRAINT git_operation_learning_events_pkey PRIMARY KEY (project_id, link_id);


--
-- Name: identified_patterns identified_patterns_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_pkey PRIMARY KEY (project_id, pattern_id);


--
-- Name: identified_patterns identified_patterns_type_name_signature_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_type_name_signature_key UNIQUE (project_id, pattern_type, pattern_name, pattern_signature);


--
-- Name: learning_events learning_events_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.learning_events
    ADD CONSTRAINT learning_events_pkey PRIMARY KEY (project_id, event_id, event_timestamp);


--
-- Name: learning_events_default learning_events_default_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.learning_events_default
    ADD CONSTRAINT learning_events_default_pkey PRIMARY KEY (project_id, event_id, event_timestamp);


--
-- Name: llm_interactions llm_interactions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_pkey PRIMARY KEY (project_id, interaction_id);


--
-- Name: ml_models ml_models_name_version_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_name_version_key UNIQUE (project_id, name, version);


--
-- Name: ml_models ml_models_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_pkey PRIMARY KEY (project_id, model_id);


--
-- Name: model_training_sessions model_training_sessions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_pkey PRIMARY KEY (project_id, training_session_id);


--
-- Name: pattern_occurrences pattern_occurrences_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pkey PRIMARY KEY (project_id, occurrence_id, detection_timestamp);


--
-- Name: pattern_occurrences_default pattern_occurrences_default_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.pattern_occurrences_default
    ADD CONSTRAINT pattern_occurrences_default_pkey PRIMARY KEY (project_id, occurrence_id, detection_timestamp);


--
-- Name: predictions predictions_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_pkey PRIMARY KEY (project_id, prediction_id);


--
-- Name: recommendations recommendations_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_pkey PRIMARY KEY (project_id, recommendation_id);


--
-- Name: system_performance_metrics_daily system_performance_metrics_daily_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.system_performance_metrics_daily
    ADD CONSTRAINT system_performance_metrics_daily_pkey PRIMARY KEY (day, metric_name, metric_category, source_component, unit, aggregation_level);


--
-- Name: system_performance_metrics system_performance_metrics_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.system_performance_metrics
    ADD CONSTRAINT system_performance_metrics_pkey PRIMARY KEY (metric_id, metric_timestamp);


--
-- Name: system_performance_metrics_default system_performance_metrics_default_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.system_performance_metrics_default
    ADD CONSTRAINT system_performance_metrics_default_pkey PRIMARY KEY (metric_id, metric_timestamp);


--
-- Name: training_datasets training_datasets_name_version_key; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_name_version_key UNIQUE (project_id, name, version);


--
-- Name: training_datasets training_datasets_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_pkey PRIMARY KEY (project_id, dataset_id);


--
-- Name: user_session_learning_events user_session_learning_events_pkey; Type: CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.user_session_learning_events
    ADD CONSTRAINT user_session_learning_events_pkey PRIMARY KEY (project_id, link_id);


--
-- Name: data_quality_checks data_quality_checks_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.data_quality_checks
    ADD CONSTRAINT data_quality_checks_pkey PRIMARY KEY (check_name);


--
-- Name: data_quality_results data_quality_results_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.data_quality_results
    ADD CONSTRAINT data_quality_results_pkey PRIMARY KEY (result_id);


--
-- Name: data_retention_policies data_retention_policies_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.data_retention_policies
    ADD CONSTRAINT data_retention_policies_pkey PRIMARY KEY (schema_name, table_name);


--
-- Name: health_check_results health_check_results_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.health_check_results
    ADD CONSTRAINT health_check_results_pkey PRIMARY KEY (result_id);


--
-- Name: managed_extensions managed_extensions_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.managed_extensions
    ADD CONSTRAINT managed_extensions_pkey PRIMARY KEY (extension_name);


--
-- Name: migration_checksums migration_checksums_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.migration_checksums
    ADD CONSTRAINT migration_checksums_pkey PRIMARY KEY (migration_id);


--
-- Name: partitioned_tables partitioned_tables_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.partitioned_tables
    ADD CONSTRAINT partitioned_tables_pkey PRIMARY KEY (schema_name, table_name);


--
-- Name: retention_runs retention_runs_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.retention_runs
    ADD CONSTRAINT retention_runs_pkey PRIMARY KEY (run_id);


--
-- Name: scheduled_jobs scheduled_jobs_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.scheduled_jobs
    ADD CONSTRAINT scheduled_jobs_pkey PRIMARY KEY (job_name);


--
-- Name: system_health_checks system_health_checks_pkey; Type: CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.system_health_checks
    ADD CONSTRAINT system_health_checks_pkey PRIMARY KEY (check_name);


--
-- Name: author_commit_counts author_commit_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.author_commit_counts
    ADD CONSTRAINT author_commit_counts_pkey PRIMARY KEY (project_id, author_key);


--
-- Name: author_week_counts author_week_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.author_week_counts
    ADD CONSTRAINT author_week_counts_pkey PRIMARY KEY (project_id, author_key, week);


--
-- Name: change_magnitude_patterns change_magnitude_patterns_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.change_magnitude_patterns
    ADD CONSTRAINT change_magnitude_patterns_pkey PRIMARY KEY (project_id, id);


--
-- Name: change_size_counts change_size_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.change_size_counts
    ADD CONSTRAINT change_size_counts_pkey PRIMARY KEY (project_id, change_size);


--
-- Name: commit_time_bins commit_time_bins_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.commit_time_bins
    ADD CONSTRAINT commit_time_bins_pkey PRIMARY KEY (project_id, pattern_type, bin);


--
-- Name: deleted_files deleted_files_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.deleted_files
    ADD CONSTRAINT deleted_files_pkey PRIMARY KEY (project_id, file_id);


--
-- Name: developer_patterns developer_patterns_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.developer_patterns
    ADD CONSTRAINT developer_patterns_pkey PRIMARY KEY (project_id, id);


--
-- Name: discovery_retention discovery_retention_one_per_project; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.discovery_retention
    ADD CONSTRAINT discovery_retention_one_per_project UNIQUE NULLS NOT DISTINCT (project_id);


--
-- Name: CONSTRAINT discovery_retention_one_per_project ON discovery_retention; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON CONSTRAINT discovery_retention_one_per_project ON patterns.discovery_retention IS 'One row per project and one default row (project_id NULL); also the index behind the foreign key.';


--
-- Name: discovery_retention discovery_retention_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.discovery_retention
    ADD CONSTRAINT discovery_retention_pkey PRIMARY KEY (setting_id);


--
-- Name: file_author_counts file_author_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_author_counts
    ADD CONSTRAINT file_author_counts_pkey PRIMARY KEY (project_id, file_path, author_key);


--
-- Name: file_author_recency file_author_recency_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_author_recency
    ADD CONSTRAINT file_author_recency_pkey PRIMARY KEY (project_id, file_id, author_id);


--
-- Name: file_change_counts file_change_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_change_counts
    ADD CONSTRAINT file_change_counts_pkey PRIMARY KEY (project_id, file_path);


--
-- Name: file_cooccurrence_patterns file_cooccurrence_patterns_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_cooccurrence_patterns
    ADD CONSTRAINT file_cooccurrence_patterns_pkey PRIMARY KEY (project_id, id);


--
-- Name: file_pair_counts file_pair_counts_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_pair_counts
    ADD CONSTRAINT file_pair_counts_pkey PRIMARY KEY (project_id, file_id_1, file_id_2);


--
-- Name: file_profiles file_profiles_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_profiles
    ADD CONSTRAINT file_profiles_pkey PRIMARY KEY (project_id, file_path);


--
-- Name: file_profiles_stale file_profiles_stale_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_profiles_stale
    ADD CONSTRAINT file_profiles_stale_pkey PRIMARY KEY (project_id, file_path);


--
-- Name: live_changes live_changes_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_changes
    ADD CONSTRAINT live_changes_pkey PRIMARY KEY (project_id, commit_id, file_path);


--
-- Name: live_commits live_commits_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_commits
    ADD CONSTRAINT live_commits_pkey PRIMARY KEY (project_id, commit_id);


--
-- Name: live_synced live_synced_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_synced
    ADD CONSTRAINT live_synced_pkey PRIMARY KEY (project_id);


--
-- Name: pair_author_recency pair_author_recency_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pair_author_recency
    ADD CONSTRAINT pair_author_recency_pkey PRIMARY KEY (project_id, query_file_id, file_id, author_id);


--
-- Name: pattern_discovery_sessions pattern_discovery_sessions_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_discovery_sessions
    ADD CONSTRAINT pattern_discovery_sessions_pkey PRIMARY KEY (project_id, id);


--
-- Name: pattern_insights pattern_insights_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_insights
    ADD CONSTRAINT pattern_insights_pkey PRIMARY KEY (project_id, id);


--
-- Name: pattern_update_metrics pattern_update_metrics_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_update_metrics
    ADD CONSTRAINT pattern_update_metrics_pkey PRIMARY KEY (id);


--
-- Name: pattern_update_queue pattern_update_queue_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_update_queue
    ADD CONSTRAINT pattern_update_queue_pkey PRIMARY KEY (id);


--
-- Name: temporal_patterns temporal_patterns_pkey; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.temporal_patterns
    ADD CONSTRAINT temporal_patterns_pkey PRIMARY KEY (project_id, id);


--
-- Name: file_cooccurrence_patterns uq_cooccurrence_pattern_per_session; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_cooccurrence_patterns
    ADD CONSTRAINT uq_cooccurrence_pattern_per_session UNIQUE (project_id, discovery_session_id, pattern_hash);


--
-- Name: developer_patterns uq_developer_pattern_per_session; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.developer_patterns
    ADD CONSTRAINT uq_developer_pattern_per_session UNIQUE (project_id, discovery_session_id, developer_hash);


--
-- Name: pattern_insights uq_insight_per_session; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_insights
    ADD CONSTRAINT uq_insight_per_session UNIQUE (project_id, discovery_session_id, insight_type, subject);


--
-- Name: change_magnitude_patterns uq_magnitude_pattern_per_session; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.change_magnitude_patterns
    ADD CONSTRAINT uq_magnitude_pattern_per_session UNIQUE (project_id, discovery_session_id, file_path);


--
-- Name: temporal_patterns uq_temporal_pattern_per_session; Type: CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.temporal_patterns
    ADD CONSTRAINT uq_temporal_pattern_per_session UNIQUE (project_id, discovery_session_id, pattern_type);


--
-- Name: operation_patterns operation_patterns_pattern_signature_key; Type: CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.operation_patterns
    ADD CONSTRAINT operation_patterns_pattern_signature_key UNIQUE (pattern_signature);


--
-- Name: operation_patterns operation_patterns_pkey; Type: CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.operation_patterns
    ADD CONSTRAINT operation_patterns_pkey PRIMARY KEY (pattern_id);


--
-- Name: pattern_fields pattern_fields_pkey; Type: CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.pattern_fields
    ADD CONSTRAINT pattern_fields_pkey PRIMARY KEY (scope, field);


--
-- Name: pattern_occurrences pattern_occurrences_pkey; Type: CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pkey PRIMARY KEY (pattern_id, workflow_id);


--
-- Name: patterns patterns_pkey; Type: CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.patterns
    ADD CONSTRAINT patterns_pkey PRIMARY KEY (pattern_id);


--
-- Name: project_pattern_summary_project_idx; Type: INDEX; Schema: api; Owner: -
--

CREATE UNIQUE INDEX project_pattern_summary_project_idx ON api.project_pattern_summary USING btree (project_id);


--
-- Name: INDEX project_pattern_summary_project_idx; Type: COMMENT; Schema: api; Owner: -
--

COMMENT ON INDEX api.project_pattern_summary_project_idx IS 'One row per project; lets the view refresh CONCURRENTLY.';


--
-- Name: sessions_project_started_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX sessions_project_started_idx ON core.sessions USING btree (project_id, started_at DESC);


--
-- Name: INDEX sessions_project_started_idx; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON INDEX core.sessions_project_started_idx IS 'A project''s sessions, newest first.';


--
-- Name: commits_project_author_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX commits_project_author_idx ON git.commits USING btree (project_id, author_key);


--
-- Name: INDEX commits_project_author_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.commits_project_author_idx IS 'Commits of a project by author.';


--
-- Name: commits_project_authored_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX commits_project_authored_idx ON git.commits USING btree (project_id, authored_at);


--
-- Name: INDEX commits_project_authored_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.commits_project_authored_idx IS 'Commits of a project by authored time (time windows, activity over time).';


--
-- Name: commits_roots_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX commits_roots_idx ON git.commits USING btree (project_id) WHERE (cardinality(parent_shas) = 0);


--
-- Name: INDEX commits_roots_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.commits_roots_idx IS 'Commits of a project without parents: its roots, and the boundary commits of a shallow clone (ingest checks whether git now knows their parents).';


--
-- Name: file_changes_deletes_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX file_changes_deletes_idx ON git.file_changes USING btree (project_id, latest_path) WHERE (status = 'D'::bpchar);


--
-- Name: INDEX file_changes_deletes_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.file_changes_deletes_idx IS 'Files with a delete in their history (co-change suggestions leave out deleted files).';


--
-- Name: file_changes_latest_path_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX file_changes_latest_path_idx ON git.file_changes USING btree (project_id, latest_path);


--
-- Name: INDEX file_changes_latest_path_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.file_changes_latest_path_idx IS 'The changes of a file, by its latest path.';


--
-- Name: file_changes_path_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX file_changes_path_idx ON git.file_changes USING btree (project_id, path);


--
-- Name: INDEX file_changes_path_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.file_changes_path_idx IS 'The changes made at a path (lineage lookups from any path a file had).';


--
-- Name: file_changes_renames_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX file_changes_renames_idx ON git.file_changes USING btree (project_id, old_path) WHERE (status = 'R'::bpchar);


--
-- Name: INDEX file_changes_renames_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.file_changes_renames_idx IS 'The renames of a project, by the path they leave (lineage).';


--
-- Name: file_changes_renames_into_idx; Type: INDEX; Schema: git; Owner: -
--

CREATE INDEX file_changes_renames_into_idx ON git.file_changes USING btree (project_id, path) WHERE (status = 'R'::bpchar);


--
-- Name: INDEX file_changes_renames_into_idx; Type: COMMENT; Schema: git; Owner: -
--

COMMENT ON INDEX git.file_changes_renames_into_idx IS 'The renames of a project, by the path they lead to (incremental lineage: which renames land on a path).';


--
-- Name: ab_testing_assignments_user_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ab_testing_assignments_user_idx ON learning.ab_testing_assignments USING btree (project_id, user_id);


--
-- Name: INDEX ab_testing_assignments_user_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ab_testing_assignments_user_idx IS 'A user''s experiments.';


--
-- Name: ab_testing_assignments_variant_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ab_testing_assignments_variant_idx ON learning.ab_testing_assignments USING btree (project_id, experiment_id, variant);


--
-- Name: INDEX ab_testing_assignments_variant_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ab_testing_assignments_variant_idx IS 'The users of a variant.';


--
-- Name: ab_testing_experiments_id_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ab_testing_experiments_id_idx ON learning.ab_testing_experiments USING btree (experiment_id);


--
-- Name: INDEX ab_testing_experiments_id_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ab_testing_experiments_id_idx IS 'The api finds an experiment by its id alone.';


--
-- Name: ab_testing_experiments_status_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ab_testing_experiments_status_idx ON learning.ab_testing_experiments USING btree (project_id, status);


--
-- Name: INDEX ab_testing_experiments_status_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ab_testing_experiments_status_idx IS 'A project''s experiments by status.';


--
-- Name: code_evaluations_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX code_evaluations_individual_idx ON learning.code_evaluations USING btree (project_id, experiment_id, individual_id);


--
-- Name: INDEX code_evaluations_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.code_evaluations_individual_idx IS 'An individual''s evaluations (supports its foreign key).';


--
-- Name: daily_learning_metrics_key; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX daily_learning_metrics_key ON learning.daily_learning_metrics USING btree (project_id, date, event_type, source_system) NULLS NOT DISTINCT;


--
-- Name: INDEX daily_learning_metrics_key; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.daily_learning_metrics_key IS 'One row per project, day, type and source; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';


--
-- Name: evolution_experiments_running_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_experiments_running_idx ON learning.evolution_experiments USING btree (project_id, created_at) WHERE (status = 'running'::text);


--
-- Name: INDEX evolution_experiments_running_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_experiments_running_idx IS 'Running experiments.';


--
-- Name: evolution_experiments_template_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_experiments_template_idx ON learning.evolution_experiments USING btree (template_id);


--
-- Name: INDEX evolution_experiments_template_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_experiments_template_idx IS 'Experiments created from a template (supports its foreign key).';


--
-- Name: evolution_generations_best_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_generations_best_individual_idx ON learning.evolution_generations USING btree (project_id, experiment_id, best_individual_id) WHERE (best_individual_id IS NOT NULL);


--
-- Name: INDEX evolution_generations_best_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_generations_best_individual_idx IS 'Supports the best-individual foreign key.';


--
-- Name: evolution_individuals_fitness_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX evolution_individuals_fitness_idx ON learning.evolution_individuals USING btree (project_id, experiment_id, fitness_score DESC) WHERE (fitness_score IS NOT NULL);


--
-- Name: INDEX evolution_individuals_fitness_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.evolution_individuals_fitness_idx IS 'An experiment''s leaderboard.';


--
-- Name: git_operation_learning_events_event_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX git_operation_learning_events_event_idx ON learning.git_operation_learning_events USING btree (project_id, learning_event_id, event_timestamp);


--
-- Name: INDEX git_operation_learning_events_event_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.git_operation_learning_events_event_idx IS 'Supports the event foreign key.';


--
-- Name: git_operation_learning_events_operation_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX git_operation_learning_events_operation_idx ON learning.git_operation_learning_events USING btree (project_id, git_operation_id);


--
-- Name: INDEX git_operation_learning_events_operation_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.git_operation_learning_events_operation_idx IS 'The events of a git operation.';


--
-- Name: git_operation_learning_events_repository_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX git_operation_learning_events_repository_idx ON learning.git_operation_learning_events USING btree (project_id, repository_id);


--
-- Name: INDEX git_operation_learning_events_repository_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.git_operation_learning_events_repository_idx IS 'The events of a repository.';


--
-- Name: git_operation_learning_events_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX git_operation_learning_events_time_idx ON learning.git_operation_learning_events USING btree (event_timestamp);


--
-- Name: INDEX git_operation_learning_events_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.git_operation_learning_events_time_idx IS 'Retention: the links of the events of one partition.';


--
-- Name: hourly_performance_summary_key; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX hourly_performance_summary_key ON learning.hourly_performance_summary USING btree (hour, metric_name, metric_category, source_component, unit) NULLS NOT DISTINCT;


--
-- Name: INDEX hourly_performance_summary_key; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.hourly_performance_summary_key IS 'One row per hour and metric; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';


--
-- Name: identified_patterns_last_detected_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX identified_patterns_last_detected_idx ON learning.identified_patterns USING btree (project_id, last_detected);


--
-- Name: INDEX identified_patterns_last_detected_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.identified_patterns_last_detected_idx IS 'Recently detected patterns.';


--
-- Name: identified_patterns_type_status_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX identified_patterns_type_status_idx ON learning.identified_patterns USING btree (project_id, pattern_type, status);


--
-- Name: INDEX identified_patterns_type_status_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.identified_patterns_type_status_idx IS 'Patterns of a type and status.';


--
-- Name: learning_events_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_time_idx ON ONLY learning.learning_events USING brin (event_timestamp);


--
-- Name: INDEX learning_events_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.learning_events_time_idx IS 'Time ranges across projects within a partition (BRIN: events arrive in time order).';


--
-- Name: learning_events_default_event_timestamp_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_default_event_timestamp_idx ON learning.learning_events_default USING brin (event_timestamp);


--
-- Name: learning_events_entity_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_entity_idx ON ONLY learning.learning_events USING btree (project_id, entity_type, entity_id);


--
-- Name: INDEX learning_events_entity_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.learning_events_entity_idx IS 'The events about an entity.';


--
-- Name: learning_events_default_project_id_entity_type_entity_id_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_default_project_id_entity_type_entity_id_idx ON learning.learning_events_default USING btree (project_id, entity_type, entity_id);


--
-- Name: learning_events_type_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_type_time_idx ON ONLY learning.learning_events USING btree (project_id, event_type, event_timestamp);


--
-- Name: INDEX learning_events_type_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.learning_events_type_time_idx IS 'A project''s events of a type over time.';


--
-- Name: learning_events_default_project_id_event_type_event_timesta_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_default_project_id_event_type_event_timesta_idx ON learning.learning_events_default USING btree (project_id, event_type, event_timestamp);


--
-- Name: learning_events_session_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_session_idx ON ONLY learning.learning_events USING btree (project_id, session_id) WHERE (session_id IS NOT NULL);


--
-- Name: INDEX learning_events_session_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.learning_events_session_idx IS 'The events of a session.';


--
-- Name: learning_events_default_project_id_session_id_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_default_project_id_session_id_idx ON learning.learning_events_default USING btree (project_id, session_id) WHERE (session_id IS NOT NULL);


--
-- Name: learning_events_user_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_user_idx ON ONLY learning.learning_events USING btree (project_id, user_id, event_timestamp) WHERE (user_id IS NOT NULL);


--
-- Name: INDEX learning_events_user_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.learning_events_user_idx IS 'A user''s events over time.';


--
-- Name: learning_events_default_project_id_user_id_event_timestamp_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX learning_events_default_project_id_user_id_event_timestamp_idx ON learning.learning_events_default USING btree (project_id, user_id, event_timestamp) WHERE (user_id IS NOT NULL);


--
-- Name: llm_interactions_experiment_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX llm_interactions_experiment_idx ON learning.llm_interactions USING btree (project_id, experiment_id, created_at);


--
-- Name: INDEX llm_interactions_experiment_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.llm_interactions_experiment_idx IS 'An experiment''s LLM calls over time (supports its foreign key).';


--
-- Name: llm_interactions_individual_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX llm_interactions_individual_idx ON learning.llm_interactions USING btree (project_id, experiment_id, individual_id) WHERE (individual_id IS NOT NULL);


--
-- Name: INDEX llm_interactions_individual_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.llm_interactions_individual_idx IS 'LLM calls for an individual (supports its foreign key).';


--
-- Name: ml_models_one_active_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX ml_models_one_active_idx ON learning.ml_models USING btree (project_id, name) WHERE (status = 'active'::text);


--
-- Name: INDEX ml_models_one_active_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_one_active_idx IS 'At most one active version per model name (the trigger gives the clear error; this index holds under concurrency).';


--
-- Name: ml_models_parent_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ml_models_parent_idx ON learning.ml_models USING btree (project_id, parent_model_id) WHERE (parent_model_id IS NOT NULL);


--
-- Name: INDEX ml_models_parent_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_parent_idx IS 'Children of a model version (lineage downwards; supports the parent foreign key).';


--
-- Name: ml_models_type_status_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX ml_models_type_status_idx ON learning.ml_models USING btree (project_id, model_type, status);


--
-- Name: INDEX ml_models_type_status_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.ml_models_type_status_idx IS 'Models of a type and status.';


--
-- Name: model_performance_summary_key; Type: INDEX; Schema: learning; Owner: -
--

CREATE UNIQUE INDEX model_performance_summary_key ON learning.model_performance_summary USING btree (project_id, model_id);


--
-- Name: INDEX model_performance_summary_key; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_performance_summary_key IS 'One row per model version; lets REFRESH MATERIALIZED VIEW CONCURRENTLY run.';


--
-- Name: model_training_sessions_dataset_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_dataset_idx ON learning.model_training_sessions USING btree (project_id, dataset_id);


--
-- Name: INDEX model_training_sessions_dataset_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_dataset_idx IS 'Sessions that used a dataset (supports its foreign key).';


--
-- Name: model_training_sessions_model_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_model_idx ON learning.model_training_sessions USING btree (project_id, model_id, training_start);


--
-- Name: INDEX model_training_sessions_model_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_model_idx IS 'A model''s training sessions in time order.';


--
-- Name: model_training_sessions_running_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX model_training_sessions_running_idx ON learning.model_training_sessions USING btree (project_id, training_start) WHERE (status = 'running'::text);


--
-- Name: INDEX model_training_sessions_running_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.model_training_sessions_running_idx IS 'Sessions still running.';


--
-- Name: pattern_occurrences_model_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_model_idx ON ONLY learning.pattern_occurrences USING btree (project_id, detection_model_id) WHERE (detection_model_id IS NOT NULL);


--
-- Name: INDEX pattern_occurrences_model_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_model_idx IS 'Occurrences a model detected (supports the model foreign key).';


--
-- Name: pattern_occurrences_default_project_id_detection_model_id_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_detection_model_id_idx ON learning.pattern_occurrences_default USING btree (project_id, detection_model_id) WHERE (detection_model_id IS NOT NULL);


--
-- Name: pattern_occurrences_pattern_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_pattern_idx ON ONLY learning.pattern_occurrences USING btree (project_id, pattern_id, detection_timestamp);


--
-- Name: INDEX pattern_occurrences_pattern_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_pattern_idx IS 'A pattern''s occurrences over time (supports the pattern foreign key).';


--
-- Name: pattern_occurrences_default_project_id_pattern_id_detection_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_pattern_id_detection_idx ON learning.pattern_occurrences_default USING btree (project_id, pattern_id, detection_timestamp);


--
-- Name: pattern_occurrences_source_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_source_idx ON ONLY learning.pattern_occurrences USING btree (project_id, source_type, source_id);


--
-- Name: INDEX pattern_occurrences_source_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.pattern_occurrences_source_idx IS 'Occurrences in a source entity.';


--
-- Name: pattern_occurrences_default_project_id_source_type_source_i_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX pattern_occurrences_default_project_id_source_type_source_i_idx ON learning.pattern_occurrences_default USING btree (project_id, source_type, source_id);


--
-- Name: predictions_expiring_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_expiring_idx ON learning.predictions USING btree (prediction_timestamp) WHERE ((status = 'active'::text) AND (prediction_horizon IS NOT NULL));


--
-- Name: INDEX predictions_expiring_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_expiring_idx IS 'Active predictions that can expire: what learning.expire_predictions() scans.';


--
-- Name: predictions_model_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_model_time_idx ON learning.predictions USING btree (project_id, model_id, prediction_timestamp);


--
-- Name: INDEX predictions_model_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_model_time_idx IS 'A model''s predictions over time (supports the model foreign key and the accuracy reports).';


--
-- Name: predictions_target_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX predictions_target_idx ON learning.predictions USING btree (project_id, target_entity_type, target_entity_id);


--
-- Name: INDEX predictions_target_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.predictions_target_idx IS 'Predictions about an entity.';


--
-- Name: recommendations_open_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_open_idx ON learning.recommendations USING btree (project_id, priority, created_at) WHERE (status = ANY (ARRAY['proposed'::text, 'accepted'::text]));


--
-- Name: INDEX recommendations_open_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_open_idx IS 'Open recommendations by priority.';


--
-- Name: recommendations_source_pattern_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_source_pattern_idx ON learning.recommendations USING btree (project_id, source_pattern_id) WHERE (source_pattern_id IS NOT NULL);


--
-- Name: INDEX recommendations_source_pattern_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_source_pattern_idx IS 'Recommendations from a pattern (supports its foreign key).';


--
-- Name: recommendations_source_prediction_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX recommendations_source_prediction_idx ON learning.recommendations USING btree (project_id, source_prediction_id) WHERE (source_prediction_id IS NOT NULL);


--
-- Name: INDEX recommendations_source_prediction_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.recommendations_source_prediction_idx IS 'Recommendations from a prediction (supports its foreign key).';


--
-- Name: system_performance_metrics_category_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_category_idx ON ONLY learning.system_performance_metrics USING btree (metric_category, metric_timestamp);


--
-- Name: INDEX system_performance_metrics_category_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.system_performance_metrics_category_idx IS 'The metrics of a category over time.';


--
-- Name: system_performance_metrics_component_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_component_idx ON ONLY learning.system_performance_metrics USING btree (source_component, metric_timestamp);


--
-- Name: INDEX system_performance_metrics_component_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.system_performance_metrics_component_idx IS 'The metrics of a component over time.';


--
-- Name: system_performance_metrics_de_metric_category_metric_timest_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_de_metric_category_metric_timest_idx ON learning.system_performance_metrics_default USING btree (metric_category, metric_timestamp);


--
-- Name: system_performance_metrics_de_source_component_metric_times_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_de_source_component_metric_times_idx ON learning.system_performance_metrics_default USING btree (source_component, metric_timestamp);


--
-- Name: system_performance_metrics_name_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_name_time_idx ON ONLY learning.system_performance_metrics USING btree (metric_name, metric_timestamp);


--
-- Name: INDEX system_performance_metrics_name_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.system_performance_metrics_name_time_idx IS 'A metric over time (anomaly detection, summaries).';


--
-- Name: system_performance_metrics_def_metric_name_metric_timestamp_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_def_metric_name_metric_timestamp_idx ON learning.system_performance_metrics_default USING btree (metric_name, metric_timestamp);


--
-- Name: system_performance_metrics_tags_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_tags_idx ON ONLY learning.system_performance_metrics USING gin (tags jsonb_path_ops);


--
-- Name: INDEX system_performance_metrics_tags_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.system_performance_metrics_tags_idx IS 'Filtering by tags (tags @> ...).';


--
-- Name: system_performance_metrics_default_tags_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX system_performance_metrics_default_tags_idx ON learning.system_performance_metrics_default USING gin (tags jsonb_path_ops);


--
-- Name: user_session_learning_events_event_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX user_session_learning_events_event_idx ON learning.user_session_learning_events USING btree (project_id, learning_event_id, event_timestamp);


--
-- Name: INDEX user_session_learning_events_event_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.user_session_learning_events_event_idx IS 'Supports the event foreign key.';


--
-- Name: user_session_learning_events_session_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX user_session_learning_events_session_idx ON learning.user_session_learning_events USING btree (project_id, session_id);


--
-- Name: INDEX user_session_learning_events_session_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.user_session_learning_events_session_idx IS 'The events of a session.';


--
-- Name: user_session_learning_events_time_idx; Type: INDEX; Schema: learning; Owner: -
--

CREATE INDEX user_session_learning_events_time_idx ON learning.user_session_learning_events USING btree (event_timestamp);


--
-- Name: INDEX user_session_learning_events_time_idx; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON INDEX learning.user_session_learning_events_time_idx IS 'Retention: the links of the events of one partition.';


--
-- Name: data_quality_results_check_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX data_quality_results_check_idx ON ops.data_quality_results USING btree (check_name, checked_at DESC);


--
-- Name: INDEX data_quality_results_check_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.data_quality_results_check_idx IS 'A check''s results, newest first (supports the foreign key).';


--
-- Name: data_quality_results_checked_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX data_quality_results_checked_idx ON ops.data_quality_results USING btree (checked_at);


--
-- Name: INDEX data_quality_results_checked_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.data_quality_results_checked_idx IS 'Retention.';


--
-- Name: health_check_results_check_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX health_check_results_check_idx ON ops.health_check_results USING btree (check_name, checked_at DESC);


--
-- Name: INDEX health_check_results_check_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.health_check_results_check_idx IS 'A check''s results, newest first (supports the foreign key).';


--
-- Name: health_check_results_checked_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX health_check_results_checked_idx ON ops.health_check_results USING btree (checked_at);


--
-- Name: INDEX health_check_results_checked_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.health_check_results_checked_idx IS 'Retention.';


--
-- Name: retention_runs_started_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX retention_runs_started_idx ON ops.retention_runs USING btree (started_at);


--
-- Name: INDEX retention_runs_started_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.retention_runs_started_idx IS 'Retention of the log itself.';


--
-- Name: retention_runs_table_idx; Type: INDEX; Schema: ops; Owner: -
--

CREATE INDEX retention_runs_table_idx ON ops.retention_runs USING btree (schema_name, table_name, started_at);


--
-- Name: INDEX retention_runs_table_idx; Type: COMMENT; Schema: ops; Owner: -
--

COMMENT ON INDEX ops.retention_runs_table_idx IS 'The runs of a table over time.';


--
-- Name: cooccurrence_patterns_active_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_active_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, is_active, updated_at DESC) WHERE is_active;


--
-- Name: INDEX cooccurrence_patterns_active_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_active_idx IS 'The active pairs of a project, most recently updated first.';


--
-- Name: cooccurrence_patterns_commits_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_commits_idx ON patterns.file_cooccurrence_patterns USING gin (contributing_commits);


--
-- Name: INDEX cooccurrence_patterns_commits_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_commits_idx IS 'Pairs a commit contributed to.';


--
-- Name: cooccurrence_patterns_file_2_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_file_2_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, file_path_2) WHERE is_active;


--
-- Name: INDEX cooccurrence_patterns_file_2_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_file_2_idx IS 'The active pairs of a file as the second path.';


--
-- Name: cooccurrence_patterns_files_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_files_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, file_path_1, file_path_2) WHERE is_active;


--
-- Name: INDEX cooccurrence_patterns_files_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_files_idx IS 'A pair, or the pairs of a file as the first path. Current rows (is_active) only.';


--
-- Name: cooccurrence_patterns_hash_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_hash_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, pattern_hash);


--
-- Name: INDEX cooccurrence_patterns_hash_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_hash_idx IS 'A pair''s history across runs.';


--
-- Name: cooccurrence_patterns_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_session_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, discovery_session_id);


--
-- Name: INDEX cooccurrence_patterns_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';


--
-- Name: cooccurrence_patterns_strength_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX cooccurrence_patterns_strength_idx ON patterns.file_cooccurrence_patterns USING btree (project_id, pattern_strength, confidence_score DESC) WHERE is_active;


--
-- Name: INDEX cooccurrence_patterns_strength_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.cooccurrence_patterns_strength_idx IS 'Pairs by strength and confidence. Current rows (is_active) only.';


--
-- Name: developer_patterns_author_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX developer_patterns_author_idx ON patterns.developer_patterns USING btree (project_id, author_email, updated_at DESC);


--
-- Name: INDEX developer_patterns_author_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.developer_patterns_author_idx IS 'An author''s profiles, newest first.';


--
-- Name: developer_patterns_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX developer_patterns_session_idx ON patterns.developer_patterns USING btree (project_id, discovery_session_id);


--
-- Name: INDEX developer_patterns_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.developer_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';


--
-- Name: developer_patterns_specialization_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX developer_patterns_specialization_idx ON patterns.developer_patterns USING btree (project_id, specialization_score DESC, consistency_score DESC) WHERE is_active;


--
-- Name: INDEX developer_patterns_specialization_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.developer_patterns_specialization_idx IS 'Active profiles by specialization.';


--
-- Name: developer_patterns_specialties_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX developer_patterns_specialties_idx ON patterns.developer_patterns USING gin (specialty_files) WHERE is_active;


--
-- Name: INDEX developer_patterns_specialties_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.developer_patterns_specialties_idx IS 'Authors specialised in a file. Current rows (is_active) only.';


--
-- Name: developer_patterns_velocity_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX developer_patterns_velocity_idx ON patterns.developer_patterns USING btree (project_id, change_velocity DESC, consistency_score DESC) WHERE is_active;


--
-- Name: INDEX developer_patterns_velocity_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.developer_patterns_velocity_idx IS 'Profiles by velocity. Current rows (is_active) only.';


--
-- Name: file_author_counts_author_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX file_author_counts_author_idx ON patterns.file_author_counts USING btree (project_id, author_key);


--
-- Name: INDEX file_author_counts_author_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.file_author_counts_author_idx IS 'The files of an author.';


--
-- Name: file_pair_counts_file_2_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX file_pair_counts_file_2_idx ON patterns.file_pair_counts USING btree (project_id, file_id_2);


--
-- Name: INDEX file_pair_counts_file_2_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.file_pair_counts_file_2_idx IS 'The pairs of a file as the second (larger) number; the primary key serves the first.';


--
-- Name: insights_active_recent_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_active_recent_idx ON patterns.pattern_insights USING btree (project_id, is_active, created_at DESC) WHERE is_active;


--
-- Name: INDEX insights_active_recent_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_active_recent_idx IS 'A project''s active insights, newest first.';


--
-- Name: insights_description_fts_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_description_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english'::regconfig, description)) WHERE is_active;


--
-- Name: INDEX insights_description_fts_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_description_fts_idx IS 'Full-text search on descriptions. Current rows (is_active) only.';


--
-- Name: insights_recommendations_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_recommendations_idx ON patterns.pattern_insights USING gin (recommendations) WHERE is_active;


--
-- Name: INDEX insights_recommendations_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_recommendations_idx IS 'Insights carrying a recommendation. Current rows (is_active) only.';


--
-- Name: insights_risk_priority_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_risk_priority_idx ON patterns.pattern_insights USING btree (project_id, risk_level, priority_score DESC, confidence_score DESC) WHERE is_active;


--
-- Name: INDEX insights_risk_priority_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_risk_priority_idx IS 'Insights by risk and priority. Current rows (is_active) only.';


--
-- Name: insights_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_session_idx ON patterns.pattern_insights USING btree (project_id, discovery_session_id);


--
-- Name: INDEX insights_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_session_idx IS 'Insights of a run (supports the foreign key).';


--
-- Name: insights_title_fts_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_title_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english'::regconfig, title)) WHERE is_active;


--
-- Name: INDEX insights_title_fts_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_title_fts_idx IS 'Full-text search on titles. Current rows (is_active) only.';


--
-- Name: insights_type_confidence_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX insights_type_confidence_idx ON patterns.pattern_insights USING btree (project_id, insight_type, confidence_score DESC) WHERE is_active;


--
-- Name: INDEX insights_type_confidence_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.insights_type_confidence_idx IS 'Insights of a type by confidence. Current rows (is_active) only.';


--
-- Name: live_changes_authored_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX live_changes_authored_idx ON patterns.live_changes USING btree (project_id, authored_at);


--
-- Name: INDEX live_changes_authored_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.live_changes_authored_idx IS 'The changes of the trailing year (trend).';


--
-- Name: live_changes_file_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX live_changes_file_idx ON patterns.live_changes USING btree (project_id, file_path, authored_at);


--
-- Name: INDEX live_changes_file_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.live_changes_file_idx IS 'A file''s changes in time order (its profile, its pairs'' evidence).';


--
-- Name: live_changes_size_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX live_changes_size_idx ON patterns.live_changes USING btree (project_id, change_size);


--
-- Name: INDEX live_changes_size_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.live_changes_size_idx IS 'Changes above a size (anomaly scores).';


--
-- Name: live_commits_author_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX live_commits_author_idx ON patterns.live_commits USING btree (project_id, author_key, authored_at);


--
-- Name: INDEX live_commits_author_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.live_commits_author_idx IS 'An author''s commits in time order (developer patterns).';


--
-- Name: live_commits_authored_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX live_commits_authored_idx ON patterns.live_commits USING btree (project_id, authored_at);


--
-- Name: INDEX live_commits_authored_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.live_commits_authored_idx IS 'The span of T: its first and last authored times.';


--
-- Name: magnitude_patterns_active_risk_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX magnitude_patterns_active_risk_idx ON patterns.change_magnitude_patterns USING btree (project_id, risk_score DESC) WHERE is_active;


--
-- Name: INDEX magnitude_patterns_active_risk_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.magnitude_patterns_active_risk_idx IS 'The riskiest active files of a project, first (api.pattern_risk_files).';


--
-- Name: magnitude_patterns_category_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX magnitude_patterns_category_idx ON patterns.change_magnitude_patterns USING btree (project_id, change_category, volatility_score DESC) WHERE is_active;


--
-- Name: INDEX magnitude_patterns_category_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.magnitude_patterns_category_idx IS 'Files by change category and volatility. Current rows (is_active) only.';


--
-- Name: magnitude_patterns_file_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX magnitude_patterns_file_idx ON patterns.change_magnitude_patterns USING btree (project_id, file_path, updated_at DESC);


--
-- Name: INDEX magnitude_patterns_file_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.magnitude_patterns_file_idx IS 'A file''s profiles, newest first.';


--
-- Name: magnitude_patterns_risk_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX magnitude_patterns_risk_idx ON patterns.change_magnitude_patterns USING btree (project_id, risk_level, anomaly_score DESC, hotspot_score DESC) WHERE is_active;


--
-- Name: INDEX magnitude_patterns_risk_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.magnitude_patterns_risk_idx IS 'Files by risk. Current rows (is_active) only.';


--
-- Name: magnitude_patterns_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX magnitude_patterns_session_idx ON patterns.change_magnitude_patterns USING btree (project_id, discovery_session_id);


--
-- Name: INDEX magnitude_patterns_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.magnitude_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';


--
-- Name: pattern_sessions_dev_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_sessions_dev_session_idx ON patterns.pattern_discovery_sessions USING btree (project_id, session_id) WHERE (session_id IS NOT NULL);


--
-- Name: INDEX pattern_sessions_dev_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_sessions_dev_session_idx IS 'Runs of a development session (supports the foreign key).';


--
-- Name: pattern_sessions_project_timestamp_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_sessions_project_timestamp_idx ON patterns.pattern_discovery_sessions USING btree (project_id, discovery_timestamp DESC);


--
-- Name: INDEX pattern_sessions_project_timestamp_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_sessions_project_timestamp_idx IS 'A project''s runs, newest first.';


--
-- Name: pattern_sessions_status_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_sessions_status_idx ON patterns.pattern_discovery_sessions USING btree (status, discovery_timestamp DESC);


--
-- Name: INDEX pattern_sessions_status_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_sessions_status_idx IS 'Runs by status, newest first.';


--
-- Name: pattern_update_metrics_project_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_update_metrics_project_idx ON patterns.pattern_update_metrics USING btree (project_id, started_at DESC);


--
-- Name: INDEX pattern_update_metrics_project_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_update_metrics_project_idx IS 'A project''s update runs, newest first.';


--
-- Name: pattern_update_queue_due_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_update_queue_due_idx ON patterns.pattern_update_queue USING btree (next_attempt_at) WHERE (status = 'pending'::text);


--
-- Name: INDEX pattern_update_queue_due_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_update_queue_due_idx IS 'The pending entries, by when they are due.';


--
-- Name: pattern_update_queue_project_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX pattern_update_queue_project_idx ON patterns.pattern_update_queue USING btree (project_id, status);


--
-- Name: INDEX pattern_update_queue_project_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.pattern_update_queue_project_idx IS 'A project''s entries by status (claiming, superseding, the foreign key).';


--
-- Name: temporal_patterns_authors_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX temporal_patterns_authors_idx ON patterns.temporal_patterns USING gin (contributing_authors);


--
-- Name: INDEX temporal_patterns_authors_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.temporal_patterns_authors_idx IS 'Patterns an author contributes to.';


--
-- Name: temporal_patterns_session_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX temporal_patterns_session_idx ON patterns.temporal_patterns USING btree (project_id, discovery_session_id);


--
-- Name: INDEX temporal_patterns_session_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.temporal_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';


--
-- Name: temporal_patterns_significance_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX temporal_patterns_significance_idx ON patterns.temporal_patterns USING btree (project_id, statistical_significance DESC) WHERE is_active;


--
-- Name: INDEX temporal_patterns_significance_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.temporal_patterns_significance_idx IS 'Active patterns by significance.';


--
-- Name: temporal_patterns_type_strength_idx; Type: INDEX; Schema: patterns; Owner: -
--

CREATE INDEX temporal_patterns_type_strength_idx ON patterns.temporal_patterns USING btree (project_id, pattern_type, pattern_strength DESC);


--
-- Name: INDEX temporal_patterns_type_strength_idx; Type: COMMENT; Schema: patterns; Owner: -
--

COMMENT ON INDEX patterns.temporal_patterns_type_strength_idx IS 'A project''s patterns of a type by strength.';


--
-- Name: operation_patterns_savings_idx; Type: INDEX; Schema: workflow; Owner: -
--

CREATE INDEX operation_patterns_savings_idx ON workflow.operation_patterns USING btree (potential_monthly_savings DESC NULLS LAST);


--
-- Name: INDEX operation_patterns_savings_idx; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON INDEX workflow.operation_patterns_savings_idx IS 'Patterns ranked by potential savings.';


--
-- Name: patterns_occurred_idx; Type: INDEX; Schema: workflow; Owner: -
--

CREATE INDEX patterns_occurred_idx ON workflow.patterns USING btree (occurred_at);


--
-- Name: INDEX patterns_occurred_idx; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON INDEX workflow.patterns_occurred_idx IS 'Time-range queries and retention.';


--
-- Name: patterns_tags_idx; Type: INDEX; Schema: workflow; Owner: -
--

CREATE INDEX patterns_tags_idx ON workflow.patterns USING gin (tags);


--
-- Name: INDEX patterns_tags_idx; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON INDEX workflow.patterns_tags_idx IS 'Tag queries (tags @> ARRAY[...]).';


--
-- Name: patterns_type_occurred_idx; Type: INDEX; Schema: workflow; Owner: -
--

CREATE INDEX patterns_type_occurred_idx ON workflow.patterns USING btree (pattern_type, occurred_at DESC);


--
-- Name: INDEX patterns_type_occurred_idx; Type: COMMENT; Schema: workflow; Owner: -
--

COMMENT ON INDEX workflow.patterns_type_occurred_idx IS 'Patterns of a type, newest first.';


--
-- Name: learning_events_default_event_timestamp_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_time_idx ATTACH PARTITION learning.learning_events_default_event_timestamp_idx;


--
-- Name: learning_events_default_pkey; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_pkey ATTACH PARTITION learning.learning_events_default_pkey;


--
-- Name: learning_events_default_project_id_entity_type_entity_id_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_entity_idx ATTACH PARTITION learning.learning_events_default_project_id_entity_type_entity_id_idx;


--
-- Name: learning_events_default_project_id_event_type_event_timesta_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_type_time_idx ATTACH PARTITION learning.learning_events_default_project_id_event_type_event_timesta_idx;


--
-- Name: learning_events_default_project_id_session_id_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_session_idx ATTACH PARTITION learning.learning_events_default_project_id_session_id_idx;


--
-- Name: learning_events_default_project_id_user_id_event_timestamp_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.learning_events_user_idx ATTACH PARTITION learning.learning_events_default_project_id_user_id_event_timestamp_idx;


--
-- Name: pattern_occurrences_default_pkey; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_pkey ATTACH PARTITION learning.pattern_occurrences_default_pkey;


--
-- Name: pattern_occurrences_default_project_id_detection_model_id_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_model_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_detection_model_id_idx;


--
-- Name: pattern_occurrences_default_project_id_pattern_id_detection_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_pattern_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_pattern_id_detection_idx;


--
-- Name: pattern_occurrences_default_project_id_source_type_source_i_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.pattern_occurrences_source_idx ATTACH PARTITION learning.pattern_occurrences_default_project_id_source_type_source_i_idx;


--
-- Name: system_performance_metrics_de_metric_category_metric_timest_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.system_performance_metrics_category_idx ATTACH PARTITION learning.system_performance_metrics_de_metric_category_metric_timest_idx;


--
-- Name: system_performance_metrics_de_source_component_metric_times_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.system_performance_metrics_component_idx ATTACH PARTITION learning.system_performance_metrics_de_source_component_metric_times_idx;


--
-- Name: system_performance_metrics_def_metric_name_metric_timestamp_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.system_performance_metrics_name_time_idx ATTACH PARTITION learning.system_performance_metrics_def_metric_name_metric_timestamp_idx;


--
-- Name: system_performance_metrics_default_pkey; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.system_performance_metrics_pkey ATTACH PARTITION learning.system_performance_metrics_default_pkey;


--
-- Name: system_performance_metrics_default_tags_idx; Type: INDEX ATTACH; Schema: learning; Owner: -
--

ALTER INDEX learning.system_performance_metrics_tags_idx ATTACH PARTITION learning.system_performance_metrics_default_tags_idx;


--
-- Name: projects projects_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER projects_touch_updated_at BEFORE UPDATE ON core.projects FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: sessions sessions_end_pattern_update; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER sessions_end_pattern_update AFTER UPDATE OF status ON core.sessions FOR EACH ROW WHEN (((new.status = 'ended'::text) AND (old.status = 'active'::text))) EXECUTE FUNCTION patterns.session_end_pattern_update();


--
-- Name: sessions sessions_touch_updated_at; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER sessions_touch_updated_at BEFORE UPDATE ON core.sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: file_changes file_changes_live_delete; Type: TRIGGER; Schema: git; Owner: -
--

CREATE TRIGGER file_changes_live_delete AFTER DELETE ON git.file_changes REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_deleted();


--
-- Name: file_changes file_changes_live_insert; Type: TRIGGER; Schema: git; Owner: -
--

CREATE TRIGGER file_changes_live_insert AFTER INSERT ON git.file_changes REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_inserted();


--
-- Name: file_changes file_changes_live_update; Type: TRIGGER; Schema: git; Owner: -
--

CREATE TRIGGER file_changes_live_update AFTER UPDATE ON git.file_changes REFERENCING NEW TABLE AS updated_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_updated();


--
-- Name: ab_testing_experiments ab_testing_experiments_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ab_testing_experiments_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ab_testing_experiments FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>draft', '>running', 'draft>running', 'draft>cancelled', 'running>completed', 'running>cancelled');


--
-- Name: ab_testing_experiments ab_testing_experiments_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ab_testing_experiments_touch_updated_at BEFORE UPDATE ON learning.ab_testing_experiments FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: ab_testing_experiments ab_testing_experiments_validate; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ab_testing_experiments_validate BEFORE INSERT OR UPDATE ON learning.ab_testing_experiments FOR EACH ROW EXECUTE FUNCTION learning.ab_experiments_validate();


--
-- Name: ab_testing_outcomes ab_testing_outcomes_validate; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ab_testing_outcomes_validate BEFORE INSERT OR UPDATE ON learning.ab_testing_outcomes FOR EACH ROW EXECUTE FUNCTION learning.ab_outcomes_validate();


--
-- Name: evolution_experiment_templates evolution_experiment_templates_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiment_templates_touch_updated_at BEFORE UPDATE ON learning.evolution_experiment_templates FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: evolution_experiments evolution_experiments_rules; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_rules BEFORE INSERT OR UPDATE ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION learning.evolution_experiments_rules();


--
-- Name: evolution_experiments evolution_experiments_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>initialized', 'initialized>running', 'initialized>cancelled', 'running>completed', 'running>failed', 'running>cancelled');


--
-- Name: evolution_experiments evolution_experiments_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_experiments_touch_updated_at BEFORE UPDATE ON learning.evolution_experiments FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: evolution_generations evolution_generations_propagate; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_generations_propagate AFTER UPDATE ON learning.evolution_generations FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_propagate();


--
-- Name: evolution_generations evolution_generations_start; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_generations_start BEFORE INSERT ON learning.evolution_generations FOR EACH ROW EXECUTE FUNCTION learning.evolution_generations_start();


--
-- Name: evolution_individuals evolution_individuals_check; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_check BEFORE INSERT OR UPDATE ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_check();


--
-- Name: evolution_individuals evolution_individuals_score; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_score AFTER INSERT OR DELETE OR UPDATE ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.evolution_individuals_score();


--
-- Name: evolution_individuals evolution_individuals_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER evolution_individuals_status_lifecycle BEFORE INSERT OR UPDATE OF evaluation_status ON learning.evolution_individuals FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('evaluation_status', '>pending', '>evaluating', '>completed', '>failed', 'pending>evaluating', 'pending>completed', 'pending>failed', 'evaluating>completed', 'evaluating>failed');


--
-- Name: git_operation_learning_events git_operation_learning_events_fill_timestamp; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER git_operation_learning_events_fill_timestamp BEFORE INSERT OR UPDATE ON learning.git_operation_learning_events FOR EACH ROW EXECUTE FUNCTION learning.fill_learning_event_timestamp();


--
-- Name: ml_models ml_models_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>training', '>active', 'training>active', 'training>archived', 'active>deprecated', 'deprecated>archived');


--
-- Name: ml_models ml_models_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_touch_updated_at BEFORE UPDATE ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: ml_models ml_models_version_rules; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER ml_models_version_rules BEFORE INSERT OR UPDATE ON learning.ml_models FOR EACH ROW EXECUTE FUNCTION learning.ml_models_version_rules();


--
-- Name: model_training_sessions model_training_sessions_finish; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_finish BEFORE UPDATE OF status ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION learning.model_training_sessions_finish();


--
-- Name: model_training_sessions model_training_sessions_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>running', 'running>completed', 'running>failed', 'running>cancelled');


--
-- Name: model_training_sessions model_training_sessions_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER model_training_sessions_touch_updated_at BEFORE UPDATE ON learning.model_training_sessions FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: pattern_occurrences pattern_occurrences_count; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER pattern_occurrences_count AFTER INSERT ON learning.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_count();


--
-- Name: pattern_occurrences pattern_occurrences_immutable; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER pattern_occurrences_immutable BEFORE UPDATE ON learning.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION learning.pattern_occurrences_immutable();


--
-- Name: predictions predictions_record_outcome; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_record_outcome BEFORE INSERT OR UPDATE ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.predictions_record_outcome();


--
-- Name: predictions predictions_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER predictions_status_lifecycle BEFORE INSERT OR UPDATE OF status, actual_outcome ON learning.predictions FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>active', '>validated', 'active>validated', 'active>expired', 'active>invalidated', 'validated>invalidated');


--
-- Name: recommendations recommendations_status_lifecycle; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER recommendations_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.recommendations FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status', '>proposed', 'proposed>accepted', 'proposed>rejected', 'accepted>implemented', 'accepted>rejected');


--
-- Name: recommendations recommendations_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER recommendations_touch_updated_at BEFORE UPDATE ON learning.recommendations FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: training_datasets training_datasets_touch_updated_at; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER training_datasets_touch_updated_at BEFORE UPDATE ON learning.training_datasets FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: user_session_learning_events user_session_learning_events_fill_timestamp; Type: TRIGGER; Schema: learning; Owner: -
--

CREATE TRIGGER user_session_learning_events_fill_timestamp BEFORE INSERT OR UPDATE ON learning.user_session_learning_events FOR EACH ROW EXECUTE FUNCTION learning.fill_learning_event_timestamp();


--
-- Name: data_quality_checks data_quality_checks_validate; Type: TRIGGER; Schema: ops; Owner: -
--

CREATE TRIGGER data_quality_checks_validate BEFORE INSERT OR UPDATE ON ops.data_quality_checks FOR EACH ROW EXECUTE FUNCTION ops.data_quality_checks_validate();


--
-- Name: data_retention_policies data_retention_policies_touch_updated_at; Type: TRIGGER; Schema: ops; Owner: -
--

CREATE TRIGGER data_retention_policies_touch_updated_at BEFORE UPDATE ON ops.data_retention_policies FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: partitioned_tables partitioned_tables_check; Type: TRIGGER; Schema: ops; Owner: -
--

CREATE TRIGGER partitioned_tables_check BEFORE INSERT OR UPDATE ON ops.partitioned_tables FOR EACH ROW EXECUTE FUNCTION ops.partitioned_tables_check();


--
-- Name: partitioned_tables partitioned_tables_touch_updated_at; Type: TRIGGER; Schema: ops; Owner: -
--

CREATE TRIGGER partitioned_tables_touch_updated_at BEFORE UPDATE ON ops.partitioned_tables FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: discovery_retention discovery_retention_touch_updated_at; Type: TRIGGER; Schema: patterns; Owner: -
--

CREATE TRIGGER discovery_retention_touch_updated_at BEFORE UPDATE ON patterns.discovery_retention FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: pattern_discovery_sessions discovery_supersedes_updates; Type: TRIGGER; Schema: patterns; Owner: -
--

CREATE TRIGGER discovery_supersedes_updates AFTER UPDATE OF status ON patterns.pattern_discovery_sessions FOR EACH ROW WHEN (((new.status = 'completed'::text) AND (old.status IS DISTINCT FROM 'completed'::text))) EXECUTE FUNCTION patterns.supersede_pattern_updates();


--
-- Name: live_changes live_changes_profiles_delete; Type: TRIGGER; Schema: patterns; Owner: -
--

CREATE TRIGGER live_changes_profiles_delete AFTER DELETE ON patterns.live_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows');


--
-- Name: live_changes live_changes_profiles_insert; Type: TRIGGER; Schema: patterns; Owner: -
--

CREATE TRIGGER live_changes_profiles_insert AFTER INSERT ON patterns.live_changes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('new_rows');


--
-- Name: live_changes live_changes_profiles_update; Type: TRIGGER; Schema: patterns; Owner: -
--

CREATE TRIGGER live_changes_profiles_update AFTER UPDATE ON patterns.live_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_changes_mark_profiles('old_rows', 'new_rows');


--
-- Name: operation_patterns operation_patterns_touch_updated_at; Type: TRIGGER; Schema: workflow; Owner: -
--

CREATE TRIGGER operation_patterns_touch_updated_at BEFORE UPDATE ON workflow.operation_patterns FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: pattern_occurrences pattern_occurrences_count; Type: TRIGGER; Schema: workflow; Owner: -
--

CREATE TRIGGER pattern_occurrences_count AFTER INSERT OR DELETE ON workflow.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION workflow.count_occurrence();


--
-- Name: pattern_occurrences pattern_occurrences_no_update; Type: TRIGGER; Schema: workflow; Owner: -
--

CREATE TRIGGER pattern_occurrences_no_update BEFORE UPDATE ON workflow.pattern_occurrences FOR EACH ROW EXECUTE FUNCTION workflow.forbid_occurrence_update();


--
-- Name: patterns patterns_touch_updated_at; Type: TRIGGER; Schema: workflow; Owner: -
--

CREATE TRIGGER patterns_touch_updated_at BEFORE UPDATE ON workflow.patterns FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();


--
-- Name: patterns patterns_validate; Type: TRIGGER; Schema: workflow; Owner: -
--

CREATE TRIGGER patterns_validate BEFORE INSERT OR UPDATE ON workflow.patterns FOR EACH ROW EXECUTE FUNCTION workflow.validate_pattern_row();


--
-- Name: sessions sessions_project_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.sessions
    ADD CONSTRAINT sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: authors authors_project_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.authors
    ADD CONSTRAINT authors_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: commits commits_project_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.commits
    ADD CONSTRAINT commits_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_changes file_changes_project_id_commit_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.file_changes
    ADD CONSTRAINT file_changes_project_id_commit_id_fkey FOREIGN KEY (project_id, commit_id) REFERENCES git.commits(project_id, commit_id) ON DELETE CASCADE;


--
-- Name: ingested_refs ingested_refs_project_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.ingested_refs
    ADD CONSTRAINT ingested_refs_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: lineage_marks lineage_marks_project_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.lineage_marks
    ADD CONSTRAINT lineage_marks_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: paths paths_project_id_fkey; Type: FK CONSTRAINT; Schema: git; Owner: -
--

ALTER TABLE ONLY git.paths
    ADD CONSTRAINT paths_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: ab_testing_assignments ab_testing_assignments_experiment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_assignments
    ADD CONSTRAINT ab_testing_assignments_experiment_fkey FOREIGN KEY (project_id, experiment_id) REFERENCES learning.ab_testing_experiments(project_id, experiment_id) ON DELETE CASCADE;


--
-- Name: ab_testing_experiments ab_testing_experiments_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_experiments
    ADD CONSTRAINT ab_testing_experiments_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: ab_testing_outcomes ab_testing_outcomes_assignment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ab_testing_outcomes
    ADD CONSTRAINT ab_testing_outcomes_assignment_fkey FOREIGN KEY (project_id, experiment_id, user_id) REFERENCES learning.ab_testing_assignments(project_id, experiment_id, user_id) ON DELETE CASCADE;


--
-- Name: code_evaluations code_evaluations_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.code_evaluations
    ADD CONSTRAINT code_evaluations_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE CASCADE;


--
-- Name: evolution_experiments evolution_experiments_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: evolution_experiments evolution_experiments_template_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_experiments
    ADD CONSTRAINT evolution_experiments_template_id_fkey FOREIGN KEY (template_id) REFERENCES learning.evolution_experiment_templates(template_id);


--
-- Name: evolution_generations evolution_generations_best_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_best_individual_fkey FOREIGN KEY (project_id, experiment_id, best_individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE SET NULL (best_individual_id);


--
-- Name: evolution_generations evolution_generations_experiment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_generations
    ADD CONSTRAINT evolution_generations_experiment_fkey FOREIGN KEY (project_id, experiment_id) REFERENCES learning.evolution_experiments(project_id, experiment_id) ON DELETE CASCADE;


--
-- Name: evolution_individuals evolution_individuals_generation_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.evolution_individuals
    ADD CONSTRAINT evolution_individuals_generation_fkey FOREIGN KEY (project_id, experiment_id, generation_number) REFERENCES learning.evolution_generations(project_id, experiment_id, generation_number) ON DELETE CASCADE;


--
-- Name: git_operation_learning_events git_operation_learning_events_event_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.git_operation_learning_events
    ADD CONSTRAINT git_operation_learning_events_event_fkey FOREIGN KEY (project_id, learning_event_id, event_timestamp) REFERENCES learning.learning_events(project_id, event_id, event_timestamp);


--
-- Name: identified_patterns identified_patterns_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.identified_patterns
    ADD CONSTRAINT identified_patterns_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: learning_events learning_events_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.learning_events
    ADD CONSTRAINT learning_events_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: llm_interactions llm_interactions_experiment_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_experiment_fkey FOREIGN KEY (project_id, experiment_id) REFERENCES learning.evolution_experiments(project_id, experiment_id) ON DELETE CASCADE;


--
-- Name: llm_interactions llm_interactions_individual_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.llm_interactions
    ADD CONSTRAINT llm_interactions_individual_fkey FOREIGN KEY (project_id, experiment_id, individual_id) REFERENCES learning.evolution_individuals(project_id, experiment_id, individual_id) ON DELETE SET NULL (individual_id);


--
-- Name: ml_models ml_models_parent_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_parent_fkey FOREIGN KEY (project_id, parent_model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: ml_models ml_models_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.ml_models
    ADD CONSTRAINT ml_models_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: model_training_sessions model_training_sessions_dataset_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_dataset_fkey FOREIGN KEY (project_id, dataset_id) REFERENCES learning.training_datasets(project_id, dataset_id);


--
-- Name: model_training_sessions model_training_sessions_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_model_fkey FOREIGN KEY (project_id, model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: model_training_sessions model_training_sessions_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.model_training_sessions
    ADD CONSTRAINT model_training_sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pattern_occurrences pattern_occurrences_detection_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_detection_model_fkey FOREIGN KEY (project_id, detection_model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: pattern_occurrences pattern_occurrences_pattern_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pattern_fkey FOREIGN KEY (project_id, pattern_id) REFERENCES learning.identified_patterns(project_id, pattern_id);


--
-- Name: pattern_occurrences pattern_occurrences_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: predictions predictions_model_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_model_fkey FOREIGN KEY (project_id, model_id) REFERENCES learning.ml_models(project_id, model_id);


--
-- Name: predictions predictions_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.predictions
    ADD CONSTRAINT predictions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: recommendations recommendations_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: recommendations recommendations_source_pattern_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_source_pattern_fkey FOREIGN KEY (project_id, source_pattern_id) REFERENCES learning.identified_patterns(project_id, pattern_id);


--
-- Name: recommendations recommendations_source_prediction_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.recommendations
    ADD CONSTRAINT recommendations_source_prediction_fkey FOREIGN KEY (project_id, source_prediction_id) REFERENCES learning.predictions(project_id, prediction_id);


--
-- Name: training_datasets training_datasets_project_id_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.training_datasets
    ADD CONSTRAINT training_datasets_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: user_session_learning_events user_session_learning_events_event_fkey; Type: FK CONSTRAINT; Schema: learning; Owner: -
--

ALTER TABLE ONLY learning.user_session_learning_events
    ADD CONSTRAINT user_session_learning_events_event_fkey FOREIGN KEY (project_id, learning_event_id, event_timestamp) REFERENCES learning.learning_events(project_id, event_id, event_timestamp);


--
-- Name: data_quality_results data_quality_results_check_name_fkey; Type: FK CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.data_quality_results
    ADD CONSTRAINT data_quality_results_check_name_fkey FOREIGN KEY (check_name) REFERENCES ops.data_quality_checks(check_name) ON DELETE CASCADE;


--
-- Name: health_check_results health_check_results_check_name_fkey; Type: FK CONSTRAINT; Schema: ops; Owner: -
--

ALTER TABLE ONLY ops.health_check_results
    ADD CONSTRAINT health_check_results_check_name_fkey FOREIGN KEY (check_name) REFERENCES ops.system_health_checks(check_name) ON DELETE CASCADE;


--
-- Name: author_commit_counts author_commit_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.author_commit_counts
    ADD CONSTRAINT author_commit_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: author_week_counts author_week_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.author_week_counts
    ADD CONSTRAINT author_week_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: change_magnitude_patterns change_magnitude_patterns_project_id_discovery_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.change_magnitude_patterns
    ADD CONSTRAINT change_magnitude_patterns_project_id_discovery_session_id_fkey FOREIGN KEY (project_id, discovery_session_id) REFERENCES patterns.pattern_discovery_sessions(project_id, id) ON DELETE CASCADE;


--
-- Name: change_size_counts change_size_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.change_size_counts
    ADD CONSTRAINT change_size_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: commit_time_bins commit_time_bins_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.commit_time_bins
    ADD CONSTRAINT commit_time_bins_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: deleted_files deleted_files_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.deleted_files
    ADD CONSTRAINT deleted_files_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: developer_patterns developer_patterns_project_id_discovery_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.developer_patterns
    ADD CONSTRAINT developer_patterns_project_id_discovery_session_id_fkey FOREIGN KEY (project_id, discovery_session_id) REFERENCES patterns.pattern_discovery_sessions(project_id, id) ON DELETE CASCADE;


--
-- Name: discovery_retention discovery_retention_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.discovery_retention
    ADD CONSTRAINT discovery_retention_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_author_counts file_author_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_author_counts
    ADD CONSTRAINT file_author_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_author_recency file_author_recency_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_author_recency
    ADD CONSTRAINT file_author_recency_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_change_counts file_change_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_change_counts
    ADD CONSTRAINT file_change_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_cooccurrence_patterns file_cooccurrence_patterns_project_id_discovery_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_cooccurrence_patterns
    ADD CONSTRAINT file_cooccurrence_patterns_project_id_discovery_session_id_fkey FOREIGN KEY (project_id, discovery_session_id) REFERENCES patterns.pattern_discovery_sessions(project_id, id) ON DELETE CASCADE;


--
-- Name: file_pair_counts file_pair_counts_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_pair_counts
    ADD CONSTRAINT file_pair_counts_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_profiles file_profiles_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_profiles
    ADD CONSTRAINT file_profiles_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: file_profiles_stale file_profiles_stale_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.file_profiles_stale
    ADD CONSTRAINT file_profiles_stale_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: live_changes live_changes_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_changes
    ADD CONSTRAINT live_changes_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: live_commits live_commits_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_commits
    ADD CONSTRAINT live_commits_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: live_synced live_synced_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.live_synced
    ADD CONSTRAINT live_synced_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pair_author_recency pair_author_recency_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pair_author_recency
    ADD CONSTRAINT pair_author_recency_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pattern_discovery_sessions pattern_discovery_sessions_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_discovery_sessions
    ADD CONSTRAINT pattern_discovery_sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pattern_discovery_sessions pattern_discovery_sessions_project_id_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_discovery_sessions
    ADD CONSTRAINT pattern_discovery_sessions_project_id_session_id_fkey FOREIGN KEY (project_id, session_id) REFERENCES core.sessions(project_id, session_id) ON DELETE SET NULL (session_id);


--
-- Name: pattern_insights pattern_insights_project_id_discovery_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_insights
    ADD CONSTRAINT pattern_insights_project_id_discovery_session_id_fkey FOREIGN KEY (project_id, discovery_session_id) REFERENCES patterns.pattern_discovery_sessions(project_id, id) ON DELETE CASCADE;


--
-- Name: pattern_update_metrics pattern_update_metrics_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_update_metrics
    ADD CONSTRAINT pattern_update_metrics_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: pattern_update_queue pattern_update_queue_project_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.pattern_update_queue
    ADD CONSTRAINT pattern_update_queue_project_id_fkey FOREIGN KEY (project_id) REFERENCES core.projects(project_id) ON DELETE CASCADE;


--
-- Name: temporal_patterns temporal_patterns_project_id_discovery_session_id_fkey; Type: FK CONSTRAINT; Schema: patterns; Owner: -
--

ALTER TABLE ONLY patterns.temporal_patterns
    ADD CONSTRAINT temporal_patterns_project_id_discovery_session_id_fkey FOREIGN KEY (project_id, discovery_session_id) REFERENCES patterns.pattern_discovery_sessions(project_id, id) ON DELETE CASCADE;


--
-- Name: pattern_occurrences pattern_occurrences_pattern_id_fkey; Type: FK CONSTRAINT; Schema: workflow; Owner: -
--

ALTER TABLE ONLY workflow.pattern_occurrences
    ADD CONSTRAINT pattern_occurrences_pattern_id_fkey FOREIGN KEY (pattern_id) REFERENCES workflow.operation_patterns(pattern_id) ON DELETE CASCADE;


--
-- Name: ab_testing_assignments; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.ab_testing_assignments ENABLE ROW LEVEL SECURITY;

--
-- Name: ab_testing_experiments; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.ab_testing_experiments ENABLE ROW LEVEL SECURITY;

--
-- Name: ab_testing_outcomes; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.ab_testing_outcomes ENABLE ROW LEVEL SECURITY;

--
-- Name: code_evaluations; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.code_evaluations ENABLE ROW LEVEL SECURITY;

--
-- Name: evolution_experiments; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.evolution_experiments ENABLE ROW LEVEL SECURITY;

--
-- Name: evolution_generations; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.evolution_generations ENABLE ROW LEVEL SECURITY;

--
-- Name: evolution_individuals; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.evolution_individuals ENABLE ROW LEVEL SECURITY;

--
-- Name: ab_testing_assignments full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.ab_testing_assignments TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON ab_testing_assignments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.ab_testing_assignments IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: ab_testing_experiments full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.ab_testing_experiments TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON ab_testing_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.ab_testing_experiments IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: ab_testing_outcomes full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.ab_testing_outcomes TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON ab_testing_outcomes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.ab_testing_outcomes IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: code_evaluations full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.code_evaluations TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON code_evaluations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.code_evaluations IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: evolution_experiments full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.evolution_experiments TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON evolution_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.evolution_experiments IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: evolution_generations full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.evolution_generations TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON evolution_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.evolution_generations IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: evolution_individuals full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.evolution_individuals TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON evolution_individuals; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.evolution_individuals IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: git_operation_learning_events full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.git_operation_learning_events TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON git_operation_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.git_operation_learning_events IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: identified_patterns full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.identified_patterns TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON identified_patterns; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.identified_patterns IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: learning_events full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.learning_events TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.learning_events IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: llm_interactions full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.llm_interactions TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON llm_interactions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.llm_interactions IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: ml_models full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.ml_models TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON ml_models; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.ml_models IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: model_training_sessions full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.model_training_sessions TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON model_training_sessions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.model_training_sessions IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: pattern_occurrences full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.pattern_occurrences TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON pattern_occurrences; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.pattern_occurrences IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: predictions full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.predictions TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON predictions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.predictions IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: recommendations full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.recommendations TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON recommendations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.recommendations IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: training_datasets full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.training_datasets TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON training_datasets; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.training_datasets IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: user_session_learning_events full_access; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY full_access ON learning.user_session_learning_events TO pgpattern_writer USING (true) WITH CHECK (true);


--
-- Name: POLICY full_access ON user_session_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY full_access ON learning.user_session_learning_events IS 'pgpattern_writer and pgpattern_admin keep every row.';


--
-- Name: git_operation_learning_events; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.git_operation_learning_events ENABLE ROW LEVEL SECURITY;

--
-- Name: identified_patterns; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.identified_patterns ENABLE ROW LEVEL SECURITY;

--
-- Name: learning_events; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.learning_events ENABLE ROW LEVEL SECURITY;

--
-- Name: llm_interactions; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.llm_interactions ENABLE ROW LEVEL SECURITY;

--
-- Name: ml_models; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.ml_models ENABLE ROW LEVEL SECURITY;

--
-- Name: model_training_sessions; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.model_training_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: pattern_occurrences; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.pattern_occurrences ENABLE ROW LEVEL SECURITY;

--
-- Name: predictions; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.predictions ENABLE ROW LEVEL SECURITY;

--
-- Name: recommendations; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.recommendations ENABLE ROW LEVEL SECURITY;

--
-- Name: ab_testing_assignments tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.ab_testing_assignments TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON ab_testing_assignments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.ab_testing_assignments IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: ab_testing_experiments tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.ab_testing_experiments TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON ab_testing_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.ab_testing_experiments IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: ab_testing_outcomes tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.ab_testing_outcomes TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON ab_testing_outcomes; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.ab_testing_outcomes IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: code_evaluations tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.code_evaluations TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON code_evaluations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.code_evaluations IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: evolution_experiments tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.evolution_experiments TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON evolution_experiments; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.evolution_experiments IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: evolution_generations tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.evolution_generations TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON evolution_generations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.evolution_generations IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: evolution_individuals tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.evolution_individuals TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON evolution_individuals; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.evolution_individuals IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: git_operation_learning_events tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.git_operation_learning_events TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON git_operation_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.git_operation_learning_events IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: identified_patterns tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.identified_patterns TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON identified_patterns; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.identified_patterns IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: learning_events tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.learning_events TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.learning_events IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: llm_interactions tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.llm_interactions TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON llm_interactions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.llm_interactions IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: ml_models tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.ml_models TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON ml_models; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.ml_models IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: model_training_sessions tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.model_training_sessions TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON model_training_sessions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.model_training_sessions IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: pattern_occurrences tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.pattern_occurrences TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON pattern_occurrences; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.pattern_occurrences IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: predictions tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.predictions TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON predictions; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.predictions IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: recommendations tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.recommendations TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON recommendations; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.recommendations IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: training_datasets tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.training_datasets TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON training_datasets; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.training_datasets IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: user_session_learning_events tenant_isolation; Type: POLICY; Schema: learning; Owner: -
--

CREATE POLICY tenant_isolation ON learning.user_session_learning_events TO pgpattern_app USING ((project_id = ( SELECT learning.current_tenant() AS current_tenant))) WITH CHECK ((project_id = ( SELECT learning.current_tenant() AS current_tenant)));


--
-- Name: POLICY tenant_isolation ON user_session_learning_events; Type: COMMENT; Schema: learning; Owner: -
--

COMMENT ON POLICY tenant_isolation ON learning.user_session_learning_events IS 'pgpattern_app reads and writes only the rows of the project in the setting pgpattern.tenant.';


--
-- Name: training_datasets; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.training_datasets ENABLE ROW LEVEL SECURITY;

--
-- Name: user_session_learning_events; Type: ROW SECURITY; Schema: learning; Owner: -
--

ALTER TABLE learning.user_session_learning_events ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA api; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA api TO pgpattern_reader;
GRANT USAGE ON SCHEMA api TO pgpattern_app;


--
-- Name: SCHEMA core; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA core TO pgpattern_writer;


--
-- Name: SCHEMA git; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA git TO pgpattern_writer;


--
-- Name: SCHEMA learning; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA learning TO pgpattern_writer;
GRANT USAGE ON SCHEMA learning TO pgpattern_app;


--
-- Name: SCHEMA ops; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA ops TO pgpattern_admin;


--
-- Name: SCHEMA patterns; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA patterns TO pgpattern_writer;


--
-- Name: SCHEMA workflow; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA workflow TO pgpattern_writer;


--
-- Name: FUNCTION ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text) TO pgpattern_app;
GRANT ALL ON FUNCTION api.ab_assign(p_experiment_id uuid, p_user_id text, p_session_id text, p_user_agent text) TO pgpattern_writer;


--
-- Name: FUNCTION ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric) TO pgpattern_app;
GRANT ALL ON FUNCTION api.ab_record_outcome(p_experiment_id uuid, p_user_id text, p_metric_name text, p_value numeric) TO pgpattern_writer;


--
-- Name: FUNCTION ab_results(p_experiment_id uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.ab_results(p_experiment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.ab_results(p_experiment_id uuid) TO pgpattern_reader;
GRANT ALL ON FUNCTION api.ab_results(p_experiment_id uuid) TO pgpattern_app;


--
-- Name: FUNCTION author_directories(p_project text, p_max_authors integer, p_per_author integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.author_directories(p_project text, p_max_authors integer, p_per_author integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.author_directories(p_project text, p_max_authors integer, p_per_author integer) TO pgpattern_reader;


--
-- Name: FUNCTION author_weekly_commits(p_project text, p_max_authors integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.author_weekly_commits(p_project text, p_max_authors integer) TO pgpattern_reader;


--
-- Name: FUNCTION commit_heatmap(p_project text); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.commit_heatmap(p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.commit_heatmap(p_project text) TO pgpattern_reader;


--
-- Name: FUNCTION commit_months(p_project text); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.commit_months(p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.commit_months(p_project text) TO pgpattern_reader;


--
-- Name: FUNCTION coupling_graph_edges(p_project text, p_min_strength text, p_max_nodes integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text, p_max_nodes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.coupling_graph_edges(p_project text, p_min_strength text, p_max_nodes integer) TO pgpattern_reader;


--
-- Name: FUNCTION coupling_graph_nodes(p_project text, p_min_strength text, p_max_nodes integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text, p_max_nodes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.coupling_graph_nodes(p_project text, p_min_strength text, p_max_nodes integer) TO pgpattern_reader;


--
-- Name: FUNCTION experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.experiment_convergence(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after integer) TO pgpattern_reader;


--
-- Name: FUNCTION experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.experiment_leaderboard(p_project_id bigint, p_experiment_id uuid, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION file_tree(p_project text, p_max_files integer); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.file_tree(p_project text, p_max_files integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.file_tree(p_project text, p_max_files integer) TO pgpattern_reader;


--
-- Name: FUNCTION model_lineage(p_project_id bigint, p_model_id uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.model_lineage(p_project_id bigint, p_model_id uuid) TO pgpattern_reader;


--
-- Name: FUNCTION pattern_cooccurrence_search(p_project text, p_file_path text, p_min_confidence double precision, p_min_lift double precision, p_pattern_strength text, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_cooccurrence_search(p_project text, p_file_path text, p_min_confidence double precision, p_min_lift double precision, p_pattern_strength text, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_cooccurrence_search(p_project text, p_file_path text, p_min_confidence double precision, p_min_lift double precision, p_pattern_strength text, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION pattern_developer_profile(p_project text, p_author_email text, p_min_specialization double precision, p_include_collaboration boolean, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_developer_profile(p_project text, p_author_email text, p_min_specialization double precision, p_include_collaboration boolean, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_developer_profile(p_project text, p_author_email text, p_min_specialization double precision, p_include_collaboration boolean, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION pattern_discover(p_project text, p_force_refresh boolean, p_algorithms text[], p_confidence_threshold double precision); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean, p_algorithms text[], p_confidence_threshold double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_discover(p_project text, p_force_refresh boolean, p_algorithms text[], p_confidence_threshold double precision) TO pgpattern_writer;


--
-- Name: FUNCTION pattern_insights_get(p_project text, p_insight_type text, p_min_confidence double precision, p_risk_level text, p_validation_status text, p_include_recommendations boolean, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_insights_get(p_project text, p_insight_type text, p_min_confidence double precision, p_risk_level text, p_validation_status text, p_include_recommendations boolean, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_insights_get(p_project text, p_insight_type text, p_min_confidence double precision, p_risk_level text, p_validation_status text, p_include_recommendations boolean, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION pattern_risk_files(p_project text, p_risk_level text, p_min_anomaly_score double precision, p_file_category text, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_risk_files(p_project text, p_risk_level text, p_min_anomaly_score double precision, p_file_category text, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_risk_files(p_project text, p_risk_level text, p_min_anomaly_score double precision, p_file_category text, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION pattern_temporal_get(p_project text, p_pattern_type text, p_min_significance double precision, p_active_only boolean, p_limit integer, p_after uuid); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.pattern_temporal_get(p_project text, p_pattern_type text, p_min_significance double precision, p_active_only boolean, p_limit integer, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION api.pattern_temporal_get(p_project text, p_pattern_type text, p_min_significance double precision, p_active_only boolean, p_limit integer, p_after uuid) TO pgpattern_reader;


--
-- Name: FUNCTION performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION api.performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision) TO pgpattern_reader;


--
-- Name: FUNCTION prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION api.prediction_accuracy(p_project_id bigint, p_bucket text, p_from timestamp with time zone, p_to timestamp with time zone) TO pgpattern_reader;


--
-- Name: FUNCTION suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text); Type: ACL; Schema: api; Owner: -
--

REVOKE ALL ON FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer, p_author text, p_ranking text) TO pgpattern_reader;


--
-- Name: FUNCTION check_bound(p_name text, p_value integer, p_min integer, p_max integer); Type: ACL; Schema: core; Owner: -
--

GRANT ALL ON FUNCTION core.check_bound(p_name text, p_value integer, p_min integer, p_max integer) TO pgpattern_writer;


--
-- Name: FUNCTION check_limit(p_limit integer, p_max integer); Type: ACL; Schema: core; Owner: -
--

GRANT ALL ON FUNCTION core.check_limit(p_limit integer, p_max integer) TO pgpattern_writer;


--
-- Name: FUNCTION touch_updated_at(); Type: ACL; Schema: core; Owner: -
--

GRANT ALL ON FUNCTION core.touch_updated_at() TO pgpattern_writer;


--
-- Name: FUNCTION unknown_page_key(p_after text, p_list text, p_scope text); Type: ACL; Schema: core; Owner: -
--

GRANT ALL ON FUNCTION core.unknown_page_key(p_after text, p_list text, p_scope text) TO pgpattern_writer;


--
-- Name: FUNCTION begin_ingest(p_project text, p_repository text, p_ref text); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.begin_ingest(p_project text, p_repository text, p_ref text) TO pgpattern_writer;


--
-- Name: FUNCTION finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint) TO pgpattern_writer;


--
-- Name: FUNCTION forget_history(p_project_id bigint); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.forget_history(p_project_id bigint) TO pgpattern_writer;


--
-- Name: FUNCTION intern_keys(p_project_id bigint, p_paths text[], p_authors text[]); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.intern_keys(p_project_id bigint, p_paths text[], p_authors text[]) TO pgpattern_writer;


--
-- Name: FUNCTION refresh_lineage(p_project_id bigint); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.refresh_lineage(p_project_id bigint) TO pgpattern_writer;


--
-- Name: FUNCTION refresh_lineage(p_project_id bigint, p_commit_ids bigint[]); Type: ACL; Schema: git; Owner: -
--

GRANT ALL ON FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[]) TO pgpattern_writer;


--
-- Name: FUNCTION ab_bucket(p_experiment_id uuid, p_user_id text); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_bucket(p_experiment_id uuid, p_user_id text) TO pgpattern_writer;


--
-- Name: TABLE ab_testing_experiments; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_experiments TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_experiments TO pgpattern_app;


--
-- Name: FUNCTION ab_experiment(p_experiment_id uuid); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_experiment(p_experiment_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION ab_experiment(p_experiment_id uuid, p_writing boolean); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_experiment(p_experiment_id uuid, p_writing boolean) TO pgpattern_writer;


--
-- Name: FUNCTION ab_experiments_validate(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_experiments_validate() TO pgpattern_writer;


--
-- Name: FUNCTION ab_outcomes_validate(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_outcomes_validate() TO pgpattern_writer;


--
-- Name: FUNCTION ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION activate_model(p_project_id bigint, p_model_id uuid); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.activate_model(p_project_id bigint, p_model_id uuid) TO pgpattern_writer;


--
-- Name: TABLE model_training_sessions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.model_training_sessions TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.model_training_sessions TO pgpattern_app;


--
-- Name: FUNCTION append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.append_training_loss(p_project_id bigint, p_training_session_id uuid, p_loss double precision, p_epoch integer) TO pgpattern_writer;


--
-- Name: FUNCTION beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.beta_continued_fraction(p_a double precision, p_b double precision, p_x double precision) TO pgpattern_writer;


--
-- Name: FUNCTION calling_role(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.calling_role() TO pgpattern_writer;


--
-- Name: FUNCTION create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.create_pattern_occurrence_partitions(p_from timestamp with time zone, p_to timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION current_tenant(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.current_tenant() TO pgpattern_writer;


--
-- Name: FUNCTION enforce_status_lifecycle(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.enforce_status_lifecycle() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_experiments_rules(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_experiments_rules() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_generations_propagate(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_generations_propagate() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_generations_start(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_generations_start() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_individuals_check(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_individuals_check() TO pgpattern_writer;


--
-- Name: FUNCTION evolution_individuals_score(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.evolution_individuals_score() TO pgpattern_writer;


--
-- Name: FUNCTION expire_predictions(p_as_of timestamp with time zone); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.expire_predictions(p_as_of timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION fill_learning_event_timestamp(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.fill_learning_event_timestamp() TO pgpattern_writer;


--
-- Name: FUNCTION incomplete_beta(p_x double precision, p_a double precision, p_b double precision); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.incomplete_beta(p_x double precision, p_a double precision, p_b double precision) TO pgpattern_writer;


--
-- Name: FUNCTION ln_gamma(p_x double precision); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ln_gamma(p_x double precision) TO pgpattern_writer;


--
-- Name: FUNCTION ml_models_version_rules(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.ml_models_version_rules() TO pgpattern_writer;


--
-- Name: FUNCTION model_training_sessions_finish(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.model_training_sessions_finish() TO pgpattern_writer;


--
-- Name: FUNCTION pattern_occurrences_count(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.pattern_occurrences_count() TO pgpattern_writer;


--
-- Name: FUNCTION pattern_occurrences_immutable(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.pattern_occurrences_immutable() TO pgpattern_writer;


--
-- Name: FUNCTION prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.prediction_accuracy(p_value_kind text, p_predicted jsonb, p_actual jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION predictions_record_outcome(); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.predictions_record_outcome() TO pgpattern_writer;


--
-- Name: FUNCTION reaches_every_tenant(p_table regclass, p_writing boolean); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.reaches_every_tenant(p_table regclass, p_writing boolean) TO pgpattern_writer;


--
-- Name: FUNCTION student_t_p_value(p_t double precision, p_degrees_of_freedom double precision); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.student_t_p_value(p_t double precision, p_degrees_of_freedom double precision) TO pgpattern_writer;


--
-- Name: FUNCTION summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: learning; Owner: -
--

GRANT ALL ON FUNCTION learning.summarize_performance_metrics(p_from timestamp with time zone, p_to timestamp with time zone) TO pgpattern_writer;


--
-- Name: TABLE retention_runs; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.retention_runs TO pgpattern_admin;


--
-- Name: FUNCTION apply_retention(p_table text, p_now timestamp with time zone, p_max_partitions integer); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.apply_retention(p_table text, p_now timestamp with time zone, p_max_partitions integer) TO pgpattern_admin;


--
-- Name: FUNCTION check_database_connections(p_thresholds jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.check_database_connections(p_thresholds jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION check_learning_events_lag(p_thresholds jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.check_learning_events_lag(p_thresholds jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION check_model_accuracy(p_thresholds jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.check_model_accuracy(p_thresholds jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION check_partitions(p_thresholds jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.check_partitions(p_thresholds jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION check_scheduled_jobs(p_thresholds jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.check_scheduled_jobs(p_thresholds jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.create_partition(p_parent regclass, p_interval text, p_start timestamp without time zone) TO pgpattern_admin;


--
-- Name: FUNCTION data_quality_checks_validate(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.data_quality_checks_validate() TO pgpattern_admin;


--
-- Name: FUNCTION detect_performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision, p_min_baseline_samples integer, p_now timestamp with time zone); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.detect_performance_anomalies(p_recent interval, p_baseline interval, p_threshold double precision, p_min_baseline_samples integer, p_now timestamp with time zone) TO pgpattern_admin;


--
-- Name: FUNCTION disable_tenant_isolation(p_table regclass); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.disable_tenant_isolation(p_table regclass) TO pgpattern_admin;


--
-- Name: FUNCTION distribution_blockers(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.distribution_blockers() TO pgpattern_admin;


--
-- Name: FUNCTION enable_tenant_isolation(p_table regclass); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.enable_tenant_isolation(p_table regclass) TO pgpattern_admin;


--
-- Name: FUNCTION health_threshold(p_thresholds jsonb, p_key text, p_default numeric); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.health_threshold(p_thresholds jsonb, p_key text, p_default numeric) TO pgpattern_admin;


--
-- Name: FUNCTION partition_key(p_parent regclass); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partition_key(p_parent regclass) TO pgpattern_admin;


--
-- Name: FUNCTION partition_name(p_table name, p_interval text, p_start timestamp without time zone); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partition_name(p_table name, p_interval text, p_start timestamp without time zone) TO pgpattern_admin;


--
-- Name: FUNCTION partition_period_end(p_interval text, p_start timestamp without time zone); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partition_period_end(p_interval text, p_start timestamp without time zone) TO pgpattern_admin;


--
-- Name: FUNCTION partition_period_start(p_interval text, p_at timestamp with time zone); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partition_period_start(p_interval text, p_at timestamp with time zone) TO pgpattern_admin;


--
-- Name: FUNCTION partitioned_tables_check(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partitioned_tables_check() TO pgpattern_admin;


--
-- Name: FUNCTION partitions_of(p_parent regclass); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.partitions_of(p_parent regclass) TO pgpattern_admin;


--
-- Name: FUNCTION pg_cron_status(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.pg_cron_status() TO pgpattern_admin;


--
-- Name: FUNCTION project_schemas(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.project_schemas() TO pgpattern_admin;


--
-- Name: FUNCTION purge_cron_history(p_keep interval); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.purge_cron_history(p_keep interval) TO pgpattern_admin;


--
-- Name: FUNCTION reload_pg_cron_jobs(); Type: ACL; Schema: ops; Owner: -
--

REVOKE ALL ON FUNCTION ops.reload_pg_cron_jobs() FROM PUBLIC;
GRANT ALL ON FUNCTION ops.reload_pg_cron_jobs() TO pgpattern_admin;


--
-- Name: FUNCTION remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.remove_partition(p_parent regclass, p_partition name, p_range_from timestamp with time zone, p_range_to timestamp with time zone, p_strategy text, p_archive_schema name, p_summary_function text) TO pgpattern_admin;


--
-- Name: TABLE data_quality_results; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.data_quality_results TO pgpattern_admin;


--
-- Name: FUNCTION run_data_quality_checks(p_check text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.run_data_quality_checks(p_check text) TO pgpattern_admin;


--
-- Name: TABLE health_check_results; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.health_check_results TO pgpattern_admin;


--
-- Name: FUNCTION run_health_checks(p_all boolean); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.run_health_checks(p_all boolean) TO pgpattern_admin;


--
-- Name: FUNCTION run_partition_maintenance(p_table text, p_max_new_partitions integer); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.run_partition_maintenance(p_table text, p_max_new_partitions integer) TO pgpattern_admin;


--
-- Name: PROCEDURE run_retention(IN p_max_partitions integer); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON PROCEDURE ops.run_retention(IN p_max_partitions integer) TO pgpattern_admin;


--
-- Name: FUNCTION schedule_job(p_job_name text, p_schedule text, p_command text, p_description text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.schedule_job(p_job_name text, p_schedule text, p_command text, p_description text) TO pgpattern_admin;


--
-- Name: FUNCTION sync_scheduled_jobs(); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.sync_scheduled_jobs() TO pgpattern_admin;


--
-- Name: FUNCTION unschedule_job(p_job_name text); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.unschedule_job(p_job_name text) TO pgpattern_admin;


--
-- Name: FUNCTION validate_schema_integrity(p_migration_files jsonb); Type: ACL; Schema: ops; Owner: -
--

GRANT ALL ON FUNCTION ops.validate_schema_integrity(p_migration_files jsonb) TO pgpattern_admin;


--
-- Name: FUNCTION apply_pattern_updates(p_project_id bigint, p_entries bigint[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[]) TO pgpattern_writer;


--
-- Name: FUNCTION check_choice(p_name text, p_value text, p_choices text[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.check_choice(p_name text, p_value text, p_choices text[]) TO pgpattern_writer;


--
-- Name: FUNCTION chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.chi_square_p_value(p_statistic double precision, p_degrees_of_freedom integer) TO pgpattern_writer;


--
-- Name: FUNCTION coefficient_of_variation(p_values double precision[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.coefficient_of_variation(p_values double precision[]) TO pgpattern_writer;


--
-- Name: FUNCTION commit_type(p_subject text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.commit_type(p_subject text) TO pgpattern_writer;


--
-- Name: FUNCTION sha256_hex(p_text text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.sha256_hex(p_text text) TO pgpattern_writer;


--
-- Name: TABLE file_cooccurrence_patterns; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_cooccurrence_patterns TO pgpattern_writer;


--
-- Name: FUNCTION coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.coupling_graph(p_project_id bigint, p_min_strength text, p_max_nodes integer) TO pgpattern_writer;


--
-- Name: FUNCTION deleted_refresh(p_project_id bigint, p_files text[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.deleted_refresh(p_project_id bigint, p_files text[]) TO pgpattern_writer;


--
-- Name: FUNCTION directory_prefixes(p_directory text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.directory_prefixes(p_directory text) TO pgpattern_writer;


--
-- Name: FUNCTION discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_cooccurrence(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discover_developers(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_developers(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discover_insights(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_insights(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discover_magnitude(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_magnitude(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discover_patterns(p_project text, p_algorithms text[], p_confidence_threshold double precision, p_min_cooccurrence integer, p_max_changeset_size integer, p_since timestamp with time zone, p_until timestamp with time zone, p_until_sha text, p_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_patterns(p_project text, p_algorithms text[], p_confidence_threshold double precision, p_min_cooccurrence integer, p_max_changeset_size integer, p_since timestamp with time zone, p_until timestamp with time zone, p_until_sha text, p_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discover_temporal(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discover_temporal(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION discovery_sessions_kept(p_project_id bigint); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.discovery_sessions_kept(p_project_id bigint) TO pgpattern_writer;


--
-- Name: FUNCTION enqueue_pattern_update(p_project text, p_trigger_type text, p_priority text, p_trigger_data jsonb, p_algorithms text[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.enqueue_pattern_update(p_project text, p_trigger_type text, p_priority text, p_trigger_data jsonb, p_algorithms text[]) TO pgpattern_writer;


--
-- Name: FUNCTION erfc(p_z double precision); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.erfc(p_z double precision) TO pgpattern_writer;


--
-- Name: FUNCTION file_category(p_path text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.file_category(p_path text) TO pgpattern_writer;


--
-- Name: FUNCTION file_extension(p_path text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.file_extension(p_path text) TO pgpattern_writer;


--
-- Name: FUNCTION iso_week_start(p_at timestamp with time zone); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.iso_week_start(p_at timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION live_changed(p_project_id bigint, p_commit_ids bigint[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_changed(p_project_id bigint, p_commit_ids bigint[]) TO pgpattern_writer;


--
-- Name: FUNCTION live_changes_mark_profiles(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_changes_mark_profiles() TO pgpattern_writer;


--
-- Name: TABLE live_changes; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.live_changes TO pgpattern_writer;


--
-- Name: FUNCTION live_changes_of(p_project_id bigint, p_commit_ids bigint[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) TO pgpattern_writer;


--
-- Name: TABLE live_commits; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.live_commits TO pgpattern_writer;


--
-- Name: FUNCTION live_commits_of(p_project_id bigint, p_commit_ids bigint[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) TO pgpattern_writer;


--
-- Name: FUNCTION live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_count(p_project_id bigint, p_old_commits patterns.live_commits[], p_old_changes patterns.live_changes[], p_new_commits patterns.live_commits[], p_new_changes patterns.live_changes[]) TO pgpattern_writer;


--
-- Name: FUNCTION live_file_changes_deleted(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_file_changes_deleted() TO pgpattern_writer;


--
-- Name: FUNCTION live_file_changes_inserted(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_file_changes_inserted() TO pgpattern_writer;


--
-- Name: FUNCTION live_file_changes_updated(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_file_changes_updated() TO pgpattern_writer;


--
-- Name: FUNCTION live_rebuild(p_project_id bigint); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_rebuild(p_project_id bigint) TO pgpattern_writer;


--
-- Name: FUNCTION live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_recency(p_project_id bigint, p_old_changes patterns.live_changes[], p_new_changes patterns.live_changes[]) TO pgpattern_writer;


--
-- Name: FUNCTION live_refresh(p_project_id bigint, p_commit_ids bigint[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.live_refresh(p_project_id bigint, p_commit_ids bigint[]) TO pgpattern_writer;


--
-- Name: FUNCTION parent_directory(p_path text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.parent_directory(p_path text) TO pgpattern_writer;


--
-- Name: FUNCTION process_pattern_updates(p_max_projects integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.process_pattern_updates(p_max_projects integer) TO pgpattern_writer;


--
-- Name: FUNCTION project_id(p_project text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.project_id(p_project text) TO pgpattern_writer;


--
-- Name: FUNCTION purge_discovery_sessions(p_project text, p_keep integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.purge_discovery_sessions(p_project text, p_keep integer) TO pgpattern_writer;


--
-- Name: FUNCTION purge_pattern_updates(p_keep interval); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.purge_pattern_updates(p_keep interval) TO pgpattern_writer;


--
-- Name: FUNCTION recency_decay(p_steps integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.recency_decay(p_steps integer) TO pgpattern_writer;


--
-- Name: FUNCTION recency_recompute(p_project_id bigint, p_files text[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.recency_recompute(p_project_id bigint, p_files text[]) TO pgpattern_writer;


--
-- Name: FUNCTION refresh_summaries(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.refresh_summaries() TO pgpattern_writer;


--
-- Name: TABLE pattern_discovery_sessions; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.pattern_discovery_sessions TO pgpattern_writer;


--
-- Name: FUNCTION rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions) TO pgpattern_writer;


--
-- Name: FUNCTION rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions) TO pgpattern_writer;


--
-- Name: FUNCTION season(p_month integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.season(p_month integer) TO pgpattern_writer;


--
-- Name: FUNCTION session_end_pattern_update(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.session_end_pattern_update() TO pgpattern_writer;


--
-- Name: FUNCTION significance(p_p_value double precision); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.significance(p_p_value double precision) TO pgpattern_writer;


--
-- Name: FUNCTION strength_rank(p_strength text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.strength_rank(p_strength text) TO pgpattern_writer;


--
-- Name: FUNCTION supersede_pattern_updates(); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.supersede_pattern_updates() TO pgpattern_writer;


--
-- Name: FUNCTION time_bins(p_local_time timestamp without time zone); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.time_bins(p_local_time timestamp without time zone) TO pgpattern_writer;


--
-- Name: FUNCTION top_authors(p_project_id bigint, p_max_authors integer); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.top_authors(p_project_id bigint, p_max_authors integer) TO pgpattern_writer;


--
-- Name: FUNCTION top_level_directory(p_path text); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.top_level_directory(p_path text) TO pgpattern_writer;


--
-- Name: FUNCTION transaction_changes(p_project_id bigint, p_discovery_session_id uuid); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.transaction_changes(p_project_id bigint, p_discovery_session_id uuid) TO pgpattern_writer;


--
-- Name: FUNCTION update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_full boolean) TO pgpattern_writer;


--
-- Name: FUNCTION update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean) TO pgpattern_writer;


--
-- Name: FUNCTION update_file_profiles(p_project_id bigint, p_files text[], p_full boolean); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) TO pgpattern_writer;


--
-- Name: FUNCTION update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions) TO pgpattern_writer;


--
-- Name: FUNCTION update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) TO pgpattern_writer;


--
-- Name: FUNCTION update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions); Type: ACL; Schema: patterns; Owner: -
--

GRANT ALL ON FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions) TO pgpattern_writer;


--
-- Name: FUNCTION batch_process_workflows(p_workflows jsonb); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.batch_process_workflows(p_workflows jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.check_fields(p_scope text, p_object jsonb, p_path text, p_pattern_id text) TO pgpattern_writer;


--
-- Name: FUNCTION count_occurrence(); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.count_occurrence() TO pgpattern_writer;


--
-- Name: FUNCTION delete_patterns_older_than(p_age interval); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.delete_patterns_older_than(p_age interval) TO pgpattern_writer;


--
-- Name: FUNCTION forbid_occurrence_update(); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.forbid_occurrence_update() TO pgpattern_writer;


--
-- Name: FUNCTION load_pattern(p_pattern_id text); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.load_pattern(p_pattern_id text) TO pgpattern_writer;


--
-- Name: FUNCTION operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.operation_confidence(p_occurrences bigint, p_known bigint, p_sum numeric, p_sum_of_squares numeric) TO pgpattern_writer;


--
-- Name: FUNCTION operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.operation_monthly_savings(p_occurrences bigint, p_average_cost numeric, p_first_seen timestamp with time zone, p_last_seen timestamp with time zone) TO pgpattern_writer;


--
-- Name: FUNCTION parse_timestamp(p_value text); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.parse_timestamp(p_value text) TO pgpattern_writer;


--
-- Name: FUNCTION text_array(p_value jsonb); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.text_array(p_value jsonb) TO pgpattern_writer;


--
-- Name: TABLE patterns; Type: ACL; Schema: workflow; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE workflow.patterns TO pgpattern_writer;


--
-- Name: FUNCTION pattern_document(p_pattern workflow.patterns); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.pattern_document(p_pattern workflow.patterns) TO pgpattern_writer;


--
-- Name: FUNCTION query_patterns(p_pattern_type text, p_from timestamp with time zone, p_to timestamp with time zone, p_tags text[], p_limit integer); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.query_patterns(p_pattern_type text, p_from timestamp with time zone, p_to timestamp with time zone, p_tags text[], p_limit integer) TO pgpattern_writer;


--
-- Name: FUNCTION record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.record_pattern_occurrence(p_signature text, p_pattern_type text, p_workflow jsonb, OUT pattern_id bigint, OUT is_new boolean) TO pgpattern_writer;


--
-- Name: FUNCTION save_pattern(p_pattern jsonb); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.save_pattern(p_pattern jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION save_patterns(p_patterns jsonb); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.save_patterns(p_patterns jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION validate_pattern(p_pattern jsonb); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.validate_pattern(p_pattern jsonb) TO pgpattern_writer;


--
-- Name: FUNCTION validate_pattern_row(); Type: ACL; Schema: workflow; Owner: -
--

GRANT ALL ON FUNCTION workflow.validate_pattern_row() TO pgpattern_writer;


--
-- Name: TABLE projects; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.projects TO pgpattern_writer;


--
-- Name: TABLE commits; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.commits TO pgpattern_writer;


--
-- Name: TABLE file_changes; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.file_changes TO pgpattern_writer;


--
-- Name: TABLE commit_activity; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.commit_activity TO pgpattern_reader;


--
-- Name: TABLE learning_events; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.learning_events TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.learning_events TO pgpattern_app;


--
-- Name: TABLE daily_learning_metrics; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.daily_learning_metrics TO pgpattern_writer;


--
-- Name: TABLE daily_learning_metrics; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.daily_learning_metrics TO pgpattern_reader;


--
-- Name: TABLE data_quality_checks; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.data_quality_checks TO pgpattern_admin;


--
-- Name: TABLE data_quality_status; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.data_quality_status TO pgpattern_reader;


--
-- Name: TABLE files; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.files TO pgpattern_reader;


--
-- Name: TABLE system_health_checks; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.system_health_checks TO pgpattern_admin;


--
-- Name: TABLE health_check_status; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.health_check_status TO pgpattern_reader;


--
-- Name: TABLE change_magnitude_patterns; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.change_magnitude_patterns TO pgpattern_writer;


--
-- Name: TABLE high_risk_files_summary; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.high_risk_files_summary TO pgpattern_reader;


--
-- Name: TABLE system_performance_metrics; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.system_performance_metrics TO pgpattern_writer;
GRANT INSERT ON TABLE learning.system_performance_metrics TO pgpattern_app;


--
-- Name: TABLE hourly_performance_summary; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.hourly_performance_summary TO pgpattern_writer;


--
-- Name: TABLE hourly_performance_summary; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.hourly_performance_summary TO pgpattern_reader;


--
-- Name: TABLE ml_models; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ml_models TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ml_models TO pgpattern_app;


--
-- Name: TABLE predictions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.predictions TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.predictions TO pgpattern_app;


--
-- Name: TABLE model_performance_summary; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.model_performance_summary TO pgpattern_writer;


--
-- Name: TABLE model_performance_summary; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.model_performance_summary TO pgpattern_reader;


--
-- Name: TABLE operation_patterns; Type: ACL; Schema: workflow; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE workflow.operation_patterns TO pgpattern_writer;


--
-- Name: TABLE operation_patterns_by_savings; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.operation_patterns_by_savings TO pgpattern_reader;


--
-- Name: TABLE pattern_insights; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.pattern_insights TO pgpattern_writer;


--
-- Name: TABLE project_pattern_summary; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.project_pattern_summary TO pgpattern_reader;


--
-- Name: TABLE projects; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.projects TO pgpattern_reader;


--
-- Name: TABLE pattern_occurrences; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.pattern_occurrences TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.pattern_occurrences TO pgpattern_app;


--
-- Name: TABLE system_health_dashboard; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.system_health_dashboard TO pgpattern_reader;


--
-- Name: TABLE workflow_errors_by_severity; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.workflow_errors_by_severity TO pgpattern_reader;


--
-- Name: TABLE workflow_patterns_by_day; Type: ACL; Schema: api; Owner: -
--

GRANT SELECT ON TABLE api.workflow_patterns_by_day TO pgpattern_reader;


--
-- Name: SEQUENCE projects_project_id_seq; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE core.projects_project_id_seq TO pgpattern_writer;


--
-- Name: TABLE sessions; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.sessions TO pgpattern_writer;


--
-- Name: TABLE authors; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.authors TO pgpattern_writer;


--
-- Name: SEQUENCE authors_author_id_seq; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE git.authors_author_id_seq TO pgpattern_writer;


--
-- Name: SEQUENCE commits_commit_id_seq; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE git.commits_commit_id_seq TO pgpattern_writer;


--
-- Name: TABLE ingested_refs; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.ingested_refs TO pgpattern_writer;


--
-- Name: TABLE lineage_marks; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.lineage_marks TO pgpattern_writer;


--
-- Name: TABLE paths; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE git.paths TO pgpattern_writer;


--
-- Name: SEQUENCE paths_path_id_seq; Type: ACL; Schema: git; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE git.paths_path_id_seq TO pgpattern_writer;


--
-- Name: TABLE ab_testing_assignments; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_assignments TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_assignments TO pgpattern_app;


--
-- Name: TABLE ab_testing_outcomes; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_outcomes TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.ab_testing_outcomes TO pgpattern_app;


--
-- Name: TABLE code_evaluations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.code_evaluations TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.code_evaluations TO pgpattern_app;


--
-- Name: TABLE evolution_experiment_templates; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_experiment_templates TO pgpattern_writer;
GRANT SELECT ON TABLE learning.evolution_experiment_templates TO pgpattern_app;


--
-- Name: TABLE evolution_experiments; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_experiments TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_experiments TO pgpattern_app;


--
-- Name: TABLE evolution_generations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_generations TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_generations TO pgpattern_app;


--
-- Name: TABLE evolution_individuals; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_individuals TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.evolution_individuals TO pgpattern_app;


--
-- Name: TABLE git_operation_learning_events; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.git_operation_learning_events TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.git_operation_learning_events TO pgpattern_app;


--
-- Name: TABLE identified_patterns; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.identified_patterns TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.identified_patterns TO pgpattern_app;


--
-- Name: TABLE learning_events_default; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.learning_events_default TO pgpattern_writer;


--
-- Name: TABLE llm_interactions; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.llm_interactions TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.llm_interactions TO pgpattern_app;


--
-- Name: TABLE pattern_occurrences_default; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.pattern_occurrences_default TO pgpattern_writer;


--
-- Name: TABLE recommendations; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.recommendations TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.recommendations TO pgpattern_app;


--
-- Name: TABLE system_performance_metrics_daily; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.system_performance_metrics_daily TO pgpattern_writer;


--
-- Name: TABLE system_performance_metrics_default; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.system_performance_metrics_default TO pgpattern_writer;


--
-- Name: TABLE training_datasets; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.training_datasets TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.training_datasets TO pgpattern_app;


--
-- Name: TABLE user_session_learning_events; Type: ACL; Schema: learning; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.user_session_learning_events TO pgpattern_writer;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE learning.user_session_learning_events TO pgpattern_app;


--
-- Name: SEQUENCE data_quality_results_result_id_seq; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE ops.data_quality_results_result_id_seq TO pgpattern_admin;


--
-- Name: TABLE data_retention_policies; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.data_retention_policies TO pgpattern_admin;


--
-- Name: SEQUENCE health_check_results_result_id_seq; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE ops.health_check_results_result_id_seq TO pgpattern_admin;


--
-- Name: TABLE managed_extensions; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.managed_extensions TO pgpattern_admin;


--
-- Name: TABLE partitioned_tables; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.partitioned_tables TO pgpattern_admin;


--
-- Name: TABLE partition_overview; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.partition_overview TO pgpattern_admin;


--
-- Name: SEQUENCE retention_runs_run_id_seq; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE ops.retention_runs_run_id_seq TO pgpattern_admin;


--
-- Name: TABLE scheduled_jobs; Type: ACL; Schema: ops; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.scheduled_jobs TO pgpattern_admin;


--
-- Name: TABLE author_commit_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.author_commit_counts TO pgpattern_writer;


--
-- Name: TABLE author_week_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.author_week_counts TO pgpattern_writer;


--
-- Name: TABLE change_size_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.change_size_counts TO pgpattern_writer;


--
-- Name: TABLE commit_time_bins; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.commit_time_bins TO pgpattern_writer;


--
-- Name: TABLE deleted_files; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.deleted_files TO pgpattern_writer;


--
-- Name: TABLE developer_patterns; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.developer_patterns TO pgpattern_writer;


--
-- Name: TABLE discovery_retention; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.discovery_retention TO pgpattern_writer;


--
-- Name: SEQUENCE discovery_retention_setting_id_seq; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE patterns.discovery_retention_setting_id_seq TO pgpattern_writer;


--
-- Name: TABLE file_author_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_author_counts TO pgpattern_writer;


--
-- Name: TABLE file_author_recency; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_author_recency TO pgpattern_writer;


--
-- Name: TABLE file_change_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_change_counts TO pgpattern_writer;


--
-- Name: TABLE file_pair_counts; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_pair_counts TO pgpattern_writer;


--
-- Name: TABLE file_profiles; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_profiles TO pgpattern_writer;


--
-- Name: TABLE file_profiles_stale; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.file_profiles_stale TO pgpattern_writer;


--
-- Name: TABLE live_synced; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.live_synced TO pgpattern_writer;


--
-- Name: TABLE pair_author_recency; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.pair_author_recency TO pgpattern_writer;


--
-- Name: TABLE pattern_update_metrics; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.pattern_update_metrics TO pgpattern_writer;


--
-- Name: TABLE pattern_update_queue; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.pattern_update_queue TO pgpattern_writer;


--
-- Name: SEQUENCE pattern_update_queue_id_seq; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE patterns.pattern_update_queue_id_seq TO pgpattern_writer;


--
-- Name: TABLE temporal_patterns; Type: ACL; Schema: patterns; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE patterns.temporal_patterns TO pgpattern_writer;


--
-- Name: SEQUENCE operation_patterns_pattern_id_seq; Type: ACL; Schema: workflow; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE workflow.operation_patterns_pattern_id_seq TO pgpattern_writer;


--
-- Name: TABLE pattern_fields; Type: ACL; Schema: workflow; Owner: -
--

GRANT SELECT ON TABLE workflow.pattern_fields TO pgpattern_writer;


--
-- Name: TABLE pattern_occurrences; Type: ACL; Schema: workflow; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE workflow.pattern_occurrences TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: api; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT ALL ON FUNCTIONS  TO pgpattern_reader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: api; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT SELECT ON TABLES  TO pgpattern_reader;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: git; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA git GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: learning; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA learning GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT ALL ON FUNCTIONS  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: ops; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_admin;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: patterns; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA patterns GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT SELECT,USAGE ON SEQUENCES  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT ALL ON FUNCTIONS  TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT ALL ON FUNCTIONS  TO pgpattern_writer;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: workflow; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA workflow GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO pgpattern_writer;


--
-- PostgreSQL database dump complete
--
