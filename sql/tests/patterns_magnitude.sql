-- Change-magnitude patterns (spec section 4) for five files, computed by hand.
BEGIN;
SELECT plan(49);

INSERT INTO core.projects (name) VALUES ('mag');
/*
 * The end of the span E = 2024-12-31 12:00Z (Tue, ISO week of Mon 2024-12-30); the trailing window is
 * 12 periods of P = 30.4375 days, period j = (E - (12-j) P, E - (11-j) P], j = 0..11.
 * One commit per row; changes: [status, path, old path, added, deleted].
 */
CREATE TEMP TABLE h (i int, at timestamptz, off int, author text, changes text[][]);
INSERT INTO h VALUES
  -- src/inc.py (born as src/inc_old.py): period 8 (E - 3P - 1 d), 9, 10 x2, 11 x3
  ( 1, '2024-09-30 04:30Z',   0, 'ann', ARRAY[['A', 'src/inc_old.py', NULL, '20', '0']]),
  ( 2, '2024-10-30 15:00Z',   0, 'ann', ARRAY[['R', 'src/inc.py', 'src/inc_old.py', '1', '1']]),
  ( 3, '2024-11-30 01:30Z',   0, 'ann', ARRAY[['M', 'src/inc.py', NULL, '5', '5']]),
  ( 4, '2024-11-29 01:30Z',   0, 'bob', ARRAY[['M', 'src/inc.py', NULL, '5', '0']]),
  ( 5, '2024-12-31 12:00Z',   0, 'ann', ARRAY[['M', 'src/inc.py', NULL, '2', '2']]),
  ( 6, '2024-12-29 12:00Z',   0, 'bob', ARRAY[['M', 'src/inc.py', NULL, '3', '0']]),
  ( 7, '2024-12-28 12:00Z',   0, 'ann', ARRAY[['M', 'src/inc.py', NULL, '10', '0']]),
  -- lib/dec.py: E - 400 d (outside the window), period 0 x3, 1 x2, 2 x1
  ( 8, '2023-11-27 12:00Z',   0, 'cat', ARRAY[['A', 'lib/dec.py', NULL, '50', '0']]),
  ( 9, '2024-01-30 16:30Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '4', '4']]),
  (10, '2024-01-29 16:30Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '4', '4']]),
  (11, '2024-01-28 16:30Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '4', '4']]),
  (12, '2024-03-01 03:00Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '3', '3']]),
  (13, '2024-02-29 03:00Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '3', '3']]),
  (14, '2024-03-31 13:30Z',   0, 'cat', ARRAY[['M', 'lib/dec.py', NULL, '2', '2']]),
  -- src/vol.py: sizes 1, 1, 1, 100, one in each LOCAL season
  (15, '2024-02-29 20:00Z', 330, 'dan', ARRAY[['M', 'src/vol.py', NULL, '1', '0']]),   -- local Fri Mar 1 01:30: MAM
  (16, '2024-06-15 12:00Z',   0, 'ann', ARRAY[['M', 'src/vol.py', NULL, '1', '0']]),
  (17, '2024-09-10 12:00Z',   0, 'dan', ARRAY[['M', 'src/vol.py', NULL, '1', '0']]),
  (18, '2024-11-30 20:00Z', 240, 'dan', ARRAY[['M', 'src/vol.py', NULL, '100', '0']]), -- local Sun Dec 1 00:00: DJF
  -- docs/readme.md: one change of 60 lines
  (19, '2024-12-21 12:00Z',   0, 'bob', ARRAY[['M', 'docs/readme.md', NULL, '60', '0']]),
  -- tools/x.sh: added with 300 lines; then one commit deletes it and adds it again (two rows, one change of 300 + 7)
  (20, '2024-07-01 12:00Z',   0, 'ann', ARRAY[['A', 'tools/x.sh', NULL, '300', '0']]),
  (21, '2024-07-08 12:00Z',   0, 'ann', ARRAY[['D', 'tools/x.sh', NULL, '0', '300'], ['A', 'tools/x.sh', NULL, '7', '0']]);
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, lpad(to_hex(h.i), 40, '0'), h.author, h.author || '@x', h.at, h.off, 'c', 'c@x', h.at, 'change ' || h.i,
       row_number() OVER (ORDER BY h.at) - 1
  FROM h, core.projects p WHERE p.name = 'mag';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, k, h.changes[k][1], h.changes[k][2], h.changes[k][3], h.changes[k][4]::int, h.changes[k][5]::int,
       33188, 33188, h.changes[k][2]
  FROM h JOIN git.commits c ON c.sha = lpad(to_hex(h.i), 40, '0'), generate_subscripts(h.changes, 1) k;
DO $$ BEGIN PERFORM git.refresh_lineage(project_id) FROM core.projects WHERE name = 'mag'; END $$;

CREATE TEMP TABLE runs (name text, id uuid);
INSERT INTO runs SELECT 'all', patterns.discover_patterns('mag', ARRAY['magnitude']);
CREATE TEMP VIEW m AS
SELECT x.* FROM patterns.change_magnitude_patterns x WHERE x.discovery_session_id = (SELECT id FROM runs WHERE name = 'all');

-- Files by latest path; x.sh's two rows of commit 21 are one change.
SELECT results_eq($$SELECT file_path, total_changes, max_lines_changed, file_extension, file_category, change_category
                      FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', 1, 60, 'md', 'docs', 'large'), ('lib/dec.py', 7, 50, 'py', 'source', 'medium'),
                           ('src/inc.py', 7, 20, 'py', 'source', 'small'), ('src/vol.py', 4, 100, 'py', 'source', 'medium'),
                           ('tools/x.sh', 2, 307, 'sh', 'source', 'massive')$$,
                  'Check that total changes, max lines, extension, category and change category are as computed');

/*
 * avg_lines_per_change: inc (20+2+10+5+4+3+10)/7 = 54/7 (small < 10); dec (50+8+8+8+6+6+4)/7 = 90/7 (medium);
 * vol 103/4 = 25.75 (medium); readme 60 (large); x.sh (300 + 307)/2 = 303.5 (massive >= 200).
 */
SELECT ok(abs(avg_lines_per_change - 54.0 / 7) < 1e-12, 'Check that inc.py averages 54/7 lines') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(avg_lines_per_change - 90.0 / 7) < 1e-12, 'Check that dec.py averages 90/7 lines') FROM m WHERE file_path = 'lib/dec.py';
SELECT is(avg_lines_per_change, 25.75::double precision, 'Check that vol.py averages 25.75 lines') FROM m WHERE file_path = 'src/vol.py';
SELECT is(avg_lines_per_change, 303.5::double precision, 'Check that x.sh averages (300 + 307)/2: the two rows of one commit add up')
  FROM m WHERE file_path = 'tools/x.sh';

-- first/last change and lifespan in fractional days: inc 2024-09-30 04:30 .. 2024-12-31 12:00 = 92.3125 d;
-- dec 2023-11-27 12:00 .. 2024-03-31 13:30 = 125.0625 d; vol 275 d; readme 0; x.sh 7.
SELECT results_eq($$SELECT file_path, first_change_date, last_change_date, lifespan_days FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', '2024-12-21 12:00Z'::timestamptz, '2024-12-21 12:00Z'::timestamptz, 0::float8),
                           ('lib/dec.py', '2023-11-27 12:00Z', '2024-03-31 13:30Z', 125.0625),
                           ('src/inc.py', '2024-09-30 04:30Z', '2024-12-31 12:00Z', 92.3125),
                           ('src/vol.py', '2024-02-29 20:00Z', '2024-11-30 20:00Z', 275),
                           ('tools/x.sh', '2024-07-01 12:00Z', '2024-07-08 12:00Z', 7)$$,
                  'Check that first and last change dates and the lifespan in days are as computed');

/*
 * change_frequency = total / max(1, weeks from the first change to E):
 *   inc 7 / (92.3125/7) = 49/92.3125 = 0.5308056872037915; dec 7 / (400/7) = 49/400; vol: E - first = 305 d 16 h
 *   -> 4 / (305.6667/7) = 84/917; readme 1 / (10/7) = 0.7; x.sh 2 / (183/7) = 14/183.
 */
SELECT ok(abs(change_frequency - 49 / 92.3125) < 1e-12, 'Check that inc.py''s frequency is 7 changes / 13.1875 weeks') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(change_frequency - 49.0 / 400) < 1e-12, 'Check that dec.py''s frequency is 7 / (400/7)') FROM m WHERE file_path = 'lib/dec.py';
SELECT ok(abs(change_frequency - 84.0 / 917) < 1e-12, 'Check that vol.py''s frequency is 84/917') FROM m WHERE file_path = 'src/vol.py';
SELECT ok(abs(change_frequency - 0.7) < 1e-12, 'Check that the frequency runs to the end of the span, not to the last change (readme 0.7)')
  FROM m WHERE file_path = 'docs/readme.md';
SELECT ok(abs(change_frequency - 14.0 / 183) < 1e-12, 'Check that x.sh''s frequency is 14/183') FROM m WHERE file_path = 'tools/x.sh';

/*
 * volatility_score = population CV of sizes: inc 0.7549561892829447; dec 1.184258897286598;
 * vol: mean 25.75, sd 99 sqrt(3)/4 -> 1.6647866985370763; x.sh: sd 3.5 / 303.5 = 0.011532125205930808; readme (1 change) 0.
 */
SELECT ok(abs(volatility_score - 0.7549561892829447) < 1e-12, 'Check that inc.py''s volatility is the CV of its sizes') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(volatility_score - 1.184258897286598) < 1e-12, 'Check that dec.py''s volatility is the CV of its sizes') FROM m WHERE file_path = 'lib/dec.py';
SELECT ok(abs(volatility_score - 1.6647866985370763) < 1e-12, 'Check that vol.py''s volatility is the CV of 1, 1, 1, 100') FROM m WHERE file_path = 'src/vol.py';
SELECT ok(abs(volatility_score - 3.5 / 303.5) < 1e-12, 'Check that x.sh''s volatility is 3.5/303.5') FROM m WHERE file_path = 'tools/x.sh';
SELECT is(volatility_score, 0::double precision, 'Check that one change has volatility 0') FROM m WHERE file_path = 'docs/readme.md';

/*
 * stability_score = 1 - ISO weeks with a change / ISO weeks from the first change to E's week (Dec 30):
 *   inc: weeks of Sep 30, Oct 28, Nov 25 (Fri 29 and Sat 30), Dec 23 (Sat 28, Sun 29), Dec 30 = 5 of 14 -> 9/14;
 *   dec: Nov 27 2023, Jan 22 (Sun 28), Jan 29 (Mon 29, Tue 30), Feb 26 (Thu 29, Fri Mar 1), Mar 25 = 5 of 58 -> 53/58;
 *   vol: 4 of 45 (Feb 26 .. Dec 30) -> 41/45; readme: 1 of 3 (Dec 16 .. Dec 30) -> 2/3; x.sh: 2 of 27 -> 25/27.
 */
SELECT results_eq($$SELECT file_path, round(stability_score::numeric, 12) FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', round(2 / 3.0, 12)), ('lib/dec.py', round(53 / 58.0, 12)), ('src/inc.py', round(9 / 14.0, 12)),
                           ('src/vol.py', round(41 / 45.0, 12)), ('tools/x.sh', round(25 / 27.0, 12))$$,
                  'Check that stability counts ISO weeks from the first change to the end of the span');

/*
 * trend_coefficient: a change at t is in period 11 - floor((E - t)/P); periods ending before the first change are left out.
 *   inc: first change in period 8 -> periods 8..11 (m 4), counts 1, 1, 2, 3 (the rename in 9, its old path's add in 8);
 *        mean 7/4, slope = sum (x - 9.5)(y - 1.75) / sum (x - 9.5)^2 = 3.5 / 5 = 0.7 -> 0.7 * 3 / 1.75 = 1.2;
 *        7 changes in the window and 1.2 > 0.5 -> increasing.
 *   dec: first change 400 d before E, outside the window: all 12 periods, counts 3, 2, 1, 0 x 9 (6 in the window);
 *        mean 0.5, slope = (3(-5.5) + 2(-4.5) + 1(-3.5)) / 143 = -29/143 -> -29/143 * 11 / 0.5 = -58/13 -> decreasing.
 *   vol: first change 305.67 d before E (period 1): periods 1..11, counts in 1, 5, 8, 10; slope
 *        ((1-6) + (5-6) + (8-6) + (10-6)) / 110 = 0 -> 0; 4 changes < 5, volatility 1.66 > 1.5 -> volatile.
 *   readme: only period 11 (m 1 < 3) -> 0, stable.
 *   x.sh: periods 5..11 (183 d / P = 6.01), counts 1, 1, 0, 0, 0, 0, 0: mean 2/7, slope -5/28 ->
 *        -5/28 * 6 / (2/7) = -3.75, but only 2 changes in the window and volatility 0.0115 -> stable.
 */
SELECT ok(abs(trend_coefficient - 1.2) < 1e-9, 'Check that inc.py''s trend coefficient is 0.7 * 3 / 1.75 = 1.2') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(trend_coefficient - (-58.0 / 13)) < 1e-9, 'Check that dec.py''s trend coefficient is -58/13 over 12 periods') FROM m WHERE file_path = 'lib/dec.py';
SELECT ok(abs(trend_coefficient) < 1e-9, 'Check that vol.py''s trend coefficient is 0 over periods 1..11') FROM m WHERE file_path = 'src/vol.py';
SELECT is(trend_coefficient, 0::double precision, 'Check that a file with m < 3 periods has trend coefficient 0') FROM m WHERE file_path = 'docs/readme.md';
SELECT ok(abs(trend_coefficient - (-3.75)) < 1e-9, 'Check that x.sh''s trend coefficient is -3.75 over periods 5..11') FROM m WHERE file_path = 'tools/x.sh';
SELECT results_eq($$SELECT file_path, change_trend FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', 'stable'), ('lib/dec.py', 'decreasing'), ('src/inc.py', 'increasing'),
                           ('src/vol.py', 'volatile'), ('tools/x.sh', 'stable')$$,
                  'Check that change_trend needs >= 5 changes in the window for a direction, then volatility > 1.5');

/*
 * contributor_diversity_score = 1 - sum of squared author shares: inc ann 5, bob 2 -> 1 - 29/49 = 20/49;
 * vol dan 3, ann 1 -> 1 - 10/16 = 3/8; the others one author -> 0.
 */
SELECT ok(abs(contributor_diversity_score - 20.0 / 49) < 1e-12, 'Check that inc.py''s diversity is 20/49') FROM m WHERE file_path = 'src/inc.py';
SELECT is(contributor_diversity_score, 0.375::double precision, 'Check that vol.py''s diversity is 3/8') FROM m WHERE file_path = 'src/vol.py';
SELECT is((SELECT count(*) FROM m WHERE file_path IN ('lib/dec.py', 'docs/readme.md', 'tools/x.sh') AND contributor_diversity_score = 0), 3::bigint,
          'Check that one-author files have diversity 0');

/*
 * hotspot = sqrt(percent_rank(total) * percent_rank(size)), 5 files, percent_rank = (rank - 1)/4:
 *   totals readme 1, x.sh 2, vol 4, inc 7, dec 7 -> 0, .25, .5, .75, .75 (ties share a rank);
 *   size = max(0, net lines over the whole history): x.sh 300 - 300 + 7 = 7, inc 20+0+0+5+0+3+10 = 38,
 *   dec 50, readme 60, vol 103 -> 0, .25, .5, .75, 1.
 *   inc sqrt(.75*.25) = 0.4330127018922193; dec sqrt(.75*.5) = 0.6123724356957945; vol sqrt(.5) = 0.7071067811865476;
 *   readme 0; x.sh 0.
 */
SELECT ok(abs(hotspot_score - 0.4330127018922193) < 1e-12, 'Check that inc.py''s hotspot is sqrt(0.75 * 0.25)') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(hotspot_score - 0.6123724356957945) < 1e-12, 'Check that dec.py''s hotspot is sqrt(0.75 * 0.5) (tied totals share a rank)') FROM m WHERE file_path = 'lib/dec.py';
SELECT ok(abs(hotspot_score - 0.7071067811865476) < 1e-12, 'Check that vol.py''s hotspot is sqrt(0.5 * 1)') FROM m WHERE file_path = 'src/vol.py';
SELECT is((SELECT array_agg(hotspot_score ORDER BY file_path COLLATE "C") FROM m WHERE file_path IN ('docs/readme.md', 'tools/x.sh')),
          ARRAY[0, 0]::double precision[], 'Check that the lowest rank on either side gives hotspot 0');

