CREATE OR REPLACE FUNCTION patterns.fix_insight(p_file_path text, p_commits bigint, p_fixes bigint, p_magnitude_id uuid)
 RETURNS TABLE(insight_type text, subject text, confidence double precision, risk_level text, title text, description text, recommendations text[], statistical_support jsonb, supporting_pattern_ids uuid[])
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- A file with 5 or more commits, half of them or more fixes (patterns.commit_type()).
    SELECT 'quality_concerns', p_file_path, p_fixes::double precision / p_commits,
           CASE WHEN p_fixes::double precision / p_commits >= 0.8 THEN 'high' ELSE 'medium' END,
           format('Fix-heavy file: %s', p_file_path),
           format('%s of the %s commits changing %s were fixes.', p_fixes, p_commits, p_file_path),
           ARRAY['Add regression tests for the bugs fixed here', 'Review the file''s design for error-prone parts'],
           jsonb_build_object('fix_commits', p_fixes, 'commits', p_commits),
           array_remove(ARRAY[p_magnitude_id], NULL)
     WHERE p_commits >= 5 AND p_fixes::double precision / p_commits >= 0.5
$function$;
COMMENT ON FUNCTION patterns.fix_insight(text,bigint,bigint,uuid) IS 'Spec section 5''s quality_concerns rule for one file: the insight (no row when it does not apply) that half or more of its 5 or more commits were fixes, with the file''s magnitude pattern as support when there is one. Both roads of a discovery and the updates apply it to their counts.';
GRANT EXECUTE ON FUNCTION patterns.fix_insight(text,bigint,bigint,uuid) TO pgpattern_writer;
