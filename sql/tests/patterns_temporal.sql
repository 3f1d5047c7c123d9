-- Temporal patterns (spec section 2) on 30 hand-placed commits by authors in four time zones.
BEGIN;
SELECT plan(45);

INSERT INTO core.projects (name) VALUES ('tz');
-- (email, UTC offset in minutes, LOCAL authored time). authored_at = local - offset.
CREATE TEMP TABLE h (i int, email text, off int, local timestamp);
INSERT INTO h
SELECT v.i, v.email, v.off, v.local::timestamp FROM (VALUES
  -- ann, UTC-8. a1 is local Wed 2024-01-31 19:00 = UTC Thu 2024-02-01 03:00: the first commit of the span
  ( 1, 'ann@x', -480, '2024-01-31 19:00'), ( 2, 'ann@x', -480, '2024-02-05 10:00'), ( 3, 'ann@x', -480, '2024-02-06 11:00'),
  ( 4, 'ann@x', -480, '2024-02-13 11:00'), ( 5, 'ann@x', -480, '2024-02-20 14:00'), ( 6, 'ann@x', -480, '2024-03-05 10:00'),
  ( 7, 'ann@x', -480, '2024-03-12 10:00'), ( 8, 'ann@x', -480, '2024-03-19 16:00'), ( 9, 'ann@x', -480, '2024-03-26 10:00'),
  (10, 'ann@x', -480, '2024-03-29 23:30'),
  -- raj, UTC+5:30. r4 is local Fri 2024-03-01 02:00 = UTC Thu 2024-02-29 20:30
  (11, 'raj@x', 330, '2024-02-01 10:00'), (12, 'raj@x', 330, '2024-02-08 10:00'), (13, 'raj@x', 330, '2024-02-15 11:00'),
  (14, 'raj@x', 330, '2024-03-01 02:00'), (15, 'raj@x', 330, '2024-03-07 10:00'), (16, 'raj@x', 330, '2024-03-14 11:00'),
  (17, 'raj@x', 330, '2024-03-21 11:00'), (18, 'raj@x', 330, '2024-03-30 10:00'),
  -- kim, UTC+14 (one commit under Kim@X: the same author). k8 is local Mon 2024-04-01 09:00 =
  -- UTC Sun 2024-03-31 19:00: the last commit of the span
  (19, 'kim@x', 840, '2024-02-02 09:00'), (20, 'Kim@X', 840, '2024-02-29 09:00'), (21, 'kim@x', 840, '2024-03-02 09:00'),
  (22, 'kim@x', 840, '2024-03-09 09:00'), (23, 'kim@x', 840, '2024-03-16 09:00'), (24, 'kim@x', 840, '2024-03-23 09:00'),
  (25, 'kim@x', 840, '2024-03-30 09:00'), (26, 'kim@x', 840, '2024-04-01 09:00'),
  -- bob, UTC
  (27, 'bob@x', 0, '2024-02-10 12:00'), (28, 'bob@x', 0, '2024-03-10 12:00'), (29, 'bob@x', 0, '2024-03-20 12:00'),
  (30, 'bob@x', 0, '2024-03-31 12:00')
) v(i, email, off, local);

INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, lpad(to_hex(h.i), 40, '0'), split_part(h.email, '@', 1), h.email,
       (h.local - make_interval(mins => h.off)) AT TIME ZONE 'UTC', h.off, 'c', 'c@x',
       (h.local - make_interval(mins => h.off)) AT TIME ZONE 'UTC', 'commit ' || h.i, h.i
  FROM h, core.projects p WHERE p.name = 'tz';
-- Files: ann's commits change common.c; commit i changes f(i-1 mod 11) too:
-- common.c 10, f00..f07 3 each, f08..f10 2 each.
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, x.no, 'M', x.path, 1, 0, 33188, 33188, x.path
  FROM h JOIN git.commits c ON c.sha = lpad(to_hex(h.i), 40, '0')
  CROSS JOIN LATERAL (SELECT 1, 'f' || lpad(((h.i - 1) % 11)::text, 2, '0')
                      UNION ALL SELECT 2, 'common.c' WHERE h.email = 'ann@x') x(no, path);

CREATE TEMP TABLE runs (name text, id uuid);
INSERT INTO runs SELECT 'all', patterns.discover_patterns('tz', ARRAY['temporal']);
CREATE TEMP VIEW tp AS
SELECT t.* FROM patterns.temporal_patterns t WHERE t.discovery_session_id = (SELECT id FROM runs WHERE name = 'all');

