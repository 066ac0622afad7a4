"""Comparative media analysis: readability, framing, sentiment and coverage overlap across outlets.

Data flows one way: files -> :func:`load_corpus` (cleaned articles and sentences) -> measure
tables -> figures and reports. Heavy libraries (pandas, nltk, matplotlib) load only when a
function needs them, so ``import analysis`` stays cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load_corpus", "Corpus", "AnalysisError", "__version__"]


def _point_nltk_at_cache() -> None:
    """Let NLTK (and textstat through it) find our offline resources once built; no I/O here."""
    import os
    import sys

    from .paths import cache_dir

    ours = str(cache_dir() / "nltk_data")
    if "nltk.data" in sys.modules:
        path = sys.modules["nltk.data"].path
        if ours not in path:
            path.insert(0, ours)
    elif ours not in os.environ.get("NLTK_DATA", "").split(os.pathsep):
        os.environ["NLTK_DATA"] = os.pathsep.join(p for p in (ours, os.environ.get("NLTK_DATA")) if p)


_point_nltk_at_cache()


def __getattr__(name: str):
    if name in ("load_corpus", "Corpus"):
        from . import corpus

        return getattr(corpus, name)
    if name == "AnalysisError":
        from .errors import AnalysisError

        return AnalysisError
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def _silent_by_default() -> None:
    """A library logs, the application decides what to show (the CLI does, see analysis.logs)."""
    import logging

    logging.getLogger(__name__).addHandler(logging.NullHandler())


_silent_by_default()
