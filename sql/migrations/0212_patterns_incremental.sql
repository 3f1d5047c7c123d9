-- Incremental pattern updates: patterns.apply_pattern_updates() brings a project's current
-- discovery run up to date with its live state (0211) after commits arrive, so that its
-- active patterns equal what a full discover_patterns would compute now. Each algorithm
-- recomputes exactly the rows that can have changed and writes only differences:
--  - co-occurrence: every pair of a changed file, from the pair counts (evidence from the
--    live changes where the pair itself changed); every other active pair moves only
--    with N (support, lift, p-value), from its stored counts;
--  - magnitude: the profile of each changed file from its live changes; then every file,
--    since the end of the span, the 95th percentile of sizes and the percent ranks are
--    shared by all (work in proportion to the files, not to the history);
--  - developers: the authors of the changed commits, the authors of the changed files and
--    those collaborating with a committing author; every other author's specialization
--    from the directory counts (the number of directories is shared);
--  - temporal (5 rows) and insights: recomputed from the counts and the patterns.
-- Patterns that fall below a threshold become inactive (never deleted) and come back
-- when they qualify again; updated_at moves when a row's numbers change.

CREATE TABLE patterns.file_profiles (
    project_id   bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    file_path    text NOT NULL,
    total        bigint NOT NULL,
    avg_size     double precision NOT NULL,
    max_size     bigint NOT NULL,
    first_at     timestamptz NOT NULL,
    last_at      timestamptz NOT NULL,
    volatility   double precision NOT NULL,
    active_weeks bigint NOT NULL,
    seasons      double precision[] NOT NULL,
    statuses     jsonb NOT NULL,
    diversity    double precision NOT NULL,
    net_size     numeric NOT NULL,
    PRIMARY KEY (project_id, file_path)
);
COMMENT ON TABLE patterns.file_profiles IS 'Per file of T, what its change-magnitude pattern needs of its own changes (counts, sizes, dates, active ISO weeks, seasons, status letters, author diversity, net lines); recomputed for the files an update touches.';
COMMENT ON COLUMN patterns.file_profiles.seasons IS 'Changes per season (DJF, MAM, JJA, SON), author''s local time.';
COMMENT ON COLUMN patterns.file_profiles.net_size IS 'max(0, lines added - deleted) over the file''s history.';

-- Room on every page for the in-place (HOT) updates of the pairs' N-dependent scores.
ALTER TABLE patterns.file_cooccurrence_patterns SET (fillfactor = 70);

