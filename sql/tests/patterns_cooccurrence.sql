-- File co-occurrence (spec section 1) on a hand-made history, every number computed by hand.
BEGIN;
SELECT plan(50);

INSERT INTO core.projects (name) VALUES ('co'), ('co_all');
-- h: one commit a row; changes are [status, path, old path, lines added, lines deleted]
-- (NULL lines for a binary file); parents are short names padded to 40 hex digits.
CREATE TEMP TABLE h (project text, sha text, at timestamptz, committed timestamptz, parents text[], changes text[][]);
INSERT INTO h VALUES
  ('co', 'c01', '2024-01-01 10:00Z', NULL, '{}',         ARRAY[['A', 'alpha.c', NULL, '10', '0'], ['A', 'Zeta.c', NULL, '5', '0']]),
  ('co', 'c02', '2024-01-02 10:00Z', NULL, '{c01}',      ARRAY[['M', 'alpha.c', NULL, '1', '1'], ['M', 'Zeta.c', NULL, '2', '0'], ['A', 'old.c', NULL, '7', '0']]),
  ('co', 'c03', '2024-01-03 10:00Z', NULL, '{c02}',      ARRAY[['M', 'alpha.c', NULL, '1', '0'], ['M', 'old.c', NULL, '1', '1']]),
  -- the rename, mid-history: old.c's earlier changes count for gamma.c
  ('co', 'c04', '2024-01-04 10:00Z', NULL, '{c03}',      ARRAY[['R', 'gamma.c', 'old.c', '0', '0'], ['M', 'alpha.c', NULL, '3', '0']]),
  ('co', 'c05', '2024-01-05 10:00Z', NULL, '{c04}',      ARRAY[['M', 'alpha.c', NULL, '1', '0'], ['M', 'Zeta.c', NULL, '1', '0'], ['M', 'gamma.c', NULL, '2', '2']]),
  -- a binary file (NULL lines)
  ('co', 'c06', '2024-01-06 10:00Z', NULL, '{c05}',      ARRAY[['A', 'beta.c', NULL, '4', '0'], ['A', 'logo.png', NULL, NULL, NULL]]),
  -- a merge commit: left out even though (unusually) it holds changes of alpha.c and Zeta.c
  ('co', 'c07', '2024-01-07 10:00Z', NULL, '{c06,c05}',  ARRAY[['M', 'alpha.c', NULL, '1', '0'], ['M', 'Zeta.c', NULL, '1', '0']]),
  -- a commit without files: not in T
  ('co', 'c08', '2024-01-08 10:00Z', NULL, '{c07}',      NULL),
  -- 4 files: more than max_changeset_size = 3, out of co-occurrence only
  ('co', 'c09', '2024-01-09 10:00Z', NULL, '{c08}',      ARRAY[['M', 'alpha.c', NULL, '1', '0'], ['M', 'Zeta.c', NULL, '1', '0'],
                                                               ['M', 'gamma.c', NULL, '1', '0'], ['M', 'beta.c', NULL, '1', '0']]),
  ('co', 'c10', '2024-01-10 10:00Z', NULL, '{c09}',      ARRAY[['M', 'Zeta.c', NULL, '1', '0'], ['M', 'beta.c', NULL, '1', '0']]),
  ('co', 'c11', '2024-01-11 10:00Z', NULL, '{c10}',      ARRAY[['M', 'alpha.c', NULL, '1', '0'], ['M', 'gamma.c', NULL, '1', '0']]),
  ('co', 'c12', '2024-01-12 10:00Z', NULL, '{c11}',      ARRAY[['M', 'logo.png', NULL, NULL, NULL], ['M', 'beta.c', NULL, '1', '0']]),
  -- co_all: both files in every commit; equal authored times, ordered by committed time, then sha
  ('co_all', 'd1', '2024-03-01 10:00Z', '2024-03-01 10:00Z', '{}',  ARRAY[['A', 'a', NULL, '1', '0'], ['A', 'b', NULL, '1', '0']]),
  ('co_all', 'd2', '2024-03-01 10:00Z', '2024-03-01 11:00Z', '{d1}', ARRAY[['M', 'a', NULL, '1', '0'], ['M', 'b', NULL, '1', '0']]),
  ('co_all', 'd3', '2024-03-01 10:00Z', '2024-03-01 11:00Z', '{d2}', ARRAY[['M', 'a', NULL, '1', '0'], ['M', 'b', NULL, '1', '0']]);

