"""Word lists that several measures share, loaded once.

* Dale-Chall's list of familiar words, as textstat ships it: readability counts "difficult"
  words against it; actor detection and the lexicon-gap table use it as "common English".
* Attribution verbs (``data/attribution_verbs.yaml``, neutral vs loaded): framing classifies
  how a quote is attributed; overlap ignores them, since each outlet picks its own verb.

Measures import from here, never from each other.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .paths import package_data


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """Dale-Chall's familiar words (textstat's English list, about 2,900 words)."""
    # textstat's public is_easy_word(word) is not this list: it also calls every word of fewer
    # than two syllables easy. The list itself comes from textstat's backend function (exported in
    # textstat.backend.utils.__all__); the packaged file is the fallback for releases without it.
    # That function reads textstat's resources/en/easy_words.txt; read here first, without importing
    # textstat (which imports NLTK, SciPy and scikit-learn: 1.2 s in every worker process)
    # (tests/test_framing_engine.py checks the two give the same words).
    import importlib.util

    spec = importlib.util.find_spec("textstat")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "resources" / "en" / "easy_words.txt"
        if path.is_file():
            with open(path, encoding="utf-8") as handle:
                return frozenset(line.strip() for line in handle)
    try:
        from textstat.backend.utils import get_lang_easy_words
    except ImportError:
        get_lang_easy_words = None
    if get_lang_easy_words is not None:
        return frozenset(get_lang_easy_words("en"))
    import importlib.resources

    ref = importlib.resources.files("textstat").joinpath("resources/en/easy_words.txt")
    with ref.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle)


@lru_cache(maxsize=4)
def load_attribution_verbs(path: str | None = None) -> dict[str, str]:
    """Verb form -> "neutral" or "loaded"."""
    import yaml

    with open(path or package_data("attribution_verbs.yaml"), encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {str(v).lower(): kind for kind in ("neutral", "loaded") for v in raw.get(kind, [])}
