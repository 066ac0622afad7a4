"""Diagnostics: where the package's log messages and progress bars go.

Modules log through ``logging.getLogger(__name__)`` (as trafilatura does) and never print; the
package's root logger has a ``NullHandler``, so a notebook or a library user sees nothing unless
they ask. The command line calls :func:`configure`: one line per message on stderr, ``warning:
...``, with control characters escaped, and ``-v``/``-q`` choose the level. Progress over many
files is a tqdm bar on an interactive terminal only (never in a report or a log file).
"""
from __future__ import annotations

import logging
import sys
from typing import Callable

from .errors import printable

PACKAGE_LOGGER = "analysis"
LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO, 2: logging.DEBUG}


class OneLineFormatter(logging.Formatter):
    """``level: message`` on one line, control characters escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {printable(record.getMessage())}"


def configure(verbosity: int = 0, stream=None) -> logging.Logger:
    """Send the package's messages to stderr: ``verbosity`` -1 errors only (``-q``), 0 warnings,
    1 information (``-v``), 2 debugging (``-vv``)."""
    logger = logging.getLogger(PACKAGE_LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "_analysis_cli", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(OneLineFormatter())
    handler._analysis_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(LEVELS[max(-1, min(2, verbosity))])
    logger.propagate = False
    return logger


def progress_bar(description: str = "files", stream=None) -> Callable[[int, int, str], None]:
    """A ``progress(done, total, name)`` callback drawing a tqdm bar on an interactive terminal,
    silent elsewhere and when only errors are shown (``-q``)."""
    stream = stream or sys.stderr
    quiet = not logging.getLogger(PACKAGE_LOGGER).isEnabledFor(logging.WARNING)
    interactive = hasattr(stream, "isatty") and stream.isatty()
    state: dict = {}

    def show(done: int, total: int, name: str) -> None:
        if quiet or not interactive or total <= 20:
            return
        from tqdm import tqdm

        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = tqdm(total=total, desc=description, unit="file", file=stream, leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
    return show
