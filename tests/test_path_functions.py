"""The path functions of the patterns schema answer as the spec reference does, for any path
built of the pieces its rules look at (slashes, dots, test/doc/ci/config names, newlines)."""

from __future__ import annotations

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_reference import file_category, file_extension, parent_dir

PIECES = ["a", "B", ".", "..", "/", "_", "-", "\n", "test", "tests", "test_", "_test.", ".test.", "spec", ".spec.",
          "__tests__", "doc", "docs", "md", ".MD", ".rst", ".txt", ".adoc", ".json", ".Yml", ".lock", ".xml", ".github",
          ".circleci", ".gitlab-ci", "Makefile", "Dockerfile", ".gitignore"]
paths = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(paths, min_size=1, max_size=60))
def test_category_extension_and_parent_directory_follow_the_spec(migrated_db, batch):
    with psycopg.connect(migrated_db) as conn:
        rows = conn.execute("""SELECT p, patterns.file_category(p), patterns.file_extension(p), patterns.parent_directory(p)
                                 FROM unnest(%s::text[]) p""", (batch,)).fetchall()
    assert [(p, file_category(p), file_extension(p), parent_dir(p)) for p in batch] == rows


def test_the_path_functions_are_inlined_into_the_queries_that_call_them(migrated_db):
    # A call costs as much as the expression itself (0682): a discovery calls them per file and change.
    with psycopg.connect(migrated_db) as conn:
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN VERBOSE SELECT patterns.file_category(p), patterns.file_extension(p), patterns.parent_directory(p) "
            "FROM (VALUES ('a/b.c')) v(p)").fetchall())
    assert "file_category" not in plan and "file_extension" not in plan and "parent_directory" not in plan, plan
