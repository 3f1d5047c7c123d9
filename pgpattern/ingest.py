"""`pgpattern ingest`: stream a repository's history into git.commits and git.changes (git.file_changes).

One transaction per batch: a commit and its file changes land together or not at all.
Commits already stored are skipped, so an ingest killed at any moment and run again
ends with exactly the rows of an uninterrupted run. One ingest per project at a time.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice

import psycopg

from .errors import PgPatternError
from .gitlog import Commit, Repository
from .target import connect, require_migrated, wait_for_advisory_lock

# pg_advisory_lock(int, int) class for "an ingest of project N runs".
INGEST_LOCK_CLASS = 0x70677069  # "pgpi": core.lock_class('ingest')
DEFAULT_BATCH_SIZE = 1000

COMMIT_COLUMNS = ("project_id", "sha", "parent_shas", "author_name", "author_email", "authored_at",
                  "author_utc_offset", "committer_name", "committer_email", "committed_at", "message",
                  "generation", "flags", "raw_object")
# git.changes stores paths as their git.paths numbers; a change is its own file's until the
# lineage refresh at the end of the ingest (file_id = path_id).
CHANGE_COLUMNS = ("project_id", "commit_id", "change_no", "status", "path_id", "old_path_id", "lines_added",
                  "lines_deleted", "old_mode", "new_mode", "file_id")
# A file change as it is written: commit_id, change_no, status, path, old_path, lines_added,
# lines_deleted, old_mode, new_mode.
ChangeRow = tuple[int, int, str, str, str | None, int | None, int | None, int, int]


class HistoryRewritten(PgPatternError):
    """The ingested tip is no longer in the ref's history (a force push, a rebase)."""


@dataclass
class IngestResult:
    project: str
    project_id: int | None
    ref: str
    tip: str | None
    new_commits: int
    new_changes: int
    stored_commits: int
    seconds: float
    shallow: bool
    flagged: int


class Progress:
    """What ingest reports while it runs; the CLI draws a bar from it."""

    def start(self, total: int) -> None: ...
    def advance(self, commits: int) -> None: ...
    def note(self, message: str) -> None: ...


def default_project_name(repo: Repository) -> str:
    name = repo.path.name
    return name[:-4] if name.endswith(".git") and len(name) > 4 else name


