"""The right to be forgotten: `pgpattern forget` and api.forget_identity (migration 0700)."""

from __future__ import annotations

import json

import pytest
from privacy_scan import find_everywhere

from conftest import query, run_cli
from gitrepo import GitRepo

ZOE = ("Zoë Quellmann", "Zoe.Quellmann@Example.org")
OTHERS = [("Ann", "ann@example.com"), ("Bob", "bob@example.com")]
NEEDLES = [ZOE[0], ZOE[1]]


@pytest.fixture
def shop(tmp_path) -> GitRepo:
    """A history in which Zoë authors, commits for others and is named in trailers."""
    repo = GitRepo(tmp_path / "shop")
    for i in range(30):
        author = ZOE if i % 3 == 0 else OTHERS[i % 2]
        files = {"api/orders.py": f"{i}\n" * (i % 4 + 1), "web/orders.js": f"{i}\n"}
        if i % 2:
            files[f"docs/page{i % 5}.md"] = f"{i}\n"
        if i % 5 == 0:
            files["api/models.py"] = f"m{i}\n"
        message = ("fix: " if i % 4 == 0 else "feat: ") + f"change {i}"
        if i % 7 == 1:
            message += f"\n\nCo-authored-by: {ZOE[0]} <{ZOE[1].lower()}>\nReviewed-by: Ann <ann@example.com>"
        repo.commit(message, files=files, author=author,
                    date=f"2024-{1 + i // 6:02d}-{1 + i % 27:02d}T{8 + i % 10:02d}:00:00+01:00")
    return repo


def _analyze(db: str, repo: GitRepo) -> None:
    result = run_cli("analyze", "--dsn", db, str(repo.path), "--min-cooccurrence", "2", "--format", "json")
    assert result.returncode == 0, result.stderr


def _personal_rows_elsewhere(db: str) -> None:
    """Rows that name Zoë outside the history: a session, learning rows, a row retention archived."""
    project_id = query(db, "SELECT project_id FROM core.projects WHERE name = 'shop'")[0][0]
    query(db, "INSERT INTO core.sessions (project_id, session_id, developer, metadata) "
              "VALUES (%s, gen_random_uuid(), %s, %s)", (project_id, ZOE[1], json.dumps({"who": ZOE[0]})))
    query(db, "INSERT INTO learning.learning_events (project_id, event_type, event_timestamp, user_id, event_data) "
              "VALUES (%s, 'feedback', now(), %s, %s)",
          (project_id, ZOE[1].lower(), json.dumps({"note": f"asked by {ZOE[0]}", "tags": [ZOE[1]]})))
    query(db, "INSERT INTO learning.ml_models (project_id, name, version, model_type, created_by) "
              "VALUES (%s, 'risk', '1', 'prediction', %s)", (project_id, ZOE[0]))
    query(db, "CREATE TABLE archive.learning_events_2023 (LIKE learning.learning_events INCLUDING DEFAULTS)")
    query(db, "INSERT INTO archive.learning_events_2023 (project_id, event_id, event_type, event_timestamp, user_id, event_data) "
              "VALUES (%s, gen_random_uuid(), 'feedback', '2023-01-01', %s, '{}')", (project_id, ZOE[1]))


def _discovery(db: str) -> dict:
    """The latest discovery's patterns, without ids and times: what must not change but for the pseudonym."""
    def rows(sql: str) -> list:
        return sorted(json.dumps(r[0], sort_keys=True, ensure_ascii=False) for r in query(db, sql))
    latest = "(SELECT id FROM patterns.pattern_discovery_sessions ORDER BY discovery_timestamp DESC LIMIT 1)"
    drop = "- 'id' - 'discovery_session_id' - 'created_at' - 'updated_at'"
    return {
        "session": rows(f"SELECT to_jsonb(t) FROM (SELECT total_commits_analyzed, total_files_analyzed, patterns_discovered, insights "
                             f"FROM patterns.pattern_discovery_sessions WHERE id = {latest}) t"),
        "cooccurrence": rows(f"SELECT to_jsonb(t) {drop} FROM patterns.file_cooccurrence_patterns t "
                             f"WHERE discovery_session_id = {latest}"),
        "temporal": rows(f"SELECT to_jsonb(t) {drop} FROM patterns.temporal_patterns t WHERE discovery_session_id = {latest}"),
        "developer": rows(f"SELECT to_jsonb(t) {drop} - 'developer_hash' FROM patterns.developer_patterns t "
                          f"WHERE discovery_session_id = {latest}"),
        "magnitude": rows(f"SELECT to_jsonb(t) {drop} FROM patterns.change_magnitude_patterns t "
                          f"WHERE discovery_session_id = {latest}"),
        "insights": rows(f"SELECT to_jsonb(t) {drop} - 'expires_at' - 'supporting_pattern_ids' FROM patterns.pattern_insights t "
                         f"WHERE discovery_session_id = {latest}"),
    }


def _pseudonymised(value, pseudonym: str):
    """The discovery as forget should leave it: Zoë's email (any case) and name replaced."""
    def replaced(row: str) -> str:
        for spelling in (ZOE[1], ZOE[1].lower()):
            row = row.replace(spelling, f"{pseudonym}@forgotten.invalid")
        return row.replace(ZOE[0], pseudonym)
    return {kind: sorted(replaced(row) for row in rows) for kind, rows in value.items()}


