"""Progress bars for long stages, on a terminal only.

A bar (tqdm) is shown when stderr is a terminal and ``MEDIA_ANALYSIS_PROGRESS`` is not ``0``:
never in the HTML reports (papermill runs the notebooks without a terminal), in CI logs or in
files. Stages shorter than ``min_total`` steps get no bar at all.
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, TypeVar

T = TypeVar("T")
PROGRESS_ENV = "MEDIA_ANALYSIS_PROGRESS"


def enabled(stream=None) -> bool:
    """Whether bars are shown: a terminal on ``stream`` (stderr) and not switched off."""
    if os.environ.get(PROGRESS_ENV, "").strip().lower() in ("0", "false", "no", "off"):
        return False
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


def progress(items: Iterable[T], *, desc: str = "", total: int | None = None,
             min_total: int = 2) -> Iterable[T]:
    """``items``, with a progress bar on the terminal when there are at least ``min_total``."""
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if not enabled() or (total is not None and total < min_total):
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, leave=False, file=sys.stderr, dynamic_ncols=True)


def file_progress(desc: str = "reading articles", min_total: int = 200):
    """A ``progress(done, total, name)`` callback for :func:`analysis.corpus.load_corpus` that
    draws a bar on a terminal, or ``None`` when no bar is shown (the caller keeps its own)."""
    if not enabled():
        return None
    bar = None

    def show(done: int, total: int, name: str) -> None:
        nonlocal bar
        if total < min_total:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc=desc, leave=False, file=sys.stderr, dynamic_ncols=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return show
