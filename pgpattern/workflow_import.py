"""`pgpattern import-patterns`: the older pattern stores into workflow.patterns.

Two layouts are read (seed 002): a directory of pattern files by date,
``YYYY/MM/DD/*.json`` or gzip-compressed ``*.json.gz``, with an optional ``index.json``
of pattern id to file at its top and optional SQLite database files (``*.db``,
``*.sqlite``) beside it; or one such SQLite file, whose ``patterns`` table has
``pattern_id, pattern_type, timestamp, data, context, version`` (data and context as
JSON text). Python only reads: every document goes to ``workflow.save_patterns``, which
validates and upserts it by pattern_id, so importing again changes nothing. Whatever
cannot be read or is refused is reported with the reason; the rest is saved in one
transaction.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PgPatternError
from .target import connect, require_migrated

DATE_DIRS = re.compile(r"^\d{4}/\d{2}/\d{2}/[^/]+\.json(\.gz)?$")
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SQLITE_COLUMNS = ("pattern_id", "pattern_type", "timestamp", "data", "context", "version")
SQLITE_REQUIRED = SQLITE_COLUMNS[:4]  # without them no row is a pattern
CHUNK = 500
# No pattern is nested deeper; Python's JSON reader and writer recurse and give up near 1000.
MAX_DEPTH = 100


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("inserted", "updated", "unchanged", "skipped"), 0))
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def skip(self, source: str, reason: str) -> None:
        self.counts["skipped"] += 1
        self.skipped.append((source, reason))

    def as_dict(self) -> dict:
        return {**self.counts, "skipped_items": [{"source": s, "reason": r} for s, r in self.skipped]}


class TooDeep(ValueError):
    """A document nested deeper than MAX_DEPTH levels of arrays and objects."""

    def __init__(self):
        super().__init__(f"JSON nested deeper than {MAX_DEPTH} levels")


def _json(text: str | bytes):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")
    try:
        value = json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise TooDeep() from None
    _check_depth(value)
    return value


def _check_depth(value) -> None:
    """TooDeep when arrays and objects nest deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise TooDeep()
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))


def read_directory(root: Path, report: ImportReport) -> Iterator[tuple[str, object]]:
    """(source, document) for every pattern file under root, then its SQLite files."""
    listed = _read_index(root, report)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if relative == "index.json":
            continue
        if path.parent == root and path.suffix in SQLITE_SUFFIXES:
            yield from read_sqlite(path, report, source=relative)
            continue
        if not relative.endswith((".json", ".json.gz")):
            report.skip(relative, "not a pattern file (*.json or *.json.gz)")
            continue
        if not DATE_DIRS.match(relative):
            report.skip(relative, "outside the YYYY/MM/DD/ layout")
            continue
        try:
            raw = gzip.decompress(path.read_bytes()) if relative.endswith(".gz") else path.read_bytes()
            yield relative, _json(raw)
        except (OSError, EOFError, zlib.error) as e:
            report.skip(relative, f"not a readable gzip file: {e}")
        except TooDeep as e:
            report.skip(relative, str(e))
        except (UnicodeDecodeError, ValueError) as e:
            report.skip(relative, f"not valid JSON: {e}")
    for pattern_id, relative in listed.items():
        if not (root / relative).is_file():
            report.skip(f"index.json: {pattern_id}", f"its file {relative} does not exist")


def _read_index(root: Path, report: ImportReport) -> dict[str, str]:
    """index.json as pattern id -> file.

    {"id": "path"}, {"id": {"path"|"file"|"file_path": ...}} or a list of those objects.
    """
    path = root / "index.json"
    if not path.exists():
        return {}
    try:
        index = _json(path.read_bytes())
    except TooDeep as e:
        report.skip("index.json", str(e))
        return {}
    except (UnicodeDecodeError, ValueError) as e:
        report.skip("index.json", f"not valid JSON: {e}")
        return {}
    entries = index.items() if isinstance(index, dict) else (
        ((e.get("pattern_id"), e) for e in index if isinstance(e, dict)) if isinstance(index, list) else ())
    listed = {}
    for pattern_id, entry in entries:
        where = entry if isinstance(entry, str) else next(
            (entry[k] for k in ("path", "file", "file_path")
             if isinstance(entry, dict) and isinstance(entry.get(k), str)),
            None)
        if pattern_id and where:
            listed[str(pattern_id)] = where
    if not listed:
        report.skip("index.json", "no entry of pattern id and file found in it")
    return listed


def read_sqlite(path: Path, report: ImportReport, source: str | None = None) -> Iterator[tuple[str, object]]:
    """(source, document) for every row of the patterns table of a SQLite file."""
    source = source or path.name
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            present = [row[1] for row in conn.execute("PRAGMA table_info(patterns)")]
            if not present:
                report.skip(source, "no table named patterns in this SQLite database")
                return
            missing = [c for c in SQLITE_REQUIRED if c not in present]
            if missing:
                report.skip(source, f"its patterns table lacks the columns {', '.join(missing)} "
                                    f"(it has {', '.join(present)})")
                return
            columns = [c for c in SQLITE_COLUMNS if c in present]
            rows = conn.execute(f"SELECT rowid, {', '.join(columns)} FROM patterns ORDER BY rowid").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        report.skip(source, f"not a readable SQLite database: {e}")
        return
    for rowid, *values in rows:
        document = dict(zip(columns, values))
        row_source = f"{source} row {rowid}"
        try:
            for key in ("data", "context"):
                if isinstance(document.get(key), (str, bytes)):
                    document[key] = _json(document[key])
        except TooDeep as e:
            report.skip(row_source, f"{key}: {e}")
            continue
        except ValueError as e:
            report.skip(row_source, f"{key} is not valid JSON: {e}")
            continue
        yield row_source, {k: v for k, v in document.items() if v is not None}


def import_patterns(conninfo: str, path: Path, progress: Callable[[str], None] = lambda _: None) -> ImportReport:
    """Reads the files at path and saves their patterns; one transaction for all of them."""
    if not path.exists():
        raise PgPatternError(f"{path} does not exist",
                             hint="give a pattern directory (YYYY/MM/DD/*.json) or a SQLite file")
    report = ImportReport()
    if path.is_dir():
        items = list(read_directory(path, report))
    elif path.read_bytes()[:16] == b"SQLite format 3\0":
        items = list(read_sqlite(path, report))
    else:
        raise PgPatternError(f"{path} is neither a directory nor a SQLite database",
                             hint="give a pattern directory (YYYY/MM/DD/*.json) or a SQLite file")
    progress(f"read {len(items)} patterns from {path} ({len(report.skipped)} unreadable)")
    with connect(conninfo) as conn:
        require_migrated(conn, "workflow.save_patterns", "workflow pattern store")
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            rows = conn.execute("SELECT ordinal, outcome, reason FROM workflow.save_patterns(%s::jsonb)",
                                (json.dumps([document for _, document in chunk]),)).fetchall()
            for ordinal, outcome, reason in rows:
                if outcome == "skipped":
                    report.skip(chunk[ordinal - 1][0], reason)
                else:
                    report.counts[outcome] += 1
            progress(f"saved {min(start + CHUNK, len(items))} of {len(items)}")
    return report
