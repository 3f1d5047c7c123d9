-- git.file_changes keyed by numbers (issue 12, storage). The history held three text paths
-- per change (path, old_path, latest_path) and six indexes, two of them over text (51 MiB
-- on ansible for 183K changes, about 290 bytes a change). Now git.changes stores the
-- git.paths numbers of those paths (path_id, old_path_id, file_id: the lineage file's id,
-- the file_id of every patterns.* table), and git.file_changes is a view with today's
-- columns over it: the readers that want text (reports, api views, discovery, replay,
-- tests) stay as they were, and the view leaves out the joins of the paths a query does
-- not read. The hot readers use the numbers: the lineage refreshes (numbers compare as the
-- paths did, one for one), the live state's readers of a commit's changes, and the path
-- mapping at the top of api.suggest_cochanges. Every path of the history has a number now
-- (the ingest interns them as it writes, git.path_ids), not only the files of T.
--
-- Indexes, each for the queries named in its comment: the key (a commit's changes), the
-- path (the changes made at a path: incremental lineage), the renames by the path they
-- leave (lineage, suggestions). Gone: the latest path's (its one point reader, the path
-- mapping of api.suggest_cochanges, needs no lookup of it: a path that is no file's latest
-- path has no counts and drops out there by itself), the deletes' (no query reads it since
-- patterns.deleted_files) and the renames' by the path they lead to (the path index serves
-- those few rows). On ansible 24 MiB after 51 (bench/results/2026-12-07-vm-history-ids.md);
-- the key is most of what is left (7 MiB, as before: its columns were numbers already).
-- No foreign key to git.paths: a check per row and column would slow the first ingest, and
-- git.paths rows are never deleted but with their project; the writers (the ingest, the
-- view's trigger) take the numbers from it. Writes through the view (tests, hand fixes) go
-- through an INSTEAD OF trigger that interns the paths; the ingest COPYs into git.changes.

-- Every path, old path and latest path of the history gets a number.
SELECT git.intern_keys(p.project_id,
                       ARRAY(SELECT f.path FROM git.file_changes f WHERE f.project_id = p.project_id
                             UNION SELECT f.old_path FROM git.file_changes f WHERE f.project_id = p.project_id
                             UNION SELECT f.latest_path FROM git.file_changes f WHERE f.project_id = p.project_id),
                       ARRAY[]::text[])
  FROM core.projects p;

CREATE TABLE git.changes (
    project_id    bigint NOT NULL,
    commit_id     bigint NOT NULL,
    change_no     integer NOT NULL,
    path_id       integer NOT NULL,
    file_id       integer NOT NULL,
    lines_added   integer,
    lines_deleted integer,
    old_mode      integer NOT NULL,
    new_mode      integer NOT NULL,
    status        character(1) NOT NULL,
    old_path_id   integer,
    CONSTRAINT changes_pkey PRIMARY KEY (project_id, commit_id, change_no),
    CONSTRAINT changes_project_id_commit_id_fkey FOREIGN KEY (project_id, commit_id)
        REFERENCES git.commits (project_id, commit_id) ON DELETE CASCADE,
    CONSTRAINT changes_status_check CHECK (status IN ('A', 'M', 'D', 'R', 'C', 'T', 'U', 'X', 'B')),
    CONSTRAINT changes_old_path_check CHECK ((old_path_id IS NOT NULL) = (status IN ('R', 'C'))),
    CONSTRAINT changes_lines_check CHECK ((lines_added IS NULL) = (lines_deleted IS NULL) AND lines_added >= 0
                                         AND lines_deleted >= 0)
);
INSERT INTO git.changes (project_id, commit_id, change_no, path_id, file_id, lines_added, lines_deleted, old_mode,
                         new_mode, status, old_path_id)
SELECT f.project_id, f.commit_id, f.change_no, p.path_id, l.path_id, f.lines_added, f.lines_deleted, f.old_mode,
       f.new_mode, f.status, o.path_id
  FROM git.file_changes f
  JOIN git.paths p ON p.project_id = f.project_id AND p.path = f.path
  JOIN git.paths l ON l.project_id = f.project_id AND l.path = f.latest_path
  LEFT JOIN git.paths o ON o.project_id = f.project_id AND o.path = f.old_path
 ORDER BY f.project_id, f.commit_id, f.change_no;
CREATE INDEX changes_path_idx ON git.changes (project_id, path_id);
CREATE INDEX changes_renames_idx ON git.changes (project_id, old_path_id) WHERE status = 'R';

COMMENT ON TABLE git.changes IS 'One row per file a non-merge commit changed, as git diff against the first parent shows it (rename detection on, copy detection off), its paths as their numbers in git.paths. git.file_changes shows it with the paths.';
COMMENT ON COLUMN git.changes.change_no IS 'The position of the change in git''s output for the commit.';
COMMENT ON COLUMN git.changes.path_id IS 'The path after the change (for D, the path deleted): its number in git.paths.';
COMMENT ON COLUMN git.changes.file_id IS 'The file this change belongs to: the git.paths number of its latest path across renames in the whole ingested history (maintained by git.refresh_lineage); the file_id of the patterns.* tables.';
COMMENT ON COLUMN git.changes.lines_added IS 'Lines added; NULL for a binary file.';
COMMENT ON COLUMN git.changes.lines_deleted IS 'Lines deleted; NULL for a binary file.';
COMMENT ON COLUMN git.changes.old_mode IS 'The file mode before (0 when added); 57344 (octal 160000) is a submodule.';
COMMENT ON COLUMN git.changes.new_mode IS 'The file mode after (0 when deleted).';
COMMENT ON COLUMN git.changes.status IS 'git''s status letter: A added, M modified, D deleted, R renamed, C copied, T type changed.';
COMMENT ON COLUMN git.changes.old_path_id IS 'The path before a rename or copy (its number in git.paths); NULL otherwise.';
COMMENT ON INDEX git.changes_path_idx IS 'The changes made at a path, renames into it among them (git.refresh_lineage(project, commits): the spans a new rename takes over).';
COMMENT ON INDEX git.changes_renames_idx IS 'The renames away from a path (git.refresh_lineage(project, commits): the next rename of a path; api.suggest_cochanges: the files a path was renamed into).';
GRANT SELECT, INSERT, UPDATE, DELETE ON git.changes TO pgpattern_writer;

-- The views that read the table are made again over the view (same text, same columns).
ALTER TABLE git.file_changes RENAME TO file_changes_text;
CREATE VIEW git.file_changes AS
SELECT c.project_id, c.commit_id, c.change_no, c.status, p.path, o.path AS old_path, c.lines_added, c.lines_deleted,
       c.old_mode, c.new_mode, l.path AS latest_path
  FROM git.changes c
  LEFT JOIN git.paths p ON p.project_id = c.project_id AND p.path_id = c.path_id
  LEFT JOIN git.paths o ON o.project_id = c.project_id AND o.path_id = c.old_path_id
  LEFT JOIN git.paths l ON l.project_id = c.project_id AND l.path_id = c.file_id;
COMMENT ON VIEW git.file_changes IS 'git.changes with its paths as text: one row per file a non-merge commit changed, as git diff against the first parent shows it (rename detection on, copy detection off). Writable: an INSERT, UPDATE or DELETE goes to git.changes (git.file_changes_write), giving new paths their numbers.';
COMMENT ON COLUMN git.file_changes.change_no IS 'The position of the change in git''s output for the commit.';
COMMENT ON COLUMN git.file_changes.status IS 'git''s status letter: A added, M modified, D deleted, R renamed, C copied, T type changed.';
COMMENT ON COLUMN git.file_changes.path IS 'The path after the change (for D, the path deleted). Bytes that are not UTF-8 appear as \xNN.';
COMMENT ON COLUMN git.file_changes.old_path IS 'The path before a rename or copy; NULL otherwise.';
COMMENT ON COLUMN git.file_changes.lines_added IS 'Lines added; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.lines_deleted IS 'Lines deleted; NULL for a binary file.';
COMMENT ON COLUMN git.file_changes.old_mode IS 'The file mode before (0 when added); 57344 (octal 160000) is a submodule.';
COMMENT ON COLUMN git.file_changes.new_mode IS 'The file mode after (0 when deleted).';
COMMENT ON COLUMN git.file_changes.latest_path IS 'The file this change belongs to: its latest path across renames in the whole ingested history (maintained by git.refresh_lineage).';
GRANT SELECT, INSERT, UPDATE, DELETE ON git.file_changes TO pgpattern_writer;
CREATE OR REPLACE VIEW api.commit_activity AS
SELECT p.name AS project,
       (c.authored_at AT TIME ZONE 'UTC')::date AS day,
       count(*) AS commits,
       count(*) FILTER (WHERE c.is_merge) AS merge_commits,
       count(DISTINCT c.author_key) AS authors,
       coalesce(sum(s.files), 0)::bigint AS files_changed,
       coalesce(sum(s.lines_added), 0)::bigint AS lines_added,
       coalesce(sum(s.lines_deleted), 0)::bigint AS lines_deleted
  FROM git.commits c
  JOIN core.projects p ON p.project_id = c.project_id
  LEFT JOIN LATERAL (
        SELECT count(*) AS files, sum(fc.lines_added) AS lines_added, sum(fc.lines_deleted) AS lines_deleted
          FROM git.file_changes fc
         WHERE fc.project_id = c.project_id AND fc.commit_id = c.commit_id) s ON true
 GROUP BY p.name, (c.authored_at AT TIME ZONE 'UTC')::date;
CREATE OR REPLACE VIEW api.files AS
SELECT p.name AS project,
       f.latest_path,
       f.paths,
       f.changes,
       f.first_changed_at,
       f.last_changed_at,
       f.last_status = 'D' AS deleted
  FROM (SELECT fc.project_id, fc.latest_path,
               array_agg(DISTINCT fc.path ORDER BY fc.path) AS paths,
               count(*) AS changes,
               min(c.authored_at) AS first_changed_at,
               max(c.authored_at) AS last_changed_at,
               (array_agg(fc.status ORDER BY c.committed_at DESC, c.generation DESC, c.sha DESC))[1] AS last_status
          FROM git.file_changes fc
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         GROUP BY fc.project_id, fc.latest_path) f
  JOIN core.projects p ON p.project_id = f.project_id;
DROP TABLE git.file_changes_text;

-- The live state follows the table's statements as it followed the old table's.
CREATE TRIGGER changes_live_insert AFTER INSERT ON git.changes REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_inserted();
CREATE TRIGGER changes_live_update AFTER UPDATE ON git.changes REFERENCING NEW TABLE AS updated_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_updated();
CREATE TRIGGER changes_live_delete AFTER DELETE ON git.changes REFERENCING OLD TABLE AS deleted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION patterns.live_file_changes_deleted();
COMMENT ON TRIGGER changes_live_insert ON git.changes IS 'New changes: their commits are counted into the live state (patterns.live_changed).';
COMMENT ON TRIGGER changes_live_update ON git.changes IS 'Changed rows (lineage): their commits are counted again (patterns.live_changed).';
COMMENT ON TRIGGER changes_live_delete ON git.changes IS 'Deleted changes (forgotten history): their commits leave the live state (patterns.live_changed).';
COMMENT ON FUNCTION patterns.live_file_changes_deleted() IS 'After a DELETE from git.changes (forgotten history): takes the commits out of the live state and queues the pattern update.';
COMMENT ON FUNCTION patterns.live_file_changes_inserted() IS 'After an INSERT into git.changes: brings the live state of the new commits up to date and queues their pattern update.';
COMMENT ON FUNCTION patterns.live_file_changes_updated() IS 'After an UPDATE of git.changes (lineage): counts the commits of the changed rows again and queues their pattern update.';

CREATE FUNCTION git.path_ids(p_project_id bigint, p_paths text[]) RETURNS TABLE(path text, path_id integer)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM git.intern_keys(p_project_id, p_paths, ARRAY[]::text[]);
    -- A statement of its own: it sees the numbers another transaction gave meanwhile. A join,
    -- not g.path = ANY (p_paths): that compares each path of the project with the whole array.
    RETURN QUERY SELECT g.path, g.path_id
                   FROM (SELECT DISTINCT u.path FROM unnest(p_paths) u (path)) u
                   JOIN git.paths g ON g.project_id = p_project_id AND g.path = u.path;
END
$$;
COMMENT ON FUNCTION git.path_ids(p_project_id bigint, p_paths text[]) IS 'The numbers of these paths of a project in git.paths, given to those that have none yet (the ingest writes git.changes with them).';
GRANT EXECUTE ON FUNCTION git.path_ids(bigint, text[]) TO pgpattern_writer;

CREATE FUNCTION git.file_changes_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_path_id     integer;
    v_old_path_id integer;
    v_file_id     integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM git.changes c
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
        RETURN OLD;
    END IF;
    PERFORM git.intern_keys(NEW.project_id, ARRAY[NEW.path, NEW.old_path, NEW.latest_path], ARRAY[]::text[]);
    v_path_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.path);
    v_old_path_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.old_path);
    v_file_id := (SELECT g.path_id FROM git.paths g WHERE g.project_id = NEW.project_id AND g.path = NEW.latest_path);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO git.changes (project_id, commit_id, change_no, path_id, file_id, lines_added, lines_deleted,
                                 old_mode, new_mode, status, old_path_id)
        VALUES (NEW.project_id, NEW.commit_id, NEW.change_no, v_path_id, v_file_id, NEW.lines_added,
                NEW.lines_deleted, NEW.old_mode, NEW.new_mode, NEW.status, v_old_path_id);
    ELSE
        UPDATE git.changes c
           SET project_id = NEW.project_id, commit_id = NEW.commit_id, change_no = NEW.change_no, path_id = v_path_id,
               file_id = v_file_id, lines_added = NEW.lines_added, lines_deleted = NEW.lines_deleted,
               old_mode = NEW.old_mode, new_mode = NEW.new_mode, status = NEW.status, old_path_id = v_old_path_id
         WHERE c.project_id = OLD.project_id AND c.commit_id = OLD.commit_id AND c.change_no = OLD.change_no;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION git.file_changes_write() IS 'INSTEAD OF trigger of the view git.file_changes: writes the row to git.changes with its paths'' numbers (new paths get one in git.paths). A row at a time: bulk writers (the ingest) COPY into git.changes.';
