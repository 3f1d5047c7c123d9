-- A/B testing: the Student t tail (incomplete beta) against known values, experiment
-- validation and lifecycle, deterministic assignment honouring traffic_allocation,
-- outcomes, and api.ab_results against hand-computed z, Welch t and sample-ratio tests.
BEGIN;
SELECT plan(34);

-- The special functions.
SELECT ok(abs(learning.student_t_p_value(2.0, 10) - 0.07338803) < 1e-7, 'Check that t = 2.0 with 10 df has two-sided p 0.07338803');
SELECT ok(abs(learning.student_t_p_value(1.96, 1e7) - 0.0499958) < 1e-5, 'Check that t = 1.96 with very many df has p near 0.05 (the normal tail)');
SELECT ok(abs(learning.student_t_p_value(12.706, 1) - 0.05) < 1e-4, 'Check that t = 12.706 with 1 df has p 0.05 (the t table)');
SELECT is(learning.student_t_p_value(0, 5), 1::double precision, 'Check that t = 0 has p 1');
SELECT ok(abs(learning.incomplete_beta(0.5, 2, 3) - 0.6875) < 1e-12, 'Check that I_0.5(2, 3) is 11/16');
SELECT ok(abs(learning.incomplete_beta(0.3, 1, 1) - 0.3) < 1e-12, 'Check that I_x(1, 1) is x');
SELECT ok(abs(learning.ln_gamma(10) - ln(362880)) < 1e-9, 'Check that ln_gamma(10) is ln 9!');
SELECT throws_ok($$SELECT learning.incomplete_beta(1.5, 1, 1)$$, '22023', NULL, 'Check that x outside [0, 1] is refused');
SELECT ok(learning.ab_bucket('00000000-0000-0000-0000-000000000001', 'u') = learning.ab_bucket('00000000-0000-0000-0000-000000000001', 'u')
          AND learning.ab_bucket('00000000-0000-0000-0000-000000000001', 'u') >= 0
          AND learning.ab_bucket('00000000-0000-0000-0000-000000000001', 'u') < 1,
          'Check that a user''s bucket is the same every time and in [0, 1)');

-- Experiments.
INSERT INTO core.projects (name) VALUES ('ab-tests');
CREATE TEMP VIEW p AS SELECT project_id FROM core.projects WHERE name = 'ab-tests';
SELECT throws_ok($$INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants) SELECT project_id, 'x', '[]' FROM p$$,
                 '23514', NULL, 'Check that an experiment without a treatment is refused');
SELECT throws_ok($$INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants) SELECT project_id, 'x', '[{"name": "control"}]' FROM p$$,
                 '23514', NULL, 'Check that a treatment named like the control is refused');
SELECT throws_ok($$INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, traffic_allocation) SELECT project_id, 'x', '[{"name": "b"}]', '{"control": 0.7, "b": 0.7}' FROM p$$,
                 '23514', NULL, 'Check that allocations summing over 1 are refused');
SELECT throws_ok($$INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, traffic_allocation) SELECT project_id, 'x', '[{"name": "b"}]', '{"c": 0.5}' FROM p$$,
                 '23514', NULL, 'Check that an allocation to an unknown variant is refused');
SELECT throws_ok($$INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, target_metrics) SELECT project_id, 'x', '[{"name": "b"}]', '{"m": "median"}' FROM p$$,
                 '23514', NULL, 'Check that a metric kind other than conversion or mean is refused');

INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, target_metrics, traffic_allocation)
SELECT project_id, 'half-enrolled', '[{"name": "b"}]', '{"converted": "conversion"}', '{"control": 0.25, "b": 0.25}' FROM p;
CREATE TEMP VIEW half AS SELECT experiment_id FROM learning.ab_testing_experiments WHERE experiment_name = 'half-enrolled';
SELECT throws_ok($$SELECT api.ab_assign(experiment_id, 'u1') FROM half$$, '55000', NULL,
                 'Check that a draft experiment assigns nobody');