INSERT INTO git.commits (project_id, sha, parent_shas, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, rpad(h.sha, 40, '0'), ARRAY(SELECT rpad(x, 40, '0') FROM unnest(h.parents) x), 'Ann', 'ann@x',
       h.at, 0, 'Ann', 'ann@x', coalesce(h.committed, h.at), 'change ' || h.sha,
       row_number() OVER (PARTITION BY h.project ORDER BY h.sha) - 1
  FROM h JOIN core.projects p ON p.name = h.project;
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path, lines_added,
                              lines_deleted, old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, i, h.changes[i][1], h.changes[i][2], h.changes[i][3], h.changes[i][4]::int,
       h.changes[i][5]::int, 33188, 33188, h.changes[i][2]
  FROM h JOIN git.commits c ON c.sha = rpad(h.sha, 40, '0'), generate_subscripts(h.changes, 1) i;
DO $$ BEGIN PERFORM git.refresh_lineage(project_id) FROM core.projects WHERE name IN ('co', 'co_all'); END $$;

CREATE FUNCTION pg_temp.sha(text) RETURNS text LANGUAGE sql AS $$ SELECT rpad($1, 40, '0') $$;
CREATE TEMP TABLE runs (name text, id uuid);
INSERT INTO runs SELECT 'default', patterns.discover_patterns('co', ARRAY['cooccurrence', 'magnitude'], p_max_changeset_size => 3);
CREATE TEMP VIEW pairs AS
SELECT r.name, c.* FROM patterns.file_cooccurrence_patterns c JOIN runs r ON r.id = c.discovery_session_id;

/*
 * T for co-occurrence (max_changeset_size 3): c01 c02 c03 c04 c05 c06 c10 c11 c12, N = 9
 * (c07 merge, c08 no files, c09 four files). Files by latest path (old.c -> gamma.c at c04):
 *   n(alpha.c) = 6 (c01 c02 c03 c04 c05 c11), n(Zeta.c) = 4 (c01 c02 c05 c10),
 *   n(gamma.c) = 5 (c02 c03 c04 c05 c11), n(beta.c) = 3 (c06 c10 c12), n(logo.png) = 2 (c06 c12).
 * Pairs: alpha/Zeta 3 (c01 c02 c05), alpha/gamma 5, Zeta/gamma 2, beta/logo 2, Zeta/beta 1.
 * min_cooccurrence 3 keeps alpha/Zeta and alpha/gamma. In C collation 'Zeta.c' < 'alpha.c'.
 */
SELECT results_eq($$SELECT file_path_1, file_path_2, cooccurrence_count, file_1_changes, file_2_changes
                      FROM pairs WHERE name = 'default' ORDER BY file_path_1 COLLATE "C", file_path_2 COLLATE "C"$$,
                  $$VALUES ('Zeta.c', 'alpha.c', 3, 4, 6), ('alpha.c', 'gamma.c', 5, 6, 5)$$,
                  'Check that the pairs with n(a,b) >= 3 are kept, named by latest path, path_1 < path_2 in C collation');

/*
 * (Zeta.c, alpha.c): N 9, n1 4, n2 6, n12 3.
 *   support 3/9; confidence_1_to_2 3/4 = 0.75, confidence_2_to_1 3/6 = 0.5, confidence 0.75 -> strong;
 *   lift 3*9/(4*6) = 1.125; coupling 2*3/(4+6) = 0.6.
 *   2x2 [3, 1; 3, 2]: chi2 = 9 (3*2 - 1*3)^2 / (4*5*6*3) = 81/360 = 0.225,
 *   p = erfc(sqrt(0.1125)) = 0.6352562959972483, significance -log10 p = 0.19705102198272784.
 */
SELECT ok(abs(support_score - 3.0 / 9) < 1e-12, 'Check that support(Zeta, alpha) = 3/9') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT is(confidence_1_to_2, 0.75::double precision, 'Check that confidence Zeta -> alpha = 3/4') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT is(confidence_2_to_1, 0.5::double precision, 'Check that confidence alpha -> Zeta = 3/6') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT is(confidence_score, 0.75::double precision, 'Check that confidence(Zeta, alpha) is the max, 0.75') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(lift_score - 1.125) < 1e-12, 'Check that lift(Zeta, alpha) = 27/24') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(coupling_degree - 0.6) < 1e-12, 'Check that coupling(Zeta, alpha) = 6/10') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT is(pattern_strength, 'strong', 'Check that confidence 0.75 is strong') FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(p_value - 0.6352562959972483) < 1e-6 * 0.6352562959972483, 'Check that p(Zeta, alpha) = erfc(sqrt(0.225/2)) = 0.635256')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(statistical_significance - 0.19705102198272784) < 1e-6, 'Check that significance(Zeta, alpha) = -log10 p = 0.197051')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
-- contributing commits newest first: c05 c02 c01 (c09, oversized, and c07, a merge, are not among them)
SELECT is(contributing_commits, ARRAY[pg_temp.sha('c05'), pg_temp.sha('c02'), pg_temp.sha('c01')],
          'Check that contributing_commits of (Zeta, alpha) are c05, c02, c01, newest first')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';
