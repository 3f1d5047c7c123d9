-- discover_patterns: session bookkeeping, windows, ancestry, insights and bad parameters.
BEGIN;
SELECT plan(45);

INSERT INTO core.projects (name) VALUES ('book'), ('ins_coupling'), ('ins_time'), ('ins_risk'), ('ins_hot'), ('ins_silo'), ('ins_anom');
CREATE FUNCTION pg_temp.sha(p_project text, p_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT left(encode(sha256(convert_to(p_project || ':' || p_name, 'UTF8')), 'hex'), 40)
$$;
-- changes: [status, path, old path, added, deleted]
CREATE TEMP TABLE h (project text, name text, at timestamptz, off int, email text, msg text, parents text[], changes text[][]);

/*
 * book: a branchy history.   b1 -- b2 ------- b4 (merge) -- b5 (a.c -> z.c) -- b6
 *                              \-- b3 (side) --/
 */
INSERT INTO h VALUES
  ('book', 'b1', '2024-01-01 10:00Z', 0, 'ann@x', 'feat: a', '{}',      ARRAY[['A', 'a.c', NULL, '5', '0']]),
  ('book', 'b2', '2024-01-02 10:00Z', 0, 'ann@x', 'feat: b', '{b1}',    ARRAY[['M', 'a.c', NULL, '1', '0'], ['A', 'b.c', NULL, '2', '0']]),
  ('book', 'b3', '2024-01-03 10:00Z', 0, 'bob@x', 'feat: c', '{b1}',    ARRAY[['A', 'c.c', NULL, '3', '0']]),
  ('book', 'b4', '2024-01-04 10:00Z', 0, 'ann@x', 'Merge',   '{b2,b3}', NULL),
  ('book', 'b5', '2024-01-05 10:00Z', 0, 'ann@x', 'refactor: rename', '{b4}', ARRAY[['R', 'z.c', 'a.c', '0', '0'], ['M', 'b.c', NULL, '1', '1']]),
  ('book', 'b6', '2024-01-06 10:00Z', 0, 'bob@x', 'fix: z', '{b5}',     ARRAY[['M', 'z.c', NULL, '1', '0']]);

/*
 * ins_coupling (min_cooccurrence 3):
 *   k1..k3 api/h.py + web/v.js (k3 with api/u.py too), k4 and k8 api/h.py + api/u.py -> n(h) 5, n(v) 3, n(u) 3;
 *   (api/h.py, web/v.js): n 3, confidences 3/5 and 3/3 -> 1, very_strong, top-level api vs web -> file_coupling 1.
 *   (api/h.py, api/u.py): n 3, confidence 1, but both under api -> no insight.
 *   (Makefile, setup.cfg): k5..k7, confidence 1, both at the root ('') -> no insight.
 *   (app/b.c, lib/a.c): m1..m4 together, m5 m6 lib/a.c alone, m7 m8 app/b.c alone: n 4 of 6 and 6:
 *   confidence 2/3 -> strong, across app and lib, but 0.667 < 0.70 -> not stored.
 */
INSERT INTO h SELECT 'ins_coupling', x.name, timestamptz '2024-02-01 10:00Z' + x.n * interval '1 hour', 0, 'ann@x', 'work', '{}', x.changes
  FROM (VALUES
    (1, 'k1', ARRAY[['M', 'api/h.py', NULL, '1', '0'], ['M', 'web/v.js', NULL, '1', '0']]),
    (2, 'k2', ARRAY[['M', 'api/h.py', NULL, '1', '0'], ['M', 'web/v.js', NULL, '1', '0']]),
    (3, 'k3', ARRAY[['M', 'api/h.py', NULL, '1', '0'], ['M', 'web/v.js', NULL, '1', '0'], ['M', 'api/u.py', NULL, '1', '0']]),
    (4, 'k4', ARRAY[['M', 'api/h.py', NULL, '1', '0'], ['M', 'api/u.py', NULL, '1', '0']]),
    (5, 'k5', ARRAY[['M', 'Makefile', NULL, '1', '0'], ['M', 'setup.cfg', NULL, '1', '0']]),
    (6, 'k6', ARRAY[['M', 'Makefile', NULL, '1', '0'], ['M', 'setup.cfg', NULL, '1', '0']]),
    (7, 'k7', ARRAY[['M', 'Makefile', NULL, '1', '0'], ['M', 'setup.cfg', NULL, '1', '0']]),
    (8, 'k8', ARRAY[['M', 'api/h.py', NULL, '1', '0'], ['M', 'api/u.py', NULL, '1', '0']]),
    (9, 'm1', ARRAY[['M', 'lib/a.c', NULL, '1', '0'], ['M', 'app/b.c', NULL, '1', '0']]),
    (10, 'm2', ARRAY[['M', 'lib/a.c', NULL, '1', '0'], ['M', 'app/b.c', NULL, '1', '0']]),
    (11, 'm3', ARRAY[['M', 'lib/a.c', NULL, '1', '0'], ['M', 'app/b.c', NULL, '1', '0']]),
    (12, 'm4', ARRAY[['M', 'lib/a.c', NULL, '1', '0'], ['M', 'app/b.c', NULL, '1', '0']]),
    (13, 'm5', ARRAY[['M', 'lib/a.c', NULL, '1', '0']]),
    (14, 'm6', ARRAY[['M', 'lib/a.c', NULL, '1', '0']]),
    (15, 'm7', ARRAY[['M', 'app/b.c', NULL, '1', '0']]),
    (16, 'm8', ARRAY[['M', 'app/b.c', NULL, '1', '0']])) x(n, name, changes);

/*
 * ins_time: 30 commits by one author, one a day at 10:00 UTC (2024-05-01 .. 05-30), all changing x (root).
 *   hourly: all in hour 10: chi2 690, df 23, p ~ 1e-130, peak 10 -> temporal_patterns 'hourly', confidence 1 - p = 1;
 *   daily: Wed, Thu 5, the rest 4: p ~ 1, no insight.
 *   developer: 30 commits >= 20, one directory (D 1) -> specialization 1 -> developer_specialization, confidence 1.
 *   x: 30 changes, all by o@x -> collaboration_gaps, confidence 1.
 */
INSERT INTO h SELECT 'ins_time', 't' || j, timestamptz '2024-05-01 10:00Z' + j * interval '1 day', 0, 'o@x', 'work', '{}',
                     ARRAY[['M', 'x', NULL, '1', '0']]
  FROM generate_series(0, 29) j;

/*
 * ins_risk: core/h.c changed Mon Apr 1, 8, 15, 22 (sizes 1, 1, 1, 100; ann, bob, ann, bob), core/o.c on Tue Apr 23
 * (size 1, ann), the end of the span.
 *   sizes 1 1 1 1 100: percentile_cont(0.95) at 0.95 * 4 = 3.8 -> 1 + 0.8 * 99 = 80.2 -> h.c anomaly 1/4.
 *   h.c: totals 4 vs 1, net lines 103 vs 1 -> percent ranks 1 and 1 -> hotspot 1; 4 ISO weeks of 4 -> stability 0;
 *   diversity 1 - (1/4 + 1/4) = 0.5. r = 0.35 + 0.25 * 0.25 + 0.20 * 1 + 0.20 * 0.5 = 0.7125 -> critical;
 *   high_risk_files confidence 0.5 + 0.7125/2 = 0.85625.
 *   o.c: hotspot 0, anomaly 0, stability 1 - 1/1 = 0, diversity 0: r = 0.2 -> low, no insight.
 */
INSERT INTO h VALUES
  ('ins_risk', 'r1', '2024-04-01 10:00Z', 0, 'ann@x', 'work', '{}', ARRAY[['M', 'core/h.c', NULL, '1', '0']]),
  ('ins_risk', 'r2', '2024-04-08 10:00Z', 0, 'bob@x', 'work', '{}', ARRAY[['M', 'core/h.c', NULL, '1', '0']]),
  ('ins_risk', 'r3', '2024-04-15 10:00Z', 0, 'ann@x', 'work', '{}', ARRAY[['M', 'core/h.c', NULL, '1', '0']]),
  ('ins_risk', 'r4', '2024-04-22 10:00Z', 0, 'bob@x', 'work', '{}', ARRAY[['M', 'core/h.c', NULL, '100', '0']]),
  ('ins_risk', 'r5', '2024-04-23 10:00Z', 0, 'ann@x', 'work', '{}', ARRAY[['M', 'core/o.c', NULL, '1', '0']]);

/*
 * ins_hot: 15 files f01..f15; commit j (1..15) adds a line to each of f_j..f15, so f_k has k changes and k net lines:
 *   both percent ranks (k-1)/14 -> hotspot (k-1)/14. hot/ holds f13, f14, f15 (12/14, 13/14, 1 >= 0.8; f12 11/14 < 0.8):
 *   architectural_hotspots 'hot', confidence (12 + 13 + 14)/42 = 13/14, with the 3 files' pattern ids.
 */
INSERT INTO h SELECT 'ins_hot', 'j' || j, timestamptz '2024-06-03 10:00Z' + j * interval '1 day', 0, 'ann@x', 'work', '{}',
                     ARRAY(SELECT ARRAY['M', CASE WHEN k >= 13 THEN 'hot/' ELSE 'cold/' END || 'f' || lpad(k::text, 2, '0'), NULL, '1', '0']
                             FROM generate_series(j, 15) k)
  FROM generate_series(1, 15) j;

/*
 * ins_silo, one file a commit:
 *   s/silo.c 10 changes, ann 9, bob 1 -> collaboration_gaps, confidence 0.9;
 *   s/shared.c 10 changes, ann 8, bob 2 -> 0.8 < 0.9: none;
 *   s/fixy.c 5 changes, 4 fixes ('fix: f', 'Fixes #2', 'hotfix now', 'a bug') -> quality_concerns 0.8;
 *   s/some.c 5 changes, 3 fixes -> 0.6 >= 0.5 but < 0.70: not stored;
 *   s/few.c 4 changes, all fixes: fewer than 5 -> none.
 */
INSERT INTO h SELECT 'ins_silo', 's' || x.path || n, timestamptz '2024-07-01 10:00Z' + (x.base + n) * interval '1 hour', 0,
                     CASE WHEN n <= x.bob THEN 'bob@x' ELSE 'ann@x' END,
                     CASE WHEN n <= x.fixes THEN (ARRAY['fix: f', 'Fixes #2', 'hotfix now', 'a bug'])[n] ELSE 'feat: s' END, '{}',
                     ARRAY[['M', x.path, NULL, '1', '0']]
  FROM (VALUES ('s/silo.c', 0, 10, 1, 0), ('s/shared.c', 20, 10, 2, 0), ('s/fixy.c', 40, 5, 0, 4),
               ('s/some.c', 60, 5, 0, 3), ('s/few.c', 80, 4, 0, 4)) x(path, base, changes, bob, fixes),
       generate_series(1, x.changes) n;

/*
 * ins_anom: commits a1..a12 each add a line to tiny/t1..t5 (60 changes of size 1); big.c changes in b1..b5 with
 * sizes 500, 600, 700, 1, 1. The 65 sizes: 62 ones, 500, 600, 700; percentile_cont(0.95) at 0.95 * 64 = 60.8
 * lies between two ones: 1. big.c: 3 of 5 changes strictly larger -> anomaly 0.6 >= 0.5 with 5 changes ->
 * change_anomalies, confidence raised to 0.7 (stored: 0.7 >= 0.70). The tiny files: anomaly 0.
 */
INSERT INTO h SELECT 'ins_anom', 'a' || j, timestamptz '2024-08-01 10:00Z' + j * interval '1 hour', 0, 'ann@x', 'work', '{}',
                     ARRAY(SELECT ARRAY['M', 'tiny/t' || k, NULL, '1', '0'] FROM generate_series(1, 5) k)
  FROM generate_series(1, 12) j;
INSERT INTO h SELECT 'ins_anom', 'b' || j, timestamptz '2024-08-02 10:00Z' + j * interval '1 hour', 0, 'ann@x', 'work', '{}',
                     ARRAY[['M', 'big.c', NULL, (ARRAY['500', '600', '700', '1', '1'])[j], '0']]
  FROM generate_series(1, 5) j;

INSERT INTO git.commits (project_id, sha, parent_shas, author_name, author_email, authored_at, author_utc_offset,
                         committer_name, committer_email, committed_at, message, generation)
SELECT p.project_id, pg_temp.sha(h.project, h.name), ARRAY(SELECT pg_temp.sha(h.project, x) FROM unnest(h.parents) x),
       h.email, h.email, h.at, h.off, 'c', 'c@x', h.at, h.msg,
       row_number() OVER (PARTITION BY h.project ORDER BY h.at) - 1
  FROM h JOIN core.projects p ON p.name = h.project;
INSERT INTO git.file_changes (project_id, commit_id, change_no, status, path, old_path, lines_added, lines_deleted,
                              old_mode, new_mode, latest_path)
SELECT c.project_id, c.commit_id, k, h.changes[k][1], h.changes[k][2], h.changes[k][3], h.changes[k][4]::int, h.changes[k][5]::int,
       33188, 33188, h.changes[k][2]
  FROM h JOIN core.projects p ON p.name = h.project
  JOIN git.commits c ON c.project_id = p.project_id AND c.sha = pg_temp.sha(h.project, h.name),
       generate_subscripts(h.changes, 1) k;
DO $$ BEGIN PERFORM git.refresh_lineage(project_id) FROM core.projects; END $$;

CREATE TEMP TABLE runs (name text, id uuid);
CREATE TEMP VIEW sessions AS
SELECT r.name, s.* FROM patterns.pattern_discovery_sessions s JOIN runs r ON r.id = s.id;

-- Bookkeeping ------------------------------------------------------------------------------
/*
 * book, all algorithms, min_cooccurrence 1: T = b1 b2 b3 b5 b6 (b4 is a merge), files z.c (a.c's lineage), b.c, c.c.
 * Range by authored time: b1 .. b6. Pairs (n >= 1): (b.c, z.c) in b2 and b5: n 2, n(b.c) 2, n(z.c) 4 -> 1 pair.
 * Developers ann, bob: 2. Magnitude: 3 files. Temporal: 5 commits < 30: 0.
 */
INSERT INTO runs SELECT 'first', patterns.discover_patterns('book', p_min_cooccurrence => 1);
SELECT results_eq($$SELECT status, total_commits_analyzed, total_files_analyzed, commit_range_start, commit_range_end,
                           cooccurrence_patterns, temporal_patterns, developer_patterns, magnitude_patterns, algorithms
                      FROM sessions WHERE name = 'first'$$,
                  $$VALUES ('completed', 5, 3, pg_temp.sha('book', 'b1'), pg_temp.sha('book', 'b6'), 1, 0, 2, 3,
                            ARRAY['cooccurrence', 'developer', 'insights', 'magnitude', 'temporal'])$$,
                  'Check that a full run''s session is completed with 5 commits, 3 files, range b1..b6 and counts by kind');
SELECT ok(patterns_discovered = cooccurrence_patterns + temporal_patterns + developer_patterns + magnitude_patterns + insights
          AND execution_time_ms >= 0 AND min_cooccurrence = 1 AND max_changeset_size = 30 AND confidence_threshold = 0.30
          AND window_since IS NULL AND window_until IS NULL AND window_until_sha IS NULL,
          'Check that patterns_discovered is the sum, and the parameters are stored') FROM sessions WHERE name = 'first';
SELECT is((SELECT array_agg(file_path ORDER BY file_path) FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'first')),
          ARRAY['b.c', 'c.c', 'z.c'], 'Check that a.c''s changes are reported under its latest path z.c');
