CREATE OR REPLACE FUNCTION patterns.pattern_insight_candidates(p_project_id bigint, p_session_id uuid)
 RETURNS TABLE(insight_type text, subject text, confidence double precision, risk_level text, title text, description text, recommendations text[], statistical_support jsonb, supporting_pattern_ids uuid[])
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
    -- The rules of spec section 5 that read the run's active patterns alone (the others:
    -- patterns.silo_insight(), patterns.fix_insight()). Confidence not yet cut at 0.70.
    WITH
    magnitude AS MATERIALIZED (
        SELECT m.* FROM patterns.change_magnitude_patterns m
         WHERE m.project_id = p_project_id AND m.discovery_session_id = p_session_id AND m.is_active
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
         WHERE c.project_id = p_project_id AND c.discovery_session_id = p_session_id AND c.is_active
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
         WHERE tp.project_id = p_project_id AND tp.discovery_session_id = p_session_id AND tp.is_active
           AND tp.pattern_type IN ('hourly', 'daily') AND tp.p_value <= 0.01 AND cardinality(tp.peak_periods) >= 1
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
         WHERE d.project_id = p_project_id AND d.discovery_session_id = p_session_id AND d.is_active
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
    )
    SELECT c.insight_type, c.subject, c.confidence, c.risk_level, c.title, c.description, c.recommendations,
           c.statistical_support, c.supporting_pattern_ids
      FROM candidates c
$function$;
COMMENT ON FUNCTION patterns.pattern_insight_candidates(bigint,uuid) IS 'The insight candidates of a discovery run that its active patterns alone give (spec section 5: file_coupling, temporal_patterns, developer_specialization, high_risk_files, change_anomalies, architectural_hotspots), with their wording, risk level and supporting pattern ids; patterns.insight_confident() says which are stored. Both roads of a discovery and the updates read them.';
GRANT EXECUTE ON FUNCTION patterns.pattern_insight_candidates(bigint,uuid) TO pgpattern_writer;
