-- Back to the rules written out in each function (0614).

-- The discover_ body reads pg_temp.discovery_workspace, which exists only during a run.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.discover_insights(p_project_id bigint, p_discovery_session_id uuid) RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    t AS MATERIALIZED (
        SELECT tc.commit_id, tc.file_path, tc.author_key, tc.subject
          FROM pg_temp.discovery_workspace tc
    ),
    magnitude AS MATERIALIZED (
        SELECT m.* FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_discovery_session_id
    ),
    file_authors AS (
        SELECT t.file_path, t.author_key, count(*) AS n, sum(count(*)) OVER (PARTITION BY t.file_path) AS total
          FROM t GROUP BY t.file_path, t.author_key
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
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_discovery_session_id
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
         WHERE tp.project_id = p_project_id AND tp.discovery_session_id = p_discovery_session_id
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
               array_remove(ARRAY[mf.id], NULL)
          FROM file_authors fa
          LEFT JOIN magnitude mf ON mf.file_path = fa.file_path
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
         WHERE d.project_id = p_project_id AND d.discovery_session_id = p_discovery_session_id
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
               array_remove(ARRAY[mq.id], NULL)
          FROM (SELECT t.file_path, count(*) AS commits,
                       count(*) FILTER (WHERE patterns.commit_type(t.subject) = 'fix') AS fixes,
                       count(*) FILTER (WHERE patterns.commit_type(t.subject) = 'fix')::double precision / count(*) AS fix_share
                  FROM t GROUP BY t.file_path HAVING count(*) >= 5) q
          LEFT JOIN magnitude mq ON mq.file_path = q.file_path
         WHERE q.fix_share >= 0.5
    ),
    inserted AS (
        INSERT INTO patterns.pattern_insights (
            project_id, discovery_session_id, insight_type, subject, title, description, confidence_score,
            statistical_support, supporting_pattern_ids, risk_level, recommendations, priority_score)
        SELECT p_project_id, p_discovery_session_id, c.insight_type, c.subject, left(c.title, 255), c.description,
               c.confidence, c.statistical_support, c.supporting_pattern_ids, c.risk_level, c.recommendations,
               least(10, greatest(1, round(10 * c.confidence * CASE c.risk_level WHEN 'critical' THEN 1.0
                   WHEN 'high' THEN 0.9 WHEN 'medium' THEN 0.75 ELSE 0.6 END)))::integer
          FROM candidates c
         WHERE c.confidence >= 0.70
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
$$;

CREATE OR REPLACE FUNCTION patterns.update_insights(p_project_id bigint, p_session patterns.pattern_discovery_sessions) RETURNS integer[]
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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
               array_remove(ARRAY[mf.id], NULL)
          FROM file_authors fa
          LEFT JOIN magnitude mf ON mf.file_path = fa.file_path
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
               array_remove(ARRAY[mq.id], NULL)
          FROM (SELECT f.file_path, f.changes::bigint AS commits, f.fix_changes::bigint AS fixes,
                       f.fix_changes::double precision / f.changes::bigint AS fix_share
                  FROM patterns.file_change_counts f WHERE f.project_id = p_project_id AND f.changes >= 5) q
          LEFT JOIN magnitude mq ON mq.file_path = q.file_path
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

DROP FUNCTION patterns.insight_priority(double precision, text);
DROP FUNCTION patterns.insight_confident(double precision);
DROP FUNCTION patterns.fix_insight(text, bigint, bigint, uuid);
DROP FUNCTION patterns.silo_insight(text, text, bigint, numeric, uuid);
DROP FUNCTION patterns.pattern_insight_candidates(bigint, uuid);