SELECT is((SELECT latest_session_id FROM api.project_pattern_summary s JOIN core.projects p USING (project_id) WHERE p.name = 'book'),
          (SELECT id FROM runs WHERE name = 'first'), 'Check that the summary view shows the latest completed session');

-- A second run with only magnitude: the first becomes outdated, its patterns inactive, none deleted.
INSERT INTO runs SELECT 'second', patterns.discover_patterns('book', ARRAY['magnitude', 'magnitude']);
SELECT results_eq($$SELECT name, status FROM sessions WHERE project_id = (SELECT project_id FROM core.projects WHERE name = 'book') ORDER BY name$$,
                  $$VALUES ('first', 'outdated'), ('second', 'completed')$$,
                  'Check that a second run marks the first outdated');
SELECT results_eq($$SELECT algorithms, cooccurrence_patterns, temporal_patterns, developer_patterns, magnitude_patterns, insights
                      FROM sessions WHERE name = 'second'$$,
                  $$VALUES (ARRAY['magnitude'], 0, 0, 0, 3, 0)$$,
                  'Check that a subset of algorithms runs only those (a repeated name once)');
SELECT results_eq($$SELECT (SELECT count(*) FILTER (WHERE is_active) || '/' || count(*) FROM patterns.file_cooccurrence_patterns WHERE discovery_session_id = r.id),
                           (SELECT count(*) FILTER (WHERE is_active) || '/' || count(*) FROM patterns.developer_patterns WHERE discovery_session_id = r.id),
                           (SELECT count(*) FILTER (WHERE is_active) || '/' || count(*) FROM patterns.change_magnitude_patterns WHERE discovery_session_id = r.id)
                      FROM runs r WHERE r.name IN ('first', 'second') ORDER BY r.name$$,
                  $$VALUES ('0/1', '0/2', '0/3'), ('0/0', '0/0', '3/3')$$,
                  'Check that the first run''s patterns are inactive but kept, the second''s active');
