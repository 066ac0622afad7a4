"""One-table corpora: a CSV, JSON Lines or Parquet file with one article per row.

A row needs its text (a ``text`` column or an alias such as ``content``, ``body``, ``maintext``)
or its page (``html``); ``id, outlet, title, date, url, story, language`` are taken where present,
under the names common scrapers and archives export (``analysis/data/table_columns.yaml``).
Other columns are kept and passed through to the articles table. A row with empty or binary
text is skipped with a warning naming its row and id; a table without a text column is an
:class:`AnalysisError`. This module only reads the table: :mod:`analysis.corpus` cleans and
segments the rows exactly as it does files (HTML extraction included).

Parquet needs ``pyarrow``, which is not a dependency (about 40 MB of wheels for one input form):
it is imported only when a Parquet file is read, with a one-line error saying how to install it.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import AnalysisError, InputWarning
from .paths import package_data

TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
FIELDS = ("text", "html", "id", "outlet", "title", "date", "url", "story", "language")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#:]+)", re.IGNORECASE)


@dataclass
class TableRow:
    """One article of a table: where it is (for warnings), its id, raw text and format, metadata."""

    where: str
    id: str
    text: str
    format: str  # "txt" or "html" (html still to be extracted)
    meta: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)


def is_table(path: Path) -> bool:
    """True for a file whose suffix makes it a one-table corpus."""
    return path.is_file() and path.suffix.lower() in TABLE_SUFFIXES


@lru_cache(maxsize=1)
def column_aliases() -> dict[str, list[str]]:
    """Field -> accepted column names (normalised), from ``table_columns.yaml``."""
    import yaml

    with open(package_data("table_columns.yaml"), encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {name: [_normal(a) for a in raw.get(name, [name])] for name in FIELDS}


def _normal(name: str) -> str:
    return _NOT_ALNUM.sub("", str(name).lower())


def match_columns(columns: list[str]) -> dict[str, str]:
    """Field -> the table's column that holds it (first alias present wins; a column serves once)."""
    by_normal: dict[str, str] = {}
    for column in columns:
        by_normal.setdefault(_normal(column), column)
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for name, aliases in column_aliases().items():
        for alias in aliases:
            column = by_normal.get(alias)
            if column is not None and column not in used:
                chosen[name] = column
                used.add(column)
                break
    return chosen


def read_records(path: Path) -> tuple[list[str], list[dict]]:
    """Column names and rows (dicts of str) of a CSV, JSON Lines or Parquet file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path)
    if suffix == ".parquet":
        return _read_parquet(path)
    raise AnalysisError(path, f"not a table file ({', '.join(sorted(TABLE_SUFFIXES))})")


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies exceed csv's 128 kB default
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
            handle.seek(0)
            # the header names the delimiter; sniffing article bodies full of commas and quotes does not
            delimiter = max(",;\t|", key=header.count) if header.count(",") == 0 else ","
            dialect = csv.excel
            reader = csv.DictReader(handle, dialect=dialect, delimiter=delimiter)
            columns = [c for c in (reader.fieldnames or []) if c is not None]
            rows = [{k: v for k, v in row.items() if k is not None} for row in reader]
    except UnicodeDecodeError as exc:
        raise AnalysisError(path, f"table is not UTF-8 text (byte at offset {exc.start}); re-save it as UTF-8") from None
    except csv.Error as exc:
        raise AnalysisError(path, f"table is not valid CSV ({exc})") from None
    return columns, rows


def _flatten(record: dict, prefix: str = "") -> dict:
    """Nested JSON objects become dotted columns ("source": {"name": ...} -> "source.name")."""
    flat: dict = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _read_jsonl(path: Path) -> tuple[list[str], list[dict]]:
    columns: dict[str, None] = {}
    rows = []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise AnalysisError(f"{path}:{number}", f"not a JSON object ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise AnalysisError(f"{path}:{number}", "each line must be one JSON object (one article)")
                record = _flatten(record)
                columns.update(dict.fromkeys(record))
                rows.append(record)
    except UnicodeDecodeError as exc:
        raise AnalysisError(path, f"table is not UTF-8 text (byte at offset {exc.start})") from None
    return list(columns), rows


def _read_parquet(path: Path) -> tuple[list[str], list[dict]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise AnalysisError(path, "reading Parquet needs pyarrow, which is not installed "
                                  "(pip install pyarrow), or save the table as CSV or JSON Lines") from None
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises its own error types for broken files
        raise AnalysisError(path, f"not a readable Parquet file ({exc})") from None
    return list(table.column_names), table.to_pylist()


def _as_text(value) -> str:
    """A cell as text: lists joined (authors, tags), missing values empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(v) for v in value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return "\x00"  # flagged as binary below
    return str(value)


def _is_binary(text: str) -> bool:
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in sample or control / max(len(sample), 1) > 0.05


def _outlet_name(value: str) -> str:
    """An outlet given as a URL (some exports put the source page there) becomes its host name."""
    host = _URL.match(value.strip())
    return host.group(1).lower().removeprefix("www.") if host else value.strip()


def table_rows(path: str | Path, warnings: list[InputWarning], *,
               reserved: tuple[str, ...] = ()) -> list[TableRow]:
    """The articles of a one-table corpus, in table order; unusable rows become warnings.

    ``reserved`` names columns the caller computes itself: extra columns with those names are
    passed through as ``table_<name>``.
    """
    path = Path(path)
    columns, records = read_records(path)
    chosen = match_columns(columns)
    if "text" not in chosen and "html" not in chosen:
        hint = ("; a manifest (id, path, ...) goes inside the corpus folder: give the folder"
                if "path" in {_normal(c) for c in columns} else "")
        raise AnalysisError(path, "table has no text column (looked for text, content, body, article, "
                                  f"maintext, html and others; found: {', '.join(columns) or 'no header'}){hint}")
    extra_columns = [c for c in columns if c not in chosen.values()]
    renamed = {c: (f"table_{c}" if c in reserved or c in FIELDS else c) for c in extra_columns}
    rows: list[TableRow] = []
    seen: dict[str, int] = {}
    first_line = 2 if path.suffix.lower() == ".csv" else 1
    for number, record in enumerate(records, start=first_line):
        meta = {name: _as_text(record.get(column)).strip() for name, column in chosen.items()
                if name not in ("text", "html")}
        article_id = meta.get("id") or f"row{number}"
        where = f"{path}:{'line' if path.suffix.lower() == '.csv' else 'row'} {number} (id {article_id})"
        text, fmt = _as_text(record.get(chosen["text"])) if "text" in chosen else "", "txt"
        if not text.strip() and "html" in chosen:
            text, fmt = _as_text(record.get(chosen["html"])), "html"
        if not text.strip():
            warnings.append(InputWarning(where, "empty text", "row skipped"))
            continue
        if _is_binary(text):
            warnings.append(InputWarning(where, "binary data, not text", "row skipped"))
            continue
        if article_id in seen:
            warnings.append(InputWarning(where, f"id '{article_id}' already used by row {seen[article_id]}",
                                         f"kept as '{article_id}-{number}'"))
            article_id = f"{article_id}-{number}"
        seen[article_id] = number
        meta["id"] = article_id
        if meta.get("outlet"):
            meta["outlet"] = _outlet_name(meta["outlet"])
        extra = {renamed[c]: _as_text(record.get(c)) for c in extra_columns}
        rows.append(TableRow(where, article_id, text, fmt, meta, extra))
    return rows
