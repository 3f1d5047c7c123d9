CREATE OR REPLACE FUNCTION patterns.update_file_profiles(p_project_id bigint, p_files text[], p_full boolean)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
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
$function$;
COMMENT ON FUNCTION patterns.update_file_profiles(bigint,text[],boolean) IS 'Recomputes the file profiles of these files from the live changes, or with p_full those of every file whose live changes moved since (patterns.file_profiles_stale); returns the files recomputed.';
GRANT EXECUTE ON FUNCTION patterns.update_file_profiles(bigint,text[],boolean) TO pgpattern_writer;
