"""Writing result files safely: the one CSV writer, atomic files, and runs that appear whole.

* CSV cells that a spreadsheet would run as a formula (text starting with ``= + - @``, a tab or a
  carriage return: OWASP's list for CSV injection) are written with a leading ``'``, which makes
  Excel, LibreOffice and Google Sheets show them as text. Only the CSV files are changed: the
  tables in memory and the reports keep the original text.
* Every file is written under a temporary name in the same folder and renamed into place, so a
  reader never sees half a file.
* A run's files are written into a hidden staging folder inside the output folder and moved into
  place only when all of them are written, together with ``run.json`` (command, version, the
  inputs' checksums, the files written). An interrupted or failed run leaves the earlier files
  as they were.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .errors import AnalysisError

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RUN_RECORD = "run.json"
STAGING_PREFIX = ".partial-"


def neutralise_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula; a bare
    carriage return becomes a newline (Python's csv writer would not quote it, splitting the row)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def neutralised(table: "pd.DataFrame") -> "pd.DataFrame":
    """A copy of ``table`` safe to open in a spreadsheet: every text cell and header neutralised."""
    out = table.copy(deep=False)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in table.columns]
    for position, dtype in enumerate(table.dtypes):
        if dtype.kind in "biufcmM":  # numbers, booleans and dates are written as such
            continue
        values = table.iloc[:, position].astype(object)
        if any(isinstance(v, str) and (v.startswith(FORMULA_START) or "\r" in v) for v in values):
            out.isetitem(position, values.map(neutralise_cell))
    return out


CSV_PIECE_ROWS = 20_000  # a table this long or longer is written in pieces of these many rows


def write_csv(table: "pd.DataFrame", path: str | Path) -> Path:
    """Write ``table`` as CSV (no index), neutralised, atomically (temporary file, then rename).

    A long table is neutralised and formatted in pieces of rows, on the run's worker processes
    when there are (:func:`analysis.parallel.map_local`): each row is formatted on its own, so the
    pieces joined are the bytes of the whole (as pandas itself writes in chunks)."""
    path = Path(path)
    if len(table) < 2 * CSV_PIECE_ROWS:
        safe = neutralised(table)
        with atomic_path(path) as tmp:
            safe.to_csv(tmp, index=False)
        return path
    from .parallel import map_local

    pieces = [(table.iloc[start:start + CSV_PIECE_ROWS], start == 0)
              for start in range(0, len(table), CSV_PIECE_ROWS)]
    text = "".join(map_local(csv_piece, pieces, desc="csv"))
    with atomic_path(path) as tmp:
        tmp.write_bytes(text.encode("utf-8"))
    return path


def csv_piece(piece: tuple) -> str:
    """(rows of a table, whether to write the header) -> their CSV text, neutralised."""
    rows, header = piece
    return neutralised(rows).to_csv(index=False, header=header)


def write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` (UTF-8) atomically."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to write to; renamed to ``path`` when the block ends
    without an error, removed otherwise."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise AnalysisError(path.parent, f"cannot write here ({exc.strerror or exc})") from None
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise AnalysisError(path, f"cannot be written ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def file_sha256(path: str | Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(out: str | Path, writers: dict[str, Callable[[Path], object]],
            record: dict | None = None) -> list[Path]:
    """Write a run's files into ``out`` all together, or none of them.

    ``writers`` maps a file name to a function that writes that file at the path it is given.
    Each is written into a staging folder inside ``out``; only when every file is written are
    they moved into place (renames, with Ctrl-C held back for those few milliseconds), followed
    by ``run.json`` (``record`` plus the list of files). Returns the paths written.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise AnalysisError(out, f"cannot write here ({exc.strerror or exc})") from None
    try:
        for name, write in writers.items():
            try:
                write(stage / name)
            except OSError as exc:
                raise AnalysisError(out / name, f"cannot be written ({exc.strerror or exc})") from None
        names = list(writers)
        run = {**(record or {}), "files": names}
        (stage / RUN_RECORD).write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for name in [*names, RUN_RECORD]:
            target = out / name
            if target.is_dir() and not target.is_symlink():
                raise AnalysisError(target, "is a folder; cannot replace it with the output file")
        with interrupts_held():
            for name in [*names, RUN_RECORD]:
                try:
                    os.replace(stage / name, out / name)
                except OSError as exc:
                    raise AnalysisError(out / name, f"cannot be written ({exc.strerror or exc})") from None
    except OSError as exc:
        raise AnalysisError(out, f"cannot be written ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / name for name in writers]


def publish_tables(out: str | Path, tables: dict[str, "pd.DataFrame"], record: dict | None = None) -> list[Path]:
    """:func:`publish` for tables: ``NAME.csv`` per table, written by :func:`write_csv`."""
    def writer(table):
        return lambda path: write_csv(table, path)

    return publish(out, {f"{name}.csv": writer(table) for name, table in tables.items()}, record)


def earlier_outputs(folder: Path) -> set[str]:
    """Names of the files a run of ours wrote into ``folder`` (from its ``run.json``), so they
    are never read back as input."""
    path = folder / RUN_RECORD
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 1 << 20:  # never a pipe, device or giant
            return set()
        run = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = run.get("files") if isinstance(run, dict) else None
    return {str(f) for f in files} | {RUN_RECORD} if isinstance(files, list) else set()


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back SIGINT/SIGTERM while files are moved into place; deliver them afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, frame: pending.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in pending:
            signal.raise_signal(sig)
