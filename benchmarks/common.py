"""Benchmark corpora built from the real seed sentences: distinct texts, real sentence lengths."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def seed_sentences() -> list[str]:
    """Real news sentences: the seed articles' and the events40 corpus's, each retold for a
    few stories (story-specific names and numbers, see generator.py), about 2,400 sentences."""
    from generator import sentence_pool, story_text

    narrative, quotes = sentence_pool()
    real = list(narrative) + [f'"{q}," said the spokesperson.' for q in quotes]
    return [story_text(s, story) for story in range(4) for s in real]


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


def timed_pair(theirs, ours, items: list, blocks: int = 10):
    """Both functions over the same items, alternating block by block so that load from other
    programs on a shared machine weighs on both alike: (their seconds, our seconds, their
    results, our results as a list of per-block outputs)."""
    size = max(1, -(-len(items) // blocks))
    their_time = our_time = 0.0
    their_out, our_out = [], []
    for start in range(0, len(items), size):
        block = items[start:start + size]
        seconds, result = timed(theirs, block)
        their_time += seconds
        their_out.extend(result)
        seconds, result = timed(ours, block)
        our_time += seconds
        our_out.append(result)
    return their_time, our_time, their_out, our_out
