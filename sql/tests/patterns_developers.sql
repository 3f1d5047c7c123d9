-- Developer patterns (spec section 3) for four authors across a year boundary, computed by hand.
BEGIN;
SELECT plan(41);

INSERT INTO core.projects (name) VALUES ('dev');
-- changes: [path, lines added, lines deleted] (NULL lines: binary)
CREATE TEMP TABLE h (sha text, email text, name text, off int, at timestamptz, msg text, changes text[][]);
INSERT INTO h VALUES
  -- ann: four spellings of one email; the latest commit (A4) names her 'Ann B'
  ('a1', 'Ann@Example.com', 'Ann A',    0, '2023-12-27 10:00Z', 'feat: core',
   ARRAY[['src/core.c', '10', '2'], ['src/util.c', '3', '0'], ['tools/gen.py', '1', '1']]),
  ('a2', 'ann@example.com', 'Ann A',  120, '2023-12-29 23:30Z', E'fix: crash\n\nlonger body mentioning feat: nothing',
   ARRAY[['src/core.c', '5', '5'], ['tools/gen.py', '1', '0']]),
  ('a3', 'ann@example.com', 'Ann A',    0, '2023-12-30 12:00Z', 'Fixes #3',
   ARRAY[['src/core.c', '4', '0'], ['logo.png', NULL, NULL], ['tools/gen.py', '0', '1']]),
  ('a4', 'ANN@example.com', 'Ann B',    0, '2024-01-16 12:00Z', 'docs: a',
   ARRAY[['src/core.c', '1', '1'], ['docs/a.md', '1', '0']]),
  -- bob, UTC-5
  ('b1', 'bob@x', 'Bob', -300, '2024-01-03 15:00Z', 'refactor(core): x', ARRAY[['src/core.c', '1', '0'], ['lib/x.c', '5', '0']]),
  ('b2', 'bob@x', 'Bob', -300, '2024-01-06 15:00Z', 'wip', ARRAY[['lib/x.c', '2', '3'], ['lib/y.c', '1', '0']]),
  ('b3', 'bob@x', 'Bob', -300, '2024-01-09 15:00Z', 'bugfix', ARRAY[['lib/x.c', '4', '1'], ['lib/w.c', '1', '0']]),
  -- cat, UTC+14
  ('c1', 'cat@x', 'Cat', 840, '2024-01-09 11:00Z', 'chore: bump',
   ARRAY[['src/core.c', '2', '0'], ['lib/x.c', '1', '1'], ['README.md', '1', '0'], ['lib/y.c', '1', '0'], ['lib/w.c', '1', '0']]),
  ('c2', 'cat@x', 'Cat', 840, '2024-01-17 09:00Z', 'Chore: readme', ARRAY[['README.md', '1', '0']]),
  -- dan: three commits at one moment
  ('d1', 'dan@x', 'Dan', 0, '2024-01-10 09:00Z', 'perf: gen', ARRAY[['tools/gen.py', '2', '0']]),
  ('d2', 'dan@x', 'Dan', 0, '2024-01-10 09:00Z', 'perf: gen', ARRAY[['tools/gen.py', '2', '0']]),
  ('d3', 'dan@x', 'Dan', 0, '2024-01-10 09:00Z', 'perf: gen', ARRAY[['tools/gen.py', '2', '0']]);
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, rpad(h.sha, 40, '0'), h.name, h.email, h.at, h.off, 'c', 'c@x', h.at, h.msg,
       row_number() OVER (ORDER BY h.at, h.sha) - 1
  FROM h, core.projects p WHERE p.name = 'dev';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, i, 'M', h.changes[i][1], h.changes[i][2]::int, h.changes[i][3]::int, 33188, 33188, h.changes[i][1]
  FROM h JOIN git.commits c ON c.sha = rpad(h.sha, 40, '0'), generate_subscripts(h.changes, 1) i;

