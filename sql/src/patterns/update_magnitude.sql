CREATE OR REPLACE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[])
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
    v_file_ids integer[];
BEGIN
    /*
     * Spec section 4 from the file profiles, scored as patterns.discover_magnitude() scores it,
     * for these files (every file when p_files is NULL). The span's end, the 95th
     * percentile and the percent ranks are taken over every file either way, so a file's
     * row is exact when written; the others' move with them in the rescore pass.
     * Returns {created, updated, invalidated}. Profiles are keyed by the files' ids (0841).
     */
    SELECT max(c.authored_at) INTO v_end_at FROM patterns.live_commits c WHERE c.project_id = p_project_id;
    IF p_files IS NOT NULL THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
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
        SELECT f.*, g.path AS file_path
          FROM patterns.file_profiles f
          JOIN git.paths g ON g.project_id = f.project_id AND g.path_id = f.file_id
         WHERE f.project_id = p_project_id AND (p_files IS NULL OR f.file_id = ANY (v_file_ids))
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x.
        SELECT l.file_id, count(*) AS n
          FROM patterns.live_changes l
         WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
         GROUP BY l.file_id
    ),
    periods AS (
        -- The trailing year's commits (their time index), then their changes.
        SELECT l.file_id,
               patterns.trend_period(v_end_at, c.authored_at) AS period
          FROM patterns.live_commits c
          JOIN patterns.live_changes l ON l.project_id = c.project_id AND l.commit_id = c.commit_id
         WHERE c.project_id = p_project_id
           AND c.authored_at > v_end_at - interval '366 days 6 hours'  -- a superset the index serves
           AND patterns.in_trend_window(v_end_at, c.authored_at)
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
    ),
    trend AS (
        -- Of the files changed in the last year: the others' trend is 0 (no changes, mean 0).
        SELECT f.file_id, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM (SELECT f.* FROM files f WHERE EXISTS (SELECT FROM periods p WHERE p.file_id = f.file_id)) f
          JOIN generate_series(0, 11) g(period)
            ON g.period >= patterns.trend_period(v_end_at, f.first_at)
          LEFT JOIN (SELECT p.file_id, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_id = f.file_id AND c.period = g.period
         GROUP BY f.file_id
    ),
    ranks AS (
        -- Among every file of the run, whichever files are written: for many files by sorting
        -- them all; for a commit's few by counting, in one pass, the files below each (no sort;
        -- percent_rank is (rank - 1) / (n - 1), 0 for a single row, as PostgreSQL computes it).
        SELECT r.file_id, r.hotspot
          FROM (SELECT f.file_id,
                       patterns.hotspot_score(percent_rank() OVER (ORDER BY f.total),
                                              percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
                  FROM patterns.file_profiles f
                 WHERE f.project_id = p_project_id) r
         WHERE p_files IS NULL OR cardinality(v_file_ids) > 4 AND r.file_id = ANY (v_file_ids)
        UNION ALL
        SELECT o.file_id,
               patterns.hotspot_score(CASE WHEN o.n > 1 THEN o.below_total::double precision / (o.n - 1) ELSE 0 END,
                                      CASE WHEN o.n > 1 THEN o.below_net::double precision / (o.n - 1) ELSE 0 END)
          FROM (SELECT f.file_id, count(*) AS n, count(*) FILTER (WHERE x.total < f.total) AS below_total,
                       count(*) FILTER (WHERE x.net_size < f.net_size) AS below_net
                  FROM files f
                  JOIN patterns.file_profiles x ON x.project_id = p_project_id
                 WHERE p_files IS NOT NULL AND cardinality(v_file_ids) <= 4
                 GROUP BY f.file_id) o
    ),
    scored AS (
        SELECT f.*, coalesce(a.n, 0)::double precision / f.total AS anomaly, coalesce(tr.window_changes, 0) AS window_changes,
               patterns.trend_coefficient(tr.m, tr.mean, tr.slope) AS trend,
               patterns.stability_score(f.active_weeks, f.first_at, v_end_at) AS stability,
               rk.hotspot
          FROM files f
          LEFT JOIN trend tr ON tr.file_id = f.file_id
          JOIN ranks rk ON rk.file_id = f.file_id
          LEFT JOIN anomalies a ON a.file_id = f.file_id
    ),
    risked AS (
        SELECT s.*, patterns.risk_score(s.hotspot, s.anomaly, s.stability, s.diversity) AS risk
          FROM scored s
    ),
    wanted AS MATERIALIZED (
        -- A path's extension and category never change: computed for new files only.
        SELECT r.file_path,
               CASE WHEN cur.id IS NULL THEN patterns.file_extension(r.file_path) ELSE cur.file_extension END AS extension,
               CASE WHEN cur.id IS NULL THEN patterns.file_category(r.file_path) ELSE cur.file_category END AS category,
               patterns.change_category(r.avg_size) AS change_category, r.avg_size, r.max_size::integer AS max_size,
               patterns.change_frequency(r.total, r.first_at, v_end_at) AS frequency, r.volatility, r.stability,
               patterns.change_trend(r.window_changes, r.trend, r.volatility) AS change_trend, r.trend, r.risk,
               patterns.risk_level(r.risk) AS risk_level, r.anomaly, r.hotspot, r.diversity, r.statuses,
               patterns.season_shares(ARRAY[r.djf_changes, r.mam_changes, r.jja_changes, r.son_changes]::double precision[],
                                      r.total) AS seasons,
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
           -- Rows whose file has no profile any more: every profiled file has a wanted row, and
           -- files is estimated well where wanted is not (a hash of 29K rows planned as 150M
           -- spilled to 2,048 batches: 0.4 s of a rescore on ansible).
           AND NOT EXISTS (SELECT FROM files f WHERE f.file_path = m.file_path)
        RETURNING 1
    )
    SELECT ARRAY[(SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated u WHERE NOT u.was_active),
                 (SELECT count(*) FROM updated u WHERE u.was_active),
                 (SELECT count(*) FROM invalidated)]::integer[]
      INTO v_counts;
    RETURN v_counts;
END
$function$;
COMMENT ON FUNCTION patterns.update_magnitude(bigint,patterns.pattern_discovery_sessions,text[]) IS 'Brings a run''s change-magnitude patterns of these files (every file when NULL) up to date from the file profiles, with the span''s end, the 95th percentile and the percent ranks of all files; returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_magnitude(bigint,patterns.pattern_discovery_sessions,text[]) TO pgpattern_writer;
