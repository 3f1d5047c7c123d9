"""`pgpattern hook install|uninstall`: commits are ingested in the background; other hooks survive."""

from __future__ import annotations

import os
import time

from conftest import query, run_cli
from gitrepo import GitRepo


def wait_for(db: str, sql: str, expected, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    rows = None
    while time.monotonic() < deadline:
        rows = query(db, sql)
        if rows == expected:
            return rows
        time.sleep(0.1)
    return rows


def test_hooks_ingest_new_commits_and_keep_the_hooks_that_were_there(migrated_db, tmp_path):
    repo = GitRepo(tmp_path / "app")
    repo.commit("one", files={"a.txt": "1\n"})
    hooks = repo.path / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    existing = "#!/bin/sh\necho \"$@\" >> \"$(git rev-parse --git-dir)/original-hook-ran\"\nexit 0\n"
    (hooks / "post-commit").write_text(existing)
    (hooks / "post-commit").chmod(0o755)

    installed = run_cli("hook", "install", "--dsn", migrated_db, "--project", "app", str(repo.path))
    assert installed.returncode == 0, installed.stderr
    assert installed.stderr.count("installed ") == 3
    assert (hooks / "post-commit.pgpattern-saved").read_text() == existing

    started = time.monotonic()
    sha = repo.commit("two", files={"a.txt": "2\n"})
    assert time.monotonic() - started < 5, "git must not wait for the ingest"
    assert wait_for(migrated_db, f"SELECT sha FROM git.commits WHERE sha = '{sha}'", [(sha,)]) == [(sha,)]
    assert query(migrated_db, "SELECT count(*) FROM git.commits") == [(2,)]  # the first commit came too
    assert (repo.path / ".git" / "original-hook-ran").exists()

    # An amend rewrites history: post-rewrite ingests it again in full.
    repo.git("commit", "-q", "--amend", "-m", "two, amended",
             env={"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "A",
                  "GIT_COMMITTER_EMAIL": "a@x"})
    amended = repo.head()
    assert wait_for(migrated_db, "SELECT tip_sha FROM git.ingested_refs", [(amended,)]) == [(amended,)]
    assert query(migrated_db, f"SELECT count(*) FROM git.commits WHERE sha = '{sha}'") == [(0,)]

    removed = run_cli("hook", "uninstall", str(repo.path))
    assert removed.returncode == 0 and removed.stderr.count("removed ") == 3
    assert (hooks / "post-commit").read_text() == existing
    assert not (hooks / "post-merge").exists() and not (hooks / "post-commit.pgpattern-saved").exists()
    log = repo.path / ".git" / "pgpattern-hook.log"
    assert log.exists() and "Error" not in log.read_text()


def test_install_into_a_non_repository_is_refused(tmp_path):
    result = run_cli("hook", "install", str(tmp_path))
    assert result.returncode == 1 and "is not a git repository" in result.stderr
    assert not os.listdir(tmp_path)
