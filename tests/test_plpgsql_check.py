"""plpgsql_check over every PL/pgSQL function of the project, independent of ops' own check."""

from __future__ import annotations

from conftest import query
from pgpattern.structure import PROJECT_SCHEMAS


def test_every_plpgsql_function_is_clean(migrated_db):
    functions = query(migrated_db, """
        SELECT p.oid::regprocedure::text, coalesce(t.tgrelid, 0)
          FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          JOIN pg_language l ON l.oid = p.prolang
          LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND NOT t.tgisinternal
         WHERE l.lanname = 'plpgsql' AND n.nspname = ANY(%s)""", (list(PROJECT_SCHEMAS),))
    assert len(functions) >= 7
    problems = []
    for signature, relid in functions:
        if relid == 0 and signature.endswith("touch_updated_at()"):
            continue  # a trigger function not attached anywhere cannot be checked without a table
        rows = query(migrated_db, """
            SELECT level, lineno, message FROM plpgsql_check_function_tb(%s::regprocedure, %s::oid::regclass,
                   fatal_errors => false, other_warnings => true, extra_warnings => true)""",
                     (signature, relid))
        problems += [f"{signature} line {line}: {level}: {message}" for level, line, message in rows
                     if level in ("error", "warning", "warning extra")]
    assert problems == []
