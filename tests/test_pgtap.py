"""Runs every pgTAP file under sql/tests with pg_prove; any failing assertion fails pytest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from conftest import ROOT

TAP_FILES = sorted((ROOT / "sql" / "tests").glob("*.sql"))


def test_there_are_pgtap_files():
    assert TAP_FILES, "sql/tests holds no pgTAP file"


@pytest.mark.parametrize("tap_file", TAP_FILES, ids=[p.stem for p in TAP_FILES])
def test_pgtap(cluster, migrated_db, tap_file: Path):
    pg_prove = shutil.which("pg_prove")
    assert pg_prove, "pg_prove not found: install the Debian package libtap-parser-sourcehandler-pgtap-perl"
    with psycopg.connect(migrated_db, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
    dbname = psycopg.conninfo.conninfo_to_dict(migrated_db)["dbname"]
    result = subprocess.run(
        [pg_prove, "--verbose", "-h", str(cluster.run_dir), "-p", str(cluster.port), "-U", "postgres",
         "-d", dbname, str(tap_file)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: PASS" in result.stdout
