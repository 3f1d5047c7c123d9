"""`pgpattern suggest` and the pre-commit hook of `pgpattern hook install --suggest`, on real repositories."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time

import pytest

from conftest import run_cli
from gitrepo import BASE_ENV, GitRepo

ANN = ("Ann", "ann@example.com")
BOB = ("Bob", "bob@example.com")


@pytest.fixture
def app(migrated_db, tmp_path) -> GitRepo:
    """src/app.py changes with src/views.py (often Ann's) and, less often, with docs/app.md (Bob's)."""
    repo = GitRepo(tmp_path / "app")
    for i in range(12):
        files = {"src/app.py": f"{i}\n"}
        if i % 3 != 2:
            files["src/views.py"] = f"{i}\n"
        if i % 4 == 0:
            files["docs/app.md"] = f"{i}\n"
        repo.commit(f"change {i}", files=files, author=ANN if i % 2 else BOB)
    repo.git("config", "user.email", "Ann@Example.com")
    assert run_cli("ingest", "--dsn", migrated_db, str(repo.path)).returncode == 0
    return repo


def test_suggest_prints_the_evidence_for_files_given_or_staged(migrated_db, app):
    result = run_cli("suggest", "--dsn", migrated_db, str(app.path), "src/app.py", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["file_path"] for r in rows] == ["src/views.py", "docs/app.md"]
    # 8 of app.py's 12 changes had views.py, 4 of them Ann's (the repository's user.email).
    assert rows[0]["evidence"] == "changed together in 8 of the last 12 changes of src/app.py, 4 of them yours"
    assert rows[1]["evidence"] == "changed together in 3 of the last 12 changes of src/app.py"
    # Another author, and the baseline ranking.
    bob = json.loads(run_cli("suggest", "--dsn", migrated_db, str(app.path), "src/app.py", "--author", BOB[1],
                             "--ranking", "confidence", "--format", "json").stdout)
    assert bob[0]["evidence"].endswith("4 of them yours") and bob[0]["confidence"] == 8 / 12

    app.write("src/app.py", "staged\n")
    app.git("add", "src/app.py")
    staged = run_cli("suggest", "--dsn", migrated_db, str(app.path), "--staged", "-k", "1")
    assert staged.returncode == 0, staged.stderr
    assert "src/views.py" in staged.stdout and "docs/app.md" not in staged.stdout

    nothing = run_cli("suggest", "--dsn", migrated_db, str(app.path))
    assert nothing.returncode == 1 and "Error: no files to suggest for" in nothing.stderr


def commit(repo: GitRepo, message: str) -> subprocess.CompletedProcess:
    """git commit as a developer runs it: hooks included."""
    env = {**BASE_ENV, "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": ANN[1], "GIT_COMMITTER_NAME": "Ann",
           "GIT_COMMITTER_EMAIL": ANN[1]}
    return subprocess.run(["git", "-C", str(repo.path), "commit", "-q", "-m", message], capture_output=True,
                          text=True, env=env, timeout=60)


def test_the_pre_commit_hook_suggests_and_never_blocks(migrated_db, app):
    hooks = app.path / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    own = "#!/bin/sh\necho own hook ran >&2\nexit 0\n"
    (hooks / "pre-commit").write_text(own)
    (hooks / "pre-commit").chmod(0o755)
    installed = run_cli("hook", "install", "--dsn", migrated_db, "--suggest", str(app.path))
    assert installed.returncode == 0 and installed.stderr.count("installed ") == 4, installed.stderr

    app.write("src/app.py", "new\n")
    app.git("add", "src/app.py")
    done = commit(app, "app only")
    assert done.returncode == 0, done.stderr
    assert "own hook ran" in done.stderr
    assert "src/views.py: changed together in 8 of the last 12 changes of src/app.py, 4 of them yours" in done.stderr
    # What the commit has is not suggested.
    app.write("src/app.py", "newer\n")
    app.write("src/views.py", "newer\n")
    app.git("add", "-A")
    done = commit(app, "app and views")
    assert done.returncode == 0 and "src/views.py:" not in done.stderr and "docs/app.md:" in done.stderr

    removed = run_cli("hook", "uninstall", str(app.path))
    assert removed.returncode == 0 and removed.stderr.count("removed ") == 4
    assert (hooks / "pre-commit").read_text() == own


def test_the_pre_commit_hook_lets_the_commit_go_when_the_database_does_not_answer(app):
    # A server that accepts connections and never says a word.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
    silent = f"host=127.0.0.1 port={listener.getsockname()[1]} dbname=x user=x connect_timeout=60"
    try:
        assert run_cli("hook", "install", "--dsn", silent, "--suggest", str(app.path)).returncode == 0
        app.write("src/app.py", "new\n")
        app.git("add", "src/app.py")
        started = time.monotonic()
        done = commit(app, "while the database hangs")
        assert done.returncode == 0, done.stderr
        assert time.monotonic() - started < 15  # the hook's own limit is 5 s
        assert held, "the hook did reach the silent server"
        assert "pgpattern" not in done.stderr and "Error" not in done.stderr
        assert app.git("log", "-1", "--format=%s") == "while the database hangs"
    finally:
        listener.close()