CREATE TEMP TABLE runs (name text, id uuid);
INSERT INTO runs SELECT 'all', patterns.discover_patterns('dev', ARRAY['developer']);
CREATE TEMP VIEW dp AS
SELECT d.* FROM patterns.developer_patterns d WHERE d.discovery_session_id = (SELECT id FROM runs WHERE name = 'all');

-- Identity by lower-cased email: Ann@Example.com, ann@example.com, ANN@example.com are one author.
SELECT is((SELECT array_agg(author_email || ':' || commit_count ORDER BY author_email) FROM dp),
          ARRAY['ann@example.com:4', 'bob@x:3', 'cat@x:2', 'dan@x:3'], 'Check that authors are identified by lower-cased email');
SELECT is((SELECT author_name FROM dp WHERE author_email = 'ann@example.com'), 'Ann B', 'Check that the name is the latest commit''s');
SELECT is((SELECT developer_hash FROM dp WHERE author_email = 'ann@example.com'), encode(sha256('ann@example.com'::bytea), 'hex'),
          'Check that developer_hash is sha256 of the lower-cased email');

/*
 * change_velocity = commits / max(1, weeks from first to last):
 *   ann: 2023-12-27 10:00 .. 2024-01-16 12:00 = 20 d 2 h = 241/12 days -> 4 / (241/84) = 336/241;
 *   bob: 6 days < 1 week -> 3 / 1 = 3; cat: 7 d 22 h = 190/24 days -> 2 / (190/168) = 168/95; dan: 0 -> 3.
 */
SELECT ok(abs(change_velocity - 336.0 / 241) < 1e-12, 'Check that ann''s velocity is 4 commits / (20 d 2 h / 7 d) = 336/241')
  FROM dp WHERE author_email = 'ann@example.com';
SELECT is(change_velocity, 3::double precision, 'Check that bob''s velocity is 3: a span under a week counts as one week')
  FROM dp WHERE author_email = 'bob@x';
SELECT ok(abs(change_velocity - 168.0 / 95) < 1e-12, 'Check that cat''s velocity is 2 / (7 d 22 h / 7 d) = 168/95')
  FROM dp WHERE author_email = 'cat@x';
SELECT is(change_velocity, 3::double precision, 'Check that dan''s velocity is 3 with a span of 0') FROM dp WHERE author_email = 'dan@x';

/*
 * consistency_score = ISO weeks (UTC) with a commit / ISO weeks spanned:
 *   ann: a1 a2 a3 in the week of Mon 2023-12-25, a4 in the week of Mon 2024-01-15; spanned Dec 25, Jan 1,
 *   Jan 8, Jan 15 = 4 (across the year boundary: ISO weeks 52 of 2023 to 3 of 2024) -> 2/4 = 0.5;
 *   bob: Jan 3 and Sat Jan 6 (week of Jan 1), Jan 9 (Jan 8) -> 2/2 = 1; cat: Jan 9, Jan 17 -> 2/2; dan 1/1.
 */
SELECT results_eq($$SELECT author_email, consistency_score FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', 0.5::float8), ('bob@x', 1::float8), ('cat@x', 1::float8), ('dan@x', 1::float8)$$,
                  'Check that consistency is ISO weeks with commits over ISO weeks spanned, across a year boundary');

/*
 * commit_regularity_coefficient = population CV of gaps in days:
 *   ann: gaps 2 d 13.5 h = 2.5625, 12.5 h = 0.52083333, 17 -> mean 241/36 = 6.6944444,
 *   squared deviations 17.072965, 38.113474, 106.204475 -> variance 53.796971, sd 7.3346422 -> CV 1.0956311516163688;
 *   bob: gaps 3, 3 -> CV 0 (not NULL); cat: 2 commits -> NULL; dan: gaps 0, 0, mean 0 -> NULL.
 */
SELECT ok(abs(commit_regularity_coefficient - 1.0956311516163688) < 1e-9, 'Check that ann''s regularity is the CV of gaps 2.5625, 0.5208, 17 days')
  FROM dp WHERE author_email = 'ann@example.com';
