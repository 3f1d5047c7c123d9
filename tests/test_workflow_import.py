"""`pgpattern import-patterns`: a generated seed-002 pattern directory and SQLite file, imported twice."""

from __future__ import annotations

import gzip
import json
import sqlite3

from conftest import query, run_cli


def pattern(pattern_id: str, pattern_type: str = "task_completion", **data) -> dict:
    base = {
        "task_completion": {"task_type": "testing", "agent": "expert-tdd", "duration_ms": 1200, "success": True},
        "error_occurrence": {"error_type": "TypeError", "error_message": "boom"},
    }[pattern_type]
    return {"pattern_id": pattern_id, "pattern_type": pattern_type, "timestamp": "2025-11-29T10:00:00",
            "data": {**base, **data}, "context": {"project_name": "moai-adk", "tags": ["imported"]}, "version": "1.0"}


def make_tree(root):
    day = root / "2025" / "11" / "29"
    day.mkdir(parents=True)
    (day / "task_20251129_100000_aaaa.json").write_text(json.dumps(pattern("fs-plain"), indent=2))
    (day / "error_20251129_110000_bbbb.json.gz").write_bytes(
        gzip.compress(json.dumps(pattern("fs-gzip", "error_occurrence", severity="critical")).encode()))
    (day / "task_20251129_120000_cccc.json").write_text('{"pattern_id": "fs-broken", ')
    (day / "task_20251129_130000_dddd.json").write_text(json.dumps(pattern("fs-invalid", duration_ms=-5)))
    (day / "task_20251129_140000_eeee.json.gz").write_bytes(b"not gzip at all")
    (root / "stray.json").write_text(json.dumps(pattern("fs-stray")))
    (root / "index.json").write_text(json.dumps({
        "fs-plain": {"path": "2025/11/29/task_20251129_100000_aaaa.json", "type": "task_completion"},
        "fs-gone": {"path": "2025/11/28/task_20251128_090000_ffff.json", "type": "task_completion"},
    }))
    make_sqlite(root / "patterns.db")


def make_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("""CREATE TABLE patterns (pattern_id TEXT PRIMARY KEY, pattern_type TEXT NOT NULL,
                    timestamp TEXT NOT NULL, data TEXT NOT NULL, context TEXT, version TEXT,
                    created_at TEXT DEFAULT CURRENT_TIMESTAMP)""")
    rows = [pattern("db-1"), pattern("db-2", "error_occurrence"), pattern("db-bad-type")]
    rows[2]["pattern_type"] = "deployment"
    conn.executemany("INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context, version) VALUES (?, ?, ?, ?, ?, ?)",
                     [(p["pattern_id"], p["pattern_type"], p["timestamp"], json.dumps(p["data"]), json.dumps(p["context"]),
                       p["version"]) for p in rows])
    conn.execute("INSERT INTO patterns (pattern_id, pattern_type, timestamp, data) VALUES ('db-json', 'task_completion', "
                 "'2025-11-29', '{oops')")
    conn.commit()
    conn.close()


def test_import_of_a_pattern_directory_with_its_sqlite_file_is_idempotent(migrated_db, tmp_path):
    make_tree(tmp_path)
    first = run_cli("import-patterns", "--dsn", migrated_db, "--format", "json", str(tmp_path))
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    skipped = {item["source"]: item["reason"] for item in report.pop("skipped_items")}
    assert report == {"inserted": 4, "updated": 0, "unchanged": 0, "skipped": 7}
    assert skipped["2025/11/29/task_20251129_120000_cccc.json"].startswith("not valid JSON")
    assert skipped["2025/11/29/task_20251129_130000_dddd.json"] == "workflow pattern field data.duration_ms must be >= 0, not -5"
    assert skipped["2025/11/29/task_20251129_140000_eeee.json.gz"].startswith("not a readable gzip file")
    assert skipped["stray.json"] == "outside the YYYY/MM/DD/ layout"
    assert skipped["index.json: fs-gone"] == "its file 2025/11/28/task_20251128_090000_ffff.json does not exist"
    assert skipped["patterns.db row 3"].startswith("workflow pattern field pattern_type must be one of")
    assert skipped["patterns.db row 4"].startswith("data is not valid JSON")
    assert query(migrated_db, "SELECT pattern_id, pattern_type, severity, tags FROM workflow.patterns ORDER BY 1") == [
        ("db-1", "task_completion", None, ["imported"]),
        ("db-2", "error_occurrence", None, ["imported"]),
        ("fs-gzip", "error_occurrence", "critical", ["imported"]),
        ("fs-plain", "task_completion", None, ["imported"]),
    ]
    assert "read 6 patterns" in first.stderr and "(5 unreadable)" in first.stderr

    second = run_cli("import-patterns", "--dsn", migrated_db, str(tmp_path))
    assert second.returncode == 0, second.stderr
    cells = [[c.strip() for c in line.strip("│ ").split("│")] for line in second.stdout.splitlines() if "│" in line]
    assert cells[:4] == [["inserted", "0"], ["updated", "0"], ["unchanged", "4"], ["skipped", "7"]]
    assert ["stray.json", "outside the YYYY/MM/DD/ layout"] in cells
    assert query(migrated_db, "SELECT count(*) FROM workflow.patterns") == [(4,)]