/*
 * anomaly_score: the 21 (commit, file) sizes sorted: 1 1 1 2 3 4 4 5 6 6 8 8 8 10 10 20 50 60 100 300 307;
 * percentile_cont(0.95) at position 0.95 * 20 = 19: 300. Strictly larger: only x.sh's 307 -> x.sh 1/2, all others 0
 * (x.sh's 300 is not strictly larger).
 */
SELECT results_eq($$SELECT file_path, anomaly_score FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', 0::float8), ('lib/dec.py', 0::float8), ('src/inc.py', 0::float8),
                           ('src/vol.py', 0::float8), ('tools/x.sh', 0.5::float8)$$,
                  'Check that anomaly counts changes strictly above the 95th percentile (300) of all change sizes');

/*
 * risk r = 0.35 hotspot + 0.25 anomaly + 0.20 (1 - stability) + 0.20 diversity:
 *   inc .35 * .4330127 + 0 + .2 * 5/14 + .2 * 20/49 = 0.30461567015207264 -> medium (>= 0.30);
 *   vol .35 * .7071068 + 0 + .2 * 4/45 + .2 * .375 = 0.34026515119306944 -> medium;
 *   dec .35 * .6123724 + .2 * 5/58 = 0.2315717318038729 -> low; readme .2 * 1/3 -> low;
 *   x.sh .25 * .5 + .2 * 2/27 = 0.1398148148148148 -> low.
 */
