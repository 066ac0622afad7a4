"""Errors and warnings about user input: one line, naming the file and the problem."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


def printable(text: object) -> str:
    """``text`` safe to print on a terminal: control characters and invisible format characters
    shown as escapes, so a file name with a newline or ANSI codes cannot forge a line or recolour
    the screen."""
    text = str(text)
    return "".join(_escape(c) if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def _escape(ch: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) <= 0xFF else f"\\u{ord(ch):04x}")


class AnalysisError(Exception):
    """A problem with the user's input that stops the run; printed as one line, no traceback."""

    def __init__(self, where: str | Path, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{printable(self.where)}: {printable(problem)}")

    def __reduce__(self):
        # raised in a worker process, it must cross back whole: the default pickling would call
        # __init__ with the one formatted message and fail, and the pool would report a broken pool
        return type(self), (self.where, self.problem)


@dataclass(frozen=True)
class InputWarning:
    """A problem with one input file that the rest of the corpus can go on without."""

    file: str
    problem: str
    action: str

    def __str__(self) -> str:
        return printable(f"{self.file}: {self.problem} ({self.action})")
