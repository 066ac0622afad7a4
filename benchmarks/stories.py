"""Story finding at scale: generated corpora of many same-type stories (tests/synthetic_news.py),
time and pairwise precision/recall, against an all-pairs reference (scikit-learn's
cosine_similarity over the same TF-IDF vectors, which is what the blocking avoids).

    .venv/bin/python benchmarks/stories.py [N ...]     (default 2000 10000)
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def run(n: int) -> None:
    from sklearn.metrics import adjusted_rand_score
    from sklearn.metrics.cluster import pair_confusion_matrix
    from sklearn.metrics.pairwise import cosine_similarity

    from analysis import load_corpus
    from analysis.stories import article_vectors, find_stories
    from synthetic_news import generate, write_csv

    rows = generate(n, n_outlets=20)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        corpus = load_corpus(write_csv(rows, Path(folder) / "corpus.csv"))
        loaded = time.perf_counter() - start
    start = time.perf_counter()
    table = find_stories(corpus)
    ours = time.perf_counter() - start
    matrix, _ = article_vectors(corpus)
    start = time.perf_counter()
    cosine_similarity(matrix, dense_output=False)
    all_pairs = time.perf_counter() - start
    truth = table["article"].map({r["id"]: r["story"] for r in rows})
    (_, fp), (fn, tp) = pair_confusion_matrix(truth, table["story"])
    print(f"{n} articles ({truth.nunique()} stories, 20 outlets): load {loaded:.1f} s; stories {ours:.1f} s "
          f"(all-pairs cosine alone {all_pairs:.1f} s); pairwise precision {tp / (tp + fp):.3f}, "
          f"recall {tp / (tp + fn):.3f}, ARI {adjusted_rand_score(truth, table['story']):.3f}")


def main(sizes=(2000, 10000)) -> None:
    for n in sizes:
        run(n)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or (2000, 10000))