SELECT is((SELECT array_agg(pattern_type ORDER BY pattern_type) FROM tp),
          ARRAY['daily', 'hourly', 'monthly', 'seasonal', 'weekly'], 'Check that all five types are stored with n = 30');

/*
 * hourly, LOCAL hours (UTC hours would scatter them): 02 r4; 09 kim x8; 10 a2 a6 a7 a9 r1 r2 r5 r8 = 8;
 * 11 a3 a4 r3 r6 r7 = 5; 12 bob x4; 14 a5; 16 a8; 19 a1; 23 a10.  n 30, E = 30/24 = 1.25, k 24, df 23.
 * chi2 = sum O^2 / E - n = (1 + 64 + 64 + 25 + 16 + 1 + 1 + 1 + 1) / 1.25 - 30 = 174/1.25 - 30 = 109.2.
 * p = Q(11.5, 54.6) = erfc(sqrt(54.6)) + sqrt(2*109.2/pi) e^-54.6 sum_{j=1..11} 109.2^(j-1)/(1*3*..*(2j-1))
 *   = 3.4918348506297736e-13; significance 12.456946304816487.
 * V = sqrt(109.2 / (30*23)) = 0.3978201472590565.
 * Peaks: O > 1.25 + 2 sqrt(1.25) = 3.486: hours 9 (8), 10 (8, tie: lower index first), 11 (5), 12 (4).
 */
SELECT is(commit_distribution, ARRAY[0,0,1,0,0,0,0,0,0,8,8,5,4,0,1,0,1,0,0,1,0,0,0,1],
          'Check that the hourly distribution counts local hours') FROM tp WHERE pattern_type = 'hourly';
SELECT is(period_labels, ARRAY['00','01','02','03','04','05','06','07','08','09','10','11','12','13','14','15','16','17','18','19','20','21','22','23'],
          'Check that the hourly labels are 00..23') FROM tp WHERE pattern_type = 'hourly';
SELECT ok(abs(chi_square_statistic - 109.2) < 1e-9 AND degrees_of_freedom = 23,
          'Check that hourly chi-square is 109.2 with 23 degrees of freedom') FROM tp WHERE pattern_type = 'hourly';
SELECT ok(abs(p_value - 3.4918348506297736e-13) < 1e-9 * 3.4918348506297736e-13,
          'Check that the hourly p-value is 3.49183485e-13') FROM tp WHERE pattern_type = 'hourly';
SELECT ok(abs(statistical_significance - 12.456946304816487) < 1e-9, 'Check that the hourly significance is 12.4569463')
  FROM tp WHERE pattern_type = 'hourly';
SELECT ok(abs(pattern_strength - 0.3978201472590565) < 1e-12, 'Check that the hourly strength is Cramer''s V 0.39782')
  FROM tp WHERE pattern_type = 'hourly';
SELECT is(peak_periods, ARRAY[9, 10, 11, 12], 'Check that hourly peaks are 9, 10, 11, 12: descending O, ties by lower index')
  FROM tp WHERE pattern_type = 'hourly';

/*
 * daily, LOCAL ISO weekday: Mon a2 k8 = 2; Tue a3..a9 = 7; Wed a1 b3 = 2; Thu r1 r2 r3 r5 r6 r7 k2 = 7;
 * Fri a10 r4 k1 = 3; Sat b1 r8 k3..k7 = 7; Sun b2 b4 = 2.  E = 30/7, df 6.
 * chi2 = (4+49+4+49+9+49+4) * 7/30 - 30 = 9.2; p = e^-4.6 (1 + 4.6 + 4.6^2/2) = 0.1626387023481714;
 * significance 0.7887760994787048; V = sqrt(9.2/180) = 0.2260776661041756;
 * peak threshold 30/7 + 2 sqrt(30/7) = 8.43: none.
 */
SELECT is(commit_distribution, ARRAY[2, 7, 2, 7, 3, 7, 2], 'Check that the daily distribution counts local weekdays, Monday first')
  FROM tp WHERE pattern_type = 'daily';
