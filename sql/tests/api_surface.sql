-- The api schema is the promise: exactly these functions and views, and who may use each.
-- Readers read; the write verbs (VOLATILE) are the writers' and, for the A/B tests, the
-- application's; PUBLIC may call nothing. A function added to api, or a grant that widens
-- who may call one, fails here until this list says so.
BEGIN;
SELECT plan(234);

CREATE TEMP TABLE expected_functions (function_name name, args name[], callers name[]);
INSERT INTO expected_functions VALUES
    ('pattern_discover', '{text,boolean,text[],double precision}', '{pgpattern_writer,pgpattern_admin}'),
    ('pattern_cooccurrence_search', '{text,text,double precision,double precision,text,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('pattern_temporal_get', '{text,text,double precision,boolean,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('pattern_developer_profile', '{text,text,double precision,boolean,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('pattern_risk_files', '{text,text,double precision,text,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('pattern_insights_get', '{text,text,double precision,text,text,boolean,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('suggest_cochanges', '{text,text[],integer,text,text}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('model_lineage', '{text,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('experiment_leaderboard', '{text,uuid,integer,uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('experiment_convergence', '{text,uuid,integer,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('prediction_accuracy', '{text,text,timestamp with time zone,timestamp with time zone}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('performance_anomalies', '{interval,interval,double precision}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('ab_assign', '{uuid,text,text,text}', '{pgpattern_writer,pgpattern_admin,pgpattern_app}'),
    ('ab_record_outcome', '{uuid,text,text,numeric}', '{pgpattern_writer,pgpattern_admin,pgpattern_app}'),
    ('ab_results', '{uuid}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin,pgpattern_app}'),
    ('file_tree', '{text,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('coupling_graph_edges', '{text,text,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('coupling_graph_nodes', '{text,text,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('commit_heatmap', '{text}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('commit_months', '{text}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('author_weekly_commits', '{text,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('author_directories', '{text,integer,integer}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin}'),
    ('forget_identity', '{text,text}', '{pgpattern_admin}'),
    ('project_rows', '{text}', '{pgpattern_admin}'),
    ('project_delete', '{text}', '{pgpattern_admin}'),
    ('decrypted', '{text}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin,pgpattern_app}'),
    ('decrypted_json', '{jsonb}', '{pgpattern_reader,pgpattern_writer,pgpattern_admin,pgpattern_app}'),
    ('mark_sensitive', '{text,name}', '{pgpattern_admin}'),
    ('rotate_encryption_key', '{text,text,integer}', '{pgpattern_admin}');

CREATE TEMP TABLE expected_relations (relation_name name, is_materialized boolean);
INSERT INTO expected_relations VALUES
    ('commit_activity', false), ('files', false), ('projects', false), ('project_pattern_summary', true), ('high_risk_files_summary', false),
    ('model_performance_summary', false), ('daily_learning_metrics', false), ('hourly_performance_summary', false),
    ('system_health_dashboard', false), ('health_check_status', false), ('data_quality_status', false),
    ('workflow_patterns_by_day', false), ('operation_patterns_by_savings', false), ('workflow_errors_by_severity', false);

-- The roles asked about, in the order of the tests.
CREATE TEMP TABLE asked_roles (role name, ordinal integer);
INSERT INTO asked_roles VALUES ('pgpattern_reader', 1), ('pgpattern_writer', 2), ('pgpattern_admin', 3),
                               ('pgpattern_app', 4), ('public', 5);

-- What api holds (2 + 4 tests).
SELECT functions_are('api', ARRAY(SELECT function_name FROM expected_functions),
                     'Check that api has exactly the listed functions');
SELECT set_eq($$SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'api'::regnamespace$$,
              $$SELECT to_regprocedure(format('api.%I(%s)', function_name, array_to_string(args, ', ')))::oid FROM expected_functions$$,
              'Check that api has exactly the listed signatures (no second overload of a name)');
SELECT views_are('api', ARRAY(SELECT relation_name FROM expected_relations WHERE NOT is_materialized),
                 'Check that api has exactly the listed views');
SELECT materialized_views_are('api', ARRAY(SELECT relation_name FROM expected_relations WHERE is_materialized),
                              'Check that api has exactly the listed materialized views');
SELECT tables_are('api', ARRAY[]::name[], 'Check that api has no table');
SELECT sequences_are('api', ARRAY[]::name[], 'Check that api has no sequence');

-- Who may use the schema (3 tests).
SELECT schema_privs_are('api', 'pgpattern_reader', ARRAY['USAGE'], 'Check that the reader may use api');
SELECT schema_privs_are('api', 'pgpattern_app', ARRAY['USAGE'], 'Check that the application may use api');
SELECT schema_privs_are('api', 'public', ARRAY[]::text[], 'Check that PUBLIC may not use api');

-- Who may call each function (29 functions x 5 roles = 145 tests).
SELECT function_privs_are('api', f.function_name, f.args, r.role,
                          CASE WHEN r.role = ANY (f.callers) THEN ARRAY['EXECUTE'] ELSE ARRAY[]::name[] END)
  FROM expected_functions f CROSS JOIN asked_roles r
 ORDER BY f.function_name, r.ordinal;

-- Who may read each view (14 relations x 5 roles = 70 tests): the reader and the roles that are readers, read only.
SELECT table_privs_are('api', v.relation_name, r.role,
                       CASE WHEN r.role IN ('pgpattern_reader', 'pgpattern_writer', 'pgpattern_admin')
                            THEN ARRAY['SELECT'] ELSE ARRAY[]::name[] END)
  FROM expected_relations v CROSS JOIN asked_roles r
 ORDER BY v.relation_name, r.ordinal;

-- Rules over whatever api holds, so that they hold for a function this list does not know yet (2 tests).
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                   WHERE p.pronamespace = 'api'::regnamespace AND has_function_privilege('public', p.oid, 'EXECUTE')$$,
                'Check that PUBLIC may execute no api function');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                   WHERE p.pronamespace = 'api'::regnamespace AND p.provolatile = 'v'
                     AND has_function_privilege('pgpattern_reader', p.oid, 'EXECUTE')$$,
                'Check that the reader may execute no api function that writes (VOLATILE)');

-- The defaults for a function made next (by the role that runs the migrations, as this test
-- does): readers may call a new api function, PUBLIC may not; outside api nothing changed (8 tests).
CREATE FUNCTION api.tap_probe() RETURNS integer LANGUAGE sql SET search_path = pg_catalog, pg_temp AS 'SELECT 1';
SELECT function_privs_are('api', 'tap_probe', ARRAY[]::name[], 'public', ARRAY[]::name[],
                          'Check that PUBLIC may not execute a new api function (default privileges)');
SELECT function_privs_are('api', 'tap_probe', ARRAY[]::name[], 'pgpattern_app', ARRAY[]::name[],
                          'Check that the application may not execute a new api function');
SELECT function_privs_are('api', 'tap_probe', ARRAY[]::name[], 'pgpattern_reader', ARRAY['EXECUTE'],
                          'Check that the reader may execute a new api function (default privileges)');
CREATE VIEW api.tap_probe_view AS SELECT 1 AS one;
SELECT table_privs_are('api', 'tap_probe_view', 'public', ARRAY[]::name[], 'Check that PUBLIC may not read a new api view');
SELECT table_privs_are('api', 'tap_probe_view', 'pgpattern_reader', ARRAY['SELECT'], 'Check that the reader may read a new api view');
CREATE FUNCTION core.tap_probe() RETURNS integer LANGUAGE sql SET search_path = pg_catalog, pg_temp AS 'SELECT 1';
SELECT function_privs_are('core', 'tap_probe', ARRAY[]::name[], 'public', ARRAY['EXECUTE'],
                          'Check that a new function outside api keeps PostgreSQL''s default EXECUTE for PUBLIC');
SELECT function_privs_are('core', 'tap_probe', ARRAY[]::name[], 'pgpattern_writer', ARRAY['EXECUTE'],
                          'Check that the writer may execute a new core function (default privileges)');
CREATE FUNCTION public.tap_probe() RETURNS integer LANGUAGE sql SET search_path = pg_catalog, pg_temp AS 'SELECT 1';
SELECT function_privs_are('public', 'tap_probe', ARRAY[]::name[], 'public', ARRAY['EXECUTE'],
                          'Check that a new function in schema public (an extension''s, say) keeps EXECUTE for PUBLIC');

SELECT * FROM finish();
ROLLBACK;