SELECT ok(abs(risk_score - 0.30461567015207264) < 1e-12 AND risk_level = 'medium', 'Check that inc.py''s risk is 0.30462, medium') FROM m WHERE file_path = 'src/inc.py';
SELECT ok(abs(risk_score - 0.34026515119306944) < 1e-12 AND risk_level = 'medium', 'Check that vol.py''s risk is 0.34027, medium') FROM m WHERE file_path = 'src/vol.py';
SELECT ok(abs(risk_score - 0.2315717318038729) < 1e-12 AND risk_level = 'low', 'Check that dec.py''s risk is 0.23157, low') FROM m WHERE file_path = 'lib/dec.py';
SELECT ok(abs(risk_score - 0.2 / 3) < 1e-12 AND risk_level = 'low', 'Check that readme''s risk is 0.2/3, low') FROM m WHERE file_path = 'docs/readme.md';
SELECT ok(abs(risk_score - 0.1398148148148148) < 1e-12 AND risk_level = 'low', 'Check that x.sh''s risk is 0.13981, low') FROM m WHERE file_path = 'tools/x.sh';

-- change_type_distribution: inc A 1 (as inc_old.py), R 1, M 5; x.sh A 2, D 1 (both letters of commit 21 count).
SELECT results_eq($$SELECT file_path, change_type_distribution FROM m ORDER BY file_path COLLATE "C"$$,
                  $$VALUES ('docs/readme.md', '{"M": 1}'::jsonb), ('lib/dec.py', '{"A": 1, "M": 6}'::jsonb),
                           ('src/inc.py', '{"A": 1, "R": 1, "M": 5}'::jsonb), ('src/vol.py', '{"M": 4}'::jsonb),
                           ('tools/x.sh', '{"A": 2, "D": 1}'::jsonb)$$,
                  'Check that status letters are counted, both letters of a two-row change included');