SELECT is(ARRAY[first_observed_date, last_observed_date], ARRAY['2024-01-01 10:00Z', '2024-01-05 10:00Z']::timestamptz[],
          'Check that (Zeta, alpha) was first observed at c01 and last at c05')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'Zeta.c';

/*
 * (alpha.c, gamma.c): n1 6, n2 5, n12 5: support 5/9, confidence_1_to_2 5/6, confidence_2_to_1 1,
 *   confidence 1 -> very_strong; lift 5*9/30 = 1.5; coupling 10/11.
 *   2x2 [5, 1; 0, 3]: chi2 = 9 (5*3 - 1*0)^2 / (6*3*5*4) = 2025/360 = 5.625,
 *   p = erfc(sqrt(2.8125)) = 0.017706065807366618, significance 1.751877925989938.
 */
SELECT ok(abs(support_score - 5.0 / 9) < 1e-12, 'Check that support(alpha, gamma) = 5/9') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT ok(abs(confidence_1_to_2 - 5.0 / 6) < 1e-12, 'Check that confidence alpha -> gamma = 5/6') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT is(confidence_2_to_1, 1::double precision, 'Check that confidence gamma -> alpha = 5/5') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT ok(abs(lift_score - 1.5) < 1e-12, 'Check that lift(alpha, gamma) = 45/30') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT ok(abs(coupling_degree - 10.0 / 11) < 1e-12, 'Check that coupling(alpha, gamma) = 10/11') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT is(pattern_strength, 'very_strong', 'Check that confidence 1 is very_strong') FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT ok(abs(p_value - 0.017706065807366618) < 1e-6 * 0.017706065807366618, 'Check that p(alpha, gamma) = erfc(sqrt(5.625/2)) = 0.0177061')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT ok(abs(statistical_significance - 1.751877925989938) < 1e-6, 'Check that significance(alpha, gamma) = 1.751878')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
-- old.c's changes at c02 and c03 and the rename at c04 count for gamma.c
SELECT is(contributing_commits, ARRAY[pg_temp.sha('c11'), pg_temp.sha('c05'), pg_temp.sha('c04'), pg_temp.sha('c03'), pg_temp.sha('c02')],
          'Check that contributing_commits of (alpha, gamma) include old.c''s, newest first')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT is(ARRAY[first_observed_date, last_observed_date], ARRAY['2024-01-02 10:00Z', '2024-01-11 10:00Z']::timestamptz[],
          'Check that (alpha, gamma) was first observed at c02 and last at c11')
  FROM pairs WHERE name = 'default' AND file_path_1 = 'alpha.c';
SELECT is((SELECT count(*) FROM pairs WHERE 'old.c' IN (file_path_1, file_path_2)), 0::bigint,
          'Check that no pair is named by a path renamed away');

-- The session: T has 10 commits for the other algorithms (c09 included), 5 files; magnitude keeps c09:
-- alpha.c changed in c01 c02 c03 c04 c05 c09 c11 = 7 commits, Zeta.c in c01 c02 c05 c09 c10 = 5.
SELECT is((SELECT total_commits_analyzed FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'default')),
          10, 'Check that T holds 10 commits: no merge, no commit without files, the oversized one included');
