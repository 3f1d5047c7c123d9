"""The api lists come in pages: a default limit, a bounded p_limit, and the next page after p_after."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row

from conftest import query, run_cli
from gitrepo import GitRepo
from pgpattern import report

# Each pattern list, with arguments that reach all of its rows, and the column that names a row.
LISTS = {
    "pattern_cooccurrence_search": ("'big'", "file_path_1 || ' ' || file_path_2"),
    "pattern_temporal_get": ("'big', p_active_only => false", "pattern_type || ' ' || discovered_at"),
    "pattern_developer_profile": ("'big'", "author_email"),
    "pattern_risk_files": ("'big'", "file_path"),
    "pattern_insights_get": ("'big'", "insight_type || ' ' || subject"),
}


@pytest.fixture(scope="module")
def big_db(cluster, migrated_template, tmp_path_factory):
    """A project with more than 100 files (magnitude patterns), 66 pairs that tie on every score, 4 authors,
    and two discovery runs (inactive temporal rows too); built once for the module."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    query(cluster.conninfo("postgres"), sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
        sql.Identifier(name), sql.Identifier(migrated_template)))
    conninfo = cluster.conninfo(name)
    repo = GitRepo(tmp_path_factory.mktemp("big") / "big")
    repo.commit("feat: everything", files={f"src/f{i:03d}.py": "1\n" for i in range(130)})
    authors = [("Ann", "ann@example.com"), ("Bob", "bob@example.com"), ("Cy", "cy@example.com"),
               ("Di", "di@example.com")]
    for i in range(32):  # temporal patterns need 30 commits
        repo.commit(f"fix: module {i}", files={f"mod/g{j:02d}.py": f"{i}\n" for j in range(12)}, author=authors[i % 4],
                    date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z")
    assert run_cli("ingest", "--dsn", conninfo, str(repo.path), "--project", "big").returncode == 0
    query(conninfo, "SELECT patterns.discover_patterns('big')")
    query(conninfo, "SELECT patterns.discover_patterns('big')")
    yield name
    query(cluster.conninfo("postgres"), sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def big(cluster, big_db) -> str:
    """The module's project, read only."""
    return cluster.conninfo(big_db)


@pytest.fixture
def big_copy(cluster, big_db):
    """A copy of the module's project that a test may change."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    query(cluster.conninfo("postgres"), sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
        sql.Identifier(name), sql.Identifier(big_db)))
    yield cluster.conninfo(name)
    query(cluster.conninfo("postgres"), sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def walk(conn: psycopg.Connection, function: str, args: str, size: int) -> list[dict]:
    """Every row of a list, p_limit rows a page, each page after the last row of the one before."""
    rows, after = [], None
    while True:
        page = conn.execute(f"SELECT * FROM api.{function}({args}, p_limit => %s, p_after => %s)",
                            (size, after)).fetchall()
        assert len(page) <= size
        rows += page
        if len(page) < size:
            return rows
        after = page[-1]["id"]


def test_a_list_returns_100_rows_unless_asked_for_more(big):
    assert query(big, "SELECT count(*) FROM api.pattern_risk_files('big')") == [(100,)]
    assert query(big, "SELECT count(*) FROM api.pattern_cooccurrence_search('big')") == [(66,)]
    total = query(big, "SELECT count(*) FROM patterns.change_magnitude_patterns WHERE is_active")[0][0]
    assert total > 100
    assert query(big, "SELECT count(*) FROM api.pattern_risk_files('big', p_limit => 1000)") == [(total,)]


@pytest.mark.parametrize("function", list(LISTS))
def test_pages_follow_each_other_without_overlap_or_gap(big, function):
    args, name = LISTS[function]
    with psycopg.connect(big, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("SET ROLE pgpattern_reader")
        whole = conn.execute(f"SELECT * FROM api.{function}({args}, p_limit => 1000)").fetchall()
        assert len(whole) >= 3
        for size in (1, 2, 7):
            assert walk(conn, function, args, size) == whole, f"pages of {size}"
        # Pages of exactly the list's length: the next one is empty.
        assert conn.execute(f"SELECT count(*) AS n FROM api.{function}({args}, p_after => %s)",
                            (whole[-1]["id"],)).fetchone()["n"] == 0
        names = [r["n"] for r in conn.execute(f"SELECT {name} AS n FROM api.{function}({args}, p_limit => 1000)")]
        assert len(set(names)) == len(names)


def test_the_next_page_keeps_its_place_after_a_new_discovery(big_copy):
    big = big_copy
    first = query(big, "SELECT file_path, id FROM api.pattern_risk_files('big', p_limit => 40)")
    before = [r[0] for r in query(big, "SELECT file_path FROM api.pattern_risk_files('big', p_limit => 1000)")]
    query(big, "SELECT patterns.discover_patterns('big')")  # new rows, new ids; the cursor row is now inactive
    after = query(big, "SELECT file_path FROM api.pattern_risk_files('big', p_limit => 40, p_after => %s)",
                  (first[-1][1],))
    assert [r[0] for r in first] + [r[0] for r in after] == before[:80]


@pytest.mark.parametrize("function", list(LISTS))
def test_a_bad_limit_is_refused_naming_p_limit(big, function):
    args, _ = LISTS[function]
    for limit in ("0", "1001", "-5", "NULL"):
        with pytest.raises(psycopg.errors.InvalidParameterValue,
                           match=f"p_limit must be between 1 and 1000, not {limit}") as error:
            query(big, f"SELECT * FROM api.{function}({args}, p_limit => {limit})")
        assert "p_after" in error.value.diag.message_hint


def test_an_unknown_cursor_is_refused_naming_p_after(big):
    stranger = query(big, "SELECT id FROM patterns.temporal_patterns LIMIT 1")[0][0]
    with pytest.raises(psycopg.errors.InvalidParameterValue,
                       match=f"p_after {stranger} is not a row of api.pattern_risk_files in project big") as error:
        query(big, "SELECT * FROM api.pattern_risk_files('big', p_after => %s)", (stranger,))
    assert error.value.diag.message_hint == "start again from the first page (p_after NULL)"


def test_the_report_reads_every_page_it_needs(big, monkeypatch):
    whole = report.build_report(big, "big", limit=150)
    monkeypatch.setattr(report, "PAGE", 4)
    paged = report.build_report(big, "big", limit=150)
    assert paged.sections == whole.sections
    assert len(paged.sections["couplings"]) == 66 and len(paged.sections["risk_files"]) == 142
    assert "id" not in paged.sections["risk_files"][0]
    assert len(report.build_report(big, "big", limit=3).sections["risk_files"]) == 3