SELECT is((SELECT latest_session_id FROM api.project_pattern_summary s JOIN core.projects p USING (project_id) WHERE p.name = 'book'),
          (SELECT id FROM runs WHERE name = 'second'), 'Check that the summary view follows the new session');

/*
 * Windows on authored time, [since, until): 2024-01-02 .. 2024-01-05 holds b2, b3 (b4 is a merge; b5 is at until).
 */
INSERT INTO runs SELECT 'window', patterns.discover_patterns('book', ARRAY['magnitude'], p_since => '2024-01-02 10:00Z', p_until => '2024-01-05 10:00Z');
SELECT results_eq($$SELECT total_commits_analyzed, commit_range_start, commit_range_end, window_since, window_until FROM sessions WHERE name = 'window'$$,
                  $$VALUES (2, pg_temp.sha('book', 'b2'), pg_temp.sha('book', 'b3'), '2024-01-02 10:00Z'::timestamptz, '2024-01-05 10:00Z'::timestamptz)$$,
                  'Check that since is inclusive, until exclusive, and the window is stored');
/*
 * until_sha b2: only b2 and its ancestor b1 (b3 is on the side branch, b5 and b6 after): 2 commits, and a.c's
 * changes there are named z.c, its latest path in the whole history (the rename is after the window).
 */
