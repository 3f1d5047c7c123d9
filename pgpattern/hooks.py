"""`pgpattern hook install|uninstall`: git hooks that ingest new commits in the background.

Each ingests what is new; after an amend or a rebase (history rewritten) it ingests the
history again in full, since the commits it replaced are no longer history. With --suggest,
a pre-commit hook also prints the files that usually change with the staged ones and are not
staged (`pgpattern suggest --staged`); it never blocks the commit: whatever happens to it
(no database, a slow answer past its time limit, pgpattern gone), its part exits 0. A hook
that was there before is kept beside ours, run first with its arguments and input, and its
exit status is returned (so a pre-commit hook of the repository's own still decides);
uninstall puts it back.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

from .errors import PgPatternError
from .gitlog import Repository

HOOKS = ("post-commit", "post-merge", "post-rewrite")
SUGGEST_HOOK = "pre-commit"
SUGGEST_SECONDS = 5  # the suggest hook's own limit; `timeout` (where there is one) ends it 5 s later
MARKER = "# installed by pgpattern hook install"
SAVED_SUFFIX = ".pgpattern-saved"


def hooks_dir(repo: Repository) -> Path:
    out = subprocess.run(["git", "-C", str(repo.path), "rev-parse", "--git-path", "hooks"],
                         capture_output=True, text=True, check=True).stdout.strip()
    path = Path(out)
    return path if path.is_absolute() else (repo.path / path).resolve()


def _is_ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(errors="replace")
    except FileNotFoundError:
        return False


def _script(name: str, repo: Repository, project: str | None, dsn: str | None, log: Path) -> str:
    # The pgpattern beside this Python: the one that installed the hook.
    command = [str(Path(sys.executable).parent / "pgpattern"), "ingest", "--quiet", "--reingest-rewritten"]
    if project:
        command += ["--project", project]
    if dsn:
        command += ["--dsn", dsn]
    command.append(str(repo.path))
    return f"""#!/bin/sh
{MARKER}: ingest new commits without making git wait.
status=0
saved="$(dirname "$0")/{name}{SAVED_SUFFIX}"
if [ -x "$saved" ]; then
    "$saved" "$@"
    status=$?
fi
( {_env()}{' '.join(shlex.quote(c) for c in command)} >>{shlex.quote(str(log))} 2>&1 </dev/null & )
exit $status
"""


def _suggest_script(repo: Repository, project: str | None, dsn: str | None) -> str:
    command = [str(Path(sys.executable).parent / "pgpattern"), "suggest", "--hook", "--staged", "-k", "5",
               "--time-limit", str(SUGGEST_SECONDS)]
    if project:
        command += ["--project", project]
    if dsn:
        command += ["--dsn", dsn]
    command.append(str(repo.path))
    return f"""#!/bin/sh
{MARKER}: suggest files that usually change with the staged ones; never blocks the commit.
status=0
saved="$(dirname "$0")/{SUGGEST_HOOK}{SAVED_SUFFIX}"
if [ -x "$saved" ]; then
    "$saved" "$@"
    status=$?
fi
if [ $status -eq 0 ]; then
    limit=""
    if command -v timeout >/dev/null 2>&1; then
        limit="timeout {2 * SUGGEST_SECONDS}"
    fi
    {_env()}$limit {' '.join(shlex.quote(c) for c in command)} </dev/null || true
fi
exit $status
"""


def _env() -> str:
    env = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in ("PGPATTERN_HOME", "PGPATTERN_DSN",
                                                               "PGPATTERN_PG_BINDIR")
                   if os.environ.get(k))
    return env + " " if env else ""


def install(path: str, project: str | None = None, dsn: str | None = None, suggest: bool = False) -> list[str]:
    repo = Repository(path)
    directory = hooks_dir(repo)
    directory.mkdir(parents=True, exist_ok=True)
    log = repo.git_dir / "pgpattern-hook.log"
    done = []
    for name in HOOKS + ((SUGGEST_HOOK,) if suggest else ()):
        hook = directory / name
        saved = directory / (name + SAVED_SUFFIX)
        if hook.exists() and not _is_ours(hook):
            if saved.exists():
                raise PgPatternError(f"{hook} exists and so does {saved}: refusing to overwrite either",
                                     hint="move one of them away, then install again")
            hook.rename(saved)
        hook.write_text(_suggest_script(repo, project, dsn) if name == SUGGEST_HOOK
                        else _script(name, repo, project, dsn, log))
        hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        done.append(str(hook))
    return done


def uninstall(path: str) -> list[str]:
    repo = Repository(path)
    directory = hooks_dir(repo)
    done = []
    for name in (*HOOKS, SUGGEST_HOOK):
        hook = directory / name
        saved = directory / (name + SAVED_SUFFIX)
        if _is_ours(hook):
            hook.unlink()
            done.append(str(hook))
        if saved.exists() and not hook.exists():
            saved.rename(hook)
    return done
