"""Subcommands of the measures; each loads the corpus, computes its tables and writes CSV."""
from __future__ import annotations

from .cli import _load, _write, register