SELECT throws_ok($$SELECT api.ab_assign(gen_random_uuid(), 'u1')$$, 'P0002', NULL, 'Check that an unknown experiment is refused');
UPDATE learning.ab_testing_experiments SET status = 'running' WHERE experiment_name = 'half-enrolled';
SELECT throws_ok($$UPDATE learning.ab_testing_experiments SET traffic_allocation = '{"control": 0.5, "b": 0.5}' WHERE experiment_name = 'half-enrolled'$$,
                 '55000', NULL, 'Check that the allocation of a running experiment is fixed');
SELECT throws_ok($$UPDATE learning.ab_testing_experiments SET status = 'draft' WHERE experiment_name = 'half-enrolled'$$,
                 '23514', NULL, 'Check that a running experiment cannot go back to draft');
SELECT throws_ok($$SELECT api.ab_assign(experiment_id, ' ') FROM half$$, '22023', NULL, 'Check that a blank user id is refused');

CREATE TEMP TABLE first_pass AS
SELECT 'user-' || i AS user_id, api.ab_assign(experiment_id, 'user-' || i) AS variant FROM half, generate_series(1, 1000) i;
SELECT is((SELECT count(*) FROM first_pass f JOIN half h ON true
            WHERE f.variant IS DISTINCT FROM api.ab_assign(h.experiment_id, f.user_id)), 0::bigint,
          'Check that every user gets the same variant (or none) again');
SELECT is((SELECT count(*) FROM first_pass f JOIN half h ON true
            WHERE f.variant IS DISTINCT FROM (SELECT v.variant FROM learning.ab_variants('{"name": "control"}', '[{"name": "b"}]', '{"control": 0.25, "b": 0.25}') v
                                               WHERE learning.ab_bucket(h.experiment_id, f.user_id) >= v.slice_from
                                                 AND learning.ab_bucket(h.experiment_id, f.user_id) < v.slice_to)), 0::bigint,
          'Check that the variant is the one whose slice holds the user''s md5 bucket');
SELECT ok((SELECT count(*) FILTER (WHERE variant IS NULL) BETWEEN 400 AND 600 FROM first_pass),
          'Check that about half of the users fall outside a 25/25 allocation');
SELECT ok((SELECT count(*) FILTER (WHERE variant = 'control') BETWEEN 180 AND 320
              AND count(*) FILTER (WHERE variant = 'b') BETWEEN 180 AND 320 FROM first_pass),
          'Check that the enrolled users split about evenly');
SELECT is((SELECT current_sample_size FROM learning.ab_testing_experiments WHERE experiment_name = 'half-enrolled'),
          (SELECT count(variant)::integer FROM first_pass), 'Check that current_sample_size counts the stored assignments');
SELECT is((SELECT count(*) FROM learning.ab_testing_assignments JOIN half USING (experiment_id)),
          (SELECT count(variant) FROM first_pass), 'Check that only enrolled users are stored, once each');

-- Outcomes.
SELECT throws_ok($$SELECT api.ab_record_outcome(experiment_id, 'nobody', 'converted', 1) FROM half$$, 'P0002', NULL,
                 'Check that an outcome of an unassigned user is refused');
SELECT throws_ok($$SELECT api.ab_record_outcome(h.experiment_id, f.user_id, 'converted', 2) FROM half h, (SELECT user_id FROM first_pass WHERE variant IS NOT NULL LIMIT 1) f$$,
                 '23514', NULL, 'Check that a conversion other than 0 or 1 is refused');
SELECT throws_ok($$SELECT api.ab_record_outcome(h.experiment_id, f.user_id, 'revenue', 2) FROM half h, (SELECT user_id FROM first_pass WHERE variant IS NOT NULL LIMIT 1) f$$,
                 '23514', NULL, 'Check that a metric that is not a target metric is refused');

