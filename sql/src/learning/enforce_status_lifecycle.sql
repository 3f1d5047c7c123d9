CREATE OR REPLACE FUNCTION learning.enforce_status_lifecycle()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_allowed text[] := TG_ARGV[1:];
    v_column  text := TG_ARGV[0];
    v_from    text := CASE TG_OP WHEN 'INSERT' THEN '' ELSE to_jsonb(OLD) ->> TG_ARGV[0] END;
    v_to      text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
    /*
     * BEFORE INSERT OR UPDATE trigger. The first argument names the status column,
     * the others are the legal moves: '>s' (a row may start as s) and 'a>b'.
     */
    IF v_from = v_to OR (v_from || '>' || v_to) = ANY (v_allowed) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION '%.% cannot start as %', TG_TABLE_NAME, v_column, coalesce(v_to, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = format('a new row starts as one of: %s',
                                array_to_string(ARRAY(SELECT substr(a, 2) FROM unnest(v_allowed) a
                                                       WHERE a LIKE '>%'), ', '));
    END IF;
    RAISE EXCEPTION '%.% cannot change from % to %', TG_TABLE_NAME, v_column, v_from, coalesce(v_to, 'NULL')
        USING ERRCODE = 'check_violation',
              DETAIL = format('the legal moves are %s', array_to_string(v_allowed, ', ')),
              HINT = coalesce('from ' || v_from || ' it may go to: '
                              || nullif(array_to_string(ARRAY(SELECT split_part(a, '>', 2) FROM unnest(v_allowed) a
                                                               WHERE split_part(a, '>', 1) = v_from), ', '), ''),
                              v_from || ' is final');
END
$function$;
COMMENT ON FUNCTION learning.enforce_status_lifecycle() IS 'BEFORE INSERT OR UPDATE trigger function for a status column: the first trigger argument names the column, the others list the legal moves, ''>s'' for a status a new row may start in and ''a>b'' for a change; anything else raises check_violation (23514) naming the table, the column and both statuses.';
GRANT EXECUTE ON FUNCTION learning.enforce_status_lifecycle() TO pgpattern_writer;
