CREATE OR REPLACE FUNCTION patterns.cooccurrence_scores(p_cochanges double precision, p_changes_1 double precision, p_changes_2 double precision, p_commits double precision)
 RETURNS TABLE(support double precision, confidence_1_to_2 double precision, confidence_2_to_1 double precision, confidence double precision, lift double precision, coupling double precision, strength text, chi_square double precision)
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Spec section 1 for a pair changed together in n(a,b) of N commits, n(a) and n(b) times.
    SELECT p_cochanges / p_commits,
           p_cochanges / p_changes_1,
           p_cochanges / p_changes_2,
           greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2),
           p_cochanges * p_commits / (p_changes_1 * p_changes_2),
           2 * p_cochanges / (p_changes_1 + p_changes_2),
           CASE WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.80 THEN 'very_strong'
                WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.60 THEN 'strong'
                WHEN greatest(p_cochanges / p_changes_1, p_cochanges / p_changes_2) >= 0.40 THEN 'moderate'
                ELSE 'weak' END,
           -- Pearson's chi-square on [n12, n1-n12; n2-n12, N-n1-n2+n12], no continuity correction;
           -- 0 with a zero row or column total.
           CASE WHEN p_changes_1 = p_commits OR p_changes_2 = p_commits THEN 0
                ELSE p_commits * (p_cochanges * (p_commits - p_changes_1 - p_changes_2 + p_cochanges)
                                  - (p_changes_1 - p_cochanges) * (p_changes_2 - p_cochanges)) ^ 2
                     / (p_changes_1 * (p_commits - p_changes_1) * p_changes_2 * (p_commits - p_changes_2)) END
$function$;
COMMENT ON FUNCTION patterns.cooccurrence_scores(double precision,double precision,double precision,double precision) IS 'Spec section 1''s scores of a pair of files changed together in cochanges of commits commits, changes_1 and changes_2 times: support, the two directional confidences and their maximum, lift, coupling degree, strength and the chi-square statistic (its p-value is patterns.chi_square_p_value(chi_square, 1)). Both roads of a discovery and the updates score pairs with it; inlined by the planner.';
GRANT EXECUTE ON FUNCTION patterns.cooccurrence_scores(double precision,double precision,double precision,double precision) TO pgpattern_writer;