def batched(items: Iterable[Commit], size: int) -> Iterator[list[Commit]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(conninfo: str, path: str, project: str | None = None, ref: str = "HEAD", full: bool = False,
           batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None,
           lock_timeout: float = 600, reingest_rewritten: bool = False) -> IngestResult:
    if batch_size < 1:
        raise PgPatternError(f"--batch-size must be at least 1, not {batch_size}")
    progress = progress or Progress()
    started = time.monotonic()
    repo = Repository(path)
    name = default_project_name(repo) if project is None else project
    tip = repo.resolve(ref)
    # Asked only when the ref names nothing: listing every ref's commits takes most of a
    # second in a repository with many refs (a GitHub mirror's pull requests).
    if tip is None and not repo.has_commits():
        progress.note(f"{repo.path} has no commits: nothing to ingest")
        return IngestResult(name, None, ref, None, 0, 0, 0, 0.0, repo.is_shallow, 0)
    if tip is None:
        raise PgPatternError(f"ref {ref!r} names no commit in {repo.path}",
                             hint="give a branch, tag or commit that exists (see git branch -a)")
    if repo.is_shallow:
        progress.note(f"{repo.path} is a shallow clone: only the history it holds is ingested "
                      "(git fetch --unshallow fetches the rest)")

    with connect(conninfo, long_running=True) as conn:
        require_migrated(conn, "git.begin_ingest", "git history store")
        try:
            project_id, previous_tip, stored = conn.execute(
                "SELECT * FROM git.begin_ingest(%s, %s, %s)", (name, str(repo.path), ref)).fetchone()
        except psycopg.errors.InvalidParameterValue as e:
            raise PgPatternError(e.diag.message_primary,
                                 hint="choose another name with --project NAME (by default the repository "
                                      "directory's name is used)") from None
        conn.commit()
        wait_for_advisory_lock(conn, (INGEST_LOCK_CLASS, project_id),
                               f"another ingest or a pattern update of project {name!r}",
                               lock_timeout, progress.note)
        exclude: list[str] = []
        if previous_tip and not full and _deepened(conn, repo, project_id):
            progress.note(f"{repo.path} holds more history than when it was last ingested (a shallow clone "
                          "deepened or unshallowed since): ingesting it again in full")
            full = True
        if previous_tip and not full:
            if previous_tip == tip:
                return IngestResult(name, project_id, ref, tip, 0, 0, stored, time.monotonic() - started,
                                    repo.is_shallow, 0)
            rewritten = not repo.has_object(previous_tip) or not repo.is_ancestor(previous_tip, tip)
            if rewritten and reingest_rewritten:
                progress.note(f"the history of {ref} was rewritten since the last ingest: ingesting it again")
                full = True
            elif rewritten:
                raise HistoryRewritten(
                    f"the history of {ref} in {repo.path} was rewritten since the last ingest: "
                    f"the ingested tip {previous_tip[:12]} is no longer part of it (a force push or rebase?)",
                    hint=f"run pgpattern ingest --full {shlex.quote(str(repo.path))} to ingest it again from scratch")
            else:
                exclude = [previous_tip]
        total = repo.count(tip, exclude)
        progress.start(total)
        totals = [0, 0, 0]  # new commits, new file changes, flagged commits
        path_ids: dict[str, int] = {}  # git.paths numbers known so far (a failed batch ends the ingest)

        def store(batch: list[Commit], forget: bool) -> tuple[int, int, int]:
            with conn.transaction():
                if forget:
                    conn.execute("SELECT git.forget_history(%s)", (project_id,))
                return _write_batch(conn, project_id, batch, path_ids)

        def collect(pending: tuple[Future, int]) -> None:
            for i, count in enumerate(pending[0].result()):
                totals[i] += count
            progress.advance(pending[1])

        # One batch is written while the next is read from git: at most two in memory.
        with ThreadPoolExecutor(max_workers=1) as writer:
            in_flight: tuple[Future, int] | None = None
            for number, batch in enumerate(batched(repo.commits(tip, exclude), batch_size)):
                if in_flight:
                    collect(in_flight)
                in_flight = (writer.submit(store, batch, full and number == 0), len(batch))
            if in_flight:
                collect(in_flight)
        new_commits, new_changes, flagged = totals
        with conn.transaction():
            stored, _ = conn.execute("SELECT * FROM git.finish_ingest(%s, %s, %s, %s)",
                                     (project_id, ref, tip, new_commits)).fetchone()
        # Pattern updates leave a project alone while its ingest runs; wake the workers once
        # it no longer does.
        with conn.transaction():
            conn.execute("SELECT pg_advisory_unlock(%s, %s)", (INGEST_LOCK_CLASS, project_id))
            conn.execute("SELECT pg_notify('pgpattern_pattern_updates', %s)", (str(project_id),))
    return IngestResult(name, project_id, ref, tip, new_commits, new_changes, stored,
                        time.monotonic() - started, repo.is_shallow, flagged)


def _deepened(conn: psycopg.Connection, repo: Repository, project_id: int) -> bool:
    """Whether a commit stored without parents has parents in the repository now.

    A shallow clone's boundary commits look like roots to git, and are stored so; once the
    clone is deepened they have parents, and they, their file changes and the generations
    of everything after them are no longer right. Reading again from the tip would not
    see the older history either: it is all behind the ingested tip.
    """
    roots = [row[0] for row in conn.execute(
        "SELECT sha FROM git.commits WHERE project_id = %s AND cardinality(parent_shas) = 0", (project_id,))]
    conn.commit()
    return bool(roots) and bool(repo.with_parents(roots))


def _write_batch(conn: psycopg.Connection, project_id: int, batch: list[Commit],
                 path_ids: dict[str, int]) -> tuple[int, int, int]:
    """COPY the commits of a batch that are not stored yet, then their file changes."""
    shas = [c.sha for c in batch]
    parents = {p for c in batch for p in c.parents}
    known = dict(conn.execute(
        "SELECT sha, generation FROM git.commits WHERE project_id = %s AND sha = ANY(%s)",
        (project_id, list(parents | set(shas)))).fetchall())
    new = [c for c in batch if c.sha not in known]
    if not new:
        return 0, 0, 0
    # git lists parents before children, so a parent's generation is known when needed.
    generation: dict[str, int] = {}
    for c in new:
        generation[c.sha] = 1 + max((known.get(p, generation.get(p, -1)) for p in c.parents), default=-1)
    with conn.cursor().copy(f"COPY git.commits ({', '.join(COMMIT_COLUMNS)}) FROM STDIN") as copy:
        for c in new:
            copy.write_row((project_id, c.sha, c.parents, c.author_name, c.author_email, c.authored_at,
                            c.author_utc_offset, c.committer_name, c.committer_email, c.committed_at,
                            c.message, generation[c.sha], c.flags, c.raw_object))
    ids = dict(conn.execute("SELECT sha, commit_id FROM git.commits WHERE project_id = %s AND sha = ANY(%s)",
                            (project_id, [c.sha for c in new])).fetchall())
    changes = copy_changes(conn, project_id, [
        (ids[c.sha], number, fc.status, fc.path, fc.old_path, fc.lines_added, fc.lines_deleted, fc.old_mode,
         fc.new_mode)
        for c in new for number, fc in enumerate(c.changes, 1)], path_ids)
    return len(new), changes, sum(1 for c in new if c.flags)


def copy_changes(conn: psycopg.Connection, project_id: int, rows: list[ChangeRow],
                 number: dict[str, int] | None = None) -> int:
    """COPY file changes into git.changes in one statement, their paths given numbers first
    (git.path_ids); returns how many were written. `number` holds the numbers known from
    earlier batches of the same ingest (only the other paths are asked for) and learns the new."""
    if not rows:
        return 0
    number = {} if number is None else number
    paths = {row[3] for row in rows} | {row[4] for row in rows if row[4] is not None}
    if unknown := list(paths - number.keys()):
        number.update(conn.execute("SELECT path, path_id FROM git.path_ids(%s::bigint, %s::text[])",
                                   (project_id, unknown)).fetchall())
    with conn.cursor().copy(f"COPY git.changes ({', '.join(CHANGE_COLUMNS)}) FROM STDIN") as copy:
        for commit_id, change_no, status, path, old_path, added, deleted, old_mode, new_mode in rows:
            path_id = number[path]
            copy.write_row((project_id, commit_id, change_no, status, path_id,
                            None if old_path is None else number[old_path], added, deleted, old_mode, new_mode,
                            path_id))
    return len(rows)
