CREATE OR REPLACE FUNCTION patterns.update_developers(p_project_id bigint, p_session patterns.pattern_discovery_sessions, p_files text[], p_authors text[], p_full boolean, p_ripple boolean)
 RETURNS integer[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
DECLARE
    v_authors    text[];
    v_author_ids integer[];
    v_committers text[];
    v_counts     integer[];
BEGIN
    /*
     * Spec section 3, scored as patterns.discover_developers() scores it, for the authors whose
     * profile can have changed: those who committed and, with p_ripple, those who changed
     * a changed file (shares, collaborators, collaboration files) and those with a
     * committing author among their collaborators (temporal overlap); what comes of an
     * author's own commits alone
     * (counts, dates, regularity, types, ...) only for those who committed. Every other
     * author's row moves only with the number of directories (specialization), which
     * patterns.rescore_developers() follows. Returns {created, updated, invalidated}.
     * The counts read are keyed by the files' and authors' numbers (0840); texts are joined
     * where they order ties or are written.
     */
    IF p_full THEN
        v_committers := ARRAY(SELECT a.author_key FROM patterns.author_commit_counts c
                                JOIN git.authors a ON a.project_id = c.project_id AND a.author_id = c.author_id
                               WHERE c.project_id = p_project_id);
        v_authors := ARRAY(SELECT unnest(v_committers)
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session.id AND d.is_active);
    ELSE
        v_committers := p_authors;
        v_authors := ARRAY(SELECT unnest(p_authors)
                           UNION
                           SELECT a.author_key FROM patterns.file_author_counts fa
                             JOIN git.authors a ON a.project_id = fa.project_id AND a.author_id = fa.author_id
                            WHERE p_ripple AND fa.project_id = p_project_id
                              AND fa.file_id IN (SELECT g.path_id FROM git.paths g
                                                  WHERE g.project_id = p_project_id AND g.path = ANY (p_files))
                           UNION
                           SELECT d.author_email FROM patterns.developer_patterns d
                            WHERE p_ripple AND d.project_id = p_project_id AND d.discovery_session_id = p_session.id
                              AND d.is_active AND d.frequent_collaborators && p_authors);
    END IF;
    v_author_ids := ARRAY(SELECT a.author_id FROM git.authors a
                           WHERE a.project_id = p_project_id AND a.author_key = ANY (v_authors));

    WITH
    directories AS MATERIALIZED (
        -- Counted once: inlined, the planner took the call for cheap and made it once per
        -- author row (6,702 counts of 29K files on ansible: a discovery 5 s -> 255 s).
        SELECT patterns.live_directories(p_project_id) AS d
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
               patterns.commit_regularity(array_agg(g.gap)) AS regularity
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
        SELECT fa.file_id, fa.author_id, fa.changes::bigint AS changes
          FROM patterns.file_author_counts fa
         WHERE fa.project_id = p_project_id
           AND fa.file_id IN (SELECT x.file_id FROM patterns.file_author_counts x
                               WHERE x.project_id = p_project_id AND x.author_id = ANY (v_author_ids))
    ),
    files AS MATERIALIZED (
        SELECT f.file_id, g.path AS file_path, f.changes, f.authors
          FROM (SELECT fa.file_id, sum(fa.changes) AS changes, count(*) AS authors
                  FROM file_authors fa GROUP BY fa.file_id) f
          JOIN git.paths g ON g.project_id = p_project_id AND g.path_id = f.file_id
    ),
    entropy AS (
        -- Shares by directory; the paths come from files (every file of these authors) rather
        -- than from a hash of all the project's paths.
        SELECT x.author_id, -sum(x.share * ln(x.share) ORDER BY x.share) AS h
          FROM (SELECT fa.author_id,
                       sum(fa.changes)::double precision / sum(sum(fa.changes)) OVER (PARTITION BY fa.author_id) AS share
                  FROM file_authors fa
                  JOIN files f ON f.file_id = fa.file_id
                 WHERE fa.author_id = ANY (v_author_ids)
                 GROUP BY fa.author_id, patterns.parent_directory(f.file_path)) x
         GROUP BY x.author_id
    ),
    specialties AS (
        SELECT x.author_id, array_agg(x.file_path ORDER BY x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_id, f.file_path, fa.changes,
                       row_number() OVER (PARTITION BY fa.author_id ORDER BY fa.changes DESC, f.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_id = fa.file_id
                 WHERE fa.author_id = ANY (v_author_ids) AND patterns.is_specialty(fa.changes, f.changes)) x
         WHERE x.rank <= 20
         GROUP BY x.author_id
    ),
    author_numbers AS MATERIALIZED (
        -- The files' authors numbered in their text order, the order that breaks ties among
        -- collaborators: the pairs below are counted and ranked over integers (on ansible a
        -- million join rows; grouped and sorted by text they took 3.5 s of a 5 s discovery step).
        SELECT a.author_id, a.author_key, row_number() OVER (ORDER BY a.author_key) AS n,
               a.author_id = ANY (v_author_ids) AS wanted
          FROM (SELECT DISTINCT fa.author_id FROM file_authors fa) x
          JOIN git.authors a ON a.project_id = p_project_id AND a.author_id = x.author_id
    ),
    numbered AS MATERIALIZED (
        SELECT fa.file_id AS file_n, an.n AS author_n, an.wanted
          FROM file_authors fa
          JOIN author_numbers an ON an.author_id = fa.author_id
    ),
    shared_once AS MATERIALIZED (
        -- A full run (every author wanted): each pair once, as (lower number, higher number):
        -- half the join rows and groups.
        SELECT a.author_n, b.author_n AS other_n, a.wanted AS author_wanted, b.wanted AS other_wanted, count(*) AS files
          FROM numbered a
          JOIN numbered b ON b.file_n = a.file_n AND b.author_n > a.author_n
         WHERE p_full AND (a.wanted OR b.wanted)
         GROUP BY a.author_n, b.author_n, a.wanted, b.wanted
    ),
    shared AS MATERIALIZED (
        SELECT s.author_n, s.other_n, s.files FROM shared_once s WHERE s.author_wanted
        UNION ALL
        SELECT s.other_n, s.author_n, s.files FROM shared_once s WHERE s.other_wanted
        UNION ALL
        -- An update's few authors: each one's pairs from its own files. Pairing every two
        -- authors of those files first, as above, cost 0.3 s for one prolific committer on
        -- ansible (a file of a thousand authors is half a million pairs, nearly all unwanted).
        SELECT a.author_n, b.author_n, count(*)
          FROM numbered a
          JOIN numbered b ON b.file_n = a.file_n AND b.author_n <> a.author_n
         WHERE NOT p_full AND a.wanted
         GROUP BY a.author_n, b.author_n
    ),
    busy AS (
        -- Authors with five collaborators of two files or more: those of one file cannot be
        -- among their first five, and are not ranked (most pairs share one file).
        SELECT s.author_n FROM shared s WHERE s.files > 1 GROUP BY s.author_n HAVING count(*) >= 5
    ),
    collaborators AS (
        SELECT an.author_id, array_agg(other.author_key ORDER BY x.files DESC, x.other_n) AS others,
               array_agg(other.author_id) AS other_ids
          FROM (SELECT s.*, row_number() OVER (PARTITION BY s.author_n ORDER BY s.files DESC, s.other_n) AS rank
                  FROM shared s
                 WHERE s.files > 1 OR NOT EXISTS (SELECT FROM busy b WHERE b.author_n = s.author_n)) x
          JOIN author_numbers an ON an.n = x.author_n
          JOIN author_numbers other ON other.n = x.other_n
         WHERE x.rank <= 5
         GROUP BY an.author_id
    ),
    weeks AS (
        SELECT w.author_id, array_agg(w.week) AS weeks, count(*) AS n
          FROM patterns.author_week_counts w
         WHERE w.project_id = p_project_id
           AND w.author_id IN (SELECT unnest(v_author_ids) UNION SELECT unnest(co.other_ids) FROM collaborators co)
         GROUP BY w.author_id
    ),
    stored AS (
        SELECT p.* FROM patterns.developer_patterns p
         WHERE p.project_id = p_project_id AND p.discovery_session_id = p_session.id AND p.is_active
    ),
    collaborator_pairs AS MATERIALIZED (
        SELECT c.author_id, o.other_id FROM collaborators c CROSS JOIN LATERAL unnest(c.other_ids) o(other_id)
    ),
    shared_weeks AS (
        -- The weeks each pair was active in both, joined set-based (one subquery per pair
        -- took 1.7 s on ansible).
        SELECT p.author_id, p.other_id, count(*) AS shared
          FROM collaborator_pairs p
          JOIN patterns.author_week_counts wa ON wa.project_id = p_project_id AND wa.author_id = p.author_id
          JOIN patterns.author_week_counts wb ON wb.project_id = p_project_id AND wb.author_id = p.other_id
                                             AND wb.week = wa.week
         GROUP BY p.author_id, p.other_id
    ),
    overlap AS (
        -- Jaccard of active weeks, by joining the week counts (the same integers as the
        -- array intersection of patterns.discover_developers()).
        SELECT x.author_id, avg(patterns.jaccard_index(x.shared, a.n, b.n)) AS score
          FROM (SELECT p.author_id, p.other_id, coalesce(sw.shared, 0) AS shared
                  FROM collaborator_pairs p
                  LEFT JOIN shared_weeks sw ON sw.author_id = p.author_id AND sw.other_id = p.other_id) x
          JOIN weeks a ON a.author_id = x.author_id
          JOIN weeks b ON b.author_id = x.other_id
         GROUP BY x.author_id
    ),
    collaboration_files AS (
        SELECT x.author_id, array_agg(x.file_path ORDER BY x.authors DESC, x.changes DESC, x.file_path COLLATE "C") AS files
          FROM (SELECT fa.author_id, f.file_path, f.authors, f.changes,
                       row_number() OVER (PARTITION BY fa.author_id
                                          ORDER BY f.authors DESC, f.changes DESC, f.file_path COLLATE "C") AS rank
                  FROM file_authors fa JOIN files f ON f.file_id = fa.file_id
                 WHERE fa.author_id = ANY (v_author_ids) AND f.authors >= 2) x
         WHERE x.rank <= 20
         GROUP BY x.author_id
    ),
    computed AS (
        -- Own-commit columns from the commits of those who committed, else as stored.
        SELECT v.author_key,
               CASE WHEN a.author_key IS NULL THEN p.author_name ELSE a.author_name END AS author_name,
               CASE WHEN a.author_key IS NULL THEN p.commit_count ELSE a.commits::integer END AS commits,
               coalesce(s.files, '{}') AS specialty_files,
               patterns.specialization_score(e.h, d.d) AS specialization,
               CASE WHEN a.author_key IS NULL THEN p.change_velocity
                    ELSE patterns.change_velocity(a.commits, a.first_at, a.last_at) END AS velocity,
               CASE WHEN a.author_key IS NULL THEN p.consistency_score
                    ELSE patterns.consistency_score(cardinality(w.weeks), a.first_at, a.last_at) END AS consistency,
               CASE WHEN a.author_key IS NULL THEN p.commit_regularity_coefficient
                    ELSE g.regularity END AS regularity,
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
          JOIN git.authors ga ON ga.project_id = p_project_id AND ga.author_key = v.author_key
          LEFT JOIN authors a ON a.author_key = v.author_key
          LEFT JOIN stored p ON p.author_email = v.author_key AND NOT v.author_key = ANY (v_committers)
          JOIN weeks w ON w.author_id = ga.author_id
          JOIN entropy e ON e.author_id = ga.author_id
          LEFT JOIN types ty ON ty.author_key = v.author_key
          LEFT JOIN gaps g ON g.author_key = v.author_key
          LEFT JOIN specialties s ON s.author_id = ga.author_id
          LEFT JOIN collaborators c ON c.author_id = ga.author_id
          LEFT JOIN overlap o ON o.author_id = ga.author_id
          LEFT JOIN collaboration_files cf ON cf.author_id = ga.author_id
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
$function$;
COMMENT ON FUNCTION patterns.update_developers(bigint,patterns.pattern_discovery_sessions,text[],text[],boolean,boolean) IS 'Brings the developer patterns of a run up to date for these committing authors and, with p_ripple, the authors their changes of these files touch (all with p_full); the others'' specialization is patterns.rescore_developers()''s. Returns {created, updated, invalidated}.';
GRANT EXECUTE ON FUNCTION patterns.update_developers(bigint,patterns.pattern_discovery_sessions,text[],text[],boolean,boolean) TO pgpattern_writer;