CREATE TRIGGER file_changes_write INSTEAD OF INSERT OR UPDATE OR DELETE ON git.file_changes
    FOR EACH ROW EXECUTE FUNCTION git.file_changes_write();
COMMENT ON TRIGGER file_changes_write ON git.file_changes IS 'Writes through the view go to git.changes (git.file_changes_write).';

-- The lineage refreshes on the numbers: paths compare as their numbers do, one for one.
CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * The whole project at once. Only changes at a path some rename leaves can belong to
     * another path: each looks for the first rename away from its path strictly after its
     * commit (walking each path backwards, the earliest rename seen so far is the next),
     * and each rename likewise from its new path on, which chains renames to the file's
     * latest path. Every other change is its own path's.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    ordered AS MATERIALIZED (
        SELECT c.commit_id, row_number() OVER (ORDER BY c.committed_at, c.generation, c.sha) AS pos
          FROM git.commits c
         WHERE c.project_id = p_project_id
    ),
    renames AS MATERIALIZED (
        SELECT row_number() OVER () AS id, fc.old_path_id AS source, fc.path_id AS target, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id AND fc.status = 'R'
    ),
    queries AS (
        -- The changes made at a path some rename leaves.
        SELECT fc.commit_id, fc.change_no, NULL::bigint AS rename_id, fc.path_id AS path, o.pos
          FROM git.changes fc
          JOIN ordered o ON o.commit_id = fc.commit_id
         WHERE fc.project_id = p_project_id
           AND EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
        UNION ALL
        -- Each rename, looking on from its new path.
        SELECT NULL, NULL, r.id, r.target, r.pos
          FROM renames r
         WHERE EXISTS (SELECT FROM renames a WHERE a.source = r.target)
    ),
    nexts AS (
        -- At one commit the queries come first: a rename is only next when strictly after.
        SELECT x.commit_id, x.change_no, x.rename_id, x.path, x.next_pos
          FROM (SELECT u.is_query, u.commit_id, u.change_no, u.rename_id, u.path,
                       min(u.pos) FILTER (WHERE NOT u.is_query) OVER (
                           PARTITION BY u.path ORDER BY u.pos DESC, u.is_query DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_pos
                  FROM (SELECT false AS is_query, NULL::bigint AS commit_id, NULL::integer AS change_no,
                               NULL::bigint AS rename_id, r.source AS path, r.pos
                          FROM renames r
                        UNION ALL
                        SELECT true, q.commit_id, q.change_no, q.rename_id, q.path, q.pos
                          FROM queries q) u) x
         WHERE x.is_query
    ),
    next_rename AS (
        SELECT DISTINCT ON (n.commit_id, n.change_no, n.rename_id)
               n.commit_id, n.change_no, n.rename_id, n.path, r.id AS next_id
          FROM nexts n
          LEFT JOIN renames r ON r.source = n.path AND r.pos = n.next_pos
         ORDER BY n.commit_id, n.change_no, n.rename_id, r.id
    ),
    chain AS (
        SELECT r.id AS start_id, r.id AS current_id, 0 AS depth
          FROM renames r
        UNION ALL
        SELECT c.start_id, nr.next_id, c.depth + 1
          FROM chain c
          JOIN next_rename nr ON nr.rename_id = c.current_id
         WHERE nr.next_id IS NOT NULL
    ),
    destination AS (
        SELECT DISTINCT ON (c.start_id) c.start_id, r.target AS file_id
          FROM chain c JOIN renames r ON r.id = c.current_id
         ORDER BY c.start_id, c.depth DESC
    ),
    resolved AS (
        SELECT nr.commit_id, nr.change_no, coalesce(d.file_id, nr.path) AS file_id
          FROM next_rename nr
          LEFT JOIN destination d ON d.start_id = nr.next_id
         WHERE nr.rename_id IS NULL
        UNION ALL
        -- Changes that no rename reaches (any more) are their own path's.
        SELECT fc.commit_id, fc.change_no, fc.path_id
          FROM git.changes fc
         WHERE fc.project_id = p_project_id
           AND fc.file_id <> fc.path_id
           AND NOT EXISTS (SELECT FROM renames r WHERE r.source = fc.path_id)
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;

CREATE OR REPLACE FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[]) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
DECLARE
    v_changed bigint;
BEGIN
    /*
     * After new commits were stored: their changes get their latest paths, and so do the
     * earlier changes whose file one of their renames moves; nothing else can change, since
     * only renames move history. The other commits' lineage must be that of the history
     * without these commits (as the previous refresh left it); naming commits that were
     * refreshed already costs time, not correctness.
     *
     * A new rename of p at position t takes over every walk that reaches p in [s, t), s the
     * previous rename away from p (or the start): the changes of p in that span, and the
     * renames into p landing in it, with the span of their own old path before them, and so
     * on backwards. Then each change to recompute looks up the first rename away from its
     * path after its commit, which is followed to the end of its chain.
     */
    IF p_project_id IS NULL THEN
        RAISE EXCEPTION 'project id must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'pass a project_id of core.projects';
    END IF;
    IF p_commit_ids IS NULL OR cardinality(p_commit_ids) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(1818848865, p_project_id::integer);  -- 'lina'
    WITH RECURSIVE
    news AS MATERIALIZED (
        SELECT c.commit_id, c.committed_at, c.generation, c.sha
          FROM git.commits c
         WHERE c.project_id = p_project_id AND c.commit_id = ANY (p_commit_ids)
    ),
    spans (path, lo_at, lo_generation, lo_sha, hi_at, hi_generation, hi_sha) AS (
        SELECT r.old_path_id, prev.committed_at, prev.generation, prev.sha, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = n.commit_id AND r.status = 'R'
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = r.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (n.committed_at, n.generation, n.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
        UNION
        SELECT y.old_path_id, prev.committed_at, prev.generation, prev.sha, yc.committed_at, yc.generation, yc.sha
          FROM spans s
          JOIN git.changes y ON y.project_id = p_project_id AND y.path_id = s.path AND y.status = 'R'
          JOIN git.commits yc ON yc.project_id = y.project_id AND yc.commit_id = y.commit_id
          LEFT JOIN LATERAL (
                SELECT pc.committed_at, pc.generation, pc.sha
                  FROM git.changes pr
                  JOIN git.commits pc ON pc.project_id = pr.project_id AND pc.commit_id = pr.commit_id
                 WHERE pr.project_id = p_project_id AND pr.status = 'R' AND pr.old_path_id = y.old_path_id
                   AND (pc.committed_at, pc.generation, pc.sha) < (yc.committed_at, yc.generation, yc.sha)
                 ORDER BY pc.committed_at DESC, pc.generation DESC, pc.sha DESC
                 LIMIT 1) prev ON true
         WHERE (s.lo_at IS NULL
                OR (yc.committed_at, yc.generation, yc.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (yc.committed_at, yc.generation, yc.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    affected AS (
        SELECT fc.commit_id, fc.change_no, fc.path_id AS path, n.committed_at, n.generation, n.sha
          FROM news n
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.commit_id = n.commit_id
        UNION
        SELECT fc.commit_id, fc.change_no, fc.path_id, c.committed_at, c.generation, c.sha
          FROM spans s
          JOIN git.changes fc ON fc.project_id = p_project_id AND fc.path_id = s.path
          JOIN git.commits c ON c.project_id = fc.project_id AND c.commit_id = fc.commit_id
         WHERE (s.lo_at IS NULL OR (c.committed_at, c.generation, c.sha) >= (s.lo_at, s.lo_generation, s.lo_sha))
           AND (c.committed_at, c.generation, c.sha) < (s.hi_at, s.hi_generation, s.hi_sha)
    ),
    firsts AS MATERIALIZED (
        -- The first rename away from the change's path after its commit, if any.
        SELECT a.commit_id, a.change_no, a.path, nx.commit_id AS rename_commit, nx.change_no AS rename_change
          FROM affected a
          LEFT JOIN LATERAL (
                SELECT x.commit_id, x.change_no
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = a.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (a.committed_at, a.generation, a.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx ON true
    ),
    walk (rename_commit, rename_change, path, at, generation, sha, depth) AS (
        SELECT f.rename_commit, f.rename_change, r.path_id, c.committed_at, c.generation, c.sha, 0
          FROM (SELECT DISTINCT f.rename_commit, f.rename_change FROM firsts f WHERE f.rename_commit IS NOT NULL) f
          JOIN git.changes r ON r.project_id = p_project_id AND r.commit_id = f.rename_commit
                                 AND r.change_no = f.rename_change
          JOIN git.commits c ON c.project_id = r.project_id AND c.commit_id = r.commit_id
        UNION ALL
        SELECT w.rename_commit, w.rename_change, nx.path, nx.committed_at, nx.generation, nx.sha, w.depth + 1
          FROM walk w
          CROSS JOIN LATERAL (
                SELECT x.path_id AS path, xc.committed_at, xc.generation, xc.sha
                  FROM git.changes x
                  JOIN git.commits xc ON xc.project_id = x.project_id AND xc.commit_id = x.commit_id
                 WHERE x.project_id = p_project_id AND x.status = 'R' AND x.old_path_id = w.path
                   AND (xc.committed_at, xc.generation, xc.sha) > (w.at, w.generation, w.sha)
                 ORDER BY xc.committed_at, xc.generation, xc.sha, x.change_no
                 LIMIT 1) nx
    ),
    destination AS (
        SELECT DISTINCT ON (w.rename_commit, w.rename_change) w.rename_commit, w.rename_change, w.path AS file_id
          FROM walk w
         ORDER BY w.rename_commit, w.rename_change, w.depth DESC
    ),
    resolved AS (
        SELECT f.commit_id, f.change_no, coalesce(d.file_id, f.path) AS file_id
          FROM firsts f
          LEFT JOIN destination d ON d.rename_commit = f.rename_commit AND d.rename_change = f.rename_change
    )
    UPDATE git.changes fc
       SET file_id = r.file_id
      FROM resolved r
     WHERE fc.project_id = p_project_id
       AND fc.commit_id = r.commit_id AND fc.change_no = r.change_no
       AND fc.file_id IS DISTINCT FROM r.file_id;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    RETURN v_changed;
END
$$;

-- Statistics of the table itself after a large ingest (a view has none).
CREATE OR REPLACE FUNCTION git.finish_ingest(p_project_id bigint, p_ref text, p_tip text, p_new_commits bigint DEFAULT 0) RETURNS TABLE(stored_commits bigint, lineage_rows_changed bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_commits bigint;
    v_lineage bigint;
    v_mark    bigint;
    v_last    bigint;
    v_pending bigint[];
BEGIN
    -- Brings lineage up to date and records where this ingest of p_ref ended.
    IF NOT EXISTS (SELECT FROM git.commits c WHERE c.project_id = p_project_id AND c.sha = p_tip) THEN
        RAISE EXCEPTION 'tip % of % was not ingested for project %', p_tip, p_ref, p_project_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'finish_ingest is called after the tip and its history are stored';
    END IF;
    SELECT count(*) INTO v_commits FROM git.commits c WHERE c.project_id = p_project_id;
    -- The commits stored since the last ingest's lineage (an interrupted ingest's too):
    -- refreshed on their own, or the whole project when there is no mark or they are many.
    SELECT m.through_commit_id INTO v_mark FROM git.lineage_marks m WHERE m.project_id = p_project_id;
    SELECT max(c.commit_id) INTO v_last FROM git.commits c WHERE c.project_id = p_project_id;
    v_pending := ARRAY(SELECT c.commit_id FROM git.commits c
                        WHERE c.project_id = p_project_id AND c.commit_id > coalesce(v_mark, 0)
                        ORDER BY c.commit_id);
    IF v_mark IS NULL OR cardinality(v_pending) * 10 >= v_commits THEN
        v_lineage := git.refresh_lineage(p_project_id);
    ELSE
        v_lineage := git.refresh_lineage(p_project_id, v_pending);
    END IF;
    INSERT INTO git.lineage_marks AS m (project_id, through_commit_id)
    VALUES (p_project_id, v_last)
    ON CONFLICT ON CONSTRAINT lineage_marks_pkey DO UPDATE
        SET through_commit_id = excluded.through_commit_id, refreshed_at = now();
    -- After a large ingest, fresh statistics make discovery plan well at once (autovacuum
    -- would catch up, but only after the first discovery ran on stale estimates).
    IF p_new_commits >= 1000 OR p_new_commits * 10 >= v_commits THEN
        ANALYZE git.commits;
        ANALYZE git.changes;
    END IF;
    INSERT INTO git.ingested_refs AS r (project_id, ref_name, tip_sha, commits)
    VALUES (p_project_id, p_ref, p_tip, v_commits)
    ON CONFLICT ON CONSTRAINT ingested_refs_pkey DO UPDATE
        SET tip_sha = excluded.tip_sha, commits = excluded.commits, ingested_at = now();
    RETURN QUERY SELECT v_commits, v_lineage;
END
$$;

-- A commit's changes by file number; the path is looked up once per (commit, file).
CREATE OR REPLACE FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_change
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH
    commits AS (
        SELECT c.commit_id, c.author_key,
               patterns.commit_type(split_part(c.message, E'\n', 1)) = 'fix' AS is_fix
          FROM git.commits c
         WHERE c.project_id = p_project_id AND NOT c.is_merge
           AND c.commit_id = ANY (p_commit_ids)
    ),
    changes AS (
        SELECT fc.commit_id, fc.file_id,
               sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS change_size,
               sum(coalesce(fc.lines_added, 0) - coalesce(fc.lines_deleted, 0)) AS net_lines,
               string_agg(fc.status::text, '' ORDER BY fc.change_no) AS statuses
          FROM git.changes fc
         WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
         GROUP BY fc.commit_id, fc.file_id
    )
    SELECT c.commit_id, g.path, c.author_key, (count(*) OVER (PARTITION BY c.commit_id))::integer, c.is_fix,
           ch.change_size, ch.net_lines, ch.statuses
      FROM commits c
      JOIN changes ch ON ch.commit_id = c.commit_id
      JOIN git.paths g ON g.project_id = p_project_id AND g.path_id = ch.file_id
$$;

CREATE OR REPLACE FUNCTION patterns.live_commits_of(p_project_id bigint, p_commit_ids bigint[]) RETURNS SETOF patterns.live_commits
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT p_project_id, c.commit_id, c.sha, c.author_key, c.author_name, c.authored_at, c.committed_at,
           (c.authored_at AT TIME ZONE 'UTC') + make_interval(mins => c.author_utc_offset),
           patterns.commit_type(split_part(c.message, E'\n', 1)), f.files, f.size, 0
      FROM git.commits c
      JOIN (SELECT fc.commit_id, count(DISTINCT fc.file_id)::integer AS files,
                   sum(coalesce(fc.lines_added, 0) + coalesce(fc.lines_deleted, 0)) AS size
              FROM git.changes fc
             WHERE fc.project_id = p_project_id AND fc.commit_id = ANY (p_commit_ids)
             GROUP BY fc.commit_id) f ON f.commit_id = c.commit_id
     WHERE c.project_id = p_project_id AND NOT c.is_merge
       AND c.commit_id = ANY (p_commit_ids)
$$;

-- Only the path mapping at the top changes: it reads the numbers. The rest as 0800 made it.
CREATE OR REPLACE FUNCTION api.suggest_cochanges(p_project text, p_files text[], p_k integer DEFAULT 10, p_author text DEFAULT NULL::text, p_ranking text DEFAULT 'recent'::text) RETURNS TABLE(file_path text, score double precision, confidence double precision, cochanges integer, query_file text, query_changes integer, recent_cochanges integer, recent_changes integer, author_cochanges integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
DECLARE
    v_project_id bigint;
    v_author_id  integer;
    v_beta       double precision := CASE WHEN p_author IS NULL THEN 0 ELSE 2 END;
    v_queries    text[];
    v_query_ids  integer[];
    v_row        record;
    v_files      text[] := ARRAY[]::text[];
    v_file_ids   integer[] := ARRAY[]::integer[];
    v_from       text[] := ARRAY[]::text[];
    v_scores     double precision[] := ARRAY[]::double precision[];
    v_cochanges  integer[] := ARRAY[]::integer[];
    v_changes    integer[] := ARRAY[]::integer[];
    v_group_ids     integer[] := ARRAY[]::integer[];
    v_group_from    text[] := ARRAY[]::text[];
    v_group_changes integer[] := ARRAY[]::integer[];
    v_group_score   double precision;
    v_group_nqx     integer;
    v_pick          record;
BEGIN
    /*
     * Spec section 6. Query paths are mapped through lineage (any path a file had); the
     * candidates are the files that changed with a query file in a counted commit (not a
     * merge, at most 30 files), less the query files and the files deleted as of the
     * latest commit. `recent`: score(x) = sum over q of s(q, x) / S(q), each sum over q's
     * counted commits j (newest first) of 2^(-(j - 1) / 16) * (1 + 2 [author of j = a]),
     * s over those that also change x; ties by n(q, x) of the contributing q (the q of the
     * largest term), then path. `confidence`: the best n(q, x) / n(q), ties by n(q, x),
     * then path.
     */
    PERFORM patterns.check_choice('ranking', p_ranking, ARRAY['recent', 'confidence']);
    IF p_ranking IS NULL THEN
        RAISE EXCEPTION 'ranking must be recent or confidence, not NULL' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_project_id := patterns.project_id(p_project);
    IF p_files IS NULL OR cardinality(p_files) = 0 THEN
        RAISE EXCEPTION 'give at least one file'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_k IS NULL OR p_k < 1 THEN
        RAISE EXCEPTION 'k must be at least 1, not %', coalesce(p_k::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The files a path names: the file whose latest path it is, and the files it was renamed
    -- into (a change at the path before such a rename belongs to the rename's file). Index
    -- probes, where the distinct latest paths of every change at the path would read a hot
    -- file's whole history. A path of the history that is no file's latest path (one renamed
    -- away) is no candidate and has no counts: it drops out in `clock` below.
    v_query_ids := ARRAY(
        SELECT r.file_id
          FROM git.paths g
          JOIN git.changes r ON r.project_id = v_project_id AND r.status = 'R' AND r.old_path_id = g.path_id
         WHERE g.project_id = v_project_id AND g.path = ANY (p_files)
        UNION
        SELECT g.path_id FROM git.paths g WHERE g.project_id = v_project_id AND g.path = ANY (p_files));
    v_queries := ARRAY(SELECT g.path FROM git.paths g WHERE g.project_id = v_project_id AND g.path_id = ANY (v_query_ids));
    v_author_id := (SELECT a.author_id FROM git.authors a WHERE a.project_id = v_project_id AND a.author_key = lower(p_author));
    -- Best first, a group of equal (score, n(q, x)) at a time: only the groups taken have their
    -- paths looked up (to order a group by path) and their deleted files left out (on ansible
    -- most of a hot file's partners are deleted: looking up every partner cost more than the
    -- ranking). Paths compare in "C" here: the grouping sorts run on bytes.
    FOR v_row IN
        WITH
        clock AS (
            SELECT g.path_id AS query_file_id, g.path COLLATE "C" AS query_file, f.cooc_changes AS n
              FROM patterns.file_change_counts f
              JOIN git.paths g ON g.project_id = v_project_id AND g.path = f.file_path
             WHERE f.project_id = v_project_id AND f.file_path = ANY (v_queries) AND f.cooc_changes > 0
        ),
        own AS MATERIALIZED (
            -- The author's counted commits of each query file (none without an author, or for
            -- `confidence`), and whether they are more than half of q's: then the author part is
            -- s0 less everyone else's, which reads fewer commits (a file changed by its author
            -- nearly alone, as on the 100K synthetic history, would otherwise read all of them).
            SELECT c.query_file_id, c.n, r.places, r.commit_ids, 2 * cardinality(r.places) > c.n AS others
              FROM clock c
              JOIN patterns.file_author_recency r
                ON r.project_id = v_project_id AND r.file_id = c.query_file_id AND r.author_id = v_author_id
             WHERE p_ranking = 'recent'
        ),
        mine AS MATERIALIZED (
            -- The commits read, the author's or everyone else's, and their ages (j - 1).
            SELECT o.query_file_id, o.n - m.place AS age, m.commit_id
              FROM own o
             CROSS JOIN LATERAL unnest(o.places, o.commit_ids) m (place, commit_id)
             WHERE NOT o.others
            UNION ALL
            SELECT o.query_file_id, o.n - m.place, m.commit_id
              FROM own o
              JOIN patterns.file_author_recency r
                ON r.project_id = v_project_id AND r.file_id = o.query_file_id AND r.author_id <> v_author_id
             CROSS JOIN LATERAL unnest(r.places, r.commit_ids) m (place, commit_id)
             WHERE o.others
        ),
        totals AS (
            -- S(q) = S0(q) + 2 S_a(q), S_a(q) the sum over the commits read or S0(q) less it.
            SELECT c.query_file_id, c.query_file, c.n, coalesce(o.others, false) AS others,
                   patterns.recency_total(c.n)
                   + v_beta * CASE WHEN o.others THEN patterns.recency_total(c.n) - coalesce(m.weight, 0)
                                   ELSE coalesce(m.weight, 0) END AS total
              FROM clock c
              LEFT JOIN own o ON o.query_file_id = c.query_file_id
              LEFT JOIN LATERAL (SELECT sum(patterns.recency_decay(m.age)) AS weight FROM mine m
                                  WHERE m.query_file_id = c.query_file_id) m ON true
        ),
        read AS (
            -- Per other file, the sum over the commits read, in age order: equal inputs give
            -- equal bits (exact ties). (The commits' files in one index scan, then matched:
            -- cheaper than a probe each.)
            SELECT m.query_file_id, x.file_id, sum(patterns.recency_decay(m.age) ORDER BY m.age) AS weight
              FROM patterns.live_changes x
              JOIN mine m ON m.commit_id = x.commit_id AND m.query_file_id <> x.file_id
             WHERE x.project_id = v_project_id AND x.commit_id = ANY (ARRAY(SELECT m.commit_id FROM mine m))
             GROUP BY m.query_file_id, x.file_id
        ),
        pairs AS (
            -- q's pairs in q's direction: the smaller number's sum or the larger's.
            SELECT t.query_file_id, t.query_file, t.n, t.total, t.others, p.file_id_2 AS candidate_id,
                   p.cochanges AS nqx, p.weight_1 * patterns.recency_decay(t.n - p.stamp_1) AS weight
              FROM totals t
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_1 = t.query_file_id
            UNION ALL
            SELECT t.query_file_id, t.query_file, t.n, t.total, t.others, p.file_id_1, p.cochanges,
                   p.weight_2 * patterns.recency_decay(t.n - p.stamp_2)
              FROM totals t
              JOIN patterns.file_pair_counts p ON p.project_id = v_project_id AND p.file_id_2 = t.query_file_id
        ),
        terms AS (
            -- s(q, x) = s0(q, x) + 2 s_a(q, x), s_a(q, x) the sum read or s0(q, x) less it.
            SELECT pr.query_file, pr.n, pr.candidate_id, pr.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN (pr.weight + v_beta * CASE WHEN pr.others THEN pr.weight - coalesce(r.weight, 0)
                                                        ELSE coalesce(r.weight, 0) END) / pr.total
                        ELSE pr.nqx::double precision / pr.n END AS term
              FROM pairs pr
              LEFT JOIN read r ON r.query_file_id = pr.query_file_id AND r.file_id = pr.candidate_id
             WHERE pr.candidate_id <> ALL (v_query_ids)
        ),
        ranked AS (
            -- Per candidate: the summed (recent) or best (confidence) term, and the query file
            -- of its largest term. Terms are added in query-file order, so that candidates with
            -- equal terms get equal bits (in any order rounding split such ties: 2 of 500
            -- answers of several files on the 100K synthetic history).
            SELECT DISTINCT ON (tm.candidate_id) tm.candidate_id, tm.query_file, tm.n, tm.nqx,
                   CASE WHEN p_ranking = 'recent'
                        THEN sum(tm.term) OVER (PARTITION BY tm.candidate_id ORDER BY tm.query_file
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                        ELSE tm.term END AS score
              FROM terms tm
             ORDER BY tm.candidate_id, tm.term DESC, tm.nqx DESC, tm.query_file
        )
        -- Then a sentinel row: the last group of equal (score, n(q, x)) is taken at its end.
        SELECT false AS sentinel, r.candidate_id, r.query_file COLLATE "default" AS query_file, r.n, r.nqx, r.score
          FROM ranked r
        UNION ALL
        SELECT true, NULL, NULL, NULL, NULL, NULL
         ORDER BY sentinel, score DESC, nqx DESC
    LOOP
        IF cardinality(v_group_ids) > 0
           AND (v_row.sentinel OR (v_row.score, v_row.nqx) <> (v_group_score, v_group_nqx)) THEN
            FOR v_pick IN
                SELECT u.id, u.path, u.query_file, u.n
                  FROM (SELECT g.id, g.query_file, g.n,
                               (SELECT x.path FROM git.paths x WHERE x.project_id = v_project_id AND x.path_id = g.id) AS path
                          FROM unnest(v_group_ids, v_group_from, v_group_changes) g (id, query_file, n)) u
                 WHERE NOT EXISTS (SELECT FROM patterns.deleted_files d WHERE d.project_id = v_project_id AND d.file_id = u.id)
                 ORDER BY u.path COLLATE "C"
                 LIMIT p_k - cardinality(v_files)
            LOOP
                v_files := v_files || v_pick.path;
                v_file_ids := v_file_ids || v_pick.id;
                v_from := v_from || v_pick.query_file;
                v_scores := v_scores || v_group_score;
                v_cochanges := v_cochanges || v_group_nqx;
                v_changes := v_changes || v_pick.n;
            END LOOP;
            EXIT WHEN cardinality(v_files) >= p_k;
            v_group_ids := ARRAY[]::integer[];
            v_group_from := ARRAY[]::text[];
            v_group_changes := ARRAY[]::integer[];
        END IF;
        v_group_ids := v_group_ids || v_row.candidate_id;
        v_group_from := v_group_from || v_row.query_file;
        v_group_changes := v_group_changes || v_row.n;
        v_group_score := v_row.score;
        v_group_nqx := v_row.nqx;
    END LOOP;
    RETURN QUERY
    WITH
    chosen AS (
        SELECT * FROM unnest(v_files, v_file_ids, v_from, v_scores, v_cochanges, v_changes)
                      WITH ORDINALITY u (candidate, candidate_id, query_file, score, nqx, n, rank)
    ),
    -- The evidence a person reads: of q's last 20 counted changes, those that changed the file too
    -- (read once per query file, not once per row).
    recent AS MATERIALIZED (
        SELECT q.query_file, l.commit_id, l.author_key
          FROM (SELECT DISTINCT ch.query_file FROM chosen ch) q
          JOIN git.paths g ON g.project_id = v_project_id AND g.path = q.query_file
         CROSS JOIN LATERAL (
                SELECT l.commit_id, c.author_key
                  FROM patterns.live_changes l
                  JOIN patterns.live_commits c ON c.project_id = l.project_id AND c.commit_id = l.commit_id
                 WHERE l.project_id = v_project_id AND l.file_id = g.path_id AND c.files <= 30
                 ORDER BY l.ordinal DESC
                 LIMIT 20) l
    ),
    shared AS (
        SELECT r.query_file, x.file_id, count(*) AS shared, count(*) FILTER (WHERE r.author_key = lower(p_author)) AS yours
          FROM recent r
          JOIN patterns.live_changes x ON x.project_id = v_project_id AND x.commit_id = r.commit_id
         GROUP BY r.query_file, x.file_id
    )
    SELECT ch.candidate, ch.score, ch.nqx::double precision / ch.n, ch.nqx, ch.query_file, ch.n,
           coalesce(s.shared, 0)::integer, (SELECT count(*) FROM recent r WHERE r.query_file = ch.query_file)::integer,
           CASE WHEN p_author IS NOT NULL THEN coalesce(s.yours, 0)::integer END
      FROM chosen ch
      LEFT JOIN shared s ON s.query_file = ch.query_file AND s.file_id = ch.candidate_id
     ORDER BY ch.rank;
END
$$;


COMMENT ON FUNCTION git.refresh_lineage(p_project_id bigint) IS 'Recomputes git.changes.file_id (the latest path, git.file_changes.latest_path) of a whole project from its renames (see spec/change-patterns.md, Inputs: only renames move history); returns the number of rows it changed. Idempotent; a first ingest and a bulk one use it, later ingests git.refresh_lineage(project, commits).';
COMMENT ON FUNCTION git.refresh_lineage(p_project_id bigint, p_commit_ids bigint[]) IS 'Brings git.changes.file_id (the latest path) up to date after the given commits were stored (the rest of the project as the previous refresh left it): their changes, and the earlier changes whose file one of their renames moves; returns the number of rows it changed. The work follows what the commits touch, not the length of the history; the result is that of git.refresh_lineage(project).';
COMMENT ON FUNCTION patterns.live_changes_of(p_project_id bigint, p_commit_ids bigint[]) IS 'The changes of T among these commits of a project with their commits'' columns (patterns.live_change), computed from git.commits and git.changes.';