SELECT is(period_labels, ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'], 'Check that the daily labels are Mon..Sun') FROM tp WHERE pattern_type = 'daily';
SELECT ok(abs(chi_square_statistic - 9.2) < 1e-9 AND degrees_of_freedom = 6, 'Check that daily chi-square is 9.2 with 6 degrees of freedom')
  FROM tp WHERE pattern_type = 'daily';
SELECT ok(abs(p_value - 0.1626387023481714) < 1e-12 AND abs(statistical_significance - 0.7887760994787048) < 1e-9,
          'Check that the daily p-value is e^-4.6 (1 + 4.6 + 4.6^2/2)') FROM tp WHERE pattern_type = 'daily';
SELECT ok(abs(pattern_strength - 0.2260776661041756) < 1e-12, 'Check that the daily strength is sqrt(9.2/180)') FROM tp WHERE pattern_type = 'daily';
SELECT is(peak_periods, '{}'::int[], 'Check that no weekday is a peak') FROM tp WHERE pattern_type = 'daily';

/*
 * The span: UTC 2024-02-01 03:00 (a1) to 2024-03-31 19:00 (k8): 60 UTC calendar days, Feb 1 .. Mar 31.
 * weekly, week of month (day-1)/7+1 of the LOCAL date; days d: W1 (1-7) 7+7 = 14, W2 14, W3 14, W4 14,
 *   W5 (29-31) Feb 29 + Mar 29..31 = 4; E = 30 d/60 = 7, 7, 7, 7, 2.
 *   O: W1 a2 a3 a6 r1 r4 r5 k1 k3 k8 = 9; W2 a4 a7 r2 r6 k4 b1 b2 = 7; W3 a5 a8 r3 r7 k5 b3 = 6;
 *   W4 a9 k6 = 2; W5 a1 a10 r8 k2 k7 b4 = 6.
 *   chi2 = 4/7 + 0 + 1/7 + 25/7 + 16/2 = 30/7 + 8 = 86/7 = 12.285714285714286, df 4;
 *   p = e^-(43/7) (1 + 43/7) = 0.015348396292212308; significance 1.813936995941071;
 *   V = sqrt((86/7)/(30*4)) = 0.3199702367110922; peaks: W5, 6 > 2 + 2 sqrt 2 = 4.83 (W1 needs > 12.29).
 */
SELECT is(commit_distribution, ARRAY[9, 7, 6, 2, 6], 'Check that the weekly distribution counts local weeks of the month')
  FROM tp WHERE pattern_type = 'weekly';
SELECT ok(abs(chi_square_statistic - 86.0 / 7) < 1e-9 AND degrees_of_freedom = 4,
          'Check that weekly chi-square is 86/7 against the exposure 14,14,14,14,4 days') FROM tp WHERE pattern_type = 'weekly';
SELECT ok(abs(p_value - 0.015348396292212308) < 1e-12 AND abs(statistical_significance - 1.813936995941071) < 1e-9,
          'Check that the weekly p-value is e^-(43/7) (1 + 43/7)') FROM tp WHERE pattern_type = 'weekly';
SELECT ok(abs(pattern_strength - 0.3199702367110922) < 1e-12, 'Check that the weekly strength is sqrt((86/7)/120)') FROM tp WHERE pattern_type = 'weekly';
SELECT is(peak_periods, ARRAY[4], 'Check that W5 (index 4) is the weekly peak: its expectation is only 2') FROM tp WHERE pattern_type = 'weekly';

/*
 * monthly, LOCAL month: Jan a1 = 1; Feb a2..a5 r1 r2 r3 k1 k2 b1 = 10; Mar 18 (r4 is local March,
 * UTC February); Apr k8 = 1 (local April, UTC March 31).  Days: Feb 29, Mar 31, every other month 0:
 * Jan and Apr are left out of the statistic and of k (k = 2, df 1) but n stays 30:
 *   E = 30*29/60 = 14.5 and 15.5; chi2 = 4.5^2/14.5 + 2.5^2/15.5 = 1.799777530589544;
 *   p = erfc(sqrt(chi2/2)) = 0.17973939267267694; V = sqrt(chi2/30) = 0.24493383668449079; no peak.
 */
SELECT is(commit_distribution, ARRAY[1, 10, 18, 1, 0, 0, 0, 0, 0, 0, 0, 0], 'Check that the monthly distribution counts local months')
  FROM tp WHERE pattern_type = 'monthly';
SELECT is(period_labels, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'], 'Check that the monthly labels are Jan..Dec')
  FROM tp WHERE pattern_type = 'monthly';
SELECT ok(abs(chi_square_statistic - 1.799777530589544) < 1e-9 AND degrees_of_freedom = 1,
          'Check that monthly chi-square leaves out the months without days but keeps n = 30') FROM tp WHERE pattern_type = 'monthly';
SELECT ok(abs(p_value - 0.17973939267267694) < 1e-6 * 0.17973939267267694, 'Check that the monthly p-value is erfc(sqrt(1.7998/2))')
  FROM tp WHERE pattern_type = 'monthly';
SELECT ok(abs(pattern_strength - 0.24493383668449079) < 1e-12, 'Check that the monthly strength is sqrt(1.7998/30)') FROM tp WHERE pattern_type = 'monthly';
SELECT is(peak_periods, '{}'::int[], 'Check that no month is a peak (Jan and Apr have no days)') FROM tp WHERE pattern_type = 'monthly';

/*
 * seasonal: DJF = Jan 1 + Feb 10 = 11 (days 29); MAM = Mar 18 + Apr 1 = 19 (days 31); JJA, SON 0 days.
 *   chi2 = 3.5^2/14.5 + 3.5^2/15.5 = 1.6351501668520578, df 1; p = 0.20099218538841507;
 *   V = 0.2334630710877745.
 */
SELECT is(commit_distribution, ARRAY[11, 19, 0, 0], 'Check that the seasonal distribution is DJF 11, MAM 19') FROM tp WHERE pattern_type = 'seasonal';
SELECT is(period_labels, ARRAY['DJF','MAM','JJA','SON'], 'Check that the seasonal labels are DJF, MAM, JJA, SON') FROM tp WHERE pattern_type = 'seasonal';
SELECT ok(abs(chi_square_statistic - 1.6351501668520578) < 1e-9 AND degrees_of_freedom = 1
          AND abs(p_value - 0.20099218538841507) < 1e-6 * 0.20099218538841507 AND abs(pattern_strength - 0.2334630710877745) < 1e-12,
          'Check that seasonal chi-square is 1.63515 with 1 degree of freedom, p 0.200992, V 0.233463') FROM tp WHERE pattern_type = 'seasonal';

-- Contributors: ann 10, kim 8 (Kim@X is kim@x), raj 8 (tie with kim: by email), bob 4.
SELECT is(contributing_authors, ARRAY['ann@x', 'kim@x', 'raj@x', 'bob@x'],
          'Check that contributing authors are by commits, ties by email, emails lower-cased') FROM tp WHERE pattern_type = 'hourly';
-- Files: common.c 10, then f00..f07 with 3 each, then f08 (2, first of f08..f10 by path): 10 files.
SELECT is(contributing_files, ARRAY['common.c', 'f00', 'f01', 'f02', 'f03', 'f04', 'f05', 'f06', 'f07', 'f08'],
          'Check that contributing files are the 10 most changed, ties by path') FROM tp WHERE pattern_type = 'hourly';
SELECT is((SELECT count(DISTINCT (contributing_authors, contributing_files)) FROM tp), 1::bigint,
          'Check that every type carries the same contributors');
SELECT is(ARRAY[date_range_start, date_range_end], ARRAY['2024-02-01 03:00Z', '2024-03-31 19:00Z']::timestamptz[],
          'Check that the date range is the span of T') FROM tp WHERE pattern_type = 'daily';
SELECT is((SELECT temporal_patterns FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'all')), 5,
          'Check that the session counts 5 temporal patterns');
SELECT is((SELECT pattern_name FROM tp WHERE pattern_type = 'weekly'), 'weekly_pattern', 'Check that the pattern name is generated from the type');

-- Fewer than 30 commits: until the last commit (exclusive) leaves 29: nothing is stored.
INSERT INTO runs SELECT '29', patterns.discover_patterns('tz', ARRAY['temporal'], p_until => '2024-03-31 19:00Z');
SELECT is((SELECT count(*) FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = '29')),
          0::bigint, 'Check that 29 commits store no temporal pattern');