INSERT INTO runs SELECT 'sha_b2', patterns.discover_patterns('book', ARRAY['magnitude'], p_until_sha => pg_temp.sha('book', 'b2'));
SELECT results_eq($$SELECT total_commits_analyzed, total_files_analyzed, commit_range_start, commit_range_end, window_until_sha FROM sessions WHERE name = 'sha_b2'$$,
                  $$VALUES (2, 2, pg_temp.sha('book', 'b1'), pg_temp.sha('book', 'b2'), pg_temp.sha('book', 'b2'))$$,
                  'Check that until_sha keeps only the commit and its ancestors');
SELECT results_eq($$SELECT file_path, total_changes FROM patterns.change_magnitude_patterns
                     WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'sha_b2') ORDER BY file_path$$,
                  $$VALUES ('b.c', 1), ('z.c', 2)$$,
                  'Check that a windowed run names files by their latest path in the whole history');
-- until_sha b4 (the merge): b4's ancestors b1 b2 b3 (the merge itself is not in T).
INSERT INTO runs SELECT 'sha_b4', patterns.discover_patterns('book', ARRAY['magnitude'], p_until_sha => pg_temp.sha('book', 'b4'));
SELECT results_eq($$SELECT total_commits_analyzed, commit_range_end FROM sessions WHERE name = 'sha_b4'$$,
                  $$VALUES (3, pg_temp.sha('book', 'b3'))$$,
                  'Check that until_sha on a merge follows both parents');