SELECT is((SELECT confidence_threshold FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'default')),
          0.30::double precision, 'Check that the default confidence threshold 0.30 is stored on the session');
SELECT results_eq($$SELECT file_path, total_changes FROM patterns.change_magnitude_patterns
                     WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'default') AND file_path IN ('alpha.c', 'Zeta.c')
                     ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('Zeta.c', 5), ('alpha.c', 7)$$,
                  'Check that the oversized commit still counts in magnitude');

/*
 * min_cooccurrence 2: adds (Zeta.c, gamma.c) n12 2, n1 4, n2 5: confidences 2/4, 2/5, confidence 0.5 -> moderate;
 *   support 2/9, lift 2*9/20 = 0.9, coupling 4/9; 2x2 [2, 2; 3, 2]: ad - bc = 4 - 6 = -2,
 *   chi2 = 9*4/(4*5*5*4) = 36/400 = 0.09;
 * and (beta.c, logo.png) n12 2, n1 3, n2 2 (the binary file): confidences 2/3, 1 -> very_strong;
 *   lift 2*9/6 = 3; 2x2 [2, 1; 0, 6]: chi2 = 9*144/(3*6*2*7) = 1296/252 = 5.142857142857143.
 * (Zeta, beta) n12 1 stays out.
 */
INSERT INTO runs SELECT 'min2', patterns.discover_patterns('co', ARRAY['cooccurrence'], p_min_cooccurrence => 2, p_max_changeset_size => 3);
SELECT results_eq($$SELECT file_path_1, file_path_2, cooccurrence_count, pattern_strength
                      FROM pairs WHERE name = 'min2' ORDER BY file_path_1 COLLATE "C", file_path_2 COLLATE "C"$$,
                  $$VALUES ('Zeta.c', 'alpha.c', 3, 'strong'), ('Zeta.c', 'gamma.c', 2, 'moderate'),
                           ('alpha.c', 'gamma.c', 5, 'very_strong'), ('beta.c', 'logo.png', 2, 'very_strong')$$,
                  'Check that min_cooccurrence 2 adds the pairs seen twice');
SELECT ok(abs(lift_score - 0.9) < 1e-12 AND abs(coupling_degree - 4.0 / 9) < 1e-12 AND abs(support_score - 2.0 / 9) < 1e-12,
          'Check that (Zeta, gamma) has lift 0.9, coupling 4/9, support 2/9')
  FROM pairs WHERE name = 'min2' AND file_path_2 = 'gamma.c' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(p_value - erfc) < 1e-6 * erfc, 'Check that p(Zeta, gamma) = erfc(sqrt(0.09/2)) = 0.764177')
  FROM pairs, (VALUES (0.7641771556220948::double precision)) e(erfc) WHERE name = 'min2' AND file_path_2 = 'gamma.c' AND file_path_1 = 'Zeta.c';
SELECT ok(abs(lift_score - 3) < 1e-12 AND abs(confidence_1_to_2 - 2.0 / 3) < 1e-12 AND confidence_2_to_1 = 1,
          'Check that (beta, logo.png) has lift 3 and confidences 2/3, 1')
  FROM pairs WHERE name = 'min2' AND file_path_1 = 'beta.c';
SELECT ok(abs(p_value - erfc) < 1e-6 * erfc, 'Check that p(beta, logo.png) = erfc(sqrt(5.142857/2)) = 0.0233422')
  FROM pairs, (VALUES (0.02334220201289082::double precision)) e(erfc) WHERE name = 'min2' AND file_path_1 = 'beta.c';

-- confidence_threshold 0.8 with min_cooccurrence 2: only confidences 1 (alpha/gamma, beta/logo) remain.
INSERT INTO runs SELECT 'thr08', patterns.discover_patterns('co', ARRAY['cooccurrence'], 0.8, 2, 3);
SELECT results_eq($$SELECT file_path_1, file_path_2 FROM pairs WHERE name = 'thr08' ORDER BY file_path_1 COLLATE "C"$$,
                  $$VALUES ('alpha.c', 'gamma.c'), ('beta.c', 'logo.png')$$,
                  'Check that confidence_threshold 0.8 leaves out confidences 0.75 and 0.5');
