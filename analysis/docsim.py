"""Document similarity: how alike two whole news documents are, as a reader would rate them.

Each document is one TF-IDF vector over its content words (lower-cased, stop words dropped,
Porter-stemmed), with sublinear term frequency (1 + log tf), and the cosine of two vectors is
the main part of their similarity (a topic cosine, below, is the rest). The IDF blends two
estimates of how telling a word is:

* the corpus's own (scikit-learn's smoothed IDF): what the documents at hand share;
* a background IDF from English word frequencies (``data/word_frequencies_en.csv``, from the
  ``wordfreq`` package's data): a word's chance of appearing in a document of
  :data:`BACKGROUND_LENGTH` words, 1 - exp(-frequency * length), and IDF = -log of that chance.

A small corpus cannot tell on its own which words are telling: in 50 documents of which ten are
about one war, "Taliban" looks common and counts little, while a word two unrelated documents
happen to share counts much. The background corrects that (as LSA does with a background corpus);
the corpus IDF keeps names and terms the background does not know.

Readers also call two documents alike when they tell the same kind of story in different words (two
obituaries, a fire and a plane crash with deaths), which shared words miss. So the similarity is
``(1 - SEMANTIC_WEIGHT)`` times the TF-IDF cosine plus ``SEMANTIC_WEIGHT`` times a *topic* cosine:
each document's TF-IDF-weighted mean of static word vectors (``data/word_vectors_en.npz``: one
128-dimension vector per stem, distilled once from the all-MiniLM-L6-v2 sentence model by embedding
each English word alone, then PCA; see ``benchmarks/docsim.py --build-word-vectors``; no model is
needed at run time), centred on the corpus's mean document and clipped at 0. Names are left out of
the topic vector: a person or a town says which event, not which kind of event, and its isolated
word vector is noise (they still count fully in the TF-IDF cosine). The first sentence's own
topic vector is added with weight :data:`LEDE_WEIGHT` (0.5) to the whole document's before
normalising: it says what kind of event the story is.

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
# the topic cosine's share of the similarity (chosen on the tuning halves of tests/data/docsim_dev:
# 0.15-0.3 gave the same r; with the lede weight 0.2-0.4 do; see tests/test_docsim.py)
SEMANTIC_WEIGHT = 0.2
# the corpus's mean document is shrunk towards English at large's as if it held this many more
# documents, so that two or three documents are not centred on themselves (which would make any
# two of them opposite)
PRIOR_DOCUMENTS = 5
# the background mean document's length along its direction (a unit topic vector of a typical
# document projects about this much on it)
BACKGROUND_MEAN_LENGTH = 0.75
# the first sentence's extra share of a document's topic vector: news puts the kind of event in its
# lede ("A fire killed five ...", "... died at home, aged 86"); chosen on the tuning halves (0.5 and
# 1 gave the same r, 0 lost 0.016 on part one and 0.017 on part two)
LEDE_WEIGHT = 0.5
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# the same tokens with their case, and sentence ends: to tell names (capitalised inside a sentence)
_CASED_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[.!?]")


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


def _lede(text: str) -> str:
    """The first sentence of a document."""
    from .segmentation import sentence_spans

    head = text[:1000]  # a first sentence is shorter; splitting a whole long article would be waste
    spans = sentence_spans(head)
    return head[:spans[0][1]] if spans else ""


def name_stems(documents: Sequence[str]) -> frozenset[str]:
    """Stems written with a capital inside a sentence (not after . ! ? or at the start) in more than
    half of their occurrences in ``documents``: names of people, places and organisations."""
    capitalised: dict[str, int] = {}
    seen: dict[str, int] = {}
    for text in documents:
        sentence_start = True
        for token in _CASED_TOKEN.findall(text.replace("’", "'")):
            if token in ".!?":
                sentence_start = True
                continue
            stem = _content_stem(token.lower())
            if stem:
                seen[stem] = seen.get(stem, 0) + 1
                if token[0].isupper() and not sentence_start:
                    capitalised[stem] = capitalised.get(stem, 0) + 1
            sentence_start = False
    return frozenset(s for s, n in capitalised.items() if 2 * n > seen[s])


@lru_cache(maxsize=1)
def word_vectors() -> tuple[dict[str, int], "np.ndarray"]:
    """Row of each stem and the stems' static word vectors (``data/word_vectors_en.npz``, int8 with
    one scale per row)."""
    import numpy as np

    from .paths import package_data

    with np.load(package_data("word_vectors_en.npz"), allow_pickle=False) as data:
        vectors = data["vectors"].astype(np.float32) * data["scales"][:, None]
        return {s: i for i, s in enumerate(data["stems"].tolist())}, vectors


@lru_cache(maxsize=1)
def background_topic_mean() -> "np.ndarray":
    """The topic vector of a typical English document: the word vectors weighted by each stem's
    chance of appearing in a document of :data:`BACKGROUND_LENGTH` words times its background IDF,
    as a direction of length :data:`BACKGROUND_MEAN_LENGTH`."""
    import numpy as np

    row, vectors = word_vectors()
    stems = list(row)
    frequency = np.array([background_frequencies().get(s, UNKNOWN_FREQUENCY) for s in stems])
    weight = -np.expm1(-frequency * BACKGROUND_LENGTH) * background_idf(stems)
    mean = weight @ vectors[[row[s] for s in stems]]
    return BACKGROUND_MEAN_LENGTH * mean / np.linalg.norm(mean)


class DocumentSpace:
    """TF-IDF vectors of a set of documents (rows normalised to unit length) and their topic
    vectors (unit length, or 0 for a document without a known word), fitted once."""

    def __init__(self, documents: Sequence[str], background_weight: float = BACKGROUND_WEIGHT,
                 semantic_weight: float = SEMANTIC_WEIGHT):
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        self.semantic_weight = semantic_weight
        counter = CountVectorizer(analyzer=content_stems)
        try:
            counts = counter.fit_transform(documents).astype(float).tocsr()
        except ValueError:  # no content word in any document
            from scipy.sparse import csr_matrix

            self.vectors = csr_matrix((len(documents), 1))
            self.topics = np.zeros((len(documents), 1))
            return
        counts.data = 1 + np.log(counts.data)  # sublinear term frequency
        stems = counter.get_feature_names_out()
        idf = self.idf(counts, stems, background_weight)
        self.vectors = normalize(counts.multiply(idf[None, :]).tocsr())
        if not semantic_weight:
            self.topics = np.zeros((len(documents), 1))
            return
        ledes = counter.transform([_lede(d) for d in documents]).astype(float).tocsr()
        ledes.data = 1 + np.log(ledes.data)
        names = name_stems(documents)
        self.topics = self.centred(normalize(self.topic_vectors(self.vectors, stems, names)
                                             + LEDE_WEIGHT * self.topic_vectors(ledes.multiply(idf[None, :]).tocsr(),
                                                                                stems, names)))

    @staticmethod
    def topic_vectors(vectors: "csr_matrix", stems: Sequence[str], names: frozenset[str]) -> "np.ndarray":
        """Each document's TF-IDF-weighted mean word vector (names and unknown stems left out), unit
        length (0 for a document without a known word)."""
        import numpy as np
        from sklearn.preprocessing import normalize

        row, table = word_vectors()
        columns = [j for j, s in enumerate(stems) if s in row and s not in names]
        return normalize(np.asarray(vectors[:, columns] @ table[[row[stems[j]] for j in columns]]))

    @staticmethod
    def centred(topics: "np.ndarray") -> "np.ndarray":
        """Topic vectors less the mean document (the corpus's, shrunk towards
        :func:`background_topic_mean`), unit length: what every news document shares (the genre)
        says nothing about a pair."""
        import numpy as np
        from sklearn.preprocessing import normalize

        known = np.linalg.norm(topics, axis=1) > 0
        mean = (topics[known].sum(axis=0) + PRIOR_DOCUMENTS * background_topic_mean()) / (known.sum() + PRIOR_DOCUMENTS)
        return normalize(np.where(known[:, None], topics - mean, 0.0))

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

    def combine(self, words: "np.ndarray", topics: "np.ndarray") -> "np.ndarray":
        """The similarity from the TF-IDF cosine and the topic cosine. A negative topic cosine (less
        alike than the mean pair) counts as 0: a reader rates all unrelated pairs alike, and the
        spread below 0 was noise on the tuning halves (r 0.59 with it, 0.66 clipped)."""
        import numpy as np

        return (1 - self.semantic_weight) * words + self.semantic_weight * np.clip(topics, 0.0, None)

    def pair_similarity(self, first, second) -> "np.ndarray":
        """Similarity of document ``first[k]`` with document ``second[k]``, for every k."""
        import numpy as np

        if not len(first):
            return np.zeros(0)
        words = np.asarray(self.vectors[first].multiply(self.vectors[second]).sum(axis=1)).ravel()
        return self.combine(words, np.einsum("ij,ij->i", self.topics[first], self.topics[second]))

    def matrix(self) -> "np.ndarray":
        """Similarity of every document with every document (small corpora)."""
        return self.combine((self.vectors @ self.vectors.T).toarray(), self.topics @ self.topics.T)


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
