-- Back to the scores written out in each function (0207, 0681, 0683).

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_magnitude(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
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

CREATE OR REPLACE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_every boolean := false;
    v_files text[];
    v_file_ids integer[];
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
    IF NOT v_every THEN
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (v_files));
    END IF;
    DELETE FROM patterns.file_profiles_stale s
     WHERE s.project_id = p_project_id AND (v_every OR s.file_path = ANY (v_files));
    DELETE FROM patterns.file_profiles f
     WHERE f.project_id = p_project_id AND (v_every OR f.file_path = ANY (v_files));
    INSERT INTO patterns.file_profiles (project_id, file_path, total, avg_size, max_size, first_at, last_at, volatility,
                                        active_weeks, seasons, statuses, diversity, net_size)
    WITH t AS MATERIALIZED (
        SELECT g.path AS file_path, c.author_key, c.authored_at, c.local_time, l.change_size::bigint AS change_size,
               l.net_lines::bigint AS net_lines, l.statuses
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
          JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
         WHERE l.project_id = p_project_id AND (v_every OR l.file_id = ANY (v_file_ids))
    ),
    statuses AS (
        SELECT x.file_path, jsonb_object_agg(x.status, x.n) AS distribution
          FROM (SELECT t.file_path, s.status, count(*) AS n
                  FROM t CROSS JOIN LATERAL string_to_table(t.statuses, NULL) s(status)
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

CREATE OR REPLACE FUNCTION patterns.update_magnitude(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[]) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_counts integer[];
    v_end_at timestamptz;
    v_p95    double precision;
    v_file_ids integer[];
BEGIN
    /*
     * Spec section 4 from the file profiles, as patterns.discover_magnitude() computes it,
     * for these files (every file when p_files is NULL). The span's end, the 95th
     * percentile and the percent ranks are taken over every file either way, so a file's
     * row is exact when written; the others' move with them in the rescore pass.
     * Returns {created, updated, invalidated}.
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
        SELECT f.* FROM patterns.file_profiles f
         WHERE f.project_id = p_project_id AND (p_files IS NULL OR f.file_path = ANY (p_files))
    ),
    anomalies AS (
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
        SELECT g.path AS file_path, a.n
          FROM (SELECT l.file_id, count(*) AS n
                  FROM patterns.live_changes l
                 WHERE l.project_id = p_project_id AND l.change_size > floor(v_p95)::bigint
                   AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
                 GROUP BY l.file_id) a
          JOIN git.paths g ON g.project_id = p_project_id AND g.path_id = a.file_id
    ),
    periods AS (
        -- The trailing year's commits (their time index), then their changes.
        SELECT g.path AS file_path,
               11 - floor(extract(epoch FROM v_end_at - c.authored_at) / (30.4375 * 86400))::integer AS period
          FROM patterns.live_commits c
          JOIN patterns.live_changes l ON l.project_id = c.project_id AND l.commit_id = c.commit_id
          JOIN git.paths g ON g.project_id = l.project_id AND g.path_id = l.file_id
         WHERE c.project_id = p_project_id
           AND c.authored_at > v_end_at - interval '366 days 6 hours'
           AND v_end_at - c.authored_at < interval '365 days 6 hours'
           AND (p_files IS NULL OR l.file_id = ANY (v_file_ids))
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

DROP FUNCTION patterns.risk_level(double precision);
DROP FUNCTION patterns.risk_score(double precision, double precision, double precision, double precision);
DROP FUNCTION patterns.hotspot_score(double precision, double precision);
DROP FUNCTION patterns.season_shares(double precision[], bigint);
DROP FUNCTION patterns.volatility_score(double precision[]);
DROP FUNCTION patterns.stability_score(bigint, timestamptz, timestamptz);
DROP FUNCTION patterns.change_frequency(bigint, timestamptz, timestamptz);
DROP FUNCTION patterns.change_category(double precision);
DROP FUNCTION patterns.change_trend(numeric, double precision, double precision);
DROP FUNCTION patterns.trend_coefficient(bigint, double precision, double precision);
DROP FUNCTION patterns.in_trend_window(timestamptz, timestamptz);
DROP FUNCTION patterns.trend_period(timestamptz, timestamptz);