SELECT is(commit_regularity_coefficient, 0::double precision, 'Check that equal gaps give a regularity coefficient of 0')
  FROM dp WHERE author_email = 'bob@x';
SELECT is(commit_regularity_coefficient, NULL, 'Check that 2 commits give a NULL regularity coefficient') FROM dp WHERE author_email = 'cat@x';
SELECT is(commit_regularity_coefficient, NULL, 'Check that a mean gap of 0 gives a NULL regularity coefficient') FROM dp WHERE author_email = 'dan@x';

/*
 * avg_files_per_commit, avg_lines_per_commit (added + deleted, binary 0):
 *   ann: files 3 2 3 2 -> 2.5; lines 17 11 5 3 -> 36/4 = 9;  bob: files 2 2 2 -> 2; lines 6 6 6 -> 6;
 *   cat: files 5 1 -> 3; lines 7 1 -> 4;  dan: 1 file, 2 lines.
 */
SELECT results_eq($$SELECT author_email, avg_files_per_commit, avg_lines_per_commit FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', 2.5::float8, 9::float8), ('bob@x', 2::float8, 6::float8),
                           ('cat@x', 3::float8, 4::float8), ('dan@x', 1::float8, 2::float8)$$,
                  'Check that the average files and lines per commit count a binary change as 0 lines');

/*
 * specialty_files: >= half of the file's changes and >= 3 changes.
 *   src/core.c: ann 4 of 6 -> ann; tools/gen.py: ann 3 and dan 3 of 6 (exactly half) -> both;
 *   lib/x.c: bob 3 of 4 -> bob; cat has no file with 3 changes. ann's: core.c (4) before gen.py (3).
 */
SELECT results_eq($$SELECT author_email, specialty_files FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', ARRAY['src/core.c', 'tools/gen.py']), ('bob@x', ARRAY['lib/x.c']),
                           ('cat@x', '{}'::text[]), ('dan@x', ARRAY['tools/gen.py'])$$,
                  'Check that specialty files need >= half of the changes and >= 3, most changes first');

/*
 * specialization_score = 1 - H / ln D, D = 5 directories in T: src, lib, tools, docs, '' (root).
 *   ann: src 5, tools 3, '' 1, docs 1 of 10: H = 0.5 ln 2 + 0.3 ln(10/3) + 0.2 ln 10 = 1.1682824501765625
 *        -> 1 - 1.16828245/ln 5 = 0.27410530027240254
 *   bob: src 1, lib 5: H = (1/6) ln 6 + (5/6) ln(6/5) = 0.45056120886630463 -> 0.720050580773955
 *   cat: src 1, lib 3, '' 2: H = (1/6) ln 6 + (1/2) ln 2 + (1/3) ln 3 = 1.0114042647073518 -> 0.3715791973747452
 *   dan: tools only: H 0 -> 1.
 */
SELECT ok(abs(specialization_score - 0.27410530027240254) < 1e-12, 'Check that ann''s specialization is 1 - H/ln 5 = 0.274105')
  FROM dp WHERE author_email = 'ann@example.com';
SELECT ok(abs(specialization_score - 0.720050580773955) < 1e-12, 'Check that bob''s specialization is 0.720051')
  FROM dp WHERE author_email = 'bob@x';
