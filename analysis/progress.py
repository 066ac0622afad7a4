"""Progress bars for long stages, on a terminal only.

A bar (tqdm) is shown when stderr is a terminal, ``MEDIA_ANALYSIS_PROGRESS`` is not ``0`` and the
command line was not told to be quiet (``-q``; as :func:`analysis.logs.progress_bar` for files):
never in the HTML reports (papermill runs the notebooks without a terminal), in CI logs or in
files. Stages shorter than ``min_total`` steps get no bar at all.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Iterable, TypeVar

T = TypeVar("T")
PROGRESS_ENV = "MEDIA_ANALYSIS_PROGRESS"


def enabled(stream=None) -> bool:
    """Whether bars are shown: a terminal on ``stream`` (stderr) and not switched off."""
    if os.environ.get(PROGRESS_ENV, "").strip().lower() in ("0", "false", "no", "off"):
        return False
    if not logging.getLogger("analysis").isEnabledFor(logging.WARNING):  # -q
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

