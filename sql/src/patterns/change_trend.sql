CREATE OR REPLACE FUNCTION patterns.change_trend(p_window_changes numeric, p_trend double precision, p_volatility double precision)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE WHEN p_window_changes >= 5 AND p_trend > 0.5 THEN 'increasing'
                WHEN p_window_changes >= 5 AND p_trend < -0.5 THEN 'decreasing'
                WHEN p_volatility > 1.5 THEN 'volatile'
                ELSE 'stable' END
$function$;
COMMENT ON FUNCTION patterns.change_trend(numeric,double precision,double precision) IS 'Spec section 4: increasing, decreasing, volatile or stable, from a file''s changes in the trend window, its trend coefficient and its volatility.';
GRANT EXECUTE ON FUNCTION patterns.change_trend(numeric,double precision,double precision) TO pgpattern_writer;
