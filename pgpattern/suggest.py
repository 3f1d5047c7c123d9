"""`pgpattern suggest`: the files that usually change with the ones being changed, with their evidence.

The files are given, or staged in the repository (`git diff --cached --name-only`), named as git
names them (from the repository's root). The author defaults to the repository's user.email,
whose own past changes weigh more (spec section 6). The ranking is api.suggest_cochanges'.
"""

from __future__ import annotations

import subprocess

from .errors import PgPatternError
from .gitlog import GitError, Repository
from .target import connect

SUGGEST = """
    SELECT file_path, score, confidence, cochanges, query_file, query_changes, recent_cochanges, recent_changes,
           author_cochanges
      FROM api.suggest_cochanges(%(project)s, %(files)s, %(k)s, %(author)s, %(ranking)s)
"""


def git_lines(repo: Repository, *args: str) -> list[str]:
    proc = subprocess.run(["git", "-C", str(repo.path), "-c", "core.quotepath=off", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed in {repo.path}: {proc.stderr.strip()}", hint=repo.git_hint)
    return [line for line in proc.stdout.split("\0" if "-z" in args else "\n") if line]


def staged_files(repo: Repository) -> list[str]:
    """The paths the next commit changes (a rename's new path), from the repository's root."""
    return git_lines(repo, "diff", "--cached", "--name-only", "-z")


def default_author(repo: Repository) -> str | None:
    proc = subprocess.run(["git", "-C", str(repo.path), "config", "user.email"], capture_output=True, text=True)
    return proc.stdout.strip() or None


def suggestions(conninfo: str, project: str, files: list[str], author: str | None, k: int = 10,
                ranking: str = "recent", statement_timeout_ms: int | None = None) -> list[dict]:
    if not files:
        raise PgPatternError("no files to suggest for",
                             hint="name the files you change, or stage them and use --staged")
    with connect(conninfo, autocommit=True) as conn:
        if statement_timeout_ms:
            conn.execute("SELECT set_config('statement_timeout', %s, false)", (str(int(statement_timeout_ms)),))
        cur = conn.execute(SUGGEST, {"project": project, "files": files, "k": k, "author": author,
                                     "ranking": ranking})
        names = [d.name for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for row in rows:
        row["evidence"] = evidence(row)
    return rows


def evidence(row: dict) -> str:
    """"changed together in 14 of the last 20 changes of src/app.py, 9 of them yours (31 of 120 in all)"."""
    text = (f"changed together in {row['recent_cochanges']} of the last {row['recent_changes']} changes "
            f"of {row['query_file']}")
    if row["author_cochanges"]:
        text += f", {row['author_cochanges']} of them yours"
    if row["query_changes"] > row["recent_changes"]:
        text += f" ({row['cochanges']} of {row['query_changes']} in all)"
    return text