SELECT is((SELECT confidence_threshold FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'thr08')),
          0.8::double precision, 'Check that the threshold given is stored on the session');
-- min_cooccurrence 1: (Zeta.c, beta.c) n12 1, confidences 1/4 and 1/3: kept at threshold 0.30, not at 0.34.
INSERT INTO runs SELECT 'min1', patterns.discover_patterns('co', ARRAY['cooccurrence'], 0.30, 1, 3);
INSERT INTO runs SELECT 'min1thr', patterns.discover_patterns('co', ARRAY['cooccurrence'], 0.34, 1, 3);
SELECT is((SELECT count(*) FROM pairs WHERE name = 'min1'), 5::bigint, 'Check that min_cooccurrence 1 keeps all 5 pairs at threshold 0.30');
SELECT ok(abs(confidence_score - 1.0 / 3) < 1e-12 AND confidence_1_to_2 = 0.25 AND pattern_strength = 'weak',
          'Check that (Zeta, beta) has confidences 1/4 and 1/3 and is weak')
  FROM pairs WHERE name = 'min1' AND file_path_1 = 'Zeta.c' AND file_path_2 = 'beta.c';
SELECT is((SELECT count(*) FROM pairs WHERE name = 'min1thr'), 4::bigint, 'Check that threshold 0.34 drops the pair of confidence 1/3');

/*
 * Default max_changeset_size 30: c09 joins, N = 10, n(alpha) 7, n(Zeta) 5, n(alpha, Zeta) 4:
 *   confidences 4/5 (Zeta -> alpha) and 4/7, lift 4*10/35 = 8/7; 2x2 [4, 1; 3, 2]: chi2 = 10 (8 - 3)^2 / (5*5*7*3) = 250/525.
 */
INSERT INTO runs SELECT 'max30', patterns.discover_patterns('co', ARRAY['cooccurrence']);
SELECT ok(cooccurrence_count = 4 AND file_1_changes = 5 AND file_2_changes = 7 AND confidence_score = 0.8
          AND abs(lift_score - 8.0 / 7) < 1e-12 AND abs(support_score - 0.4) < 1e-12 AND pattern_strength = 'very_strong',
          'Check that with max_changeset_size 30 the 4-file commit counts: n 4, n1 5, n2 7, N 10')
  FROM pairs WHERE name = 'max30' AND file_path_1 = 'Zeta.c' AND file_path_2 = 'alpha.c';
SELECT ok(abs(p_value - 0.49015296041582496) < 1e-6 * 0.49015296041582496, 'Check that p = erfc(sqrt(250/525/2)) = 0.490245')
  FROM pairs WHERE name = 'max30' AND file_path_1 = 'Zeta.c' AND file_path_2 = 'alpha.c';
SELECT is(contributing_commits[1], pg_temp.sha('c09'), 'Check that the 4-file commit is then the newest contributing commit')
  FROM pairs WHERE name = 'max30' AND file_path_1 = 'Zeta.c' AND file_path_2 = 'alpha.c';
-- (alpha.c, gamma.c) with c09: n12 6, n1 7, n2 6; 2x2 [6, 1; 0, 3]: chi2 = 10*18^2/(7*3*6*4) = 3240/504.
SELECT ok(cooccurrence_count = 6 AND abs(p_value - 0.011229886652916679) < 1e-6 * 0.011229886652916679,
          'Check that (alpha, gamma) with the 4-file commit has n 6 and p = erfc(sqrt(3240/504/2))')
  FROM pairs WHERE name = 'max30' AND file_path_1 = 'alpha.c' AND file_path_2 = 'gamma.c';
SELECT is((SELECT max_changeset_size FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'max30')),
          30, 'Check that the default max_changeset_size 30 is stored on the session');

/*
 * co_all: N 3, n(a) = n(b) = n(a,b) = 3: support 1, confidences 1, lift 1, coupling 1;
 * the 2x2 table [3, 0; 0, 0] has zero row and column totals: chi2 0, p 1, significance 0.
 * Equal authored times: newest first by committed time (d2, d3 at 11:00), then sha: d3, d2, d1.
 */