/*
 * seasonal_patterns (DJF, MAM, JJA, SON) in LOCAL time: vol Mar 1 (local; UTC Feb 29), Jun, Sep, Dec 1 (local;
 * UTC Nov 30) -> 1/4 each (in UTC it would be 1/4, 0, 1/4, 1/2); inc Sep 30, Oct 30, Nov 30, Nov 29 -> SON 4/7,
 * Dec 31, 29, 28 -> DJF 3/7; dec Nov 27 SON, Jan 28-30 and Feb 29 DJF, Mar 1 and 31 MAM -> 4/7, 2/7, 0, 1/7.
 */
SELECT is(seasonal_patterns, ARRAY[0.25, 0.25, 0.25, 0.25]::double precision[], 'Check that vol.py''s seasons use local time')
  FROM m WHERE file_path = 'src/vol.py';
SELECT is(seasonal_patterns, ARRAY[3 / 7.0, 0, 0, 4 / 7.0]::double precision[], 'Check that inc.py''s seasonal shares are 3/7 DJF, 4/7 SON') FROM m WHERE file_path = 'src/inc.py';
SELECT is(seasonal_patterns, ARRAY[4 / 7.0, 2 / 7.0, 0, 1 / 7.0]::double precision[], 'Check that dec.py''s seasonal shares are 4/7, 2/7, 0, 1/7') FROM m WHERE file_path = 'lib/dec.py';
SELECT is(seasonal_patterns, ARRAY[0, 0, 1, 0]::double precision[], 'Check that x.sh''s changes are all in JJA') FROM m WHERE file_path = 'tools/x.sh';

