"""Readability: our one-pass table against calling textstat's functions one by one.

Usage: python benchmarks/readability.py [N_ARTICLES]   (default 1,000 articles of ~550 words)
Prints both timings and the ratio; also checks that every value is equal.
"""
from __future__ import annotations

import sys

import pandas as pd

from common import articles, timed_pair


def textstat_loop(texts):
    import textstat

    from analysis.readability import COUNTS, FORMULAS

    rows = []
    for text in texts:
        row = {}
        for name in FORMULAS + COUNTS:
            function = getattr(textstat, name)
            row[name] = function(text, float_output=True) if name == "text_standard" else function(text)
        rows.append(row)
    return rows


def main(n: int = 1000) -> float:
    from analysis.readability import COUNTS, FORMULAS, scores
    from analysis.resources import ensure_resources

    ensure_resources()
    texts = articles(n)
    # warm both: dictionary loading is a one-off cost for each, not what we compare
    scores(texts[:2]), textstat_loop(["Warm up the dictionaries. Both of them."])
    theirs_time, ours_time, reference, tables = timed_pair(textstat_loop, scores, texts)
    table = pd.concat(tables, ignore_index=True)
    mismatches = sum(table.loc[i, k] != reference[i][k] for i in range(n) for k in FORMULAS + COUNTS)
    words = int(table["lexicon_count"].sum())
    print(f"readability: {n} articles, {words:,} words")
    print(f"  textstat, function by function: {theirs_time:8.2f} s")
    print(f"  analysis.readability.scores:    {ours_time:8.2f} s")
    print(f"  ratio textstat / ours: {theirs_time / ours_time:.1f}x   (values differing: {mismatches})")
    return theirs_time / ours_time


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
