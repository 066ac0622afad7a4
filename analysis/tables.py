"""One-table corpora: a CSV, JSON Lines or Parquet file with one article per row.

A row needs its text (a ``text`` column or an alias such as ``content``, ``body``, ``maintext``)
or its page (``html``); ``id, outlet, title, date, url, story, language`` are taken where present,
under the names common scrapers and archives export (``analysis/data/table_columns.yaml``).
Other columns are kept and passed through to the articles table. A row with empty or binary
text is skipped with a warning naming its row and id; a table without a text column is an
:class:`AnalysisError`. This module only reads the table: :mod:`analysis.corpus` cleans and
segments the rows exactly as it does files (HTML extraction included).

Parquet (a file, or a folder of them: one dataset) is read lazily, a partition of row groups at
a time and within it a batch of rows at a time (:func:`parquet_plan`, :func:`parquet_part_rows`), so
a folder larger than the memory never is in memory at once; with a Dask scheduler the partitions
are read by the workers. It needs ``pyarrow`` (in the ``test`` and ``dask`` extras, not in the
plain install: a 55 MB wheel, 170 MB installed, for one input form), imported only when Parquet
is read, with a one-line error saying how to install it.
"""
from __future__ import annotations

import csv
import json
import os
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
    first_line = 2 if path.suffix.lower() == ".csv" else 1
    return list(rows_of(path, columns, records, warnings, reserved=reserved, first=first_line))


def text_columns(path: Path, columns: list[str]) -> dict[str, str]:
    """Field -> column of a table, or a one-line error when it has no text column."""
    chosen = match_columns(columns)
    if "text" not in chosen and "html" not in chosen:
        hint = ("; a manifest (id, path, ...) goes inside the corpus folder: give the folder"
                if "path" in {_normal(c) for c in columns} else "")
        raise AnalysisError(path, "table has no text column (looked for text, content, body, article, "
                                  f"maintext, html and others; found: {', '.join(columns) or 'no header'}){hint}")
    return chosen


def rows_of(path: Path, columns: list[str], records, warnings: list[InputWarning], *,
            reserved: tuple[str, ...] = (), first: int = 1, unique_ids: bool = True):
    """The articles of ``records`` (rows of ``path`` numbered from ``first``), one at a time;
    unusable rows become warnings. Ids used twice are renamed unless ``unique_ids`` is off (the
    caller then does it over the whole corpus)."""
    chosen = text_columns(path, columns)
    extra_columns = [c for c in columns if c not in chosen.values()]
    renamed = {c: (f"table_{c}" if c in reserved or c in FIELDS else c) for c in extra_columns}
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=first):
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
        if unique_ids and article_id in seen:
            warnings.append(InputWarning(where, f"id '{article_id}' already used by row {seen[article_id]}",
                                         f"kept as '{article_id}-{number}'"))
            article_id = f"{article_id}-{number}"
        seen[article_id] = number
        meta["id"] = article_id
        if meta.get("outlet"):
            meta["outlet"] = _outlet_name(meta["outlet"])
        extra = {renamed[c]: _as_text(record.get(c)) for c in extra_columns}
        yield TableRow(where, article_id, text, fmt, meta, extra)


# --- Parquet, lazily ------------------------------------------------------------------------

PARQUET_SUFFIX = ".parquet"
ROWS_PER_PART = 2000  # rows per partition (whole row groups): a task's share of a Parquet dataset
ROWS_PER_BATCH = 500  # rows in memory at once while a partition is read


@dataclass
class ParquetPart:
    """Whole row groups of one Parquet file: the unit a worker reads."""

    path: str  # as the warnings name it
    row_groups: list[int]
    first_row: int  # number of the part's first row in its file (from 1)
    rows: int
    location: str = ""  # where a worker reads it (absolute: its working folder is not ours)


def _pyarrow_parquet(path):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise AnalysisError(path, "reading Parquet needs pyarrow, which is not installed "
                                  "(pip install pyarrow), or save the table as CSV or JSON Lines") from None
    return pq