SELECT is((SELECT count(*) FROM m WHERE file_path = 'src/inc_old.py'), 0::bigint, 'Check that a renamed file is reported by its latest path only');
SELECT is((SELECT (magnitude_patterns, total_files_analyzed, total_commits_analyzed)::text FROM patterns.pattern_discovery_sessions
            WHERE id = (SELECT id FROM runs WHERE name = 'all')), '(5,5,21)', 'Check that the session counts 5 files and 21 commits');

/*
 * A window since 2024-01-01 drops dec.py's first change (E - 400 d): dec.py has 6 changes, but its size is still
 * the net lines of its whole history (50). Totals: readme 1, x.sh 2, vol 4, dec 6, inc 7 -> dec .75;
 * sizes x.sh 7, inc 38, dec 50, readme 60, vol 103 -> dec .5: hotspot sqrt(.375). (With T's lines only, dec's
 * net would be 0, the lowest, and its hotspot 0.) inc's total rank is now 1: sqrt(1 * .25) = .5.
 * dec: first change 2024-01-28 16:30 (period 0 ends 2024-01-31 ~, kept): 12 periods, counts 3, 2, 1 -> -58/13 still;
 * frequency 6 / ((E - Jan 28 16:30)/7 d) = 6 / (337 d 19.5 h / 7 d) = 42 / 337.8125.
 */