SELECT is((SELECT (total_commits_analyzed, temporal_patterns)::text FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = '29')),
          '(29,0)', 'Check that the session of 29 commits counts 0 temporal patterns');

-- A window is on UTC authored time: [Feb 1, Mar 1) UTC holds a1..a5, r1..r4 (r4 is UTC Feb 29 20:30,
-- local March 1), k1, k2 (UTC Feb 28 19:00) and b1 = 12 commits; k3 (local Mar 2 09:00) is UTC Mar 1 19:00.
INSERT INTO runs SELECT 'feb', patterns.discover_patterns('tz', ARRAY['temporal'], p_since => '2024-02-01Z', p_until => '2024-03-01Z');
SELECT is((SELECT (total_commits_analyzed, temporal_patterns)::text FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'feb')),
          '(12,0)', 'Check that a February window holds 12 commits (r4 by its UTC time) and stores nothing');

-- Every stored type: V = sqrt(chi2 / (n (k-1))), significance = min(99.9999, -log10 p), peaks inside the bins.
SELECT is((SELECT count(*) FROM tp
            WHERE abs(pattern_strength - least(1, sqrt(chi_square_statistic / (30 * degrees_of_freedom)))) > 1e-12
               OR abs(statistical_significance - least(99.9999, -log(p_value))) > 1e-9
               OR (SELECT sum(x) FROM unnest(commit_distribution) x) <> 30), 0::bigint,
          'Check that every type satisfies the identities of section 2');