INSERT INTO runs SELECT 'all', patterns.discover_patterns('co_all', ARRAY['cooccurrence']);
SELECT results_eq($$SELECT file_path_1, file_path_2, cooccurrence_count, support_score, confidence_score, lift_score,
                           coupling_degree, p_value, statistical_significance FROM pairs WHERE name = 'all'$$,
                  $$VALUES ('a', 'b', 3, 1::float8, 1::float8, 1::float8, 1::float8, 1::float8, 0::float8)$$,
                  'Check that a pair in every commit has p 1 and significance 0 (zero row and column totals)');
SELECT is(contributing_commits, ARRAY[pg_temp.sha('d3'), pg_temp.sha('d2'), pg_temp.sha('d1')],
          'Check that ties on authored time are broken by committed time, then sha, descending')
  FROM pairs WHERE name = 'all';
SELECT is(ARRAY[first_observed_date, last_observed_date], ARRAY['2024-03-01 10:00Z', '2024-03-01 10:00Z']::timestamptz[],
          'Check that first and last observed are authored times') FROM pairs WHERE name = 'all';

-- Every stored pair satisfies the spec's identities.
SELECT is((SELECT count(*) FROM pairs
            WHERE NOT (file_path_1 COLLATE "C" < file_path_2 COLLATE "C"
                       AND confidence_score = greatest(confidence_1_to_2, confidence_2_to_1)
                       AND abs(coupling_degree - 2.0 * cooccurrence_count / (file_1_changes + file_2_changes)) < 1e-12
                       AND abs(confidence_1_to_2 - cooccurrence_count::float8 / file_1_changes) < 1e-12
                       AND abs(confidence_2_to_1 - cooccurrence_count::float8 / file_2_changes) < 1e-12
                       AND abs(statistical_significance - least(99.9999, -log(p_value))) < 1e-9)),
          0::bigint, 'Check that every stored pair satisfies the identities of section 1');
SELECT ok((SELECT count(*) FROM pairs) = 2 + 4 + 2 + 5 + 4 + 3 + 1,
          'Check that every run stored its pairs and none was deleted by a later run');
SELECT is((SELECT array_agg(is_active ORDER BY name) FROM (SELECT DISTINCT name, is_active FROM pairs WHERE project_id = (SELECT project_id FROM core.projects WHERE name = 'co')) x),
          ARRAY[false, true, false, false, false, false],
          'Check that only the latest run''s pairs of a project are active');
SELECT is((SELECT count(*) FROM patterns.pattern_discovery_sessions s JOIN core.projects p USING (project_id)
            WHERE p.name = 'co' AND s.status = 'completed'), 1::bigint,
          'Check that one session of the project is completed, the rest outdated');

-- co_many: 55 commits (hourly from 2024-04-01 01:00Z) each changing a and b: contributing_commits holds the newest
-- 50 (j = 55 down to 6); first and last observed span all 55.
INSERT INTO core.projects (name) VALUES ('co_many');
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, lpad(to_hex(j), 40, 'e'), 'A', 'a@x', timestamptz '2024-04-01 00:00Z' + j * interval '1 hour', 0,
       'A', 'a@x', timestamptz '2024-04-01 00:00Z' + j * interval '1 hour', 'c', j
  FROM generate_series(1, 55) j, core.projects p WHERE p.name = 'co_many';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted, old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, k, 'M', x, 1, 0, 33188, 33188, x
  FROM git.commits c JOIN core.projects p ON p.project_id = c.project_id AND p.name = 'co_many',
       unnest(ARRAY['a', 'b']) WITH ORDINALITY u(x, k);
INSERT INTO runs SELECT 'many', patterns.discover_patterns('co_many', ARRAY['cooccurrence']);
SELECT is(contributing_commits, ARRAY(SELECT lpad(to_hex(j), 40, 'e') FROM generate_series(55, 6, -1) j),
          'Check that contributing_commits holds the newest 50, newest first') FROM pairs WHERE name = 'many';
SELECT is(ARRAY[first_observed_date, last_observed_date], ARRAY['2024-04-01 01:00Z', '2024-04-03 07:00Z']::timestamptz[],
          'Check that first and last observed cover all 55 commits, not only the 50 kept') FROM pairs WHERE name = 'many';

SELECT * FROM finish();
ROLLBACK;
