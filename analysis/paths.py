"""The one place that knows where things live: package data, default corpus, outputs, cache."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent
DEFAULT_CORPUS = PROJECT_ROOT / "data"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def is_inside(path: str, folder: str) -> bool:
    """Whether real path ``path`` is ``folder`` or lies below it (both already resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (lexicons, cue lists, codebooks)."""
    return PACKAGE_DATA / name


def cache_dir() -> Path:
    """Per-user cache for converted language resources.

    ``ANALYSIS_CACHE_DIR`` wins, then ``XDG_CACHE_HOME``, then ``~/.cache``.
    """
    explicit = os.environ.get("ANALYSIS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "comparative-media-analysis"