INSERT INTO runs SELECT 'since', patterns.discover_patterns('mag', ARRAY['magnitude'], p_since => '2024-01-01Z');
SELECT ok(total_changes = 6 AND abs(hotspot_score - sqrt(0.375)) < 1e-12, 'Check that the size for hotspots is the whole history''s, inside T or not')
  FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'since') AND file_path = 'lib/dec.py';
SELECT ok(abs(hotspot_score - 0.5) < 1e-12, 'Check that percent ranks are among the files of the run')
  FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'since') AND file_path = 'src/inc.py';
SELECT ok(abs(trend_coefficient - (-58.0 / 13)) < 1e-9 AND abs(change_frequency - 42 / 337.8125) < 1e-12
          AND first_change_date = '2024-01-28 16:30Z',
          'Check that in the window dec.py starts at its first change in T')
  FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'since') AND file_path = 'lib/dec.py';

/*
 * A window until 2024-12-01 ends the span at vol's Dec 1 (local) change, UTC 2024-11-30 20:00 = E'.
 * inc.py then has its changes of Sep 30, Oct 30, Nov 29 01:30, Nov 30 01:30: E' - Sep 30 04:30 = 61.6458 d,
 * stability: weeks Sep 30, Oct 28, Nov 25 of Sep 30 .. Nov 25 (9 weeks) -> 1 - 3/9 = 2/3.
 * Periods: (E' - t)/P = 2.0253 (period 9), 1.0253 (10), 0.0582 (11), 0.0253 (11); first change in period 9, m = 3:
 * counts 1, 1, 2 over 9, 10, 11: slope 0.5, mean 4/3 -> 0.5 * 2 / (4/3) = 0.75; only 4 changes: not increasing.
 */