def parquet_files(root: Path, *, follow_symlinks: bool = False,
                  warnings: list[InputWarning] | None = None) -> list[Path]:
    """The Parquet files of a dataset: the file itself, or those in a folder (and its subfolders,
    as Hive-style partitioned datasets have them), in path order; hidden files left out, and links
    to files outside the folder skipped with a warning unless ``follow_symlinks``."""
    from .paths import is_inside

    if root.is_file():
        return [root]
    real_root = os.path.realpath(root)
    files = []
    for p in sorted(root.rglob(f"*{PARQUET_SUFFIX}")):
        if not p.is_file() or any(part.startswith((".", "_")) for part in p.relative_to(root).parts):
            continue
        if not follow_symlinks and not is_inside(os.path.realpath(p), real_root):
            if warnings is not None:
                warnings.append(InputWarning(str(p), "links to a file outside the corpus folder",
                                             "skipped; pass --follow-symlinks to read it"))
            continue
        files.append(p)
    return files


def hive_partition_values(path: Path) -> dict[str, str]:
    """The ``key=value`` folders a Hive-partitioned dataset puts a file in (``outlet=Alpha/``):
    columns whose values live only in the folder names."""
    from urllib.parse import unquote

    values = {}
    for folder in path.parent.parts:
        key, sep, value = folder.partition("=")
        if sep and key and not key.startswith((".", "_")):
            values[unquote(key)] = unquote(value)
    return values


def is_parquet_dataset(root: Path) -> bool:
    """A Parquet file, or a folder of Parquet files with no .txt/.html article beside them."""
    if root.is_file():
        return root.suffix.lower() == PARQUET_SUFFIX
    if not root.is_dir():
        return False
    try:
        names = [p.suffix.lower() for p in root.iterdir() if not p.name.startswith(".")]
    except OSError:
        return False
    return not {".txt", ".html", ".htm"} & set(names) and bool(parquet_files(root))


def parquet_plan(files: list[Path], rows_per_part: int | None = None) -> list[ParquetPart]:
    """Partitions of whole row groups of each file, about ``rows_per_part`` rows each, from the
    files' footers only (no row is read); a file without a text column or not readable as
    Parquet is a one-line error before any work."""
    pq = _pyarrow_parquet(files[0] if files else "parquet")
    rows_per_part = rows_per_part or ROWS_PER_PART
    parts: list[ParquetPart] = []
    for path in files:
        try:
            meta = pq.ParquetFile(path).metadata
        except Exception as exc:  # pyarrow raises its own error types for broken files
            raise AnalysisError(path, f"not a readable Parquet file ({exc})") from None
        text_columns(path, list(meta.schema.to_arrow_schema().names))
        first, groups, rows = 1, [], 0
        for group in range(meta.num_row_groups):
            groups.append(group)
            rows += meta.row_group(group).num_rows
            if rows >= rows_per_part:
                parts.append(ParquetPart(str(path), groups, first, rows, os.path.abspath(path)))
                first, groups, rows = first + rows, [], 0
        if groups or not parts or parts[-1].path != str(path):
            parts.append(ParquetPart(str(path), groups, first, rows, os.path.abspath(path)))
    return parts


def parquet_part_rows(part: ParquetPart, warnings: list[InputWarning], *, reserved: tuple[str, ...] = (),
                      batch_size: int | None = None):
    """The articles of one partition, read a batch of rows at a time (ids left as given: the
    merge makes them unique over the whole dataset)."""
    pq = _pyarrow_parquet(part.path)
    path = Path(part.path)
    if not part.row_groups:
        return
    try:
        handle = pq.ParquetFile(part.location or path)
        columns = list(handle.schema_arrow.names)
        hive = {k: v for k, v in hive_partition_values(path).items() if k not in columns}
        columns += list(hive)  # a partitioned dataset's outlet (etc.) from its folder names
        batches = handle.iter_batches(batch_size=batch_size or ROWS_PER_BATCH, row_groups=part.row_groups)
        first = part.first_row
        for batch in batches:
            rows = batch.to_pylist()
            if hive:
                rows = [{**row, **hive} for row in rows]
            yield from rows_of(path, columns, rows, warnings, reserved=reserved, first=first,
                               unique_ids=False)
            first += batch.num_rows
    except AnalysisError:
        raise
    except Exception as exc:  # a file changed or broken after planning
        raise AnalysisError(path, f"not a readable Parquet file ({exc})") from None
