"""Reading a repository's history with git itself.

`git log -z --raw --numstat -M` gives each commit's parents, mailmapped identities,
dates and file changes; `git cat-file --batch` gives its exact message (git log
stops a message at a NUL byte). Records are split on a random marker that cannot
occur in git's output (paths hold no NUL, messages are not read from the log).
Nothing is held beyond the commit being parsed: memory does not grow with history.
"""

from __future__ import annotations

import codecs
import os
import re
import secrets
import shlex
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .errors import PgPatternError, one_line

# Real histories hold offsets outside the ones on Earth; those are stored as 0 and flagged.
MIN_OFFSET, MAX_OFFSET = -12 * 60, 14 * 60
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
READ_SIZE = 1 << 16
MESSAGE_CHUNK = 256  # commits whose messages are fetched in one round trip
REPOSITORY_HINT = "give the path of a clone (a work tree or a bare repository)"


class GitError(PgPatternError):
    """git refused, or the path is not a repository git can read."""


@dataclass
class FileChange:
    status: str
    path: str
    old_path: str | None
    lines_added: int | None      # None for a binary file
    lines_deleted: int | None
    old_mode: int
    new_mode: int


@dataclass
class Commit:
    sha: str
    parents: list[str]
    author_name: str
    author_email: str
    authored_at: datetime
    author_utc_offset: int       # minutes east of UTC
    committer_name: str
    committer_email: str
    committed_at: datetime
    message: str
    raw_object: bytes | None     # the exact commit object, kept when a field could not be stored exactly
    flags: list[str] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)


def _text(raw: bytes, flags: list[str], what: str, encoding: str = "utf-8") -> str:
    """Decode for a PostgreSQL text column (no NUL, valid UTF-8), flagging any loss."""
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        flags.append(f"{what}_not_utf8")
        text = raw.decode("utf-8", "replace")
    if "\x00" in text:
        flags.append(f"{what}_has_nul")
        text = text.replace("\x00", "\ufffd")
    return text


