"""`pgpattern project delete`: a tenant removed completely (migration 0701)."""

from __future__ import annotations

import json

from privacy_scan import project_rows_everywhere

from conftest import query, run_cli
from gitrepo import GitRepo


def _tenant(db: str, tmp_path, name: str) -> int:
    """A project with history, patterns, a queued update, learning rows of every kind and an archived row."""
    repo = GitRepo(tmp_path / name)
    for i in range(12):
        repo.commit(f"feat: {i}", files={"a.py": f"{i}\n", "b.py": f"{i}\n", f"c{i % 3}.py": "x\n"},
                    author=[("Ann", "ann@example.com"), ("Bob", "bob@example.com")][i % 2])
    result = run_cli("analyze", "--dsn", db, str(repo.path), "--min-cooccurrence", "2")
    assert result.returncode == 0, result.stderr
    project_id = query(db, "SELECT project_id FROM core.projects WHERE name = %s", (name,))[0][0]
    # learning rows that refer to one another without cascading (a model's parent, a prediction's
    # model, a recommendation's prediction, an event's links), and an evolution experiment.
    query(db, """
        WITH parent AS (INSERT INTO learning.ml_models (project_id, name, version, model_type, status)
                        VALUES (%(p)s, 'm', '1', 'prediction', 'active') RETURNING model_id),
             child AS (INSERT INTO learning.ml_models (project_id, name, version, model_type, parent_model_id)
                       SELECT %(p)s, 'm', '2', 'prediction', model_id FROM parent RETURNING model_id),
             prediction AS (INSERT INTO learning.predictions (project_id, model_id, prediction_type, value_kind,
                                                              target_entity_type, target_entity_id, predicted_value)
                            SELECT %(p)s, model_id, 'bug_likelihood', 'numeric', 'code_file', 'a.py', '0.5' FROM child
                            RETURNING prediction_id)
        INSERT INTO learning.recommendations (project_id, recommendation_type, title, source_prediction_id)
        SELECT %(p)s, 'refactoring', 'split a.py', prediction_id FROM prediction""", {"p": project_id})
    query(db, """
        WITH event AS (INSERT INTO learning.learning_events (project_id, event_type, event_timestamp, event_data)
                       VALUES (%(p)s, 'commit', now(), '{}') RETURNING event_id, event_timestamp)
        INSERT INTO learning.git_operation_learning_events (project_id, git_operation_id, learning_event_id,
                                                            event_timestamp, operation_type)
        SELECT %(p)s, 'op1', event_id, event_timestamp, 'commit' FROM event""", {"p": project_id})
    query(db, "CREATE TABLE IF NOT EXISTS archive.learning_events_2023 (LIKE learning.learning_events INCLUDING DEFAULTS)")
    query(db, "INSERT INTO archive.learning_events_2023 (project_id, event_id, event_type, event_timestamp, event_data) "
              "VALUES (%s, gen_random_uuid(), 'old', '2023-01-01', '{}')", (project_id,))
    return project_id


def test_project_delete_says_what_it_removes_then_removes_every_row_of_the_tenant(db, tmp_path):
    shop = _tenant(db, tmp_path, "shop")
    depot = _tenant(db, tmp_path, "depot")
    # The delete refreshes the materialized views: the other project's rows in them are as fresh.
    query(db, "SELECT privacy.refresh_materialized_views()")
    before = project_rows_everywhere(db, shop)
    for table in ("git.commits", "git.changes", "patterns.live_commits", "patterns.file_pair_counts",
                  "patterns.file_cooccurrence_patterns", "patterns.pattern_update_queue", "learning.ml_models",
                  "learning.recommendations", "learning.git_operation_learning_events",
                  "archive.learning_events_2023", "api.project_pattern_summary", "learning.model_performance_summary"):
        assert table in before, table
    depot_before = project_rows_everywhere(db, depot)

    preview = run_cli("project", "delete", "shop", "--dsn", db, "--format", "json")
    assert preview.returncode == 1
    assert "Error: not deleted: project 'shop' has" in preview.stderr
    assert "pgpattern project delete shop --yes" in preview.stderr
    listed = {r["table"]: r["rows"] for r in json.loads(preview.stdout)}
    assert listed["git.commits"] == 12 and listed["core.projects"] == 1
    assert project_rows_everywhere(db, shop) == before  # nothing went

    deleted = run_cli("project", "delete", "shop", "--yes", "--dsn", db, "--format", "json")
    assert deleted.returncode == 0, deleted.stderr
    removed = {r["table"]: r["rows_removed"] for r in json.loads(deleted.stdout)}
    # What the preview listed is what went.
    assert removed == listed
    assert project_rows_everywhere(db, shop) == {}
    assert project_rows_everywhere(db, depot) == depot_before
    assert query(db, "SELECT name FROM core.projects") == [("depot",)]


def test_project_delete_of_an_unknown_project_is_one_line(migrated_db):
    result = run_cli("project", "delete", "nope", "--yes", "--dsn", migrated_db)
    assert result.returncode == 1
    assert "Error: database error: unknown project 'nope'" in result.stderr and "Traceback" not in result.stderr
