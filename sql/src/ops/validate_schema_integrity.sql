CREATE OR REPLACE FUNCTION ops.validate_schema_integrity(p_migration_files jsonb DEFAULT NULL::jsonb)
 RETURNS TABLE(check_name text, status text, detail text)
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_applied     text[];
    v_bad         text[];
    v_check_schema name;
    v_count       integer;
    v_cron        text := ops.pg_cron_status();
    v_function    record;
    v_ledger      text[];
    v_problems    text[];
    v_schemas     name[] := ops.project_schemas();
    v_standby     boolean := pg_is_in_recovery();
    v_yoyo_schema name;
BEGIN
    /*
     * One row per check: status is ok, warn (works, but look), fail or skip.
     * p_migration_files maps migration id to the sha256 of its files on disk
     * (pgpattern verify passes it); without it the files are not compared.
     */
    IF p_migration_files IS NOT NULL AND jsonb_typeof(p_migration_files) <> 'object' THEN
        RAISE EXCEPTION 'p_migration_files must be a JSON object of migration id to sha256, not a JSON %',
            jsonb_typeof(p_migration_files)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- A hot standby answers every check below (they only read), but runs no scheduled job.
    check_name := 'server role';
    status := 'ok';
    detail := CASE WHEN v_standby
                   THEN 'a hot standby (read-only, replaying its primary''s WAL): every check below only reads, '
                        'none is skipped; pg_cron runs the scheduled jobs on the primary only'
                   ELSE 'a primary (read-write)' END;
    RETURN NEXT;

    -- Migrations: yoyo's record of what ran against the ledger of checksums.
    SELECT n.nspname INTO v_yoyo_schema
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = '_yoyo_migration' AND c.relkind = 'r'
     ORDER BY n.nspname = 'public' DESC, n.nspname
     LIMIT 1;
    IF v_yoyo_schema IS NULL THEN
        v_applied := '{}';
    ELSE
        EXECUTE format('SELECT coalesce(array_agg(migration_id ORDER BY migration_id), ''{}'') FROM %I._yoyo_migration',
                       v_yoyo_schema)
           INTO v_applied;
    END IF;
    SELECT coalesce(array_agg(m.migration_id ORDER BY m.migration_id), '{}') INTO v_ledger
      FROM ops.migration_checksums m;
    check_name := 'migrations recorded';
    v_bad := ARRAY(SELECT unnest(v_applied) EXCEPT SELECT unnest(v_ledger) ORDER BY 1);
    IF cardinality(v_bad) > 0 THEN
        status := 'fail';
        detail := format('applied without a recorded checksum: %s', array_to_string(v_bad, ', '));
    ELSE
        v_bad := ARRAY(SELECT unnest(v_ledger) EXCEPT SELECT unnest(v_applied) ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('checksum recorded but not applied according to yoyo: %s', array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s migrations applied, each with its checksum', cardinality(v_applied));
        END IF;
    END IF;
    RETURN NEXT;

    check_name := 'migration files';
    IF p_migration_files IS NULL THEN
        status := 'skip';
        detail := 'no migration files given to compare (pgpattern verify passes them)';
    ELSE
        v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                         JOIN jsonb_each_text(p_migration_files) f ON f.key = m.migration_id
                        WHERE f.value <> m.checksum ORDER BY 1);
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('edited after they were applied: %s', array_to_string(v_bad, ', '));
        ELSE
            v_bad := ARRAY(SELECT m.migration_id FROM ops.migration_checksums m
                            WHERE NOT p_migration_files ? m.migration_id ORDER BY 1);
            IF cardinality(v_bad) > 0 THEN
                status := 'fail';
                detail := format('applied but their files are missing: %s', array_to_string(v_bad, ', '));
            ELSE
                v_bad := ARRAY(SELECT f.key FROM jsonb_each_text(p_migration_files) f
                                WHERE NOT f.key = ANY (v_ledger) ORDER BY 1);
                IF cardinality(v_bad) > 0 THEN
                    status := 'warn';
                    detail := format('%s pending: %s', cardinality(v_bad), array_to_string(v_bad, ', '));
                ELSE
                    status := 'ok';
                    detail := format('all %s migration files applied and unedited', cardinality(v_ledger));
                END IF;
            END IF;
        END IF;
    END IF;
    RETURN NEXT;

    -- Extensions.
    check_name := 'extension pg_cron';
    status := CASE v_cron WHEN 'installed' THEN 'ok' ELSE 'warn' END;
    detail := CASE v_cron
        WHEN 'installed' THEN format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'))
        WHEN 'available' THEN 'available but not created: run pgpattern migrate, or CREATE EXTENSION pg_cron'
        WHEN 'not available' THEN 'not on this server (Debian package postgresql-15-cron): scheduled jobs do not run'
        WHEN 'not preloaded' THEN 'not in shared_preload_libraries: scheduled jobs do not run'
        ELSE format('runs in database %s, not here: scheduled jobs do not run', current_setting('cron.database_name', true))
    END;
    RETURN NEXT;

    check_name := 'extension plpgsql_check';
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'ok';
        detail := format('installed, version %s', (SELECT extversion FROM pg_extension WHERE extname = 'plpgsql_check'));
    ELSE
        status := 'skip';
        detail := 'not installed (Debian package postgresql-15-plpgsql-check): PL/pgSQL functions are not linted';
    END IF;
    RETURN NEXT;

    -- Scheduled jobs: every wanted job present in pg_cron, active, with the same schedule and command.
    check_name := 'scheduled jobs';
    SELECT count(*) INTO v_count FROM ops.scheduled_jobs;
    IF v_cron <> 'installed' THEN
        status := 'warn';
        detail := format('%s jobs wanted, none scheduled (pg_cron: %s)', v_count, v_cron);
    ELSE
        -- The schema name goes through format() so that plpgsql_check does not
        -- resolve cron.job in databases without pg_cron.
        EXECUTE format($q$
            SELECT coalesce(array_agg(s.job_name ORDER BY s.job_name), '{}')
              FROM ops.scheduled_jobs s
              LEFT JOIN %I.job j ON j.jobname = s.job_name AND j.database = current_database()
             WHERE j.jobid IS NULL OR NOT j.active OR j.schedule <> s.schedule OR j.command <> s.command
        $q$, 'cron') INTO v_bad;
        IF cardinality(v_bad) > 0 THEN
            status := 'fail';
            detail := format('missing, inactive or changed in cron.job: %s (SELECT ops.sync_scheduled_jobs() restores them)',
                             array_to_string(v_bad, ', '));
        ELSE
            status := 'ok';
            detail := format('%s jobs scheduled', v_count)
                      || CASE WHEN v_standby THEN ' (run on the primary: pg_cron runs none on a standby)' ELSE '' END;
        END IF;
    END IF;
    RETURN NEXT;

    -- Indexes left invalid by a failed CREATE INDEX CONCURRENTLY.
    check_name := 'valid indexes';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND NOT (i.indisvalid AND i.indisready)
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('invalid: %s (drop and create again)', array_to_string(v_bad, ', '))
                   ELSE 'no invalid index' END;
    RETURN NEXT;

    -- Every table has a primary key.
    check_name := 'primary keys';
    v_bad := ARRAY(SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p')
                      AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('tables without a primary key: %s', array_to_string(v_bad, ', '))
                   ELSE 'every table has a primary key' END;
    RETURN NEXT;

    -- Every foreign key has an index whose leading columns are the key's columns,
    -- so deletes on the referenced table and joins do not scan the referencing one.
    check_name := 'foreign key indexes';
    v_bad := ARRAY(SELECT format('%s on %s', k.conname, k.conrelid::regclass)
                     FROM pg_constraint k
                     JOIN pg_class c ON c.oid = k.conrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE k.contype = 'f' AND n.nspname = ANY (v_schemas)
                      AND NOT EXISTS (
                          SELECT FROM pg_index i
                           WHERE i.indrelid = k.conrelid
                             AND (SELECT array_agg(x ORDER BY x) FROM unnest(i.indkey[0:cardinality(k.conkey) - 1]) x)
                               = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
                    ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('foreign keys without a supporting index: %s', array_to_string(v_bad, ', '))
                   ELSE 'every foreign key has a supporting index' END;
    RETURN NEXT;

    -- Every object a user can see in psql says what it is.
    check_name := 'comments';
    v_bad := ARRAY(
        SELECT format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                      n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY (v_schemas) AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
           AND obj_description(c.oid, 'pg_class') IS NULL
        UNION ALL
        SELECT format('function %s', p.oid::regprocedure)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = ANY (v_schemas) AND obj_description(p.oid, 'pg_proc') IS NULL
           AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT format('schema %I', n.nspname)
          FROM pg_namespace n
         WHERE n.nspname = ANY (v_schemas) AND obj_description(n.oid, 'pg_namespace') IS NULL
        ORDER BY 1);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'fail' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('without COMMENT: %s', array_to_string(v_bad, ', '))
                   ELSE 'every schema, table, view and function has a comment' END;
    RETURN NEXT;

    -- Ready to be distributed by project (Citus): ops.distribution_blockers() lists what is not.
    -- A warning, not a failure: one server runs this schema whatever it lists.
    check_name := 'distributable by project';
    v_bad := ARRAY(SELECT format('%s %s (%s)', b.table_name, b.constraint_name, b.problem)
                     FROM ops.distribution_blockers() b ORDER BY b.table_name, b.constraint_name);
    status := CASE WHEN cardinality(v_bad) > 0 THEN 'warn' ELSE 'ok' END;
    detail := CASE WHEN cardinality(v_bad) > 0
                   THEN format('%s constraints keep the schema from being distributed by project_id: %s',
                               cardinality(v_bad), array_to_string(v_bad, '; '))
                   ELSE 'every project-scoped table has project_id in its primary, unique and foreign keys' END;
    RETURN NEXT;

    -- plpgsql_check over every PL/pgSQL function; trigger functions are checked
    -- against each table that uses them.
    check_name := 'plpgsql_check';
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql_check') THEN
        status := 'skip';
        detail := 'plpgsql_check is not installed';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT e.extnamespace::regnamespace::name INTO v_check_schema
      FROM pg_extension e WHERE e.extname = 'plpgsql_check';
    v_problems := '{}';
    v_count := 0;
    FOR v_function IN
        SELECT p.oid, t.tgrelid
          FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          JOIN pg_language l ON l.oid = p.prolang
          LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND NOT t.tgisinternal
         WHERE l.lanname = 'plpgsql' AND n.nspname = ANY (v_schemas)
           AND (p.prorettype <> 'trigger'::regtype OR t.tgrelid IS NOT NULL)
         ORDER BY p.oid::regprocedure::text, t.tgrelid
    LOOP
        v_count := v_count + 1;
        EXECUTE format($q$
            SELECT coalesce(array_agg(format('%%s%%s line %%s: %%s', $1::regprocedure,
                                             CASE WHEN $2 <> 0 THEN ' on ' || $2::regclass::text ELSE '' END,
                                             r.lineno, r.message)), '{}')
              FROM %I.plpgsql_check_function_tb($1, $2, fatal_errors => false) r
             WHERE r.level IN ('error', 'warning')
        $q$, v_check_schema)
        INTO v_bad
        USING v_function.oid, coalesce(v_function.tgrelid, 0::oid);
        v_problems := v_problems || v_bad;
    END LOOP;
    IF cardinality(v_problems) > 0 THEN
        status := 'fail';
        detail := array_to_string(v_problems, '; ');
    ELSE
        status := 'ok';
        detail := format('%s PL/pgSQL functions (and trigger uses) clean', v_count);
    END IF;
    RETURN NEXT;
END
$function$;
COMMENT ON FUNCTION ops.validate_schema_integrity(jsonb) IS 'Checks the database against what pgpattern expects: migrations recorded and (given their files'' checksums) unedited, extensions, pg_cron jobs, valid indexes, primary keys, foreign-key indexes, comments, readiness to be distributed by project, plpgsql_check; on a hot standby it says so. One row per check: check_name, status (ok, warn, fail, skip), detail.';
GRANT EXECUTE ON FUNCTION ops.validate_schema_integrity(jsonb) TO pgpattern_admin;
