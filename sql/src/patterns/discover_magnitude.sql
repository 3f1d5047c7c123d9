CREATE OR REPLACE FUNCTION patterns.discover_magnitude(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
               patterns.volatility_score(array_agg(t.change_size::double precision)) AS volatility,
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
        SELECT t.file_path, patterns.trend_period(span.end_at, t.authored_at) AS period
          FROM t, span
         WHERE patterns.in_trend_window(span.end_at, t.authored_at)
    ),
    trend AS (
        SELECT f.file_path, count(g.period) AS m, sum(coalesce(c.n, 0)) AS window_changes,
               avg(coalesce(c.n, 0))::double precision AS mean,
               regr_slope(coalesce(c.n, 0), g.period) AS slope
          FROM files f
          CROSS JOIN span
          -- Periods that end before the file's first change are left out.
          CROSS JOIN LATERAL generate_series(greatest(0, patterns.trend_period(span.end_at, f.first_at)), 11) g(period)
          LEFT JOIN (SELECT p.file_path, p.period, count(*) AS n FROM periods p GROUP BY 1, 2) c
                 ON c.file_path = f.file_path AND c.period = g.period
         GROUP BY f.file_path
    ),
    scored AS (
        SELECT f.*, h.net_size, st.distribution, d.score AS diversity, tr.window_changes,
               patterns.trend_coefficient(tr.m, tr.mean, tr.slope) AS trend,
               patterns.stability_score(f.active_weeks, f.first_at, span.end_at) AS stability,
               patterns.hotspot_score(percent_rank() OVER (ORDER BY f.total), percent_rank() OVER (ORDER BY h.net_size))
                   AS hotspot,
               span.end_at
          FROM files f
          CROSS JOIN span
          JOIN history h ON h.file_path = f.file_path
          JOIN statuses st ON st.file_path = f.file_path
          JOIN diversity d ON d.file_path = f.file_path
          JOIN trend tr ON tr.file_path = f.file_path
    ),
    risked AS (
        SELECT s.*, patterns.risk_score(s.hotspot, s.anomaly, s.stability, s.diversity) AS risk
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
               patterns.change_category(r.avg_size), r.avg_size, r.max_size,
               patterns.change_frequency(r.total, r.first_at, r.end_at), r.volatility, r.stability,
               patterns.change_trend(r.window_changes, r.trend, r.volatility), r.trend, r.risk,
               patterns.risk_level(r.risk), r.anomaly, r.hotspot, r.diversity, r.distribution,
               patterns.season_shares(r.seasons, r.total),
               r.first_at, r.last_at, r.total,
               extract(epoch FROM r.last_at - r.first_at)::double precision / 86400
          FROM risked r
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$function$;
COMMENT ON FUNCTION patterns.discover_magnitude(bigint,uuid) IS 'Stores the change-magnitude patterns of a discovery run (spec section 4) and returns how many.';
GRANT EXECUTE ON FUNCTION patterns.discover_magnitude(bigint,uuid) TO pgpattern_writer;
