"""Building real git repositories for tests: commits with chosen authors, dates, files and renames."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

START = datetime(2024, 1, 1, tzinfo=UTC)

BASE_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "GIT_CONFIG_GLOBAL": "/dev/null",
            "PATH": os.environ["PATH"], "LC_ALL": "C"}


class GitRepo:
    def __init__(self, path: Path, bare: bool = False):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", *(["--bare"] if bare else []))
        self.tick = 0

    def git(self, *args: str | bytes, env: dict | None = None, input: bytes | None = None) -> str:
        out = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, input=input,
                             env={**BASE_ENV, **(env or {})})
        if out.returncode != 0:
            raise AssertionError(f"git {args} failed: {out.stderr.decode(errors='replace')}")
        return out.stdout.decode(errors="replace").strip()

    def write(self, path: str | bytes, content: str | bytes) -> None:
        target = os.path.join(os.fsencode(self.path), os.fsencode(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)

    def commit(self, message: str = "change", files: dict | None = None, renames: dict | None = None,
               deletes: list | None = None, author: tuple[str, str] = ("Ann", "ann@example.com"),
               date: str | None = None, allow_empty: bool = False) -> str:
        """Rename, delete, then write files, and commit everything with a fixed author and date."""
        for old, new in (renames or {}).items():
            os.makedirs(os.path.dirname(os.path.join(self.path, new)), exist_ok=True)
            self.git("mv", old, new)
        for path in deletes or []:
            self.git("rm", "-q", path)
        for path, content in (files or {}).items():
            self.write(path, content)
        self.git("add", "-A")
        self.tick += 1
        when = date or (START + timedelta(minutes=self.tick)).isoformat()
        env = {"GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1], "GIT_AUTHOR_DATE": when,
               "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1], "GIT_COMMITTER_DATE": when}
        self.git("commit", "-q", "--no-verify", *(["--allow-empty"] if allow_empty else []), "-m", message,
                 env=env)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def raw_commit(self, author_line: bytes, message: bytes, extra_headers: bytes = b"") -> str:
        """A commit object written byte for byte (broken offsets, NUL bytes, other encodings)."""
        tree = self.git("write-tree")
        parent = self.git("rev-parse", "--verify", "-q", "HEAD") if self.git("rev-list", "--all") else ""
        body = b"tree " + tree.encode() + b"\n"
        if parent:
            body += b"parent " + parent.encode() + b"\n"
        body += b"author " + author_line + b"\ncommitter C <c@example.com> 1700000000 +0000\n" + extra_headers
        body += b"\n" + message
        sha = self.git("hash-object", "-t", "commit", "-w", "--literally", "--stdin", input=body)
        self.git("update-ref", "HEAD", sha)
        return sha