def test_import_of_a_sqlite_file_updates_changed_patterns(migrated_db, tmp_path):
    make_sqlite(tmp_path / "legacy.db")
    assert run_cli("import-patterns", "--dsn", migrated_db, str(tmp_path / "legacy.db")).returncode == 0
    conn = sqlite3.connect(tmp_path / "legacy.db")
    conn.execute("UPDATE patterns SET data = json_set(data, '$.duration_ms', 99) WHERE pattern_id = 'db-1'")
    conn.commit()
    conn.close()
    again = run_cli("import-patterns", "--dsn", migrated_db, "--format", "json", str(tmp_path / "legacy.db"))
    report = json.loads(again.stdout)
    assert (report["inserted"], report["updated"], report["unchanged"], report["skipped"]) == (0, 1, 1, 2)
    assert query(migrated_db, "SELECT data->>'duration_ms' FROM workflow.patterns WHERE pattern_id = 'db-1'") == [("99",)]


def test_import_refuses_a_path_that_is_not_a_pattern_store(migrated_db, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = run_cli("import-patterns", "--dsn", migrated_db, str(tmp_path / "notes.txt"))
    assert result.returncode == 1
    assert "is neither a directory nor a SQLite database" in result.stderr
    missing = run_cli("import-patterns", "--dsn", migrated_db, str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_a_deeply_nested_file_is_skipped_and_the_files_beside_it_are_imported(migrated_db, tmp_path):
    day = tmp_path / "2025" / "11" / "29"
    day.mkdir(parents=True)
    (day / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (day / "deep.json.gz").write_bytes(gzip.compress(b'{"a": ' * 100_000 + b"1" + b"}" * 100_000))
    # Python reads this one, but no pattern is nested like it (and writing it back might not work).
    (day / "task_20251129_090000_deep.json").write_text(
        json.dumps(pattern("deep-data", extra=json.loads("[" * 150 + "]" * 150))))
    (day / "task_20251129_100000_aaaa.json").write_text(json.dumps(pattern("beside-deep")))
    (tmp_path / "index.json").write_text("[" * 100_000 + "]" * 100_000)
    result = run_cli("import-patterns", "--dsn", migrated_db, "--format", "json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    skipped = {item["source"]: item["reason"] for item in report.pop("skipped_items")}
    assert report == {"inserted": 1, "updated": 0, "unchanged": 0, "skipped": 4}
    for source in ("2025/11/29/deep.json", "2025/11/29/deep.json.gz", "2025/11/29/task_20251129_090000_deep.json",
                   "index.json"):
        assert skipped[source] == "JSON nested deeper than 100 levels", skipped
    assert query(migrated_db, "SELECT pattern_id FROM workflow.patterns") == [("beside-deep",)]


def test_a_sqlite_file_whose_patterns_table_has_other_columns_is_skipped_naming_them(migrated_db, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE patterns (id INTEGER PRIMARY KEY, blob BLOB)")
    conn.execute("INSERT INTO patterns (blob) VALUES (x'00')")
    conn.commit()
    conn.close()
    result = run_cli("import-patterns", "--dsn", migrated_db, "--format", "json", str(other))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["skipped_items"] == [{
        "source": "other.db",
        "reason": "its patterns table lacks the columns pattern_id, pattern_type, timestamp, data (it has id, blob)"}]
