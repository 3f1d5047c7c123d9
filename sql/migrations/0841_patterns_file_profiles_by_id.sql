-- The file profiles keyed by the lineage file's id (git.paths, as patterns.live_changes keys
-- it) instead of its path, with narrower columns (issue 12, storage): on ansible a row took
-- 265 bytes, 156 now (10.4 MiB -> 5.5 with its key, compacted). Counts are integers (a file's
-- changes are far below 2^31), the season counts four integer columns instead of a double
-- precision[] (the scoring casts them as it did), and the stale list holds the ids its
-- trigger reads. Outputs are unchanged: update_magnitude joins the path where it writes it.

CREATE TABLE patterns.file_profiles_by_id (
    project_id bigint NOT NULL,
    file_id integer NOT NULL,
    total integer NOT NULL,
    max_size integer NOT NULL,
    active_weeks integer NOT NULL,
    djf_changes integer NOT NULL,
    mam_changes integer NOT NULL,
    jja_changes integer NOT NULL,
    son_changes integer NOT NULL,
    first_at timestamp with time zone NOT NULL,
    last_at timestamp with time zone NOT NULL,
    avg_size double precision NOT NULL,
    volatility double precision NOT NULL,
    diversity double precision NOT NULL,
    statuses jsonb NOT NULL,
    net_size numeric NOT NULL
);
INSERT INTO patterns.file_profiles_by_id
SELECT f.project_id, g.path_id, f.total, f.max_size, f.active_weeks, f.seasons[1], f.seasons[2], f.seasons[3], f.seasons[4],
       f.first_at, f.last_at, f.avg_size, f.volatility, f.diversity, f.statuses, f.net_size
  FROM patterns.file_profiles f
  JOIN git.paths g ON g.project_id = f.project_id AND g.path = f.file_path
 ORDER BY 1, 2;
DROP TABLE patterns.file_profiles;
ALTER TABLE patterns.file_profiles_by_id RENAME TO file_profiles;
ALTER TABLE patterns.file_profiles
    ADD PRIMARY KEY (project_id, file_id),
    ADD FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
COMMENT ON TABLE patterns.file_profiles IS 'Per file of T (its lineage file''s id in git.paths), what its change-magnitude pattern needs of its own changes (counts, sizes, dates, active ISO weeks, seasons, status letters, author diversity, net lines); recomputed for the files an update touches.';
COMMENT ON COLUMN patterns.file_profiles.djf_changes IS 'Changes in December, January and February, author''s local time (the four season columns are the spec''s season counts).';
COMMENT ON COLUMN patterns.file_profiles.mam_changes IS 'Changes in March, April and May, author''s local time.';
COMMENT ON COLUMN patterns.file_profiles.jja_changes IS 'Changes in June, July and August, author''s local time.';
COMMENT ON COLUMN patterns.file_profiles.son_changes IS 'Changes in September, October and November, author''s local time.';
COMMENT ON COLUMN patterns.file_profiles.net_size IS 'max(0, lines added - deleted) over the file''s history.';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.file_profiles TO pgpattern_writer;

CREATE TABLE patterns.file_profiles_stale_by_id (
    project_id bigint NOT NULL,
    file_id integer NOT NULL
);
INSERT INTO patterns.file_profiles_stale_by_id
SELECT s.project_id, g.path_id
  FROM patterns.file_profiles_stale s
  JOIN git.paths g ON g.project_id = s.project_id AND g.path = s.file_path;
DROP TABLE patterns.file_profiles_stale;
ALTER TABLE patterns.file_profiles_stale_by_id RENAME TO file_profiles_stale;
ALTER TABLE patterns.file_profiles_stale
    ADD PRIMARY KEY (project_id, file_id),
    ADD FOREIGN KEY (project_id) REFERENCES core.projects (project_id) ON DELETE CASCADE;
COMMENT ON TABLE patterns.file_profiles_stale IS 'The files (lineage file ids in git.paths) whose live changes were written since their file profile was computed (or that have none yet); every other file''s profile is its changes'' as they are. Kept by triggers on patterns.live_changes, emptied by patterns.update_file_profiles().';
GRANT SELECT, INSERT, UPDATE, DELETE ON patterns.file_profiles_stale TO pgpattern_writer;