def test_forget_replaces_the_person_everywhere_and_keeps_every_pattern(db, shop):
    _analyze(db, shop)
    _personal_rows_elsewhere(db)
    before = find_everywhere(db, NEEDLES)
    # The scan sees her where she is stored: it would see a place forget missed.
    for place in ("git.commits.author_email", "git.commits.author_name", "git.commits.committer_email",
                  "git.commits.message", "git.commits.author_key", "patterns.live_commits.author_key",
                  "git.authors.author_key", "patterns.developer_patterns.author_email",
                  "patterns.developer_patterns.frequent_collaborators", "core.sessions.developer",
                  "learning.learning_events.event_data", "learning.ml_models.created_by",
                  "archive.learning_events_2023.user_id"):
        assert place in before, place
    discovered = _discovery(db)

    result = run_cli("forget", "--dsn", db, ZOE[1].upper(), "--format", "json")
    assert result.returncode == 0, result.stderr
    changed = {r["table"]: r["rows_changed"] for r in json.loads(result.stdout)}
    pseudonym = query(db, "SELECT pseudonym FROM privacy.forgotten_identities")[0][0]
    assert pseudonym.startswith("forgotten-") and f"now say {pseudonym}" in result.stderr
    assert changed["git.commits"] == 10 + 4  # her 10 commits, and the 4 of others that name her in a trailer
    assert changed["archive.learning_events_2023"] == 1

    assert find_everywhere(db, NEEDLES) == {}
    # One person still: her commits under one pseudonym, the same for author and committer.
    assert query(db, "SELECT DISTINCT author_name, author_key FROM git.commits WHERE author_name LIKE 'forgotten-%'") == [
        (pseudonym, f"{pseudonym}@forgotten.invalid")]
    assert _discovery(db) == _pseudonymised(discovered, pseudonym)

    # A discovery after forget finds the same patterns, from the pseudonymised live state.
    rerun = run_cli("discover", "--dsn", db, "--project", "shop", "--min-cooccurrence", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert _discovery(db) == _pseudonymised(discovered, pseudonym)


def test_a_later_ingest_maps_the_forgotten_person_to_the_pseudonym_again(db, shop):
    _analyze(db, shop)
    assert run_cli("forget", "--dsn", db, ZOE[1]).returncode == 0
    pseudonym = query(db, "SELECT pseudonym FROM privacy.forgotten_identities")[0][0]
    # The stored identity is a keyed hash, not the email.
    assert find_everywhere(db, NEEDLES) == {}

    again = run_cli("ingest", "--dsn", db, "--full", str(shop.path))
    assert again.returncode == 0, again.stderr
    shop.commit("feat: more", files={"api/orders.py": "new\n"}, author=ZOE)
    more = run_cli("ingest", "--dsn", db, str(shop.path))
    assert more.returncode == 0, more.stderr

    assert find_everywhere(db, NEEDLES) == {}
    assert query(db, "SELECT count(*) FROM git.commits WHERE author_name = %s", (pseudonym,)) == [(11,)]
    assert query(db, "SELECT c.commits FROM patterns.author_commit_counts c "
                     "JOIN git.authors a USING (project_id, author_id) WHERE a.author_key = %s",
                 (f"{pseudonym}@forgotten.invalid",)) == [(11,)]
    # The same pseudonym: forgetting again changes nothing and names the same one.
    twice = run_cli("forget", "--dsn", db, ZOE[1], "--format", "json")
    assert twice.returncode == 0, twice.stderr
    assert f"now say {pseudonym}" in twice.stderr and json.loads(twice.stdout) == []


def test_forget_in_one_project_leaves_the_others(db, shop, tmp_path):
    _analyze(db, shop)
    other = GitRepo(tmp_path / "depot")
    other.commit("feat: start", files={"a.txt": "a\n"}, author=ZOE)
    assert run_cli("ingest", "--dsn", db, str(other.path)).returncode == 0

    result = run_cli("forget", "--dsn", db, ZOE[1], "--project", "shop")
    assert result.returncode == 0, result.stderr
    assert "in project 'shop'" in result.stderr
    assert set(find_everywhere(db, NEEDLES)) == {"git.commits.author_email", "git.commits.author_name",
                                                  "git.commits.author_key", "git.commits.committer_email",
                                                  "git.commits.committer_name", "patterns.live_commits.author_key",
                                                  "patterns.live_commits.author_name",
                                                  "git.authors.author_key",
                                                  "patterns.pattern_update_queue.trigger_data"}
    assert query(db, "SELECT p.name FROM git.commits c JOIN core.projects p USING (project_id) "
                     "WHERE c.author_name = %s", (ZOE[0],)) == [("depot",)]


@pytest.mark.parametrize("args, message", [
    (["forget", " "], "Error: database error: the email to forget is empty"),
    (["forget", "zoe@example.org", "--project", "nope"], "Error: database error: unknown project 'nope'"),
    (["forget", "forgotten-0123456789ab@forgotten.invalid"], "is already a pseudonym"),
])
def test_forget_refuses_bad_input_in_one_line(migrated_db, args, message):
    result = run_cli(*args[:1], "--dsn", migrated_db, *args[1:])
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert query(migrated_db, "SELECT count(*) FROM privacy.forgotten_identities") == [(0,)]
