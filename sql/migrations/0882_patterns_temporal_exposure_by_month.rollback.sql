-- Restores what 0882_patterns_temporal_exposure_by_month.sql replaced (generated with it).
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION patterns.temporal_test(p_pattern_type text, p_bins integer[], p_commits bigint[], p_first_at timestamp with time zone, p_last_at timestamp with time zone)
 RETURNS TABLE(pattern_strength double precision, statistical_significance double precision, p_value double precision, chi_square_statistic double precision, degrees_of_freedom integer, peak_periods integer[], commit_distribution integer[], period_labels text[])
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Spec section 2 for one type: the commits counted in its bins (p_bins[i] holds
    -- p_commits[i]; the others none) of T spanning p_first_at..p_last_at. No row when T
    -- has fewer than 30 commits.
    WITH
    kind (bins, labels, uniform) AS (
        SELECT k.bins, k.labels, k.uniform
          FROM (VALUES ('hourly', 24, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13',
                                            '14','15','16','17','18','19','20','21','22','23'], true),
                       ('daily', 7, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], true),
                       ('weekly', 5, ARRAY['W1','W2','W3','W4','W5'], false),
                       ('monthly', 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], false),
                       ('seasonal', 4, ARRAY['DJF','MAM','JJA','SON'], false)) k(pattern_type, bins, labels, uniform)
         WHERE k.pattern_type = p_pattern_type
    ),
    exposure AS (
        -- The calendar days (UTC) of the span in each bin (the uniform types need none).
        SELECT b.bin, count(*) AS days
          FROM kind,
               generate_series((p_first_at AT TIME ZONE 'UTC')::date::timestamp,
                               (p_last_at AT TIME ZONE 'UTC')::date::timestamp, interval '1 day') d
          CROSS JOIN LATERAL patterns.time_bins(d) b
         WHERE NOT kind.uniform AND b.pattern_type = p_pattern_type
         GROUP BY b.bin
    ),
    cells AS (
        SELECT g.bin, coalesce(o.commits, 0) AS observed,
               CASE WHEN kind.uniform THEN 1 ELSE coalesce(x.days, 0) END AS exposure
          FROM kind
          CROSS JOIN LATERAL generate_series(0, kind.bins - 1) g(bin)
          LEFT JOIN unnest(p_bins, p_commits) o(bin, commits) ON o.bin = g.bin
          LEFT JOIN exposure x ON x.bin = g.bin
    ),
    expected AS (
        -- A bin without exposure is left out of the statistic and of k.
        SELECT c.*, n.n,
               CASE WHEN c.exposure > 0 THEN n.n * c.exposure::double precision / sum(c.exposure) OVER () END AS e
          FROM cells c, (SELECT sum(o)::bigint AS n FROM unnest(p_commits) o) n
    ),
    test AS (
        SELECT x.n, array_agg(x.observed::integer ORDER BY x.bin) AS distribution,
               count(*) FILTER (WHERE x.e IS NOT NULL) AS k,
               coalesce(sum((x.observed - x.e) ^ 2 / x.e) FILTER (WHERE x.e IS NOT NULL), 0) AS chi_square,
               coalesce(array_agg(x.bin ORDER BY x.observed DESC, x.bin)
                        FILTER (WHERE x.e IS NOT NULL AND x.observed > x.e + 2 * sqrt(x.e)), '{}') AS peaks
          FROM expected x
         GROUP BY x.n
    )
    SELECT CASE WHEN x.k > 1 THEN least(1, sqrt(x.chi_square / (x.n * (x.k - 1)))) ELSE 0 END,
           CASE WHEN x.k > 1 THEN patterns.significance(x.p_value) ELSE 0 END,
           x.p_value,
           CASE WHEN x.k > 1 THEN x.chi_square ELSE 0 END,
           greatest(x.k - 1, 0)::integer, x.peaks, x.distribution, kind.labels
      FROM (SELECT test.*, CASE WHEN test.k > 1 THEN patterns.chi_square_p_value(test.chi_square, (test.k - 1)::integer)
                                ELSE 1 END AS p_value
              FROM test) x, kind
     WHERE x.n >= 30
$function$;
COMMENT ON FUNCTION patterns.temporal_test(text,integer[],bigint[],timestamp with time zone,timestamp with time zone) IS 'Spec section 2 for one pattern type (hourly, daily, weekly, monthly, seasonal) from the commits counted in its bins (bins[i] holds commits[i]) of a transaction set spanning first_at..last_at: the chi-square test against uniform or exposure-weighted expectations, Cramer''s V, the peaks, the distribution and labels; no row below 30 commits. Both roads of a discovery and the updates test with it.';
GRANT EXECUTE ON FUNCTION patterns.temporal_test(text,integer[],bigint[],timestamp with time zone,timestamp with time zone) TO pgpattern_writer;
