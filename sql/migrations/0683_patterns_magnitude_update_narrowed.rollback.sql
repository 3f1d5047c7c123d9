-- Back to the rows joined by id alone and the trend of every file (0615, 0670).

CREATE OR REPLACE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[])
RETURNS integer[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Called for a few files and for all of them: each call planned for its own (0670).
SET plan_cache_mode = force_custom_plan
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