CREATE TABLE patterns.live_synced (
    project_id           bigint PRIMARY KEY REFERENCES core.projects (project_id) ON DELETE CASCADE,
    discovery_session_id uuid NOT NULL,
    synced_at            timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE patterns.live_synced IS 'The discovery run each project''s file profiles and patterns were last brought fully up to date for; another current run means a full refresh first.';

CREATE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The expressions of patterns.discover_magnitude() over the files' live changes.
    DELETE FROM patterns.file_profiles f
     WHERE f.project_id = p_project_id AND (p_full OR f.file_path = ANY (p_files));
    INSERT INTO patterns.file_profiles (project_id, file_path, total, avg_size, max_size, first_at, last_at, volatility,
                                        active_weeks, seasons, statuses, diversity, net_size)
    WITH t AS MATERIALIZED (
        SELECT l.* FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND (p_full OR l.file_path = ANY (p_files))
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
END
$$;
COMMENT ON FUNCTION patterns.update_file_profiles(bigint, text[], boolean) IS 'Recomputes the file profiles of these files (all with p_full) from the live changes.';

CREATE FUNCTION patterns.update_cooccurrence(
      p_project_id bigint
    , p_session patterns.pattern_discovery_sessions
    , p_files text[]
    , p_full boolean)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_counts integer[];
    v_moved  integer;
    v_n      double precision;
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it: every pair of a changed file in full, then what N moves of the others. Returns
     * {created, updated, invalidated}.
     */
    SELECT count(*) INTO v_n FROM patterns.live_commits c
     WHERE c.project_id = p_project_id AND c.files <= p_session.max_changeset_size;
    WITH
    dirty_pairs AS (
        SELECT pc.file_path_1, pc.file_path_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND (p_full OR pc.file_path_1 = ANY (p_files))
        UNION
        SELECT pc.file_path_1, pc.file_path_2, pc.cochanges
          FROM patterns.file_pair_counts pc
         WHERE pc.project_id = p_project_id AND pc.cochanges >= p_session.min_cooccurrence
           AND NOT p_full AND pc.file_path_2 = ANY (p_files)
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

    -- Every other active pair keeps its counts: only what N moves (support, lift, the test).
    -- updated_at stays (it says when the pair's own evidence changed, not that the project
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
               AND NOT p_full AND NOT c0.file_path_1 = ANY (p_files) AND NOT c0.file_path_2 = ANY (p_files)
               AND c0.support_score IS DISTINCT FROM c0.cooccurrence_count / v_n
            OFFSET 0) x
     WHERE c.project_id = p_project_id AND c.id = x.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN ARRAY[v_counts[1], v_counts[2] + v_moved, v_counts[3]];
END
$$;
COMMENT ON FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean) IS 'Brings a run''s co-occurrence patterns up to date after these files changed (all with p_full); returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
BEGIN
    /*
     * Spec section 4 for every file, from the file profiles, as
     * patterns.discover_magnitude() computes it. Returns {created, updated, invalidated}.
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
        SELECT f.* FROM patterns.file_profiles f WHERE f.project_id = p_project_id
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
        SELECT l.file_path, count(*) AS n
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
         GROUP BY l.file_path
    ),
    periods AS (
        SELECT l.file_path,
               11 - floor(extract(epoch FROM v_end_at - l.authored_at) / (30.4375 * 86400))::integer AS period
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id
           AND l.authored_at > v_end_at - interval '366 days 6 hours'
           AND v_end_at - l.authored_at < interval '365 days 6 hours'
    ),
    trend AS (
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM files f
          CROSS JOIN LATERAL generate_series(
                greatest(0, 11 - floor(extract(epoch FROM v_end_at - f.first_at) / (30.4375 * 86400))::integer), 11) g(period)
          LEFT JOIN (SELECT p.file_path, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_path = f.file_path AND c.period = g.period
         GROUP BY f.file_path
    ),
    scored AS (
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, tr.window_changes,
               CASE WHEN tr.m >= 3 AND tr.mean > 0 THEN tr.slope * (tr.m - 1) / tr.mean ELSE 0 END AS trend,
               1 - f.active_weeks::double precision
                   / ((patterns.iso_week_start(v_end_at) - patterns.iso_week_start(f.first_at)) / 7 + 1) AS stability,
               sqrt(percent_rank() OVER (ORDER BY f.total) * percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
          FROM files f
          JOIN trend tr ON tr.file_path = f.file_path
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
         WHERE m.project_id = p_project_id AND m.id = w.id
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
COMMENT ON FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions) IS 'Brings a run''s change-magnitude patterns up to date from the file profiles (every file: the span''s end, the 95th percentile and the percent ranks are shared); returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.update_developers(
      p_project_id bigint
    , p_session patterns.pattern_discovery_sessions
    , p_files text[]
    , p_authors text[]
    , p_full boolean)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_authors    text[];
    v_committers text[];
    v_counts     integer[];
BEGIN
    /*
     * Spec section 3, as patterns.discover_developers() computes it, for the authors whose
     * profile can have changed: those who committed, those who changed a changed file
     * (shares, collaborators, collaboration files) and those with a committing author among
     * their collaborators (temporal overlap); what comes of an author's own commits alone
     * (counts, dates, regularity, types, ...) only for those who committed. Every other
     * author's row moves only with the number of directories (specialization). Returns
     * {created, updated, invalidated}.
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
                            WHERE fa.project_id = p_project_id AND fa.file_path = ANY (p_files)
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session.id AND d.is_active
                              AND d.frequent_collaborators && p_authors);
    END IF;

    WITH
    directories AS (
        SELECT count(DISTINCT patterns.parent_directory(f.file_path)) AS d
          FROM patterns.file_change_counts f WHERE f.project_id = p_project_id
    ),
    entropy AS (
        -- Every author's: the number of directories moves them all.
        SELECT x.author_key, -sum(x.share * ln(x.share)) AS h
          FROM (SELECT fa.author_key,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_key) AS share
                  FROM patterns.file_author_counts fa
                 WHERE fa.project_id = p_project_id
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
    shared AS (
        SELECT a.author_key, b.author_key AS other, count(*) AS files
          FROM file_authors a
          JOIN file_authors b ON b.file_path = a.file_path AND b.author_key <> a.author_key
         WHERE a.author_key = ANY (v_authors)
         GROUP BY a.author_key, b.author_key
    ),
    collaborators AS (
        SELECT x.author_key, array_agg(x.other ORDER BY x.files DESC, x.other) AS others
          FROM (SELECT s.*, row_number() OVER (PARTITION BY s.author_key ORDER BY s.files DESC, s.other) AS rank
                  FROM shared s) x
         WHERE x.rank <= 5
         GROUP BY x.author_key
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
    overlap AS (
        -- Jaccard of active weeks, by joining the week counts (the same integers as the
        -- array intersection and union of patterns.discover_developers()).
        SELECT x.author_key, avg(x.shared::double precision / (a.n + b.n - x.shared)) AS score
          FROM (SELECT c.author_key, o.other,
                       (SELECT count(*) FROM patterns.author_week_counts wa
                          JOIN patterns.author_week_counts wb
                            ON wb.project_id = wa.project_id AND wb.author_key = o.other AND wb.week = wa.week
                         WHERE wa.project_id = p_project_id AND wa.author_key = c.author_key) AS shared
                  FROM collaborators c CROSS JOIN LATERAL unnest(c.others) o(other)) x
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
        UNION ALL
        -- Everyone else keeps their row but its specialization.
        SELECT p.author_email, p.author_name, p.commit_count, p.specialty_files,
               CASE WHEN d.d <= 1 THEN 1 ELSE greatest(0, least(1, 1 - e.h / ln(d.d))) END,
               p.change_velocity, p.consistency_score, p.commit_regularity_coefficient, p.avg_files_per_commit,
               p.avg_lines_per_commit, p.commit_type_distribution, p.frequent_collaborators, p.collaboration_files,
               p.temporal_overlap_score, p.first_commit_date, p.last_commit_date, p.active_days_count
          FROM stored p
          CROSS JOIN directories d
          JOIN entropy e ON e.author_key = p.author_email
         WHERE NOT p.author_email = ANY (v_authors)
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
         WHERE p.project_id = p_project_id AND p.id = w.id
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
COMMENT ON FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean) IS 'Brings a run''s developer patterns up to date after these files and authors changed (all with p_full); returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.update_temporal(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION patterns.update_temporal(bigint, patterns.pattern_discovery_sessions) IS 'Brings a run''s temporal patterns up to date from the binned commit counts; returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
               coalesce((SELECT ARRAY[m.id] FROM magnitude m WHERE m.file_path = fa.file_path), '{}')
          FROM file_authors fa
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
               coalesce((SELECT ARRAY[m.id] FROM magnitude m WHERE m.file_path = q.file_path), '{}')
          FROM (SELECT f.file_path, f.changes::bigint AS commits, f.fix_changes::bigint AS fixes,
                       f.fix_changes::double precision / f.changes::bigint AS fix_share
                  FROM patterns.file_change_counts f WHERE f.project_id = p_project_id AND f.changes >= 5) q
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
COMMENT ON FUNCTION patterns.update_insights(bigint, patterns.pattern_discovery_sessions) IS 'Brings a run''s insights up to date from its active patterns and the live counts; returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[])
RETURNS TABLE (update_type text, created integer, updated integer, invalidated integer, statements integer)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- The updates' statements look expensive to the planner and run in tens of milliseconds:
-- JIT compilation would cost seconds (measured: 1.9 s of a 2 s insight update at 100K commits).
SET jit = off
AS $$
DECLARE
    v_algorithms text[];
    v_authors    text[];
    v_counts     integer[] := ARRAY[0, 0, 0];
    v_deferred   bigint[];
    v_files      text[];
    v_full       boolean;
    v_session    patterns.pattern_discovery_sessions;
    v_step       integer[];
BEGIN
    /*
     * Brings the project's current discovery run (its latest completed one) up to date
     * with the live state, for these queue entries: git_commit entries name the files and
     * authors that changed (or the commits of a bulk statement, counted into the live state
     * here first); any other entry, or a run the live state was not synced with yet, means
     * every pattern is recomputed from the live state (a full refresh). A
     * windowed run is a snapshot and stays as it is; a run with another max_changeset_size
     * than the live counts' 30 is discovered again with its settings.
     */
    statements := 0;
    SELECT bool_or(q.trigger_type <> 'git_commit'),
           ARRAY(SELECT DISTINCT f FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'files') f
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'files') = 'array'),
           ARRAY(SELECT DISTINCT a FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'authors') a
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'authors') = 'array'),
           ARRAY(SELECT DISTINCT c::bigint FROM patterns.pattern_update_queue e
                 CROSS JOIN LATERAL jsonb_array_elements_text(e.trigger_data -> 'deferred_commits') c
                  WHERE e.id = ANY (p_entries) AND jsonb_typeof(e.trigger_data -> 'deferred_commits') = 'array')
      INTO v_full, v_files, v_authors, v_deferred
      FROM patterns.pattern_update_queue q
     WHERE q.id = ANY (p_entries);
    v_full := coalesce(v_full, false);
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
    IF v_full THEN
        -- A full refresh follows a discovery (or a rebuild): the run's thousands of new rows
        -- would otherwise be planned for as the empty tables the statistics still describe.
        ANALYZE patterns.file_cooccurrence_patterns, patterns.developer_patterns,
                patterns.change_magnitude_patterns, patterns.pattern_insights;
    END IF;
    v_algorithms := v_session.algorithms;
    statements := statements + 1;

    IF 'cooccurrence' = ANY (v_algorithms) THEN
        v_step := patterns.update_cooccurrence(p_project_id, v_session, v_files, v_full);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;
    IF 'magnitude' = ANY (v_algorithms) THEN
        PERFORM patterns.update_file_profiles(p_project_id, v_files, v_full);
        IF v_full THEN
            ANALYZE patterns.file_profiles;  -- rewritten whole: the next statement plans on it
        END IF;
        v_step := patterns.update_magnitude(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 2;
    END IF;
    IF 'developer' = ANY (v_algorithms) THEN
        v_step := patterns.update_developers(p_project_id, v_session, v_files, v_authors, v_full);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;
    IF 'temporal' = ANY (v_algorithms) THEN
        v_step := patterns.update_temporal(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;
    IF 'insights' = ANY (v_algorithms) THEN
        v_step := patterns.update_insights(p_project_id, v_session);
        v_counts := ARRAY[v_counts[1] + v_step[1], v_counts[2] + v_step[2], v_counts[3] + v_step[3]];
        statements := statements + 1;
    END IF;

    -- The run's record follows its patterns.
    WITH span AS (
        SELECT count(*) AS commits,
               (array_agg(c.sha ORDER BY c.authored_at, c.committed_at, c.sha))[1] AS first_sha,
               (array_agg(c.sha ORDER BY c.authored_at DESC, c.committed_at DESC, c.sha DESC))[1] AS last_sha
          FROM patterns.live_commits c WHERE c.project_id = p_project_id
    ),
    counts AS (
        SELECT (SELECT count(*) FROM patterns.file_cooccurrence_patterns x
                 WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active) AS cooccurrence,
               (SELECT count(*) FROM patterns.temporal_patterns x
                 WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active) AS temporal,
               (SELECT count(*) FROM patterns.developer_patterns x
                 WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active) AS developer,
               (SELECT count(*) FROM patterns.change_magnitude_patterns x
                 WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active) AS magnitude,
               (SELECT count(*) FROM patterns.pattern_insights x
                 WHERE x.project_id = p_project_id AND x.discovery_session_id = v_session.id AND x.is_active) AS insights
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

    update_type := CASE WHEN v_full THEN 'full_refresh' ELSE 'incremental' END;
    created := v_counts[1];
    updated := v_counts[2];
    invalidated := v_counts[3];
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION patterns.apply_pattern_updates(bigint, bigint[]) IS 'Brings a project''s current discovery run up to date with its live state for these queue entries (incrementally for git_commit entries, else a full refresh from the live state); returns the kind of update, the patterns created, updated and invalidated, and the statements it ran at its own level (an algorithm''s update counts as one). patterns.process_pattern_updates() calls it.';
