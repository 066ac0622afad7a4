"""What every subcommand shares: loading the corpus it was given, writing its tables, and
progress on the terminal. The measures never print; the commands use these."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable


def progress_printer(stream=sys.stderr) -> Callable[[int, int, str], None]:
    """Progress on stderr for long runs (more than 20 files), every 5% or so."""
    def show(done: int, total: int, name: str) -> None:
        if total <= 20:
            return
        step = max(1, total // 20)
        if done == total or done % step == 0:
            print(f"  {done}/{total} files ({name})", file=stream, flush=True)
    return show


def load(args):
    from .corpus import load_corpus
    from .parallel import configure

    configure(getattr(args, "scheduler", None))  # Dask only with --scheduler / DASK_SCHEDULER_ADDRESS
    global OUTPUT_FORMAT
    OUTPUT_FORMAT = getattr(args, "format", None) or "csv"
    from .progress import file_progress

    corpus = load_corpus(args.corpus, manifest=args.manifest, progress=file_progress() or progress_printer())
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return corpus


OUTPUT_FORMAT = "csv"  # the command's --format, set by load()


def write_tables(tables: dict, out: Path, fmt: str | None = None) -> None:
    """Each table as ``out/NAME.csv``, or ``.parquet`` with ``--format parquet`` (needs pyarrow)."""
    fmt = fmt or OUTPUT_FORMAT
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            from .errors import AnalysisError

            raise AnalysisError("--format parquet", "needs pyarrow (pip install pyarrow)") from None
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            table.to_parquet(path, index=False)
        else:
            table.to_csv(path, index=False)
        print(f"wrote {path} ({len(table)} rows)")
