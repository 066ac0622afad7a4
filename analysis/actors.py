"""Actors: the people and institutions to follow, the names outlets use for them, and where
each is mentioned.

Actors come from a YAML file (``actors: {name: [alias, ...]}``; ``actors.yaml`` beside the corpus
by default) or, without one, from the multi-word capitalised names found in most articles (a
heuristic: list actors for real work). Sentiment (per actor), framing (speakers, labels) and the
summary all use :func:`find_mentions` from here, so an actor is found the same way everywhere.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

ACTORS_FILE = "actors.yaml"


def load_actors(path: str | Path) -> dict[str, list[str]]:
    """Actor -> aliases, from YAML (``actors: {name: [alias, ...]}``)."""
    import yaml

    from .errors import AnalysisError

    try:
        with open(path, encoding="utf-8") as handle:
            raw = (yaml.safe_load(handle) or {}).get("actors", {})
        actors = {str(name): [str(a) for a in (aliases or [])] or [str(name)] for name, aliases in raw.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
        raise AnalysisError(path, f"not an actors file ({exc.__class__.__name__})") from None
    if not actors:
        raise AnalysisError(path, "no actors listed (expected 'actors: {name: [aliases]}')")
    return actors


def actors_for(corpus: "Corpus", path: str | Path | None = None) -> dict[str, list[str]]:
    """The actors to look for: ``path``, else ``actors.yaml`` beside the corpus, else detected."""
    if path is not None:
        return load_actors(path)
    if corpus.root is not None:
        beside = (corpus.root if corpus.root.is_dir() else corpus.root.parent) / ACTORS_FILE
        if beside.is_file():
            return load_actors(beside)
    return detect_actors(corpus)


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")


def detect_actors(corpus: "Corpus", top: int = 6) -> dict[str, list[str]]:
    """Actors when none are listed: the multi-word capitalised names found in most articles,
    each matched by its full form, first and last word. A heuristic: list actors for real work."""
    from .lexicons import easy_words

    common = easy_words()
    counts: Counter = Counter()
    articles: dict[str, set] = {}
    for row in corpus.body().itertuples(index=False):
        for match in _NAME.finditer(row.text):
            words = match.group(0).split()
            while words and words[0].lower() in common:  # "The Kardashians"
                words.pop(0)
            candidates = [words]
            if match.start() == 0 and len(words) > 2:  # "Later Maria Lopez": maybe a capitalised opener
                candidates.append(words[1:])
            for candidate in candidates:
                if len(candidate) >= 2:
                    name = " ".join(candidate)
                    counts[name] += 1
                    articles.setdefault(name, set()).add(row.article)
    ranked = sorted(counts, key=lambda n: (-len(articles[n]), -counts[n], n))
    chosen: dict[str, list[str]] = {}
    for name in ranked:
        if any(name in other or other in name for other in chosen):
            continue
        parts = name.split()
        short = [p for p in (parts[0], parts[-1]) if p.lower() not in common and len(p) > 2]
        chosen[name] = list(dict.fromkeys([name, *short]))
        if len(chosen) == top:
            break
    return chosen


@lru_cache(maxsize=16)
def _alias_patterns(actors_key: tuple[tuple[str, tuple[str, ...]], ...]):
    patterns = []
    for actor, aliases in actors_key:
        for alias in aliases:
            flags = 0 if alias[:1].isupper() else re.IGNORECASE
            body = r"\s+".join(re.escape(part) for part in alias.split())
            patterns.append((actor, alias, re.compile(rf"(?<![\w’'-]){body}(?![\w-])", flags)))
    return patterns


def find_mentions(text: str, actors: Mapping[str, list[str]]) -> list[tuple[str, str, int, int]]:
    """Actor mentions in a text: (actor, alias as written, start, end); longest match wins overlaps.
    A possessive ("Kim's", "Kardashian’s") counts as a mention."""
    key = tuple((a, tuple(al)) for a, al in actors.items())
    found = []
    for actor, _alias, pattern in _alias_patterns(key):
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), actor, match.group(0), match.end()))
    found.sort()
    taken: list[tuple[int, int]] = []
    mentions = []
    for start, _neg, actor, written, end in sorted(found, key=lambda f: (f[1], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        mentions.append((actor, written, start, end))
    return sorted(mentions, key=lambda m: m[2])


def actor_mentions(sentences: "pd.DataFrame", actors: Mapping[str, list[str]]) -> "pd.DataFrame":
    """One row per sentence and actor it mentions: the sentence's own columns (scores included,
    if the table has them) plus ``actor`` and ``as_written`` (the names used, in order)."""
    import pandas as pd

    keep = [c for c in sentences.columns if c not in ("actor", "as_written")]
    rows = []
    for values in sentences[keep].itertuples(index=False, name=None):
        row = dict(zip(keep, values))
        seen: dict[str, list[str]] = {}
        for actor, written, _s, _e in find_mentions(row["text"], actors):
            seen.setdefault(actor, []).append(written)
        for actor, written in seen.items():
            rows.append({**row, "actor": actor, "as_written": " | ".join(dict.fromkeys(written))})
    front = [c for c in ("article", "label", "index") if c in keep]
    columns = front + ["actor", "as_written"] + [c for c in keep if c not in front]
    return pd.DataFrame(rows, columns=columns)