INSERT INTO runs SELECT 'until', patterns.discover_patterns('mag', ARRAY['magnitude'], p_until => '2024-12-01Z');
SELECT ok(total_changes = 4 AND abs(stability_score - 2 / 3.0) < 1e-12 AND abs(trend_coefficient - 0.75) < 1e-9 AND change_trend = 'stable',
          'Check that the end of the span is the latest commit in T: inc.py stability 2/3, trend 0.75, stable with 4 changes')
  FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'until') AND file_path = 'src/inc.py';

/*
 * Section 4: "size = max(0, sum of added - deleted over all of the file's ingested non-merge history, inside T or not)".
 * Project mag_merge: p.c +1, +1 (2 changes, net 2); q.c +5 (1 change, net 5); r.c +1 x3 (3 changes, net 3); and a
 * merge commit holding a row for p.c with +10 (git log without -m never stores such a row, but the tables allow it).
 * Totals q 1, p 2, r 3 -> percent ranks 0, .5, 1. Non-merge net sizes p 2, r 3, q 5 -> 0, .5, 1.
 * hotspot: p sqrt(.5 * 0) = 0, q sqrt(0 * 1) = 0, r sqrt(1 * .5) = 0.7071067811865476.
 * (Counting the merge row, p's size would be 12, the largest: p sqrt(.5), r 0.)
 */
INSERT INTO core.projects (name) VALUES ('mag_merge');
INSERT INTO git.commits (project_id, sha, parent_shas, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, lpad(to_hex(100 + x.n), 40, '0'), x.parents, 'ann', 'ann@x', x.at, 0, 'ann', 'ann@x', x.at, 'm', x.n
  FROM core.projects p, (VALUES
    (1, '2024-05-01 10:00Z'::timestamptz, '{}'::text[]), (2, '2024-05-02 10:00Z', '{}'), (3, '2024-05-03 10:00Z', '{}'),
    (4, '2024-05-04 10:00Z', '{}'), (5, '2024-05-05 10:00Z', '{}'), (6, '2024-05-06 10:00Z', '{}'),
    (7, '2024-05-07 10:00Z', ARRAY[repeat('1', 40), repeat('2', 40)])) x(n, at, parents)
 WHERE p.name = 'mag_merge';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted, old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, 1, 'M', x.path, x.added, 0, 33188, 33188, x.path
  FROM (VALUES (1, 'p.c', 1), (2, 'p.c', 1), (3, 'q.c', 5), (4, 'r.c', 1), (5, 'r.c', 1), (6, 'r.c', 1), (7, 'p.c', 10)) x(n, path, added)
  JOIN git.commits c ON c.sha = lpad(to_hex(100 + x.n), 40, '0');
INSERT INTO runs SELECT 'merge', patterns.discover_patterns('mag_merge', ARRAY['magnitude']);
SELECT is((SELECT total_changes FROM patterns.change_magnitude_patterns
            WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'merge') AND file_path = 'p.c'), 2,
          'Check that the merge commit''s row is no change of p.c in T');
SELECT results_eq($$SELECT file_path, round(hotspot_score::numeric, 12) FROM patterns.change_magnitude_patterns
                     WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'merge') ORDER BY file_path$$,
                  $$VALUES ('p.c', 0::numeric), ('q.c', 0), ('r.c', round(sqrt(0.5)::numeric, 12))$$,
                  'Check that the hotspot size leaves out the rows of merge commits');

SELECT * FROM finish();
ROLLBACK;
