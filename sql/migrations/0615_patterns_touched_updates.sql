-- Commit to patterns in time that grows with the commit, not with the project (issue 12).
-- An update after a commit used to rewrite every pattern whose score moves with N, the
-- span's end, the percent ranks or the number of directories: on ansible (29,268 files,
-- 12,054 pairs, 6,702 authors) 3.9 s for a commit of 3 files, most of it rewriting rows
-- the commit did not touch. The update is now two steps:
--  - the commit's own: the patterns of every changed file, of its pairs and of the
--    committing authors, computed exactly with the current N, span, ranks and percentile
--    (patterns.update_magnitude() takes a file list; update_developers() can leave out the
--    authors a commit ripples to);
--  - a rescore entry (trigger_type 'rescore', low priority), one pending per project,
--    collecting the files and authors it owes, claimed only when no other entry of the
--    project is due: the N-dependent scores of every other pair
--    (patterns.rescore_cooccurrence), every file's span- and rank-dependent columns
--    (update_magnitude over all files), the other authors of the changed files and every
--    author's specialization (patterns.rescore_developers), and the insights. After it,
--    the run equals a full discovery again, as the differential tests check.

ALTER TABLE patterns.pattern_update_queue DROP CONSTRAINT pattern_update_queue_trigger_type_check;
ALTER TABLE patterns.pattern_update_queue ADD CONSTRAINT pattern_update_queue_trigger_type_check
    CHECK (trigger_type IN ('git_commit', 'session_end', 'scheduled', 'manual', 'rescore'));
COMMENT ON COLUMN patterns.pattern_update_queue.trigger_type IS 'git_commit (ingest: update what the changed files and authors touch), rescore (queued by such an update: the scores every other pattern owes to N, the span''s end, the ranks and the number of directories), or session_end, scheduled, manual (recompute every pattern of the project from the live state).';
ALTER TABLE patterns.pattern_update_metrics DROP CONSTRAINT pattern_update_metrics_type_check;
ALTER TABLE patterns.pattern_update_metrics ADD CONSTRAINT pattern_update_metrics_type_check
    CHECK (update_type IN ('incremental', 'rescore', 'full_refresh', 'rediscovery', 'not_maintained'));
COMMENT ON COLUMN patterns.pattern_update_metrics.update_type IS 'incremental (the patterns the changed files and authors touch), rescore (the N-, span- and rank-dependent scores of every pattern), full_refresh (every pattern from the live state), rediscovery (a full discover_patterns, for runs whose settings the live state does not cover) or not_maintained (no current run to keep up to date, or a windowed one).';

CREATE OR REPLACE FUNCTION patterns.update_cooccurrence(
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
    v_n      double precision;
BEGIN
    /*
     * Spec section 1 from the pair counts, as patterns.discover_cooccurrence() computes
     * it, for every pair of a changed file (all with p_full). What N moves of the other
     * pairs is left to patterns.rescore_cooccurrence(). Returns {created, updated, invalidated}.
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

    RETURN v_counts;
END
$$;
COMMENT ON FUNCTION patterns.update_cooccurrence(bigint, patterns.pattern_discovery_sessions, text[], boolean) IS 'Brings the co-occurrence patterns of a run that involve these files up to date (all with p_full); the N-dependent scores of the others are patterns.rescore_cooccurrence()''s. Returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.rescore_cooccurrence(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION patterns.rescore_cooccurrence(bigint, patterns.pattern_discovery_sessions) IS 'Rewrites the N-dependent scores (support, lift, p-value, significance) of a run''s active co-occurrence patterns for the current N; returns the pairs rewritten. The rescore pass of a pattern update.';

DROP FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions);
CREATE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[])
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
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM files f
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
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, tr.window_changes,
               CASE WHEN tr.m >= 3 AND tr.mean > 0 THEN tr.slope * (tr.m - 1) / tr.mean ELSE 0 END AS trend,
               1 - f.active_weeks::double precision
                   / ((patterns.iso_week_start(v_end_at) - patterns.iso_week_start(f.first_at)) / 7 + 1) AS stability,
               rk.hotspot
          FROM files f
          JOIN trend tr ON tr.file_path = f.file_path
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
COMMENT ON FUNCTION patterns.update_magnitude(bigint, patterns.pattern_discovery_sessions, text[]) IS 'Brings a run''s change-magnitude patterns of these files (every file when NULL) up to date from the file profiles, with the span''s end, the 95th percentile and the percent ranks of all files; returns {created, updated, invalidated}.';

DROP FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean);
CREATE FUNCTION patterns.update_developers(
      p_project_id bigint
    , p_session patterns.pattern_discovery_sessions
    , p_files text[]
    , p_authors text[]
    , p_full boolean
    , p_ripple boolean)
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
COMMENT ON FUNCTION patterns.update_developers(bigint, patterns.pattern_discovery_sessions, text[], text[], boolean, boolean) IS 'Brings the developer patterns of a run up to date for these committing authors and, with p_ripple, the authors their changes of these files touch (all with p_full); the others'' specialization is patterns.rescore_developers()''s. Returns {created, updated, invalidated}.';

CREATE FUNCTION patterns.rescore_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION patterns.rescore_developers(bigint, patterns.pattern_discovery_sessions) IS 'Rewrites the specialization of a run''s active developer patterns for the project''s current number of directories; returns the rows rewritten. The rescore pass of a pattern update.';

CREATE OR REPLACE FUNCTION patterns.apply_pattern_updates(p_project_id bigint, p_entries bigint[])
RETURNS TABLE (update_type text, created integer, updated integer, invalidated integer, statements integer)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- The updates' statements look expensive to the planner and run in tens of milliseconds:
-- JIT compilation would cost seconds (measured: 1.9 s of a 2 s insight update at 100K commits).
SET jit = off
-- The rescore pass ranks every file of the project: in memory, not in temporary files.
SET work_mem = '64MB'
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
COMMENT ON FUNCTION patterns.apply_pattern_updates(bigint, bigint[]) IS 'Brings a project''s current discovery run up to date with its live state for these queue entries (incrementally for git_commit entries, queueing a rescore of the other patterns; every pattern''s N- and rank-dependent scores for a rescore entry; else a full refresh from the live state); returns the kind of update, the patterns created, updated and invalidated, and the statements it ran at its own level (an algorithm''s update counts as one). patterns.process_pattern_updates() calls it.';

CREATE OR REPLACE FUNCTION patterns.process_pattern_updates(p_max_projects integer DEFAULT 1)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION patterns.process_pattern_updates(integer) IS 'Applies the due pattern update queue entries of up to p_max_projects projects (default 1), most urgent first, each project under the discovery advisory lock (busy projects and projects being ingested wait for the next call; a rescore entry waits for the project''s other due entries); returns how many entries it completed or failed. Writes a patterns.pattern_update_metrics row per project. Safe to run from several workers at once.';
