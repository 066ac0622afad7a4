"""Benchmark corpora built from the real seed sentences: distinct texts, real sentence lengths."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def seed_sentences() -> list[str]:
    from analysis import load_corpus

    return list(load_corpus().body()["text"])


def articles(n: int, sentences_per_article: int = 30, seed: int = 0) -> list[str]:
    """``n`` distinct articles of real sentences (about 550 words each), shuffled with a seed."""
    pool = seed_sentences()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        picked = rng.sample(pool, min(sentences_per_article, len(pool)))
        # a number per article keeps every text distinct, so no cache can answer a repeat
        picked[0] = f"{picked[0][:-1]} ({i})."
        paragraphs = [" ".join(picked[j:j + 3]) for j in range(0, len(picked), 3)]
        out.append("\n\n".join(paragraphs))
    return out


def unique_sentences(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct sentences: real sentences, each made unique by a trailing number."""
    pool = seed_sentences()
    rng = random.Random(seed)
    return [f"{rng.choice(pool)} ({i})" for i in range(n)]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result
