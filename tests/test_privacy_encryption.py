"""Encrypted sensitive fields: pgcrypto under a key the client keeps (migration 0702)."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from conftest import query, run_cli

PROMPT = "Refactor billing.py: the secret rate is 0.0421\nkeep the ünïcode ✓ and 'quotes'"
KEY, NEW_KEY = "correct horse battery staple", "tr0ub4dor&3 new"


def _as(conninfo: str, key: str | None) -> psycopg.Connection:
    """A connection that set the encryption key, as an application does."""
    options = f"-c pgpattern.encryption_key={key.replace(' ', chr(92) + ' ')}" if key else ""
    return psycopg.connect(conninfo, autocommit=True, options=options)


@pytest.fixture
def experiment(migrated_db) -> tuple[str, int, str]:
    project_id = query(migrated_db, "INSERT INTO core.projects (name) VALUES ('lab') RETURNING project_id")[0][0]
    experiment_id = query(migrated_db, """
        INSERT INTO learning.evolution_experiments (project_id, name, problem_definition, objective_function,
                                                    population_size, max_generations)
        VALUES (%s, 'speedup', '{}', '{}', 10, 5) RETURNING experiment_id""", (project_id,))[0][0]
    return migrated_db, project_id, str(experiment_id)


def _interaction(conn: psycopg.Connection, project_id: int, experiment_id: str, prompt: str, response: str | None = None):
    conn.execute("""INSERT INTO learning.llm_interactions (project_id, experiment_id, interaction_type, llm_model,
                                                           prompt_text, response_text)
                    VALUES (%s, %s, 'mutation', 'gpt-4', %s, %s)""", (project_id, experiment_id, prompt, response))


def test_prompts_are_ciphertext_on_disk_and_read_back_exactly_with_the_key(experiment, cluster):
    db, project_id, experiment_id = experiment
    long_response = "".join(f"line {i}: ✓ {'x' * (i % 50)}\n" for i in range(3000))
    with _as(db, KEY) as conn:
        _interaction(conn, project_id, experiment_id, PROMPT, long_response)
        assert conn.execute("SELECT api.decrypted(prompt_text), api.decrypted(response_text) "
                            "FROM learning.llm_interactions").fetchone() == (PROMPT, long_response)
        stored, = conn.execute("SELECT prompt_text FROM learning.llm_interactions").fetchone()
        conn.execute("CHECKPOINT")
        path = conn.execute("SELECT current_setting('data_directory') || '/' || "
                            "pg_relation_filepath('learning.llm_interactions')").fetchone()[0]
    assert stored.startswith("pgpattern:v1:") and "secret rate" not in stored
    heap = Path(path).read_bytes()
    assert stored.encode() in heap and b"secret rate" not in heap

    # Without the key: NULL; with another key: a clear error.
    with _as(db, None) as conn:
        assert conn.execute("SELECT api.decrypted(prompt_text) FROM learning.llm_interactions").fetchone() == (None,)
    with _as(db, "not the key") as conn, pytest.raises(psycopg.errors.InvalidPassword,
                                                      match="the encryption key does not open this value"):
        conn.execute("SELECT api.decrypted(prompt_text) FROM learning.llm_interactions").fetchone()


def test_a_sensitive_write_without_the_key_is_refused_and_other_writes_pass(experiment):
    db, project_id, experiment_id = experiment
    with _as(db, None) as conn:
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState,
                           match="llm_interactions.prompt_text is encrypted: writing it needs the encryption key"):
            _interaction(conn, project_id, experiment_id, PROMPT)
        _interaction(conn, project_id, experiment_id, None)  # no sensitive value: no key needed
    assert query(db, "SELECT count(*), count(prompt_text) FROM learning.llm_interactions") == [(1, 0)]
    with _as(db, KEY) as conn:
        _interaction(conn, project_id, experiment_id, PROMPT)
    with _as(db, None) as conn:  # a keyless update of other columns keeps the ciphertext
        conn.execute("UPDATE learning.llm_interactions SET latency_ms = 5")
    with _as(db, KEY) as conn:
        assert conn.execute("SELECT api.decrypted(prompt_text) FROM learning.llm_interactions "
                            "WHERE prompt_text IS NOT NULL").fetchone() == (PROMPT,)


def test_marked_configuration_and_key_rotation_lose_nothing(experiment):
    db, project_id, experiment_id = experiment
    configs = [{"learning_rate": i / 1000, "layers": [i, i + 1], "note": f"confidential {i}"} for i in range(12)]
    with _as(db, KEY) as conn:
        for i in range(25):
            _interaction(conn, project_id, experiment_id, f"{PROMPT} #{i}", f"answer {i}")
        for i, config in enumerate(configs):
            conn.execute("INSERT INTO learning.ml_models (project_id, name, version, model_type, hyperparameters) "
                         "VALUES (%s, 'm', %s, 'prediction', %s)", (project_id, str(i), json.dumps(config)))
    marked = run_cli("encryption", "mark", "learning.ml_models", "hyperparameters", "--dsn", db,
                     env={"PGPATTERN_ENCRYPTION_KEY": KEY})
    assert marked.returncode == 0, marked.stderr
    assert "its 12 values are stored encrypted" in marked.stderr
    assert query(db, "SELECT count(*) FROM learning.ml_models WHERE hyperparameters::text LIKE '%confidential%'") == [(0,)]

    # An interrupted rotation: one batch committed, then the command finishes the rest.
    with _as(db, None) as conn:
        first = conn.execute("SELECT sum(rotated), sum(remaining) FROM api.rotate_encryption_key(%s, %s, 10)",
                             (KEY, NEW_KEY)).fetchone()
    assert first == (10, 25 + 25 + 12 - 10)
    rotated = run_cli("encryption", "rotate", "--batch-size", "7", "--dsn", db,
                      env={"PGPATTERN_ENCRYPTION_KEY": KEY, "PGPATTERN_NEW_ENCRYPTION_KEY": NEW_KEY})
    assert rotated.returncode == 0, rotated.stderr
    assert "rotated: 52 values re-encrypted under the new key" in rotated.stderr

    with _as(db, NEW_KEY) as conn:
        prompts = conn.execute("SELECT api.decrypted(prompt_text), api.decrypted(response_text) "
                               "FROM learning.llm_interactions").fetchall()
        stored = conn.execute("SELECT api.decrypted_json(hyperparameters) FROM learning.ml_models ORDER BY version::int").fetchall()
    assert sorted(prompts) == sorted((f"{PROMPT} #{i}", f"answer {i}") for i in range(25))
    assert [r[0] for r in stored] == configs
    with _as(db, KEY) as conn, pytest.raises(psycopg.errors.InvalidPassword):
        conn.execute("SELECT api.decrypted(prompt_text) FROM learning.llm_interactions").fetchall()

    status = run_cli("encryption", "status", "--dsn", db, "--format", "json")
    assert status.returncode == 0, status.stderr
    assert {(r["table"], r["column"], r["encrypted"], r["clear"]) for r in json.loads(status.stdout)} == {
        ("learning.llm_interactions", "prompt_text", 25, 0), ("learning.llm_interactions", "response_text", 25, 0),
        ("learning.ml_models", "hyperparameters", 12, 0)}


@pytest.mark.parametrize("args, env, message", [
    (["rotate"], {"PGPATTERN_ENCRYPTION_KEY": KEY}, "Error: PGPATTERN_NEW_ENCRYPTION_KEY is not set"),
    (["rotate"], {"PGPATTERN_ENCRYPTION_KEY": "wrong", "PGPATTERN_NEW_ENCRYPTION_KEY": NEW_KEY},
     "the old key does not open 1 values of learning.llm_interactions.prompt_text"),
    (["mark", "learning.ml_models", "hyperparameters"], {}, "Error: PGPATTERN_ENCRYPTION_KEY is not set"),
    (["mark", "learning.ml_models", "version_count"], {"PGPATTERN_ENCRYPTION_KEY": KEY},
     "cannot mark learning.ml_models.version_count sensitive: no such table or column"),
    (["mark", "learning.no_such_table", "x"], {"PGPATTERN_ENCRYPTION_KEY": KEY},
     "cannot mark learning.no_such_table.x sensitive: no such table or column"),
])
def test_encryption_commands_refuse_bad_input_in_one_line(experiment, args, env, message):
    db, project_id, experiment_id = experiment
    with _as(db, KEY) as conn:
        _interaction(conn, project_id, experiment_id, PROMPT)
    result = run_cli("encryption", *args, "--dsn", db, env=env)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