-- until_sha b3 and since 2024-01-02: b3 only (b1 before since).
INSERT INTO runs SELECT 'sha_since', patterns.discover_patterns('book', ARRAY['magnitude'], p_since => '2024-01-02Z', p_until_sha => pg_temp.sha('book', 'b3'));
SELECT results_eq($$SELECT total_commits_analyzed, commit_range_start, commit_range_end FROM sessions WHERE name = 'sha_since'$$,
                  $$VALUES (1, pg_temp.sha('book', 'b3'), pg_temp.sha('book', 'b3'))$$,
                  'Check that since and until_sha together intersect');
-- An empty window: a completed session with nothing in it.
INSERT INTO runs SELECT 'empty', patterns.discover_patterns('book', p_since => '2030-01-01Z');
SELECT results_eq($$SELECT status, total_commits_analyzed, total_files_analyzed, patterns_discovered, commit_range_start FROM sessions WHERE name = 'empty'$$,
                  $$VALUES ('completed', 0, 0, 0, NULL::text)$$,
                  'Check that an empty transaction set completes with nothing found');
SELECT is((SELECT count(*) FROM sessions WHERE project_id = (SELECT project_id FROM core.projects WHERE name = 'book') AND status = 'completed'),
          1::bigint, 'Check that only the latest session of a project is completed');