-- Results against hand-computed tests: 200/1000 against 250/1000 conversions, Wikipedia's
-- first Welch example for the means, and 1000 against 1200 users for the sample ratio.
INSERT INTO learning.ab_testing_experiments (project_id, experiment_name, treatment_variants, target_metrics, status, minimum_sample_size)
SELECT project_id, 'known', '[{"name": "b"}]', '{"converted": "conversion", "score": "mean"}', 'running', 1100 FROM p;
CREATE TEMP VIEW known AS SELECT project_id, experiment_id FROM learning.ab_testing_experiments WHERE experiment_name = 'known';
INSERT INTO learning.ab_testing_assignments (project_id, experiment_id, user_id, variant)
SELECT project_id, experiment_id, v || '-' || i, v FROM known, (VALUES ('control', 1000), ('b', 1200)) x(v, n), generate_series(1, n) i;
INSERT INTO learning.ab_testing_outcomes (project_id, experiment_id, user_id, metric_name, value)
SELECT project_id, experiment_id, v || '-' || i, 'converted', CASE WHEN i <= c THEN 1 ELSE 0 END
  FROM known, (VALUES ('control', 1000, 200), ('b', 1000, 250)) x(v, n, c), generate_series(1, n) i;
INSERT INTO learning.ab_testing_outcomes (project_id, experiment_id, user_id, metric_name, value)
SELECT project_id, experiment_id, 'control-' || i, 'score', s
  FROM known, unnest('{27.5,21.0,19.0,23.6,17.0,17.9,16.9,20.1,21.9,22.6,23.1,19.6,19.0,21.7,21.4}'::numeric[]) WITH ORDINALITY u(s, i);
INSERT INTO learning.ab_testing_outcomes (project_id, experiment_id, user_id, metric_name, value)
SELECT project_id, experiment_id, 'b-' || i, 'score', s
  FROM known, unnest('{27.1,22.0,20.8,23.4,23.4,23.5,25.8,22.0,24.8,20.2,21.9,22.1,22.9,20.5,24.4}'::numeric[]) WITH ORDINALITY u(s, i);
-- Statistics for the rows just written, as autovacuum would gather them (else the planner nests loops).
ANALYZE learning.ab_testing_assignments, learning.ab_testing_outcomes;
CREATE TEMP TABLE r AS SELECT * FROM api.ab_results((SELECT experiment_id FROM known));

SELECT results_eq($$SELECT metric_name, variant, is_control, assigned, observations FROM r$$,
                  $$VALUES ('converted', 'control', true, 1000::bigint, 1000::bigint), ('converted', 'b', false, 1200::bigint, 1200::bigint),
                           ('score', 'control', true, 1000::bigint, 15::bigint), ('score', 'b', false, 1200::bigint, 15::bigint)$$,
                  'Check that results give per metric the control, then the treatment, with samples');
-- b's 250 conversions are among 1200 assigned users (the 200 without an outcome did not convert).
SELECT ok((SELECT abs(conversion_rate - 250.0 / 1200) < 1e-12 AND abs(lift - (250.0 / 1200 - 0.2) / 0.2) < 1e-12 FROM r WHERE metric_name = 'converted' AND variant = 'b'),
          'Check that the conversion rate is over assigned users and the lift is relative to control');
SELECT ok((SELECT abs(statistic - (250.0 / 1200 - 0.2) / sqrt((450.0 / 2200) * (1 - 450.0 / 2200) * (1.0 / 1200 + 1.0 / 1000))) < 1e-9
                  AND abs(p_value - patterns.erfc(abs(statistic) / sqrt(2))) < 1e-12 AND NOT significant
             FROM r WHERE metric_name = 'converted' AND variant = 'b'),
          'Check the pooled two-proportion z-test and its two-sided p-value');
SELECT ok((SELECT abs(statistic - 2.4553564) < 1e-6 AND abs(degrees_of_freedom - 24.9885293) < 1e-6
                  AND p_value BETWEEN 0.0210 AND 0.0216 AND significant
             FROM r WHERE metric_name = 'score' AND variant = 'b'),
          'Check Welch''s t-test against Wikipedia''s example (t 2.46, df 25.0, p 0.021)');
SELECT ok((SELECT bool_and(abs(srm_chi_square - 2 * 100.0 ^ 2 / 1100) < 1e-9 AND srm_p_value < 0.001 AND srm_detected) FROM r),
          'Check that 1000 against 1200 users under a 50/50 split is a sample-ratio mismatch');
SELECT results_eq($$SELECT minimum_sample_size_met FROM r ORDER BY metric_name, variant$$,
                  $$VALUES (true), (false), (false), (false)$$,
                  'Check that minimum_sample_size counts assigned users for conversions and observations for means');

SELECT * FROM finish();
ROLLBACK;
