"""Comparative media analysis: readability, framing, sentiment and coverage overlap across outlets.

Data flows one way: files -> :func:`load_corpus` (cleaned articles and sentences) -> measure
tables -> figures and reports. Heavy libraries (pandas, nltk, matplotlib) load only when a
function needs them, so ``import analysis`` stays cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load_corpus", "Corpus", "AnalysisError", "__version__"]


def __getattr__(name: str):
    if name in ("load_corpus", "Corpus"):
        from . import corpus

        return getattr(corpus, name)
    if name == "AnalysisError":
        from .errors import AnalysisError

        return AnalysisError
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