SELECT is((SELECT count(*) FROM sessions WHERE project_id = (SELECT project_id FROM core.projects WHERE name = 'book')),
          7::bigint, 'Check that sessions are never deleted');

-- Insights -----------------------------------------------------------------------------------
INSERT INTO runs SELECT 'coupling', patterns.discover_patterns('ins_coupling');
INSERT INTO runs SELECT 'time', patterns.discover_patterns('ins_time');
INSERT INTO runs SELECT 'risk', patterns.discover_patterns('ins_risk');
INSERT INTO runs SELECT 'hot', patterns.discover_patterns('ins_hot', ARRAY['magnitude', 'insights']);
INSERT INTO runs SELECT 'silo', patterns.discover_patterns('ins_silo');
INSERT INTO runs SELECT 'anom', patterns.discover_patterns('ins_anom', ARRAY['magnitude', 'insights']);
CREATE TEMP VIEW ins AS
SELECT r.name, i.* FROM patterns.pattern_insights i JOIN runs r ON r.id = i.discovery_session_id;

SELECT results_eq($$SELECT file_path_1, file_path_2, confidence_score, pattern_strength FROM patterns.file_cooccurrence_patterns
                     WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'coupling') ORDER BY file_path_1, file_path_2$$,
                  $$VALUES ('Makefile', 'setup.cfg', 1::float8, 'very_strong'), ('api/h.py', 'api/u.py', 1::float8, 'very_strong'),
                           ('api/h.py', 'web/v.js', 1::float8, 'very_strong'), ('app/b.c', 'lib/a.c', 2 / 3.0::float8, 'strong')$$,
                  'Check that the pairs behind the coupling insights are as computed');
