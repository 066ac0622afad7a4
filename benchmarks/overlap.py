"""Overlap at scale: how time grows from 100 to 10,000 articles (MinHash LSH candidates).

Usage: python benchmarks/overlap.py [N ...]   (default 100 1000 10000)

The corpus: stories of three articles each, built from the real seed sentences; every story gets
its own vocabulary (each word carries a story tag), so articles of one story overlap like real
coverage of one event and articles of different stories share no words, as in a news archive.
Prints seconds per stage, candidate pairs against all pairs, and the growth factor.
"""
from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

from common import seed_sentences


def story_corpus(n_articles: int, folder: Path, seed: int = 0) -> None:
    pool = seed_sentences()
    rng = random.Random(seed)
    for k in range(n_articles):
        story = k // 3
        tag = format(story, "x")
        picked = random.Random(story).sample(pool, 24)  # the story's facts
        chosen = rng.sample(picked, 16)  # each outlet reports two thirds of them
        text = " ".join(re.sub(r"[A-Za-z]{3,}", lambda m, t=tag: f"{m.group(0)}q{t}", s) for s in chosen)
        (folder / f"a{k:05d}.txt").write_text(text, encoding="utf-8")


def main(sizes=(100, 1000, 10_000)) -> None:
    from analysis import load_corpus, overlap

    previous = None
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            story_corpus(n, Path(tmp))
            start = time.perf_counter()
            corpus = load_corpus(tmp)
            loaded = time.perf_counter()
            matches = overlap.sentence_matches(corpus)
            aligned = time.perf_counter()
            pairs = overlap.outlet_similarity(corpus, matches)
            done = time.perf_counter()
        all_pairs = n * (n - 1) // 2
        total = done - loaded
        growth = f", x{total / previous[1]:.1f} time for x{n / previous[0]:.0f} articles" if previous else ""
        print(f"overlap: {n:6,} articles: load {loaded - start:6.1f} s, align {aligned - loaded:6.1f} s, "
              f"pairs {done - aligned:6.1f} s; {len(pairs):,} candidate pairs of {all_pairs:,}; "
              f"{len(matches):,} aligned sentences{growth}")
        previous = (n, total)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100, 1000, 10_000))
