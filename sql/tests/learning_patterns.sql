-- learning.identified_patterns, pattern_occurrences (weekly partitions, the frequency
-- trigger) and recommendations (sources, lifecycle).
BEGIN;
SELECT plan(23);

SELECT is((SELECT relkind::text FROM pg_class WHERE oid = 'learning.pattern_occurrences'::regclass), 'p',
          'Check that pattern_occurrences is partitioned');
SELECT col_is_pk('learning', 'pattern_occurrences', ARRAY['project_id', 'occurrence_id', 'detection_timestamp'],
                 'Check that the occurrence key includes the partition key');
SELECT ok((SELECT bool_and(to_regclass('learning.pattern_occurrences_p' || to_char(now() AT TIME ZONE 'UTC' + w * interval '7 days', 'IYYY"w"IW')) IS NOT NULL)
             FROM generate_series(0, 3) w),
          'Check that the weekly partitions of this week and the next three exist');
SELECT is((SELECT partition_bound FROM (SELECT pg_get_expr(c.relpartbound, c.oid) AS partition_bound FROM pg_class c
            WHERE c.relname = 'pattern_occurrences_default') d), 'DEFAULT', 'Check that a default partition catches every other week');

INSERT INTO core.projects (name) VALUES ('learning-patterns');
CREATE TEMP VIEW p AS SELECT project_id FROM core.projects WHERE name = 'learning-patterns';
INSERT INTO learning.identified_patterns (project_id, pattern_type, pattern_name, pattern_signature, first_detected)
SELECT project_id, 'code_smell', 'long_method', '{"min_lines": 50}', now() - interval '1 day' FROM p;
CREATE TEMP VIEW pat AS SELECT project_id, pattern_id FROM learning.identified_patterns WHERE pattern_signature = '{"min_lines": 50}';

SELECT throws_ok($$INSERT INTO learning.identified_patterns (project_id, pattern_type, pattern_name, pattern_signature) SELECT project_id, 'code_smell', 'long_method', '{"min_lines": 50}' FROM p$$,
                 '23505', NULL, 'Check that a pattern with the same type, name and signature is refused');
SELECT lives_ok($$INSERT INTO learning.identified_patterns (project_id, pattern_type, pattern_name, pattern_signature) SELECT project_id, 'code_smell', 'long_method', '{"min_lines": 80}' FROM p$$,
                'Check that the same name with another signature is a new pattern');
SELECT throws_ok($$INSERT INTO learning.identified_patterns (project_id, pattern_type, pattern_name, confidence_score) SELECT project_id, 'code_smell', 'x', 1.01 FROM p$$,
                 '23514', NULL, 'Check that a confidence_score above 1 is refused');
SELECT throws_ok($$INSERT INTO learning.identified_patterns (project_id, pattern_type, pattern_name) SELECT project_id, 'smell', 'x' FROM p$$,
                 '23514', NULL, 'Check that an unknown pattern_type is refused');
SELECT is((SELECT occurrence_frequency FROM learning.identified_patterns JOIN pat USING (project_id, pattern_id)), 0,
          'Check that a new pattern has no occurrences');

-- Occurrences now, in the past and far ahead (beyond the partitions: the default partition).
INSERT INTO learning.pattern_occurrences (project_id, pattern_id, source_type, source_id, detection_timestamp)
SELECT project_id, pattern_id, 'code_file', 'src/a.py', t
  FROM pat, (VALUES (now()), (now() - interval '3 days'), (timestamptz '2031-03-05 12:00+00')) v(t);
SELECT results_eq($$SELECT occurrence_frequency, first_detected, last_detected FROM learning.identified_patterns JOIN pat USING (project_id, pattern_id)$$,
                  $$VALUES (3, now() - interval '3 days', timestamptz '2031-03-05 12:00+00')$$,
                  'Check that the trigger counts occurrences and widens first and last detection');
SELECT is((SELECT tableoid::regclass::text FROM learning.pattern_occurrences WHERE detection_timestamp > '2031-01-01'),
          'learning.pattern_occurrences_default', 'Check that an occurrence beyond the partitions lands in the default partition');
SELECT is(learning.create_pattern_occurrence_partitions('2031-03-04', '2031-03-12'), 2,
          'Check that the partition function creates the weeks of the range');
SELECT is((SELECT tableoid::regclass::text FROM learning.pattern_occurrences WHERE detection_timestamp > '2031-01-01'),
          'learning.pattern_occurrences_p2031w10', 'Check that its rows moved from the default partition into their week');
SELECT is((SELECT occurrence_frequency FROM learning.identified_patterns JOIN pat USING (project_id, pattern_id)), 3,
          'Check that moving rows between partitions does not count them again');
SELECT is((SELECT count(*)::integer FROM pg_index WHERE indrelid = 'learning.pattern_occurrences_p2031w10'::regclass), 4,
          'Check that a new partition has the indexes of the table');
SELECT is(learning.create_pattern_occurrence_partitions('2031-03-04', '2031-03-12'), 0,
          'Check that creating existing partitions again does nothing');
SELECT throws_ok($$SELECT learning.create_pattern_occurrence_partitions('2031-03-12', '2031-03-04')$$,
                 '22023', NULL, 'Check that a reversed range is refused');
SELECT throws_ok($$INSERT INTO learning.pattern_occurrences (project_id, pattern_id, source_type, source_id) SELECT project_id, gen_random_uuid(), 'code_file', 'x' FROM p$$,
                 '23503', NULL, 'Check that an occurrence of an unknown pattern is refused');
SELECT throws_ok($$UPDATE learning.pattern_occurrences SET detection_timestamp = now() - interval '1 hour'$$,
                 '55000', NULL, 'Check that an occurrence cannot be moved in time');

-- Recommendations.
INSERT INTO learning.recommendations (project_id, recommendation_type, title, source_pattern_id, confidence_score)
SELECT project_id, 'refactoring', 'Split long methods in src/a.py', pattern_id, 0.7 FROM pat;
SELECT throws_ok($$INSERT INTO learning.recommendations (project_id, recommendation_type, title) SELECT project_id, 'refactoring', 'From nowhere' FROM p$$,
                 '23514', NULL, 'Check that a recommendation needs a pattern or a prediction as its source');
SELECT throws_ok($$INSERT INTO learning.recommendations (project_id, recommendation_type, title, source_prediction_id) SELECT project_id, 'testing', 'x', gen_random_uuid() FROM p$$,
                 '23503', NULL, 'Check that a recommendation from an unknown prediction is refused');
SELECT throws_ok($$UPDATE learning.recommendations SET status = 'implemented'$$,
                 '23514', 'recommendations.status cannot change from proposed to implemented',
                 'Check that a recommendation is accepted before it is implemented');
UPDATE learning.recommendations SET status = 'accepted';
UPDATE learning.recommendations SET status = 'implemented';
SELECT throws_ok($$UPDATE learning.recommendations SET status = 'rejected'$$,
                 '23514', 'recommendations.status cannot change from implemented to rejected',
                 'Check that an implemented recommendation is final');

SELECT * FROM finish();
ROLLBACK;