SELECT results_eq($$SELECT insight_type, subject, confidence_score FROM ins WHERE name = 'coupling' AND insight_type = 'file_coupling'$$,
                  $$VALUES ('file_coupling', 'api/h.py|web/v.js', 1::float8)$$,
                  'Check that file_coupling covers only strong pairs across top-level directories with confidence >= 0.70');
SELECT is((SELECT supporting_pattern_ids FROM ins WHERE name = 'coupling' AND insight_type = 'file_coupling'),
          ARRAY(SELECT id FROM patterns.file_cooccurrence_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'coupling')
                   AND file_path_1 = 'api/h.py' AND file_path_2 = 'web/v.js'),
          'Check that the coupling insight points at its pair');

SELECT results_eq($$SELECT insight_type, subject, confidence_score FROM ins WHERE name = 'time' ORDER BY insight_type$$,
                  $$VALUES ('collaboration_gaps', 'x', 1::float8), ('developer_specialization', 'o@x', 1::float8),
                           ('temporal_patterns', 'hourly', 1::float8)$$,
                  'Check that one author, one file, one hour give the temporal, specialization and silo insights');

SELECT results_eq($$SELECT file_path, round(risk_score::numeric, 12), risk_level, anomaly_score, hotspot_score, stability_score,
                           contributor_diversity_score
                      FROM patterns.change_magnitude_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'risk') ORDER BY file_path$$,
                  $$VALUES ('core/h.c', 0.7125, 'critical', 0.25::float8, 1::float8, 0::float8, 0.5::float8),
                           ('core/o.c', 0.2, 'low', 0::float8, 0::float8, 0::float8, 0::float8)$$,
                  'Check that h.c''s risk is 0.35 * 1 + 0.25 * 0.25 + 0.20 * 1 + 0.20 * 0.5 = 0.7125');
SELECT results_eq($$SELECT insight_type, subject, round(confidence_score::numeric, 12), risk_level FROM ins WHERE name = 'risk'$$,
                  $$VALUES ('high_risk_files', 'core/h.c', 0.85625, 'critical')$$,
                  'Check that a critical file gives high_risk_files with confidence 0.5 + r/2 = 0.85625');

SELECT ok(abs(confidence_score - 13 / 14.0) < 1e-12 AND subject = 'hot' AND cardinality(supporting_pattern_ids) = 3,
          'Check that three hotspot files of one directory give architectural_hotspots with their mean hotspot 13/14')
  FROM ins WHERE name = 'hot' AND insight_type = 'architectural_hotspots';
SELECT is((SELECT count(*) FROM ins WHERE name = 'hot' AND insight_type = 'architectural_hotspots'), 1::bigint,
          'Check that cold/ (one file at 11/14 at best) is no architectural hotspot');

SELECT results_eq($$SELECT insight_type, subject, confidence_score FROM ins WHERE name = 'silo'
                      AND insight_type IN ('collaboration_gaps', 'quality_concerns') ORDER BY insight_type$$,
                  $$VALUES ('collaboration_gaps', 's/silo.c', 0.9::float8), ('quality_concerns', 's/fixy.c', 0.8::float8)$$,
                  'Check that silos need >= 90% of >= 10 changes and fix-heavy files >= 50% of >= 5, stored from 0.70');

SELECT results_eq($$SELECT file_path, anomaly_score FROM patterns.change_magnitude_patterns
                     WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'anom') AND anomaly_score > 0$$,
                  $$VALUES ('big.c', 0.6::float8)$$,
                  'Check that 3 of big.c''s 5 changes lie above the 95th percentile (1) of 65 change sizes');
