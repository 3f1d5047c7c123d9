CREATE OR REPLACE FUNCTION patterns.discover_developers(p_project_id bigint, p_discovery_session_id uuid)
 RETURNS integer
 LANGUAGE sql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
                 WHERE patterns.is_specialty(fa.changes, f.changes)) x
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
               avg(patterns.jaccard_index(s.shared, cardinality(a.weeks), cardinality(b.weeks))) AS score
          FROM collaborators c
          CROSS JOIN LATERAL unnest(c.others) o(other)
          JOIN authors a ON a.author_key = c.author_key
          JOIN authors b ON b.author_key = o.other
          CROSS JOIN LATERAL (SELECT count(*) AS shared FROM unnest(a.weeks) w WHERE w = ANY (b.weeks)) s
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
               patterns.specialization_score(e.h, d.d),
               patterns.change_velocity(a.commits, a.first_at, a.last_at),
               patterns.consistency_score(cardinality(a.weeks), a.first_at, a.last_at),
               g.regularity,
               a.files_per_commit, l.lines / a.commits,
               ty.distribution, coalesce(c.others, '{}'), coalesce(cf.files, '{}'), o.score,
               a.first_at, a.last_at, a.active_days
          FROM authors a
          CROSS JOIN directories d
          JOIN lines l ON l.author_key = a.author_key
          JOIN types ty ON ty.author_key = a.author_key
          JOIN entropy e ON e.author_key = a.author_key
          LEFT JOIN gaps g ON g.author_key = a.author_key
          LEFT JOIN specialties s ON s.author_key = a.author_key
          LEFT JOIN collaborators c ON c.author_key = a.author_key
          LEFT JOIN overlap o ON o.author_key = a.author_key
          LEFT JOIN collaboration_files cf ON cf.author_key = a.author_key
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$function$;
COMMENT ON FUNCTION patterns.discover_developers(bigint,uuid) IS 'Stores the developer patterns of a discovery run (spec section 3) and returns how many.';
GRANT EXECUTE ON FUNCTION patterns.discover_developers(bigint,uuid) TO pgpattern_writer;
