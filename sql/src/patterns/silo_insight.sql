CREATE OR REPLACE FUNCTION patterns.silo_insight(p_file_path text, p_author text, p_author_changes bigint, p_changes numeric, p_magnitude_id uuid)
 RETURNS TABLE(insight_type text, subject text, confidence double precision, risk_level text, title text, description text, recommendations text[], statistical_support jsonb, supporting_pattern_ids uuid[])
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- A knowledge silo: one author made 90% or more of a file's 10 or more changes.
    SELECT 'collaboration_gaps', p_file_path, (p_author_changes / p_changes)::double precision,
           CASE WHEN p_changes >= 30 THEN 'high' ELSE 'medium' END,
           format('Knowledge silo: %s', p_file_path),
           format('%s made %s of the %s changes to %s: the file has a bus factor of 1.',
                  p_author, p_author_changes, p_changes, p_file_path),
           ARRAY['Pair another developer on the next changes to this file',
                 'Ask for reviews from someone else', 'Document the file''s design'],
           jsonb_build_object('author', p_author, 'author_changes', p_author_changes, 'changes', p_changes),
           array_remove(ARRAY[p_magnitude_id], NULL)
     WHERE p_changes >= 10 AND p_author_changes >= 0.9 * p_changes
$function$;
COMMENT ON FUNCTION patterns.silo_insight(text,text,bigint,numeric,uuid) IS 'Spec section 5''s collaboration_gaps rule for one file and author: the insight (no row when it does not apply) that the author made 90% or more of the file''s 10 or more changes, with the file''s magnitude pattern as support when there is one. Both roads of a discovery and the updates apply it to their counts.';
GRANT EXECUTE ON FUNCTION patterns.silo_insight(text,text,bigint,numeric,uuid) TO pgpattern_writer;