def _path(raw: bytes, flags: list[str]) -> str:
    """A path as text: bytes that are not UTF-8 become \\xNN escapes (reversible, flagged)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if "path_not_utf8" not in flags:
            flags.append("path_not_utf8")
        return raw.decode("utf-8", "backslashreplace")


def _timestamp(seconds: int, flags: list[str], what: str) -> datetime:
    try:
        return EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        flags.append(f"{what}_date_out_of_range")
        return EPOCH


def _offset(tz: bytes, flags: list[str]) -> int:
    match = re.fullmatch(rb"([+-])(\d\d)(\d\d)", tz)
    if match:
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        minutes = -minutes if match.group(1) == b"-" else minutes
        if int(match.group(3)) < 60 and MIN_OFFSET <= minutes <= MAX_OFFSET:
            return minutes
    flags.append("invalid_author_offset")
    return 0


class Repository:
    """A git repository (work tree or bare) read through the git command."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path).expanduser().absolute()
        if not self.path.exists():
            raise GitError(f"{self.path} does not exist", hint=REPOSITORY_HINT)
        if not self.path.is_dir():
            raise GitError(f"{self.path} is a file, not a git repository", hint=REPOSITORY_HINT)
        probe = subprocess.run(["git", "-C", str(self.path), "rev-parse", "--git-dir",
                                "--is-bare-repository", "--is-shallow-repository"],
                               capture_output=True, text=True)
        if probe.returncode != 0:
            raise GitError(f"{self.path} is not a git repository", hint=REPOSITORY_HINT)
        git_dir, bare, shallow = probe.stdout.split()
        self.git_dir = (self.path / git_dir).resolve()
        self.is_bare = bare == "true"
        self.is_shallow = shallow == "true"
        self._config = self._base_config()

    @property
    def git_hint(self) -> str:
        return f"check that git itself can read it: git -C {shlex.quote(str(self.path))} log -1"

    def _base_config(self) -> list[str]:
        config = ["-c", "core.quotepath=off", "-c", "diff.renames=true", "-c", "diff.relative=false",
                  "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8"]
        # git reads .mailmap from the work tree; a bare repository has none unless told.
        if self.is_bare and not self._git("config", "--get", "mailmap.blob", check=False).strip() \
                and self._git("cat-file", "-e", "HEAD:.mailmap", check=False, status=True) == 0:
            config += ["-c", "mailmap.blob=HEAD:.mailmap"]
        return config

    def _git(self, *args: str, check: bool = True, status: bool = False):
        proc = subprocess.run(["git", "-C", str(self.path), *getattr(self, "_config", []), *args],
                              capture_output=True, text=True)
        if status:
            return proc.returncode
        if check and proc.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed in {self.path}: {one_line(proc.stderr)}",
                           hint=self.git_hint)
        return proc.stdout

    def resolve(self, ref: str) -> str | None:
        """The commit sha a ref names, or None when it names nothing (an empty repository's HEAD)."""
        out = subprocess.run(["git", "-C", str(self.path), "rev-parse", "--verify", "--quiet",
                              "--end-of-options", f"{ref}^{{commit}}"], capture_output=True, text=True)
        return out.stdout.strip() or None

    def has_commits(self) -> bool:
        return bool(self._git("rev-list", "-n", "1", "--all", check=False).strip())

    def has_object(self, sha: str) -> bool:
        return self._git("cat-file", "-e", f"{sha}^{{commit}}", check=False, status=True) == 0

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        return self._git("merge-base", "--is-ancestor", ancestor, descendant, check=False, status=True) == 0

    def with_parents(self, shas: list[str]) -> set[str]:
        """Those of these commits that have parents here (None of them when git cannot tell)."""
        proc = subprocess.run(["git", "-C", str(self.path), "rev-list", "--no-walk", "--parents", "--stdin"],
                              input="".join(f"{sha}\n" for sha in shas), capture_output=True, text=True)
        if proc.returncode != 0:
            return set()
        return {fields[0] for fields in (line.split() for line in proc.stdout.splitlines()) if len(fields) > 1}

    def count(self, tip: str, exclude: list[str]) -> int:
        return int(self._git("rev-list", "--count", tip, *[f"^{sha}" for sha in exclude]).strip())

    def log_command(self, tip: str, exclude: list[str], marker: str) -> list[str]:
        fmt = f"%x00{marker}%x00%H%x00%P%x00%aN%x00%aE%x00%ad%x00%cN%x00%cE%x00%cd%x00{marker}-end%x00"
        return ["git", "-C", str(self.path), *self._config, "log", "--reverse", "--topo-order",
                "-z", "--raw", "--numstat", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
                "--no-abbrev", "--date=raw", f"--format={fmt}", tip, *[f"^{sha}" for sha in exclude], "--"]

    def commits(self, tip: str, exclude: list[str] | None = None) -> Iterator[Commit]:
        """Commits reachable from tip and not from exclude, parents before children."""
        marker = "pgpattern-" + secrets.token_hex(16)
        start = f"\0{marker}\0".encode()
        log = subprocess.Popen(self.log_command(tip, exclude or [], marker), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
        messages = _MessageReader(self)
        stderr: list[bytes] = []
        drain = threading.Thread(target=lambda: stderr.append(log.stderr.read()), daemon=True)
        drain.start()
        try:
            buffer = b""
            pending: list[bytes] = []
            while True:
                chunk = log.stdout.read(READ_SIZE)
                if chunk:
                    buffer += chunk
                parts = buffer.split(start)
                # The last part may be incomplete until the next marker or the end of output.
                complete, buffer = (parts[:-1], parts[-1]) if chunk else (parts, b"")
                pending.extend(r for r in complete if r)
                if len(pending) >= MESSAGE_CHUNK or (not chunk and pending):
                    # One pipelined round of cat-file for many commits: no wait per commit.
                    raws = messages.read_many([r[:r.index(b"\0")].decode() for r in pending])
                    for record, raw in zip(pending, raws):
                        try:
                            commit = self._parse(record, marker, raw)
                        except GitError:
                            # git died while listing this commit (its output cut short): say why.
                            try:
                                died = log.wait(timeout=5) != 0
                            except subprocess.TimeoutExpired:
                                died = False
                            if died:
                                raise self._log_failed(drain, stderr, record[:record.index(b"\0")].decode()) from None
                            raise
                        yield commit
                    pending = []
                if not chunk:
                    break
            if log.wait() != 0:
                raise self._log_failed(drain, stderr)
        finally:
            if log.poll() is None:
                log.kill()
                log.wait()
            messages.close()

    def _log_failed(self, drain: threading.Thread, stderr: list[bytes], sha: str | None = None) -> GitError:
        """git log's failure with git's reason, and the commit it was listing when it died."""
        drain.join()
        reason = one_line(b"".join(stderr).decode(errors="replace"))
        hint = self.git_hint
        if "unable to read" in reason:
            hint = ("the repository is missing objects git needs to compare file versions (a partial or "
                    f"damaged clone): git -C {shlex.quote(str(self.path))} fsck lists them; fetch the "
                    "complete history, then ingest again")
        where = f" at commit {sha}" if sha else ""
        return GitError(f"git log failed in {self.path}{where}: {reason}", hint=hint)

    def _parse(self, record: bytes, marker: str, raw: bytes) -> Commit:
        end = f"\0{marker}-end\0".encode()
        head, _, diff = record.partition(end)
        sha, parents, a_name, a_email, a_date, c_name, c_email, c_date = head.split(b"\0")
        flags: list[str] = []
        a_seconds, _, a_tz = a_date.partition(b" ")
        message, lossy_encoding = _message(raw, flags)
        commit = Commit(
            sha=sha.decode(), parents=parents.decode().split(),
            author_name=_text(a_name, flags, "author_name"), author_email=_text(a_email, flags, "author_email"),
            authored_at=_timestamp(int(a_seconds), flags, "authored"), author_utc_offset=_offset(a_tz, flags),
            committer_name=_text(c_name, flags, "committer_name"),
            committer_email=_text(c_email, flags, "committer_email"),
            committed_at=_timestamp(int(c_date.partition(b" ")[0]), flags, "committed"),
            message=message, raw_object=None, flags=flags,
        )
        commit.changes = _parse_changes(diff, flags)
        # Keep the exact object whenever a field of it could not be stored exactly.
        if lossy_encoding or any(f.endswith(("_not_utf8", "_has_nul", "_out_of_range")) or
                                 f == "invalid_author_offset" for f in flags):
            commit.raw_object = raw
        return commit


def _message(raw: bytes, flags: list[str]) -> tuple[str, bool]:
    """The message of a raw commit object, decoded by its encoding header."""
    headers, _, body = raw.partition(b"\n\n")
    encoding = "utf-8"
    for line in headers.split(b"\n"):
        if line.startswith(b"encoding "):
            name = line[9:].decode("ascii", "replace").strip()
            try:
                encoding = codecs.lookup(name).name
            except LookupError:
                flags.append("unknown_encoding")
    before = len(flags)
    text = _text(body, flags, "message", encoding)
    return text, len(flags) > before


def _parse_changes(diff: bytes, flags: list[str]) -> list[FileChange]:
    """Pair git's --raw entries (status, modes) with its --numstat entries (lines), in order."""
    tokens = diff.lstrip(b"\0\n").split(b"\0")
    raw_entries, stats = [], []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        if not token:
            i += 1
        elif token.startswith(b":"):
            old_mode, new_mode, _, _, status = token[1:].split(b" ")
            letter = status[:1].decode()
            if letter in ("R", "C"):
                raw_entries.append((letter, tokens[i + 2], tokens[i + 1], int(old_mode, 8), int(new_mode, 8)))
                i += 3
            else:
                raw_entries.append((letter, tokens[i + 1], None, int(old_mode, 8), int(new_mode, 8)))
                i += 2
        else:
            added, deleted, path = token.split(b"\t", 2)
            if path:
                i += 1
            else:  # a rename or copy: the two paths follow
                i += 3
            stats.append((None if added == b"-" else int(added), None if deleted == b"-" else int(deleted)))
    if len(stats) != len(raw_entries):
        raise GitError(f"git printed {len(raw_entries)} changed paths but {len(stats)} line counts")
    return [FileChange(status=letter, path=_path(path, flags),
                       old_path=_path(old, flags) if old is not None else None,
                       lines_added=added, lines_deleted=deleted, old_mode=old_mode, new_mode=new_mode)
            for (letter, path, old, old_mode, new_mode), (added, deleted) in zip(raw_entries, stats)]


class _MessageReader:
    """A `git cat-file --batch` process answering many commits per round trip."""

    def __init__(self, repo: Repository):
        self.proc = subprocess.Popen(["git", "-C", str(repo.path), "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read_many(self, shas: list[str]) -> list[bytes]:
        # A writer thread feeds the shas while this one reads the answers, so neither pipe fills up.
        writer = threading.Thread(target=self._write, args=(shas,), daemon=True)
        writer.start()
        objects = [self._read(sha) for sha in shas]
        writer.join()
        return objects

    def _write(self, shas: list[str]) -> None:
        self.proc.stdin.write("".join(f"{sha}\n" for sha in shas).encode())
        self.proc.stdin.flush()

    def _read(self, sha: str) -> bytes:
        header = self.proc.stdout.readline().split()
        if len(header) != 3 or header[1] != b"commit":
            raise GitError(f"git cat-file could not read commit {sha}")
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)  # the newline after the object
        return data

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()