SELECT is((SELECT count(*) FROM tp WHERE is_active), 0::bigint, 'Check that a later run marks the earlier temporal patterns inactive');
SELECT is((SELECT count(*) FROM tp), 5::bigint, 'Check that a later run never deletes earlier temporal patterns');

/*
 * Project one: 30 commits, one a day at 10:00 UTC (offset 0), 2024-05-01 .. 2024-05-30.
 * monthly and seasonal: only May (MAM) has days: k = 1, so statistic, significance, strength 0, p 1, df 0.
 * weekly: days W1..W4 7 each, W5 2 (29, 30) and commits exactly one a day: O = E, chi2 0, p 1.
 * hourly: all 30 in hour 10: chi2 = 30^2/1.25 - 30 = 690, df 23, p ~ 10^-130.25 -> significance capped
 * at 99.9999; V = sqrt(690/(30*23)) = 1; peak hour 10 only.
 */
INSERT INTO core.projects (name) VALUES ('one');
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, lpad(to_hex(1000 + j), 40, '0'), 'o', 'o@x', timestamptz '2024-05-01 10:00Z' + j * interval '1 day', 0,
       'o', 'o@x', timestamptz '2024-05-01 10:00Z' + j * interval '1 day', 'c', j
  FROM generate_series(0, 29) j, core.projects p WHERE p.name = 'one';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, 1, 'M', 'x', 1, 0, 33188, 33188, 'x'
  FROM git.commits c JOIN core.projects p USING (project_id) WHERE p.name = 'one';
INSERT INTO runs SELECT 'one', patterns.discover_patterns('one', ARRAY['temporal']);
SELECT results_eq($$SELECT pattern_type, chi_square_statistic, degrees_of_freedom, p_value, statistical_significance,
                           pattern_strength, peak_periods
                      FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'one')
                       AND pattern_type IN ('monthly', 'seasonal') ORDER BY pattern_type$$,
                  $$VALUES ('monthly', 0::float8, 0, 1::float8, 0::float8, 0::float8, '{}'::int[]),
                           ('seasonal', 0::float8, 0, 1::float8, 0::float8, 0::float8, '{}'::int[])$$,
                  'Check that k = 1 gives statistic, significance and strength 0, p 1, df 0');
SELECT is((SELECT commit_distribution FROM patterns.temporal_patterns
            WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'one') AND pattern_type = 'monthly'),
          ARRAY[0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0], 'Check that the k = 1 type still stores its distribution');
SELECT ok(abs(chi_square_statistic) < 1e-9 AND degrees_of_freedom = 4 AND abs(p_value - 1) < 1e-12 AND peak_periods = '{}',
          'Check that commits exactly proportional to the days of each week of the month give chi-square 0, p 1')
  FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'one') AND pattern_type = 'weekly';
SELECT ok(abs(chi_square_statistic - 690) < 1e-9 AND statistical_significance = 99.9999 AND abs(pattern_strength - 1) < 1e-12
          AND p_value < 1e-130 AND peak_periods = ARRAY[10],
          'Check that one busy hour gives chi-square 690, significance capped at 99.9999, V 1, peak 10')
  FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'one') AND pattern_type = 'hourly';

-- The session's time zone plays no part: the same run under UTC+14 stores the same numbers.
SET LOCAL TimeZone = 'Pacific/Kiritimati';
INSERT INTO runs SELECT 'kiritimati', patterns.discover_patterns('tz', ARRAY['temporal']);
RESET TimeZone;
SELECT set_eq($$SELECT pattern_type, commit_distribution, chi_square_statistic, degrees_of_freedom, p_value, peak_periods,
                       contributing_authors, contributing_files, date_range_start, date_range_end
                  FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'kiritimati')$$,
              $$SELECT pattern_type, commit_distribution, chi_square_statistic, degrees_of_freedom, p_value, peak_periods,
                       contributing_authors, contributing_files, date_range_start, date_range_end
                  FROM patterns.temporal_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'all')$$,
              'Check that the session time zone does not change the temporal patterns');

SELECT * FROM finish();
ROLLBACK;
