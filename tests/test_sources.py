"""sql/src holds the current definition of every function and view, equal to what the migrations
build; a changed source becomes a migration whose rollback restores the previous definition."""

from __future__ import annotations

import shutil

import psycopg
import pytest

from conftest import ROOT, query
from pgpattern.migrations import Migrator
from pgpattern.sources import (
    LOAD_ORDER,
    SOURCES_DIR,
    SourceError,
    catalog_objects,
    changed_objects,
    load_order,
    undefined,
    write_migration,
)


def test_every_source_file_is_in_the_load_order_once():
    files = sorted(str(p.relative_to(SOURCES_DIR)) for p in SOURCES_DIR.rglob("*.sql"))
    order = load_order()
    assert len(order) == len(set(order)), "a file is listed twice in sql/src/load_order.txt"
    assert sorted(order) == files, f"sql/src/{LOAD_ORDER} and the files under sql/src differ"


def test_the_sources_define_exactly_what_the_migrations_build(migrated_db):
    built, loaded = changed_objects(migrated_db)
    assert len(built) > 200
    assert undefined(built) == [], "objects the migrations build that no source defines"
    assert sorted(set(loaded) - set(built)) == [], "sources the migrations do not build: run `make migration`"
    changed = sorted(k for k in built if built[k] != loaded[k])
    assert changed == [], "sources that differ from what the migrations build: run `make migration NAME=...`"


@pytest.fixture
def sources_copy(tmp_path):
    target = tmp_path / "src"
    shutil.copytree(SOURCES_DIR, target)
    return target


def test_a_changed_source_becomes_a_migration_whose_rollback_restores_the_old_definition(
        db, migrations_copy, sources_copy):
    with Migrator(db, migrations_copy) as m:
        m.migrate()
    with psycopg.connect(db) as conn:
        before = catalog_objects(conn)
    assert write_migration("patterns_nothing_changed", db, sources_copy, migrations_copy) is None

    # A body and a comment change; a new function in a new file.
    erfc = sources_copy / "patterns" / "erfc.sql"
    erfc.write_text(erfc.read_text().replace("(one expression, inlined by the planner)", "(one expression)"))
    (sources_copy / "patterns" / "halved.sql").write_text(
        "CREATE OR REPLACE FUNCTION patterns.halved(p_x double precision) RETURNS double precision\n"
        "    LANGUAGE sql IMMUTABLE AS $$ SELECT p_x / 2 $$;\n"
        "COMMENT ON FUNCTION patterns.halved(double precision) IS 'Half of x.';\n")
    (sources_copy / LOAD_ORDER).write_text((sources_copy / LOAD_ORDER).read_text() + "patterns/halved.sql\n")

    forward, rollback = write_migration("patterns_erfc_comment", db, sources_copy, migrations_copy)
    assert forward.name.endswith("_patterns_erfc_comment.sql")
    assert "patterns.halved" in forward.read_text() and "(one expression)" in forward.read_text()
    assert "DROP FUNCTION patterns.halved(double precision);" in rollback.read_text()

    with Migrator(db, migrations_copy) as m:
        assert m.migrate() == [forward.name.removesuffix(".sql")]
        assert query(db, "SELECT patterns.halved(3)") == [(1.5,)]
        assert query(db, "SELECT obj_description('patterns.erfc(double precision)'::regprocedure)") == [
            ("The complementary error function erfc(z), to a relative error below 1.2e-7 (one expression).",)]
        assert write_migration("patterns_again", db, sources_copy, migrations_copy) is None
        m.rollback(steps=1)
    with psycopg.connect(db) as conn:
        assert catalog_objects(conn) == before


def test_a_function_without_source_is_refused_by_name(db, migrations_copy, sources_copy):
    with Migrator(db, migrations_copy) as m:
        m.migrate()
    (sources_copy / "patterns" / "erfc.sql").unlink()
    order = sources_copy / LOAD_ORDER
    order.write_text(order.read_text().replace("patterns/erfc.sql\n", ""))
    with pytest.raises(SourceError, match=r"no source file defines function patterns\.erfc\(double precision\)"):
        write_migration("patterns_lost", db, sources_copy, migrations_copy)


def test_make_migration_is_documented_where_newcomers_look():
    assert "make migration NAME=" in (ROOT / "README.md").read_text()