CREATE OR REPLACE FUNCTION patterns.live_changes_mark_profiles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_rows text;
BEGIN
    FOREACH v_rows IN ARRAY TG_ARGV LOOP
        -- Not for a project being deleted (its rows go with it).
        EXECUTE format('INSERT INTO patterns.file_profiles_stale (project_id, file_id)
                        SELECT DISTINCT r.project_id, r.file_id FROM %I r
                         WHERE EXISTS (SELECT FROM core.projects p WHERE p.project_id = r.project_id)
                        ON CONFLICT DO NOTHING', v_rows);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Called for a few files and for all of them: each call planned for its own (0670).
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    v_every boolean := false;
    v_file_ids integer[];
BEGIN
    /*
     * The expressions of patterns.discover_magnitude() over the files' live changes, for
     * these files, or with p_full for every file whose live changes moved since its profile
     * was computed (patterns.file_profiles_stale): a profile is its own file's changes
     * alone, so the others are as a rebuild would make them. Returns the files recomputed.
     * No write of live changes comes between computing and clearing: ingest writes them
     * under the project's ingest lock, which discoveries and updates hold shared.
     * Profiles and the stale list are keyed by the lineage files' ids (0841).
     */
    IF p_full THEN
        v_file_ids := ARRAY(SELECT s.file_id FROM patterns.file_profiles_stale s WHERE s.project_id = p_project_id);
        -- Most of them (a first count, a rebuilt live state): every file, without the list.
        v_every := cardinality(v_file_ids) * 2
                   >= (SELECT count(*) FROM patterns.file_change_counts f WHERE f.project_id = p_project_id);
    ELSE
        v_file_ids := ARRAY(SELECT g.path_id FROM git.paths g WHERE g.project_id = p_project_id AND g.path = ANY (p_files));
    END IF;
    DELETE FROM patterns.file_profiles_stale s
     WHERE s.project_id = p_project_id AND (v_every OR s.file_id = ANY (v_file_ids));
    DELETE FROM patterns.file_profiles f
     WHERE f.project_id = p_project_id AND (v_every OR f.file_id = ANY (v_file_ids));
    INSERT INTO patterns.file_profiles (project_id, file_id, total, max_size, active_weeks, djf_changes, mam_changes,
                                        jja_changes, son_changes, first_at, last_at, avg_size, volatility, diversity,
                                        statuses, net_size)
    WITH t AS MATERIALIZED (
        SELECT l.file_id, c.author_key, c.authored_at, c.local_time, l.change_size::bigint AS change_size,
               l.net_lines::bigint AS net_lines, l.statuses
          FROM patterns.live_changes l
          JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
         WHERE l.project_id = p_project_id AND (v_every OR l.file_id = ANY (v_file_ids))
    ),
    statuses AS (
        SELECT x.file_id, jsonb_object_agg(x.status, x.n) AS distribution
          FROM (SELECT t.file_id, s.status, count(*) AS n
                  FROM t CROSS JOIN LATERAL string_to_table(t.statuses, NULL) s(status)
                 GROUP BY t.file_id, s.status) x
         GROUP BY x.file_id
    ),
    diversity AS (
        SELECT x.file_id, 1 - sum((x.n / x.total) ^ 2) AS score
          FROM (SELECT t.file_id, count(*)::double precision AS n,
                       sum(count(*)) OVER (PARTITION BY t.file_id)::double precision AS total
                  FROM t GROUP BY t.file_id, t.author_key) x
         GROUP BY x.file_id
    )
    SELECT p_project_id, t.file_id, count(*), max(t.change_size), count(DISTINCT patterns.iso_week_start(t.authored_at)),
           count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 0),
           count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 1),
           count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 2),
           count(*) FILTER (WHERE patterns.season(extract(month FROM t.local_time)::integer) = 3),
           min(t.authored_at), max(t.authored_at), avg(t.change_size)::double precision,
           patterns.volatility_score(array_agg(t.change_size::double precision)),
           d.score, st.distribution, greatest(0, sum(t.net_lines))
      FROM t
      JOIN statuses st ON st.file_id = t.file_id
      JOIN diversity d ON d.file_id = t.file_id
     GROUP BY t.file_id, st.distribution, d.score;
    RETURN CASE WHEN v_every THEN (SELECT count(*) FROM patterns.file_profiles f WHERE f.project_id = p_project_id)
                WHEN p_full THEN cardinality(v_file_ids) ELSE cardinality(p_files) END;
END
$$;

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
        -- x > p95 is x > floor(p95) for whole x: the size index serves it.
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
        -- Among every file of the run, whichever files are written.
        SELECT r.file_id, r.hotspot
          FROM (SELECT f.file_id,
                       patterns.hotspot_score(percent_rank() OVER (ORDER BY f.total),
                                              percent_rank() OVER (ORDER BY f.net_size)) AS hotspot
                  FROM patterns.file_profiles f
                 WHERE f.project_id = p_project_id) r
         WHERE p_files IS NULL OR r.file_id = ANY (v_file_ids)
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

