"""What every subcommand shares: checking the output folder before the work, loading the corpus
it was given, and writing its tables through the one safe writer. The measures never print.

The writer is :func:`write_tables` (CSV cells a spreadsheet would run as formulas neutralised,
files written atomically and moved into ``--out`` together with a ``run.json``; see
:mod:`analysis.outputs_atomic`). Every command writes through it, ``Corpus.to_csv`` included.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable

from .errors import AnalysisError
from .logs import progress_bar
from .outputs_atomic import (file_sha256, neutralise_cell, neutralised, publish, publish_tables,  # noqa: F401
                             write_csv, write_text)
from .paths import is_inside

LOGGER = logging.getLogger(__name__)
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")
OPTION_FILES = ("manifest", "actors", "lexicon_additions", "codebook", "codes")

# what run.json says about the run in progress: set by the command line, completed by load()
_RUN: dict = {}


def start_run(command: str, arguments: list[str]) -> None:
    """Begin the record of a command-line run (its ``run.json``)."""
    from . import __version__

    _RUN.clear()
    _RUN.update({"command": command, "version": __version__, "arguments": list(arguments), "inputs": {}})


def run_record() -> dict:
    """The record of the run so far (empty outside the command line)."""
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in _RUN.items()}


def progress_printer(stream=sys.stderr) -> Callable[[int, int, str], None]:
    """Progress on the terminal for long runs (a tqdm bar; nothing when not interactive)."""
    return progress_bar("files", stream)


def load(args):
    """The corpus named on the command line, with its stories (the manifest's, the rest found), so
    that every command compares the same stories; warnings are logged as they are found."""
    from .corpus import load_corpus
    from .parallel import configure
    from .stories import with_stories

    configure(getattr(args, "scheduler", None))  # Dask only with --scheduler / DASK_SCHEDULER_ADDRESS
    corpus = load_corpus(args.corpus, manifest=args.manifest, progress=progress_printer(),
                         follow_symlinks=getattr(args, "follow_symlinks", False))
    if _RUN:
        _RUN["corpus"] = str(corpus.root)
        _RUN["inputs"].update(corpus.inputs)
        for option in OPTION_FILES:
            value = getattr(args, option, None)
            if value and os.path.isfile(value):
                _RUN["inputs"][str(value)] = file_sha256(value)
    if len(corpus.excluded):
        LOGGER.warning("%d article(s) not in English left out of the measures", len(corpus.excluded))
    return with_stories(corpus)




def write_tables(tables: dict, out: Path, fmt: str | None = None) -> list[Path]:
    """Write each table as ``out/NAME.csv`` (or ``NAME.parquet`` with ``fmt="parquet"`` (the command's ``--format``), which
    needs pyarrow): neutralised, all files together, with ``run.json``."""
    if fmt == "parquet":
        written = publish(out, {f"{name}.parquet": _parquet_writer(table) for name, table in tables.items()},
                          run_record() or None)
    else:
        written = publish_tables(out, tables, run_record() or None)
    for path, table in zip(written, tables.values()):
        print(f"wrote {_shown(path)} ({len(table)} rows)")
    return written


def _parquet_writer(table):
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise AnalysisError("--format parquet", "needs pyarrow (pip install pyarrow)") from None
    return lambda path: table.to_parquet(path, index=False)


def record_report(out: Path, files: list[Path], args) -> Path:
    """Write ``out/run.json`` for a report run: the pages, tables and figures it wrote and the
    inputs' checksums (the report itself moves its files into place together)."""
    import json

    from .corpus import input_checksums

    record = run_record()
    record["corpus"] = str(args.corpus) if args.corpus else "data"
    record["inputs"] = input_checksums(args.corpus, manifest=args.manifest,
                                       follow_symlinks=getattr(args, "follow_symlinks", False))
    for option in OPTION_FILES:
        value = getattr(args, option, None)
        if value and os.path.isfile(value):
            record["inputs"][str(value)] = file_sha256(value)
    out = Path(out)
    record["files"] = [os.path.relpath(f, out) for f in files]
    return write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", out / "run.json")


def _shown(path: Path) -> str:
    from .errors import printable

    return printable(path)


def check_output_folder(out: str | Path, corpus: str | Path | None, option: str = "--out") -> None:
    """Refuse, before any work, an output folder that cannot hold the results or would endanger
    the input: a file or device, a system folder, a read-only place, the corpus folder itself,
    a folder inside it (the next run would read the results as articles) or one containing it."""
    from .paths import DEFAULT_CORPUS

    out = Path(out)
    real = os.path.realpath(out)
    for system in SYSTEM_FOLDERS:
        if is_inside(real, system):
            raise AnalysisError(out, f"{option} is under {system}, not a folder for results")
    if os.path.lexists(out) and not out.is_dir():
        raise AnalysisError(out, f"{option} exists and is not a folder")
    root = Path(corpus) if corpus is not None else DEFAULT_CORPUS
    if root.is_file() and is_inside(os.path.realpath(root), real):
        # a one-table corpus: its folder could hold an output of the same name (articles.csv, ...)
        raise AnalysisError(out, f"{option} contains the corpus file {root}; choose another folder")
    if root.is_dir():
        real_root = os.path.realpath(root)
        if real == real_root:
            raise AnalysisError(out, f"{option} is the corpus folder; results would overwrite or mix with the input")
        if is_inside(real, real_root):
            raise AnalysisError(out, f"{option} lies inside the corpus folder {root}; choose a folder outside it")
        if is_inside(real_root, real):
            raise AnalysisError(out, f"{option} contains the corpus folder {root}; choose a folder beside it")
    existing = Path(real)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise AnalysisError(out, f"{option}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise AnalysisError(out, f"{option} cannot be written ({existing} is read-only or not yours)")