SELECT results_eq($$SELECT insight_type, subject, confidence_score FROM ins WHERE name = 'anom' AND insight_type = 'change_anomalies'$$,
                  $$VALUES ('change_anomalies', 'big.c', 0.7::float8)$$,
                  'Check that change_anomalies raises an anomaly score of 0.6 to the confidence 0.7');
-- One author alone: no collaborators, no collaboration files, no overlap score.
SELECT results_eq($$SELECT frequent_collaborators, collaboration_files, temporal_overlap_score, commit_count, specialization_score
                      FROM patterns.developer_patterns WHERE discovery_session_id = (SELECT id FROM runs WHERE name = 'time')$$,
                  $$VALUES ('{}'::text[], '{}'::text[], NULL::float8, 30, 1::float8)$$,
                  'Check that an author without collaborators has empty lists and a NULL overlap');

SELECT is((SELECT count(*) FROM patterns.pattern_insights WHERE confidence_score < 0.70 OR priority_score NOT BETWEEN 1 AND 10), 0::bigint,
          'Check that no stored insight has a confidence below 0.70');
SELECT is((SELECT insights FROM sessions WHERE name = 'risk'), 1, 'Check that the session counts its insights');

-- Bad parameters ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT patterns.discover_patterns('nope')$$, 'P0002', 'unknown project ''nope''',
                 'Check that an unknown project raises P0002');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', ARRAY['magnitude', 'bogus'])$$, '22023', 'unknown algorithm ''bogus''',
                 'Check that an unknown algorithm raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', ARRAY[]::text[])$$, '22023', NULL,
                 'Check that an empty algorithm list raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_confidence_threshold => 1.5)$$, '22023',
                 'confidence_threshold must be between 0 and 1, not 1.5', 'Check that a threshold above 1 raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_confidence_threshold => -0.1)$$, '22023', NULL,
                 'Check that a negative threshold raises 22023');
SELECT lives_ok($$SELECT patterns.discover_patterns('book', ARRAY['cooccurrence'], p_confidence_threshold => 1)$$,
                'Check that a threshold of exactly 1 is accepted');
SELECT lives_ok($$SELECT patterns.discover_patterns('book', ARRAY['cooccurrence'], p_confidence_threshold => 0)$$,
                'Check that a threshold of exactly 0 is accepted');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_min_cooccurrence => 0)$$, '22023',
                 'min_cooccurrence must be at least 1, not 0', 'Check that min_cooccurrence below 1 raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_max_changeset_size => 1)$$, '22023',
                 'max_changeset_size must be at least 2, not 1', 'Check that max_changeset_size below 2 raises 22023');
SELECT lives_ok($$SELECT patterns.discover_patterns('book', ARRAY['cooccurrence'], p_max_changeset_size => 2)$$,
                'Check that max_changeset_size 2 is accepted');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_since => '2024-01-05', p_until => '2024-01-02')$$, '22023', NULL,
                 'Check that since after until raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_since => '2024-01-05', p_until => '2024-01-05')$$, '22023', NULL,
                 'Check that since equal to until raises 22023');
SELECT throws_ok($$SELECT patterns.discover_patterns('book', p_until_sha => repeat('f', 40))$$, '22023', NULL,
                 'Check that an unknown until_sha raises 22023');
SELECT throws_ok(format($$SELECT patterns.discover_patterns('book', p_until_sha => %L)$$, pg_temp.sha('ins_risk', 'r1')), '22023', NULL,
                 'Check that a commit of another project is an unknown until_sha');
SELECT is((SELECT count(*) FROM patterns.pattern_discovery_sessions s JOIN core.projects p USING (project_id) WHERE p.name = 'book'),
          10::bigint, 'Check that refused runs leave no session behind');

SELECT * FROM finish();
ROLLBACK;
