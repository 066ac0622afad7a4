"""Sentiment: sentences per second, ours against vaderSentiment's own loop, in one run
(alternating blocks of sentences), every score checked equal.

Usage: python benchmarks/sentiment.py [N_SENTENCES]   (default 100,000 distinct sentences)
"""
from __future__ import annotations

import sys

import pandas as pd

from common import timed, timed_pair, unique_sentences


def vader_loop(texts):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(t) for t in texts]


def main(n: int = 100_000) -> float:
    from analysis.sentiment import score_sentences

    texts = unique_sentences(n)
    score_sentences(texts[:10]), vader_loop(texts[:10])  # load the lexicons outside the timing
    theirs_time, ours_time, reference, tables = timed_pair(vader_loop, score_sentences, texts)
    table = pd.concat(tables, ignore_index=True)
    assert table.to_dict("records") == reference, "scores differ from vaderSentiment"
    print(f"sentiment: {n:,} distinct sentences")
    print(f"  vaderSentiment loop:              {n / theirs_time:10,.0f} sentences/s")
    print(f"  analysis.sentiment.score_sentences: {n / ours_time:8,.0f} sentences/s")
    ratio = theirs_time / ours_time
    print(f"  ours runs at {ratio:.2f}x vaderSentiment's speed (floor: 0.90)")
    repeated = texts[: n // 2] * 2  # syndicated news repeats sentences; we score each text once
    rep_theirs, _ = timed(vader_loop, repeated)
    rep_ours, _ = timed(score_sentences, repeated)
    print(f"  with half the sentences repeated: {rep_theirs / rep_ours:.2f}x")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