SELECT ok(abs(specialization_score - 0.3715791973747452) < 1e-12, 'Check that cat''s specialization is 0.371579 (root files count as '''')')
  FROM dp WHERE author_email = 'cat@x';
SELECT is(specialization_score, 1::double precision, 'Check that one directory gives specialization 1') FROM dp WHERE author_email = 'dan@x';

-- commit_type_distribution by subject (first line): ann feat 1, fix 2 ('fix: crash', 'Fixes #3'), docs 1;
-- bob refactor 1 ('refactor(core): x'), other 2 ('wip', 'bugfix': not a whole word); cat chore 2; dan perf 3.
SELECT results_eq($$SELECT author_email, commit_type_distribution FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', '{"feat": 1, "fix": 2, "docs": 1}'::jsonb), ('bob@x', '{"refactor": 1, "other": 2}'::jsonb),
                           ('cat@x', '{"chore": 2}'::jsonb), ('dan@x', '{"perf": 3}'::jsonb)$$,
                  'Check that commit types are counted by subject');

/*
 * frequent_collaborators by files both changed (ties by email):
 *   ann shares core.c with bob and cat, gen.py with dan: 1 each -> bob, cat, dan;
 *   bob shares core.c, x.c, y.c, w.c with cat (4) and core.c with ann (1) -> cat, ann;
 *   cat: bob (4), ann (1); dan: ann (1).
 */
SELECT results_eq($$SELECT author_email, frequent_collaborators FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', ARRAY['bob@x', 'cat@x', 'dan@x']), ('bob@x', ARRAY['cat@x', 'ann@example.com']),
                           ('cat@x', ARRAY['bob@x', 'ann@example.com']), ('dan@x', ARRAY['ann@example.com'])$$,
                  'Check that collaborators are ranked by shared files, ties by email');

/*
 * collaboration_files by distinct authors, then the file's changes, then path:
 *   core.c 3 authors (6 changes); x.c 2 (4); w.c 2 (2); y.c 2 (2); gen.py 2 (6);
 *   ann: core.c (3 authors), gen.py (2); bob and cat: core.c, x.c, w.c, y.c (w before y by path); dan: gen.py.
 */
SELECT results_eq($$SELECT author_email, collaboration_files FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', ARRAY['src/core.c', 'tools/gen.py']),
                           ('bob@x', ARRAY['src/core.c', 'lib/x.c', 'lib/w.c', 'lib/y.c']),
                           ('cat@x', ARRAY['src/core.c', 'lib/x.c', 'lib/w.c', 'lib/y.c']),
                           ('dan@x', ARRAY['tools/gen.py'])$$,
                  'Check that collaboration files are ordered by authors, then changes, then path');

/*
 * temporal_overlap_score: mean Jaccard of ISO weeks over the frequent collaborators.
 *   weeks: ann {Dec 25, Jan 15}, bob {Jan 1, Jan 8}, cat {Jan 8, Jan 15}, dan {Jan 8}.
 *   ann: J(bob) 0, J(cat) 1/3, J(dan) 0 -> 1/9; bob: J(cat) 1/3, J(ann) 0 -> 1/6;
 *   cat: J(bob) 1/3, J(ann) 1/3 -> 1/3; dan: J(ann) 0 -> 0.
 */
SELECT ok(abs(temporal_overlap_score - 1.0 / 9) < 1e-12, 'Check that ann''s overlap is (0 + 1/3 + 0)/3') FROM dp WHERE author_email = 'ann@example.com';
SELECT ok(abs(temporal_overlap_score - 1.0 / 6) < 1e-12, 'Check that bob''s overlap is (1/3 + 0)/2') FROM dp WHERE author_email = 'bob@x';
SELECT ok(abs(temporal_overlap_score - 1.0 / 3) < 1e-12, 'Check that cat''s overlap is (1/3 + 1/3)/2') FROM dp WHERE author_email = 'cat@x';
SELECT is(temporal_overlap_score, 0::double precision, 'Check that dan''s overlap with ann is 0') FROM dp WHERE author_email = 'dan@x';

/*
 * active_days_count, LOCAL dates: ann a1 Dec 27, a2 UTC Dec 29 23:30 +2 h = Dec 30, a3 Dec 30, a4 Jan 16 -> 3
 * (4 UTC dates); bob (-5 h) Jan 3, 6, 9 -> 3; cat (+14 h) Jan 10 01:00, Jan 17 23:00 -> 2; dan 1.
 */
SELECT results_eq($$SELECT author_email, active_days_count FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', 3), ('bob@x', 3), ('cat@x', 2), ('dan@x', 1)$$,
                  'Check that active days are counted in the author''s local time');
SELECT results_eq($$SELECT author_email, first_commit_date, last_commit_date FROM dp ORDER BY author_email$$,
                  $$VALUES ('ann@example.com', '2023-12-27 10:00Z'::timestamptz, '2024-01-16 12:00Z'::timestamptz),
                           ('bob@x', '2024-01-03 15:00Z', '2024-01-09 15:00Z'), ('cat@x', '2024-01-09 11:00Z', '2024-01-17 09:00Z'),
                           ('dan@x', '2024-01-10 09:00Z', '2024-01-10 09:00Z')$$,
                  'Check that first and last commit dates are the authored times');
SELECT is((SELECT developer_patterns FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'all')), 4,
          'Check that the session counts 4 developer patterns');

/*
 * A window [2024-01-01, 2024-01-10) leaves bob (3), cat (c1) and nothing of ann or dan.
 *   Directories in T: src, lib, '' -> D = 3. cat: src 1, lib 3, '' 1 of 5: H = 0.2 ln 5 + 0.6 ln(5/3) + 0.2 ln 5
 *   = 0.9502705392332347 -> 1 - H/ln 3 = 0.13502...; bob: src 1, lib 5 -> 1 - 0.45056120886630463/ln 3 = 0.5898791...
 *   cat now has 1 commit: velocity 1, consistency 1, regularity NULL; bob's and cat's shared files: core.c, x.c, y.c, w.c.
 *   bob's specialty lib/x.c: 3 of 4; cat's temporal overlap with bob: {Jan 8} / {Jan 1, Jan 8} = 1/2.
 */
INSERT INTO runs SELECT 'jan', patterns.discover_patterns('dev', ARRAY['developer'], p_since => '2024-01-01Z', p_until => '2024-01-10Z');
CREATE TEMP VIEW dj AS
SELECT d.* FROM patterns.developer_patterns d WHERE d.discovery_session_id = (SELECT id FROM runs WHERE name = 'jan');
SELECT is((SELECT array_agg(author_email || ':' || commit_count ORDER BY author_email) FROM dj), ARRAY['bob@x:3', 'cat@x:1'],
          'Check that a window keeps only the authors with a commit in it');
SELECT ok(abs(specialization_score - (1 - 0.9502705392332347 / ln(3))) < 1e-12, 'Check that cat''s specialization uses D = 3 of the window')
  FROM dj WHERE author_email = 'cat@x';
SELECT ok(abs(specialization_score - (1 - 0.45056120886630463 / ln(3))) < 1e-12, 'Check that bob''s specialization uses D = 3 of the window')
  FROM dj WHERE author_email = 'bob@x';
SELECT ok(change_velocity = 1 AND consistency_score = 1 AND commit_regularity_coefficient IS NULL AND active_days_count = 1,
          'Check that a single commit has velocity 1, consistency 1, no regularity, 1 active day') FROM dj WHERE author_email = 'cat@x';
SELECT is(temporal_overlap_score, 0.5::double precision, 'Check that cat''s overlap with bob in the window is 1/2') FROM dj WHERE author_email = 'cat@x';
SELECT is(specialty_files, ARRAY['lib/x.c'], 'Check that bob''s specialty in the window is lib/x.c') FROM dj WHERE author_email = 'bob@x';

-- Every stored row: the bounds of the schema and the spec.
SELECT is((SELECT count(*) FROM dp WHERE NOT (specialization_score BETWEEN 0 AND 1 AND consistency_score > 0 AND consistency_score <= 1
                                              AND author_email = lower(author_email))), 0::bigint,
          'Check that every developer pattern is within the bounds of section 3');
SELECT is((SELECT count(*) FROM dp WHERE is_active), 0::bigint, 'Check that the window run made the first run''s developer patterns inactive');
SELECT is((SELECT count(*) FROM dp), 4::bigint, 'Check that the first run''s developer patterns are kept');
SELECT is((SELECT status FROM patterns.pattern_discovery_sessions WHERE id = (SELECT id FROM runs WHERE name = 'all')), 'outdated',
          'Check that the first session is outdated');

/*
 * Limits. Project dev_many: main@x's commits c1..c3 change m/f01..m/f22 (c1 also shared/s1..s7), c4 changes m/f22;
 * o_k@x (k = 1..7) changes shared/s1..s_k once; o7 also changes m/f01..m/f22 once.
 *   specialty_files of main: every m file (main 3 of 4, f22 4 of 5): f22 first (4 changes), then by path: 20 at most
 *   -> f22, f01..f19.
 *   frequent_collaborators of main: o7 shares 29 files, o6 6, o5 5, o4 4, o3 3, o2 2, o1 1 -> 5 at most: o7..o3.
 *   collaboration_files of main: s1 (8 authors), s2 (7), .., s6 (3), then 2-author files by changes: f22 (5),
 *   f01..f21 (4 each, by path), s7 (2) -> 20 at most: s1..s6, f22, f01..f13.
 */
INSERT INTO core.projects (name) VALUES ('dev_many');
CREATE TEMP TABLE hm (sha text, email text, at timestamptz, paths text[]);
INSERT INTO hm
SELECT 'c' || j, 'main@x', timestamptz '2024-03-01 10:00Z' + j * interval '1 hour',
       ARRAY(SELECT 'm/f' || lpad(k::text, 2, '0') FROM generate_series(1, 22) k)
       || CASE WHEN j = 1 THEN ARRAY(SELECT 'shared/s' || k FROM generate_series(1, 7) k) ELSE '{}' END
  FROM generate_series(1, 3) j
UNION ALL SELECT 'c4', 'main@x', '2024-03-01 14:00Z', ARRAY['m/f22']
UNION ALL
SELECT 'e' || k, 'o' || k || '@x', timestamptz '2024-03-02 10:00Z' + k * interval '1 hour',
       ARRAY(SELECT 'shared/s' || i FROM generate_series(1, k) i)
       || CASE WHEN k = 7 THEN ARRAY(SELECT 'm/f' || lpad(i::text, 2, '0') FROM generate_series(1, 22) i) ELSE '{}' END
  FROM generate_series(1, 7) k;
INSERT INTO git.commits (project_id, sha, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, rpad(hm.sha, 40, '0'), hm.email, hm.email, hm.at, 0, 'c', 'c@x', hm.at, 'work',
       row_number() OVER (ORDER BY hm.at) - 1
  FROM hm, core.projects p WHERE p.name = 'dev_many';
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, k, 'M', hm.paths[k], 1, 0, 33188, 33188, hm.paths[k]
  FROM hm JOIN git.commits c ON c.sha = rpad(hm.sha, 40, '0')
  JOIN core.projects p ON p.project_id = c.project_id AND p.name = 'dev_many',
       generate_subscripts(hm.paths, 1) k;
INSERT INTO runs SELECT 'many', patterns.discover_patterns('dev_many', ARRAY['developer']);
SELECT is(specialty_files, ARRAY['m/f22'] || ARRAY(SELECT 'm/f' || lpad(k::text, 2, '0') FROM generate_series(1, 19) k),
          'Check that specialty files stop at 20, most changes first, then by path')
  FROM patterns.developer_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'many') AND author_email = 'main@x';
SELECT is(frequent_collaborators, ARRAY['o7@x', 'o6@x', 'o5@x', 'o4@x', 'o3@x'], 'Check that frequent collaborators stop at 5')
  FROM patterns.developer_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'many') AND author_email = 'main@x';
SELECT is(collaboration_files, ARRAY['shared/s1', 'shared/s2', 'shared/s3', 'shared/s4', 'shared/s5', 'shared/s6', 'm/f22']
                               || ARRAY(SELECT 'm/f' || lpad(k::text, 2, '0') FROM generate_series(1, 13) k),
          'Check that collaboration files stop at 20: by authors, then changes, then path')
  FROM patterns.developer_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'many') AND author_email = 'main@x';

SELECT * FROM finish();
ROLLBACK;
