"""Document similarity: how alike two whole news documents are, as a reader would rate them.

Each document is one TF-IDF vector over its content words (lower-cased, stop words dropped,
Porter-stemmed), with sublinear term frequency (1 + log tf), and the cosine of two vectors is
their similarity. The IDF blends two estimates of how telling a word is:

* the corpus's own (scikit-learn's smoothed IDF): what the documents at hand share;
* a background IDF from English word frequencies (``data/word_frequencies_en.csv``, from the
  ``wordfreq`` package's data): a word's chance of appearing in a document of
  :data:`BACKGROUND_LENGTH` words, 1 - exp(-frequency * length), and IDF = -log of that chance.

A small corpus cannot tell on its own which words are telling: in 50 documents of which ten are
about one war, "Taliban" looks common and counts little, while a word two unrelated documents
happen to share counts much. The background corrects that (as LSA does with a background corpus);
the corpus IDF keeps names and terms the background does not know.

Measured on ``tests/data/docsim_dev`` (real news openings, pairs rated 1-5 by hand, blind, in the
form of Lee, Pincombe & Welsh 2005; see ``tests/test_docsim.py``): see the README's figures.
"""
from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

log = logging.getLogger(__name__)

# chosen on the first halves of the development set's two parts (tests/test_docsim.py): the
# background's share of the IDF, the document length its frequencies are read at, and the
# frequency given to a word the background list lacks (names, rare terms)
BACKGROUND_WEIGHT = 0.5
BACKGROUND_LENGTH = 300
UNKNOWN_FREQUENCY = 1e-7
# up to this many articles, every pair gets a document similarity (19,900 pairs); above it only
# the pairs overlap compares, so that large corpora stay linear
ALL_PAIRS_UP_TO = 200
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1_000_000)
def _content_stem(token: str) -> str:
    """The Porter stem of a token ("" for a stop word or a one-character word); once per token."""
    word = token.split("'")[0]
    return "" if len(word) < 2 or word in _stop_words() else _stemmer().stem(word)


def content_stems(text: str) -> list[str]:
    """Lower-cased words of two or more characters, English stop words dropped, Porter stems
    ("fires" and "fire" -> "fire")."""
    return [s for s in map(_content_stem, _TOKEN.findall(text.lower().replace("’", "'"))) if s]


@lru_cache(maxsize=1)
def background_frequencies() -> dict[str, float]:
    """Frequency per word token of each stem in English at large (``data/word_frequencies_en.csv``:
    stem and Zipf value, log10 of the frequency per billion words)."""
    from .paths import package_data

    frequencies = {}
    with open(package_data("word_frequencies_en.csv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.startswith("stem,"):
                continue
            stem, zipf = line.rstrip("\n").rsplit(",", 1)
            frequencies[stem] = 10 ** (float(zipf) - 9)
    return frequencies


def background_idf(stems: Sequence[str], length: int = BACKGROUND_LENGTH,
                   unknown: float = UNKNOWN_FREQUENCY) -> "np.ndarray":
    """-log of the chance that a document of ``length`` words contains each stem, from its
    background frequency (``unknown`` for stems the list lacks)."""
    import numpy as np

    known = background_frequencies()
    frequency = np.array([known.get(s, unknown) for s in stems], dtype=float)
    return -np.log(-np.expm1(-frequency * length))


class DocumentSpace:
    """TF-IDF vectors of a set of documents (rows normalised to unit length), fitted once."""

    def __init__(self, documents: Sequence[str], background_weight: float = BACKGROUND_WEIGHT):
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        counter = CountVectorizer(analyzer=content_stems)
        try:
            counts = counter.fit_transform(documents).astype(float).tocsr()
        except ValueError:  # no content word in any document
            from scipy.sparse import csr_matrix

            self.vectors = csr_matrix((len(documents), 1))
            return
        counts.data = 1 + np.log(counts.data)  # sublinear term frequency
        self.vectors = normalize(counts.multiply(self.idf(counts, counter.get_feature_names_out(),
                                                          background_weight)[None, :]).tocsr())

    @staticmethod
    def idf(counts: "csr_matrix", stems: Sequence[str], background_weight: float) -> "np.ndarray":
        """The blended IDF: each estimate scaled to mean 1 over the corpus's stems, then mixed."""
        import numpy as np

        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        corpus = np.log((1 + n) / (1 + df)) + 1
        background = background_idf(stems)
        return (background_weight * background / background.mean()
                + (1 - background_weight) * corpus / corpus.mean())

    def pair_similarity(self, first, second) -> "np.ndarray":
        """Cosine of document ``first[k]`` with document ``second[k]``, for every k."""
        import numpy as np

        if not len(first):
            return np.zeros(0)
        return np.asarray(self.vectors[first].multiply(self.vectors[second]).sum(axis=1)).ravel()

    def matrix(self) -> "np.ndarray":
        """Cosine of every document with every document (small corpora)."""
        return (self.vectors @ self.vectors.T).toarray()


def document_similarity(documents: Sequence[str]) -> "np.ndarray":
    """Similarity of every pair of ``documents`` (a square matrix, 1 on the diagonal for
    documents with content words)."""
    return DocumentSpace(documents).matrix()


def all_pairs(n: int, limit: int | None = None) -> tuple["np.ndarray", "np.ndarray"]:
    """Positions (i, j), i < j, of every pair of ``n`` documents, or none above ``limit``
    documents (default :data:`ALL_PAIRS_UP_TO`)."""
    import numpy as np

    if n > (ALL_PAIRS_UP_TO if limit is None else limit) or n < 2:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    first, second = np.triu_indices(n, k=1)
    return first.astype(int), second.astype(int)


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation (NaN when either side is constant)."""
    from scipy.stats import pearsonr

    if len(set(x)) < 2 or len(set(y)) < 2:
        return math.nan
    return float(pearsonr(x, y).statistic)
