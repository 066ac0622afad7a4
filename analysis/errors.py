"""Errors and warnings about user input: one line, naming the file and the problem."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AnalysisError(Exception):
    """A problem with the user's input that stops the run; printed as one line, no traceback."""

    def __init__(self, where: str | Path, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")


@dataclass(frozen=True)
class InputWarning:
    """A problem with one input file that the rest of the corpus can go on without."""

    file: str
    problem: str
    action: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem} ({self.action})"
