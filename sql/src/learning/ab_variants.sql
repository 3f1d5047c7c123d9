CREATE OR REPLACE FUNCTION learning.ab_variants(p_control jsonb, p_treatments jsonb, p_allocation jsonb)
 RETURNS TABLE(ordinal integer, variant text, share double precision, slice_from double precision, slice_to double precision)
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE ROWS 3
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
    -- The variants in order (control, then the treatments), each with its share of the traffic
    -- (traffic_allocation, or an equal split of all of it when that is NULL) and its slice of [0, 1).
    WITH v AS (
        SELECT 0 AS ordinal, coalesce(p_control ->> 'name', 'control') AS variant
        UNION ALL
        SELECT t.ordinality::integer, t.value ->> 'name'
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_treatments) = 'array' THEN p_treatments ELSE '[]' END)
               WITH ORDINALITY AS t
    ), s AS (
        SELECT v.ordinal, v.variant,
               CASE WHEN p_allocation IS NULL THEN 1.0 / count(*) OVER ()
                    ELSE coalesce((p_allocation ->> v.variant)::double precision, 0) END AS share
          FROM v
    )
    SELECT s.ordinal, s.variant, s.share,
           coalesce(sum(s.share) OVER (ORDER BY s.ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
           sum(s.share) OVER (ORDER BY s.ordinal)
      FROM s
     ORDER BY s.ordinal
$function$;
COMMENT ON FUNCTION learning.ab_variants(jsonb,jsonb,jsonb) IS 'An experiment''s variants in order (control first, then the treatments), each with its traffic share and its slice [slice_from, slice_to) of the bucket range [0, 1).';
GRANT EXECUTE ON FUNCTION learning.ab_variants(jsonb,jsonb,jsonb) TO pgpattern_writer;
